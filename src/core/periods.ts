/**
 * Half-years, the periods of 重要客户管理规定 3.6 (每半年测量…): H1 = January 1 to June 30, H2 = July 1
 * to December 31. The metrics, the report command and both hosts count in them.
 */
import { type IsoDate, isoDate, parts } from './dates'

export type Half = 1 | 2

/** A half-year: H1 = January 1 to June 30, H2 = July 1 to December 31. */
export interface HalfYear {
  readonly year: number
  readonly half: Half
}

export const FIRST_PERIOD_YEAR = 2000
export const LAST_PERIOD_YEAR = 2100

/** The years a command may be asked for (a plan, a report): those of FIRST_PERIOD_YEAR–LAST_PERIOD_YEAR. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_PERIOD_YEAR || year > LAST_PERIOD_YEAR) {
    throw new RangeError(`年度必须是 ${FIRST_PERIOD_YEAR} 到 ${LAST_PERIOD_YEAR} 之间的整数`)
  }
}

const PERIOD_PATTERN = /^(\d{4})[Hh]([12])$/

/** `2026H1` → {2026, 1}; anything else (2026H3, 2026-H1, 26H1) is not a period. */
export function parsePeriod(text: string): HalfYear | undefined {
  const match = PERIOD_PATTERN.exec(text.trim())
  if (!match) return undefined
  const year = Number(match[1])
  if (year < FIRST_PERIOD_YEAR || year > LAST_PERIOD_YEAR) return undefined
  return { year, half: match[2] === '1' ? 1 : 2 }
}

export function formatPeriod(period: HalfYear): string {
  return `${period.year}H${period.half}`
}

/** 2026年上半年, for people. */
export function periodLabel(period: HalfYear): string {
  return `${period.year}年${period.half === 1 ? '上' : '下'}半年`
}

export function periodRange(period: HalfYear): { readonly from: IsoDate; readonly to: IsoDate } {
  const first = period.half === 1 ? 1 : 7
  const last = period.half === 1 ? 6 : 12
  const from = isoDate(period.year, first, 1)
  const to = isoDate(period.year, last, last === 6 ? 30 : 31)
  if (from === undefined || to === undefined) throw new RangeError(`no half-year ${formatPeriod(period)}`)
  return { from, to }
}

export function previousPeriod(period: HalfYear): HalfYear {
  return period.half === 2 ? { year: period.year, half: 1 } : { year: period.year - 1, half: 2 }
}

export function periodOf(date: IsoDate): HalfYear {
  const { year, month } = parts(date)
  return { year, half: month <= 6 ? 1 : 2 }
}

/** The last half-year that ended before `today`: on 2026-07-01 it is 2026H1, on 2026-06-30 2025H2. */
export function lastCompletedPeriod(today: IsoDate): HalfYear {
  return previousPeriod(periodOf(today))
}

export function comparePeriods(a: HalfYear, b: HalfYear): number {
  return a.year - b.year || a.half - b.half
}

export function isWithin(date: IsoDate, period: HalfYear): boolean {
  const { from, to } = periodRange(period)
  return date >= from && date <= to
}
