/**
 * In-memory stand-ins for the Apps Script services the Sheets host uses: a spreadsheet model
 * (values, formulas, number formats, notes, header colours, validations, frozen rows, sheet size),
 * the menu and dialogs, triggers, the document lock and the session. Values are entered the way
 * Google Sheets enters what a user types or `setValues` writes: `=` makes a formula, text that looks
 * like a number, a date or a boolean becomes one, a leading apostrophe keeps text as text. Every
 * call to a spreadsheet, sheet, range or range-list method is counted in `CallLog`, so tests and the
 * bench can show that a run's Sheets calls do not grow with the number of rows.
 */

import { createHmac, randomUUID } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type {
  GasBody,
  GasContainer,
  GasDocElement,
  GasDocument,
  GasDocumentApp,
  GasDriveApp,
  GasDriveFile,
  GasDriveFolder,
  GasFolderIterator,
  GasParagraph,
  GasText,
} from '../../src/hosts/gas/docs-api'
import type {
  GasBlob,
  GasBlobSource,
  GasBooleanCondition,
  GasCache,
  GasCacheService,
  GasClockTriggerBuilder,
  GasConditionalFormatRule,
  GasConditionalFormatRuleBuilder,
  GasDataValidation,
  GasDataValidationBuilder,
  GasEmbeddedChart,
  GasEmbeddedChartBuilder,
  GasHtmlOutput,
  GasHtmlService,
  GasHttpResponse,
  GasLock,
  GasLockService,
  GasMailApp,
  GasMenu,
  GasPromptResponse,
  GasProperties,
  GasPropertiesService,
  GasProtection,
  GasProtectionTypes,
  GasRange,
  GasRangeList,
  GasRichTextValue,
  GasRichTextValueBuilder,
  GasScriptApp,
  GasSession,
  GasSheet,
  GasSpreadsheet,
  GasTrigger,
  GasUi,
  GasUrlFetchApp,
  GasUtilities,
} from '../../src/hosts/gas/sheets-api'

/** Counts calls per `Class.method`; `total` is the number of Sheets round trips a run made. */
export class CallLog {
  private readonly counts = new Map<string, number>()

  count(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1)
  }

  get total(): number {
    let sum = 0
    for (const n of this.counts.values()) sum += n
    return sum
  }

  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }

  of(method: string): number {
    return this.counts.get(method) ?? 0
  }

  reset(): void {
    this.counts.clear()
  }
}

type Stored = string | number | boolean

const DEFAULT_ROWS = 1000
const DEFAULT_COLUMNS = 26
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30)
const MS_PER_DAY = 86_400_000
const MAX_COLUMN_KEY = 20_000

function cellKey(row: number, column: number): number {
  return row * MAX_COLUMN_KEY + column
}

function isDateObject(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]'
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function zoneParts(instant: number, timeZone: string): number[] {
  let format = formatters.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, format)
  }
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = Number(part.value)
  return [
    parts.year ?? 0,
    parts.month ?? 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  ]
}

function zoneOffset(instant: number, timeZone: string): number {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = zoneParts(instant, timeZone)
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(instant / 1000) * 1000
}

/** The instant Sheets hands to getValues() for a day serial in the spreadsheet's time zone. */
export function serialToInstant(serial: number, timeZone: string): Date {
  const wall = SERIAL_EPOCH_MS + Math.round(serial * MS_PER_DAY)
  let instant = wall - zoneOffset(wall, timeZone)
  instant = wall - zoneOffset(instant, timeZone)
  return new Date(instant)
}

export function instantToSerial(instant: Date, timeZone: string): number {
  const wall = instant.getTime() + zoneOffset(instant.getTime(), timeZone)
  return (wall - SERIAL_EPOCH_MS) / MS_PER_DAY
}

function isoToSerial(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day)
  const check = new Date(ms)
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
  return (ms - SERIAL_EPOCH_MS) / MS_PER_DAY
}

export function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && format !== '@' && /[yd]/i.test(format)
}

/** What Sheets stores for a value that is entered (typed, pasted or written by setValues). */
export interface Entered {
  readonly value: Stored
  readonly formula?: string
  /** The number format Sheets applies by itself (a typed date gets a date format). */
  readonly autoFormat?: string
}

export function enterValue(value: unknown, timeZone: string, cellFormat: string | undefined): Entered {
  if (value === null || value === undefined) return { value: '' }
  if (typeof value === 'number' || typeof value === 'boolean') return { value }
  if (isDateObject(value)) return { value: instantToSerial(value, timeZone), autoFormat: 'yyyy-mm-dd' }
  const text = String(value)
  if (text === '') return { value: '' }
  // A plain-text cell keeps whatever is written, apostrophe included.
  if (cellFormat === '@') return { value: text }
  if (text.startsWith("'")) return { value: text.slice(1) }
  if (/^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text)) return { value: '', formula: text }
  const trimmed = text.trim()
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' }
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(e[+-]?\d+)?$/i.test(trimmed))
    return { value: Number(trimmed.replace(/,/g, '')) }
  if (/^[+-]?\d+(\.\d+)?%$/.test(trimmed))
    return { value: Number(trimmed.slice(0, -1)) / 100, autoFormat: '0%' }
  const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(trimmed)
  if (date) {
    const serial = isoToSerial(Number(date[1]), Number(date[2]), Number(date[3]))
    if (serial !== undefined) {
      if (date[4] === undefined) return { value: serial, autoFormat: 'yyyy-mm-dd' }
      const minutes = Number(date[4]) * 60 + Number(date[5])
      return { value: serial + minutes / 1440, autoFormat: 'yyyy-mm-dd hh:mm' }
    }
  }
  return { value: text }
}

/** DataValidationCriteria: the criteria of a rule the tool builds, as Sheets names them. */
export type FakeValidationCriteria = 'VALUE_IN_LIST' | 'DATE_IS_VALID_DATE'

export class FakeDataValidation implements GasDataValidation {
  constructor(
    readonly values: readonly string[],
    readonly showDropdown: boolean,
    readonly allowInvalid: boolean,
    readonly helpText: string,
    readonly criteria: FakeValidationCriteria = 'VALUE_IN_LIST',
  ) {}

  /** A DataValidationCriteria value: it reads as its name. */
  getCriteriaType(): FakeValidationCriteria {
    return this.criteria
  }

  getCriteriaValues(): unknown[] {
    return this.criteria === 'VALUE_IN_LIST' ? [[...this.values], this.showDropdown] : []
  }
}

export class FakeDataValidationBuilder implements GasDataValidationBuilder {
  private criteria: FakeValidationCriteria | undefined
  private values: string[] = []
  private showDropdown = true
  private allowInvalid = true
  private helpText = ''

  constructor(private readonly log: CallLog) {}

  requireValueInList(values: string[], showDropdown: boolean): GasDataValidationBuilder {
    this.log.count('DataValidationBuilder.requireValueInList')
    this.criteria = 'VALUE_IN_LIST'
    this.values = [...values]
    this.showDropdown = showDropdown
    return this
  }

  requireDate(): GasDataValidationBuilder {
    this.log.count('DataValidationBuilder.requireDate')
    this.criteria = 'DATE_IS_VALID_DATE'
    this.values = []
    return this
  }

  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder {
    this.log.count('DataValidationBuilder.setAllowInvalid')
    this.allowInvalid = allowInvalidData
    return this
  }

  setHelpText(helpText: string): GasDataValidationBuilder {
    this.log.count('DataValidationBuilder.setHelpText')
    this.helpText = helpText
    return this
  }

  build(): GasDataValidation {
    this.log.count('DataValidationBuilder.build')
    // As in Sheets: a rule needs criteria ("You must specify a validation criteria").
    if (this.criteria === undefined) throw new Error('fake: a data validation rule without criteria')
    return new FakeDataValidation(
      this.values,
      this.showDropdown,
      this.allowInvalid,
      this.helpText,
      this.criteria,
    )
  }
}

/** SpreadsheetApp.ProtectionType: enum values that read as their names. */
export const FAKE_PROTECTION_TYPE: GasProtectionTypes = Object.freeze({
  RANGE: Object.freeze({ toString: () => 'RANGE', name: 'RANGE' }),
  SHEET: Object.freeze({ toString: () => 'SHEET', name: 'SHEET' }),
})

function protectionKind(type: unknown): 'RANGE' | 'SHEET' {
  if (type === FAKE_PROTECTION_TYPE.RANGE) return 'RANGE'
  if (type === FAKE_PROTECTION_TYPE.SHEET) return 'SHEET'
  throw new Error(`fake: not a SpreadsheetApp.ProtectionType: ${String(type)}`)
}

