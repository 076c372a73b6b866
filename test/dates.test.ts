/**
 * Calendar dates (src/core/dates.ts). Expected values are calendar facts worked out by hand or by the
 * small reference model below (proleptic Gregorian day numbers, no Date object), never copied from
 * the implementation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  addDays,
  addMonths,
  dateInTimeZone,
  daysBetween,
  daysInMonth,
  FIRST_SERIAL,
  formatChineseDate,
  type IsoDate,
  isIsoDate,
  isoDate,
  isoDateToSerial,
  LAST_SERIAL,
  monthsOfYear,
  parseTypedDate,
  parseTypedDateTime,
  parts,
  serialToIsoDate,
  weekday,
} from '../src/core/dates'

const d = (text: string): IsoDate => {
  if (!isIsoDate(text)) throw new Error(`test data: ${text} is not a date`)
  return text
}

// --- reference model: Gregorian arithmetic on day numbers, independent of Date and date-fns ---

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function refDaysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? Number.NaN
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

function text(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Every date from `from` to `to` inclusive, walking the model's calendar. */
function* calendar(fromYear: number, toYear: number): Generator<[number, number, number]> {
  for (let year = fromYear; year <= toYear; year++) {
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= refDaysInMonth(year, month); day++) yield [year, month, day]
    }
  }
}

/** 1970-01-01 was a Thursday (4). */
const refWeekday = (n: number): number => (((n + 4) % 7) + 7) % 7
/** Excel serial of 1970-01-01. */
const SERIAL_1970 = 25_569

describe('isoDate', () => {
  test.each([
    [2026, 3, 5, '2026-03-05'],
    [2026, 1, 1, '2026-01-01'],
    [2026, 12, 31, '2026-12-31'],
    [2026, 4, 30, '2026-04-30'],
    [2024, 2, 29, '2024-02-29'], // divisible by 4
    [2000, 2, 29, '2000-02-29'], // divisible by 400
    [1900, 1, 1, '1900-01-01'], // earliest year
    [9999, 12, 31, '9999-12-31'], // latest date
  ])('%i-%i-%i is %s', (year, month, day, expected) => {
    expect(isoDate(year, month, day)).toBe(expected)
  })

  test.each([
    [2026, 13, 1, 'month 13'],
    [2026, 0, 1, 'month 0'],
    [2026, 1, 0, 'day 0'],
    [2026, 1, 32, 'day 32'],
    [2026, 4, 31, 'April 31'],
    [2025, 2, 29, 'Feb 29 in a common year'],
    [1900, 2, 29, 'Feb 29 in 1900 (divisible by 100, not by 400)'],
    [2100, 2, 29, 'Feb 29 in 2100 (divisible by 100, not by 400)'],
    [2026, 2, 30, 'Feb 30'],
    [1899, 12, 31, 'before 1900'],
    [10000, 1, 1, 'after 9999'],
    [2026.5, 1, 1, 'fractional year'],
    [2026, 1.5, 1, 'fractional month'],
    [2026, 1, 1.5, 'fractional day'],
    [Number.NaN, 1, 1, 'NaN year'],
    [2026, 1, -1, 'negative day'],
  ])('%i-%i-%i is not a date (%s)', (year, month, day) => {
    expect(isoDate(year, month, day)).toBeUndefined()
  })

  test('accepts exactly the days of the reference calendar, 1900–2100', () => {
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        const last = refDaysInMonth(year, month)
        expect(isoDate(year, month, last)).toBe(text(year, month, last))
        expect(isoDate(year, month, last + 1)).toBeUndefined()
      }
    }
  })
})

describe('isIsoDate and parts', () => {
  test.each([
    ['2026-03-05', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-3-5', false],
    ['2026-03-05 ', false],
    [' 2026-03-05', false],
    ['2026/03/05', false],
    ['2026-03-05T00:00', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (input, expected) => {
    expect(isIsoDate(input)).toBe(expected)
  })

  test('parts splits a date into numbers', () => {
    expect(parts(d('2026-03-05'))).toEqual({ year: 2026, month: 3, day: 5 })
    expect(parts(d('9999-12-31'))).toEqual({ year: 9999, month: 12, day: 31 })
  })
})

describe('daysInMonth', () => {
  test.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 1, 31],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 7, 31],
    [2026, 8, 31],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected)
  })
})

