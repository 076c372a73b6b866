/**
 * The workbook port over a Google spreadsheet. Sheets calls are the expensive part of a run (each
 * one is a round trip), so the port reads a tab with one getValues(), writes each block of adjacent
 * owned columns with one setValues() and sets date formats with one call per format and tab: the
 * number of calls depends on the tabs and columns, never on the rows.
 */

import {
  type CellWrite,
  type ColumnWrite,
  type EnsureResult,
  isLinkedText,
  type WorkbookPort,
} from '../../app/workbook-port'
import { adjacentColumnRuns } from '../../core/a1'
import type { Cell, OutputCell } from '../../core/cells'
import { SHEETS_INIT_COMMAND, sheetsHalfYearCommand } from '../../core/host-commands'
import { isToolRowColour, placeRowColours, type RowColours } from '../../core/row-colours'
import { columnLetter, normalizeHeader, type SheetTable } from '../../core/table'
import {
  type ColumnTemplate,
  columnWidth,
  dateEntryHint,
  headerNote,
  isToolColumn,
  type TabTemplate,
  takesDateValidation,
} from '../../core/template'
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  numberFormatOf,
  type SheetValue,
  sheetTable,
  toCell,
  toSheetValue,
  ZonedCalendar,
} from './cell-values'
import type {
  GasConditionalFormatRule,
  GasConditionalFormatRuleBuilder,
  GasDataValidationBuilder,
  GasProtectionTypes,
  GasRichTextValueBuilder,
  GasSheet,
  GasSpreadsheet,
} from './sheets-api'
import { protectOwnedColumns, protectToolTab, removeToolRangeProtections } from './tool-protections'

export const USER_HEADER_COLOR = '#d9e2f3'
export const OWNED_HEADER_COLOR = '#fce5cd'
/** Plain text: what users type into a text column (零件号 0012, a phone number +86 …) stays as typed. */
export const TEXT_FORMAT = '@'

const HEADER_ROW = 1
const FIRST_DATA_ROW = 2

export class SheetsWorkbook implements WorkbookPort {
  readonly timeZone: string
  readonly initCommand = SHEETS_INIT_COMMAND
  readonly halfYearCommand = sheetsHalfYearCommand
  private readonly calendar: ZonedCalendar
  private sheetsByName: Map<string, GasSheet> | undefined
  /** The normalized header of each tab read (readTab) or rewritten (replaceToolTab) in this run. */
  private readonly headersRead = new Map<string, string[]>()
  /** Where each template column of a tab is (0-based), as ensureTab found or placed it. */
  private readonly ensuredPositions = new Map<string, Map<string, number>>()

  constructor(
    private readonly spreadsheet: GasSpreadsheet,
    private readonly newDataValidation: () => GasDataValidationBuilder,
    /** Needed only to write links (writeCells with a LinkedText). */
    private readonly newRichTextValue?: () => GasRichTextValueBuilder,
    /** Needed only to colour rows (setRowColours); without it the rows keep their look. */
    private readonly newConditionalFormatRule?: () => GasConditionalFormatRuleBuilder,
    /** SpreadsheetApp.ProtectionType; without it 初始化台账 places no protections. */
    private readonly protectionTypes?: GasProtectionTypes,
  ) {
    this.timeZone = spreadsheet.getSpreadsheetTimeZone()
    this.calendar = new ZonedCalendar(this.timeZone)
  }

  tabNames(): readonly string[] {
    return [...this.sheets().keys()]
  }

  readTab(name: string): SheetTable | undefined {
    const sheet = this.sheets().get(name)
    if (sheet === undefined) return undefined
    const table = sheetTable(name, sheet.getDataRange().getValues(), this.calendar)
    this.headersRead.set(
      name,
      table.header.map((cell) => normalizeHeader(cell)),
    )
    return table
  }

  writeColumns(name: string, writes: readonly ColumnWrite[]): void {
    const sheet = this.sheets().get(name)
    if (sheet === undefined) throw new Error(`writeColumns: no tab ${name}`)
    const formats = new FormatRanges()
    for (const block of adjacentBlocks(writes)) {
      const height = Math.max(...block.map((write) => write.values.length))
      if (height === 0) continue
      const first = block[0]?.column ?? 0
      const matrix: SheetValue[][] = []
      for (let row = 0; row < height; row++) {
        matrix.push(block.map((write) => toSheetValue(write.values[row] ?? null)))
      }
      sheet.getRange(FIRST_DATA_ROW, first + 1, height, block.length).setValues(matrix)
      for (const write of block) formats.add(columnFormat(write.values), write.column, FIRST_DATA_ROW, height)
    }
    formats.apply(sheet)
  }

