/**
 * How `taizhang why` words the LEAD_* facts. 客户电话 is confidential: a phone number shows only
 * masked (138****1234), as in every finding.
 */
import type { Derivation, LedgerExplainer } from '../../core/explainer'

export const leadsExplainer: LedgerExplainer = {
  facts: {
    verdict: {
      label: '判定（valid 有效 / natural 自然到访 / duplicate 重复报备 / violation 违约报备）',
      how: '按报备时间、到访时间、客户属地和同一电话的其他报备判定（分销商客户管理规定 2）',
    },
    protectedUntil: {
      column: '保护期至',
      how: '未到访：报备次日起报备保护期(天)；按时到访：到访次日起到访保护期(天)；大客户延期已批准再加大客户延期(天)',
    },
    protectionDaysLeft: { label: '到保护期至还剩的天数', how: '保护期至 − 今天（有效报备、尚未网签时）' },
    protectionReminderDays: { parameter: '保护期到期提醒(天)' },
    distributorInactive: {
      label: '分销商不是“合作中”',
      how: '“分销商名录”中该分销商的状态不是合作中，或名录中没有它（报备仍在保护期或佣金未提报时）',
    },
    phone: { label: '客户电话（打码）', how: '“客户电话”列打码后显示' },
    conclusion: { column: '归属结论' },
    stopSuggested: {
      label: '建议停止合作',
      how: '状态为合作中，违约次数达到参数“违约停止合作次数”',
    },
    violations: { column: '违约次数' },
    violationsToStop: { parameter: '违约停止合作次数' },
    status: { column: '状态' },
  },
  derive({ facts, value, cell, parameter, parameterAmount }) {
    const days = (key: string): string => parameterAmount(key, '天')
    if (facts.verdict === undefined) return []
    const lines: Derivation[] = [
      {
        text: `${cell('报备时间')}，${cell('客户属地')}，${cell('到访时间')}：报备须比到访至少早 ${parameter('localLeadHours')}（本地）或 ${parameter('remoteLeadHours')}（异地）`,
      },
    ]
    const day = (header: string): string => String(value(header) ?? '').slice(0, 10)
    if (typeof facts.protectedUntil === 'string' && facts.protectionVisited === false)
      lines.push({
        text: `保护期至 ${facts.protectedUntil} = 报备日期 ${day('报备时间')} + ${days('unvisitedProtectionDays')}，自报备次日起算，期内没有按时到访`,
      })
    else if (typeof facts.protectedUntil === 'string' && facts.protectionVisited === true)
      lines.push({
        text: `保护期至 ${facts.protectedUntil} = 到访日期 ${day('到访时间')} + ${days('visitedProtectionDays')}${facts.protectionBulk === true ? ` + ${days('bulkExtensionDays')}（大客户、延期已批准）` : ''}，自到访次日起算`,
      })
    lines.push({ text: `归属结论：${facts.conclusion ?? '（无）'}` })
    return lines
  },
}