/**
 * A protection as Sheets keeps it: of a range (Range.protect()) or of a whole sheet (Sheet.protect(),
 * which alone may leave ranges unprotected). A new one blocks everyone but the owner until
 * setWarningOnly(true); remove() deletes it from the spreadsheet.
 */
export class FakeProtection implements GasProtection {
  description = ''
  warningOnly = false
  unprotected: FakeRange[] = []

  constructor(
    readonly kind: 'RANGE' | 'SHEET',
    readonly sheet: FakeSheet,
    /** The protected range; undefined for a sheet protection (the whole sheet). */
    readonly range: FakeRange | undefined,
  ) {}

  private get log(): CallLog {
    return this.sheet.log
  }

  private checkAlive(): void {
    if (!this.sheet.spreadsheet.protections.includes(this))
      throw new Error('fake: the protection was removed')
  }

  getDescription(): string {
    this.log.count('Protection.getDescription')
    this.checkAlive()
    return this.description
  }

  setDescription(description: string): GasProtection {
    this.log.count('Protection.setDescription')
    this.checkAlive()
    this.description = description
    return this
  }

  setWarningOnly(warningOnly: boolean): GasProtection {
    this.log.count('Protection.setWarningOnly')
    this.checkAlive()
    this.warningOnly = warningOnly
    return this
  }

  setUnprotectedRanges(ranges: GasRange[]): GasProtection {
    this.log.count('Protection.setUnprotectedRanges')
    this.checkAlive()
    if (this.kind !== 'SHEET')
      throw new Error('fake: unprotected ranges are only supported on protected sheets')
    const fakes = ranges.map((range) => range as FakeRange)
    if (fakes.some((range) => !(range instanceof FakeRange) || range.sheet !== this.sheet))
      throw new Error('fake: an unprotected range must be on the protected sheet')
    this.unprotected = [...fakes]
    return this
  }

  remove(): void {
    this.log.count('Protection.remove')
    this.checkAlive()
    const list = this.sheet.spreadsheet.protections
    list.splice(list.indexOf(this), 1)
  }

  /** Whether a 1-based cell is protected by this (not counted). */
  covers(row: number, column: number): boolean {
    const inside = (range: FakeRange) =>
      row >= range.row &&
      row < range.row + range.numRows &&
      column >= range.column &&
      column < range.column + range.numColumns
    if (this.range !== undefined) return inside(this.range)
    return !this.unprotected.some(inside)
  }
}

export class FakeSheet implements GasSheet {
  /** Stored values, row-major, 0-based; '' is an empty cell. */
  readonly cells: Stored[][] = []
  readonly formulas = new Map<number, string>()
  readonly numberFormats = new Map<number, string>()
  readonly notes = new Map<number, string>()
  readonly backgrounds = new Map<number, string>()
  readonly fontWeights = new Map<number, string>()
  /** Cells whose text wraps (setWrap), and their vertical alignment. */
  readonly wraps = new Map<number, boolean>()
  readonly verticalAlignments = new Map<number, string>()
  readonly validations = new Map<number, GasDataValidation>()
  /** Links of rich-text cells (setRichTextValue), by cell. */
  readonly links = new Map<number, string>()
  /** Embedded charts, in insertion order. */
  readonly charts: FakeChart[] = []
  /** Conditional-format rules, highest priority first, as setConditionalFormatRules left them. */
  conditionalFormatRules: GasConditionalFormatRule[] = []
  frozenRows = 0
  /** Pixel widths set by column number. */
  readonly columnWidths = new Map<number, number>()
  maxRows = DEFAULT_ROWS
  maxColumns = DEFAULT_COLUMNS

  constructor(
    readonly sheetName: string,
    readonly spreadsheet: FakeSpreadsheet,
  ) {}

  get log(): CallLog {
    return this.spreadsheet.log
  }

  // --- test helpers (not counted) ---

