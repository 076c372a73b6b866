/**
 * The 《封样件评审表》 of one review (封样件管理规定 5.2.5: both departments fill it in and sign it), as
 * a pure model that a host renders: the local tool into a Word template (.docx) made from
 * `SEAL_FORM_LAYOUT` by scripts/make-seal-form-template.mjs, which users may edit.
 *
 * Every value is the review's text as typed: the Word template prints it literally, so a `{结论}`
 * typed into 问题点 stays `{结论}`. A signature not yet given prints as a line to sign on.
 */
import { formatChineseDate } from '../../core/dates'
import type { DateTime } from '../../core/table'
import { splitDateTime } from '../../core/working-hours'
import { documentFileName, fillPlaceholders, letterText } from '../visits/reply-letter'
import { REPORTS, type SealReview } from './reviews'

export const SEAL_FORM_TITLE = '封样件评审表'

/** The repeated block of the template: one copy per item of evidence (5.2), in order. */
export const EVIDENCE_LOOP = '资料列表'

/** The placeholders a form template may use, with what they become. */
export const SEAL_FORM_FIELDS = {
  标题: '封样件评审表',
  申请编号: '申请编号',
  零件号: '零件号',
  零件名称: '零件名称',
  申请部门: '申请部门',
  通知时间: '通知时间，写作 2026年3月5日 14:30',
  评审时间: '评审时间，写作 2026年3月6日 09:00',
  试装: '不需试装；需试装，于 … 完成；需试装，尚未完成',
  问题点: '评审发现的问题点',
  结论: '通过、整改，或“未定”',
  整改完成日期: '整改完成日期，写作 2026年3月20日；未填写时为空',
  研发签字: '研发签字，未签时为一条签字横线',
  品管签字: '品管签字，未签时为一条签字横线',
} as const

/** The placeholders inside the evidence block. */
export const EVIDENCE_FIELDS = {
  序号: '1、2、3、4',
  资料: '小批试制评审单、性能实验报告、第三方检测报告、电器件检测报告',
  情况: '有、无、不适用，或“未填写”',
} as const

export type SealFormField = keyof typeof SEAL_FORM_FIELDS
export type EvidenceField = keyof typeof EVIDENCE_FIELDS

/** The form's paragraphs, in order, as templates over the fields above. */
export const SEAL_FORM_LAYOUT = {
  title: '{标题}',
  part: ['申请编号：{申请编号}', '零件号：{零件号}', '零件名称：{零件名称}', '申请部门：{申请部门}'],
  dates: ['通知时间：{通知时间}', '评审时间：{评审时间}', '试装：{试装}'],
  evidenceHeading: '封样资料（封样件管理规定 5.2）：',
  evidence: '{序号}. {资料}：{情况}',
  outcome: ['问题点：{问题点}', '结论：{结论}', '整改完成日期：{整改完成日期}'],
  signatures: ['研发签字：{研发签字}', '品管签字：{品管签字}'],
} as const

const SIGNATURE_LINE = '＿＿＿＿＿＿＿＿'

export interface SealForm {
  readonly reviewId: string
  readonly fields: Readonly<Record<SealFormField, string>>
  readonly evidence: readonly Readonly<Record<EvidenceField, string>>[]
}

export function buildSealForm(review: SealReview): SealForm {
  const trial = !review.needsTrial
    ? '不需试装'
    : review.trialFinished
      ? `需试装，于 ${chineseDateTime(review.trialFinished)} 完成`
      : '需试装，尚未完成'
  const fields: Record<SealFormField, string> = {
    标题: SEAL_FORM_TITLE,
    申请编号: letterText(review.id),
    零件号: letterText(review.partNumber),
    零件名称: letterText(review.partName),
    申请部门: letterText(review.department),
    通知时间: review.noticeTime ? chineseDateTime(review.noticeTime) : '',
    评审时间: review.reviewTime ? chineseDateTime(review.reviewTime) : '',
    试装: trial,
    问题点: letterText(review.problems),
    结论: review.conclusion ?? '未定',
    整改完成日期: review.rectifiedDate ? formatChineseDate(review.rectifiedDate) : '',
    研发签字: letterText(review.signatures.get('研发签字') ?? '') || SIGNATURE_LINE,
    品管签字: letterText(review.signatures.get('品管签字') ?? '') || SIGNATURE_LINE,
  }
  const evidence = REPORTS.map((report, index) => ({
    序号: String(index + 1),
    资料: report,
    情况: review.reports.get(report) ?? '未填写',
  }))
  return { reviewId: review.id, fields, evidence }
}

/** The form's text, paragraph by paragraph, as a reader sees it. */
export function sealFormParagraphs(form: SealForm): string[] {
  const fill = (line: string) => fillPlaceholders(line, form.fields)
  return [
    fill(SEAL_FORM_LAYOUT.title),
    ...SEAL_FORM_LAYOUT.part.map(fill),
    ...SEAL_FORM_LAYOUT.dates.map(fill),
    SEAL_FORM_LAYOUT.evidenceHeading,
    ...form.evidence.map((item) => fillPlaceholders(SEAL_FORM_LAYOUT.evidence, item)),
    ...SEAL_FORM_LAYOUT.outcome.map(fill),
    ...SEAL_FORM_LAYOUT.signatures.map(fill),
  ]
}

/** 封样件评审表-FY-001: the form's file name without extension, safe on every file system. */
export function sealFormFileName(reviewId: string): string {
  return documentFileName(SEAL_FORM_TITLE, reviewId)
}

function chineseDateTime(at: DateTime): string {
  const { date } = splitDateTime(at)
  return `${formatChineseDate(date)} ${at.slice(11, 16)}`
}
