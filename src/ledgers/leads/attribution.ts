/**
 * Which distributor's report owns a customer, and until when (分销商客户管理规定 2). A pure function
 * of all the reports: the same ledger gives the same verdicts whatever the row order, except that two
 * reports made in the same minute are taken in row order.
 *
 * - A report is timely when it was made at least 1 hour (本地) or 24 hours (异地) before the first
 *   visit; a visit without a timely report is a natural visit (自然到访).
 * - Unvisited, a report protects its customer for 7 days counted from the day after it was made
 *   (2026-03-01 → 2026-03-08); a timely visit inside those days gives 45 days from the day after
 *   the visit, an approved bulk customer 45 more (90 in all).
 * - Customers are matched on the normalised phone number. A report made while an earlier report
 *   still protects the same number is a duplicate and protects nothing; once that protection has
 *   ended, a new report is valid again.
 * - A signing (网签) inside the owner's protection makes the commission due in the month after it.
 */
import { addDays, addMonths, type IsoDate, isoDateToSerial } from '../../core/dates'
import type { DateTime } from '../../core/table'
import { toHalfWidth } from '../../core/text'

export type Locality = '本地' | '异地'

/** A report whose every cell the attribution reads is valid. */
export interface LeadReport {
  /** 1-based sheet row: breaks ties between reports made in the same minute. */
  readonly row: number
  /** 报备编号 */
  readonly id: string
  readonly distributor: string
  /** The normalised phone number: what customers are matched on. Never shown unmasked. */
  readonly phone: string
  readonly reportedAt: DateTime
  readonly locality: Locality
  readonly visitedAt: DateTime | undefined
  /** 大客户 = 是 and 延期已批准 = 是 */
  readonly bulkApproved: boolean
  readonly signedOn: IsoDate | undefined
}

/** The day counts and lead times, from the 参数 tab. */
export interface AttributionTerms {
  readonly localLeadMinutes: number
  readonly remoteLeadMinutes: number
  readonly unvisitedDays: number
  readonly visitedDays: number
  readonly bulkExtensionDays: number
}

export type Verdict =
  | {
      readonly kind: 'valid'
      /** The last protected day. */
      readonly protectedUntil: IsoDate
      /** 45 days from a timely visit (or 90 for an approved bulk customer) rather than 7 unvisited. */
      readonly visited: boolean
      readonly bulkExtended: boolean
      /** `YYYY-MM`: the month after a signing inside protection. */
      readonly commissionMonth: string | undefined
    }
  | {
      readonly kind: 'duplicate'
      /** The report that protected the customer when this one was made. */
      readonly blockedBy: LeadReport
      readonly blockedUntil: IsoDate
    }
  | {
      readonly kind: 'natural'
      /** late: reported less than the lead time before the visit; lapsed: visited after the 7 days. */
      readonly reason: 'late' | 'lapsed'
      /** How long before the visit the report was made. */
      readonly leadMinutes: number
      /** lapsed: the last day the unvisited report protected. */
      readonly protectedUntil: IsoDate | undefined
    }

/**
 * A phone number as customers are matched on it: spaces, dashes, brackets, +86/0086 and full-width
 * digits removed. Undefined unless it is an 11-digit mobile number or a landline with its area code.
 */
export function normalizePhone(text: string): string | undefined {
  let digits = toHalfWidth(text).replace(/[\s\u3000\-‐‑–—()（）.]/g, '')
  digits = digits.replace(/^(?:\+|00)86/, '')
  if (/^1\d{10}$/.test(digits)) return digits
  // 010-62345678, 0755-8888123: a 3- or 4-digit area code and a 7- or 8-digit number
  if (/^0\d{9,11}$/.test(digits)) return digits
  return undefined
}

const MINUTES_PER_DAY = 1440

/** Minutes since 1899-12-30 00:00 in the workbook's time zone. */
export function minutesOf(time: DateTime): number {
  const date = dateOf(time)
  return (
    isoDateToSerial(date) * MINUTES_PER_DAY + Number(time.slice(11, 13)) * 60 + Number(time.slice(14, 16))
  )
}

export function dateOf(time: DateTime): IsoDate {
  return time.slice(0, 10) as IsoDate
}

/** `YYYY-MM` of the month after the date's month: 2026-12-05 → 2027-01. */
export function nextMonth(date: IsoDate): string {
  return addMonths(`${date.slice(0, 7)}-01` as IsoDate, 1).slice(0, 7)
}

/** The verdict of each report, in the order given. */
export function attribute(reports: readonly LeadReport[], terms: AttributionTerms): Verdict[] {
  const order = reports
    .map((report, index) => ({ report, index, at: minutesOf(report.reportedAt) }))
    .sort((a, b) => a.at - b.at || a.report.row - b.report.row)
  const verdicts: Verdict[] = new Array(reports.length)
  /** By phone: the report whose protection came last, and its last protected day. */
  const protecting = new Map<string, { report: LeadReport; until: IsoDate }>()
  for (const { report, index } of order) {
    const earlier = protecting.get(report.phone)
    if (earlier && dateOf(report.reportedAt) <= earlier.until) {
      verdicts[index] = { kind: 'duplicate', blockedBy: earlier.report, blockedUntil: earlier.until }
      continue
    }
    const verdict = ownVerdict(report, terms)
    verdicts[index] = verdict
    // A late report protects nothing; a lapsed one protected its customer for the unvisited days.
    const until = verdict.kind === 'duplicate' ? undefined : verdict.protectedUntil
    if (until === undefined) protecting.delete(report.phone)
    else protecting.set(report.phone, { report, until })
  }
  return verdicts
}

/** A report that no earlier report blocks. */
function ownVerdict(report: LeadReport, terms: AttributionTerms): Verdict {
  const reportDate = dateOf(report.reportedAt)
  const unvisitedUntil = addDays(reportDate, terms.unvisitedDays)
  if (report.visitedAt === undefined) return valid(report, unvisitedUntil, false, false)
  const leadMinutes = minutesOf(report.visitedAt) - minutesOf(report.reportedAt)
  const required = report.locality === '本地' ? terms.localLeadMinutes : terms.remoteLeadMinutes
  if (leadMinutes < required)
    return { kind: 'natural', reason: 'late', leadMinutes, protectedUntil: undefined }
  const visitDate = dateOf(report.visitedAt)
  // 7天内未到访时间不延长: a visit after the unvisited protection finds no report protecting it.
  if (visitDate > unvisitedUntil)
    return { kind: 'natural', reason: 'lapsed', leadMinutes, protectedUntil: unvisitedUntil }
  const visitedUntil = addDays(visitDate, terms.visitedDays)
  return report.bulkApproved
    ? valid(report, addDays(visitedUntil, terms.bulkExtensionDays), true, true)
    : valid(report, visitedUntil, true, false)
}

function valid(
  report: LeadReport,
  protectedUntil: IsoDate,
  visited: boolean,
  bulkExtended: boolean,
): Verdict {
  const signed = report.signedOn
  const inside = signed !== undefined && signed >= dateOf(report.reportedAt) && signed <= protectedUntil
  return {
    kind: 'valid',
    protectedUntil,
    visited,
    bulkExtended,
    commissionMonth: inside ? nextMonth(signed) : undefined,
  }
}
