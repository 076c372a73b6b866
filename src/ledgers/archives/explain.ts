/** How `taizhang why` words the ARCHIVE_* facts. No confidential value: 资质资料 shows only as a flag. */
import type { LedgerExplainer } from '../../core/explainer'

export const archivesExplainer: LedgerExplainer = {
  facts: {
    lost: { label: '已流失客户（状态为“已流失”）', column: '状态' },
    updateMissing: { label: '未填最近更新日期', column: '最近更新日期' },
    reviewDue: { label: '档案复查期限', how: '最近更新日期 + 参数“档案复查周期(月)”，月末对齐' },
    daysPastReview: { label: '今天超过复查期限的天数', how: '今天 − 档案复查期限' },
    approved: { label: '已审批（审批人、审批日期都已填写）', column: '审批人' },
    licenceMissing: { label: '资质资料缺失', column: '资质资料' },
  },
  derive({ facts, cell, parameterAmount }) {
    if (typeof facts.reviewDue !== 'string')
      return [{ text: `档案复查期限：无法计算（${cell('最近更新日期')}）` }]
    return [
      {
        text: `档案复查期限 ${facts.reviewDue} = ${cell('最近更新日期')} + ${parameterAmount('archiveReviewMonths', '个月')}，月末对齐（客户信息管理制度：每半年全面检查一次）`,
      },
    ]
  },
}
