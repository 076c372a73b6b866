/**
 * The half-year metrics of 重要客户管理规定 3.6 on small ledgers computed by hand: every rate with
 * the counts and ids behind it, zero denominators, refunds, boundary days, unknown customers and
 * transactions in bad shape.
 */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import {
  type HalfYear,
  lastCompletedPeriod,
  parsePeriod,
  periodRange,
  previousPeriod,
} from '../../../src/core/periods'
import { readTable } from '../../../src/core/table'
import {
  computeHalfYearMetrics,
  fenToWan,
  formatRate,
  formatWan,
  formatYuan,
  rate,
  toPercent,
} from '../../../src/ledgers/metrics/metrics'
import {
  buildTransactionLedger,
  type TransactionLedger,
  yuanToFen,
} from '../../../src/ledgers/metrics/transactions'
import { d, tab } from '../../support/ledger-builder'

const H1_2026: HalfYear = { year: 2026, half: 1 }

/** A customer of 客户档案: id, and whether 重要客户 = 是. */
type CustomerLine = readonly [id: string, key: boolean]
/** A row of 交易记录: 客户编号, 日期, 金额 (cells as a user typed them). */
type TransactionLine = readonly [customer: Cell, date: Cell, amount: Cell]

function ledgerOf(
  customers: readonly CustomerLine[],
  transactions: readonly TransactionLine[],
): TransactionLedger {
  const customerTab = tab(
    TEMPLATES.customers,
    customers.map(([id, key]) => ({ 客户编号: id, 客户名称: `客户 ${id}`, 重要客户: key ? '是' : '否' })),
  )
  const transactionTab = tab(
    TEMPLATES.transactions,
    transactions.map(([customer, date, amount]) => ({ 客户编号: customer, 日期: date, 金额: amount })),
  )
  const read = (template: typeof TEMPLATES.customers, rows: Cell[][]) =>
    readTable(template, { name: template.name, header: rows[0] ?? [], rows: rows.slice(1) })
  return buildTransactionLedger(
    read(TEMPLATES.transactions, transactionTab),
    read(TEMPLATES.customers, customerTab),
  )
}

describe('half-years', () => {
  it.each([
    ['2026H1', { year: 2026, half: 1 }],
    ['2026H2', { year: 2026, half: 2 }],
    ['2026h2', { year: 2026, half: 2 }],
    [' 2000H1 ', { year: 2000, half: 1 }],
    ['2100H2', { year: 2100, half: 2 }],
    ['2026H3', undefined],
    ['2026H0', undefined],
    ['2026-H1', undefined],
    ['2026 H1', undefined],
    ['26H1', undefined],
    ['2026', undefined],
    ['H1', undefined],
    ['1999H2', undefined],
    ['2101H1', undefined],
    ['２０２６H1', undefined],
    ['', undefined],
  ])('parsePeriod(%j)', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected)
  })

  it.each([
    [{ year: 2026, half: 1 }, '2026-01-01', '2026-06-30', '2025H2'],
    [{ year: 2026, half: 2 }, '2026-07-01', '2026-12-31', '2026H1'],
    [{ year: 2024, half: 1 }, '2024-01-01', '2024-06-30', '2023H2'],
  ] as const)('%j runs from %s to %s; the one before is %s', (period, from, to, previous) => {
    expect(periodRange(period)).toEqual({ from, to })
    const before = previousPeriod(period)
    expect(`${before.year}H${before.half}`).toBe(previous)
  })

  it.each([
    ['2026-07-01', '2026H1'],
    ['2026-06-30', '2025H2'],
    ['2026-01-01', '2025H2'],
    ['2026-12-31', '2026H1'],
    ['2027-01-01', '2026H2'],
  ])('the last completed half-year before %s is %s', (today, expected) => {
    const period = lastCompletedPeriod(today as IsoDate)
    expect(`${period.year}H${period.half}`).toBe(expected)
  })
})