  /** Enters rows at the top-left as a user would type them ("2026-03-05" becomes a date). */
  enterRows(rows: readonly (readonly unknown[])[], firstRow = 1): void {
    this.maxRows = Math.max(this.maxRows, firstRow + rows.length - 1)
    this.maxColumns = Math.max(this.maxColumns, ...rows.map((row) => row.length))
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        this.store(firstRow - 1 + r, c, value)
      })
    })
  }

  /** What getValues() would return for the whole used area, without counting a call. */
  snapshot(): unknown[][] {
    return this.read(0, 0, Math.max(this.lastRow(), 1), Math.max(this.lastColumn(), 1))
  }

  /** The value getValues() returns for a 1-based cell. */
  valueAt(row: number, column: number): unknown {
    return this.read(row - 1, column - 1, 1, 1)[0]?.[0]
  }

  formatAt(row: number, column: number): string | undefined {
    return this.numberFormats.get(cellKey(row - 1, column - 1))
  }

  noteAt(row: number, column: number): string | undefined {
    return this.notes.get(cellKey(row - 1, column - 1))
  }

  backgroundAt(row: number, column: number): string | undefined {
    return this.backgrounds.get(cellKey(row - 1, column - 1))
  }

  fontWeightAt(row: number, column: number): string | undefined {
    return this.fontWeights.get(cellKey(row - 1, column - 1))
  }

  wrapAt(row: number, column: number): boolean {
    return this.wraps.get(cellKey(row - 1, column - 1)) ?? false
  }

  verticalAlignmentAt(row: number, column: number): string | undefined {
    return this.verticalAlignments.get(cellKey(row - 1, column - 1))
  }

  validationAt(row: number, column: number): GasDataValidation | undefined {
    return this.validations.get(cellKey(row - 1, column - 1))
  }

  linkAt(row: number, column: number): string | undefined {
    return this.links.get(cellKey(row - 1, column - 1))
  }

  headerRow(): unknown[] {
    return this.read(0, 0, 1, Math.max(this.lastColumn(), 1))[0] ?? []
  }

  // --- model ---

  lastRow(): number {
    for (let r = this.cells.length - 1; r >= 0; r--) {
      if ((this.cells[r] ?? []).some((value) => value !== '')) return r + 1
      if ([...this.formulas.keys()].some((key) => Math.floor(key / MAX_COLUMN_KEY) === r)) return r + 1
    }
    return 0
  }

  lastColumn(): number {
    let last = 0
    for (const row of this.cells) {
      for (let c = row.length - 1; c >= last; c--) {
        if (row[c] !== '') {
          last = c + 1
          break
        }
      }
    }
    for (const key of this.formulas.keys()) last = Math.max(last, (key % MAX_COLUMN_KEY) + 1)
    return last
  }

  store(row: number, column: number, value: unknown): void {
    const key = cellKey(row, column)
    const entered = enterValue(value, this.spreadsheet.timeZone, this.numberFormats.get(key))
    while (this.cells.length <= row) this.cells.push([])
    const line = this.cells[row] ?? []
    while (line.length <= column) line.push('')
    line[column] = entered.value
    this.links.delete(key)
    if (entered.formula === undefined) this.formulas.delete(key)
    else this.formulas.set(key, entered.formula)
    if (entered.autoFormat !== undefined && !this.numberFormats.has(key))
      this.numberFormats.set(key, entered.autoFormat)
  }

  read(row: number, column: number, numRows: number, numColumns: number): unknown[][] {
    const zone = this.spreadsheet.timeZone
    const out: unknown[][] = []
    for (let r = row; r < row + numRows; r++) {
      const line = this.cells[r] ?? []
      const values: unknown[] = []
      for (let c = column; c < column + numColumns; c++) {
        const value = line[c] ?? ''
        values.push(
          typeof value === 'number' && isDateFormat(this.numberFormats.get(cellKey(r, c)))
            ? serialToInstant(value, zone)
            : value,
        )
      }
      out.push(values)
    }
    return out
  }

  checkBounds(row: number, column: number, numRows: number, numColumns: number): void {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(
        `The starting row/column must be at least 1 and the size positive (${row},${column},${numRows},${numColumns})`,
      )
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet ${this.sheetName}`,
      )
    }
  }

  // --- GasSheet ---

  getName(): string {
    this.log.count('Sheet.getName')
    return this.sheetName
  }

  /** As in Sheets: shows the sheet and selects its top-left cell. */
  activate(): GasSheet {
    this.log.count('Sheet.activate')
    this.spreadsheet.activeRange = new FakeRange(this, 1, 1, 1, 1)
    return this
  }

  getDataRange(): GasRange {
    this.log.count('Sheet.getDataRange')
    return new FakeRange(this, 1, 1, Math.max(this.lastRow(), 1), Math.max(this.lastColumn(), 1))
  }

  getRange(row: number, column: number, numRows: number, numColumns: number): GasRange {
    this.log.count('Sheet.getRange')
    this.checkBounds(row, column, numRows, numColumns)
    return new FakeRange(this, row, column, numRows, numColumns)
  }

  getRangeList(a1Notations: string[]): GasRangeList {
    this.log.count('Sheet.getRangeList')
    return new FakeRangeList(
      this,
      a1Notations.map((a1) => {
        const range = parseA1(a1)
        this.checkBounds(range.row, range.column, range.numRows, range.numColumns)
        return new FakeRange(this, range.row, range.column, range.numRows, range.numColumns)
      }),
    )
  }

  getLastRow(): number {
    this.log.count('Sheet.getLastRow')
    return this.lastRow()
  }

  getLastColumn(): number {
    this.log.count('Sheet.getLastColumn')
    return this.lastColumn()
  }

  getMaxRows(): number {
    this.log.count('Sheet.getMaxRows')
    return this.maxRows
  }

  getMaxColumns(): number {
    this.log.count('Sheet.getMaxColumns')
    return this.maxColumns
  }

  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    this.log.count('Sheet.insertRowsAfter')
    if (afterPosition !== this.maxRows) throw new Error('fake: rows can only be inserted at the end')
    this.maxRows += howMany
    return this
  }

  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    this.log.count('Sheet.insertColumnsAfter')
    if (afterPosition !== this.maxColumns) throw new Error('fake: columns can only be inserted at the end')
    this.maxColumns += howMany
    return this
  }

  setFrozenRows(rows: number): void {
    this.log.count('Sheet.setFrozenRows')
    this.frozenRows = rows
  }

  setColumnWidth(column: number, width: number): GasSheet {
    this.log.count('Sheet.setColumnWidth')
    this.columnWidths.set(column, width)
    return this
  }

  clearContents(): GasSheet {
    this.log.count('Sheet.clearContents')
    this.cells.length = 0
    this.formulas.clear()
    return this
  }

  getConditionalFormatRules(): GasConditionalFormatRule[] {
    this.log.count('Sheet.getConditionalFormatRules')
    return [...this.conditionalFormatRules]
  }

  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void {
    this.log.count('Sheet.setConditionalFormatRules')
    for (const rule of rules) {
      // As Sheets does: a rule's ranges must be on the sheet it is set on.
      if (rule instanceof FakeConditionalFormatRule && rule.ranges.some((range) => range.sheet !== this))
        throw new Error('fake: a conditional format rule with a range on another sheet')
    }
    this.conditionalFormatRules = [...rules]
  }

  getCharts(): GasEmbeddedChart[] {
    this.log.count('Sheet.getCharts')
    return [...this.charts]
  }

  newChart(): GasEmbeddedChartBuilder {
    this.log.count('Sheet.newChart')
    return new FakeChartBuilder(this, { chartId: 0, combo: false, ranges: [], numHeaders: -1, options: {} })
  }

  insertChart(chart: GasEmbeddedChart): void {
    this.log.count('Sheet.insertChart')
    const fake = chart as FakeChart
    if (this.charts.some((existing) => existing.spec.chartId === fake.spec.chartId)) {
      throw new Error('fake: the chart is on the sheet already; use updateChart')
    }
    this.charts.push(fake)
  }

  updateChart(chart: GasEmbeddedChart): void {
    this.log.count('Sheet.updateChart')
    const fake = chart as FakeChart
    const index = this.charts.findIndex((existing) => existing.spec.chartId === fake.spec.chartId)
    if (index < 0) throw new Error('fake: updateChart with a chart that is not on this sheet')
    this.charts[index] = fake
  }

  protect(): GasProtection {
    this.log.count('Sheet.protect')
    // The tool never protects a sheet twice; what Sheets does then is not modelled.
    if (this.spreadsheet.protections.some((p) => p.kind === 'SHEET' && p.sheet === this))
      throw new Error(`fake: the sheet ${this.sheetName} is protected already`)
    const protection = new FakeProtection('SHEET', this, undefined)
    this.spreadsheet.protections.push(protection)
    return protection
  }

  getProtections(type: unknown): GasProtection[] {
    this.log.count('Sheet.getProtections')
    const kind = protectionKind(type)
    return this.spreadsheet.protections.filter((p) => p.kind === kind && p.sheet === this)
  }

  /** The protections of this sheet, ranges and sheet alike (not counted). */
  protectionList(): FakeProtection[] {
    return this.spreadsheet.protections.filter((p) => p.sheet === this)
  }
}

export class FakeBooleanCondition implements GasBooleanCondition {
  constructor(
    /** The BooleanCriteria's name: CUSTOM_FORMULA, TEXT_EQUAL_TO, … */
    readonly criteriaType: string,
    readonly values: readonly unknown[],
    readonly background: string | null,
    readonly fontColor: string | null,
  ) {}

  /** Like an Apps Script enum value: an object that reads as its name. */
  getCriteriaType(): unknown {
    const name = this.criteriaType
    return { toString: () => name }
  }

  getCriteriaValues(): unknown[] {
    return [...this.values]
  }
}

/** A rule as Sheets keeps it: a boolean condition (null for a gradient rule) over ranges. */
export class FakeConditionalFormatRule implements GasConditionalFormatRule {
  constructor(
    readonly condition: FakeBooleanCondition | null,
    readonly ranges: readonly FakeRange[],
  ) {}

  getBooleanCondition(): GasBooleanCondition | null {
    return this.condition
  }

  /** The ranges in A1 notation (A2:R31). */
  get a1(): string[] {
    return this.ranges.map(
      (range) =>
        `${columnName(range.column)}${range.row}:${columnName(range.column + range.numColumns - 1)}${range.row + range.numRows - 1}`,
    )
  }
}

export class FakeConditionalFormatRuleBuilder implements GasConditionalFormatRuleBuilder {
  private formula: string | undefined
  private background: string | null = null
  private fontColor: string | null = null
  private ranges: FakeRange[] = []

  constructor(private readonly log: CallLog) {}

  whenFormulaSatisfied(formula: string): GasConditionalFormatRuleBuilder {
    this.log.count('ConditionalFormatRuleBuilder.whenFormulaSatisfied')
    this.formula = formula
    return this
  }

  setBackground(color: string | null): GasConditionalFormatRuleBuilder {
    this.log.count('ConditionalFormatRuleBuilder.setBackground')
    this.background = color
    return this
  }

  setFontColor(color: string | null): GasConditionalFormatRuleBuilder {
    this.log.count('ConditionalFormatRuleBuilder.setFontColor')
    this.fontColor = color
    return this
  }

  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder {
    this.log.count('ConditionalFormatRuleBuilder.setRanges')
    this.ranges = ranges.map((range) => range as FakeRange)
    return this
  }

  build(): GasConditionalFormatRule {
    this.log.count('ConditionalFormatRuleBuilder.build')
    // Sheets refuses a rule without a condition or a range.
    if (this.formula === undefined) throw new Error('fake: a conditional format rule needs a condition')
    if (this.ranges.length === 0) throw new Error('fake: a conditional format rule needs a range')
    return new FakeConditionalFormatRule(
      new FakeBooleanCondition('CUSTOM_FORMULA', [this.formula], this.background, this.fontColor),
      this.ranges,
    )
  }
}

/** 1-based column number → letters. */
function columnName(column: number): string {
  let rest = column
  let letters = ''
  while (rest > 0) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

/** What a chart builder was told: the chart's type, ranges, options and anchor cell. */
export interface ChartSpec {
  /** Sheets gives every built chart an id; a chart rebuilt through modify() keeps it. */
  readonly chartId: number
  readonly combo: boolean
  readonly ranges: readonly FakeRange[]
  readonly numHeaders: number
  readonly options: Readonly<Record<string, unknown>>
  readonly position?: { readonly row: number; readonly column: number }
}

let nextChartId = 1

export class FakeChart implements GasEmbeddedChart {
  constructor(
    readonly sheet: FakeSheet,
    readonly spec: ChartSpec,
  ) {}

  modify(): GasEmbeddedChartBuilder {
    this.sheet.log.count('EmbeddedChart.modify')
    return new FakeChartBuilder(this.sheet, this.spec)
  }
}

export class FakeChartBuilder implements GasEmbeddedChartBuilder {
  private spec: ChartSpec

  constructor(
    private readonly sheet: FakeSheet,
    spec: ChartSpec,
  ) {
    this.spec = spec
  }

  asComboChart(): GasEmbeddedChartBuilder {
    this.spec = { ...this.spec, combo: true }
    return this
  }

  addRange(range: GasRange): GasEmbeddedChartBuilder {
    const fake = range as FakeRange
    if (fake.sheet !== this.sheet) throw new Error('fake: a chart range must be on the chart’s sheet')
    this.spec = { ...this.spec, ranges: [...this.spec.ranges, fake] }
    return this
  }

  clearRanges(): GasEmbeddedChartBuilder {
    this.spec = { ...this.spec, ranges: [] }
    return this
  }

  setNumHeaders(headers: number): GasEmbeddedChartBuilder {
    this.spec = { ...this.spec, numHeaders: headers }
    return this
  }

  setOption(option: string, value: unknown): GasEmbeddedChartBuilder {
    this.spec = { ...this.spec, options: { ...this.spec.options, [option]: value } }
    return this
  }

  setPosition(anchorRowPos: number, anchorColPos: number): GasEmbeddedChartBuilder {
    this.spec = { ...this.spec, position: { row: anchorRowPos, column: anchorColPos } }
    return this
  }

  build(): GasEmbeddedChart {
    if (this.spec.ranges.length === 0) throw new Error('fake: a chart needs at least one range')
    const chartId = this.spec.chartId === 0 ? nextChartId++ : this.spec.chartId
    return new FakeChart(this.sheet, { ...this.spec, chartId })
  }
}

function parseA1(a1: string): { row: number; column: number; numRows: number; numColumns: number } {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1)
  if (!match) throw new Error(`fake: unsupported A1 notation ${a1}`)
  const column = letterIndex(match[1] ?? '')
  const lastColumn = letterIndex(match[3] ?? '')
  const row = Number(match[2])
  return { row, column, numRows: Number(match[4]) - row + 1, numColumns: lastColumn - column + 1 }
}

function letterIndex(letters: string): number {
  let n = 0
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64)
  return n
}

export class FakeRange implements GasRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  private each(visit: (row: number, column: number, r: number, c: number) => void): void {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) visit(this.row - 1 + r, this.column - 1 + c, r, c)
    }
  }

  private checkShape(matrix: readonly (readonly unknown[])[], what: string): void {
    if (!Array.isArray(matrix) || matrix.length !== this.numRows) {
      throw new Error(`${what}: the data has ${matrix?.length} rows but the range has ${this.numRows}`)
    }
    for (const line of matrix) {
      if (!Array.isArray(line) || line.length !== this.numColumns) {
        throw new Error(`${what}: the data has ${line?.length} columns but the range has ${this.numColumns}`)
      }
    }
  }

  getValues(): unknown[][] {
    this.sheet.log.count('Range.getValues')
    return this.sheet.read(this.row - 1, this.column - 1, this.numRows, this.numColumns)
  }

  setValues(values: unknown[][]): GasRange {
    this.sheet.log.count('Range.setValues')
    this.checkShape(values, 'setValues')
    this.each((row, column, r, c) => {
      this.sheet.store(row, column, values[r]?.[c])
    })
    return this
  }

  setNumberFormat(numberFormat: string): GasRange {
    this.sheet.log.count('Range.setNumberFormat')
    this.applyNumberFormat(numberFormat)
    return this
  }

  applyNumberFormat(numberFormat: string): void {
    this.each((row, column) => {
      this.sheet.numberFormats.set(cellKey(row, column), numberFormat)
    })
  }

  setNotes(notes: (string | null)[][]): GasRange {
    this.sheet.log.count('Range.setNotes')
    this.checkShape(notes, 'setNotes')
    this.each((row, column, r, c) => {
      const note = notes[r]?.[c]
      if (note) this.sheet.notes.set(cellKey(row, column), note)
      else this.sheet.notes.delete(cellKey(row, column))
    })
    return this
  }

  setBackgrounds(colors: (string | null)[][]): GasRange {
    this.sheet.log.count('Range.setBackgrounds')
    this.checkShape(colors, 'setBackgrounds')
    this.each((row, column, r, c) => {
      const color = colors[r]?.[c]
      if (color) this.sheet.backgrounds.set(cellKey(row, column), color)
      else this.sheet.backgrounds.delete(cellKey(row, column))
    })
    return this
  }

  setFontWeight(fontWeight: 'bold' | 'normal' | null): GasRange {
    this.sheet.log.count('Range.setFontWeight')
    this.each((row, column) => {
      this.sheet.fontWeights.set(cellKey(row, column), fontWeight ?? 'normal')
    })
    return this
  }

  setWrap(isWrapEnabled: boolean): GasRange {
    this.sheet.log.count('Range.setWrap')
    this.each((row, column) => {
      this.sheet.wraps.set(cellKey(row, column), isWrapEnabled)
    })
    return this
  }

  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): GasRange {
    this.sheet.log.count('Range.setVerticalAlignment')
    this.each((row, column) => {
      this.sheet.verticalAlignments.set(cellKey(row, column), alignment ?? 'bottom')
    })
    return this
  }

  setRichTextValue(value: GasRichTextValue): GasRange {
    this.sheet.log.count('Range.setRichTextValue')
    if (!(value instanceof FakeRichTextValue)) throw new Error('fake: not a rich-text value')
    this.each((row, column) => {
      // Rich text is stored as typed: no conversion to numbers, dates or formulas.
      while (this.sheet.cells.length <= row) this.sheet.cells.push([])
      const line = this.sheet.cells[row] ?? []
      while (line.length <= column) line.push('')
      line[column] = value.text
      this.sheet.formulas.delete(cellKey(row, column))
      if (value.link === null) this.sheet.links.delete(cellKey(row, column))
      else this.sheet.links.set(cellKey(row, column), value.link)
    })
    return this
  }

  getRow(): number {
    return this.row
  }

  getNumRows(): number {
    return this.numRows
  }

  getSheet(): FakeSheet {
    return this.sheet
  }

  /** As in Sheets: the range becomes the selection and its sheet the active sheet. */
  activate(): GasRange {
    this.sheet.log.count('Range.activate')
    this.sheet.spreadsheet.activeRange = this
    return this
  }

  protect(): GasProtection {
    this.sheet.log.count('Range.protect')
    const protection = new FakeProtection('RANGE', this.sheet, this)
    this.sheet.spreadsheet.protections.push(protection)
    return protection
  }

  setDataValidation(rule: GasDataValidation | null): GasRange {
    this.sheet.log.count('Range.setDataValidation')
    this.each((row, column) => {
      if (rule === null) this.sheet.validations.delete(cellKey(row, column))
      else this.sheet.validations.set(cellKey(row, column), rule)
    })
    return this
  }
}

export class FakeRangeList implements GasRangeList {
  constructor(
    readonly sheet: FakeSheet,
    readonly ranges: readonly FakeRange[],
  ) {}

  setNumberFormat(numberFormat: string): GasRangeList {
    this.sheet.log.count('RangeList.setNumberFormat')
    for (const range of this.ranges) range.applyNumberFormat(numberFormat)
    return this
  }
}

export class FakeRichTextValue implements GasRichTextValue {
  constructor(
    readonly text: string,
    readonly link: string | null,
  ) {}
}

export class FakeRichTextValueBuilder implements GasRichTextValueBuilder {
  private text = ''
  private link: string | null = null

  setText(text: string): GasRichTextValueBuilder {
    this.text = text
    return this
  }

  setLinkUrl(linkUrl: string | null): GasRichTextValueBuilder {
    this.link = linkUrl
    return this
  }

  build(): GasRichTextValue {
    return new FakeRichTextValue(this.text, this.link)
  }
}

export class FakeSpreadsheet implements GasSpreadsheet {
  readonly sheets: FakeSheet[] = []
  readonly toasts: { msg: string; title: string }[] = []
  /** Every protection of every sheet, in the order they were made. */
  readonly protections: FakeProtection[] = []
  readonly id = '1SpreadsheetIdOfTheLedgerWorkbook0000000000'
  /** The user's selection (select()), null when nothing is selected. */
  activeRange: FakeRange | null = null

  constructor(
    readonly timeZone = 'Asia/Shanghai',
    readonly log = new CallLog(),
  ) {}

  /** Adds a tab holding `rows` as a user would have typed them (not counted). */
  addSheet(name: string, rows: readonly (readonly unknown[])[] = []): FakeSheet {
    const sheet = new FakeSheet(name, this)
    this.sheets.push(sheet)
    sheet.enterRows(rows)
    return sheet
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((sheet) => sheet.sheetName === name)
    if (!found) throw new Error(`fake: no sheet ${name}`)
    return found
  }

  sheetNames(): string[] {
    return this.sheets.map((sheet) => sheet.sheetName)
  }

  /** Selects rows of a tab as the user would click them (not counted). */
  select(name: string, row: number, numRows = 1, column = 1, numColumns = 1): void {
    this.activeRange = new FakeRange(this.sheet(name), row, column, numRows, numColumns)
  }

  getId(): string {
    this.log.count('Spreadsheet.getId')
    return this.id
  }

  getActiveRange(): GasRange | null {
    this.log.count('Spreadsheet.getActiveRange')
    return this.activeRange
  }

  getSpreadsheetTimeZone(): string {
    this.log.count('Spreadsheet.getSpreadsheetTimeZone')
    return this.timeZone
  }

  getSheets(): GasSheet[] {
    this.log.count('Spreadsheet.getSheets')
    return [...this.sheets]
  }

  getSheetByName(name: string): GasSheet | null {
    this.log.count('Spreadsheet.getSheetByName')
    return this.sheets.find((sheet) => sheet.sheetName === name) ?? null
  }

  insertSheet(sheetName: string, sheetIndex: number): GasSheet {
    this.log.count('Spreadsheet.insertSheet')
    if (this.sheets.some((sheet) => sheet.sheetName === sheetName)) {
      throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`)
    }
    const sheet = new FakeSheet(sheetName, this)
    this.sheets.splice(Math.min(sheetIndex, this.sheets.length), 0, sheet)
    return sheet
  }

  toast(msg: string, title: string): void {
    this.log.count('Spreadsheet.toast')
    this.toasts.push({ msg, title })
  }

  getProtections(type: unknown): GasProtection[] {
    this.log.count('Spreadsheet.getProtections')
    const kind = protectionKind(type)
    return this.protections.filter((p) => p.kind === kind)
  }
}

