/**
 * 顾客满意度调查分析报告 (客户档案管理制度 6; 客户管理制度 第十四–二十条): a year's surveys counted by
 * item and level, the share satisfied (非常满意 + 满意), the trend by month, and every complaint with
 * its handling. A pure model of 客户意见调查 and 服务登记簿: the application writes it as a tab, the
 * hosts chart its months.
 *
 * A survey counts in the year of its 日期, or without one of its service's 完成日期 (as in 服务评分).
 * 客户信息保密管理制度: a complaint row names the customer, never the register's 电话 or 地址.
 */
import { dateCell, type OutputCell } from '../../core/cells'
import { type IsoDate, monthsOfYear } from '../../core/dates'
import { templateRow } from '../../core/template'
import { idKey } from '../../core/text'
import {
  RATING_ITEMS,
  RATING_SCORES,
  type ServiceLedger,
  type Survey,
  surveyDate,
  surveyedServices,
} from './services'
import { SATISFACTION_REPORT } from './tabs'

/** The four levels, best first (第十七条). */
export const LEVELS = ['非常满意', '满意', '一般', '较差'] as const
export type Level = (typeof LEVELS)[number]

const LEVEL_OF_SCORE = new Map<number, Level>(LEVELS.map((level) => [RATING_SCORES[level] ?? 0, level]))

/** Ratings counted by level, with what follows from them. */
export interface RatingTally {
  readonly surveys: number
  readonly counts: Readonly<Record<Level, number>>
  /** Ratings given (each survey rates up to four items). */
  readonly ratings: number
  /** (非常满意 + 满意) ÷ ratings in %, one decimal; null without ratings. */
  readonly satisfiedPercent: number | null
  /** Average score 4 … 1, two decimals; null without ratings. */
  readonly average: number | null
}

export interface ReportComplaint {
  readonly surveyId: string
  readonly date: IsoDate | undefined
  readonly serviceId: string
  readonly customerName: string
  readonly staff: string
  /** 一般 / 严重, '' when not given. */
  readonly severity: string
  readonly complaint: string
  readonly handling: string
  readonly customerToldDate: IsoDate | undefined
}

export interface SatisfactionReport {
  readonly year: number
  readonly overall: RatingTally
  readonly byItem: readonly { readonly item: string; readonly tally: RatingTally }[]
  /** January … December; a month without surveys has an empty tally. */
  readonly byMonth: readonly { readonly month: string; readonly tally: RatingTally }[]
  /** Services completed in the year, and how many of them have a survey. */
  readonly completedServices: number
  readonly surveyedServices: number
  readonly complaints: readonly ReportComplaint[]
}

function tally(surveys: readonly Survey[], items: readonly (typeof RATING_ITEMS)[number][]): RatingTally {
  const counts: Record<Level, number> = { 非常满意: 0, 满意: 0, 一般: 0, 较差: 0 }
  let total = 0
  let ratings = 0
  for (const survey of surveys) {
    for (const item of items) {
      const score = survey.ratings[item]
      const level = score === undefined ? undefined : LEVEL_OF_SCORE.get(score)
      if (score === undefined || level === undefined) continue
      counts[level] += 1
      total += score
      ratings += 1
    }
  }
  return {
    surveys: surveys.filter((survey) => items.some((item) => survey.ratings[item] !== undefined)).length,
    counts,
    ratings,
    satisfiedPercent:
      ratings === 0 ? null : Math.round(((counts.非常满意 + counts.满意) / ratings) * 1000) / 10,
    average: ratings === 0 ? null : Math.round((total / ratings) * 100) / 100,
  }
}