  /** A few single cells (a letter's two): one call or two per cell. */
  writeCells(name: string, writes: readonly CellWrite[]): void {
    const sheet = this.sheets().get(name)
    if (sheet === undefined) throw new Error(`writeCells: no tab ${name}`)
    for (const { row, column, value } of writes) {
      const range = sheet.getRange(row, column + 1, 1, 1)
      if (isLinkedText(value)) {
        if (this.newRichTextValue === undefined)
          throw new Error('writeCells: no rich-text builder for a link')
        range.setRichTextValue(this.newRichTextValue().setText(value.text).setLinkUrl(value.link).build())
        continue
      }
      range.setValues([[toSheetValue(value)]])
      const format = numberFormatOf(value)
      if (format !== undefined) range.setNumberFormat(format)
    }
  }

  replaceToolTab(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    const existing = this.sheets().get(template.name)
    const sheet = existing ?? this.createTab(template, [])
    const headers = template.columns.map((column) => column.header)
    // A tab laid out by an earlier template (提醒汇总 before 事项) gets its header restyled below,
    // or the notes and colours of its old columns would stay on the columns that moved there. The
    // header is known, at no extra call, for the tabs read this run: those with user columns, whose
    // notes (由您填写) matter.
    const before = this.headersRead.get(template.name)
    const relaidOut = existing !== undefined && before !== undefined && !sameHeader(before, headers)
    const matrix = [
      headers,
      ...rows.map((row) => headers.map((_, index) => toSheetValue(row[index] ?? null))),
    ]
    // A tool tab belongs to the tool: the header is rewritten with the rows, in template order.
    sheet.clearContents()
    ensureRows(sheet, matrix.length)
    sheet.getRange(HEADER_ROW, 1, matrix.length, headers.length).setValues(matrix)
    if (relaidOut) this.styleColumns(sheet, template, template.columns, 0)
    this.headersRead.set(
      template.name,
      headers.map((header) => normalizeHeader(header)),
    )
    const formats = new FormatRanges()
    template.columns.forEach((_, index) => {
      formats.add(columnFormat(rows.map((row) => row[index] ?? null)), index, FIRST_DATA_ROW, rows.length)
    })
    formats.apply(sheet)
    this.layOutForPrint(sheet, template, rows.length)
  }

  /**
   * What Apps Script can do for printing (it has no page-setup API: orientation, scale and footer
   * are the print dialog's): the header row frozen, which the dialog repeats on every page, and the
   * long texts (说明 of 提醒汇总) wrapped, each row read from the top.
   */
  private layOutForPrint(sheet: GasSheet, template: TabTemplate, rowCount: number): void {
    sheet.setFrozenRows(HEADER_ROW)
    const wrapped = template.columns.flatMap((column, index) => (column.wrap === true ? [index] : []))
    if (wrapped.length === 0 || rowCount === 0) return
    sheet.getRange(FIRST_DATA_ROW, 1, rowCount, template.columns.length).setVerticalAlignment('top')
    for (const index of wrapped) sheet.getRange(FIRST_DATA_ROW, index + 1, rowCount, 1).setWrap(true)
  }

  appendRows(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    if (rows.length === 0) return
    const existing = this.sheets().get(template.name)
    const sheet = existing ?? this.createTab(template, [])
    const positions =
      existing === undefined ? templatePositions(template) : this.completeHeader(sheet, template).positions
    const width = Math.max(...positions.values()) + 1
    const matrix = rows.map((row) => {
      const line: SheetValue[] = new Array(width).fill('')
      template.columns.forEach((column, index) => {
        line[positions.get(column.header) ?? 0] = toSheetValue(row[index] ?? null)
      })
      return line
    })
    const firstRow = sheet.getLastRow() + 1
    ensureRows(sheet, firstRow + rows.length - 1)
    sheet.getRange(firstRow, 1, rows.length, width).setValues(matrix)
    const formats = new FormatRanges()
    template.columns.forEach((column, index) => {
      const format = columnFormat(rows.map((row) => row[index] ?? null))
      formats.add(format, positions.get(column.header) ?? 0, firstRow, rows.length)
    })
    formats.apply(sheet)
    // The new rows' long texts (结果 of 操作日志) wrap, each row read from the top.
    const wrapped = template.columns.filter((column) => column.wrap === true)
    if (wrapped.length === 0) return
    sheet.getRange(firstRow, 1, rows.length, width).setVerticalAlignment('top')
    for (const column of wrapped)
      sheet.getRange(firstRow, (positions.get(column.header) ?? 0) + 1, rows.length, 1).setWrap(true)
  }