// --- UI ---

export type MenuEntry = { readonly caption: string; readonly functionName: string } | 'separator'

export class FakeMenu implements GasMenu {
  readonly entries: MenuEntry[] = []

  constructor(
    readonly caption: string,
    private readonly ui: FakeUi,
  ) {}

  addItem(caption: string, functionName: string): GasMenu {
    this.entries.push({ caption, functionName })
    return this
  }

  addSeparator(): GasMenu {
    this.entries.push('separator')
    return this
  }

  addToUi(): void {
    this.ui.menus.push(this)
  }
}

export class FakeUi implements GasUi {
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', CLOSE: 'CLOSE', YES: 'YES', NO: 'NO' } as const
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' } as const
  readonly menus: FakeMenu[] = []
  readonly alerts: { title: string; prompt: string }[] = []
  readonly prompts: { title: string; prompt: string }[] = []
  /** Buttons for the next alert() calls (OK_CANCEL dialogs), oldest first; an empty queue answers OK. */
  readonly alertReplies: ('OK' | 'CANCEL' | 'CLOSE')[] = []
  /** Replies for the next prompt() calls, oldest first; an empty queue answers OK with ''. */
  readonly replies: { text: string; button: 'OK' | 'CANCEL' | 'CLOSE' }[] = []

  createMenu(caption: string): GasMenu {
    return new FakeMenu(caption, this)
  }

