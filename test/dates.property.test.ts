/**
 * Properties of src/core/dates.ts over thousands of generated dates, with date-fns on UTC dates as the
 * independent oracle for the arithmetic (dates.ts no longer uses it) and typed text built from the
 * parts it must parse back to.
 */
import { UTCDate } from '@date-fns/utc'
import { differenceInCalendarDays, addDays as fnsAddDays, addMonths as fnsAddMonths } from 'date-fns'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  type IsoDate,
  isIsoDate,
  isoDate,
  isoDateToSerial,
  parseTypedDate,
  parseTypedDateTime,
  parts,
  serialToIsoDate,
  weekday,
} from '../src/core/dates'
import { cellToDate, cellToDateTime } from '../src/core/table'

const FIRST_DAY = Date.UTC(1900, 0, 1) / 86_400_000
const LAST_DAY = Date.UTC(9999, 11, 31) / 86_400_000

function fromDays(days: number): IsoDate {
  return new Date(days * 86_400_000).toISOString().slice(0, 10) as IsoDate
}

/** Any date a ledger can hold, 1900-01-01 … 9999-12-31. */
const anyDate = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(fromDays)
/** Dates of the years a ledger really holds, where month ends and leap days cluster. */
const ledgerDate = fc
  .record({
    year: fc.integer({ min: 1990, max: 2110 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.constantFrom(1, 2, 15, 27, 28, 29, 30, 31),
  })
  .map(({ year, month, day }) => isoDate(year, month, Math.min(day, daysInMonth(year, month))) as IsoDate)
const date = fc.oneof(anyDate, ledgerDate)

function utc(value: IsoDate): UTCDate {
  const { year, month, day } = parts(value)
  return new UTCDate(year, month - 1, day)
}

function iso(value: Date): string {
  return `${String(value.getUTCFullYear()).padStart(4, '0')}-${String(value.getUTCMonth() + 1).padStart(2, '0')}-${String(value.getUTCDate()).padStart(2, '0')}`
}

const RUNS = { numRuns: 3000 }

describe('date arithmetic agrees with date-fns', () => {
  it('addMonths clamps to the month end exactly as date-fns does', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1200, max: 1200 }), (start, months) => {
        const expected = iso(fnsAddMonths(utc(start), months))
        fc.pre(Number(expected.slice(0, 4)) >= 1900 && Number(expected.slice(0, 4)) <= 9999)
        expect(addMonths(start, months)).toBe(expected)
      }),
      RUNS,
    )
  })

  it('addDays and daysBetween agree with date-fns and with each other', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40_000, max: 40_000 }), (start, days) => {
        const expected = iso(fnsAddDays(utc(start), days))
        fc.pre(isIsoDate(expected))
        expect(addDays(start, days)).toBe(expected)
        expect(daysBetween(start, addDays(start, days))).toBe(days)
        expect(daysBetween(start, expected as IsoDate)).toBe(
          differenceInCalendarDays(utc(expected as IsoDate), utc(start)),
        )
      }),
      RUNS,
    )
  })

  it('weekday is the UTC day of the week and steps by one a day', () => {
    fc.assert(
      fc.property(anyDate, (day) => {
        expect(weekday(day)).toBe(utc(day).getUTCDay())
        fc.pre(day < '9999-12-31')
        expect(weekday(addDays(day, 1))).toBe((weekday(day) + 1) % 7)
      }),
      RUNS,
    )
  })
})