describe('addMonths clamps to the end of the month', () => {
  test.each([
    ['2026-05-31', 6, '2026-11-30'], // SPEC §3
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'], // across a year end
    ['2026-03-05', 0, '2026-03-05'],
    ['2026-03-05', 120, '2036-03-05'],
    // negative months
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-03-31', -13, '2025-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-05-31', -6, '2025-11-30'],
    ['2000-03-31', -1, '2000-02-29'],
    ['1900-03-31', -1, '1900-02-28'],
  ])('%s %+i months = %s', (from, months, expected) => {
    expect(addMonths(d(from), months)).toBe(expected)
  })

  test('agrees with the reference model for every day of 2023–2025 and -25…+25 months', () => {
    for (const [year, month, day] of calendar(2023, 2025)) {
      for (let months = -25; months <= 25; months++) {
        const index = year * 12 + (month - 1) + months
        const y = Math.floor(index / 12)
        const m = index - y * 12 + 1
        const expected = text(y, m, Math.min(day, refDaysInMonth(y, m)))
        expect(addMonths(d(text(year, month, day)), months)).toBe(expected)
      }
    }
  })
})

// US daylight saving 2026: starts Sunday 03-08, ends Sunday 11-01; Europe: 03-29 and 10-25.
// A date computed through local midnight would lose or gain an hour on these days.
const dayTable: readonly (readonly [string, number, string])[] = [
  ['2026-01-31', 1, '2026-02-01'],
  ['2026-02-28', 1, '2026-03-01'],
  ['2024-02-28', 1, '2024-02-29'],
  ['2024-02-29', 1, '2024-03-01'],
  ['1900-02-28', 1, '1900-03-01'],
  ['2026-12-31', 1, '2027-01-01'],
  ['2027-01-01', -1, '2026-12-31'],
  ['2026-03-01', -1, '2026-02-28'],
  ['2024-03-01', -1, '2024-02-29'],
  ['2026-01-01', 365, '2027-01-01'],
  ['2024-01-01', 365, '2024-12-31'],
  ['2026-03-05', 0, '2026-03-05'],
  ['2026-03-07', 1, '2026-03-08'],
  ['2026-03-08', 1, '2026-03-09'],
  ['2026-03-09', -1, '2026-03-08'],
  ['2026-10-31', 1, '2026-11-01'],
  ['2026-11-01', 1, '2026-11-02'],
  ['2026-03-28', 1, '2026-03-29'],
  ['2026-03-29', 1, '2026-03-30'],
  ['2026-10-25', 1, '2026-10-26'],
  ['2026-03-01', 7, '2026-03-08'],
]

const betweenTable: readonly (readonly [string, string, number])[] = [
  ['2026-03-05', '2026-03-05', 0],
  ['2026-03-05', '2026-03-06', 1],
  ['2026-03-06', '2026-03-05', -1],
  ['2026-01-01', '2027-01-01', 365],
  ['2024-01-01', '2025-01-01', 366],
  ['2027-01-01', '2026-01-01', -365],
  ['2026-02-28', '2026-03-01', 1],
  ['1900-02-28', '1900-03-01', 1],
  ['2026-03-07', '2026-03-09', 2], // US spring forward
  ['2026-03-09', '2026-03-07', -2],
  ['2026-10-31', '2026-11-02', 2], // US fall back
  ['2026-03-28', '2026-03-30', 2], // EU spring forward
  ['2026-10-24', '2026-10-26', 2], // EU fall back
  ['2026-01-01', '2026-12-31', 364],
]

const weekdayTable: readonly (readonly [string, number])[] = [
  ['2026-03-05', 4], // Thursday
  ['2026-03-07', 6], // Saturday
  ['2026-03-08', 0], // Sunday
  ['2026-01-01', 4],
  ['2024-02-29', 4],
  ['2000-01-01', 6],
  ['1900-03-01', 4],
  ['9999-12-31', 5],
]

function dateArithmeticTables(): void {
  test.each(dayTable)('addDays(%s, %i) = %s', (from, days, expected) => {
    expect(addDays(d(from), days)).toBe(expected)
  })

  test.each(betweenTable)('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(d(from), d(to))).toBe(expected)
  })

  test.each(weekdayTable)('weekday(%s) = %i', (date, expected) => {
    expect(weekday(d(date))).toBe(expected)
  })

  test('addDays, daysBetween and weekday agree with the reference model for every day of 2025–2027', () => {
    const start = d('2025-01-01')
    const startNumber = dayNumber(2025, 1, 1)
    let previous: IsoDate = d('2024-12-31')
    for (const [year, month, day] of calendar(2025, 2027)) {
      const date = text(year, month, day)
      const n = dayNumber(year, month, day)
      expect(addDays(previous, 1)).toBe(date)
      expect(addDays(start, n - startNumber)).toBe(date)
      expect(daysBetween(start, d(date))).toBe(n - startNumber)
      expect(daysBetween(d(date), start)).toBe(startNumber - n)
      expect(weekday(d(date))).toBe(refWeekday(n))
      previous = d(date)
    }
  })

  test('addMonths across the DST months', () => {
    expect(addMonths(d('2026-02-08'), 1)).toBe('2026-03-08')
    expect(addMonths(d('2026-10-01'), 1)).toBe('2026-11-01')
    expect(addMonths(d('2026-03-29'), 7)).toBe('2026-10-29')
  })
}

