/**
 * The half-year metrics in the daily check (重要客户管理规定 3.6: 每半年测量新客户开发率和老客户流失率，
 * 并制定改善方案和措施): the last completed half-year before today is evaluated, and the METRIC_*
 * rules flag a churn rate above 老客户流失率上限(%) and falling key-customer revenue. The findings
 * are about the half-year as a whole, so they sit on row 1 of the 半年评估 tab with the period as
 * their key. The check also reports the transactions it cannot count (an unknown customer id).
 */

import { defineLedger, type LabelledFinding, type LedgerRules } from '../../core/ledger'
import type { Parameters } from '../../core/parameters'
import { formatPeriod, lastCompletedPeriod, periodLabel } from '../../core/periods'
import type { Facts } from '../../core/rules/facts'
import { demoRows } from './demo'
import { metricsExplainer } from './explain'
import {
  computeHalfYearMetrics,
  formatAmount,
  formatRate,
  formatYuan,
  type HalfYearMetrics,
  idList,
  toPercent,
} from './metrics'
import parameters from './parameters.json'
import rules from './rules.json'
import { HALF_YEAR, TRANSACTIONS } from './tabs'
import { readTransactionLedger } from './transactions'

/** The facts the METRIC_* rules read; an empty rate is left out, so no rule fires on it. */
export function metricFacts(metrics: HalfYearMetrics, params: Parameters): Facts {
  const growth = metrics.keyRevenueGrowth
  // In yuan when 万元 with two decimals would show the two half-years the same.
  const sameInWan = formatAmount(metrics.keyRevenueFen) === formatAmount(metrics.previousKeyRevenueFen)
  const money = sameInWan ? formatYuan : formatAmount
  return {
    period: formatPeriod(metrics.period),
    periodLabel: periodLabel(metrics.period),
    // Rounded to 1e-6 %, so that 1 of 10 is 10 % and not 10.000000000000002 % (above a 10 % limit).
    churnRatePercent: metrics.churnRate === null ? undefined : toPercent(metrics.churnRate, 6),
    churnRateText: formatRate(metrics.churnRate),
    churnMaxPercent: params.churnMaxPercent,
    activePreviousCount: metrics.activePrevious.count,
    churnedCount: metrics.churned.count,
    churnedIds: idList(metrics.churned.ids),
    // Unrounded: any fall of the revenue, however small, is negative growth.
    keyRevenueGrowthPercent: growth === null ? undefined : growth * 100,
    keyRevenueText: money(metrics.keyRevenueFen),
    previousKeyRevenueText: money(metrics.previousKeyRevenueFen),
    growthDropText: growth === null ? null : dropText(-growth),
  }
}

/** 26.32%; a fall too small to show in two decimals still reads as a fall. */
function dropText(drop: number): string {
  const percent = toPercent(drop, 2)
  return percent === 0 ? '不到 0.01%' : `${percent}%`
}

/** The METRIC_* findings of a half-year, on row 1 of 半年评估 with the period as their key. */
export function evaluateMetrics(
  metrics: HalfYearMetrics,
  params: Parameters,
  rules: LedgerRules,
): Promise<LabelledFinding[]> {
  return rules.findings(HALF_YEAR.name, [
    { row: 1, key: formatPeriod(metrics.period), facts: metricFacts(metrics, params) },
  ])
}

export const metricsLedger = defineLedger({
  id: 'metrics',
  explain: metricsExplainer,
  tabs: { transactions: TRANSACTIONS, halfYear: HALF_YEAR },
  rules,
  parameters,
  demoRows,
  check: {
    tab: TRANSACTIONS,
    async run(context, rules) {
      const ledger = readTransactionLedger(context)
      if (!ledger) return undefined
      const findings: LabelledFinding[] = [...ledger.findings]
      // An empty 交易记录 says nothing about customers: no metric, no finding.
      if (ledger.transactions.length > 0) {
        const metrics = computeHalfYearMetrics(ledger, lastCompletedPeriod(context.today))
        findings.push(...(await evaluateMetrics(metrics, context.params, rules)))
      }
      return { findings, owned: [] }
    },
  },
})
