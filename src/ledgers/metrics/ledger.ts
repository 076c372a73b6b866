/**
 * The half-year metrics in the daily check (重要客户管理规定 3.6: 每半年测量新客户开发率和老客户流失率，
 * 并制定改善方案和措施): the last completed half-year before today is evaluated, and the METRIC_*
 * rules flag a churn rate above 老客户流失率上限(%) and falling key-customer revenue. The findings
 * are about the half-year as a whole, so they sit on the half-year's row of the 半年评估 tab (where
 * a clerk sees the figures and customer ids behind them) with the period as their key; while that
 * tab has no row for it yet, on the tab's row 1, saying what writes the row. The check also reports
 * the transactions it cannot count (an unknown customer id).
 */

import { recordFields } from '../../core/fields'
import type { HalfYearCommand } from '../../core/host-commands'
import { defineLedger, type LabelledFinding, type LedgerContext, type LedgerRules } from '../../core/ledger'
import type { Parameters } from '../../core/parameters'
import {
  formatPeriod,
  type HalfYear,
  lastCompletedPeriod,
  parsePeriod,
  periodLabel,
} from '../../core/periods'
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

/** Where a half-year's METRIC_* findings sit: its row of 半年评估, or row 1 while it has none. */
export interface MetricPlace {
  readonly row: number
  /** The end of the message: where the figures are, or what to run to get them. */
  readonly detail: string
}

/** The half-year's row of 半年评估 when the tab has one (written by 生成半年评估 / taizhang report). */
export function metricPlace(
  recordedRow: number | undefined,
  period: HalfYear,
  halfYearCommand: HalfYearCommand,
): MetricPlace {
  if (recordedRow !== undefined) return { row: recordedRow, detail: `明细见“半年评估”第 ${recordedRow} 行` }
  return {
    row: 1,
    detail: `“半年评估”里还没有这一半年的明细（各比率的客户数、客户编号）：请运行“${halfYearCommand(formatPeriod(period))}”写入`,
  }
}

const HALF_YEAR_FIELDS = recordFields(HALF_YEAR)

/** The sheet row of the half-year in the 半年评估 tab, if it has one. */
function recordedRowOf(context: LedgerContext, period: HalfYear): number | undefined {
  const wanted = formatPeriod(period)
  const tab = context.tabs.read(HALF_YEAR)
  const record = tab?.records.find((candidate) => {
    const recorded = parsePeriod(HALF_YEAR_FIELDS.text(candidate, '期间'))
    return recorded !== undefined && formatPeriod(recorded) === wanted
  })
  return record?.row
}

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

/**
 * The METRIC_* findings of a half-year, at `place` in 半年评估 with the period as their key; the
 * place ends the message (not a fact of the template: facts are cut as quoted user values).
 */
export async function evaluateMetrics(
  metrics: HalfYearMetrics,
  params: Parameters,
  rules: LedgerRules,
  place: MetricPlace,
): Promise<LabelledFinding[]> {
  const findings = await rules.findings(HALF_YEAR.name, [
    { row: place.row, key: formatPeriod(metrics.period), facts: metricFacts(metrics, params) },
  ])
  return findings.map((finding) => ({ ...finding, message: `${finding.message}；${place.detail}` }))
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
        const period = lastCompletedPeriod(context.today)
        const metrics = computeHalfYearMetrics(ledger, period)
        const place = metricPlace(recordedRowOf(context, period), period, context.halfYearCommand)
        findings.push(...(await evaluateMetrics(metrics, context.params, rules, place)))
      }
      return { findings, owned: [] }
    },
  },
})