describe('day arithmetic', () => {
  dateArithmeticTables()
})

// Node re-reads process.env.TZ when it is assigned, so the same tables can run as if the machine
// were elsewhere; the first test proves that the zone really changed.
describe.each([
  ['America/New_York', 300],
  ['Europe/London', 0],
  ['Australia/Lord_Howe', -660],
  ['Pacific/Kiritimati', -840],
  ['America/St_Johns', 210],
])('on a machine in %s', (zone, januaryOffset) => {
  const original = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    if (original === undefined) delete process.env.TZ
    else process.env.TZ = original
  })

  test('the machine time zone is in effect', () => {
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(januaryOffset)
  })

  dateArithmeticTables()

  test('serials and typed dates do not move', () => {
    expect(serialToIsoDate(46_086)).toBe('2026-03-05')
    expect(isoDateToSerial(d('2026-03-08'))).toBe(46_089)
    expect(parseTypedDate('2026年3月8日')).toBe('2026-03-08')
    expect(dateInTimeZone(new Date('2026-03-04T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-05')
  })
})

describe('Excel serial numbers', () => {
  test.each([
    [45_658, '2025-01-01'],
    [45_292, '2024-01-01'],
    [45_351, '2024-02-29'],
    [46_086, '2026-03-05'],
    [25_569, '1970-01-01'],
    [61, '1900-03-01'], // the first serial after Excel's fictitious 1900-02-29
    [2_958_465, '9999-12-31'],
    // a fraction is a time of day on that date
    [45_658.75, '2025-01-01'],
    [45_658.999_999, '2025-01-01'],
    [61.5, '1900-03-01'],
    [2_958_465.5, '9999-12-31'],
  ])('serial %d is %s', (serial, expected) => {
    expect(serialToIsoDate(serial)).toBe(expected)
  })

  test.each([
    [60, 'Excel’s fictitious 1900-02-29'],
    [60.9, 'a time on that day'],
    [0, 'day 0'],
    [-1, 'negative'],
    [2_958_466, 'after 9999-12-31'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('serial %d is not a ledger date (%s)', (serial) => {
    expect(serialToIsoDate(serial)).toBeUndefined()
  })

  test('the range constants are the known serials', () => {
    expect(FIRST_SERIAL).toBe(61)
    expect(LAST_SERIAL).toBe(2_958_465)
  })

  test.each([
    ['2025-01-01', 45_658],
    ['1900-03-01', 61],
    ['9999-12-31', 2_958_465],
    ['2026-03-05', 46_086],
  ])('isoDateToSerial(%s) = %i', (date, expected) => {
    expect(isoDateToSerial(d(date))).toBe(expected)
  })

  test('round trip agrees with the reference model for every 997th serial', () => {
    for (let serial = FIRST_SERIAL; serial <= LAST_SERIAL; serial += 997) {
      const date = serialToIsoDate(serial)
      if (date === undefined) throw new Error(`serial ${serial} has no date`)
      const { year, month, day } = parts(date)
      expect(dayNumber(year, month, day) + SERIAL_1970).toBe(serial)
      expect(isoDateToSerial(date)).toBe(serial)
    }
  })

  test('round trip for every day of 1900-03-01 … 1901-12-31 and 2099–2100', () => {
    for (const [year, month, day] of [...calendar(1900, 1901), ...calendar(2099, 2100)]) {
      if (year === 1900 && month < 3) continue
      const date = d(text(year, month, day))
      const serial = isoDateToSerial(date)
      expect(serial).toBe(dayNumber(year, month, day) + SERIAL_1970)
      expect(serialToIsoDate(serial)).toBe(date)
    }
  })
})

describe('parseTypedDate: what people type', () => {
  test.each([
    ['2026-03-05', '2026-03-05'],
    ['2026-3-5', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026/03/05', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026年3月5号', '2026-03-05'],
    ['2026年03月05日', '2026-03-05'],
    ['2026 年 3 月 5 日', '2026-03-05'],
    ['2026年3月5', '2026-03-05'],
    ['  2026-03-05  ', '2026-03-05'],
    ['\t2026/3/5\n', '2026-03-05'],
    ['2026-03-05 14:30', '2026-03-05'],
    ['2026-03-05T14:30', '2026-03-05'],
    ['2026-03-05 14:30:59', '2026-03-05'],
    ['2026/3/5 9:05', '2026-03-05'],
    ['2026年3月5日 14:30', '2026-03-05'],
    ['2026年3月5日14:30', '2026-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2000/2/29', '2000-02-29'],
    ['2026-12-31 23:59', '2026-12-31'],
    // full-width, as typed with a Chinese IME in full-width mode
    ['２０２６-03-05', '2026-03-05'],
    ['２０２６－０３－０５', '2026-03-05'],
    ['２０２６／３／５', '2026-03-05'],
    ['２０２６年３月５日', '2026-03-05'],
    ['\u30002026-03-05\u3000', '2026-03-05'],
    ['2026-03-05\u300014：30', '2026-03-05'],
  ])('%j is %s', (input, expected) => {
    expect(parseTypedDate(input)).toBe(expected)
  })

  test.each([
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-02-30', 'February 30'],
    ['2025-02-29', 'February 29 of a common year'],
    ['2100-02-29', 'February 29 of 2100'],
    ['2026-03-00', 'day 0'],
    ['1899-12-31', 'before 1900'],
    ['3/5/2026', 'month first: ambiguous'],
    ['05.03.2026', 'day first: ambiguous'],
    ['26-03-05', 'two-digit year'],
    ['20260305', 'no separators'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['abc', 'not a date'],
    ['2026-3', 'no day'],
    ['2026', 'year only'],
    ['2026年3月', 'no day'],
    ['=TODAY()', 'a formula'],
    ['2026-03-05abc', 'trailing text'],
    ['2026-03-05 14', 'an hour without minutes'],
    ['2026-03-05 25:00', 'hour 25'],
    ['2026-03-05 24:00', 'hour 24'],
    ['2026-03-05 14:60', 'minute 60'],
    ['2026-03-05 14:30:60', 'second 60'],
    ['2026年3月5日 25:00', 'hour 25 after a Chinese date'],
    ['2026-03-0514:30', 'a time glued to the day'],
  ])('%j is not a date (%s)', (input) => {
    expect(parseTypedDate(input)).toBeUndefined()
  })
})

describe('parseTypedDateTime keeps the time', () => {
  test.each([
    ['2026-03-05', { date: '2026-03-05' }],
    ['2026-03-05 14:30', { date: '2026-03-05', minutes: 870 }],
    ['2026-03-05 00:00', { date: '2026-03-05', minutes: 0 }],
    ['2026-03-05 23:59', { date: '2026-03-05', minutes: 1439 }],
    ['2026/3/5 9:05:59', { date: '2026-03-05', minutes: 545 }], // seconds are dropped, not rounded
    ['2026年3月5日14:30', { date: '2026-03-05', minutes: 870 }],
    ['2026年3月5号 8:00', { date: '2026-03-05', minutes: 480 }],
    ['２０２６-03-05 １４：３０', { date: '2026-03-05', minutes: 870 }],
  ])('%j', (input, expected) => {
    expect(parseTypedDateTime(input)).toEqual(expected)
  })
})

describe('formatChineseDate', () => {
  test.each([
    ['2025-09-26', '2025年9月26日'],
    ['2026-01-01', '2026年1月1日'],
    ['2026-12-31', '2026年12月31日'],
    ['1900-03-01', '1900年3月1日'],
  ])('%s is written %s', (date, expected) => {
    expect(formatChineseDate(d(date))).toBe(expected)
  })
})

describe('dateInTimeZone', () => {
  test.each([
    ['2026-03-04T16:30:00Z', 'Asia/Shanghai', '2026-03-05'], // 00:30 in Shanghai
    ['2026-03-04T16:30:00Z', 'UTC', '2026-03-04'],
    ['2026-03-04T15:59:59Z', 'Asia/Shanghai', '2026-03-04'], // 23:59:59 in Shanghai
    ['2026-03-04T16:00:00Z', 'Asia/Shanghai', '2026-03-05'], // midnight in Shanghai
    ['2026-12-31T16:00:00Z', 'Asia/Shanghai', '2027-01-01'],
    ['2026-03-08T04:59:00Z', 'America/New_York', '2026-03-07'], // 23:59 EST
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'], // 00:00 EST, the day DST starts
    ['2026-03-09T03:59:00Z', 'America/New_York', '2026-03-08'], // 23:59 EDT
    ['2026-03-04T10:00:00Z', 'Pacific/Kiritimati', '2026-03-05'], // UTC+14
    ['2026-03-04T11:59:00Z', 'Pacific/Pago_Pago', '2026-03-04'], // UTC-11
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(dateInTimeZone(new Date(instant), zone)).toBe(expected)
  })

  test('an unknown time zone is a bug, not a date', () => {
    expect(() => dateInTimeZone(new Date('2026-03-04T16:30:00Z'), 'Mars/Olympus_Mons')).toThrow()
  })
})

describe('monthsOfYear', () => {
  test('the twelve months of a year, January first, as YYYY-MM', () => {
    const months = monthsOfYear(2026)
    expect(months).toHaveLength(12)
    expect([months[0], months[8], months[11]]).toEqual(['2026-01', '2026-09', '2026-12'])
  })
})
