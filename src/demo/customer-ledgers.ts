/**
 * The demo's customer ledgers: 客户档案 for every demo customer, 重要客户开发, 客户走访记录 with
 * 意见与答复, and a few 节假日 rows. Dates are relative to the day the demo is made and visit dates
 * are counted on the same working-day calendar the check uses, so that each finding shows whatever
 * the weekday or the holidays: visits answered in time, one answered late, one due soon, one
 * overdue, and ZF-2026-001, fully answered but not sent yet (the reply letter's demo).
 */

import { type TabId, TEMPLATES } from '../../sheets-templates'
import { Calendar, type CalendarOverride, CHINESE_DAYS } from '../core/calendar'
import type { Cell } from '../core/cells'
import { addDays, addMonths, type IsoDate, weekday } from '../core/dates'
import type { TabTemplate } from '../core/template'
import { DEMO_CUSTOMERS, type DemoCustomer } from './customers'

/** The visit the reply-letter demo is generated for: every question answered, no letter sent yet. */
export const DEMO_LETTER_VISIT = 'ZF-2026-001'

type Fields = Readonly<Record<string, Cell>>

/** A row in the template's column order, whatever order its columns are in today. */
function row(template: TabTemplate, fields: Fields): Cell[] {
  return template.columns.map((column) => fields[column.header] ?? null)
}

function day(date: IsoDate): Cell {
  return { date }
}

/** Confidential archive contents: made-up contacts, numbers and addresses in the shapes people type. */
interface ArchiveDetails {
  readonly category: string
  readonly contact: string
  readonly phone: string
  readonly website: string
  readonly address: string
  readonly licence: '齐全' | '缺失' | null
  readonly credit: '良好' | '一般' | '较差'
  readonly scale: string
  readonly keeper: string
  readonly approver: string | null
  /** 审批日期 and 最近更新日期 as months before today, null for blank. */
  readonly approvedMonthsAgo: number | null
  readonly updatedMonthsAgo: number | null
}

