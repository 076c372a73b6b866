/**
 * After-sales service (客户管理制度 第六–二十条): the requests of 服务登记簿 with their dispatch deadline,
 * and the customer surveys of 客户意见调查 filed under them, with the facts the SERVICE_* and
 * COMPLAINT_ESCALATE rules read.
 *
 * 客户信息保密管理制度: the register's 地址 and 电话 are read by nobody here but the dispatch list,
 * which shows the phone masked; no fact carries either.
 */
import type { Calendar } from '../../core/calendar'
import { addDays, daysBetween, type IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import type { LedgerContext } from '../../core/ledger'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import { cellProblem, type ReadResult } from '../../core/table'
import { firstById, idKey } from '../../core/text'
import { SERVICES, SURVEYS } from './tabs'

const SERVICE_FIELDS = recordFields(SERVICES)
const SURVEY_FIELDS = recordFields(SURVEYS)

/** The four items a customer rates (第十七条), as the survey's headers. */
export const RATING_ITEMS = ['态度', '技术', '到达时间', '承诺事项'] as const
export type RatingItem = (typeof RATING_ITEMS)[number]

/** 第十七条: 非常满意、满意、一般、较差, scored 4 … 1 (SPEC §3). */
export const RATING_SCORES: Readonly<Record<string, number>> = { 非常满意: 4, 满意: 3, 一般: 2, 较差: 1 }

/** One row of 服务登记簿. */
export interface ServiceRequest {
  /** 1-based sheet row. */
  readonly row: number
  /** 服务编号 */
  readonly id: string
  readonly customerName: string
  /** Undefined when blank or not a date (a DATA_INVALID finding of the table reader). */
  readonly registered: IsoDate | undefined
  /** 派工日期: set when the request was dispatched, even on a date that cannot be right. */
  readonly dispatchDate: IsoDate | undefined
  /** False when 派工日期 lies before 登记日期: whether it was in time is not judged. */
  readonly dispatchDateValid: boolean
  readonly completionDate: IsoDate | undefined
  readonly staff: string
  readonly signed: boolean
  readonly remote: boolean
  readonly remoteApproved: boolean
  /** The n-th working day after 登记日期 (parameter 派工期限(工作日), default 1). */
  readonly dispatchDeadline: IsoDate | undefined
}

/** One row of 客户意见调查. */
export interface Survey {
  readonly row: number
  /** 调查编号 */
  readonly id: string
  /** '' when blank. */
  readonly serviceId: string
  /** The request it rates; undefined when 服务编号 is blank or not in the register. */
  readonly service: ServiceRequest | undefined
  /** 服务人员 of the survey, else of the service. */
  readonly staff: string
  readonly date: IsoDate | undefined
  /** Scores 4 … 1 by item; an item left blank or rated outside the four levels is absent. */
  readonly ratings: Readonly<Partial<Record<RatingItem, number>>>
  /** 建议或抱怨, '' when none. */
  readonly complaint: string
  /** 严重程度: 一般 or 严重, '' when blank. */
  readonly severity: string
  readonly severe: boolean
  readonly handling: string
  readonly customerToldDate: IsoDate | undefined
}

export interface ServiceLedger {
  readonly services: readonly ServiceRequest[]
  readonly surveys: readonly Survey[]
  /** DATA_INVALID findings across the two tabs (dates out of order, unknown 服务编号). */
  readonly findings: readonly Finding[]
}

/** The register and its surveys, or undefined when the workbook keeps no 服务登记簿. */
export function readServices(context: LedgerContext): ServiceLedger | undefined {
  const services = context.tabs.read(SERVICES)
  if (!services) return undefined
  const surveys = context.tabs.require(SURVEYS, '每次服务后的客户意见调查记在这里（客户管理制度 第十六条）')
  return buildServiceLedger(services, surveys, context.calendar, context.params)
}

export function buildServiceLedger(
  services: ReadResult,
  surveys: ReadResult | undefined,
  calendar: Calendar,
  params: Parameters,
): ServiceLedger {
  const findings: Finding[] = []
  const dispatchWorkingDays = parameter(params, 'dispatchWorkingDays')
  const { date, text } = SERVICE_FIELDS
  const requests = services.records.map((record): ServiceRequest => {
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(SERVICES.name, services.columns, record, header, message))
    }
    const registered = date(record, '登记日期')
    const dispatchDate = date(record, '派工日期')
    const completionDate = date(record, '完成日期')
    let dispatchDateValid = true
    if (registered && dispatchDate && dispatchDate < registered) {
      problem(
        '派工日期',
        `的值 ${dispatchDate} 早于登记日期 ${registered}，请核对日期；暂按已派工、不判断是否及时`,
      )
      dispatchDateValid = false
    }
    if (dispatchDate && completionDate && completionDate < dispatchDate) {
      problem('完成日期', `的值 ${completionDate} 早于派工日期 ${dispatchDate}，请核对日期`)
    }
    return {
      row: record.row,
      id: record.key,
      customerName: text(record, '客户名称'),
      registered,
      dispatchDate,
      dispatchDateValid,
      completionDate,
      staff: text(record, '服务人员'),
      signed: text(record, '客户签字') === '是',
      remote: text(record, '异地服务') === '是',
      remoteApproved: text(record, '异地申请已批准') === '是',
      dispatchDeadline: registered ? calendar.addWorkingDays(registered, dispatchWorkingDays) : undefined,
    }
  })
  // 服务编号 compare as ids (idKey): fw-009 in 客户意见调查 is the service FW-009.
  const byId = firstById(requests, (request) => request.id)
  return { services: requests, surveys: readSurveys(surveys, byId, findings), findings }
}

