/**
 * The demo's 客户走访记录 with 意见与答复, and a few 节假日 rows. Visit dates are counted on the same
 * working-day calendar the check uses, so that each finding shows whatever the weekday or the
 * holidays: visits answered in time, one answered late, one due soon, one overdue, and
 * ZF-2026-001, fully answered but not sent yet (the reply letter's demo).
 */
import { Calendar, type CalendarOverride, CHINESE_DAYS } from '../../core/calendar'
import { type Cell, dateCell } from '../../core/cells'
import { addDays, type IsoDate, weekday } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { HOLIDAYS } from '../../core/settings-tabs'
import { templateRow } from '../../core/template'
import { demoCustomerName } from '../archives/demo-customers'
import { VISIT_QUESTIONS, VISITS } from './tabs'

/** The visit the reply-letter demo is generated for: every question answered, no letter sent yet. */
export const DEMO_LETTER_VISIT = 'ZF-2026-001'

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
      templateRow(VISITS, {
        走访编号: visit.id,
        客户编号: visit.customer,
        客户名称: demoCustomerName(visit.customer),
        走访日期: dateCell(visit.date),
        走访方式: visit.method,
        走访人: visit.visitor,
        答复日期: visit.replyDate ? dateCell(visit.replyDate) : null,
        答复单: visit.replyDate ? `${visit.id} 客户意见答复单.docx` : null,
      }),
    )
    visit.questions.forEach(([question, answer, by], index) => {
      questionRows.push(
        templateRow(VISIT_QUESTIONS, {
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
    templateRow(VISIT_QUESTIONS, { 走访编号: 'ZF-2025-099', 序号: 1, 问题: '编号写错的问题', 答复: null }),
  )
  return { visits: visitRowsOut, visitQuestions: questionRows }
}

export function demoRows(today: IsoDate): SeedRows {
  const overrides = holidayOverrides(today)
  const calendar = new Calendar(CHINESE_DAYS, overrides)
  return {
    ...visitRows(visits(today, calendar)),
    holidays: overrides.map((override) =>
      templateRow(HOLIDAYS, {
        日期: dateCell(override.date),
        类型: override.kind === 'work' ? '上班' : '休息',
        说明: override.note,
      }),
    ),
  }
}
