/**
 * The demo's 交易记录: sales of the demo customers over the five half-years before the current one
 * and the current one up to today, dated relative to the day the demo is made, so that the last
 * completed half-year (what `check` evaluates) always shows
 * - key customers' revenue falling (METRIC_GROWTH_NEGATIVE): 1,010 万元 → 744.8 万元;
 * - churn above 10 % (METRIC_CHURN_HIGH): KH-006, KH-008 and the key customer KH-012 stop buying,
 *   3 of the 10 customers of the half-year before;
 * - a refund (KH-003, negative amount) and a customer whose first sale is in the half-year before;
 * - VIP tiers that differ from the entered VIP等级 (VIP_TIER_MISMATCH), e.g. KH-002 registered A;
 * - three rows the metrics leave out: an amount that is not a number, an unknown customer id and a
 *   date that is not a date (DATA_INVALID).
 */
import type { Cell } from '../../core/cells'
import { addDays, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { type HalfYear, lastCompletedPeriod, periodOf, periodRange, previousPeriod } from '../../core/periods'
import { templateRow } from '../../core/template'
import { DEMO_CUSTOMERS } from '../archives/demo-customers'
import { TRANSACTIONS } from './tabs'

/**
 * Revenue in 万元 per half-year, oldest first: [L−4, L−3, L−2, L−1, L, current], where L is the last
 * completed half-year. 0 is no sale in that half-year.
 */
const SALES: Readonly<Record<string, readonly number[]>> = {
  'KH-001': [300, 320, 340, 360, 300, 150],
  'KH-002': [260, 280, 300, 310, 240, 120],
  'KH-003': [100, 120, 130, 150, 115, 60],
  'KH-004': [80, 90, 100, 110, 95, 40],
  'KH-005': [28, 30, 35, 40, 38, 15],
  'KH-006': [22, 25, 28, 30, 0, 0],
  // no sale in L−2, back in L−1: churned once, not new when it comes back
  'KH-007': [6, 8, 0, 12, 9, 4],
  'KH-008': [18, 15, 12, 6, 0, 0],
  // first sale in L−1: a new customer there
  'KH-011': [0, 0, 0, 22, 25, 12],
  'KH-012': [50, 60, 70, 80, 0, 20],
}

/**
 * Days after the start of a half-year on which its sales fall (plus 3 days per customer, at most
 * 164 in all: inside the half-year), and each one's share in percent.
 */
const INSTALMENTS: readonly (readonly [day: number, percent: number])[] = [
  [9, 30],
  [68, 45],
  [131, 25],
]

const FEN_PER_WAN = 1_000_000

export function demoRows(today: IsoDate): SeedRows {
  const last = lastCompletedPeriod(today)
  const periods: HalfYear[] = [periodOf(today), last]
  while (periods.length < 6) periods.push(previousPeriod(periods[periods.length - 1] ?? last))
  periods.reverse()

  const rows: Cell[][] = []
  periods.forEach((period, index) => {
    const { from } = periodRange(period)
    DEMO_CUSTOMERS.forEach((customer, customerIndex) => {
      const wan = SALES[customer.id]?.[index] ?? 0
      if (wan === 0) return
      let rest = wan * FEN_PER_WAN
      INSTALMENTS.forEach(([offset, percent], part) => {
        const date = addDays(from, offset + customerIndex * 3)
        // The last instalment takes what is left, so that the parts add up to the fen.
        const fen =
          part === INSTALMENTS.length - 1 ? rest : Math.round((wan * FEN_PER_WAN * percent) / 100) + 37
        rest -= fen
        if (date <= today)
          rows.push(
            templateRow(TRANSACTIONS, {
              客户编号: customer.id,
              日期: { date },
              金额: fen / 100,
              备注: '货款',
            }),
          )
      })
    })
  })

  const { from: lastFrom } = periodRange(last)
  rows.push(
    // A refund lowers KH-003's revenue in L.
    templateRow(TRANSACTIONS, {
      客户编号: 'KH-003',
      日期: { date: addDays(lastFrom, 100) },
      金额: -52_000.5,
      备注: '退货冲减',
    }),
    // DATA_INVALID, left out of the figures
    templateRow(TRANSACTIONS, {
      客户编号: 'KH-005',
      日期: { date: addDays(lastFrom, 40) },
      金额: '十二万',
      备注: '金额写成了汉字',
    }),
    templateRow(TRANSACTIONS, {
      客户编号: 'KH-099',
      日期: { date: addDays(lastFrom, 45) },
      金额: 86_000,
      备注: '客户档案里没有这个编号',
    }),
    templateRow(TRANSACTIONS, {
      客户编号: 'KH-004',
      日期: `${last.year}-13-05`,
      金额: 43_800,
      备注: '日期写错',
    }),
  )
  return { transactions: rows }
}
