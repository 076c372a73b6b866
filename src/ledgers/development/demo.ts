/** The demo's 重要客户开发: a plan for each DEV_* finding and one for each screening conclusion. */
import { type Cell, dateCell } from '../../core/cells'
import { addDays, addMonths, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { demoCustomerName } from '../archives/demo-customers'
import { DEVELOPMENT } from './tabs'

type Fields = Readonly<Record<string, Cell>>

function developmentRows(today: IsoDate): Cell[][] {
  const plan = (id: string, fields: Fields): Cell[] =>
    templateRow(DEVELOPMENT, { 客户编号: id, 客户名称: demoCustomerName(id), ...fields })
  const good = { 信用状况: '良好', 经营业绩: '佳', 合作态度: '积极', 影响程度: '重大' }
  return [
    // DEV_RECOMMENDED: meets all four conditions of 3.2, waiting for the leaders
    plan('KH-009', {
      ...good,
      审批状态: '待审批',
      开发负责人: '刘洋',
      计划开始: dateCell(addDays(today, 10)),
      计划完成: dateCell(addMonths(today, 6)),
    }),
    // not recommended: 筛选结论 says why
    plan('KH-010', {
      信用状况: '良好',
      经营业绩: '一般',
      合作态度: '积极',
      影响程度: '一般',
      审批状态: '待审批',
      开发负责人: '刘洋',
    }),
    // DEV_PLAN_OVERDUE: approved, past 计划完成, still in 小批
    plan('KH-004', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '王立',
      计划开始: dateCell(addMonths(today, -8)),
      计划完成: dateCell(addDays(today, -10)),
      开发阶段: '小批',
      最近进展日期: dateCell(addDays(today, -12)),
    }),
    // DEV_NO_PROGRESS: last progress 45 days ago
    plan('KH-011', {
      ...good,
      影响程度: '一般',
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '赵敏',
      计划开始: dateCell(addMonths(today, -4)),
      计划完成: dateCell(addMonths(today, 3)),
      开发阶段: '报价',
      最近进展日期: dateCell(addDays(today, -45)),
    }),
    // DEV_NO_PROGRESS: started 40 days ago, no progress recorded yet
    plan('KH-003', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '李娜',
      计划开始: dateCell(addDays(today, -40)),
      计划完成: dateCell(addMonths(today, 5)),
      开发阶段: '接洽',
    }),
    // reached 合作: nothing more to follow up
    plan('KH-012', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '李娜',
      计划开始: dateCell(addMonths(today, -14)),
      计划完成: dateCell(addMonths(today, -2)),
      开发阶段: '合作',
      最近进展日期: dateCell(addMonths(today, -2)),
    }),
    // on track
    plan('KH-006', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '王立',
      计划开始: dateCell(addMonths(today, -2)),
      计划完成: dateCell(addMonths(today, 4)),
      开发阶段: '送样',
      最近进展日期: dateCell(addDays(today, -5)),
    }),
    // rejected by the leaders
    plan('KH-007', {
      信用状况: '一般',
      经营业绩: '一般',
      合作态度: '消极',
      影响程度: '一般',
      审批状态: '已否决',
      审批人: '陈志远',
      开发负责人: '赵敏',
    }),
  ]
}

export function demoRows(today: IsoDate): SeedRows {
  return { keyDevelopment: developmentRows(today) }
}
