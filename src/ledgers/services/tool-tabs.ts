/**
 * The two tool tabs of after-sales service: 今日派工, the department manager's morning list
 * (第十一条), and 服务评分, each staff member's ratings per month for the performance review
 * (第十五、十七条).
 */
import type { Calendar } from '../../core/calendar'
import { dateCell, type OutputCell } from '../../core/cells'
import type { IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import { maskPhone } from '../../core/privacy'
import type { ReadResult } from '../../core/table'
import { templateRow } from '../../core/template'
import {
  awaitsDispatch,
  RATING_ITEMS,
  type RatingItem,
  type ServiceRequest,
  type Survey,
  surveyDate,
} from './services'
import { DISPATCH_LIST, SERVICE_SCORES, SERVICES } from './tabs'

/** The cells of 服务登记簿 that the list shows as they are; 电话 is masked, 地址 never shown. */
export interface DispatchDetails {
  readonly phone: string
  readonly model: string
  readonly specification: string
  readonly category: string
  readonly remote: string
}

const { text } = recordFields(SERVICES)

/** The register's cells by row that the dispatch list shows besides the request's own fields. */
export function dispatchDetails(register: ReadResult): Map<number, DispatchDetails> {
  return new Map(
    register.records.map((record) => [
      record.row,
      {
        phone: text(record, '电话'),
        model: text(record, '商品型号'),
        specification: text(record, '规格'),
        category: text(record, '服务类别'),
        remote: text(record, '异地服务'),
      },
    ]),
  )
}

/**
 * 今日派工: every request registered up to today and neither dispatched nor completed, oldest first
 * (第十一条: yesterday's undispatched work goes first today), with the working days it has waited.
 */
export function dispatchListRows(
  services: readonly ServiceRequest[],
  details: ReadonlyMap<number, DispatchDetails>,
  calendar: Calendar,
  today: IsoDate,
): OutputCell[][] {
  const waiting = services.filter(
    (service) => awaitsDispatch(service) && (service.registered ?? today) <= today,
  )
  const oldestFirst = (a: ServiceRequest, b: ServiceRequest): number =>
    a.registered === b.registered ? a.row - b.row : (a.registered ?? '') < (b.registered ?? '') ? -1 : 1
  return waiting.sort(oldestFirst).map((service, index) => {
    const registered = service.registered ?? today
    const deadline = service.dispatchDeadline ?? today
    const detail = details.get(service.row)
    const status =
      today > deadline
        ? '已逾期'
        : today === deadline
          ? '今天必须派工'
          : registered === today
            ? '今天登记'
            : '待派工'
    return templateRow(DISPATCH_LIST, {
      序号: index + 1,
      服务编号: service.id,
      登记日期: dateCell(registered),
      派工期限: dateCell(deadline),
      '已等待(工作日)': calendar.workingDaysBetween(registered, today),
      状态: status,
      客户名称: service.customerName,
      电话: detail && detail.phone !== '' ? maskPhone(detail.phone) : null,
      商品型号: detail?.model || null,
      规格: detail?.specification || null,
      服务类别: detail?.category || null,
      异地服务: detail?.remote || null,
      生成日期: dateCell(today),
    }) as OutputCell[]
  })
}

interface MonthScores {
  readonly month: string
  readonly staff: string
  completed: number
  surveys: number
  poor: number
  readonly sums: Record<RatingItem, { total: number; count: number }>
}

/** Two decimals: 3.666… → 3.67. */
function average(total: number, count: number): number | null {
  return count === 0 ? null : Math.round((total / count) * 100) / 100
}

/**
 * 服务评分: one row per staff member and month in which they completed a service or were rated,
 * newest month first. Each item's average is over the surveys that rated it; 综合 over every rating
 * of the month; no rating leaves the cell empty, not 0. A survey counts in the month of its 日期,
 * or without one in the month its service was completed; a survey naming no staff member, directly
 * or through its service, counts for nobody.
 */
export function serviceScoreRows(
  services: readonly ServiceRequest[],
  surveys: readonly Survey[],
  today: IsoDate,
): OutputCell[][] {
  const groups = new Map<string, MonthScores>()
  const group = (staff: string, date: IsoDate): MonthScores => {
    const month = date.slice(0, 7)
    const id = `${month}\u0000${staff}`
    let found = groups.get(id)
    if (!found) {
      const sums = Object.fromEntries(RATING_ITEMS.map((item) => [item, { total: 0, count: 0 }]))
      found = { month, staff, completed: 0, surveys: 0, poor: 0, sums: sums as MonthScores['sums'] }
      groups.set(id, found)
    }
    return found
  }
  for (const service of services) {
    if (service.staff !== '' && service.completionDate)
      group(service.staff, service.completionDate).completed += 1
  }
  for (const survey of surveys) {
    const date = surveyDate(survey)
    if (survey.staff === '' || date === undefined) continue
    const scores = group(survey.staff, date)
    scores.surveys += 1
    for (const item of RATING_ITEMS) {
      const score = survey.ratings[item]
      if (score === undefined) continue
      const sum = scores.sums[item]
      sum.total += score
      sum.count += 1
      if (score === 1) scores.poor += 1
    }
  }
  return [...groups.values()]
    .sort((a, b) => (a.month === b.month ? (a.staff < b.staff ? -1 : 1) : a.month > b.month ? -1 : 1))
    .map((scores) => {
      const sums = RATING_ITEMS.map((item) => scores.sums[item])
      const all = sums.reduce((sum, item) => ({
        total: sum.total + item.total,
        count: sum.count + item.count,
      }))
      return templateRow(SERVICE_SCORES, {
        月份: scores.month,
        服务人员: scores.staff,
        完成服务数: scores.completed,
        调查份数: scores.surveys,
        ...Object.fromEntries(
          RATING_ITEMS.map((item, index) => [
            item,
            average(sums[index]?.total ?? 0, sums[index]?.count ?? 0),
          ]),
        ),
        综合: average(all.total, all.count),
        较差次数: scores.surveys === 0 ? null : scores.poor,
        生成日期: dateCell(today),
      }) as OutputCell[]
    })
}