export function satisfactionReport(ledger: ServiceLedger, year: number): SatisfactionReport {
  const inYear = (date: IsoDate | undefined): date is IsoDate => date?.slice(0, 4) === String(year)
  const surveys = ledger.surveys.filter((survey) => inYear(surveyDate(survey)))
  const completed = ledger.services.filter((service) => inYear(service.completionDate))
  const surveyed = surveyedServices(ledger.surveys)
  const months = monthsOfYear(year)
  return {
    year,
    overall: tally(surveys, RATING_ITEMS),
    byItem: RATING_ITEMS.map((item) => ({ item, tally: tally(surveys, [item]) })),
    byMonth: months.map((month) => ({
      month,
      tally: tally(
        surveys.filter((survey) => surveyDate(survey)?.startsWith(month)),
        RATING_ITEMS,
      ),
    })),
    completedServices: completed.length,
    surveyedServices: completed.filter((service) => surveyed.has(idKey(service.id))).length,
    complaints: surveys
      .filter((survey) => survey.complaint !== '' || survey.severity !== '')
      .map((survey) => ({
        surveyId: survey.id,
        date: surveyDate(survey),
        serviceId: survey.serviceId,
        customerName: survey.service?.customerName ?? '',
        staff: survey.staff,
        severity: survey.severity,
        complaint: survey.complaint,
        handling: survey.handling,
        customerToldDate: survey.customerToldDate,
      })),
  }
}

/** One line for 操作日志 and the command's last line. */
export function satisfactionSummary(report: SatisfactionReport): string {
  const { overall } = report
  const open = report.complaints.filter((c) => c.handling === '' || c.customerToldDate === undefined).length
  return [
    `${report.year} 年收回调查 ${overall.surveys} 份`,
    `满意率 ${overall.satisfiedPercent === null ? '—' : `${overall.satisfiedPercent}%`}`,
    `平均分 ${overall.average ?? '—'}`,
    `抱怨 ${report.complaints.length} 条（未处理完毕 ${open} 条）`,
  ].join('，')
}

function tallyCells(value: RatingTally): Record<string, OutputCell> {
  return {
    调查份数: value.surveys,
    ...value.counts,
    评分数: value.ratings,
    '满意率(%)': value.satisfiedPercent,
    平均分: value.average,
  }
}

function complaintNote(complaint: ReportComplaint): string {
  const who = [complaint.customerName, complaint.staff === '' ? '' : `服务人员 ${complaint.staff}`]
    .filter((part) => part !== '')
    .join('，')
  return [
    `${complaint.date ?? ''} 服务 ${complaint.serviceId || '（未填）'}${who === '' ? '' : `（${who}）`}`,
    `${complaint.severity || '未分级'}：${complaint.complaint || '（未填写内容）'}`,
    `处理结果：${complaint.handling || '尚未处理'}`,
    `告知客户：${complaint.customerToldDate ?? '尚未告知'}`,
  ].join('；')
}

/**
 * The sheet rows (1-based, the header is row 1) that hold January … December in the tab written by
 * `satisfactionReportRows`: after 概况 and one row per item. The Sheets chart reads them.
 */
export const MONTH_ROWS = { first: 2 + 1 + RATING_ITEMS.length, count: 12 } as const

/** The rows of 顾客满意度调查分析报告, in the template's column order. */
export function satisfactionReportRows(report: SatisfactionReport, today: IsoDate): OutputCell[][] {
  const row = (fields: Record<string, OutputCell>): OutputCell[] =>
    templateRow(SATISFACTION_REPORT, { ...fields, 生成日期: dateCell(today) }) as OutputCell[]
  const coverage =
    report.completedServices === 0
      ? '本年没有完成的服务'
      : `本年完成服务 ${report.completedServices} 次，其中 ${report.surveyedServices} 次已收回调查（${Math.round((report.surveyedServices / report.completedServices) * 1000) / 10}%）`
  return [
    row({ 部分: '概况', 项目: `${report.year} 年`, ...tallyCells(report.overall), 说明: coverage }),
    ...report.byItem.map(({ item, tally: value }) =>
      row({
        部分: '按项目',
        项目: item === '承诺事项' ? '承诺事项（答应事项的办理）' : item,
        ...tallyCells(value),
      }),
    ),
    ...report.byMonth.map(({ month, tally: value }) =>
      row({
        部分: '按月份',
        项目: month,
        ...tallyCells(value),
        说明: value.surveys === 0 ? '本月没有调查' : null,
      }),
    ),
    ...report.complaints.map((complaint) =>
      row({ 部分: '抱怨处理', 项目: complaint.surveyId, 说明: complaintNote(complaint) }),
    ),
  ]
}