  /**
   * setConditionalFormatRules replaces a sheet's whole list: the list is read, the tool's own rules
   * (custom formulas of row-colours.ts) left out, every other rule handed back as it was and in its
   * order, and the tool's appended after them. A few Sheets calls a tab (the list read and written
   * once, the header only if this run has not read it), whatever its rows.
   */
  setRowColours(name: string, colours: RowColours): void {
    const newRule = this.newConditionalFormatRule
    if (newRule === undefined) return
    const sheet = this.sheets().get(name)
    if (sheet === undefined) throw new Error(`setRowColours: no tab ${name}`)
    // The header this run read (readTab) or wrote (replaceToolTab), as normalized, is the tab's.
    const header = this.headersRead.get(name) ?? this.readHeader(sheet)
    // A custom formula, not a text rule whose text happens to read like one.
    const isTool = (rule: GasConditionalFormatRule): boolean => {
      const condition = rule.getBooleanCondition()
      const values = condition?.getCriteriaValues() ?? []
      const formula = values[0]
      return (
        values.length === 1 &&
        typeof formula === 'string' &&
        (formula.trimStart().startsWith('=') || String(condition?.getCriteriaType()) === 'CUSTOM_FORMULA') &&
        isToolRowColour(colours.scheme, formula)
      )
    }
    const kept = sheet.getConditionalFormatRules().filter((rule) => !isTool(rule))
    const placed = placeRowColours(colours, header)
    const first = placed[0]
    if (first !== undefined) ensureRows(sheet, first.first.row + first.rows - 1)
    const tool = placed.map((rule) =>
      newRule()
        .whenFormulaSatisfied(`=${rule.formula}`)
        .setBackground(`#${rule.look.fill.toLowerCase()}`)
        .setFontColor(`#${rule.look.font.toLowerCase()}`)
        .setRanges([sheet.getRange(rule.first.row, rule.first.column, rule.rows, rule.columns)])
        .build(),
    )
    sheet.setConditionalFormatRules([...kept, ...tool])
  }

  ensureTab(template: TabTemplate, seedRows: readonly (readonly Cell[])[] = []): EnsureResult {
    const existing = this.sheets().get(template.name)
    if (existing === undefined) {
      this.createTab(template, seedRows)
      this.ensuredPositions.set(template.name, templatePositions(template))
      return { created: true, addedHeaders: [] }
    }
    const { positions, added } = this.completeHeader(existing, template, seedRows)
    this.ensuredPositions.set(template.name, positions)
    return { created: false, addedHeaders: added }
  }

  /**
   * Warning-only protections on the owned columns of each ledger tab and on each tool tab (its user
   * columns left free), where ensureTab found the columns (tool-protections.ts). The tool's earlier
   * protections are removed first, the user's are never touched. A few calls a tab, at init only,
   * after ensureTab (a tab it did not see is left alone).
   */
  guardToolColumns(templates: readonly TabTemplate[]): void {
    const types = this.protectionTypes
    if (types === undefined) return
    removeToolRangeProtections(this.spreadsheet.getProtections(types.RANGE))
    for (const template of templates) {
      const sheet = this.sheets().get(template.name)
      // Only where this run's ensureTab found the columns: guarding never reads or writes a header.
      const positions = this.ensuredPositions.get(template.name)
      if (sheet === undefined || positions === undefined || template.kind === 'settings') continue
      if (template.kind === 'ledger') protectOwnedColumns(sheet, template, positions)
      else protectToolTab(sheet, template, positions, types)
    }
  }

  private readHeader(sheet: GasSheet): Cell[] {
    const lastColumn = sheet.getLastColumn()
    if (lastColumn === 0) return []
    const [header = []] = sheet.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()
    return header.map((value) => toCell(value, this.calendar))
  }

