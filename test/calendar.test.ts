import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { Calendar, type CalendarOverride, CHINESE_DAYS, calendarOverrides } from '../src/core/calendar'
import type { IsoDate } from '../src/core/dates'
import { readTable } from '../src/core/table'
import { d, tab } from './support/ledger-builder'

const calendar = new Calendar(CHINESE_DAYS)
const day = (date: string): IsoDate => date as IsoDate

describe('working days from the chinese-days holiday data', () => {
  it.each([
    // 2025 National Day and Mid-autumn: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 worked
    ['2025-09-26', true, 'Friday before the holiday'],
    ['2025-09-27', false, 'Saturday'],
    ['2025-09-28', true, 'Sunday, make-up working day'],
    ['2025-09-30', true, 'Tuesday'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-06', false, 'Mid-autumn Festival (a Monday)'],
    ['2025-10-08', false, 'last day of the holiday (a Wednesday)'],
    ['2025-10-09', true, 'Thursday after the holiday'],
    ['2025-10-11', true, 'Saturday, make-up working day'],
    ['2025-10-12', false, 'Sunday'],
    // Spring Festival 2026: 02-15..02-23 off; Saturdays 02-14 and 02-28 worked
    ['2026-02-13', true, 'Friday'],
    ['2026-02-14', true, 'Saturday, make-up working day'],
    ['2026-02-16', false, 'New Year’s Eve (Monday)'],
    ['2026-02-20', false, 'Friday inside the holiday'],
    ['2026-02-23', false, 'Monday, last day of the holiday'],
    ['2026-02-24', true, 'Tuesday after the holiday'],
    ['2026-02-28', true, 'Saturday, make-up working day'],
    ['2026-03-01', false, 'Sunday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(day(date))).toBe(working)
  })

  it.each([
    // the 5th working day after a visit
    ['2025-09-26', 5, '2025-10-10'], // Friday before National Day: 09-28, 09-29, 09-30, 10-09, 10-10
    ['2025-09-30', 5, '2025-10-14'], // the day before: 10-09, 10-10, 10-11 (Saturday worked), 10-13, 10-14
    ['2025-10-01', 5, '2025-10-14'], // visited on the holiday itself
    ['2026-02-12', 5, '2026-02-26'], // Spring Festival: 02-13, 02-14 (Saturday worked), 02-24, 02-25, 02-26
    ['2026-03-13', 5, '2026-03-20'], // an ordinary Friday: the next Friday
    ['2026-03-14', 5, '2026-03-20'], // a Saturday counts from Monday
    ['2026-03-13', 1, '2026-03-16'],
    ['2026-03-13', 0, '2026-03-13'],
    ['2025-10-10', -5, '2025-09-26'], // counting back is the inverse
    ['2026-02-26', -5, '2026-02-12'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(calendar.addWorkingDays(day(from), n)).toBe(expected)
  })

  it.each([
    ['2025-09-26', '2025-10-10', 5],
    ['2025-10-09', '2025-10-10', 1],
    ['2025-10-10', '2025-10-10', 0],
    ['2025-10-10', '2025-10-09', 0], // `to` before `from`
    ['2026-03-20', '2026-03-23', 1], // Friday → Monday: only Monday lies between
    ['2026-02-13', '2026-02-24', 2], // 02-14 and 02-24 across Spring Festival
  ])('working days after %s up to and including %s: %i', (from, to, count) => {
    expect(calendar.workingDaysBetween(day(from), day(to))).toBe(count)
  })

  it('covers 2004 to at least 2026, and not 2030', () => {
    const coverage = calendar.coverage()
    expect(coverage?.first).toBe(2004)
    expect(coverage?.last).toBeGreaterThanOrEqual(2026)
    for (let year = 2004; year <= 2026; year += 1) expect(calendar.isCovered(year), String(year)).toBe(true)
    expect(calendar.isCovered(2003)).toBe(false)
    expect(calendar.isCovered(2030)).toBe(false)
  })

  it('counts Monday–Friday in a year without data, and says which years it guessed', () => {
    // 2030-01-01 is a Tuesday (元旦 in any year, but the data does not know 2030)
    expect(calendar.isWorkingDay(day('2030-01-01'))).toBe(true)
    expect(calendar.addWorkingDays(day('2030-01-02'), 5)).toBe('2030-01-09')
    expect(calendar.uncoveredYears(day('2029-12-28'), day('2030-01-09'))).toEqual([2029, 2030])
    expect(calendar.uncoveredYears(day('2025-09-26'), day('2025-10-10'))).toEqual([])
  })

  it('knows a year from its data alone: a year missing from the data is uncovered', () => {
    const only2025 = new Calendar({
      holidays: Object.fromEntries(Object.entries(CHINESE_DAYS.holidays).filter(([date]) => date < '2026')),
      workdays: {},
    })
    expect(only2025.uncoveredYears(day('2025-12-29'), day('2026-01-05'))).toEqual([2026])
    // without 2026's data, 2026-01-02 (a 元旦 holiday) is an ordinary Friday
    expect(only2025.isWorkingDay(day('2026-01-02'))).toBe(true)
  })

  it('refuses a number of working days that is not an integer', () => {
    expect(() => calendar.addWorkingDays(day('2026-03-13'), 1.5)).toThrow(RangeError)
  })
})

describe('the 节假日 tab overrides the data date by date', () => {
  const overrides: CalendarOverride[] = [
    { date: day('2026-03-06'), kind: 'rest', note: '公司年会' }, // a Friday
    { date: day('2026-03-14'), kind: 'work', note: '年会调休上班' }, // a Saturday
    { date: day('2025-10-08'), kind: 'work', note: '国庆值班' }, // a public holiday worked
    { date: day('2025-09-28'), kind: 'rest', note: '调休日公司放假' }, // a make-up day not worked
  ]
  const company = new Calendar(CHINESE_DAYS, overrides)

  it.each([
    ['2026-03-06', false],
    ['2026-03-14', true],
    ['2025-10-08', true],
    ['2025-09-28', false],
    ['2026-03-05', true], // other dates keep the data's answer
  ])('%s is a working day: %s', (date, working) => {
    expect(company.isWorkingDay(day(date))).toBe(working)
  })

  it.each([
    ['2026-03-02', '2026-03-10', '2026-03-09'], // the company rest day pushes the deadline a day
    ['2026-03-11', '2026-03-17', '2026-03-18'], // the Saturday worked pulls it a day
  ])('visit on %s: deadline %s (without the tab: %s)', (visit, withTab, without) => {
    expect(company.addWorkingDays(day(visit), 5)).toBe(withTab)
    expect(calendar.addWorkingDays(day(visit), 5)).toBe(without)
  })

  it('a date listed twice keeps its first row', () => {
    const twice = new Calendar(CHINESE_DAYS, [
      { date: day('2026-03-06'), kind: 'rest', note: '' },
      { date: day('2026-03-06'), kind: 'work', note: '' },
    ])
    expect(twice.isWorkingDay(day('2026-03-06'))).toBe(false)
  })

  it('reads 日期 · 类型 from the tab and skips rows whose cells are bad', () => {
    const table = tab(TEMPLATES.holidays, [
      { 日期: d('2026-03-06'), 类型: '休息', 说明: '公司年会' },
      { 日期: '2026-03-14', 类型: '上班' },
      { 日期: '2026-02-30', 类型: '休息' }, // not a date
      { 日期: d('2026-03-20'), 类型: '放假' }, // not an option
    ])
    const read = readTable(TEMPLATES.holidays, {
      name: TEMPLATES.holidays.name,
      header: table[0] ?? [],
      rows: table.slice(1),
    })
    expect(calendarOverrides(read)).toEqual([
      { date: '2026-03-06', kind: 'rest', note: '公司年会' },
      { date: '2026-03-14', kind: 'work', note: '' },
    ])
    expect(read.findings.map((finding) => [finding.row, finding.code])).toEqual([
      [4, 'DATA_INVALID'],
      [5, 'DATA_INVALID'],
    ])
  })
})

describe('describeDay says why, and agrees with isWorkingDay', () => {
  const overrides: CalendarOverride[] = [
    { date: day('2025-10-07'), kind: 'work', note: '赶工' },
    { date: day('2025-09-26'), kind: 'rest', note: '厂庆' },
  ]
  const withTab = new Calendar(CHINESE_DAYS, overrides)

  it.each([
    ['2025-09-26', false, 'tab', '厂庆'],
    ['2025-09-27', false, 'weekend', ''],
    ['2025-09-28', true, 'makeUp', '国庆节'],
    ['2025-09-29', true, 'weekday', ''],
    ['2025-10-01', false, 'holiday', '国庆节'],
    ['2025-10-07', true, 'tab', '赶工'],
  ])('%s: working %s because %s (%s)', (date, working, reason, note) => {
    expect(withTab.describeDay(day(date))).toEqual({ date, working, reason, note })
  })

  it('for every day from 2004 to 2028', () => {
    for (let date = day('2004-01-01'); date <= '2028-12-31'; ) {
      expect(withTab.describeDay(date).working, date).toBe(withTab.isWorkingDay(date))
      const next = new Date(`${date}T00:00:00Z`)
      next.setUTCDate(next.getUTCDate() + 1)
      date = next.toISOString().slice(0, 10) as IsoDate
    }
  })
})
