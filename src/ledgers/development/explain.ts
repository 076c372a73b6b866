/** How `taizhang why` words the DEV_* facts. 信用状况 is confidential: only the screening's outcome shows. */
import type { LedgerExplainer } from '../../core/explainer'

export const developmentExplainer: LedgerExplainer = {
  facts: {
    recommended: {
      label: '符合重点开发对象的条件',
      how: '信用状况良好、经营业绩佳、合作态度积极、影响程度重大（重要客户管理规定 3.2）',
    },
    awaitingApproval: { label: '尚待审批（审批状态为空或待审批）', column: '审批状态' },
    approved: { label: '已批准', column: '审批状态' },
    cooperating: { label: '已到“合作”阶段', column: '开发阶段' },
    planEnd: { column: '计划完成' },
    daysPastPlanEnd: { label: '今天超过计划完成的天数', how: '今天 − 计划完成' },
    lastProgressDate: { label: '最近进展（没有时为计划开始）', column: '最近进展日期' },
    daysWithoutProgress: { label: '没有进展的天数', how: '今天 − 最近进展日期（没有时为计划开始）' },
    noProgressDays: { parameter: '开发无进展天数' },
    progressDeadline: { label: '下次进展期限', how: '最近进展日期（或计划开始）+ 开发无进展天数' },
  },
  derive({ facts, parameterAmount }) {
    if (typeof facts.progressDeadline !== 'string') return []
    return [
      {
        text: `下次进展期限 ${facts.progressDeadline} = ${facts.progressSince} ${facts.lastProgressDate} + ${parameterAmount('noProgressDays', '天')}`,
      },
    ]
  },
}