  private sheets(): Map<string, GasSheet> {
    if (this.sheetsByName === undefined) {
      this.sheetsByName = new Map(this.spreadsheet.getSheets().map((sheet) => [sheet.getName(), sheet]))
    }
    return this.sheetsByName
  }

  private createTab(template: TabTemplate, seedRows: readonly (readonly Cell[])[]): GasSheet {
    const sheets = this.sheets()
    const sheet = this.spreadsheet.insertSheet(template.name, sheets.size)
    sheets.set(template.name, sheet)
    this.layOut(sheet, template, seedRows)
    return sheet
  }

  /** Header, seed rows, formats and dropdowns of a tab that has nothing in it yet. */
  private layOut(sheet: GasSheet, template: TabTemplate, seedRows: readonly (readonly Cell[])[]): void {
    const headers = template.columns.map((column) => column.header)
    const matrix = [
      headers,
      ...seedRows.map((row) => headers.map((_, index) => toSheetValue(row[index] ?? null))),
    ]
    ensureColumns(sheet, headers.length)
    ensureRows(sheet, matrix.length)
    sheet.getRange(HEADER_ROW, 1, matrix.length, headers.length).setValues(matrix)
    sheet.setFrozenRows(HEADER_ROW)
    this.styleColumns(sheet, template, template.columns, 0)
  }

  /**
   * Finds the template's columns in an existing tab by header text and appends the missing ones
   * after the last used column; the data is never touched. A tab with nothing in it is laid out
   * like a new one.
   */
  private completeHeader(
    sheet: GasSheet,
    template: TabTemplate,
    seedRows: readonly (readonly Cell[])[] = [],
  ): { positions: Map<string, number>; added: string[] } {
    const lastColumn = sheet.getLastColumn()
    if (lastColumn === 0) {
      this.layOut(sheet, template, seedRows)
      return {
        positions: templatePositions(template),
        added: template.columns.map((column) => column.header),
      }
    }
    const header = sheet.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()[0] ?? []
    const byNormalized = new Map(
      template.columns.map((column) => [normalizeHeader(column.header), column.header]),
    )
    const positions = new Map<string, number>()
    header.forEach((value, index) => {
      const name = byNormalized.get(normalizeHeader(toCell(value, this.calendar)))
      if (name !== undefined && !positions.has(name)) positions.set(name, index)
    })
    const missing = template.columns.filter((column) => !positions.has(column.header))
    if (missing.length > 0) {
      ensureColumns(sheet, lastColumn + missing.length)
      sheet
        .getRange(HEADER_ROW, lastColumn + 1, 1, missing.length)
        .setValues([missing.map((column) => column.header)])
      this.styleColumns(sheet, template, missing, lastColumn)
      missing.forEach((column, offset) => {
        positions.set(column.header, lastColumn + offset)
      })
      // The header this run already read (setRowColours, replaceToolTab use it) gains the new columns.
      const read = this.headersRead.get(sheet.getName())
      if (read !== undefined)
        this.headersRead.set(sheet.getName(), [
          ...read,
          ...missing.map((column) => normalizeHeader(column.header)),
        ])
    }
    return { positions, added: missing.map((column) => column.header) }
  }

  /** Header look, notes, number formats and dropdowns of adjacent columns starting at `firstIndex`. */
  private styleColumns(
    sheet: GasSheet,
    template: TabTemplate,
    columns: readonly ColumnTemplate[],
    firstIndex: number,
  ): void {
    const header = sheet.getRange(HEADER_ROW, firstIndex + 1, 1, columns.length)
    header.setFontWeight('bold')
    header.setBackgrounds([
      columns.map((column) => (isToolColumn(template, column) ? OWNED_HEADER_COLOR : USER_HEADER_COLOR)),
    ])
    header.setNotes([
      columns.map((column) => headerNote(template, column, template.columns.indexOf(column)) ?? ''),
    ])

    ensureRows(sheet, FIRST_DATA_ROW)
    const dataRows = sheet.getMaxRows() - HEADER_ROW
    const formats = new FormatRanges()
    columns.forEach((column, offset) => {
      const index = firstIndex + offset
      sheet.setColumnWidth(index + 1, columnWidth(column) * PIXELS_PER_WIDTH_UNIT + 8)
      formats.add(templateFormat(template, column), index, FIRST_DATA_ROW, dataRows)
      if (column.type === 'enum' && column.options !== undefined && !isToolColumn(template, column)) {
        const options = [...column.options]
        // Invalid entries are allowed (with Sheets' warning) so that pasted legacy data is kept;
        // the check reports them as DATA_INVALID with the row and column.
        const rule = this.newDataValidation()
          .requireValueInList(options, true)
          .setAllowInvalid(true)
          .setHelpText(`请从下拉列表中选择：${options.join('、')}`)
          .build()
        sheet.getRange(FIRST_DATA_ROW, index + 1, dataRows, 1).setDataValidation(rule)
      }
      if (takesDateValidation(template, column)) {
        // A warning, as for the dropdowns: what is not a date is marked as it is typed, and kept.
        const rule = this.newDataValidation()
          .requireDate()
          .setAllowInvalid(true)
          .setHelpText(dateEntryHint(column))
          .build()
        sheet.getRange(FIRST_DATA_ROW, index + 1, dataRows, 1).setDataValidation(rule)
      }
    })
    formats.apply(sheet)
  }
}