  alert(title: string, prompt: string): unknown {
    this.alerts.push({ title, prompt })
    return this.Button[this.alertReplies.shift() ?? 'OK']
  }

  prompt(title: string, prompt: string): GasPromptResponse {
    this.prompts.push({ title, prompt })
    const reply = this.replies.shift() ?? { text: '', button: 'OK' }
    return { getResponseText: () => reply.text, getSelectedButton: () => reply.button }
  }

  /** The pages shown in the sidebar, oldest first. */
  readonly sidebars: FakeHtmlOutput[] = []

  showSidebar(userInterface: GasHtmlOutput): void {
    if (!(userInterface instanceof FakeHtmlOutput)) throw new Error('fake: showSidebar takes an HtmlOutput')
    this.sidebars.push(userInterface)
  }
}

// --- HtmlService ---

export class FakeHtmlOutput implements GasHtmlOutput {
  private title = ''

  constructor(readonly content: string) {}

  setTitle(title: string): GasHtmlOutput {
    this.title = title
    return this
  }

  getTitle(): string {
    return this.title
  }

  getContent(): string {
    return this.content
  }
}

/** The project's HTML files (clasp pushes dist/Sidebar.html as the file Sidebar), by name. */
export class FakeHtmlService implements GasHtmlService {
  readonly files = new Map<string, string>()

  createHtmlOutputFromFile(filename: string): GasHtmlOutput {
    const content = this.files.get(filename)
    if (content === undefined) throw new Error(`No HTML file named ${filename} was found.`)
    return new FakeHtmlOutput(content)
  }
}

// --- triggers, lock, session ---

export interface TriggerSchedule {
  /** A one-off trigger, in milliseconds from its creation. */
  after?: number
  everyDays?: number
  atHour?: number
  timezone?: string
}

export class FakeTrigger implements GasTrigger {
  constructor(
    readonly handler: string,
    readonly schedule: TriggerSchedule,
  ) {}

  getHandlerFunction(): string {
    return this.handler
  }
}

export class FakeScriptApp implements GasScriptApp {
  readonly triggers: FakeTrigger[] = []

  getProjectTriggers(): GasTrigger[] {
    return [...this.triggers]
  }

  deleteTrigger(trigger: GasTrigger): void {
    const index = this.triggers.indexOf(trigger as FakeTrigger)
    if (index < 0) throw new Error('fake: no such trigger')
    this.triggers.splice(index, 1)
  }

  newTrigger(functionName: string): { timeBased(): GasClockTriggerBuilder } {
    return {
      timeBased: () => {
        const schedule: TriggerSchedule = {}
        const builder: GasClockTriggerBuilder = {
          after: (milliseconds) => {
            schedule.after = milliseconds
            return builder
          },
          everyDays: (n) => {
            schedule.everyDays = n
            return builder
          },
          atHour: (hour) => {
            if (hour < 0 || hour > 23) throw new Error('hour must be 0-23')
            schedule.atHour = hour
            return builder
          },
          inTimezone: (timezone) => {
            schedule.timezone = timezone
            return builder
          },
          create: () => {
            if (schedule.everyDays === undefined && schedule.after === undefined)
              throw new Error('fake: a clock trigger needs a frequency or a delay')
            const trigger = new FakeTrigger(functionName, { ...schedule })
            this.triggers.push(trigger)
            return trigger
          },
        }
        return builder
      },
    }
  }
}

/** Apps Script keeps at most 9 KB in one property value and 500 KB in one store. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024
export const PROPERTY_STORE_LIMIT = 500 * 1024

/** Properties as strings by key, as PropertiesService keeps them, within its quotas. */
export class FakeProperties implements GasProperties {
  readonly values = new Map<string, string>()

  getProperty(key: string): string | null {
    return this.values.get(key) ?? null
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.values)
  }

  getKeys(): string[] {
    return [...this.values.keys()]
  }

  setProperty(key: string, value: string): GasProperties {
    return this.setProperties({ [key]: value })
  }

  /** Throws, setting nothing, when a value or the whole store would go past a quota. */
  setProperties(properties: Record<string, string>): GasProperties {
    const after = new Map([
      ...this.values,
      ...Object.entries(properties).map(([k, v]) => [k, String(v)] as const),
    ])
    for (const value of Object.values(properties)) {
      if (Buffer.byteLength(String(value)) > PROPERTY_VALUE_LIMIT)
        throw new Error('Argument too large: value')
    }
    if (this.bytes(after) > PROPERTY_STORE_LIMIT) {
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      )
    }
    for (const [key, value] of after) this.values.set(key, value)
    return this
  }

  deleteProperty(key: string): GasProperties {
    this.values.delete(key)
    return this
  }

  /** What the store holds, keys and values, in UTF-8 bytes. */
  bytes(values: ReadonlyMap<string, string> = this.values): number {
    let total = 0
    for (const [key, value] of values) total += Buffer.byteLength(key) + Buffer.byteLength(value)
    return total
  }
}

export class FakePropertiesService implements GasPropertiesService {
  readonly document = new FakeProperties()

  getDocumentProperties(): GasProperties {
    return this.document
  }
}

/** CacheService's limits: a value of at most 100 KB, a key of at most 250 characters, 1 to 21,600 s. */
export const CACHE_VALUE_LIMIT = 100 * 1024
export const CACHE_KEY_LIMIT = 250
export const CACHE_MAX_SECONDS = 21_600
export const CACHE_DEFAULT_SECONDS = 600

