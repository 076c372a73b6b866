/**
 * A tab as the header row plus data rows, read through its template: columns are found by header
 * text, cells become typed values, and every bad cell becomes a DATA_INVALID finding instead of an
 * exception, so that one bad cell never stops the check of the other rows.
 */
import { columnLetter, parseRange } from './a1'
import { type Cell, displayCell, isBlank, isDateCell, isUncalculatedFormula } from './cells'
import { type IsoDate, isIsoDate, parseTypedDateTime, serialToIsoDate } from './dates'
import type { Finding } from './findings'
import { CLI_INIT_COMMAND } from './host-commands'
import type { ColumnTemplate, TabTemplate } from './template'
import { clipQuoted, idKey, toHalfWidth } from './text'

export interface SheetTable {
  readonly name: string
  readonly header: readonly Cell[]
  /** rows[i] is sheet row i + 2; a row may be shorter than the header (missing cells are empty). */
  readonly rows: readonly (readonly Cell[])[]
  /** Merged ranges (A1 references such as "O10:P10"), when the host knows them. */
  readonly merged?: readonly string[]
}

export const FIRST_DATA_ROW = 2

/** A problem that makes a whole tab unusable: the CLI exits 1 and Sheets shows an alert. */
export class UnusableTabError extends Error {
  constructor(
    readonly sheet: string,
    message: string,
  ) {
    super(message)
    this.name = 'UnusableTabError'
  }
}

/** `YYYY-MM-DDTHH:mm`: a date with a time to the minute (sealed-sample reviews, leads). */
export type DateTime = string & { readonly __dateTime: true }

export type FieldValue = string | number | IsoDate | DateTime

export interface TableRecord {
  /** 1-based sheet row. */
  readonly row: number
  /** The value of the template's key column, or '' when it has none. */
  readonly key: string
  /** Typed values by header; a blank or invalid cell has no entry. */
  readonly values: ReadonlyMap<string, FieldValue>
  /** Headers whose cell was filled in but invalid. */
  readonly invalid: ReadonlySet<string>
  /** When an earlier row has the same key: that row, which keeps the key (this one is reported). */
  readonly duplicateOf?: number
}

export interface ReadResult {
  readonly records: readonly TableRecord[]
  readonly findings: readonly Finding[]
  /** Header → 0-based column index, for the columns of the template that the tab has. */
  readonly columns: ReadonlyMap<string, number>
  /** Number of sheet rows after the header, blank ones included (the length owned columns are written to). */
  readonly rowCount: number
  /**
   * What owned columns hold that the tool may not have written, by header and sheet row: text in a
   * date column, and any text in a text column (the check tells its own 提醒 labels apart).
   */
  readonly ownedCells: ReadonlyMap<string, ReadonlyMap<number, Cell>>
}

/** Users type 有效期（月） with full-width brackets and stray spaces; both mean the template's header. */
export function normalizeHeader(cell: Cell | undefined): string {
  return displayCell(cell ?? null)
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
}

/**
 * Finds the template's columns by header text; extra user columns are ignored. `initCommand` is how
 * the host in use runs 初始化台账, for the message.
 */
export function locateColumns(
  template: TabTemplate,
  header: readonly Cell[],
  initCommand = CLI_INIT_COMMAND,
): Map<string, number> {
  const located = findColumns(template, header)
  // A missing owned column does not keep the tab from being read (readTable reports it): a
  // workbook made before a tool column was added to its template is still checked.
  requireColumns(
    template,
    located,
    template.columns
      .filter((column) => column.required || column.header === template.key)
      .map((column) => column.header),
    initCommand,
  )
  return located
}

/**
 * The template's columns found in a header row, by header, whichever are there; two columns of one
 * header are refused (UnusableTabError), since either could be the one meant.
 */
export function findColumns(template: TabTemplate, header: readonly Cell[]): Map<string, number> {
  const wanted = new Map(template.columns.map((column) => [normalizeHeader(column.header), column.header]))
  const located = new Map<string, number>()
  header.forEach((cell, index) => {
    const name = wanted.get(normalizeHeader(cell))
    if (name === undefined) return
    const earlier = located.get(name)
    if (earlier !== undefined) {
      throw new UnusableTabError(
        template.name,
        `工作表“${template.name}”有两列都叫“${name}”（第 ${columnLetter(earlier)} 列和第 ${columnLetter(index)} 列），请删除或改名其中一列`,
      )
    }
    located.set(name, index)
  })
  return located
}

