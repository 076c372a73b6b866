/**
 * Working days (SPEC §3): Monday–Friday, minus the Chinese public holidays, plus the make-up
 * working days (调休), from the holiday table of the chinese-days package, overridden date by date
 * by the 节假日 tab (休息/上班). The package covers 2004 to the year the State Council has announced
 * (published each November for the next year); for any other year the calendar still counts
 * Monday–Friday, but says so: `uncoveredYears` tells a deadline's caller which years it guessed.
 */
// Only the data: the package's functions bring a lunar calendar and dayjs along, and read dates in
// the machine's time zone. Named imports let the bundler drop the table we do not need (inLieuDays).
import {
  workdays as MAKE_UP_WORKDAYS,
  holidays as PUBLIC_HOLIDAYS,
} from 'chinese-days/dist/chinese-days.json'
import { addDays, type IsoDate, parts, weekday } from './dates'
import { recordFields } from './fields'
import { HOLIDAYS } from './settings-tabs'
import type { ReadResult } from './table'

/** How a date is worked: a row of the 节假日 tab, or a day of the holiday data. */
export type DayKind = 'rest' | 'work'

export interface CalendarOverride {
  readonly date: IsoDate
  readonly kind: DayKind
  /** 说明 of the 节假日 row, e.g. 公司年会. */
  readonly note: string
}

/**
 * Dates as keys (YYYY-MM-DD). The package describes each one ("National Day,国庆节,3"), but only
 * the keys are read: the Apps Script build (scripts/build.mjs) keeps the dates alone.
 */
export interface HolidayData {
  /** Public holidays. */
  readonly holidays: Readonly<Record<string, string>>
  /** Weekend days worked instead (调休上班). */
  readonly workdays: Readonly<Record<string, string>>
}

export const CHINESE_DAYS: HolidayData = { holidays: PUBLIC_HOLIDAYS, workdays: MAKE_UP_WORKDAYS }

/**
 * How a day counts: a row of the 节假日 tab, a make-up working day (调休上班), a public holiday, or
 * an ordinary weekday or weekend.
 */
export interface DayDescription {
  readonly date: IsoDate
  readonly working: boolean
  readonly reason: 'tab' | 'makeUp' | 'holiday' | 'weekday' | 'weekend'
  /** 说明 of the 节假日 row, or the holiday's Chinese name when the data has it (国庆节). */
  readonly note: string
}

/** "National Day,国庆节,3" → 国庆节; the Apps Script build keeps the dates only, so often ''. */
function holidayName(description: string): string {
  return description.split(',')[1]?.trim() ?? ''
}

/** Long enough for any deadline a parameter allows; a guard against looping on a bad argument. */
const MAX_WORKING_DAYS = 3660

export class Calendar {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>
  private readonly covered: ReadonlySet<number>

  constructor(
    private readonly data: HolidayData = CHINESE_DAYS,
    overrides: readonly CalendarOverride[] = [],
  ) {
    const byDate = new Map<string, CalendarOverride>()
    // The first row for a date is in force, as the duplicate finding of the 节假日 tab says.
    for (const override of overrides) if (!byDate.has(override.date)) byDate.set(override.date, override)
    this.overrides = byDate
    // A year is covered when the data lists its holidays: every year has 元旦 at least.
    this.covered = new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))
  }

  /** The years the holiday data covers, e.g. { first: 2004, last: 2026 }, or undefined without data. */
  coverage(): { readonly first: number; readonly last: number } | undefined {
    if (this.covered.size === 0) return undefined
    const years = [...this.covered]
    return { first: Math.min(...years), last: Math.max(...years) }
  }

  /** Whether the holiday data knows the public holidays and make-up days of the year. */
  isCovered(year: number): boolean {
    return this.covered.has(year)
  }

  /** The years from `from` to `to` (inclusive, either order) that the holiday data does not cover. */
  uncoveredYears(from: IsoDate, to: IsoDate): number[] {
    const [first, last] = from <= to ? [from, to] : [to, from]
    const years: number[] = []
    for (let year = parts(first).year; year <= parts(last).year; year += 1) {
      if (!this.isCovered(year)) years.push(year)
    }
    return years
  }

  /**
   * Why a date is or is not a working day, in the order isWorkingDay decides it: for the day-by-day
   * count of a deadline in an explanation (taizhang why).
   */
  describeDay(date: IsoDate): DayDescription {
    const override = this.overrides.get(date)
    if (override) return { date, working: override.kind === 'work', reason: 'tab', note: override.note }
    const makeUp = this.data.workdays[date]
    if (makeUp !== undefined) return { date, working: true, reason: 'makeUp', note: holidayName(makeUp) }
    const holiday = this.data.holidays[date]
    if (holiday !== undefined) return { date, working: false, reason: 'holiday', note: holidayName(holiday) }
    const day = weekday(date)
    return day >= 1 && day <= 5
      ? { date, working: true, reason: 'weekday', note: '' }
      : { date, working: false, reason: 'weekend', note: '' }
  }

  isWorkingDay(date: IsoDate): boolean {
    const override = this.overrides.get(date)
    if (override) return override.kind === 'work'
    if (this.data.workdays[date] !== undefined) return true
    if (this.data.holidays[date] !== undefined) return false
    const day = weekday(date)
    return day >= 1 && day <= 5
  }

  /**
   * The n-th working day after `date` (the date itself not counted): addWorkingDays(走访日期, 5) is
   * the 答复期限. A negative n counts back (the n-th working day before); 0 returns the date itself.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS) {
      throw new RangeError(`working days must be an integer up to ${MAX_WORKING_DAYS}, got ${n}`)
    }
    const step = n < 0 ? -1 : 1
    let left = Math.abs(n)
    let day = date
    while (left > 0) {
      day = addDays(day, step)
      if (this.isWorkingDay(day)) left -= 1
    }
    return day
  }

  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1
    }
    return count
  }
}

const HOLIDAY_FIELDS = recordFields(HOLIDAYS)

/** The overrides in the 节假日 tab (日期 · 类型 · 说明); rows with a bad cell are already DATA_INVALID findings. */
export function calendarOverrides(tab: ReadResult | undefined): CalendarOverride[] {
  const overrides: CalendarOverride[] = []
  for (const record of tab?.records ?? []) {
    const date = HOLIDAY_FIELDS.date(record, '日期')
    const kind = HOLIDAY_FIELDS.optionalText(record, '类型')
    if (date === undefined || kind === undefined) continue
    overrides.push({
      date,
      kind: kind === '上班' ? 'work' : 'rest',
      note: HOLIDAY_FIELDS.text(record, '说明'),
    })
  }
  return overrides
}

/** 2027 年、2028 年, for messages about years the holiday data does not cover. */
export function yearList(years: readonly number[]): string {
  return years.map((year) => `${year} 年`).join('、')
}