/**
 * A cache of CacheService: strings by key until they expire, on a clock the test may move (`now`,
 * milliseconds). Puts past a limit throw, as Apps Script's do; `drop()` forgets everything, as Apps
 * Script may at any time ("you must be prepared to get back null from all reads").
 */
export class FakeCache implements GasCache {
  readonly entries = new Map<string, { value: string; expiresAt: number }>()
  now: () => number = () => Date.now()
  /** Every call, by method: the sidebar's tests count them. */
  readonly calls: string[] = []

  get(key: string): string | null {
    this.calls.push('get')
    return this.live(key)
  }

  getAll(keys: string[]): Record<string, string> {
    this.calls.push('getAll')
    const found: Record<string, string> = {}
    for (const key of keys) {
      const value = this.live(key)
      if (value !== null) found[key] = value
    }
    return found
  }

  put(key: string, value: string, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    this.calls.push('put')
    this.check(key, value, expirationInSeconds)
    this.entries.set(key, { value, expiresAt: this.now() + expirationInSeconds * 1000 })
  }

  putAll(values: Record<string, string>, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    this.calls.push('putAll')
    for (const [key, value] of Object.entries(values)) this.check(key, value, expirationInSeconds)
    for (const [key, value] of Object.entries(values))
      this.entries.set(key, { value, expiresAt: this.now() + expirationInSeconds * 1000 })
  }

  remove(key: string): void {
    this.calls.push('remove')
    this.entries.delete(key)
  }

  removeAll(keys: string[]): void {
    this.calls.push('removeAll')
    for (const key of keys) this.entries.delete(key)
  }

  /** Apps Script dropping the cache before the values expire. */
  drop(): void {
    this.entries.clear()
  }

  /** The keys whose values have not expired. */
  liveKeys(): string[] {
    return [...this.entries.keys()].filter((key) => this.live(key) !== null)
  }

  private live(key: string): string | null {
    const entry = this.entries.get(key)
    if (entry === undefined) return null
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(key)
      return null
    }
    return entry.value
  }

  private check(key: string, value: unknown, seconds: number): void {
    if (typeof key !== 'string' || key.length === 0 || key.length > CACHE_KEY_LIMIT)
      throw new Error('Argument too large: key')
    if (typeof value !== 'string') throw new Error('Invalid argument: value')
    if (Buffer.byteLength(value) > CACHE_VALUE_LIMIT) throw new Error('Argument too large: value')
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > CACHE_MAX_SECONDS)
      throw new Error('Invalid argument: expirationInSeconds')
  }
}

/** CacheService: the one user's cache (the tests run as one user). */
export class FakeCacheService implements GasCacheService {
  readonly user = new FakeCache()

  getUserCache(): FakeCache {
    return this.user
  }
}

/** A Blob: bytes and their content type. */
export class FakeBlob implements GasBlob {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string | null,
  ) {}

  getBytes(): number[] {
    return Array.from(new Int8Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length))
  }

  getDataAsString(): string {
    return this.bytes.toString('utf8')
  }
}

/** Utilities' gzip and base64 on node:zlib and Buffer, so that what the tool stores is really compressed. */
export class FakeUtilities implements GasUtilities {
  newBlob(data: string): FakeBlob
  newBlob(data: number[], contentType: string): FakeBlob
  newBlob(data: string | number[], contentType?: string): FakeBlob {
    return new FakeBlob(
      typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data),
      contentType ?? null,
    )
  }

  gzip(blob: GasBlobSource): FakeBlob {
    return new FakeBlob(gzipSync(blobOf(blob).bytes), 'application/x-gzip')
  }

  /** Throws on bytes that are not gzip; wants the blob typed as gzip, as the tool makes it for Apps Script. */
  ungzip(blob: GasBlobSource): FakeBlob {
    const { bytes, contentType } = blobOf(blob)
    if (contentType !== 'application/x-gzip') throw new Error(`ungzip of a blob of type ${contentType}`)
    return new FakeBlob(gunzipSync(bytes), null)
  }

  base64Encode(data: number[]): string {
    return Buffer.from(data).toString('base64')
  }

  /** Throws on text that is not base64, where Buffer would skip what it cannot read. */
  getUuid(): string {
    return randomUUID()
  }

  base64Decode(encoded: string): number[] {
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded)) {
      throw new Error('Could not decode string.')
    }
    return new FakeBlob(Buffer.from(encoded, 'base64'), null).getBytes()
  }

  /** Apps Script's bytes are Java's: -128 to 127. */
  computeHmacSha256Signature(value: string, key: string): number[] {
    return [...createHmac('sha256', key).update(value, 'utf8').digest()].map((byte) =>
      byte > 127 ? byte - 256 : byte,
    )
  }

  /** The waits asked for, in milliseconds; the fake returns at once. */
  readonly sleeps: number[] = []

  sleep(milliseconds: number): void {
    this.sleeps.push(milliseconds)
  }
}

/**
 * MailApp with a daily quota: sendEmail takes one recipient off it, and throws Apps Script's error
 * once it is spent, as the real one does.
 */
export class FakeMailApp implements GasMailApp {
  readonly sent: { to: string; subject: string; body: string; name?: string }[] = []
  constructor(public quota = 100) {}

  getRemainingDailyQuota(): number {
    return this.quota
  }

  sendEmail(message: { to: string; subject: string; body: string; name?: string }): void {
    if (this.quota < 1) throw new Error('Service invoked too many times for one day: email.')
    this.quota -= 1
    this.sent.push({ ...message })
  }
}

export interface FakeFetch {
  readonly url: string
  readonly contentType: string
  readonly payload: string
  readonly muteHttpExceptions: boolean
}

/**
 * UrlFetchApp over scripted answers: each fetch takes the next reply (the last repeats); a reply
 * of status 0 is a network failure, which throws as the real one does even with muteHttpExceptions.
 * Without muteHttpExceptions a 4xx/5xx throws, as in Apps Script.
 */
export class FakeUrlFetchApp implements GasUrlFetchApp {
  readonly fetched: FakeFetch[] = []
  replies: { status: number; body: string }[] = [{ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }]

  fetch(
    url: string,
    params: { method: 'post'; contentType: string; payload: string; muteHttpExceptions: boolean },
  ): GasHttpResponse {
    const reply = this.replies[Math.min(this.fetched.length, this.replies.length - 1)] ?? {
      status: 200,
      body: '',
    }
    this.fetched.push({
      url,
      contentType: params.contentType,
      payload: params.payload,
      muteHttpExceptions: params.muteHttpExceptions,
    })
    if (reply.status === 0) throw new Error(`Address unavailable: ${url}`)
    if (reply.status >= 400 && !params.muteHttpExceptions)
      throw new Error(`Request failed for ${url} returned code ${reply.status}`)
    return { getResponseCode: () => reply.status, getContentText: () => reply.body }
  }
}

function blobOf(blob: GasBlobSource): FakeBlob {
  if (!(blob instanceof FakeBlob)) throw new Error('not a blob of the fake Utilities')
  return blob
}

export class FakeLock implements GasLock {
  /** Another execution holds the lock: tryLock fails. */
  heldElsewhere = false
  held = false
  acquired = 0
  released = 0

  tryLock(): boolean {
    if (this.heldElsewhere) return false
    this.held = true
    this.acquired++
    return true
  }

  releaseLock(): void {
    if (this.held) this.released++
    this.held = false
  }
}

export class FakeLockService implements GasLockService {
  readonly lock = new FakeLock()

  getDocumentLock(): GasLock {
    return this.lock
  }
}

export class FakeSession implements GasSession {
  constructor(
    public activeEmail = 'clerk@example.com',
    public effectiveEmail = 'owner@example.com',
  ) {}

  getActiveUser(): { getEmail(): string } {
    return { getEmail: () => this.activeEmail }
  }

  getEffectiveUser(): { getEmail(): string } {
    return { getEmail: () => this.effectiveEmail }
  }
}

export class FakeConsole {
  readonly lines: { level: 'log' | 'info' | 'warn' | 'error'; text: string }[] = []

  private record(level: 'log' | 'info' | 'warn' | 'error', parts: unknown[]): void {
    this.lines.push({
      level,
      text: parts.map((part) => (part instanceof Error ? part.stack : String(part))).join(' '),
    })
  }

  log(...parts: unknown[]): void {
    this.record('log', parts)
  }

  info(...parts: unknown[]): void {
    this.record('info', parts)
  }

  warn(...parts: unknown[]): void {
    this.record('warn', parts)
  }

  error(...parts: unknown[]): void {
    this.record('error', parts)
  }
}

