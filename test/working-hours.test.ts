import { describe, expect, it } from 'vitest'
import { Calendar } from '../src/core/calendar'
import type { IsoDate } from '../src/core/dates'
import type { DateTime } from '../src/core/table'
import {
  addMinutes,
  formatMinutes,
  minutesBetween,
  workingHoursFromClock,
  workingMinutesBetween,
} from '../src/core/working-hours'

const HOURS = [
  { start: 510, end: 720 }, // 08:30–12:00
  { start: 810, end: 1050 }, // 13:30–17:30
]
const calendar = new Calendar()

const at = (text: string) => text.replace(' ', 'T') as DateTime

describe('workingMinutesBetween: working periods of working days, to the minute', () => {
  it.each([
    // [from, to, working minutes, why]
    ['2026-03-03 08:30', '2026-03-03 12:00', 210, 'a whole morning'],
    ['2026-03-03 08:30', '2026-03-03 17:30', 450, 'a whole working day is 7.5 hours'],
    ['2026-03-03 13:30', '2026-03-03 17:30', 240, 'exactly half a day: the afternoon'],
    ['2026-03-03 10:00', '2026-03-03 15:30', 240, 'across lunch: 2 h before, 2 h after'],
    ['2026-03-03 12:15', '2026-03-03 13:00', 0, 'inside the lunch break'],
    ['2026-03-03 07:00', '2026-03-03 08:45', 15, 'before work starts counts from 08:30'],
    ['2026-03-03 17:00', '2026-03-04 09:00', 60, '17:00 for 09:00 the next working day: 1 hour'],
    ['2026-03-03 18:00', '2026-03-04 08:30', 0, 'evening to the next start of work'],
    ['2026-03-06 15:30', '2026-03-09 10:30', 240, 'Friday to Monday across a weekend'],
    ['2026-03-07 09:00', '2026-03-08 17:00', 0, 'a weekend is not worked'],
    ['2026-02-13 16:30', '2026-02-14 11:30', 240, 'Friday to the make-up Saturday 02-14 (调休上班)'],
    ['2026-02-14 15:30', '2026-02-24 09:30', 180, 'the make-up Saturday, then Spring Festival to 02-23'],
    ['2026-09-30 15:30', '2026-10-08 10:00', 210, 'National Day: 10-01 to 10-07 are not worked'],
    ['2026-03-03 10:00', '2026-03-03 10:00', 0, 'the same moment'],
    ['2026-03-03 11:00', '2026-03-03 10:00', 0, 'backwards is 0'],
  ])('%s → %s: %i (%s)', (from, to, minutes) => {
    expect(workingMinutesBetween(calendar, HOURS, at(from), at(to))).toBe(minutes)
  })

  it('counts the days of the 节假日 tab', () => {
    const company = new Calendar(undefined, [
      { date: '2026-03-07' as IsoDate, kind: 'work', note: '周六加班' },
      { date: '2026-03-09' as IsoDate, kind: 'rest', note: '公司年会' },
    ])
    expect(workingMinutesBetween(company, HOURS, at('2026-03-06 17:00'), at('2026-03-10 09:00'))).toBe(
      30 + 450 + 30,
    )
  })
})

describe('clock minutes', () => {
  it.each([
    ['2026-03-03 09:00', '2026-03-04 09:00', 1440],
    ['2026-03-03 09:00', '2026-03-03 10:30', 90],
    ['2026-12-31 23:30', '2027-01-01 00:15', 45],
    ['2026-03-03 10:00', '2026-03-03 09:00', -60],
  ])('%s → %s is %i minutes', (from, to, minutes) => {
    expect(minutesBetween(at(from), at(to))).toBe(minutes)
    expect(addMinutes(at(from), minutes)).toBe(at(to))
  })

  it.each([
    [45, '45 分钟'],
    [240, '4 小时'],
    [90, '1 小时 30 分钟'],
    [0, '0 分钟'],
  ])('%i minutes read as %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text)
  })
})

describe('workingHoursFromClock: 830 is 08:30', () => {
  it('reads the default hours', () => {
    expect(workingHoursFromClock([830, 1200, 1330, 1730])).toEqual({ hours: HOURS })
  })

  it.each([
    [[830, 1275, 1330, 1730], '1275 不是时刻'],
    [[830, 1200, 1100, 1730], '不是依次递增'],
    [[830, 1200, 1330], '成对'],
    [[830, 2500], '2500 不是时刻'],
  ])('refuses %j', (times, problem) => {
    const result = workingHoursFromClock(times)
    expect('problem' in result && result.problem).toContain(problem)
  })
})