function readSurveys(
  surveys: ReadResult | undefined,
  services: ReadonlyMap<string, ServiceRequest>,
  findings: Finding[],
): Survey[] {
  if (!surveys) return []
  const { date, text } = SURVEY_FIELDS
  return surveys.records.map((record): Survey => {
    const serviceId = text(record, '服务编号')
    const service = services.get(idKey(serviceId))
    if (serviceId !== '' && service === undefined) {
      findings.push(
        cellProblem(
          SURVEYS.name,
          surveys.columns,
          record,
          '服务编号',
          `的值“${serviceId}”在“${SERVICES.name}”中不存在，请核对服务编号`,
        ),
      )
    }
    const ratings: Partial<Record<RatingItem, number>> = {}
    for (const item of RATING_ITEMS) {
      // A rating outside the four levels is already a DATA_INVALID finding and reads as blank.
      const score = RATING_SCORES[text(record, item)]
      if (score !== undefined) ratings[item] = score
    }
    return {
      row: record.row,
      id: record.key,
      serviceId,
      service,
      staff: text(record, '服务人员') || (service?.staff ?? ''),
      date: date(record, '日期'),
      ratings,
      complaint: text(record, '建议或抱怨'),
      severity: text(record, '严重程度'),
      severe: text(record, '严重程度') === '严重',
      handling: text(record, '处理结果'),
      customerToldDate: date(record, '告知客户日期'),
    }
  })
}

/**
 * The date a survey counts on in 服务评分 and the annual report: its 日期, or without one the day its
 * service was completed.
 */
export function surveyDate(survey: Survey): IsoDate | undefined {
  return survey.date ?? survey.service?.completionDate
}

/** Waiting for dispatch: registered, neither dispatched nor completed. */
export function awaitsDispatch(service: ServiceRequest): boolean {
  return service.registered !== undefined && service.dispatchDate === undefined && !service.completionDate
}

function customerLabel(service: ServiceRequest | undefined): string {
  return service?.customerName || service?.id || '（未填客户名称）'
}

/** The facts the SERVICE_* rules read for a request of 服务登记簿. */
export function serviceFacts(
  service: ServiceRequest,
  surveyed: ReadonlySet<string>,
  calendar: Calendar,
  params: Parameters,
  today: IsoDate,
): Facts {
  const deadline = service.dispatchDeadline
  const awaiting = awaitsDispatch(service) && service.registered !== undefined && service.registered <= today
  const judgedDispatch = service.dispatchDateValid ? service.dispatchDate : undefined
  const surveyDays = parameter(params, 'surveyDays')
  const surveyDue = service.completionDate ? addDays(service.completionDate, surveyDays) : undefined
  return {
    recordType: 'service',
    serviceId: service.id,
    customerName: customerLabel(service),
    registered: service.registered ?? null,
    deadline: deadline ?? null,
    dispatchDate: service.dispatchDate ?? null,
    awaitingDispatch: awaiting,
    daysPastDeadline: awaiting && deadline ? daysBetween(deadline, today) : undefined,
    workingDaysWaiting:
      awaiting && service.registered ? calendar.workingDaysBetween(service.registered, today) : undefined,
    dispatchDaysLate: deadline && judgedDispatch ? daysBetween(deadline, judgedDispatch) : undefined,
    remote: service.remote,
    remoteApproved: service.remoteApproved,
    completed: service.completionDate !== undefined,
    completionDate: service.completionDate ?? null,
    signed: service.signed,
    surveyed: surveyed.has(idKey(service.id)),
    surveyDue: surveyDue ?? null,
    daysPastSurveyDue: surveyDue ? daysBetween(surveyDue, today) : undefined,
    surveyDays,
  }
}

/** The facts COMPLAINT_ESCALATE reads for a survey: two conditions, not a timer (第十八条). */
export function surveyFacts(survey: Survey): Facts {
  const missing = [
    ...(survey.handling === '' ? ['处理（处理结果）'] : []),
    ...(survey.customerToldDate === undefined ? ['函告客户（告知客户日期）'] : []),
  ]
  return {
    recordType: 'survey',
    surveyId: survey.id,
    serviceId: survey.serviceId || '未填',
    customerName: customerLabel(survey.service),
    severe: survey.severe,
    complaintClosed: missing.length === 0,
    missing: missing.join('、'),
  }
}

/** The 服务编号 (as idKey) that have at least one survey. */
export function surveyedServices(surveys: readonly Survey[]): Set<string> {
  return new Set(surveys.map((survey) => idKey(survey.serviceId)).filter((id) => id !== ''))
}
