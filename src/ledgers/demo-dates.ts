/**
 * The demo workbook's dates and times, counted in days from the day it is made (negative: before),
 * so that every verdict of a ledger's demo shows whenever `init --demo` runs.
 */
import type { DateCell } from '../core/cells'
import { addDays, type IsoDate } from '../core/dates'

/** The day `days` from today, as a date cell. */
export function demoDay(today: IsoDate, days: number): DateCell {
  return { date: addDays(today, days) }
}

/** The day `days` from today at hours:minutes, as a date-time cell. */
export function demoDateTime(today: IsoDate, days: number, hours: number, minutes = 0): DateCell {
  return { date: addDays(today, days), minutes: hours * 60 + minutes }
}
