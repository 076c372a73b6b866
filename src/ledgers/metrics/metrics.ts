/**
 * The half-year customer metrics of 重要客户管理规定 3.6 (SPEC §4): key customers' revenue and its
 * growth, the new-customer development rate, the churn rate and the retention rate of a half-year,
 * each with the counts, sums and customer ids behind it. Pure: transactions in, figures out.
 *
 * What "active" means. SPEC §4 says a customer is active in a period with at least one transaction
 * in it. A refund (negative 金额) is a transaction in the ledger, but a customer who only returned
 * goods did not buy from us: counting a refund as activity would hide exactly the churn that 3.6
 * asks to measure. So here a customer is active in a period when it has at least one sale (金额 > 0)
 * in it, and a customer's first transaction (for "new customer") is its first sale. Refunds and
 * zero amounts still count in the revenue sums, where a refund lowers the revenue of its period.
 */
import type { IsoDate } from '../../core/dates'
import { type HalfYear, periodRange, previousPeriod } from '../../core/periods'
import type { Customer, Fen, Transaction, TransactionLedger } from './transactions'

/** Customer ids behind a count, sorted. */
export interface CustomerGroup {
  readonly count: number
  readonly ids: readonly string[]
}

export interface KeyCustomerRevenue {
  readonly id: string
  readonly name: string
  readonly currentFen: Fen
  readonly previousFen: Fen
}

export interface HalfYearMetrics {
  readonly period: HalfYear
  readonly previous: HalfYear
  /** Every customer marked 重要客户 = 是 in 客户档案 now. */
  readonly keyCustomers: CustomerGroup
  readonly keyRevenueFen: Fen
  readonly previousKeyRevenueFen: Fen
  readonly keyRevenueByCustomer: readonly KeyCustomerRevenue[]
  /** (current − previous) / previous; null when the previous revenue is 0 or negative. */
  readonly keyRevenueGrowth: number | null
  /** Customers with a sale in the previous half-year: the denominator of the three customer rates. */
  readonly activePrevious: CustomerGroup
  readonly activeCurrent: CustomerGroup
  /** Customers whose first sale ever falls in the half-year. */
  readonly newCustomers: CustomerGroup
  /** Active in the previous half-year, no sale in this one. */
  readonly churned: CustomerGroup
  /** Active in both. */
  readonly retained: CustomerGroup
  readonly newCustomerRate: number | null
  readonly churnRate: number | null
  /** retained / activePrevious, which is 1 − churnRate. */
  readonly retentionRate: number | null
  /** Counted transactions dated in the half-year and in the previous one. */
  readonly transactionsCurrent: number
  readonly transactionsPrevious: number
  /**
   * 交易记录 rows of the half-year left out of every figure (bad amount or customer id, by their
   * 日期); a row whose 日期 cannot be read may be of any half-year and is counted in each.
   */
  readonly leftOutRows: readonly number[]
}

