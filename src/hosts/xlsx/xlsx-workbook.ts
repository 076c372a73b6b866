/**
 * The local host: the workbook port over an ExcelJS workbook in memory. Reading flattens every
 * ExcelJS value to what the user sees; writing touches only the cells the application names, so a
 * user's other cells, columns, styles, dropdowns, notes and merged ranges stay as they were.
 */
import ExcelJS from 'exceljs'
import { ALL_TEMPLATES } from '../../../sheets-templates'
import type { Cell, OutputCell } from '../../core/cells'
import { normalizeHeader, type SheetTable } from '../../core/table'
import type { TabTemplate } from '../../core/template'
import {
  type CellWrite,
  type ColumnWrite,
  type EnsureResult,
  isLinkedText,
  type LinkedText,
  type WorkbookPort,
} from '../workbook'
import { cellFromExcel, showsDate, valueToExcel } from './cell-values'
import { appendMissingHeaders, createTab, DEFAULT_LAYOUT_ROWS, headerColumns } from './tab-layout'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

export interface XlsxWorkbookOptions {
  readonly timeZone?: string
  /** How far down a new tab the dropdowns and formats reach. */
  readonly layoutRows?: number
}

export class XlsxWorkbook implements WorkbookPort {
  readonly timeZone: string
  private readonly layoutRows: number
  /** A workbook this host starts from nothing gets its tabs in template order. */
  private readonly fresh: boolean

  constructor(
    readonly workbook: ExcelJS.Workbook,
    options: XlsxWorkbookOptions = {},
  ) {
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
    this.layoutRows = options.layoutRows ?? DEFAULT_LAYOUT_ROWS
    this.fresh = workbook.worksheets.length === 0
  }

  tabNames(): readonly string[] {
    return this.workbook.worksheets.map((worksheet) => worksheet.name)
  }

  readTab(name: string): SheetTable | undefined {
    const worksheet = this.workbook.getWorksheet(name)
    if (!worksheet) return undefined
    const cellsByRow: Cell[][] = []
    let width = 0
    let lastRow = 0
    worksheet.eachRow((row, rowNumber) => {
      const cells: Cell[] = []
      let hasValue = false
      row.eachCell((cell, column) => {
        const value = cellFromExcel(cell)
        if (value === null) return
        cells[column - 1] = value
        hasValue = true
        width = Math.max(width, column)
      })
      if (!hasValue) return
      cellsByRow[rowNumber] = cells
      lastRow = rowNumber
    })
    const fill = (cells: Cell[] | undefined): Cell[] =>
      Array.from({ length: width }, (_, i) => cells?.[i] ?? null)
    const rows: Cell[][] = []
    for (let rowNumber = 2; rowNumber <= lastRow; rowNumber++) rows.push(fill(cellsByRow[rowNumber]))
    return { name: worksheet.name, header: fill(cellsByRow[1]), rows }
  }

  writeColumns(name: string, writes: readonly ColumnWrite[]): void {
    const worksheet = this.workbook.getWorksheet(name)
    if (!worksheet) throw new Error(`writeColumns: no tab ${name}`)
    for (const { column, values } of writes) {
      values.forEach((value, index) => {
        writeCell(worksheet.getCell(index + 2, column + 1), value)
      })
    }
  }

  writeCells(name: string, writes: readonly CellWrite[]): void {
    const worksheet = this.workbook.getWorksheet(name)
    if (!worksheet) throw new Error(`writeCells: no tab ${name}`)
    for (const { row, column, value } of writes) writeCell(worksheet.getCell(row, column + 1), value)
  }

  replaceToolTab(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.ensureTab(template)
    const worksheet = this.requireTab(template)
    const columns = this.templateColumns(worksheet, template)
    const oldLastRow = lastRowWithValue(worksheet)
    rows.forEach((cells, index) => {
      columns.forEach((column, i) => {
        writeCell(worksheet.getCell(index + 2, column), cells[i] ?? null)
      })
    })
    // Surplus rows from the previous run are cleared; their formatting stays for the next run.
    for (let row = rows.length + 2; row <= oldLastRow; row++) {
      for (const column of columns) {
        const cell = worksheet.findCell(row, column)
        if (cell && cell.value !== null) cell.value = null
      }
    }
  }

  appendRows(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.ensureTab(template)
    const worksheet = this.requireTab(template)
    const columns = this.templateColumns(worksheet, template)
    const first = lastRowWithValue(worksheet) + 1
    rows.forEach((cells, index) => {
      columns.forEach((column, i) => {
        writeCell(worksheet.getCell(first + index, column), cells[i] ?? null)
      })
    })
  }