describe('rates', () => {
  it.each([
    [1, 4, 0.25],
    [0, 5, 0],
    [3, 3, 1],
    [0, 0, null],
    [2, 0, null],
  ])('rate(%d, %d) = %s', (numerator, denominator, expected) => {
    expect(rate(numerator, denominator)).toBe(expected)
  })

  it.each([
    [0.1, 10],
    [1 / 3, 33.33],
    [0.083333, 8.33],
    [-0.2625, -26.25],
    [0.145, 14.5],
  ])('toPercent(%f) = %f', (value, expected) => {
    expect(toPercent(value)).toBe(expected)
  })

  it.each([
    [null, '—（分母为 0）'],
    [0.3, '30%'],
    [1 / 9, '11.1%'],
    [-0.263, '-26.3%'],
  ])('formatRate(%s) = %s', (value, expected) => {
    expect(formatRate(value)).toBe(expected)
  })
})

describe('money in fen', () => {
  it.each([
    [1280.5, 128050],
    [0.1, 10],
    [0.285, 29],
    [-52000.5, -5200050],
    [19.999, 2000],
    [1e9, 1e11],
  ])('%f yuan is %d fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen)
  })

  it('adds 0.10 and 0.20 to exactly 0.30 (no floating-point drift)', () => {
    const ledger = ledgerOf(
      [['A', true]],
      [
        ['A', d('2026-02-01'), 0.1],
        ['A', d('2026-02-02'), 0.2],
        ['A', d('2025-08-01'), 0.3],
      ],
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics.keyRevenueFen).toBe(30)
    expect(metrics.previousKeyRevenueFen).toBe(30)
    expect(metrics.keyRevenueGrowth).toBe(0)
  })

  it.each([
    [123456789, 123.46],
    [5000, 0.01],
    [4999, 0],
    [-7447999, -7.45],
  ])('%d fen is %f 万元 for tabs and charts', (fen, wan) => {
    expect(fenToWan(fen)).toBe(wan)
  })

  it.each([
    [744799950, '7,447,999.50 元'],
    [5, '0.05 元'],
    [-2000550, '−20,005.50 元'],
  ])('formatYuan(%d) = %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })

  it.each([
    [10_100_000_00, '1,010.00 万元'],
    [744_799_950, '744.80 万元'],
    [0, '0.00 万元'],
    [-123_456_789_00, '-12,345.68 万元'],
  ])('formatWan(%d) = %s', (fen, text) => {
    expect(formatWan(fen)).toBe(text)
  })
})

