/**
 * 渠道报备 (分销商客户管理规定 2): each distributor's report of a customer, read into the reports the
 * attribution decides, with the problems only this ledger sees (a phone that is no phone number, a
 * visit before its report). A report with a bad cell is left undecided and the rest of the ledger is
 * still decided.
 *
 * 客户信息保密管理制度: the phone number is compared in full and shown masked (maskPhone) in every
 * text this module makes.
 */
import { daysBetween, type IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import { type Parameters, parameter } from '../../core/parameters'
import { maskPhone } from '../../core/privacy'
import type { Facts } from '../../core/rules/facts'
import { cellProblem, type ReadResult, showDateTime } from '../../core/table'
import {
  type AttributionTerms,
  attribute,
  type LeadReport,
  type Locality,
  normalizePhone,
  type Verdict,
} from './attribution'
import { LEADS } from './tabs'

const FIELDS = recordFields(LEADS)

/** The cells a verdict is made of: a bad one leaves the report undecided. */
const DECIDING_HEADERS = [
  '报备编号',
  '分销商',
  '客户电话',
  '报备时间',
  '客户属地',
  '到访时间',
  '大客户',
  '延期已批准',
  '网签日期',
]

/** One row of 渠道报备. */
export interface Lead {
  /** 1-based sheet row. */
  readonly row: number
  /** 报备编号 */
  readonly id: string
  readonly distributor: string
  readonly customerName: string
  /** The phone as the tool may show it: 138****1234. */
  readonly maskedPhone: string
  readonly signedOn: IsoDate | undefined
  /** Undefined when a cell the verdict needs is bad (its DATA_INVALID finding says which). */
  readonly report: LeadReport | undefined
  readonly verdict: Verdict | undefined
  /**
   * 回访抽样 found the customer was not brought by this distributor (回访结果 非该渠道导客): a
   * 违约报备, whose commission is refused.
   */
  readonly violation?: boolean
}

export interface LeadLedger {
  readonly leads: readonly Lead[]
  /** DATA_INVALID findings the tab reader cannot see. */
  readonly findings: readonly Finding[]
}

export function attributionTerms(params: Parameters): AttributionTerms {
  return {
    localLeadMinutes: parameter(params, 'localLeadHours') * 60,
    remoteLeadMinutes: parameter(params, 'remoteLeadHours') * 60,
    unvisitedDays: parameter(params, 'unvisitedProtectionDays'),
    visitedDays: parameter(params, 'visitedProtectionDays'),
    bulkExtensionDays: parameter(params, 'bulkExtensionDays'),
  }
}

export function readLeads(table: ReadResult, params: Parameters): LeadLedger {
  const { date, dateTime, optionalText, text } = FIELDS
  const findings: Finding[] = []
  const read = table.records.map((record) => {
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(LEADS.name, table.columns, record, header, message))
    }
    const rawPhone = text(record, '客户电话')
    const phone = rawPhone === '' ? undefined : normalizePhone(rawPhone)
    if (rawPhone !== '' && phone === undefined)
      problem(
        '客户电话',
        '不是有效的电话号码（内容属保密信息，此处不显示）：手机号应为 11 位数字，座机号码前要带区号（如 010、0755）',
      )
    const reportedAt = dateTime(record, '报备时间')
    const visitedAt = dateTime(record, '到访时间')
    const visitBeforeReport = reportedAt !== undefined && visitedAt !== undefined && visitedAt < reportedAt
    if (visitBeforeReport)
      problem(
        '到访时间',
        `（${showDateTime(visitedAt)}）早于报备时间（${showDateTime(reportedAt)}），请核对这两个时间`,
      )
    // The first row of an id keeps it; the table reader reports the later ones.
    const duplicateId = record.duplicateOf !== undefined
    const decidable =
      record.key !== '' &&
      !duplicateId &&
      phone !== undefined &&
      reportedAt !== undefined &&
      !visitBeforeReport &&
      text(record, '分销商') !== '' &&
      optionalText(record, '客户属地') !== undefined &&
      DECIDING_HEADERS.every((header) => !record.invalid.has(header))
    const report: LeadReport | undefined =
      decidable && phone !== undefined && reportedAt !== undefined
        ? {
            row: record.row,
            id: record.key,
            distributor: text(record, '分销商'),
            phone,
            reportedAt,
            locality: text(record, '客户属地') as Locality,
            visitedAt,
            bulkApproved: text(record, '大客户') === '是' && text(record, '延期已批准') === '是',
            signedOn: date(record, '网签日期'),
          }
        : undefined
    return {
      row: record.row,
      id: record.key,
      distributor: text(record, '分销商'),
      customerName: text(record, '客户姓名'),
      maskedPhone: phone === undefined ? '' : maskPhone(phone),
      signedOn: date(record, '网签日期'),
      report,
    }
  })
  const reports = read.flatMap((lead) => (lead.report ? [lead.report] : []))
  const verdicts = new Map(
    attribute(reports, attributionTerms(params)).map((verdict, index) => [reports[index], verdict]),
  )
  const leads = read.map((lead): Lead => ({ ...lead, verdict: lead.report && verdicts.get(lead.report) }))
  return { leads, findings }
}

