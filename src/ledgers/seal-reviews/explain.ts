/** How `taizhang why` words the SEAL_* facts: the working hours of the notice, the trial's limit. */
import { addDays, type IsoDate } from '../../core/dates'
import type { Derivation, LedgerExplainer } from '../../core/explainer'

export const sealReviewsExplainer: LedgerExplainer = {
  facts: {
    noticeTime: { column: '通知时间' },
    reviewTime: { column: '评审时间' },
    noticeWorkingMinutes: {
      label: '通知提前的工作分钟数',
      how: '通知时间到评审时间之间，工作日的上午、下午上班时间内的分钟数',
    },
    noticeRequiredMinutes: { label: '应提前的工作分钟数', how: '参数“封样通知提前(工作小时)” × 60' },
    reviewDate: { label: '评审日期', column: '评审时间' },
    trialOverdue: {
      label: '试装超时',
      how: '需试装，试装完成时间（未完成时为今天 0:00）晚于评审时间 + 试装时限',
    },
    trialDueDate: { label: '试装期限的日期', how: '评审时间 + 参数“试装时限(分钟)”' },
    conclusion: { column: '结论' },
    missingCount: {
      label: '缺少的资料和签字数',
      how: '四项资料中为“无”或未填的，加上未签的研发签字、品管签字',
    },
    missingEvidence: { label: '缺少的资料和签字' },
    rectificationOverdueDays: {
      label: '整改超期天数',
      how: '结论为整改且未填整改完成日期时：今天 − 整改期限',
    },
    rectificationDeadline: { label: '整改期限', how: '评审日期 + 参数“封样整改期限(天)”' },
    sealedSampleRegistered: {
      label: '样件台账有该零件号的封样样件',
      how: '“样件台账”中样件性质为封样样件、零件号相同（不分全角半角、大小写）',
    },
  },
  derive({ facts, parameterValue, parameterAmount, workingDays }) {
    const lines: Derivation[] = []
    // 830 → 8:30
    const clock = (key: string): string => {
      const value = parameterValue(key) ?? 0
      return `${Math.floor(value / 100)}:${String(value % 100).padStart(2, '0')}`
    }
    const { noticeTime, reviewTime } = facts
    if (typeof noticeTime === 'string' && typeof reviewTime === 'string' && facts.noticeLead !== null) {
      const from = noticeTime.slice(0, 10) as IsoDate
      const to = reviewTime.slice(0, 10) as IsoDate
      lines.push({
        text: `通知提前 ${facts.noticeLead} 工作时间：${noticeTime} 至 ${reviewTime}，只算工作日 ${clock('workMorningStart')}–${clock('workMorningEnd')}、${clock('workAfternoonStart')}–${clock('workAfternoonEnd')} 之间的分钟（参数“上午上班(时分)”等四项，见下文参数）；应至少提前 ${parameterAmount('sealNoticeWorkingHours', '个工作小时')}。其间各天：`,
        days: workingDays(addDays(from, -1), to),
      })
    }
    if (typeof facts.trialDeadline === 'string')
      lines.push({
        text: `试装期限 ${facts.trialDeadline} = 评审时间 ${reviewTime} + ${parameterAmount('sealTrialMinutes', '分钟')}；${facts.trialState}`,
      })
    if (facts.conclusion === '整改' && typeof facts.rectificationDeadline === 'string')
      lines.push({
        text: `整改期限 ${facts.rectificationDeadline} = 评审日期 ${facts.reviewDate} + ${parameterAmount('sealRectificationDays', '天')}`,
      })
    return lines
  },
}
