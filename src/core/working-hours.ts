/**
 * Working hours on the working days of a Calendar, to the minute: 封样件管理规定 5.1.2 asks for a
 * notice half a working day (4 working hours) before a review, so a notice at 17:00 for a review at
 * 09:00 the next working day is 1 working hour ahead, not 16 hours. Date-times are the tables'
 * `YYYY-MM-DDTHH:mm`, read as local wall-clock times (the workbook has no time zone).
 */
import type { Calendar } from './calendar'
import { addDays, daysBetween, type IsoDate } from './dates'
import type { DateTime } from './table'

/** A stretch of a working day, as minutes after midnight: 08:30–12:00 is { start: 510, end: 720 }. */
export interface WorkingPeriod {
  readonly start: number
  readonly end: number
}

/** A working day's periods, in order and apart (the lunch break between them is not worked). */
export type WorkingHours = readonly WorkingPeriod[]

const MINUTES_PER_DAY = 1440

/** The date and the minutes after midnight of a date-time. */
export function splitDateTime(at: DateTime): { readonly date: IsoDate; readonly minutes: number } {
  return {
    date: at.slice(0, 10) as IsoDate,
    minutes: Number(at.slice(11, 13)) * 60 + Number(at.slice(14, 16)),
  }
}

export function joinDateTime(date: IsoDate, minutes: number): DateTime {
  const days = Math.floor(minutes / MINUTES_PER_DAY)
  const rest = minutes - days * MINUTES_PER_DAY
  const day = days === 0 ? date : addDays(date, days)
  return `${day}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}` as DateTime
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** Clock minutes from `from` to `to`, negative when `to` is earlier. */
export function minutesBetween(from: DateTime, to: DateTime): number {
  const a = splitDateTime(from)
  const b = splitDateTime(to)
  return daysBetween(a.date, b.date) * MINUTES_PER_DAY + b.minutes - a.minutes
}

/** The date-time `minutes` clock minutes after `at` (before it when negative). */
export function addMinutes(at: DateTime, minutes: number): DateTime {
  const { date, minutes: start } = splitDateTime(at)
  return joinDateTime(date, start + minutes)
}

/**
 * Working minutes after `from` up to `to`: the minutes of the working periods of working days that
 * lie between them. 0 when `to` is not after `from`.
 */
export function workingMinutesBetween(
  calendar: Calendar,
  hours: WorkingHours,
  from: DateTime,
  to: DateTime,
): number {
  if (to <= from) return 0
  const start = splitDateTime(from)
  const end = splitDateTime(to)
  let total = 0
  for (let day = start.date; day <= end.date; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue
    const after = day === start.date ? start.minutes : 0
    const before = day === end.date ? end.minutes : MINUTES_PER_DAY
    for (const period of hours) {
      total += Math.max(0, Math.min(period.end, before) - Math.max(period.start, after))
    }
  }
  return total
}

/**
 * Working hours from clock times as people write them without a colon (830 is 08:30, 1730 is
 * 17:30), in pairs of start and end; or what is wrong with them, as the end of a sentence.
 */
export function workingHoursFromClock(
  times: readonly number[],
): { readonly hours: WorkingHours } | { readonly problem: string } {
  const minutes: number[] = []
  for (const time of times) {
    const hour = Math.floor(time / 100)
    const minute = time % 100
    if (!Number.isInteger(time) || time < 0 || hour > 24 || minute > 59 || (hour === 24 && minute > 0)) {
      return { problem: `${time} 不是时刻，请按“时分”填写，例如 830 表示 8:30、1730 表示 17:30` }
    }
    minutes.push(hour * 60 + minute)
  }
  if (minutes.length === 0 || minutes.length % 2 !== 0) {
    return { problem: '上下班时刻须成对填写' }
  }
  for (let index = 1; index < minutes.length; index += 1) {
    if ((minutes[index] as number) <= (minutes[index - 1] as number)) {
      return {
        problem: `${times.join('、')} 不是依次递增的上下班时刻（上午上班 < 上午下班 < 下午上班 < 下午下班）`,
      }
    }
  }
  const hours: WorkingPeriod[] = []
  for (let index = 0; index < minutes.length; index += 2) {
    hours.push({ start: minutes[index] as number, end: minutes[index + 1] as number })
  }
  return { hours }
}

/** 4 小时、1 小时 30 分钟、45 分钟: a span of minutes as a message says it. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} 分钟`
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`
}

/** 8:30–12:00、13:30–17:30: working hours as a message says them. */
export function formatWorkingHours(hours: WorkingHours): string {
  const clock = (minutes: number) => `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`
  return hours.map((period) => `${clock(period.start)}–${clock(period.end)}`).join('、')
}