function duration(minutes: number): string {
  if (minutes <= 0) return '0 分钟'
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} 分钟`
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`
}

/** The report's verdict as the 归属结论 cell says it. */
export function conclusion(lead: Lead, params: Parameters, today: IsoDate): string {
  const verdict = lead.verdict
  const report = lead.report
  if (!verdict || !report) return '未判定：请先改正本行标出的单元格'
  if (lead.violation && verdict.kind === 'valid')
    return `违约报备：回访客户称非该渠道导客，拒付佣金（原应 ${verdict.commissionMonth} 提报）`
  switch (verdict.kind) {
    case 'duplicate':
      return `重复报备：已由报备 ${verdict.blockedBy.id}（${verdict.blockedBy.distributor}）保护至 ${verdict.blockedUntil}`
    case 'natural':
      return `自然到访：${naturalReason(report, verdict, params)}`
    case 'valid': {
      const until = verdict.protectedUntil
      const signed = report.signedOn
      if (verdict.commissionMonth)
        return `有效：归${report.distributor}，佣金 ${verdict.commissionMonth} 提报`
      if (signed !== undefined && signed > until)
        return `已过保护期：${signed} 网签时，归${report.distributor}的保护已于 ${until} 结束，不计佣金`
      if (signed !== undefined)
        return `不计佣金：网签日期 ${signed} 早于报备（${showDateTime(report.reportedAt)}）`
      return today > until
        ? `已过保护期：归${report.distributor}的保护已于 ${until} 结束，尚未网签`
        : `有效：归${report.distributor}，保护至 ${until}${verdict.bulkExtended ? '（大客户延期）' : ''}`
    }
  }
}

/** Why a visit is a natural one, as 归属结论 and LEAD_NATURAL_VISIT say it. */
function naturalReason(
  report: LeadReport,
  verdict: Extract<Verdict, { kind: 'natural' }>,
  params: Parameters,
): string {
  return verdict.reason === 'late'
    ? `报备只比到访早 ${duration(verdict.leadMinutes)}，${report.locality}客户须提前 ${duration(requiredLead(report, params))}报备`
    : `报备保护已于 ${verdict.protectedUntil} 结束，之后才到访`
}

function requiredLead(report: LeadReport, params: Parameters): number {
  const terms = attributionTerms(params)
  return report.locality === '本地' ? terms.localLeadMinutes : terms.remoteLeadMinutes
}

/** What 保护期至 holds: the last day the report protected its customer, if it ever did. */
export function protectedUntil(lead: Lead): IsoDate | undefined {
  const verdict = lead.verdict
  if (verdict?.kind === 'valid') return verdict.protectedUntil
  if (verdict?.kind === 'natural') return verdict.protectedUntil
  return undefined
}

/**
 * Whether a report still matters: a valid one inside its protection, or with its commission not
 * submitted yet. A report from a distributor the company no longer works with is flagged while it does.
 */
export function isOpen(lead: Lead, today: IsoDate): boolean {
  const verdict = lead.verdict
  if (verdict?.kind !== 'valid') return false
  return verdict.protectedUntil >= today || (verdict.commissionMonth ?? '') >= today.slice(0, 7)
}

/**
 * The facts the LEAD_* rules read; `inactiveDistributor` says why the report's distributor is not one
 * the company works with (分销商名录), if it is not.
 */
export function leadFacts(
  lead: Lead,
  params: Parameters,
  today: IsoDate,
  inactiveDistributor?: string,
): Facts {
  const verdict = lead.verdict
  const report = lead.report
  const until = verdict?.kind === 'valid' ? verdict.protectedUntil : undefined
  // Protection runs out only for a valid report not signed yet: a signed one has had its outcome.
  const daysLeft = until === undefined || lead.signedOn !== undefined ? undefined : daysBetween(today, until)
  return {
    distributorInactive: inactiveDistributor !== undefined && isOpen(lead, today),
    distributorProblem: inactiveDistributor ?? null,
    verdict: lead.violation ? 'violation' : (verdict?.kind ?? 'undecided'),
    commissionMonth: verdict?.kind === 'valid' ? (verdict.commissionMonth ?? null) : null,
    reportId: lead.id,
    distributor: lead.distributor,
    customerName: lead.customerName || '（未填姓名）',
    phone: lead.maskedPhone,
    reportedAt: report ? showDateTime(report.reportedAt) : null,
    signed: lead.signedOn !== undefined,
    protectedUntil: until ?? null,
    protectionDaysLeft: daysLeft,
    protectionCountdown: daysLeft === undefined ? null : daysLeft === 0 ? '今天到期' : `还剩 ${daysLeft} 天`,
    protectionReminderDays: parameter(params, 'protectionReminderDays'),
    blockingReport: verdict?.kind === 'duplicate' ? verdict.blockedBy.id : null,
    blockingDistributor: verdict?.kind === 'duplicate' ? verdict.blockedBy.distributor : null,
    blockedUntil: verdict?.kind === 'duplicate' ? verdict.blockedUntil : null,
    naturalReason: verdict?.kind === 'natural' && report ? naturalReason(report, verdict, params) : null,
  }
}
