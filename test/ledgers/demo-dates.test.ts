/** The demo's dates, counted from the day the demo workbook is made (src/ledgers/demo-dates.ts). */
import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../src/core/dates'
import { demoDateTime, demoDay } from '../../src/ledgers/demo-dates'

const today = '2028-03-01' as IsoDate

describe('demo dates', () => {
  it.each([
    [0, '2028-03-01'],
    [-1, '2028-02-29'],
    [-366, '2027-03-01'],
    [31, '2028-04-01'],
  ])('%i days from %s is %s', (days, date) => {
    expect(demoDay(today, days)).toEqual({ date })
  })

  it('a date-time is the day and the minutes after midnight', () => {
    expect(demoDateTime(today, -1, 9, 30)).toEqual({ date: '2028-02-29', minutes: 570 })
    expect(demoDateTime(today, 2, 17)).toEqual({ date: '2028-03-03', minutes: 1020 })
  })
})