/**
 * Throws the message locateColumns gives when `columns` (as it located them) lacks one of these
 * headers: for a reader that cannot do without columns the template does not require. The sidebar,
 * the one such reader so far, words its own message (初始化台账 would append the header elsewhere).
 */
export function requireColumns(
  template: TabTemplate,
  columns: ReadonlyMap<string, number>,
  headers: readonly string[],
  initCommand = CLI_INIT_COMMAND,
): void {
  const missing = headers.filter((header) => !columns.has(header)).map((header) => `“${header}”`)
  if (missing.length > 0) {
    throw new UnusableTabError(
      template.name,
      `工作表“${template.name}”缺少列 ${missing.join('、')}，请在第 1 行补上表头（可运行“${initCommand}”自动补齐）`,
    )
  }
}

/** The finding for tool columns a tab lacks: the tab is checked, the columns are not written. */
function missingOwnedColumns(
  template: TabTemplate,
  missing: readonly ColumnTemplate[],
  initCommand: string,
): Finding {
  const headers = missing.map((column) => `“${column.header}”`).join('、')
  return {
    sheet: template.name,
    row: 1,
    key: '',
    code: 'DATA_INVALID',
    severity: 'error',
    message: `第 1 行缺少工具列 ${headers}：本次照常检查，但这些列无法写入；请运行“${initCommand}”补上表头`,
    due: null,
  }
}

export function readTable(
  template: TabTemplate,
  table: SheetTable,
  initCommand = CLI_INIT_COMMAND,
): ReadResult {
  const columns = locateColumns(template, table.header, initCommand)
  const findings: Finding[] = []
  const records: TableRecord[] = []
  const firstRowOfKey = new Map<string, number>()
  const present = template.columns.filter((column) => columns.has(column.header))
  // A row is blank when the user's columns are: what the tool wrote into its owned columns on an
  // earlier run is stale once the user has cleared the row, and is cleared by the next write.
  const userColumns = present.filter((column) => !column.owned)
  const ownedPresent = present.filter((column) => column.owned)
  const ownedCells = new Map<string, Map<number, Cell>>()
  const ownedMissing = template.columns.filter((column) => column.owned && !columns.has(column.header))
  if (ownedMissing.length > 0) findings.push(missingOwnedColumns(template, ownedMissing, initCommand))

  const totalRows: number[] = []
  // A ledger's ids compare as ids (yj-017 is YJ-017); the names of a settings tab (参数) are compared
  // by its own reader, which says what a repeated name means there.
  const sameKey = template.kind === 'ledger' ? idKey : (key: string) => key
  table.rows.forEach((cells, index) => {
    const row = index + FIRST_DATA_ROW
    for (const column of ownedPresent) {
      const cell = cells[columns.get(column.header) ?? -1]
      if (cell === undefined || isBlank(cell) || !maybeForeign(column, cell)) continue
      let byRow = ownedCells.get(column.header)
      if (!byRow) {
        byRow = new Map()
        ownedCells.set(column.header, byRow)
      }
      byRow.set(row, cell)
    }
    if (userColumns.every((column) => isBlank(cells[columns.get(column.header) ?? -1]))) return
    const keyColumn = template.key
    const keyCell = keyColumn === undefined ? undefined : cells[columns.get(keyColumn) ?? -1]
    // A 合计 row a clerk adds under the records is no record: skipped, and said once per tab below.
    if (isTotalLabel(keyCell)) {
      totalRows.push(row)
      return
    }
    // A formula error (#NAME?) or a formula not calculated yet in the key column is no id: it is
    // reported below like any error.
    const key =
      keyColumn === undefined ||
      isBlank(keyCell) ||
      formulaError(keyCell) !== undefined ||
      isUncalculatedFormula(keyCell)
        ? ''
        : displayCell(keyCell ?? null).trim()
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(template.name, columns, { row, key }, header, message))
    }
    const values = new Map<string, FieldValue>()
    const invalid = new Set<string>()
    for (const column of userColumns) {
      const cell = cells[columns.get(column.header) ?? -1] ?? null
      const error = formulaError(cell)
      if (error !== undefined) {
        invalid.add(column.header)
        problem(column.header, `的值是公式错误 ${error}，请修正公式`)
        continue
      }
      // Not empty (未填写) and not a value: the file was written by a program that does not calculate.
      if (isUncalculatedFormula(cell)) {
        invalid.add(column.header)
        problem(column.header, UNCALCULATED_PROBLEM)
        continue
      }
      if (isBlank(cell)) {
        if (column.required) {
          problem(column.header, '未填写，这是必填项，请补上')
        }
        continue
      }
      const parsed = parseCell(column, cell)
      if ('problem' in parsed) {
        invalid.add(column.header)
        problem(column.header, `${quotedValue(column, cell)}${parsed.problem}`)
        continue
      }
      values.set(column.header, parsed.value)
    }
    let duplicateOf: number | undefined
    if (keyColumn !== undefined && key !== '') {
      const compared = sameKey(key)
      const first = firstRowOfKey.get(compared)
      duplicateOf = first
      if (first !== undefined) {
        const keyTemplate = template.columns.find((column) => column.header === keyColumn)
        const value = keyTemplate?.confidential ? quotedValue(keyTemplate, null) : `的值“${quoted(key)}”`
        problem(keyColumn, `${value}与第 ${first} 行重复，编号必须唯一，请改用新编号`)
      } else {
        firstRowOfKey.set(compared, row)
      }
    }
    // Two literals rather than a spread: one record per row, each the same shape as the next.
    records.push(
      duplicateOf === undefined ? { row, key, values, invalid } : { row, key, values, invalid, duplicateOf },
    )
  })
  if (totalRows.length > 0 && template.key !== undefined) {
    findings.push({
      sheet: template.name,
      row: totalRows[0] as number,
      key: '',
      code: 'ROW_SKIPPED',
      severity: 'info',
      message: `第 ${totalRows.join('、')} 行的“${template.key}”是合计、小计或总计：这是合计行，不是一条记录，本次不检查`,
      due: null,
    })
  }
  findings.push(...mergedOwnedCells(template, table, columns))
  return { records, findings, columns, rowCount: table.rows.length, ownedCells }
}