/** Sheets' default font takes about 7 px for a Latin character and twice that for a CJK one. */
const PIXELS_PER_WIDTH_UNIT = 7

function templateFormat(template: TabTemplate, column: ColumnTemplate): string | undefined {
  if (column.type === 'date') return DATE_FORMAT
  if (column.type === 'datetime') return DATE_TIME_FORMAT
  // Owned and tool columns are written with an apostrophe where needed (see protectText), which a
  // plain-text cell would keep as a visible character.
  if (column.type === 'text' && !isToolColumn(template, column)) return TEXT_FORMAT
  return undefined
}

function templatePositions(template: TabTemplate): Map<string, number> {
  return new Map(template.columns.map((column, index) => [column.header, index]))
}

/** The date format a column of written values needs: with minutes when any value has a time. */
function columnFormat(values: readonly (Cell | OutputCell)[]): string | undefined {
  let format: string | undefined
  for (const value of values) {
    const needed = numberFormatOf(value)
    if (needed === DATE_TIME_FORMAT) return needed
    format = format ?? needed
  }
  return format
}

/** Writes sorted by column and split into runs of adjacent columns; one setValues per run. */
function adjacentBlocks(writes: readonly ColumnWrite[]): ColumnWrite[][] {
  const blocks = adjacentColumnRuns(writes, (write) => write.column)
  blocks.forEach((block, index) => {
    const column = block[0]?.column
    if (index > 0 && column === blocks[index - 1]?.at(-1)?.column)
      throw new Error(`writeColumns: column ${column} written twice`)
  })
  return blocks
}

/** A1 ranges per number format, applied with one RangeList call per format. */
class FormatRanges {
  private readonly byFormat = new Map<
    string,
    { first: number; last: number; row: number; height: number }[]
  >()

  add(format: string | undefined, column: number, row: number, height: number): void {
    if (format === undefined || height <= 0) return
    const ranges = this.byFormat.get(format) ?? []
    const previous = ranges[ranges.length - 1]
    // Adjacent columns over the same rows share one range (P2:Q101).
    if (
      previous !== undefined &&
      previous.row === row &&
      previous.height === height &&
      previous.last + 1 === column
    ) {
      previous.last = column
    } else {
      ranges.push({ first: column, last: column, row, height })
    }
    this.byFormat.set(format, ranges)
  }

  apply(sheet: GasSheet): void {
    for (const [format, ranges] of this.byFormat) {
      const a1 = ranges.map(
        (range) =>
          `${columnLetter(range.first)}${range.row}:${columnLetter(range.last)}${range.row + range.height - 1}`,
      )
      sheet.getRangeList(a1).setNumberFormat(format)
    }
  }
}

function ensureRows(sheet: GasSheet, rows: number): void {
  const maxRows = sheet.getMaxRows()
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows)
}

function ensureColumns(sheet: GasSheet, columns: number): void {
  const maxColumns = sheet.getMaxColumns()
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns)
}

/** Whether a tab's header is the template's, in its order (blank cells after it aside). */
function sameHeader(found: readonly string[], headers: readonly string[]): boolean {
  const trimmed = [...found]
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop()
  return (
    trimmed.length === headers.length &&
    headers.every((header, index) => trimmed[index] === normalizeHeader(header))
  )
}