  ensureTab(template: TabTemplate, seedRows?: readonly (readonly Cell[])[]): EnsureResult {
    const existing = this.workbook.getWorksheet(template.name)
    if (existing)
      return { created: false, addedHeaders: appendMissingHeaders(existing, template, this.layoutRows) }
    const worksheet = createTab(this.workbook, template, this.layoutRows)
    seedRows?.forEach((cells, index) => {
      template.columns.forEach((_, i) => {
        const value = cells[i] ?? null
        if (value !== null) writeCell(worksheet.getCell(index + 2, i + 1), value)
      })
    })
    if (this.fresh) this.orderTabsByTemplate()
    return { created: true, addedHeaders: [] }
  }

  private requireTab(template: TabTemplate): ExcelJS.Worksheet {
    const worksheet = this.workbook.getWorksheet(template.name)
    if (!worksheet) throw new Error(`tab ${template.name} was not created`)
    return worksheet
  }

  /** 1-based column of each template column, found by header (a user may have moved them). */
  private templateColumns(worksheet: ExcelJS.Worksheet, template: TabTemplate): number[] {
    const { byHeader } = headerColumns(worksheet)
    return template.columns.map((column) => {
      const found = byHeader.get(normalizeHeader(column.header))
      if (found === undefined) throw new Error(`tab ${template.name} has no header ${column.header}`)
      return found
    })
  }

  private orderTabsByTemplate(): void {
    const rank = (worksheet: ExcelJS.Worksheet): number => {
      const index = ALL_TEMPLATES.findIndex((template) => template.name === worksheet.name)
      return index === -1 ? ALL_TEMPLATES.length : index
    }
    // exceljs orders the tabs it writes by each worksheet's `orderNo`, which its types leave out.
    const ordered = this.workbook.worksheets as (ExcelJS.Worksheet & { orderNo: number })[]
    ordered.sort((a, b) => rank(a) - rank(b) || a.orderNo - b.orderNo)
    ordered.forEach((worksheet, index) => {
      worksheet.orderNo = index
    })
  }
}

/**
 * Sets one cell's value. The style object is replaced, never mutated: ExcelJS shares one style
 * object among all the cells loaded with the same style, so mutating it would restyle user cells.
 */
function writeCell(cell: ExcelJS.Cell, value: OutputCell | Cell | LinkedText): void {
  if (cell.type === ExcelJS.ValueType.Formula) detachSharedClones(cell)
  if (isLinkedText(value)) {
    // A relative link (a letter next to the workbook) opens relative to the workbook's folder.
    cell.value = { text: value.text, hyperlink: value.link }
    return
  }
  const write = valueToExcel(value)
  cell.value = write.value
  const numFmt = write.numFmt
  if (numFmt !== undefined && !showsDate(cell.numFmt, numFmt.includes('h'))) {
    cell.style = { ...cell.style, numFmt }
  }
}

/**
 * A shared formula lives in its first cell; the cells that share it only point there. Before that
 * first cell is overwritten, each cell still sharing it gets the formula written out in full.
 */
function detachSharedClones(master: ExcelJS.Cell): void {
  const model = master.value as { shareType?: string; ref?: string }
  if (model.shareType !== 'shared' || model.ref === undefined) return
  const worksheet = master.worksheet
  const [from, to] = model.ref.split(':')
  if (from === undefined || to === undefined) return
  const start = worksheet.getCell(from)
  const end = worksheet.getCell(to)
  for (let row = Number(start.row); row <= Number(end.row); row++) {
    for (let column = Number(start.col); column <= Number(end.col); column++) {
      const clone = worksheet.findCell(row, column)
      const value = clone?.value as
        | { sharedFormula?: string; result?: ExcelJS.CellFormulaValue['result'] }
        | undefined
      if (!clone || value?.sharedFormula !== master.address) continue
      clone.value = { formula: clone.formula, result: value.result }
    }
  }
}

/** The last row with a value in any cell (0 for an empty tab). */
function lastRowWithValue(worksheet: ExcelJS.Worksheet): number {
  let last = 0
  worksheet.eachRow((row, rowNumber) => {
    let hasValue = false
    row.eachCell((cell) => {
      if (cellFromExcel(cell) !== null) hasValue = true
    })
    if (hasValue) last = rowNumber
  })
  return last
}