const ARCHIVES: Readonly<Record<string, ArchiveDetails>> = {
  'KH-001': {
    category: '业务客户',
    contact: '周建国',
    phone: '13804315627',
    website: 'www.faw-vw.com',
    address: '吉林省长春市汽车经济技术开发区东风大街 18 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 60 万辆；冲压、焊装、涂装、总装四大工艺',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 20,
    updatedMonthsAgo: 2,
  },
  'KH-002': {
    category: '业务客户',
    contact: '沈丽华',
    phone: '021-5032 8899',
    website: 'www.saic-gm.com',
    address: '上海市浦东新区申江路 1500 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 50 万辆；全工艺整车制造',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 18,
    updatedMonthsAgo: 3,
  },
  'KH-003': {
    category: '业务客户',
    contact: '高伟',
    phone: '+86 139 3125 4410',
    website: 'www.gwm.com.cn',
    address: '河北省保定市莲池区朝阳南大街 2266 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 30 万辆；皮卡与 SUV 平台',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 16,
    updatedMonthsAgo: 1,
  },
  'KH-004': {
    category: '业务客户',
    contact: '黄晓东',
    phone: '0755-8988 8888',
    website: 'www.byd.com',
    address: '广东省深圳市坪山区比亚迪路 3009 号',
    licence: '齐全',
    credit: '良好',
    scale: '新能源整车与动力电池；一体化压铸',
    keeper: '王立',
    approver: '陈志远',
    approvedMonthsAgo: 12,
    updatedMonthsAgo: 4,
  },
  'KH-005': {
    category: '业务客户',
    contact: '孙丽',
    phone: '15857112345',
    website: 'www.geely.com',
    address: '浙江省杭州市滨江区江陵路 1760 号',
    licence: '齐全',
    credit: '一般',
    scale: '年产整车 40 万辆；模块化架构',
    keeper: '王立',
    approver: '陈志远',
    approvedMonthsAgo: 14,
    updatedMonthsAgo: 5,
  },
  // ARCHIVE_REVIEW_DUE: not updated for 8 months
  'KH-006': {
    category: '业务客户',
    contact: '钱峰',
    phone: '0553-5962 100',
    website: 'www.chery.cn',
    address: '安徽省芜湖市经济技术开发区长春路 8 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 20 万辆；发动机自制',
    keeper: '王立',
    approver: '陈志远',
    approvedMonthsAgo: 24,
    updatedMonthsAgo: 8,
  },
  'KH-007': {
    category: '业务客户',
    contact: '吴桂芳',
    phone: '18655178901',
    website: 'www.jac.com.cn',
    address: '安徽省合肥市东流路 176 号',
    licence: '齐全',
    credit: '一般',
    scale: '商用车与乘用车；轻卡底盘',
    keeper: '赵敏',
    approver: '陈志远',
    approvedMonthsAgo: 10,
    updatedMonthsAgo: 2,
  },
  // 已流失: no review reminder for a customer the company no longer deals with
  'KH-008': {
    category: '业务客户',
    contact: '郑强',
    phone: '0772-3750 521',
    website: 'www.dflzm.com',
    address: '广西壮族自治区柳州市屏山大道 286 号',
    licence: '齐全',
    credit: '较差',
    scale: '商用车与 MPV；冲焊涂总',
    keeper: '赵敏',
    approver: '陈志远',
    approvedMonthsAgo: 30,
    updatedMonthsAgo: 14,
  },
  // ARCHIVE_INCOMPLETE (缺失) and ARCHIVE_UNAPPROVED (approver without a date)
  'KH-009': {
    category: '业务客户',
    contact: '冯嘉怡',
    phone: '020-3926 5000',
    website: 'www.gac-aion.com',
    address: '广东省广州市番禺区汉兴中路 1 号',
    licence: '缺失',
    credit: '良好',
    scale: '纯电动整车；电驱与电池包装配',
    keeper: '刘洋',
    approver: '陈志远',
    approvedMonthsAgo: null,
    updatedMonthsAgo: 1,
  },
  // ARCHIVE_INCOMPLETE (blank) and ARCHIVE_UNAPPROVED (never approved)
  'KH-010': {
    category: '业务客户',
    contact: '许晨',
    phone: '13601234567 / 010-8765 4321',
    website: 'www.lixiang.com',
    address: '北京市顺义区后沙峪镇安庆大街 11 号',
    licence: null,
    credit: '良好',
    scale: '增程式与纯电整车；常州基地',
    keeper: '刘洋',
    approver: null,
    approvedMonthsAgo: null,
    updatedMonthsAgo: 2,
  },
  // ARCHIVE_REVIEW_DUE: 最近更新日期 never filled in
  'KH-011': {
    category: '供应商',
    contact: '蒋文斌',
    phone: '0574-8680 0288',
    website: 'www.tuopu.com',
    address: '浙江省宁波市北仑区育王山路 268 号',
    licence: '齐全',
    credit: '良好',
    scale: '减震器、内饰件与底盘件；铝合金压铸',
    keeper: '赵敏',
    approver: '陈志远',
    approvedMonthsAgo: 9,
    updatedMonthsAgo: null,
  },
  'KH-012': {
    category: '业务客户',
    contact: '何敏',
    phone: '023-6759 4008',
    website: 'www.changan.com.cn',
    address: '重庆市江北区建新东路 260 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 70 万辆；乘用车与微车',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 15,
    updatedMonthsAgo: 2,
  },
}

function archiveRows(today: IsoDate): Cell[][] {
  const monthsAgo = (months: number | null): Cell => (months === null ? null : day(addMonths(today, -months)))
  return DEMO_CUSTOMERS.map((customer: DemoCustomer) => {
    const details = ARCHIVES[customer.id]
    if (!details) throw new Error(`no demo archive for ${customer.id}`)
    return row(TEMPLATES.customers, {
      客户编号: customer.id,
      客户名称: customer.name,
      客户类别: details.category,
      重要客户: customer.key ? '是' : '否',
      VIP等级: customer.vip,
      联系人: details.contact,
      电话: details.phone,
      网址: details.website,
      地址: details.address,
      资质资料: details.licence,
      信用状况: details.credit,
      生产规模与工艺: details.scale,
      档案管理人: details.keeper,
      审批人: details.approver,
      审批日期: monthsAgo(details.approvedMonthsAgo),
      最近更新日期: monthsAgo(details.updatedMonthsAgo),
      状态: customer.status,
    })
  })
}