// The error values of Excel and Google Sheets. Both hosts hand an error cell over as its text
// (the xlsx host reads the cached value of a t="e" cell, getValues() returns the error's text), so
// the core tells them from what a user typed by the exact text.
const FORMULA_ERRORS = new Set([
  '#REF!',
  '#NAME?',
  '#VALUE!',
  '#DIV/0!',
  '#N/A',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#ERROR!',
  '#GETTING_DATA',
])

/** What a formula cell without a cached result is, after `第 2 行 H 列“确认日期”`. */
export const UNCALCULATED_PROBLEM = '是公式，但文件里没有计算结果：请在 Excel 或 WPS 中打开并保存后再检查'

/** The error a cell shows (#REF!), or undefined when it holds a value. */
export function formulaError(cell: Cell | undefined): string | undefined {
  // Every error value has a '#': text without one is no error, without trimming a copy of it.
  if (typeof cell !== 'string' || !cell.includes('#')) return undefined
  const text = cell.trim().toUpperCase()
  return FORMULA_ERRORS.has(text) ? text : undefined
}

/** 合计, 小计 or 总计 (with stray spaces, a colon, 全年合计…): the label of a totals row. */
function isTotalLabel(cell: Cell | undefined): boolean {
  // Each label ends in 计, which nothing below changes: a cell without one is no label.
  if (typeof cell !== 'string' || !cell.includes('计')) return false
  const text = toHalfWidth(cell).replace(/[\s:]/g, '')
  return /^.{0,6}(合计|小计|总计)$/.test(text)
}

/** A value in an owned column that the tool would not have written there. */
function maybeForeign(column: ColumnTemplate, cell: Cell): boolean {
  // The tool replaces a formula in its own column, calculated or not (see the xlsx host's rewrite).
  if (isUncalculatedFormula(cell)) return false
  switch (column.type) {
    case 'date':
      return cellToDate(cell) === undefined
    case 'datetime':
      return cellToDateTime(cell) === undefined
    case 'text':
      return true
    default:
      return false
  }
}

