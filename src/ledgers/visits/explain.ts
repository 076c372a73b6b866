/** How `taizhang why` words the VISIT_* facts and the working days of 答复期限. */
import type { IsoDate } from '../../core/dates'
import type { Derivation, LedgerExplainer } from '../../core/explainer'

export const visitsExplainer: LedgerExplainer = {
  facts: {
    visitDate: { column: '走访日期' },
    replied: { label: '已答复（填了答复日期）', column: '答复日期' },
    replyDate: { column: '答复日期' },
    replyDeadline: {
      column: '答复期限',
      how: '走访日期之后第 N 个工作日（参数“答复期限(工作日)”），按法定节假日、调休和“节假日”表',
    },
    daysPastDeadline: { label: '今天超过答复期限的天数', how: '今天 − 答复期限（未答复时）' },
    workingDaysLeft: { label: '到答复期限还剩的工作日', how: '今天之后到答复期限（含）的工作日数' },
    replyReminderWorkingDays: { parameter: '答复提醒(工作日)' },
    daysLate: { label: '答复晚于期限的天数', how: '答复日期 − 答复期限' },
    calendarUnknown: { label: '期限跨越了节假日数据没有的年份', how: '走访日期到答复期限之间的年份' },
    replyWorkingDays: { parameter: '答复期限(工作日)' },
  },
  derive({ facts, today, parameter, workingDays }) {
    const lines: Derivation[] = []
    const { visitDate, replyDeadline } = facts
    if (typeof visitDate !== 'string' || typeof replyDeadline !== 'string') {
      return [{ text: '答复期限：无法计算（走访日期未填或有误）' }]
    }
    lines.push({
      text: `答复期限 ${replyDeadline} = 走访日期 ${visitDate} 之后第 ${facts.replyWorkingDays} 个工作日（${parameter('replyWorkingDays')}；走访当天不算，重要客户管理规定 附录4）：`,
      days: workingDays(visitDate as IsoDate, replyDeadline as IsoDate),
    })
    if (facts.replied === false && today <= replyDeadline && today > visitDate) {
      lines.push({
        text: `今天 ${today} 之后到答复期限还剩 ${facts.workingDaysLeft} 个工作日（${parameter('replyReminderWorkingDays')} 时提醒）`,
      })
    }
    return lines
  },
}
