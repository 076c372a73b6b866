/**
 * VIP tiers suggested by rule (vip客户管理制度: 对每个vip顾客进行筛选出类别 A、B、C、D). The regulation
 * names the four tiers but no criterion; the tool suggests one from what the ledger knows, each
 * customer's net revenue over the last 12 months up to today, against thresholds in 万元 that the
 * company sets in 参数: A from VIP-A门槛, B from VIP-B门槛, C from VIP-C门槛, D below (no sale at all
 * included). The suggestion is advice: the user's own VIP等级 column is never changed.
 */
import { addDays, addMonths, type IsoDate } from '../../core/dates'
import { type Parameters, parameter } from '../../core/parameters'
import type { Fen, TransactionLedger } from '../metrics/transactions'

export type VipTier = 'A' | 'B' | 'C' | 'D'

export const VIP_WINDOW_MONTHS = 12
const FEN_PER_WAN = 1_000_000

export interface VipThresholds {
  /** Lowest net revenue of the window, in fen, for each tier. */
  readonly A: Fen
  readonly B: Fen
  readonly C: Fen
}

export function vipThresholds(params: Parameters): VipThresholds {
  return {
    A: parameter(params, 'vipThreshold.A') * FEN_PER_WAN,
    B: parameter(params, 'vipThreshold.B') * FEN_PER_WAN,
    C: parameter(params, 'vipThreshold.C') * FEN_PER_WAN,
  }
}

/** The window of the last 12 months up to and including today: 2026-03-05 → 2025-03-06 … 2026-03-05. */
export function vipWindow(today: IsoDate): { readonly from: IsoDate; readonly to: IsoDate } {
  return { from: addDays(addMonths(today, -VIP_WINDOW_MONTHS), 1), to: today }
}

/** Checked from A down, so that thresholds typed in the wrong order still give one answer. */
export function tierFor(revenueFen: Fen, thresholds: VipThresholds): VipTier {
  if (revenueFen >= thresholds.A) return 'A'
  if (revenueFen >= thresholds.B) return 'B'
  if (revenueFen >= thresholds.C) return 'C'
  return 'D'
}

export interface VipSuggestion {
  readonly customerId: string
  readonly revenueFen: Fen
  readonly tier: VipTier
}

/** Each customer of 客户档案 with its revenue over the window and the tier it suggests. */
export function suggestVipTiers(
  ledger: TransactionLedger,
  params: Parameters,
  today: IsoDate,
): Map<string, VipSuggestion> {
  const { from, to } = vipWindow(today)
  const revenue = new Map<string, Fen>()
  for (const transaction of ledger.transactions) {
    if (transaction.date < from || transaction.date > to) continue
    revenue.set(transaction.customerId, (revenue.get(transaction.customerId) ?? 0) + transaction.amountFen)
  }
  const thresholds = vipThresholds(params)
  const suggestions = new Map<string, VipSuggestion>()
  for (const customerId of ledger.customers.keys()) {
    const revenueFen = revenue.get(customerId) ?? 0
    suggestions.set(customerId, { customerId, revenueFen, tier: tierFor(revenueFen, thresholds) })
  }
  return suggestions
}
