/**
 * Customer visits (客户走访记录, 附录3) with the customer's questions and the company's answers
 * (意见与答复, 附录4): each visit's 答复期限 and the facts the VISIT_* rules read.
 *
 * `readVisits(context)` is also how the reply letter reads a visit: every visit of the workbook with
 * its questions in letter order (by 序号, then by row).
 */

import { type Calendar, yearList } from '../../core/calendar'
import { addDays, daysBetween, type IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import type { LedgerContext } from '../../core/ledger'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import { cellProblem, type ReadResult } from '../../core/table'
import { clipQuoted, idKey } from '../../core/text'
import { VISIT_QUESTIONS, VISITS } from './tabs'

const VISIT_FIELDS = recordFields(VISITS)
const QUESTION_FIELDS = recordFields(VISIT_QUESTIONS)

/** One row of 意见与答复. */
export interface VisitQuestion {
  /** 1-based sheet row in 意见与答复. */
  readonly row: number
  /** 序号, when filled in. */
  readonly number: number | undefined
  readonly question: string
  /** '' while the question is not answered yet. */
  readonly answer: string
  readonly answeredBy: string
}

/** One row of 客户走访记录 with its questions. */
export interface Visit {
  /** 1-based sheet row in 客户走访记录. */
  readonly row: number
  /** 走访编号 */
  readonly id: string
  readonly customerId: string
  readonly customerName: string
  /** Undefined when the cell is blank or not a date (a DATA_INVALID finding). */
  readonly visitDate: IsoDate | undefined
  /** 走访 or 电话 */
  readonly method: string | undefined
  readonly visitor: string
  readonly replyDate: IsoDate | undefined
  /** 答复单: the letter's link or file name, '' when none. */
  readonly replyDocument: string
  /** The n-th working day after 走访日期 (parameter 答复期限(工作日), default 5). */
  readonly replyDeadline: IsoDate | undefined
  /** Years the deadline was counted over without holiday data (Monday–Friday assumed). */
  readonly uncoveredYears: readonly number[]
  /** In letter order: by 序号, then by row; questions without 序号 last. */
  readonly questions: readonly VisitQuestion[]
}

export interface VisitLedger {
  readonly visits: readonly Visit[]
  /** DATA_INVALID findings across the two tabs (unknown 走访编号, a reply before the visit, …). */
  readonly findings: readonly Finding[]
}

/** The visits of the workbook with their questions, or undefined when it keeps no 客户走访记录. */
export function readVisits(context: LedgerContext): VisitLedger | undefined {
  const visits = context.tabs.read(VISITS)
  if (!visits) return undefined
  const questions = context.tabs.require(VISIT_QUESTIONS, '走访中客户提出的意见和公司的答复记在这里')
  return buildVisitLedger(visits, questions, context.calendar, context.params)
}

export function buildVisitLedger(
  visits: ReadResult,
  questions: ReadResult | undefined,
  calendar: Calendar,
  params: Parameters,
): VisitLedger {
  const findings: Finding[] = []
  const knownIds = new Set(visits.records.map((record) => idKey(record.key)).filter((id) => id !== ''))
  const questionsByVisit = collectQuestions(questions, knownIds, findings)
  const replyWorkingDays = parameter(params, 'replyWorkingDays')

  const { date, optionalText, text } = VISIT_FIELDS
  const built = visits.records.map((record): Visit => {
    const visitDate = date(record, '走访日期')
    let replyDate = date(record, '答复日期')
    if (visitDate && replyDate && replyDate < visitDate) {
      findings.push(
        cellProblem(
          VISITS.name,
          visits.columns,
          record,
          '答复日期',
          `的值 ${replyDate} 早于走访日期 ${visitDate}，请核对日期；暂按未答复计算`,
        ),
      )
      replyDate = undefined
    }
    const replyDeadline = visitDate ? calendar.addWorkingDays(visitDate, replyWorkingDays) : undefined
    // A late reply's count of days is read off the calendar too: its years count as well.
    const countedUntil = replyDeadline && replyDate && replyDate > replyDeadline ? replyDate : replyDeadline
    return {
      row: record.row,
      id: record.key,
      customerId: text(record, '客户编号'),
      customerName: text(record, '客户名称'),
      visitDate,
      method: optionalText(record, '走访方式'),
      visitor: text(record, '走访人'),
      replyDate,
      replyDocument: text(record, '答复单'),
      replyDeadline,
      uncoveredYears:
        visitDate && countedUntil ? calendar.uncoveredYears(addDays(visitDate, 1), countedUntil) : [],
      questions: questionsByVisit.get(idKey(record.key)) ?? [],
    }
  })
  return { visits: built, findings }
}

function collectQuestions(
  questions: ReadResult | undefined,
  knownIds: ReadonlySet<string>,
  findings: Finding[],
): Map<string, VisitQuestion[]> {
  const byVisit = new Map<string, VisitQuestion[]>()
  const { integer, text } = QUESTION_FIELDS
  const numberRows = new Map<string, number>()
  for (const record of questions?.records ?? []) {
    const visitId = idKey(text(record, '走访编号'))
    const typedId = text(record, '走访编号')
    if (visitId === '') continue // already a DATA_INVALID finding: 走访编号 is required
    const problem = (header: string, message: string): void => {
      findings.push(
        cellProblem(VISIT_QUESTIONS.name, questions?.columns ?? new Map(), record, header, message),
      )
    }
    if (!knownIds.has(visitId)) {
      problem('走访编号', `的值“${clipQuoted(typedId)}”在“${VISITS.name}”中不存在，请核对走访编号`)
      continue
    }
    const number = integer(record, '序号')
    if (number !== undefined) {
      const first = numberRows.get(`${visitId}\u0000${number}`)
      if (first !== undefined) {
        problem('序号', `的值 ${number} 与第 ${first} 行重复（同一次走访），请为每个问题编不同的序号`)
      } else {
        numberRows.set(`${visitId}\u0000${number}`, record.row)
      }
    }
    const list = byVisit.get(visitId) ?? []
    list.push({
      row: record.row,
      number,
      question: text(record, '问题'),
      answer: text(record, '答复'),
      answeredBy: text(record, '答复人'),
    })
    byVisit.set(visitId, list)
  }
  for (const list of byVisit.values()) list.sort(letterOrder)
  return byVisit
}

function letterOrder(a: VisitQuestion, b: VisitQuestion): number {
  const byNumber = (a.number ?? Number.POSITIVE_INFINITY) - (b.number ?? Number.POSITIVE_INFINITY)
  return Number.isNaN(byNumber) || byNumber === 0 ? a.row - b.row : byNumber
}

/** The facts the VISIT_* rules and CALENDAR_UNKNOWN read. */
export function visitFacts(visit: Visit, calendar: Calendar, params: Parameters, today: IsoDate): Facts {
  const deadline = visit.replyDeadline
  const replied = visit.replyDate !== undefined
  // Without a reply: how far today is past the deadline, or how many working days are left.
  const openDeadline = replied ? undefined : deadline
  const workingDaysLeft =
    openDeadline !== undefined && today <= openDeadline
      ? calendar.workingDaysBetween(today, openDeadline)
      : undefined
  const coverage = calendar.coverage()
  return {
    customerName: visit.customerName || visit.customerId || '（未填客户名称）',
    visitDate: visit.visitDate ?? null,
    replyDeadline: deadline ?? null,
    replyDate: visit.replyDate ?? null,
    replied,
    daysPastDeadline: openDeadline === undefined ? undefined : daysBetween(openDeadline, today),
    workingDaysLeft,
    deadlineCountdown:
      workingDaysLeft === undefined
        ? null
        : workingDaysLeft === 0
          ? '今天到期'
          : `还剩 ${workingDaysLeft} 个工作日`,
    daysLate:
      deadline !== undefined && visit.replyDate !== undefined
        ? daysBetween(deadline, visit.replyDate)
        : undefined,
    calendarUnknown: visit.uncoveredYears.length > 0,
    unknownYears: yearList(visit.uncoveredYears),
    coveredYears: coverage ? `${coverage.first}–${coverage.last} 年` : '无',
    replyWorkingDays: params.replyWorkingDays,
    replyReminderWorkingDays: params.replyReminderWorkingDays,
  }
}
