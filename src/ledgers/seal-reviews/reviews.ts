/**
 * 封样评审: one row per 《封样件评审表》 (封样件管理规定 / 封样件管理办法 5.1–5.3), and the facts the
 * SEAL_* rules read: how many working hours the notice came ahead of the review, whether the trial
 * assembly kept to its time limit, what evidence and signatures a passed review lacks, how long a
 * rectification has been open, and whether 样件台账 registers the sealed sample.
 */
import type { Calendar } from '../../core/calendar'
import { addDays, daysBetween, type IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import { cellProblem, type DateTime, type ReadResult, showDateTime, type TableRecord } from '../../core/table'
import {
  addMinutes,
  formatMinutes,
  minutesBetween,
  splitDateTime,
  type WorkingHours,
  workingMinutesBetween,
} from '../../core/working-hours'
import { SEAL_REVIEWS } from './tabs'

const { date, dateTime, optionalText, text } = recordFields(SEAL_REVIEWS)

/** 封样件管理规定 5.2: the evidence a review is passed on; 不适用 where a part needs none. */
export const REPORTS = ['小批试制评审单', '性能实验报告', '第三方检测报告', '电器件检测报告'] as const

/** 5.2.5: both departments sign the 《封样件评审表》. */
export const SIGNATURES = ['研发签字', '品管签字'] as const

export interface SealReview {
  readonly row: number
  readonly id: string
  readonly partNumber: string
  readonly partName: string
  readonly department: string
  readonly noticeTime: DateTime | undefined
  readonly reviewTime: DateTime | undefined
  readonly needsTrial: boolean
  /** Undefined while the trial is open, or when its cell is unusable (trialUsable false). */
  readonly trialFinished: DateTime | undefined
  /** False when 试装完成时间 is filled in but cannot be used (no time of day, before the review). */
  readonly trialUsable: boolean
  /** False when 通知时间 is after 评审时间: the notice rule cannot tell how early it was. */
  readonly noticeUsable: boolean
  /** Each report's entry: 有, 无, 不适用, or undefined when blank; an invalid cell is left out. */
  readonly reports: ReadonlyMap<string, string | undefined>
  readonly signatures: ReadonlyMap<string, string>
  readonly conclusion: string | undefined
  readonly problems: string
  readonly rectifiedDate: IsoDate | undefined
}

export interface SealReviewLedger {
  readonly reviews: readonly SealReview[]
  readonly findings: readonly Finding[]
}

export function readSealReviews(table: ReadResult): SealReviewLedger {
  const findings: Finding[] = []
  const reviews = table.records.map((record) => readReview(record, table, findings))
  return { reviews, findings }
}

function readReview(record: TableRecord, table: ReadResult, findings: Finding[]): SealReview {
  const problem = (header: string, message: string): void => {
    findings.push(cellProblem(SEAL_REVIEWS.name, table.columns, record, header, message))
  }
  // A date cell without a time reads as 00:00, which nobody reviews or notifies at: the time is missing.
  const timed = (header: string): DateTime | undefined => {
    const value = dateTime(record, header)
    if (value === undefined || !value.endsWith('T00:00')) return value
    problem(
      header,
      `只有日期 ${value.slice(0, 10)}，没有时刻（0:00 也视为没有填写时刻）：请补上时刻，例如 ${value.slice(0, 10)} 14:30`,
    )
    return undefined
  }
  const noticeTime = timed('通知时间')
  const reviewTime = timed('评审时间')
  let trialFinished = timed('试装完成时间')
  // Filled in but unusable (not a date-time, no time of day, before the review): the trial rule waits.
  let trialUsable =
    !record.invalid.has('试装完成时间') && (trialFinished !== undefined || !record.values.has('试装完成时间'))
  if (trialFinished !== undefined && reviewTime !== undefined && trialFinished < reviewTime) {
    problem(
      '试装完成时间',
      `的值 ${showDateTime(trialFinished)} 早于评审时间 ${showDateTime(reviewTime)}：试装在评审时进行，请核对`,
    )
    trialFinished = undefined
    trialUsable = false
  }
  let noticeUsable = true
  if (noticeTime !== undefined && reviewTime !== undefined && noticeTime > reviewTime) {
    problem('通知时间', `的值 ${showDateTime(noticeTime)} 晚于评审时间 ${showDateTime(reviewTime)}：请核对`)
    noticeUsable = false
  }
  const rectifiedDate = date(record, '整改完成日期')
  if (rectifiedDate !== undefined && reviewTime !== undefined && rectifiedDate < reviewTime.slice(0, 10)) {
    problem('整改完成日期', `的值 ${rectifiedDate} 早于评审时间 ${showDateTime(reviewTime)}：请核对`)
  }
  const reports = new Map<string, string | undefined>()
  for (const report of REPORTS) {
    if (!record.invalid.has(report)) reports.set(report, optionalText(record, report))
  }
  return {
    row: record.row,
    id: record.key,
    partNumber: text(record, '零件号'),
    partName: text(record, '零件名称'),
    department: text(record, '申请部门'),
    noticeTime,
    reviewTime,
    needsTrial: optionalText(record, '需试装') === '是',
    trialFinished,
    trialUsable,
    noticeUsable,
    reports,
    signatures: new Map(SIGNATURES.map((signature) => [signature, text(record, signature)])),
    conclusion: optionalText(record, '结论'),
    problems: text(record, '问题点'),
    rectifiedDate,
  }
}

/** The working hours of the 参数 tab: four clock times as 830, 1200, 1330, 1730. */
export const WORKING_HOURS_KEYS = [
  'workMorningStart',
  'workMorningEnd',
  'workAfternoonStart',
  'workAfternoonEnd',
] as const

/** What a passed review lacks: each report that is 无 or blank, and each missing signature. */
export function missingEvidence(review: SealReview): string[] {
  const missing: string[] = []
  for (const [report, entry] of review.reports) {
    if (entry === '无') missing.push(`${report}（无）`)
    else if (entry === undefined) missing.push(`${report}（未填）`)
  }
  for (const [signature, name] of review.signatures) if (name === '') missing.push(signature)
  return missing
}

export interface SealContext {
  readonly calendar: Calendar
  readonly params: Parameters
  readonly today: IsoDate
  readonly hours: WorkingHours
  /** 零件号 with a 封样样件 in 样件台账, or undefined when the workbook keeps no 样件台账. */
  readonly sealedParts: ReadonlySet<string> | undefined
}

/** The facts the SEAL_* rules read. */
export function sealReviewFacts(review: SealReview, context: SealContext): Facts {
  const { calendar, params, today, hours } = context
  const requiredMinutes = parameter(params, 'sealNoticeWorkingHours') * 60
  const trialLimit = parameter(params, 'sealTrialMinutes')
  const rectificationDays = parameter(params, 'sealRectificationDays')
  const { noticeTime, reviewTime } = review

  const noticeMinutes =
    noticeTime && reviewTime && review.noticeUsable
      ? workingMinutesBetween(calendar, hours, noticeTime, reviewTime)
      : undefined

  const trialDeadline = reviewTime && review.needsTrial ? addMinutes(reviewTime, trialLimit) : undefined
  // Still open: overdue once the deadline has passed before today began (the check knows only the day).
  const trialEnd = review.trialFinished ?? (`${today}T00:00` as DateTime)
  const trialOverdue =
    trialDeadline && review.trialUsable ? minutesBetween(trialDeadline, trialEnd) > 0 : undefined

  const reviewDate = reviewTime ? splitDateTime(reviewTime).date : undefined
  const rectificationDeadline = reviewDate ? addDays(reviewDate, rectificationDays) : undefined
  const rectificationOpen = review.conclusion === '整改' && review.rectifiedDate === undefined

  const missing = missingEvidence(review)
  return {
    reviewId: review.id,
    partName: review.partName || review.partNumber || review.id,
    partNumber: review.partNumber || null,
    conclusion: review.conclusion ?? null,
    noticeTime: noticeTime ? showDateTime(noticeTime) : null,
    reviewTime: reviewTime ? showDateTime(reviewTime) : null,
    reviewDate: reviewDate ?? null,
    noticeWorkingMinutes: noticeMinutes,
    noticeRequiredMinutes: requiredMinutes,
    noticeLead: noticeMinutes === undefined ? null : formatMinutes(noticeMinutes),
    noticeRequired: formatMinutes(requiredMinutes),
    trialOverdue,
    trialDeadline: trialDeadline ? showDateTime(trialDeadline) : null,
    trialDueDate: trialDeadline ? splitDateTime(trialDeadline).date : null,
    trialLimit: formatMinutes(trialLimit),
    trialState: review.trialFinished ? `于 ${showDateTime(review.trialFinished)} 才完成` : '至今尚未完成',
    missingCount: missing.length,
    missingEvidence: missing.join('、'),
    rectificationDeadline: rectificationDeadline ?? null,
    rectificationOverdueDays:
      rectificationOpen && rectificationDeadline ? daysBetween(rectificationDeadline, today) : undefined,
    sealedSampleRegistered:
      context.sealedParts && review.partNumber !== ''
        ? context.sealedParts.has(review.partNumber)
        : undefined,
  }
}
