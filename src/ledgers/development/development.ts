/**
 * Key-customer development (重要客户开发, 附录2 重要客户开发计划及开发情况汇总表; 重要客户管理规定
 * 3.2–3.4): the screening conclusion of 3.2 and the facts the DEV_* rules read.
 */

import { addDays, daysBetween, type IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import { cellProblem, type ReadResult, type TableRecord } from '../../core/table'
import { DEVELOPMENT } from './tabs'

const { date, optionalText, text } = recordFields(DEVELOPMENT)

export interface Screening {
  readonly recommended: boolean
  /** What the owned 筛选结论 column says: 建议列为重点开发对象, or why not (yet). */
  readonly conclusion: string
}

export interface DevelopmentPlan {
  readonly row: number
  readonly customerId: string
  readonly customerName: string
  readonly approvalStatus: string | undefined
  readonly developer: string
  readonly planStart: IsoDate | undefined
  readonly planEnd: IsoDate | undefined
  readonly stage: string | undefined
  readonly lastProgressDate: IsoDate | undefined
  readonly screening: Screening
}

export interface DevelopmentLedger {
  readonly plans: readonly DevelopmentPlan[]
  readonly findings: readonly Finding[]
}

// 重要客户管理规定 3.2: 选择信用状况良好、经营业绩佳，有积极合作态度，并对公司经营活动产生重大影响的客户
// 作为重点开发对象. All four must hold; one that fails is enough to leave a customer out for now.
const CRITERIA: readonly { readonly header: string; readonly wanted: string }[] = [
  { header: '信用状况', wanted: '良好' },
  { header: '经营业绩', wanted: '佳' },
  { header: '合作态度', wanted: '积极' },
  { header: '影响程度', wanted: '重大' },
]

export function screen(record: TableRecord): Screening {
  const failing: string[] = []
  const unknown: string[] = []
  for (const { header, wanted } of CRITERIA) {
    const value = optionalText(record, header)
    if (value === undefined) unknown.push(header)
    else if (value !== wanted) failing.push(`${header}${value}`)
  }
  if (failing.length > 0) return { recommended: false, conclusion: `暂不列入：${failing.join('、')}` }
  if (unknown.length > 0) return { recommended: false, conclusion: `待评价：请填写${unknown.join('、')}` }
  return { recommended: true, conclusion: '建议列为重点开发对象' }
}

export function buildDevelopmentLedger(table: ReadResult): DevelopmentLedger {
  const findings: Finding[] = []
  const plans = table.records.map((record): DevelopmentPlan => {
    const approvalStatus = optionalText(record, '审批状态')
    const planStart = date(record, '计划开始')
    const planEnd = date(record, '计划完成')
    const lastProgressDate = date(record, '最近进展日期')
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(DEVELOPMENT.name, table.columns, record, header, message))
    }
    // An approved plan is followed up by its dates (3.4); without them nothing could be flagged.
    if (approvalStatus === '已批准') {
      if (planEnd === undefined && !record.invalid.has('计划完成')) {
        problem('计划完成', '未填写：已批准的开发计划需要计划完成日期，才能检查是否逾期，请补上')
      }
      if (planStart === undefined && lastProgressDate === undefined && !record.invalid.has('计划开始')) {
        problem('计划开始', '未填写：已批准的开发计划需要计划开始日期，才能检查开发进展，请补上')
      }
    }
    if (planStart && planEnd && planEnd < planStart) {
      problem('计划完成', `的值 ${planEnd} 早于计划开始 ${planStart}，请核对日期`)
    }
    return {
      row: record.row,
      customerId: record.key,
      customerName: text(record, '客户名称'),
      approvalStatus,
      developer: text(record, '开发负责人'),
      planStart,
      planEnd,
      stage: optionalText(record, '开发阶段'),
      lastProgressDate,
      screening: screen(record),
    }
  })
  return { plans, findings }
}

/** The facts the DEV_* rules read. */
export function developmentFacts(plan: DevelopmentPlan, params: Parameters, today: IsoDate): Facts {
  // No progress yet: the plan's start is the last time anything happened.
  const progressBase = plan.lastProgressDate ?? plan.planStart
  const noProgressDays = parameter(params, 'noProgressDays')
  return {
    customerName: plan.customerName || plan.customerId,
    recommended: plan.screening.recommended,
    // A recommendation is for the leaders to decide (3.3); once decided it is not raised again.
    awaitingApproval: plan.approvalStatus === undefined || plan.approvalStatus === '待审批',
    approved: plan.approvalStatus === '已批准',
    cooperating: plan.stage === '合作',
    stage: plan.stage ?? '未填写',
    developer: plan.developer,
    planEnd: plan.planEnd ?? null,
    daysPastPlanEnd: plan.planEnd ? daysBetween(plan.planEnd, today) : undefined,
    progressSince: plan.lastProgressDate ? '最近进展' : '计划开始',
    lastProgressDate: progressBase ?? null,
    daysWithoutProgress: progressBase ? daysBetween(progressBase, today) : undefined,
    progressDeadline: progressBase ? addDays(progressBase, noProgressDays) : null,
    noProgressDays,
  }
}
