/**
 * ExcelJS cell values to the core's `Cell` and back. Dates travel as calendar dates: ExcelJS turns a
 * serial into a JS Date at UTC midnight (plus the time of day), so the UTC components are the date
 * the user typed, whatever the time zone of the machine.
 */
import ExcelJS from 'exceljs'
import type { Cell, DateCell, OutputCell } from '../../core/cells'
import { isoDate } from '../../core/dates'

export const DATE_FORMAT = 'yyyy-mm-dd'
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm'

const MS_PER_MINUTE = 60_000
const MINUTES_PER_DAY = 1440

/** What the user sees in an ExcelJS cell, as the core reads it. */
export function cellFromExcel(cell: ExcelJS.Cell): Cell {
  // Google Sheets reads the hidden cells of a merged range as empty; so does this host.
  if (cell.type === ExcelJS.ValueType.Merge) return null
  return valueFromExcel(cell.value)
}

export function valueFromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return dateFromExcel(value)
  if ('error' in value) return value.error
  if ('richText' in value) return richTextToString(value)
  if ('hyperlink' in value) {
    // ExcelJS gives a link's text as a string or, when the text is formatted, as rich text.
    const text: unknown = value.text
    if (typeof text === 'string') return text
    if (isRichText(text)) return richTextToString(text)
    return value.hyperlink
  }
  // A formula, a shared-formula clone or an array formula: the result Excel cached when it saved.
  if ('formula' in value || 'sharedFormula' in value) return valueFromExcel(value.result ?? null)
  return null
}

function isRichText(value: unknown): value is ExcelJS.CellRichTextValue {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { richText?: unknown }).richText)
  )
}

function richTextToString(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text ?? '').join('')
}

/**
 * A date from its UTC components, read the way the Google Sheets host reads its dates: rounded to
 * the second (serial fractions come back a millisecond short now and then), seconds then dropped.
 * A time-only cell (Excel's day 0, 1899-12-30) is no calendar date and is read as the time shown.
 */
export function dateFromExcel(value: Date): Cell {
  const ms = Math.round(value.getTime() / 1000) * 1000
  if (!Number.isFinite(ms)) return null
  const instant = new Date(ms)
  const minutes = instant.getUTCHours() * 60 + instant.getUTCMinutes()
  const date = isoDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate())
  if (date === undefined) return clockText(minutes)
  return minutes === 0 ? { date } : { date, minutes }
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** A JS Date at UTC midnight (plus the minutes), which ExcelJS stores as the matching serial. */
export function dateToExcel(cell: DateCell): Date {
  const [year, month, day] = cell.date.split('-').map(Number) as [number, number, number]
  const minutes = cell.minutes ?? 0
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= MINUTES_PER_DAY) {
    throw new RangeError(`minutes out of range: ${minutes}`)
  }
  return new Date(Date.UTC(year, month - 1, day) + minutes * MS_PER_MINUTE)
}

export interface ExcelWrite {
  readonly value: ExcelJS.CellValue
  /** Number format a date needs; undefined leaves the cell's format as it is. */
  readonly numFmt?: string
}

/**
 * The ExcelJS value for a tool-written cell. Text stays text: a string that starts with "=" is stored
 * as a string, never as a formula, so nothing a user typed can become one.
 */
export function valueToExcel(cell: OutputCell | Cell): ExcelWrite {
  if (cell === null || typeof cell === 'string' || typeof cell === 'boolean') return { value: cell }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`cannot write ${cell} to a cell`)
    return { value: cell }
  }
  return { value: dateToExcel(cell), numFmt: cell.minutes === undefined ? DATE_FORMAT : DATE_TIME_FORMAT }
}

/** Whether a number format shows a date (and, for date-times, a time): then a user's own date format is kept. */
export function showsDate(numFmt: string | undefined, withTime: boolean): boolean {
  if (!numFmt) return false
  // Quoted text, escaped characters and colour/condition brackets are not format codes.
  const codes = numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase()
  const hasDate = /y/.test(codes) && /d/.test(codes)
  return hasDate && (!withTime || /h/.test(codes))
}