// --- documents and Drive (生成答复单) ---

type FakeElementType = 'PARAGRAPH' | 'LIST_ITEM' | 'TABLE' | 'TABLE_ROW' | 'TABLE_CELL'

const ELEMENT_TYPES: Readonly<Record<FakeElementType, FakeElementType>> = {
  PARAGRAPH: 'PARAGRAPH',
  LIST_ITEM: 'LIST_ITEM',
  TABLE: 'TABLE',
  TABLE_ROW: 'TABLE_ROW',
  TABLE_CELL: 'TABLE_CELL',
}

abstract class FakeElement implements GasDocElement {
  abstract getType(): FakeElementType

  private as<T>(type: FakeElementType): T {
    if (this.getType() !== type) throw new Error(`fake: a ${this.getType()} is not a ${type}`)
    return this as unknown as T
  }

  asParagraph(): GasParagraph {
    return this.as('PARAGRAPH')
  }

  asListItem(): GasParagraph {
    return this.as('LIST_ITEM')
  }

  asTable(): GasContainer {
    return this.as('TABLE')
  }

  asTableRow(): GasContainer {
    return this.as('TABLE_ROW')
  }

  asTableCell(): GasContainer {
    return this.as('TABLE_CELL')
  }
}

/** A paragraph or list item: its text and the few attributes the letter sets. */
export class FakeParagraph extends FakeElement implements GasParagraph {
  alignment: unknown = 'LEFT'
  indentFirstLine = 0
  spacingAfter = 0
  lineSpacing = 1
  bold = false
  fontSize: number | undefined

  constructor(
    public text: string,
    readonly type: 'PARAGRAPH' | 'LIST_ITEM' = 'PARAGRAPH',
  ) {
    super()
  }

  getType(): FakeElementType {
    return this.type
  }

  getText(): string {
    return this.text
  }

  editAsText(): GasText {
    return new FakeText(this)
  }

  setAlignment(alignment: unknown): GasParagraph {
    this.alignment = alignment
    return this
  }

  setIndentFirstLine(indent: number): GasParagraph {
    this.indentFirstLine = indent
    return this
  }

  setSpacingAfter(spacing: number): GasParagraph {
    this.spacingAfter = spacing
    return this
  }

  setLineSpacing(multiplier: number): GasParagraph {
    this.lineSpacing = multiplier
    return this
  }

  copy(): FakeParagraph {
    const copy = new FakeParagraph(this.text, this.type)
    Object.assign(copy, {
      alignment: this.alignment,
      indentFirstLine: this.indentFirstLine,
      spacingAfter: this.spacingAfter,
      lineSpacing: this.lineSpacing,
      bold: this.bold,
      fontSize: this.fontSize,
    })
    return copy
  }
}

/** Text editing with the bounds checks of Apps Script (an offset past the end throws). */
export class FakeText implements GasText {
  constructor(private readonly paragraph: FakeParagraph) {}

  getText(): string {
    return this.paragraph.text
  }

  deleteText(startOffset: number, endOffsetInclusive: number): GasText {
    const text = this.paragraph.text
    if (startOffset < 0 || endOffsetInclusive < startOffset || endOffsetInclusive >= text.length) {
      throw new Error(`fake: deleteText(${startOffset}, ${endOffsetInclusive}) outside "${text}"`)
    }
    this.paragraph.text = text.slice(0, startOffset) + text.slice(endOffsetInclusive + 1)
    return this
  }

  insertText(offset: number, inserted: string): GasText {
    const text = this.paragraph.text
    if (offset < 0 || offset > text.length) throw new Error(`fake: insertText(${offset}) outside "${text}"`)
    this.paragraph.text = text.slice(0, offset) + inserted + text.slice(offset)
    return this
  }

  setBold(bold: boolean): GasText {
    this.paragraph.bold = bold
    return this
  }

  setFontSize(size: number): GasText {
    this.paragraph.fontSize = size
    return this
  }
}

export class FakeContainer extends FakeElement implements GasContainer {
  constructor(
    readonly type: FakeElementType,
    readonly children: FakeElement[] = [],
  ) {
    super()
  }

  getType(): FakeElementType {
    return this.type
  }

  getNumChildren(): number {
    return this.children.length
  }

  getChild(childIndex: number): GasDocElement {
    const child = this.children[childIndex]
    if (child === undefined) throw new Error(`fake: no child ${childIndex}`)
    return child
  }
}

/** A table of paragraphs: rows of cells, each cell holding one paragraph. */
export function fakeTable(rows: readonly (readonly string[])[]): FakeContainer {
  return new FakeContainer(
    'TABLE',
    rows.map(
      (cells) =>
        new FakeContainer(
          'TABLE_ROW',
          cells.map((text) => new FakeContainer('TABLE_CELL', [new FakeParagraph(text)])),
        ),
    ),
  )
}

export class FakeBody extends FakeContainer implements GasBody {
  readonly margins = { top: 72, bottom: 72, left: 72, right: 72 }

  constructor(children: FakeElement[] = [new FakeParagraph('')]) {
    super('PARAGRAPH', children)
  }

  override getType(): FakeElementType {
    throw new Error('fake: the body has no element type here')
  }

  getChildIndex(child: GasDocElement): number {
    const index = this.children.indexOf(child as FakeElement)
    if (index < 0) throw new Error('fake: not a child of the body')
    return index
  }

  private insert(childIndex: number, element: GasParagraph, type: 'PARAGRAPH' | 'LIST_ITEM'): GasParagraph {
    if (!(element instanceof FakeParagraph) || element.type !== type) throw new Error(`fake: not a ${type}`)
    if (childIndex < 0 || childIndex > this.children.length) throw new Error(`fake: index ${childIndex}`)
    const inserted = element.copy()
    this.children.splice(childIndex, 0, inserted)
    return inserted
  }

  insertParagraph(childIndex: number, paragraph: GasParagraph): GasParagraph {
    return this.insert(childIndex, paragraph, 'PARAGRAPH')
  }

  insertListItem(childIndex: number, listItem: GasParagraph): GasParagraph {
    return this.insert(childIndex, listItem, 'LIST_ITEM')
  }

  appendParagraph(text: string): GasParagraph {
    const paragraph = new FakeParagraph(text)
    this.children.push(paragraph)
    return paragraph
  }

  removeChild(child: GasDocElement): GasBody {
    const index = this.getChildIndex(child)
    const paragraphs = this.children.filter((element) => element.getType() === 'PARAGRAPH')
    if (paragraphs.length === 1 && paragraphs[0] === child) {
      throw new Error("Can't remove the last paragraph in a document section.")
    }
    this.children.splice(index, 1)
    return this
  }

  setMarginTop(margin: number): GasBody {
    this.margins.top = margin
    return this
  }

  setMarginBottom(margin: number): GasBody {
    this.margins.bottom = margin
    return this
  }

  setMarginLeft(margin: number): GasBody {
    this.margins.left = margin
    return this
  }

  setMarginRight(margin: number): GasBody {
    this.margins.right = margin
    return this
  }

  /** Every paragraph's text in order, table cells included (test helper). */
  texts(): string[] {
    const out: string[] = []
    const walk = (element: FakeElement): void => {
      if (element instanceof FakeParagraph) out.push(element.text)
      else if (element instanceof FakeContainer) for (const child of element.children) walk(child)
    }
    for (const child of this.children) walk(child)
    return out
  }

  paragraphs(): FakeParagraph[] {
    return this.children.filter((element): element is FakeParagraph => element instanceof FakeParagraph)
  }
}

export class FakeDocument implements GasDocument {
  saved = false
  header: FakeContainer | null = null
  footer: FakeContainer | null = null

  constructor(
    readonly id: string,
    public name: string,
    readonly body: FakeBody = new FakeBody(),
  ) {}

  getId(): string {
    return this.id
  }

  getUrl(): string {
    return `https://docs.google.com/document/d/${this.id}/edit`
  }

  getName(): string {
    return this.name
  }

  getBody(): GasBody {
    return this.body
  }

  getHeader(): GasContainer | null {
    return this.header
  }

  getFooter(): GasContainer | null {
    return this.footer
  }

  saveAndClose(): void {
    this.saved = true
  }

  /** A deep copy under another id and name (Drive's makeCopy). */
  copyAs(id: string, name: string): FakeDocument {
    const copyElement = (element: FakeElement): FakeElement =>
      element instanceof FakeParagraph
        ? element.copy()
        : new FakeContainer(element.getType(), (element as FakeContainer).children.map(copyElement))
    const copy = new FakeDocument(id, name, new FakeBody(this.body.children.map(copyElement)))
    copy.header = this.header && (copyElement(this.header) as FakeContainer)
    copy.footer = this.footer && (copyElement(this.footer) as FakeContainer)
    return copy
  }
}

