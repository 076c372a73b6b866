import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../bench/generate'
import type { IsoDate } from '../../../src/core/dates'
import type { DateTime } from '../../../src/core/table'
import {
  type AttributionTerms,
  attribute,
  type LeadReport,
  nextMonth,
  normalizePhone,
} from '../../../src/ledgers/leads/attribution'

const TERMS: AttributionTerms = {
  localLeadMinutes: 60,
  remoteLeadMinutes: 1440,
  unvisitedDays: 7,
  visitedDays: 45,
  bulkExtensionDays: 45,
}

describe('normalizePhone: what customers are matched on', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['+86 (138) 1234 1234', '13812341234'],
    ['0086-138-1234-1234', '13812341234'],
    ['１３８１２３４１２３４', '13812341234'],
    ['138　1234　1234', '13812341234'], // ideographic spaces
    ['138–1234–1234', '13812341234'], // en dashes
    ['010-62345678', '01062345678'],
    ['（0755）8888 1234', '075588881234'],
    ['0571-8888123', '05718888123'],
    ['1381234123', undefined],
    ['138123412345', undefined],
    ['62345678', undefined],
    ['23812341234', undefined],
    ['张先生', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(normalizePhone(text)).toBe(expected)
  })
})

describe('nextMonth: the commission month', () => {
  it.each([
    ['2026-03-31', '2026-04'],
    ['2026-12-01', '2027-01'],
    ['2026-01-31', '2026-02'],
  ])('%s → %s', (date, month) => {
    expect(nextMonth(date as IsoDate)).toBe(month)
  })
})

function time(day: number, minutes: number): DateTime {
  return `2026-03-${String(day).padStart(2, '0')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` as DateTime
}

function randomReports(random: () => number, count: number): LeadReport[] {
  return Array.from({ length: count }, (_, index) => {
    const day = 1 + Math.floor(random() * 27)
    const minutes = Math.floor(random() * 4) * 30 + 600
    const visited = random() < 0.6
    const visitDay = Math.min(28, day + Math.floor(random() * 10))
    return {
      row: index + 2,
      id: `L-${index + 1}`,
      distributor: ['甲', '乙', '丙'][Math.floor(random() * 3)] ?? '甲',
      phone: `1380000000${Math.floor(random() * 3)}`,
      reportedAt: time(day, minutes),
      locality: random() < 0.5 ? '本地' : '异地',
      visitedAt: visited
        ? time(visitDay, visitDay === day ? minutes + Math.floor(random() * 120) : 600)
        : undefined,
      bulkApproved: random() < 0.2,
      signedOn:
        random() < 0.3
          ? (`2026-04-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` as IsoDate)
          : undefined,
    }
  })
}

describe('attribute: a pure function of the reports', () => {
  it('gives every report the same verdict whatever the order of the list', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = seededRandom(seed)
      const reports = randomReports(random, 12)
      const verdicts = new Map(
        attribute(reports, TERMS).map((verdict, index) => [reports[index]?.id, verdict]),
      )
      const shuffled = [...reports].sort(() => random() - 0.5)
      attribute(shuffled, TERMS).forEach((verdict, index) => {
        expect(verdict, `seed ${seed}`).toEqual(verdicts.get(shuffled[index]?.id))
      })
    }
  })

  it('never lets two reports protect one phone on the same day', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const reports = randomReports(seededRandom(seed), 12)
      const verdicts = attribute(reports, TERMS)
      const owners = reports.flatMap((report, index) => {
        const verdict = verdicts[index]
        return verdict?.kind === 'valid' ? [{ report, until: verdict.protectedUntil }] : []
      })
      for (const a of owners)
        for (const b of owners) {
          if (a === b || a.report.phone !== b.report.phone) continue
          const [first, second] = a.report.reportedAt < b.report.reportedAt ? [a, b] : [b, a]
          expect(second.report.reportedAt.slice(0, 10) > first.until, `seed ${seed}`).toBe(true)
        }
    }
  })

  it('names the report a duplicate is blocked by, and until when', () => {
    const first: LeadReport = {
      row: 2,
      id: 'L-1',
      distributor: '甲',
      phone: '13812341234',
      reportedAt: time(1, 600),
      locality: '本地',
      visitedAt: time(3, 840),
      bulkApproved: false,
      signedOn: undefined,
    }
    const second: LeadReport = {
      ...first,
      row: 3,
      id: 'L-2',
      distributor: '乙',
      reportedAt: time(2, 540),
      visitedAt: undefined,
    }
    expect(attribute([second, first], TERMS)[0]).toEqual({
      kind: 'duplicate',
      blockedBy: first,
      blockedUntil: '2026-04-17',
    })
  })
})
