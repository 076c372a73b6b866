/**
 * Properties of the working-day calendar (src/core/calendar.ts) over generated dates, counts and
 * 节假日 overrides: the answers must agree with a plain day-by-day walk over isWorkingDay, and an
 * override must decide its own date and no other.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Calendar, type CalendarOverride, CHINESE_DAYS } from '../src/core/calendar'
import { addDays, daysBetween, type IsoDate, weekday } from '../src/core/dates'

const FIRST_DAY = Date.UTC(2004, 0, 1) / 86_400_000
const LAST_DAY = Date.UTC(2032, 11, 31) / 86_400_000
const day = fc
  .integer({ min: FIRST_DAY, max: LAST_DAY })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10) as IsoDate)
const override = fc.record({
  date: day,
  kind: fc.constantFrom<CalendarOverride['kind']>('rest', 'work'),
  note: fc.constant('公司安排'),
})
const overrides = fc.array(override, { maxLength: 30 })
const RUNS = { numRuns: 500 }

describe('working days', () => {
  it('addWorkingDays lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), overrides, (start, n, rows) => {
        const calendar = new Calendar(CHINESE_DAYS, rows)
        const end = calendar.addWorkingDays(start, n)
        expect(end > start).toBe(true)
        expect(calendar.isWorkingDay(end)).toBe(true)
        expect(calendar.workingDaysBetween(start, end)).toBe(n)
        // Nothing earlier would do: the day before has one working day fewer.
        expect(calendar.workingDaysBetween(start, addDays(end, -1))).toBe(n - 1)
      }),
      RUNS,
    )
  })

  it('counting back undoes counting forward on working days', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), overrides, (start, n, rows) => {
        const calendar = new Calendar(CHINESE_DAYS, rows)
        fc.pre(calendar.isWorkingDay(start))
        expect(calendar.addWorkingDays(calendar.addWorkingDays(start, n), -n)).toBe(start)
      }),
      RUNS,
    )
  })

  it('is monotonic in n and 0 returns the date itself', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (start, a, b) => {
        const calendar = new Calendar()
        expect(calendar.addWorkingDays(start, 0)).toBe(start)
        const [fewer, more] = a <= b ? [a, b] : [b, a]
        expect(calendar.addWorkingDays(start, fewer) <= calendar.addWorkingDays(start, more)).toBe(true)
      }),
      RUNS,
    )
  })

  it('workingDaysBetween is additive over a split and never more than the days between', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }), (from, a, b) => {
        const calendar = new Calendar()
        const middle = addDays(from, a)
        const to = addDays(middle, b)
        const total = calendar.workingDaysBetween(from, to)
        expect(total).toBe(
          calendar.workingDaysBetween(from, middle) + calendar.workingDaysBetween(middle, to),
        )
        expect(total).toBeLessThanOrEqual(daysBetween(from, to))
        expect(calendar.workingDaysBetween(to, from)).toBe(0)
      }),
      RUNS,
    )
  })

  it('a 节假日 row decides its own date, the first row for a date wins, and other dates are as before', () => {
    fc.assert(
      fc.property(overrides, day, (rows, probe) => {
        const plain = new Calendar()
        const calendar = new Calendar(CHINESE_DAYS, rows)
        const first = rows.find((row) => row.date === probe)
        expect(calendar.isWorkingDay(probe)).toBe(first ? first.kind === 'work' : plain.isWorkingDay(probe))
      }),
      RUNS,
    )
  })

  it('without holiday data a working day is Monday to Friday', () => {
    fc.assert(
      fc.property(day, (probe) => {
        const bare = new Calendar({ holidays: {}, workdays: {} })
        expect(bare.isWorkingDay(probe)).toBe(weekday(probe) >= 1 && weekday(probe) <= 5)
      }),
      RUNS,
    )
  })
})