export class FakeDriveFolder implements GasDriveFolder {
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}

  getId(): string {
    return this.id
  }

  getName(): string {
    return this.name
  }
}

export class FakeDriveFile implements GasDriveFile {
  constructor(
    readonly drive: FakeDrive,
    readonly id: string,
    public name: string,
    public parents: FakeDriveFolder[],
    readonly document: FakeDocument | undefined,
  ) {}

  getId(): string {
    return this.id
  }

  getName(): string {
    return this.name
  }

  getParents(): GasFolderIterator {
    const parents = [...this.parents]
    return { hasNext: () => parents.length > 0, next: () => parents.shift() as GasDriveFolder }
  }

  makeCopy(name: string, destination: GasDriveFolder): GasDriveFile {
    this.drive.calls.push(`makeCopy ${this.name} → ${destination.getName()}/${name}`)
    if (!this.document) throw new Error('fake: only documents are copied')
    return this.drive.register(this.document.copyAs(this.drive.newId(), name), this.drive.folder(destination))
  }

  moveTo(destination: GasDriveFolder): GasDriveFile {
    this.drive.calls.push(`moveTo ${this.name} → ${destination.getName()}`)
    this.parents = [this.drive.folder(destination)]
    return this
  }
}

const NOT_FOUND =
  'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.'

/** Drive and Docs in one: documents are files, in folders. */
export class FakeDrive {
  readonly root = new FakeDriveFolder('0RootFolderOfMyDrive00000000000', '我的云端硬盘')
  readonly folders = new Map<string, FakeDriveFolder>([[this.root.id, this.root]])
  readonly files = new Map<string, FakeDriveFile>()
  /** makeCopy / moveTo, in order. */
  readonly calls: string[] = []
  private nextId = 1

  newId(): string {
    return `1FakeDocId${String(this.nextId++).padStart(4, '0')}xxxxxxxxxxxxxxxxxxxxxx`
  }

  addFolder(name: string, id = `1FakeFolder${String(this.nextId++).padStart(4, '0')}xxxxxxxxxxxxxxxxxxxx`) {
    const folder = new FakeDriveFolder(id, name)
    this.folders.set(id, folder)
    return folder
  }

  /** A Google Doc the user made, e.g. a letter template with one paragraph per line. */
  addDocument(name: string, lines: readonly (string | FakeElement)[], folder = this.root): FakeDocument {
    const body = new FakeBody(
      lines.map((line) => (typeof line === 'string' ? new FakeParagraph(line) : line)),
    )
    const document = new FakeDocument(this.newId(), name, body)
    this.register(document, folder)
    return document
  }

  /** A file that is not a document (the spreadsheet). */
  addFile(id: string, name: string, folder: FakeDriveFolder): void {
    this.files.set(id, new FakeDriveFile(this, id, name, [folder], undefined))
  }

  register(document: FakeDocument, folder: FakeDriveFolder): FakeDriveFile {
    const file = new FakeDriveFile(this, document.id, document.name, [folder], document)
    this.files.set(document.id, file)
    return file
  }

  folder(folder: GasDriveFolder): FakeDriveFolder {
    const found = this.folders.get(folder.getId())
    if (!found) throw new Error(NOT_FOUND)
    return found
  }

  document(id: string): FakeDocument {
    const document = this.files.get(id)?.document
    if (!document) throw new Error(NOT_FOUND)
    return document
  }

  /** Documents in a folder, by name. */
  documentsIn(folder: FakeDriveFolder): FakeDocument[] {
    return [...this.files.values()]
      .filter((file) => file.document && file.parents.includes(folder))
      .map((file) => file.document as FakeDocument)
  }
}

export class FakeDocumentApp implements GasDocumentApp {
  readonly ElementType = ELEMENT_TYPES
  readonly HorizontalAlignment = { LEFT: 'LEFT', CENTER: 'CENTER', RIGHT: 'RIGHT' } as const

  constructor(private readonly drive: FakeDrive) {}

  create(name: string): GasDocument {
    const document = new FakeDocument(this.drive.newId(), name)
    this.drive.register(document, this.drive.root)
    return document
  }

  openById(id: string): GasDocument {
    return this.drive.document(id)
  }
}

export class FakeDriveApp implements GasDriveApp {
  constructor(private readonly drive: FakeDrive) {}

  getFileById(id: string): GasDriveFile {
    const file = this.drive.files.get(id)
    if (!file) throw new Error(NOT_FOUND)
    return file
  }

  getFolderById(id: string): GasDriveFolder {
    const folder = this.drive.folders.get(id)
    if (!folder) throw new Error(NOT_FOUND)
    return folder
  }

  getRootFolder(): GasDriveFolder {
    return this.drive.root
  }
}

/** One Apps Script environment: the globals a bundle sees and handles on the fakes behind them. */
export interface GasEnvironment {
  readonly spreadsheet: FakeSpreadsheet
  /** PropertiesService: the document properties a check split over several runs keeps its progress in. */
  readonly properties: FakePropertiesService
  /** Utilities: gzip and base64 for the progress kept in the document properties. */
  readonly utilities: FakeUtilities
  readonly ui: FakeUi
  readonly scriptApp: FakeScriptApp
  readonly lockService: FakeLockService
  readonly session: FakeSession
  readonly console: FakeConsole
  /** Drive and Docs: the spreadsheet sits in the folder 台账 of My Drive. */
  readonly drive: FakeDrive
  readonly documentApp: FakeDocumentApp
  readonly driveApp: FakeDriveApp
  /** HtmlService: the project's HTML files (the sidebar's page). */
  readonly htmlService: FakeHtmlService
  /** MailApp and UrlFetchApp: the digests of 每日提醒推送. */
  readonly mailApp: FakeMailApp
  readonly urlFetchApp: FakeUrlFetchApp
  /** CacheService: where the sidebar's answers wait for the page. */
  readonly cacheService: FakeCacheService
  /** Sheets calls (spreadsheet, sheets, ranges, range lists, validation builders). */
  readonly calls: CallLog
  /** The Apps Script globals, for a vm context or globalThis. */
  readonly globals: Record<string, unknown>
}

export function createGasEnvironment(options: { timeZone?: string } = {}): GasEnvironment {
  const calls = new CallLog()
  const spreadsheet = new FakeSpreadsheet(options.timeZone ?? 'Asia/Shanghai', calls)
  const ui = new FakeUi()
  const scriptApp = new FakeScriptApp()
  const lockService = new FakeLockService()
  const session = new FakeSession()
  const properties = new FakePropertiesService()
  const utilities = new FakeUtilities()
  const fakeConsole = new FakeConsole()
  const drive = new FakeDrive()
  drive.addFile(spreadsheet.id, '台账', drive.addFolder('台账'))
  const documentApp = new FakeDocumentApp(drive)
  const driveApp = new FakeDriveApp(drive)
  const htmlService = new FakeHtmlService()
  const mailApp = new FakeMailApp()
  const urlFetchApp = new FakeUrlFetchApp()
  const cacheService = new FakeCacheService()
  const SpreadsheetApp = {
    getActiveSpreadsheet: () => {
      calls.count('SpreadsheetApp.getActiveSpreadsheet')
      return spreadsheet
    },
    getUi: () => ui,
    newDataValidation: () => new FakeDataValidationBuilder(calls),
    newRichTextValue: () => new FakeRichTextValueBuilder(),
    newConditionalFormatRule: () => new FakeConditionalFormatRuleBuilder(calls),
    ProtectionType: FAKE_PROTECTION_TYPE,
  }
  const Logger = { log: (...parts: unknown[]) => fakeConsole.log(...parts) }
  return {
    spreadsheet,
    properties,
    utilities,
    ui,
    scriptApp,
    lockService,
    session,
    console: fakeConsole,
    drive,
    documentApp,
    driveApp,
    htmlService,
    mailApp,
    urlFetchApp,
    cacheService,
    calls,
    globals: {
      CacheService: cacheService,
      HtmlService: htmlService,
      DocumentApp: documentApp,
      DriveApp: driveApp,
      SpreadsheetApp,
      ScriptApp: scriptApp,
      LockService: lockService,
      PropertiesService: properties,
      Utilities: utilities,
      MailApp: mailApp,
      UrlFetchApp: urlFetchApp,
      Session: session,
      Logger,
      console: fakeConsole,
    },
  }
}
