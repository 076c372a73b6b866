/** How `taizhang why` words the METRIC_* facts of a half-year (半年评估, keyed by the period). */
import type { Derivation, LedgerExplainer } from '../../core/explainer'

export const metricsExplainer: LedgerExplainer = {
  facts: {
    churnRatePercent: {
      label: '老客户流失率(%)',
      how: '上期有销售、本期没有销售的客户数 ÷ 上期有销售的客户数（“交易记录”）',
    },
    churnMaxPercent: { parameter: '老客户流失率上限(%)' },
    keyRevenueGrowthPercent: {
      label: '重要客户销售收入增长率(%)',
      how: '（本期重要客户收入 − 上期）÷ 上期；重要客户 = 客户档案中“重要客户”为“是”',
    },
  },
  derive({ facts }) {
    const lines: Derivation[] = [
      {
        text: `${facts.periodLabel}（${facts.period}）是今天之前最近一个完整的半年；老客户流失率 ${facts.churnRateText} = 本期没有销售的 ${facts.churnedCount} 家（${facts.churnedIds}）÷ 上期有销售的 ${facts.activePreviousCount} 家`,
      },
    ]
    if (typeof facts.keyRevenueGrowthPercent === 'number')
      lines.push({
        text: `重要客户销售收入：本期 ${facts.keyRevenueText}，上期 ${facts.previousKeyRevenueText}`,
      })
    return lines
  },
}
