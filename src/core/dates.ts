/**
 * Calendar dates without a time of day or a time zone. An `IsoDate` is the text `YYYY-MM-DD`, so
 * dates compare as strings, travel through json-rules-engine facts unchanged and never shift with
 * the time zone of the machine that runs the tool. Arithmetic counts whole days from 1970-01-01 with
 * Date.UTC, in which every day has 24 hours: no time zone, no daylight saving, and no Date object
 * per step (a ledger of 200,000 rows asks for a million of these; date-fns took most of the time).
 * test/dates.test.ts checks it against an independent model, and test/dates.property.test.ts
 * against date-fns.
 */
import { toHalfWidth } from './text'

export type IsoDate = string & { readonly __isoDate: true }

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export function isoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined
  if (day > daysInMonth(year, month)) return undefined
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` as IsoDate
}

export function isIsoDate(text: string): text is IsoDate {
  const match = ISO_PATTERN.exec(text)
  return match !== null && isoDate(Number(match[1]), Number(match[2]), Number(match[3])) !== undefined
}

export function parts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) }
}

/**
 * A ledger asks about the same few thousand dates again and again (every row's dates, each plus its
 * periods): both conversions remember their answers, the memory of each bounded by starting afresh.
 */
const MEMO_LIMIT = 50_000
const dayNumbers = new Map<string, number>()
const fromDayNumbers = new Map<number, IsoDate>()

/** Days since 1970-01-01 (negative before it). */
function dayNumber(date: IsoDate): number {
  let days = dayNumbers.get(date)
  if (days === undefined) {
    days =
      Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
    if (dayNumbers.size >= MEMO_LIMIT) dayNumbers.clear()
    dayNumbers.set(date, days)
  }
  return days
}

function fromDayNumber(days: number): IsoDate {
  let text = fromDayNumbers.get(days)
  if (text === undefined) {
    const date = new Date(days * MS_PER_DAY)
    text =
      `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` as IsoDate
    if (fromDayNumbers.size >= MEMO_LIMIT) fromDayNumbers.clear()
    fromDayNumbers.set(days, text)
  }
  return text
}

/** Adds calendar months, clamping to the month's end: 2026-05-31 + 6 months = 2026-11-30. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(date)
  const index = year * 12 + (month - 1) + Math.trunc(months)
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12 + 1
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth))
  return `${String(targetYear).padStart(4, '0')}-${pad2(targetMonth)}-${pad2(targetDay)}` as IsoDate
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + Math.trunc(days))
}

/**
 * A derived date, or undefined when it falls past 9999-12-31: dates compare as text, and
 * 10000-12-31 sorts before 2026-12-02, so a date past the calendar would read as long expired.
 */
export function withinCalendar(date: IsoDate): IsoDate | undefined {
  return date.length === 10 && date <= LAST_DATE ? date : undefined
}

export const LAST_DATE = '9999-12-31' as IsoDate

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7
}

/** The twelve months of a year as `YYYY-MM`, January first (a report's months, charted or tabled). */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, index) => `${year}-${pad2(index + 1)}`)
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

// Excel and Google Sheets count days from 1899-12-30 (Excel's fictitious 1900-02-29 is why it is
// not 12-31); serial 61 is 1900-03-01 in both, which is as far back as a ledger date can go.
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30)
const MS_PER_DAY = 86_400_000
const SERIAL_EPOCH_DAY = SERIAL_EPOCH_MS / MS_PER_DAY
export const FIRST_SERIAL = 61
export const LAST_SERIAL = 2_958_465 // 9999-12-31

/** The date of a serial; a fraction is a time of day on that date (9999-12-31 12:00 is 2958465.5). */
export function serialToIsoDate(serial: number): IsoDate | undefined {
  const day = Math.floor(serial)
  if (!Number.isFinite(day) || day < FIRST_SERIAL || day > LAST_SERIAL) return undefined
  return fromDayNumber(day + SERIAL_EPOCH_DAY)
}

export function isoDateToSerial(date: IsoDate): number {
  const { year, month, day } = parts(date)
  return Math.round((Date.UTC(year, month - 1, day) - SERIAL_EPOCH_MS) / MS_PER_DAY)
}

/** The calendar date of an instant in an IANA time zone (Asia/Shanghai by default). */
export function dateInTimeZone(instant: Date, timeZone: string): IsoDate {
  // formatToParts, not format('en-CA'): the order and separators of a locale's date format are CLDR
  // data that has changed between ICU releases (en-CA briefly became M/d/yyyy in 2023).
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value)
  const date = isoDate(part('year'), part('month'), part('day'))
  if (date === undefined) throw new Error(`cannot format ${instant.toISOString()} in ${timeZone}`)
  return date
}

// What people type into a date cell: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 or 号, in full-width
// digits too, optionally followed by a time (2026-03-05 14:30, 2026年3月5日14:30). Anything else is
// not a date: no guessing at 3/5/26 or 05.03.2026.
const TYPED_PATTERN =
  /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)(?:(?:[\sT]+|(?<=[日号])\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

/** A typed date and, when the text has one, its time as minutes after midnight (seconds dropped). */
export function parseTypedDateTime(text: string): { date: IsoDate; minutes?: number } | undefined {
  const match = TYPED_PATTERN.exec(toHalfWidth(text).trim())
  if (!match) return undefined
  const date = isoDate(Number(match[1]), Number(match[2] ?? match[4]), Number(match[3] ?? match[5]))
  if (date === undefined) return undefined
  if (match[6] === undefined) return { date }
  const hours = Number(match[6])
  const minutes = Number(match[7])
  const seconds = Number(match[8] ?? 0)
  // 25:00 or 14:75 is a typing mistake, not a time to ignore.
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined
  return { date, minutes: hours * 60 + minutes }
}

/** The date of what a user typed; a valid time after it is allowed and ignored. */
export function parseTypedDate(text: string): IsoDate | undefined {
  return parseTypedDateTime(text)?.date
}

export function formatChineseDate(date: IsoDate): string {
  const { year, month, day } = parts(date)
  return `${year}年${month}月${day}日`
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}
