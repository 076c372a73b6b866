/** The facts the SUPPLIER_*, PPAP_* and CLAIM_* rules read, one record at a time. */
import type { Calendar } from '../../core/calendar'
import { addDays, addMonths, daysBetween, type IsoDate } from '../../core/dates'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import { monthLabel, previousMonth } from './months'
import { formatElements, PPAP_ELEMENT_NAMES } from './ppap-matrix'
import type { LowStreak, RatingHistory } from './ratings'
import type { Claim, PpapSubmission, Rating, Supplier } from './suppliers'

const CERTIFIED = new Set(['IATF 16949', 'ISO 9001'])
/** Suppliers that are audited: not 暂停 or 淘汰 (a blank 状态 counts as active). */
const AUDITED = new Set(['合格', '试用', ''])

function supplierLabel(supplier: Supplier | undefined, id: string): string {
  return supplier?.name || supplier?.id || id || '（未填供应商）'
}

/** The date of the next audit: 上次审核日期 + the cycle of the supplier's 分类. */
export function auditDue(supplier: Supplier, params: Parameters): IsoDate | undefined {
  if (!supplier.category || !supplier.lastAudit) return undefined
  return addMonths(supplier.lastAudit, parameter(params, `supplierAuditMonths.${supplier.category}`))
}

export function supplierFacts(supplier: Supplier, params: Parameters, today: IsoDate): Facts {
  const certified = CERTIFIED.has(supplier.certification)
  const active = supplier.status !== '淘汰'
  const audited = AUDITED.has(supplier.status) && supplier.category !== undefined
  const due = auditDue(supplier, params)
  const months = supplier.category ? parameter(params, `supplierAuditMonths.${supplier.category}`) : undefined
  const notice = parameter(params, 'supplierCertNoticeDays')
  return {
    recordType: 'supplier',
    supplierId: supplier.id,
    supplierName: supplierLabel(supplier, supplier.id),
    status: supplier.status,
    certification: supplier.certification || '未填',
    certified,
    certExpiry: supplier.certExpiry ?? null,
    daysToCertExpiry:
      certified && active && supplier.certExpiry ? daysBetween(today, supplier.certExpiry) : undefined,
    certNoticeDays: notice,
    certNoticeFrom: supplier.certExpiry ? addDays(supplier.certExpiry, -notice) : null,
    category: supplier.category ?? '',
    lastAudit: supplier.lastAudit ?? null,
    auditMonths: months ?? null,
    auditDue: audited ? (due ?? null) : null,
    // Never audited: due at once.
    daysPastAuditDue: audited ? (due ? daysBetween(due, today) : 0) : undefined,
    auditNote: audited
      ? supplier.lastAudit
        ? `上次审核 ${supplier.lastAudit}，${supplier.category} 类每 ${months} 个月审核一次，应于 ${due} 再审核`
        : '没有审核记录（“上次审核日期”未填）'
      : '',
  }
}

const SUBMITTED = new Set(['已提交', '批准', '临时批准', '拒收'])

export function ppapFacts(ppap: PpapSubmission, params: Parameters, today: IsoDate): Facts {
  const submitted = ppap.submittedDate !== undefined || SUBMITTED.has(ppap.status)
  const interim = ppap.status === '临时批准' && ppap.interimUntil !== undefined
  return {
    recordType: 'ppap',
    part: ppap.part || '（未填零件号）',
    supplierName: supplierLabel(ppap.supplier, ppap.supplierId),
    level: ppap.level,
    status: ppap.status || '未填',
    submitted,
    requiredDate: ppap.requiredDate ?? null,
    daysPastRequired: !submitted && ppap.requiredDate ? daysBetween(ppap.requiredDate, today) : undefined,
    missingCount: submitted ? ppap.missing.length : undefined,
    missingElements: ppap.missing
      .map((element) => `${element} ${PPAP_ELEMENT_NAMES.get(element) ?? ''}`.trim())
      .join('、'),
    missingList: formatElements(ppap.missing),
    requiredList: formatElements(ppap.required),
    submittedList: formatElements(ppap.submitted),
    requiredOverridden: ppap.requiredOverridden,
    interimUntil: ppap.interimUntil ?? null,
    daysToInterimEnd: interim && ppap.interimUntil ? daysBetween(today, ppap.interimUntil) : undefined,
    interimNoticeDays: parameter(params, 'ppapInterimNoticeDays'),
    interimNoticeFrom: ppap.interimUntil
      ? addDays(ppap.interimUntil, -parameter(params, 'ppapInterimNoticeDays'))
      : null,
    volumeUnapproved: ppap.volume && ppap.status !== '批准' && ppap.status !== '临时批准',
  }
}

export function ratingFacts(
  rating: Rating,
  streak: LowStreak | undefined,
  history: RatingHistory | undefined,
  params: Parameters,
): Facts {
  const previous = streak?.previous ?? history?.previous
  return {
    recordType: 'rating',
    supplierName: supplierLabel(rating.supplier, rating.supplierId),
    month: rating.month ? monthLabel(rating.month) : '',
    composite: rating.composite ?? null,
    grade: rating.grade ?? null,
    weightedAverage: rating.average ?? null,
    claimsInMonth: rating.claims,
    claimDeduction: rating.deduction ?? null,
    counted: rating.counted,
    latestMonth: history?.latest ? monthLabel(history.latest) : '',
    previousMonth: rating.month ? monthLabel(previousMonth(rating.month)) : '',
    previousComposite: previous?.composite ?? null,
    previousRow: previous?.row ?? null,
    lowStreak: streak !== undefined,
    lowScore: parameter(params, 'supplierLowScore'),
  }
}

const REPLIED = new Set(['已回复', '已结案'])

export function claimFacts(claim: Claim, calendar: Calendar, params: Parameters, today: IsoDate): Facts {
  const replied = claim.replyDate !== undefined || REPLIED.has(claim.status)
  return {
    recordType: 'claim',
    claimId: claim.id,
    supplierName: supplierLabel(claim.supplier, claim.supplierId),
    occurred: claim.date ?? null,
    status: claim.status || '未填',
    replyDate: claim.replyDate ?? null,
    deadline: claim.deadline ?? null,
    replied,
    daysPastDeadline: !replied && claim.deadline ? daysBetween(claim.deadline, today) : undefined,
    workingDaysWaiting: !replied && claim.date ? calendar.workingDaysBetween(claim.date, today) : undefined,
    replyWorkingDays: parameter(params, 'claimReplyWorkingDays'),
  }
}
