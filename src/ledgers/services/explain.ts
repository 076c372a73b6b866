/** How `taizhang why` words the SERVICE_* and COMPLAINT_ESCALATE facts and the working days of 派工期限. */

import type { IsoDate } from '../../core/dates'
import type { Derivation, LedgerExplainer } from '../../core/explainer'

export const servicesExplainer: LedgerExplainer = {
  facts: {
    recordType: { label: '记录类别（service 服务登记簿 / survey 客户意见调查）' },
    registered: { column: '登记日期' },
    deadline: {
      column: '派工期限',
      how: '登记日期之后第 N 个工作日（参数“派工期限(工作日)”），当天下班前派工即为及时',
    },
    awaitingDispatch: { label: '尚未派工（派工日期、完成日期都未填）', column: '派工日期' },
    daysPastDeadline: { label: '今天超过派工期限的天数', how: '今天 − 派工期限' },
    dispatchDate: { column: '派工日期' },
    dispatchDaysLate: { label: '派工晚于期限的天数', how: '派工日期 − 派工期限' },
    remote: { column: '异地服务' },
    remoteApproved: { column: '异地申请已批准' },
    completed: { label: '已完成（填了完成日期）', column: '完成日期' },
    completionDate: { column: '完成日期' },
    signed: { column: '客户签字' },
    surveyed: { label: '已有客户意见调查', how: '“客户意见调查”里有这个服务编号' },
    surveyDue: { label: '意见调查期限', how: '完成日期 + 参数“意见调查期限(天)”' },
    daysPastSurveyDue: { label: '今天超过意见调查期限的天数', how: '今天 − 意见调查期限' },
    surveyDays: { parameter: '意见调查期限(天)' },
    severe: { label: '严重抱怨（严重程度为“严重”）', column: '严重程度' },
    complaintClosed: { label: '已处理并告知客户（处理结果、告知客户日期都已填写）', column: '处理结果' },
  },
  derive({ facts, parameterAmount, workingDays }) {
    const lines: Derivation[] = []
    const { registered, deadline } = facts
    if (facts.recordType !== 'service' || typeof registered !== 'string' || typeof deadline !== 'string')
      return lines
    lines.push({
      text: `派工期限 ${deadline} = 登记日期 ${registered} 之后第 ${parameterAmount('dispatchWorkingDays', '个工作日')}，当天下班前派工都算及时（客户管理制度 第十一条：当天未派的工作次日优先派工）：`,
      days: workingDays(registered as IsoDate, deadline as IsoDate),
    })
    return lines
  },
}