describe('computeHalfYearMetrics', () => {
  it('pins every rate of a small ledger, with the ids behind each count', () => {
    const ledger = ledgerOf(
      [
        ['A', true],
        ['B', true],
        ['C', false],
        ['D', false],
        ['E', false],
        ['F', true], // key customer without any transaction
      ],
      [
        ['A', d('2025-08-01'), 100],
        ['A', d('2026-02-01'), 150],
        ['B', d('2025-12-31'), 200], // last day of the previous half-year, nothing since: churned
        ['C', d('2025-07-01'), 50], // first day of the previous half-year
        ['C', d('2026-06-30'), 60], // last day of the half-year: retained
        ['D', d('2026-01-01'), 80], // first sale ever on the first day of the half-year: new
        ['E', d('2024-03-01'), 10], // bought long ago, back now: active, neither new nor retained
        ['E', d('2026-03-01'), 20],
        ['A', d('2026-07-01'), 999], // the next half-year: not counted
      ],
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics).toMatchObject({
      keyCustomers: { count: 3, ids: ['A', 'B', 'F'] },
      keyRevenueFen: 15000,
      previousKeyRevenueFen: 30000,
      keyRevenueGrowth: -0.5,
      activePrevious: { count: 3, ids: ['A', 'B', 'C'] },
      activeCurrent: { count: 4, ids: ['A', 'C', 'D', 'E'] },
      newCustomers: { count: 1, ids: ['D'] },
      churned: { count: 1, ids: ['B'] },
      retained: { count: 2, ids: ['A', 'C'] },
      newCustomerRate: 1 / 3,
      churnRate: 1 / 3,
      retentionRate: 2 / 3,
      transactionsCurrent: 4,
      transactionsPrevious: 3,
      leftOutRows: [],
    })
    expect(metrics.keyRevenueByCustomer).toEqual([
      { id: 'A', name: '客户 A', currentFen: 15000, previousFen: 10000 },
      { id: 'B', name: '客户 B', currentFen: 0, previousFen: 20000 },
      { id: 'F', name: '客户 F', currentFen: 0, previousFen: 0 },
    ])
  })

  it('gives empty rates (null), not 0 or infinity, when the denominators are zero', () => {
    const ledger = ledgerOf(
      [
        ['A', true],
        ['B', false],
      ],
      [
        ['A', d('2026-02-01'), 100],
        ['B', d('2026-05-01'), 40],
      ],
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics).toMatchObject({
      keyRevenueFen: 10000,
      previousKeyRevenueFen: 0,
      keyRevenueGrowth: null,
      activePrevious: { count: 0, ids: [] },
      newCustomers: { count: 2, ids: ['A', 'B'] },
      newCustomerRate: null,
      churnRate: null,
      retentionRate: null,
    })
  })

  it('an empty ledger has nothing but empty rates', () => {
    const metrics = computeHalfYearMetrics(ledgerOf([['A', true]], []), H1_2026)
    expect(metrics).toMatchObject({
      keyRevenueFen: 0,
      keyRevenueGrowth: null,
      newCustomerRate: null,
      churnRate: null,
      retentionRate: null,
      transactionsCurrent: 0,
    })
  })

  it('a whole previous half-year churned is a churn rate of 1 and a retention of 0', () => {
    const ledger = ledgerOf(
      [
        ['A', true],
        ['B', false],
      ],
      [
        ['A', d('2025-10-01'), 100],
        ['B', d('2025-11-01'), 100],
      ],
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics).toMatchObject({
      churnRate: 1,
      retentionRate: 0,
      newCustomerRate: 0,
      keyRevenueGrowth: -1,
    })
  })

  it.each([
    // customer's transactions → is it new in 2026H1, active in 2026H1, active in 2025H2?
    ['first sale on the first day of the half-year', [['2026-01-01', 10]], true, true, false],
    ['first sale on the last day of the half-year', [['2026-06-30', 10]], true, true, false],
    ['first sale on the last day of the half-year before', [['2025-12-31', 10]], false, false, true],
    ['first sale on the first day of the next half-year', [['2026-07-01', 10]], false, false, false],
    ['a refund only (no sale): not a customer relationship', [['2026-03-01', -10]], false, false, false],
    [
      'a refund before its first sale: new with the sale',
      [
        ['2025-09-01', -10],
        ['2026-03-01', 10],
      ],
      true,
      true,
      false,
    ],
    [
      'a sale and its full refund in the half-year: active, revenue 0',
      [
        ['2026-03-01', 10],
        ['2026-03-02', -10],
      ],
      true,
      true,
      false,
    ],
    ['a zero amount is no sale', [['2026-03-01', 0]], false, false, false],
  ] as const)('%s', (_case, lines, isNew, activeNow, activeBefore) => {
    const ledger = ledgerOf(
      [['X', false]],
      lines.map(([date, amount]): TransactionLine => ['X', d(date), amount]),
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics.newCustomers.ids.includes('X')).toBe(isNew)
    expect(metrics.activeCurrent.ids.includes('X')).toBe(activeNow)
    expect(metrics.activePrevious.ids.includes('X')).toBe(activeBefore)
  })

  it('counts refunds (negative amounts) in the revenue, but a refund alone does not keep a customer', () => {
    const ledger = ledgerOf(
      [
        ['A', true],
        ['B', false],
      ],
      [
        ['A', d('2025-09-01'), 1000.1],
        ['A', d('2025-09-20'), -0.1], // partial refund in the previous half-year
        ['A', d('2026-02-01'), -200.05], // only a refund in the half-year
        ['B', d('2025-09-01'), 50],
        ['B', d('2026-04-01'), 50],
      ],
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics).toMatchObject({
      previousKeyRevenueFen: 100000,
      keyRevenueFen: -20005,
      keyRevenueGrowth: (-20005 - 100000) / 100000,
      activePrevious: { ids: ['A', 'B'] },
      activeCurrent: { ids: ['B'] },
      churned: { ids: ['A'] },
      churnRate: 0.5,
      retentionRate: 0.5,
    })
  })

  it('leaves growth empty when the previous revenue of key customers is negative (refunds only)', () => {
    const ledger = ledgerOf(
      [['A', true]],
      [
        ['A', d('2025-09-01'), -100],
        ['A', d('2026-02-01'), 100],
      ],
    )
    expect(computeHalfYearMetrics(ledger, H1_2026).keyRevenueGrowth).toBeNull()
  })

  it('counts only key customers in the revenue, marked 重要客户 = 是 now', () => {
    const ledger = ledgerOf(
      [
        ['A', true],
        ['B', false],
      ],
      [
        ['A', d('2025-09-01'), 100],
        ['B', d('2025-09-01'), 900],
        ['A', d('2026-02-01'), 112],
        ['B', d('2026-02-01'), 10],
      ],
    )
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics.keyRevenueFen).toBe(11200)
    expect(metrics.previousKeyRevenueFen).toBe(10000)
    expect(metrics.keyRevenueGrowth).toBeCloseTo(0.12, 12)
  })
})