function customerName(id: string): string {
  const customer = DEMO_CUSTOMERS.find((candidate) => candidate.id === id)
  if (!customer) throw new Error(`no demo customer ${id}`)
  return customer.name
}

function developmentRows(today: IsoDate): Cell[][] {
  const plan = (id: string, fields: Fields): Cell[] =>
    row(TEMPLATES.keyDevelopment, { 客户编号: id, 客户名称: customerName(id), ...fields })
  const good = { 信用状况: '良好', 经营业绩: '佳', 合作态度: '积极', 影响程度: '重大' }
  return [
    // DEV_RECOMMENDED: meets all four conditions of 3.2, waiting for the leaders
    plan('KH-009', {
      ...good,
      审批状态: '待审批',
      开发负责人: '刘洋',
      计划开始: day(addDays(today, 10)),
      计划完成: day(addMonths(today, 6)),
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
      计划开始: day(addMonths(today, -8)),
      计划完成: day(addDays(today, -10)),
      开发阶段: '小批',
      最近进展日期: day(addDays(today, -12)),
    }),
    // DEV_NO_PROGRESS: last progress 45 days ago
    plan('KH-011', {
      ...good,
      影响程度: '一般',
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '赵敏',
      计划开始: day(addMonths(today, -4)),
      计划完成: day(addMonths(today, 3)),
      开发阶段: '报价',
      最近进展日期: day(addDays(today, -45)),
    }),
    // DEV_NO_PROGRESS: started 40 days ago, no progress recorded yet
    plan('KH-003', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '李娜',
      计划开始: day(addDays(today, -40)),
      计划完成: day(addMonths(today, 5)),
      开发阶段: '接洽',
    }),
    // reached 合作: nothing more to follow up
    plan('KH-012', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '李娜',
      计划开始: day(addMonths(today, -14)),
      计划完成: day(addMonths(today, -2)),
      开发阶段: '合作',
      最近进展日期: day(addMonths(today, -2)),
    }),
    // on track
    plan('KH-006', {
      ...good,
      审批状态: '已批准',
      审批人: '陈志远',
      开发负责人: '王立',
      计划开始: day(addMonths(today, -2)),
      计划完成: day(addMonths(today, 4)),
      开发阶段: '送样',
      最近进展日期: day(addDays(today, -5)),
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

/** A company rest day three working days ago and a Saturday worked in its place the week after next. */
function holidayOverrides(today: IsoDate): CalendarOverride[] {
  const base = new Calendar(CHINESE_DAYS)
  let saturday = addDays(today, 8)
  while (weekday(saturday) !== 6 || base.isWorkingDay(saturday)) saturday = addDays(saturday, 1)
  return [
    { date: base.addWorkingDays(today, -3), kind: 'rest', note: '公司年会（全天休息）' },
    { date: saturday, kind: 'work', note: '公司年会调休上班' },
  ]
}

interface DemoVisit {
  readonly id: string
  readonly customer: string
  readonly date: IsoDate
  readonly method: '走访' | '电话'
  readonly visitor: string
  readonly replyDate?: IsoDate
  readonly questions: readonly (readonly [question: string, answer: string | null, by: string | null])[]
}

function visits(today: IsoDate, calendar: Calendar): DemoVisit[] {
  const workingDays = (n: number, from = today): IsoDate => calendar.addWorkingDays(from, n)
  const visit = (
    id: string,
    customer: string,
    date: IsoDate,
    questions: DemoVisit['questions'],
    replyAfter?: number,
    method: DemoVisit['method'] = '走访',
  ): DemoVisit => ({
    id,
    customer,
    date,
    method,
    visitor: '陈志远',
    questions,
    ...(replyAfter === undefined ? {} : { replyDate: workingDays(replyAfter, date) }),
  })
  return [
    // every question answered, no letter yet: `taizhang letter --visit ZF-2026-001`
    visit(DEMO_LETTER_VISIT, 'KH-001', workingDays(-1), [
      [
        '近两批前门铰链到货时外包装有破损，能否改进包装？',
        '已改用加厚瓦楞纸箱并加装珍珠棉隔层，自下一批起执行，发货前逐箱检查。',
        '王立',
      ],
      [
        '希望缩短紧急订单的交货周期。',
        '已为贵司常用件设立安全库存，紧急订单交货期由 10 天缩短到 5 天。',
        '李娜',
      ],
      [
        '请提供后门铰链的最新 PPAP 资料。',
        '最新 PPAP 资料已整理完毕，随本答复单一并发送；如需现场审核，请随时与我们联系。',
        '赵敏',
      ],
    ]),
    // answered in time
    visit(
      'ZF-2026-002',
      'KH-002',
      workingDays(-30),
      [['座椅滑轨的表面处理能否改为无铬钝化？', '已完成无铬钝化工艺验证，下月起切换。', '王立']],
      3,
    ),
    // answered on the deadline itself: still in time
    visit(
      'ZF-2026-003',
      'KH-003',
      workingDays(-20),
      [['加强板的毛刺问题是否已经解决？', '已更换冲裁模刃口并增加去毛刺工序，近三批抽检合格。', '王立']],
      5,
      '电话',
    ),
    // VISIT_REPLY_LATE: answered three working days after the deadline
    visit(
      'ZF-2026-004',
      'KH-004',
      workingDays(-25),
      [
        ['仪表板饰条色差偏大。', '已重新签样并更新色板，注塑工艺参数已固化。', '赵敏'],
        ['能否提供月度质量报告？', '自本月起每月 5 日前发送上月质量报告。', '李娜'],
      ],
      8,
    ),
    // VISIT_REPLY_DUE_SOON: its deadline is the next working day
    visit('ZF-2026-005', 'KH-012', workingDays(-5, workingDays(1)), [
      ['新车型的样件何时能送达？', '首批样件预计两周内送达。', '王立'],
      ['报价能否再优化？', null, null],
    ]),
    // VISIT_REPLY_OVERDUE: past the deadline, nothing answered
    visit('ZF-2026-006', 'KH-005', workingDays(-12), [
      ['卡扣装配力偏大，能否调整？', null, null],
      ['希望增加一次年度质量审核。', null, null],
    ]),
    // visited today by phone: nothing due yet
    visit(
      'ZF-2026-007',
      'KH-006',
      today,
      [['车门密封条的供货是否能提前一周？', null, null]],
      undefined,
      '电话',
    ),
  ]
}

function visitRows(list: readonly DemoVisit[]): { visits: Cell[][]; visitQuestions: Cell[][] } {
  const visitRowsOut: Cell[][] = []
  const questionRows: Cell[][] = []
  for (const visit of list) {
    visitRowsOut.push(
      row(TEMPLATES.visits, {
        走访编号: visit.id,
        客户编号: visit.customer,
        客户名称: customerName(visit.customer),
        走访日期: day(visit.date),
        走访方式: visit.method,
        走访人: visit.visitor,
        答复日期: visit.replyDate ? day(visit.replyDate) : null,
        答复单: visit.replyDate ? `${visit.id} 客户意见答复单.docx` : null,
      }),
    )
    visit.questions.forEach(([question, answer, by], index) => {
      questionRows.push(
        row(TEMPLATES.visitQuestions, {
          走访编号: visit.id,
          序号: index + 1,
          问题: question,
          答复: answer,
          答复人: by,
        }),
      )
    })
  }
  // A question filed under a visit that does not exist: DATA_INVALID on 意见与答复.
  questionRows.push(
    row(TEMPLATES.visitQuestions, { 走访编号: 'ZF-2025-099', 序号: 1, 问题: '编号写错的问题', 答复: null }),
  )
  return { visits: visitRowsOut, visitQuestions: questionRows }
}

export function customerLedgerDemoRows(today: IsoDate): Partial<Record<TabId, Cell[][]>> {
  const overrides = holidayOverrides(today)
  const calendar = new Calendar(CHINESE_DAYS, overrides)
  return {
    customers: archiveRows(today),
    keyDevelopment: developmentRows(today),
    ...visitRows(visits(today, calendar)),
    holidays: overrides.map((override) =>
      row(TEMPLATES.holidays, {
        日期: day(override.date),
        类型: override.kind === 'work' ? '上班' : '休息',
        说明: override.note,
      }),
    ),
  }
}
