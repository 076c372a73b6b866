/**
 * How a tab built from its template looks in Excel and WPS: a bold, frozen, filterable header, the
 * tool's columns in a colour of their own with a note, dropdowns on enum columns and date formats on
 * date columns. Only new tabs and newly appended columns are styled; a user's own layout stays.
 */
import type ExcelJS from 'exceljs'
import { isBlank } from '../../core/cells'
import { normalizeHeader } from '../../core/table'
import { type ColumnTemplate, columnWidth, type TabTemplate } from '../../core/template'
import { parseCellAddress } from './addresses'
import { cellFromExcel, DATE_FORMAT, DATE_TIME_FORMAT } from './cell-values'
import { validationHolder } from './data-validations'

/** Dropdowns and formats reach this far down a new tab; rows below it are typed without a dropdown. */
export const DEFAULT_LAYOUT_ROWS = 5000

export const OWNED_COLUMN_NOTE = '由台账工具自动计算，请勿手工修改'
const TOOL_TAB_NOTE = '本表由台账工具生成，每次运行时整表重写，请勿手工修改'
const LOG_TAB_NOTE = '本表由台账工具逐条追加记录，请勿删改'

const USER_HEADER_FILL = 'FFE2EFDA' // light green: the user's columns
export const OWNED_HEADER_FILL = 'FFD6DCE4' // light grey-blue: computed by the tool
const TOOL_TAB_COLOR = 'FF8EA9DB'
const HEADER_BORDER_COLOR = 'FFA6A6A6'

/** Columns whose text runs long (messages, notes, answers) get a wide column. */

export interface HeaderColumns {
  /** Normalized header text → 1-based column number. */
  readonly byHeader: ReadonlyMap<string, number>
  /** Last column with a header (0 when row 1 is empty). */
  readonly lastHeaderColumn: number
}

/** The header row only: a tab of 200,000 rows is not walked to find its columns. */
export function headerColumns(worksheet: ExcelJS.Worksheet): HeaderColumns {
  const byHeader = new Map<string, number>()
  let lastHeaderColumn = 0
  worksheet.findRow(1)?.eachCell((cell, column) => {
    const value = cellFromExcel(cell)
    if (isBlank(value)) return
    lastHeaderColumn = Math.max(lastHeaderColumn, column)
    const header = normalizeHeader(value)
    if (!byHeader.has(header)) byHeader.set(header, column)
  })
  return { byHeader, lastHeaderColumn }
}

/** Last column that holds anything in any row (0 when the tab is empty): where new headers go. */
export function lastUsedColumn(worksheet: ExcelJS.Worksheet): number {
  let last = 0
  worksheet.eachRow((row) => {
    row.eachCell((cell, column) => {
      if (column > last && !isBlank(cellFromExcel(cell))) last = column
    })
  })
  return last
}

/** Adds a tab laid out from its template, header only. */
export function createTab(
  workbook: ExcelJS.Workbook,
  template: TabTemplate,
  layoutRows: number,
): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(template.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    properties: template.kind === 'tool' ? { tabColor: { argb: TOOL_TAB_COLOR } } : {},
  })
  worksheet.getRow(1).height = 22
  template.columns.forEach((column, index) => {
    layoutColumn(worksheet, template, column, index + 1, layoutRows)
  })
  const first = worksheet.getCell(1, 1)
  if (template.kind === 'tool') first.note = template.appendOnly ? LOG_TAB_NOTE : TOOL_TAB_NOTE
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: template.columns.length } }
  return worksheet
}

/** Appends the template's missing headers after the last used column; returns the headers added. */
export function appendMissingHeaders(
  worksheet: ExcelJS.Worksheet,
  template: TabTemplate,
  layoutRows: number,
): string[] {
  const { byHeader, lastHeaderColumn } = headerColumns(worksheet)
  const missing = template.columns.filter((column) => !byHeader.has(normalizeHeader(column.header)))
  if (missing.length === 0) return []
  const lastUsed = lastUsedColumn(worksheet)
  missing.forEach((column, index) => {
    layoutColumn(worksheet, template, column, lastUsed + index + 1, layoutRows)
  })
  extendAutoFilter(worksheet, lastHeaderColumn, lastUsed + missing.length)
  return missing.map((column) => column.header)
}

function layoutColumn(
  worksheet: ExcelJS.Worksheet,
  template: TabTemplate,
  column: ColumnTemplate,
  columnNumber: number,
  layoutRows: number,
): void {
  const byTool = column.owned === true || template.kind === 'tool'
  const header = worksheet.getCell(1, columnNumber)
  header.value = column.header
  header.style = {
    font: { bold: true, color: { argb: byTool ? 'FF44546A' : 'FF1F1F1F' } },
    fill: {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: byTool ? OWNED_HEADER_FILL : USER_HEADER_FILL },
    },
    alignment: { horizontal: 'center', vertical: 'middle' },
    border: { bottom: { style: 'thin', color: { argb: HEADER_BORDER_COLOR } } },
  }
  const notes = [column.owned ? OWNED_COLUMN_NOTE : undefined, column.note].filter(
    (note) => note !== undefined,
  )
  if (notes.length > 0) header.note = notes.join('\n')

  const sheetColumn = worksheet.getColumn(columnNumber)
  sheetColumn.width = columnWidth(column)
  const numFmt =
    column.type === 'date' ? DATE_FORMAT : column.type === 'datetime' ? DATE_TIME_FORMAT : undefined
  // The column's own style, not Column.numFmt: that setter also restyles every existing cell below.
  if (numFmt !== undefined) sheetColumn.style = { ...sheetColumn.style, numFmt }

  if (column.type === 'enum' && column.options && !column.owned) {
    const letter = sheetColumn.letter
    validationHolder(worksheet).add(`${letter}2:${letter}${layoutRows}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${column.options.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: `“${column.header}”的值无效`,
      error: `请从下拉列表中选择：${column.options.join('、')}`,
    })
  }
}

/** Widens a filter over the header row to the appended columns, when it covered every old header. */
function extendAutoFilter(
  worksheet: ExcelJS.Worksheet,
  lastHeaderColumn: number,
  newLastColumn: number,
): void {
  const filter = worksheet.autoFilter
  if (filter === undefined || filter === null) return
  const from = typeof filter === 'string' ? filter.split(':')[0] : filter.from
  const to = typeof filter === 'string' ? (filter.split(':')[1] ?? from) : filter.to
  const start = typeof from === 'string' ? parseCellAddress(from) : from
  const end = typeof to === 'string' ? parseCellAddress(to) : to
  if (!start || !end || start.row !== 1 || end.column < lastHeaderColumn) return
  worksheet.autoFilter = { from: start, to: { row: end.row, column: newLastColumn } }
}