describe('transactions that cannot be counted', () => {
  const ledger = ledgerOf(
    [
      ['KH-001', true],
      ['KH-002', false],
    ],
    [
      ['KH-001', d('2026-02-01'), 100], // row 2: counted
      ['KH-999', d('2026-02-01'), 100], // row 3: not in 客户档案
      ['KH-002', d('2026-02-01'), '十二万'], // row 4: amount not a number
      ['KH-002', '2026-13-45', 100], // row 5: not a date
      ['KH-002', d('2026-02-01'), null], // row 6: amount missing
      [null, d('2026-02-01'), 100], // row 7: no customer
      ['ＫＨ－００２', '2026/3/1', '￥1,200.50'], // row 8: full-width id, typed date and amount: counted
    ],
  )

  it('are left out of every figure and listed by sheet row', () => {
    expect(ledger.leftOutRows).toEqual([3, 4, 5, 6, 7])
    expect(ledger.transactions.map((transaction) => [transaction.row, transaction.customerId])).toEqual([
      [2, 'KH-001'],
      [8, 'KH-002'],
    ])
    const metrics = computeHalfYearMetrics(ledger, H1_2026)
    expect(metrics.leftOutRows).toEqual([3, 4, 5, 6, 7])
    expect(metrics.activeCurrent.ids).toEqual(['KH-001', 'KH-002'])
    expect(metrics.transactionsCurrent).toBe(2)
  })

  it('an unknown customer id is a DATA_INVALID finding naming the row, the column and what to do', () => {
    expect(ledger.findings).toEqual([
      {
        sheet: '交易记录',
        row: 3,
        key: '',
        code: 'DATA_INVALID',
        severity: 'error',
        message: expect.stringMatching(/^第 3 行 A 列“客户编号”的值“KH-999”在“客户档案”中不存在，请核对编号/),
        due: null,
      },
    ])
  })

  it('a customer of 客户档案 without transactions is in no group but the key customers', () => {
    const quiet = ledgerOf(
      [
        ['A', true],
        ['B', false],
      ],
      [['A', d('2026-02-01'), 1]],
    )
    const metrics = computeHalfYearMetrics(quiet, H1_2026)
    expect(metrics.activeCurrent.ids).toEqual(['A'])
    expect(metrics.newCustomers.ids).toEqual(['A'])
    expect(metrics.churned.ids).toEqual([])
  })
})
