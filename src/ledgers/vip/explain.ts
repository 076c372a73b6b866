/** How `taizhang why` words VIP_TIER_MISMATCH: the suggested tier from the last 12 months' sales. */
import type { LedgerExplainer } from '../../core/explainer'

export const vipExplainer: LedgerExplainer = {
  facts: {
    userTier: { label: '登记的“VIP等级”', column: 'VIP等级' },
    suggestedTier: {
      column: '建议VIP等级',
      how: '近 12 个月交易金额（退款冲减）对照参数“VIP-A门槛(万元)”“VIP-B门槛(万元)”“VIP-C门槛(万元)”',
    },
    revenueText: { label: '近 12 个月交易金额', how: '“交易记录”中该客户编号的金额之和' },
  },
  derive({ facts, parameter }) {
    if (typeof facts.suggestedTier !== 'string') return []
    return [
      {
        text: `建议 ${facts.suggestedTier} 级：${facts.windowFrom} 至 ${facts.windowTo} 交易金额 ${facts.revenueText}；达到 ${parameter('vipThreshold.A')} 为 A，${parameter('vipThreshold.B')} 为 B，${parameter('vipThreshold.C')} 为 C，更低为 D（vip客户管理制度）`,
      },
    ]
  },
}