/**
 * A merged range that takes in an owned column: writing the owned cell would write into the
 * merge (whose value lives in its top-left cell, perhaps a user's column), so the tool leaves every
 * cell of the range alone and says so.
 */
function mergedOwnedCells(
  template: TabTemplate,
  table: SheetTable,
  columns: ReadonlyMap<string, number>,
): Finding[] {
  if (!table.merged || table.merged.length === 0) return []
  const owned = template.columns
    .filter((column) => column.owned && columns.has(column.header))
    .map((column) => ({ header: column.header, index: columns.get(column.header) as number }))
  const findings: Finding[] = []
  for (const reference of table.merged) {
    const range = parseRange(reference)
    if (!range) continue
    const hit = owned.filter(
      (column) => column.index >= range.first.column && column.index <= range.last.column,
    )
    if (hit.length === 0 || range.last.row < FIRST_DATA_ROW) continue
    const row = Math.max(range.first.row, FIRST_DATA_ROW)
    findings.push({
      sheet: template.name,
      row,
      key: '',
      code: 'DATA_INVALID',
      severity: 'error',
      message: `单元格 ${reference} 是合并单元格，包含了工具列${hit.map((column) => `“${column.header}”`).join('、')}：台账不会写入合并单元格，这些格子本次没有更新；请取消合并（开始 → 合并后居中 → 取消单元格合并）`,
      due: null,
    })
  }
  return findings
}

/**
 * A DATA_INVALID finding about one cell, located as users look for it: 第 26 行 H 列“确认日期”…
 * `message` continues that sentence and should say how to fix the cell.
 */
export function cellProblem(
  sheet: string,
  columns: ReadonlyMap<string, number>,
  record: { readonly row: number; readonly key: string },
  header: string,
  message: string,
): Finding {
  const index = columns.get(header)
  const where = `第 ${record.row} 行${index === undefined ? '' : ` ${columnLetter(index)} 列`}“${header}”`
  return {
    sheet,
    row: record.row,
    key: record.key,
    code: 'DATA_INVALID',
    severity: 'error',
    message: where + message,
    due: null,
  }
}

/**
 * How a message about a bad cell names its value: 的值“2026-13-45”, but never the value of a
 * confidential column (客户信息保密管理制度), whose messages land in 提醒汇总 and 操作日志.
 */
export function quotedValue(column: ColumnTemplate, cell: Cell): string {
  return column.confidential ? '的内容（保密信息，此处不显示）' : `的值“${quoted(displayCell(cell))}”`
}

/** A cell's value as a message quotes it: cut short (see clipQuoted). */
function quoted(text: string): string {
  return clipQuoted(text)
}

type Parsed = { value: FieldValue } | { problem: string }

const DATE_HINT = '不是有效日期，请填写日期，例如 2026-03-05'

export function parseCell(column: ColumnTemplate, cell: Cell): Parsed {
  switch (column.type) {
    case 'text':
      return { value: displayCell(cell).trim() }
    case 'date': {
      const date = cellToDate(cell)
      return date === undefined ? { problem: DATE_HINT } : { value: date }
    }
    case 'datetime': {
      const dateTime = cellToDateTime(cell)
      if (dateTime === undefined) return { problem: '不是有效的日期时间，请填写例如 2026-03-05 14:30' }
      if (column.timeRequired && !hasTimeOfDay(cell))
        return { problem: '只有日期、没有时刻：这一列要精确到分钟，请填写例如 2026-03-05 14:30' }
      return { value: dateTime }
    }
    case 'integer':
    case 'number':
      return parseNumber(column, cell)
    case 'enum': {
      const options = column.options ?? []
      // A checkbox in a 是/否 column (Google Sheets inserts them) means 是 when ticked.
      const checkbox = typeof cell === 'boolean' && options.includes('是') && options.includes('否')
      const text = checkbox ? (cell ? '是' : '否') : displayCell(cell).trim()
      return options.includes(text)
        ? { value: text }
        : { problem: `不在可选值之内，请从下拉列表中选择：${options.join('、')}` }
    }
  }
}

