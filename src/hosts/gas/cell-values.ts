/**
 * Values between Google Sheets and the core. `getValues()` hands back JavaScript `Date`s for date
 * cells, instants that only mean a calendar date in the spreadsheet's time zone; the tool writes
 * dates back as day serials with a date format, so no time zone can shift them. Text is written
 * so that Sheets cannot read it as a formula, a number or a date.
 */
import { type Cell, type DateCell, isDateCell, type OutputCell } from '../../core/cells'
import { isoDate, isoDateToSerial } from '../../core/dates'
import type { SheetTable } from '../../core/table'

export const DATE_FORMAT = 'yyyy-mm-dd'
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm'

/** What `setValues` receives for one cell. */
export type SheetValue = string | number | boolean

const MINUTES_PER_DAY = 1440

/**
 * Calendar date and time of day of instants in one IANA time zone. One formatter serves every
 * cell (building an `Intl.DateTimeFormat` per cell costs more than reading the tab), and ledgers
 * repeat dates, so conversions are remembered per instant.
 */
export class ZonedCalendar {
  private readonly format: Intl.DateTimeFormat
  private readonly seen = new Map<number, Cell>()

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
  }

  /** A DateCell, or the text shown for a value that is no calendar date (a bare time of day). */
  cellOf(instant: Date): Cell {
    // Serial fractions come back a millisecond off now and then (14:29:59.999 for 14:30).
    const time = Math.round(instant.getTime() / 1000) * 1000
    if (!Number.isFinite(time)) return null
    const known = this.seen.get(time)
    if (known !== undefined) return known
    const parts: Record<string, number> = {}
    for (const part of this.format.formatToParts(new Date(time))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value)
    }
    const minutes = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    const date = isoDate(parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    let cell: Cell
    if (date === undefined) {
      // A time-only cell reads as 1899-12-30 hh:mm; show the time so the core reports it as no date.
      cell = `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`
    } else {
      const dateCell: DateCell = minutes === 0 ? { date } : { date, minutes }
      cell = dateCell
    }
    this.seen.set(time, cell)
    return cell
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

function isDateObject(value: unknown): value is Date {
  // Not `instanceof`: Dates may come from another realm (the Apps Script bridge, a test's vm context).
  return Object.prototype.toString.call(value) === '[object Date]'
}

/** One value of `getValues()` as the core sees it. */
export function toCell(value: unknown, calendar: ZonedCalendar): Cell {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value
  if (isDateObject(value)) return calendar.cellOf(value)
  return String(value)
}

/** A tab as the core reads it, from the `getValues()` of its data range (header row first). */
export function sheetTable(
  name: string,
  values: readonly (readonly unknown[])[],
  calendar: ZonedCalendar,
): SheetTable {
  const [header = [], ...rows] = values
  return {
    name,
    header: header.map((value) => toCell(value, calendar)),
    rows: rows.map((row) => row.map((value) => toCell(value, calendar))),
  }
}

/** One cell for `setValues()`. */
export function toSheetValue(cell: Cell | OutputCell): SheetValue {
  if (cell === null) return ''
  if (typeof cell === 'string') return protectText(cell)
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : ''
  if (typeof cell === 'boolean') return cell
  if (isDateCell(cell)) return isoDateToSerial(cell.date) + (cell.minutes ?? 0) / MINUTES_PER_DAY
  return ''
}

/** The number format a written value needs, or undefined when the cell's format does not matter. */
export function numberFormatOf(cell: Cell | OutputCell): string | undefined {
  if (!isDateCell(cell)) return undefined
  return cell.minutes === undefined ? DATE_FORMAT : DATE_TIME_FORMAT
}

// Sheets treats text typed (or written with setValues) as the user would type it: `=` starts a
// formula, `+`/`-`/`@` do too in some locales, and text that looks like a number, a percentage,
// a currency amount, a date, a time or a boolean becomes one. A leading apostrophe keeps it text
// and is not part of the value that getValues() returns.
const FORMULA_START = /^\s*[=+\-@'#]/
const NUMBER_OR_DATE_LIKE = /^[\s\d.,:/%$¥￥€£()eE+-]*\d[\s\d.,:/%$¥￥€£()eE+-]*$/
const CHINESE_DATE_LIKE = /^[\s\d年月日号时分秒点.:/-]*\d[\s\d年月日号时分秒点.:/-]*$/
const BOOLEAN_LIKE = /^\s*(true|false)\s*$/i
const MONTH_NAME_DATE =
  /^\s*(\d{1,2}[\s\-/.,]*)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?([\s\-/.,]*\d{1,4}){0,2}\s*$/i

/** Whether Sheets would read this text as a formula, a number, a date or a boolean. */
export function needsTextGuard(text: string): boolean {
  return (
    FORMULA_START.test(text) ||
    NUMBER_OR_DATE_LIKE.test(text) ||
    CHINESE_DATE_LIKE.test(text) ||
    BOOLEAN_LIKE.test(text) ||
    MONTH_NAME_DATE.test(text)
  )
}

export function protectText(text: string): string {
  return text !== '' && needsTextGuard(text) ? `'${text}` : text
}