describe('month arithmetic on its own terms', () => {
  it('keeps the day, or clamps it to the last day of a shorter month', () => {
    fc.assert(
      fc.property(ledgerDate, fc.integer({ min: -240, max: 240 }), (start, months) => {
        const result = parts(addMonths(start, months))
        const before = parts(start)
        const monthIndex = before.year * 12 + before.month - 1 + months
        expect(result.year * 12 + result.month - 1).toBe(monthIndex)
        expect(result.day).toBe(Math.min(before.day, daysInMonth(result.year, result.month)))
      }),
      RUNS,
    )
  })

  it('is monotonic: more months never give an earlier date', () => {
    fc.assert(
      fc.property(
        ledgerDate,
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 240 }),
        (start, a, b) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a]
          expect(addMonths(start, fewer) <= addMonths(start, more)).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('adding 12 months is adding a year, with 29 February becoming the 28th', () => {
    fc.assert(
      fc.property(ledgerDate, (start) => {
        const { year, month, day } = parts(start)
        const expected = isoDate(year + 1, month, Math.min(day, daysInMonth(year + 1, month)))
        expect(addMonths(start, 12)).toBe(expected)
      }),
      RUNS,
    )
  })
})

describe('serials', () => {
  it('a date survives the trip to a day serial and back', () => {
    fc.assert(
      fc.property(anyDate, (day) => {
        // Excel's serials agree with Google's from 1900-03-01 on (Excel counts a 1900-02-29).
        fc.pre(day >= '1900-03-01')
        expect(serialToIsoDate(isoDateToSerial(day))).toBe(day)
        expect(serialToIsoDate(isoDateToSerial(day) + 0.75)).toBe(day)
      }),
      RUNS,
    )
  })
})

/** Full-width digits, as a Chinese IME in full-width mode types them. */
function fullWidth(text: string, mask: number): string {
  return [...text]
    .map((char, index) =>
      /\d/.test(char) && (mask >> (index % 30)) & 1 ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char,
    )
    .join('')
}

const typedDate = fc.record({
  date: date,
  padded: fc.boolean(),
  style: fc.constantFrom('-', '/', '.', '年'),
  suffix: fc.constantFrom('日', '号', ''),
  spaces: fc.constantFrom('', ' ', '  '),
  time: fc.option(
    fc.record({
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      seconds: fc.option(fc.integer({ min: 0, max: 59 })),
    }),
  ),
  fullWidthMask: fc.integer({ min: 0, max: 2 ** 30 - 1 }),
})

function typedText(typed: TypedDate): string {
  const { year, month, day } = parts(typed.date)
  const two = (n: number): string => (typed.padded ? String(n).padStart(2, '0') : String(n))
  const s = typed.spaces
  const body =
    typed.style === '年'
      ? `${year}${s}年${s}${two(month)}${s}月${s}${two(day)}${s}${typed.suffix}`
      : `${year}${s}${typed.style}${s}${two(month)}${s}${typed.style}${s}${two(day)}`
  const time = typed.time
  const clock =
    time === null
      ? ''
      : `${typed.style === '年' && typed.suffix !== '' ? '' : ' '}${time.hours}:${String(time.minutes).padStart(2, '0')}${time.seconds === null ? '' : `:${String(time.seconds).padStart(2, '0')}`}`
  return fullWidth(`${body}${clock}`, typed.fullWidthMask)
}

type TypedDate = {
  date: IsoDate
  padded: boolean
  style: string
  suffix: string
  spaces: string
  time: { hours: number; minutes: number; seconds: number | null } | null
  fullWidthMask: number
}

describe('parsing what people type into a date cell', () => {
  it('reads back every date typed in any of the accepted ways, with its time to the minute', () => {
    fc.assert(
      fc.property(typedDate, (typed) => {
        const text = typedText(typed)
        const parsed = parseTypedDateTime(text)
        expect(parsed?.date, text).toBe(typed.date)
        expect(parsed?.minutes, text).toBe(
          typed.time === null ? undefined : typed.time.hours * 60 + typed.time.minutes,
        )
        expect(parseTypedDate(text)).toBe(typed.date)
        expect(cellToDate(text)).toBe(typed.date)
      }),
      RUNS,
    )
  })

  it('refuses a day the month does not have, and a time that is no time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 99 }),
        fc.constantFrom('-', '/', '.'),
        (year, month, day, separator) => {
          fc.pre(day > daysInMonth(year, month))
          expect(parseTypedDateTime(`${year}${separator}${month}${separator}${day}`)).toBeUndefined()
          const valid = `${year}${separator}${month}${separator}1`
          expect(parseTypedDateTime(`${valid} 24:00`)).toBeUndefined()
          expect(parseTypedDateTime(`${valid} 12:60`)).toBeUndefined()
        },
      ),
      RUNS,
    )
  })

  it('never throws on any text, and whatever it accepts is a real date and time', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.stringMatching(/^[\d０-９\s\-/.:年月日号T]{0,24}$/),
    )
    fc.assert(
      fc.property(text, (typed) => {
        const parsed = parseTypedDateTime(typed)
        if (parsed === undefined) return
        expect(isIsoDate(parsed.date)).toBe(true)
        if (parsed.minutes !== undefined) {
          expect(Number.isInteger(parsed.minutes)).toBe(true)
          expect(parsed.minutes).toBeGreaterThanOrEqual(0)
          expect(parsed.minutes).toBeLessThan(1440)
        }
      }),
      RUNS,
    )
  })

  it('turns any number or date cell into a real date or into nothing, never an exception', () => {
    const cell = fc.oneof(
      fc.double(),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.record({ date: fc.oneof(anyDate, fc.string({ maxLength: 12 })), minutes: fc.option(fc.integer()) }),
    )
    fc.assert(
      fc.property(cell, (value) => {
        const input = typeof value === 'object' && value.minutes === null ? { date: value.date } : value
        const day = cellToDate(input as Parameters<typeof cellToDate>[0])
        if (day !== undefined) expect(isIsoDate(day)).toBe(true)
        const dateTime = cellToDateTime(input as Parameters<typeof cellToDateTime>[0])
        if (dateTime !== undefined) expect(dateTime).toMatch(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/)
      }),
      RUNS,
    )
  })
})