function parseNumber(column: ColumnTemplate, cell: Cell): Parsed {
  let value: number
  const text = typeof cell === 'string' ? toHalfWidth(cell).replace(/[¥￥元\s]/g, '') : ''
  if (typeof cell === 'number') value = cell
  else if (/^[-+]?[\d,]*\.?\d+$/.test(text)) value = Number(text.replace(/,/g, ''))
  else
    return {
      problem:
        column.type === 'integer' ? '不是整数，请填写数字，例如 12' : '不是数字，请填写数字，例如 1280.50',
    }
  if (!Number.isFinite(value)) return { problem: '不是数字，请填写数字' }
  if (column.type === 'integer' && !Number.isInteger(value))
    return { problem: '不是整数，请填写整数，例如 12' }
  const outside =
    column.min !== undefined && value < column.min
      ? `小于允许的最小值 ${column.min}`
      : column.max !== undefined && value > column.max
        ? `大于允许的最大值 ${column.max}`
        : undefined
  if (outside === undefined) return { value }
  const kind = column.type === 'integer' ? '整数' : '数'
  const range =
    column.min !== undefined && column.max !== undefined
      ? `${column.min} 到 ${column.max} 之间的${kind}`
      : column.min !== undefined
        ? `不小于 ${column.min} 的${kind}`
        : `不大于 ${column.max} 的${kind}`
  return { problem: `${outside}，请填写 ${range}` }
}

export function cellToDate(cell: Cell): IsoDate | undefined {
  if (isDateCell(cell)) return isIsoDate(cell.date) ? cell.date : undefined
  // A serial number (a date cell pasted as a value, or typed as text) counts only with five digits,
  // 1927–2173: a bare 2026 or 12 in a date column is a mistake, not 1905-07-18 or 1900-01-12.
  if (typeof cell === 'number')
    return Number.isInteger(cell) && isPlausibleSerial(cell) ? serialToIsoDate(cell) : undefined
  if (typeof cell === 'string') {
    const text = toHalfWidth(cell).trim()
    if (/^\d{5}$/.test(text)) return serialToIsoDate(Number(text))
    return parseTypedDateTime(text)?.date
  }
  return undefined
}

const MINUTES_PER_DAY = 1440

function isPlausibleSerial(serial: number): boolean {
  return serial >= 10_000 && serial < 100_000
}

/** A date-time as the sheet shows it and messages write it: `2026-03-01 09:30`. */
export function showDateTime(at: DateTime): string {
  return at.replace('T', ' ')
}

export function cellToDateTime(cell: Cell): DateTime | undefined {
  if (isDateCell(cell)) return isIsoDate(cell.date) ? joinDateTime(cell.date, cell.minutes ?? 0) : undefined
  if (typeof cell === 'number') {
    if (!isPlausibleSerial(Math.floor(cell))) return undefined
    // Round to the minute first, so that 23:59:50 becomes the next day's 00:00 rather than 24:00.
    const totalMinutes = Math.round(cell * MINUTES_PER_DAY)
    const date = serialToIsoDate(Math.floor(totalMinutes / MINUTES_PER_DAY))
    return (
      date && joinDateTime(date, totalMinutes - Math.floor(totalMinutes / MINUTES_PER_DAY) * MINUTES_PER_DAY)
    )
  }
  if (typeof cell !== 'string') return undefined
  const typed = parseTypedDateTime(cell)
  return typed && joinDateTime(typed.date, typed.minutes ?? 0)
}

/**
 * Whether a date-time cell says the time of day. Both hosts hand over midnight as a bare date (a
 * date cell has no way to tell 00:00 from no time), so 00:00 reads as no time here.
 */
function hasTimeOfDay(cell: Cell): boolean {
  if (isDateCell(cell)) return cell.minutes !== undefined && cell.minutes !== 0
  if (typeof cell === 'number') return Math.round(cell * MINUTES_PER_DAY) % MINUTES_PER_DAY !== 0
  return typeof cell === 'string' && parseTypedDateTime(cell)?.minutes !== undefined
}

function joinDateTime(date: IsoDate, minutes: number): DateTime | undefined {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= MINUTES_PER_DAY) return undefined
  const hours = Math.floor(minutes / 60)
  return `${date}T${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` as DateTime
}

/** A → 0-based index is 0; used in messages so that users can find a column. */
export { columnLetter }
