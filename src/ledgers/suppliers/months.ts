/**
 * The month of a 供应商月度评定 row, however it was typed: 2026-11, 2026/11, 2026.11, 2026年11月, a
 * date (2026-11-05, or a date cell, which the text column reads as 2026-11-05) or a five-digit date
 * serial pasted as a value. Full-width digits count. The month is `YYYY-MM`.
 */
import { addMonths, type IsoDate, isoDate, parseTypedDate, serialToIsoDate } from '../../core/dates'
import { toHalfWidth } from '../../core/text'

export type Month = string & { readonly __month: true }

const MONTH_PATTERN = /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月份?|[-/.]\s*(\d{1,2}))$/

function monthOf(year: number, month: number): Month | undefined {
  return isoDate(year, month, 1) === undefined
    ? undefined
    : (`${year}-${String(month).padStart(2, '0')}` as Month)
}

export function parseMonth(text: string): Month | undefined {
  const typed = toHalfWidth(text).trim()
  if (/^\d{5}$/.test(typed)) {
    const date = serialToIsoDate(Number(typed))
    return date === undefined ? undefined : (date.slice(0, 7) as Month)
  }
  const month = MONTH_PATTERN.exec(typed)
  if (month) return monthOf(Number(month[1]), Number(month[2] ?? month[3]))
  const date = parseTypedDate(typed)
  return date === undefined ? undefined : monthOfDate(date)
}

export function monthOfDate(date: IsoDate): Month {
  return date.slice(0, 7) as Month
}

/** The month before: 2027-01 → 2026-12. */
export function previousMonth(month: Month): Month {
  return addMonths(`${month}-01` as IsoDate, -1).slice(0, 7) as Month
}

/** 2026-11 → 2026年11月, as messages say it. */
export function monthLabel(month: Month): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}