/** numerator / denominator, or null (an empty rate, SPEC §4) when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator
}

export function computeHalfYearMetrics(ledger: TransactionLedger, period: HalfYear): HalfYearMetrics {
  const previous = previousPeriod(period)
  const current = periodRange(period)
  const before = periodRange(previous)
  const keyCustomers = [...ledger.customers.values()].filter((customer) => customer.key)
  const keyIds = new Set(keyCustomers.map((customer) => customer.id))

  const firstSale = new Map<string, IsoDate>()
  const activeNow = new Set<string>()
  const activeBefore = new Set<string>()
  const revenueNow = new Map<string, Fen>()
  const revenueBefore = new Map<string, Fen>()
  let transactionsCurrent = 0
  let transactionsPrevious = 0
  for (const transaction of ledger.transactions) {
    const { customerId, date, amountFen } = transaction
    const sale = amountFen > 0
    if (sale) {
      const first = firstSale.get(customerId)
      if (first === undefined || date < first) firstSale.set(customerId, date)
    }
    if (date >= current.from && date <= current.to) {
      transactionsCurrent += 1
      if (sale) activeNow.add(customerId)
      if (keyIds.has(customerId)) add(revenueNow, transaction)
    } else if (date >= before.from && date <= before.to) {
      transactionsPrevious += 1
      if (sale) activeBefore.add(customerId)
      if (keyIds.has(customerId)) add(revenueBefore, transaction)
    }
  }

  const newIds = [...activeNow].filter((id) => {
    const first = firstSale.get(id)
    return first !== undefined && first >= current.from
  })
  const churnedIds = [...activeBefore].filter((id) => !activeNow.has(id))
  const retainedIds = [...activeBefore].filter((id) => activeNow.has(id))
  const keyRevenueFen = sum(revenueNow)
  const previousKeyRevenueFen = sum(revenueBefore)
  const denominator = activeBefore.size
  return {
    period,
    previous,
    keyCustomers: group(keyCustomers.map((customer) => customer.id)),
    keyRevenueFen,
    previousKeyRevenueFen,
    keyRevenueByCustomer: byCustomer(keyCustomers, revenueNow, revenueBefore),
    // A growth rate over a previous revenue of 0 or less has no meaning (its sign would flip), so
    // it is empty like a rate over zero.
    keyRevenueGrowth:
      previousKeyRevenueFen > 0 ? (keyRevenueFen - previousKeyRevenueFen) / previousKeyRevenueFen : null,
    activePrevious: group([...activeBefore]),
    activeCurrent: group([...activeNow]),
    newCustomers: group(newIds),
    churned: group(churnedIds),
    retained: group(retainedIds),
    newCustomerRate: rate(newIds.length, denominator),
    churnRate: rate(churnedIds.length, denominator),
    retentionRate: rate(retainedIds.length, denominator),
    transactionsCurrent,
    transactionsPrevious,
    leftOutRows: ledger.leftOutRows.filter((row) => {
      const date = ledger.leftOutDates?.get(row)
      // A row whose 日期 cannot be read may be of any half-year: it is counted, never hidden.
      return date === undefined || (date >= current.from && date <= current.to)
    }),
  }
}

function add(totals: Map<string, Fen>, transaction: Transaction): void {
  totals.set(transaction.customerId, (totals.get(transaction.customerId) ?? 0) + transaction.amountFen)
}

function sum(totals: ReadonlyMap<string, Fen>): Fen {
  let total = 0
  for (const fen of totals.values()) total += fen
  return total
}

function group(ids: readonly string[]): CustomerGroup {
  return { count: ids.length, ids: [...ids].sort(compareText) }
}

function byCustomer(
  keyCustomers: readonly Customer[],
  now: ReadonlyMap<string, Fen>,
  before: ReadonlyMap<string, Fen>,
): KeyCustomerRevenue[] {
  return keyCustomers
    .map((customer) => ({
      id: customer.id,
      name: customer.name,
      currentFen: now.get(customer.id) ?? 0,
      previousFen: before.get(customer.id) ?? 0,
    }))
    .sort((a, b) => compareText(a.id, b.id))
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// --- how the figures are written for people (check messages, the 半年评估 tab, the CLI) ---

const FEN_PER_WAN = 1_000_000

/** A rate as a percentage, rounded to `digits` decimals: 0.08333 → 8.33. */
export function toPercent(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(Number((value * 100 * factor).toPrecision(12))) / factor
}

/** 0.0833 → 8.3%; an empty rate → —. */
export function formatRate(value: number | null): string {
  return value === null ? '—（分母为 0）' : `${toPercent(value, 1)}%`
}

/** Fen as 万元 rounded to two decimals, a number for tabs and charts. */
export function fenToWan(fen: Fen): number {
  // Hundredths of 万元 (100 yuan) are a whole number of fen / 10,000: rounded once, exactly.
  return Math.round(fen / (FEN_PER_WAN / 100)) / 100
}

/** 1,234,567.89 元 */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '−' : ''
  const absolute = Math.abs(fen)
  const yuan = Math.floor(absolute / 100)
  const cents = String(absolute % 100).padStart(2, '0')
  return `${sign}${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} 元`
}

/** 1,234.56 万元 */
export function formatWan(fen: Fen): string {
  const [whole = '0', decimals = '00'] = fenToWan(fen).toFixed(2).split('.')
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals} 万元`
}

/** 万元 from 1 万元 up, yuan below it, where two decimals of 万元 would hide the amount. */
export function formatAmount(fen: Fen): string {
  return Math.abs(fen) >= FEN_PER_WAN ? formatWan(fen) : formatYuan(fen)
}

/** Ids for a message: the first ten, then how many more. */
export function idList(ids: readonly string[], shown = 10): string {
  if (ids.length === 0) return '无'
  const head = ids.slice(0, shown).join('、')
  return ids.length > shown ? `${head} 等 ${ids.length} 家` : head
}
