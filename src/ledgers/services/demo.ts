/**
 * The demo's 服务登记簿 and 客户意见调查, dated back from today on the working-day calendar with a
 * margin of days, so that every finding shows whatever the weekday or the holidays: a request
 * left undispatched, one dispatched late, a remote service without approval, a completed service
 * unsigned, one without a survey, an open and a closed severe complaint, and three staff members'
 * surveys over three months for a filled 服务评分.
 */
import { Calendar, CHINESE_DAYS } from '../../core/calendar'
import { type Cell, dateCell } from '../../core/cells'
import { addDays, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { demoCustomerName } from '../archives/demo-customers'
import { SERVICES, SURVEYS } from './tabs'

type Rating = '非常满意' | '满意' | '一般' | '较差'

interface DemoService {
  readonly id: string
  readonly customer: string
  readonly registered: IsoDate
  readonly dispatched?: IsoDate
  readonly staff?: string
  readonly completed?: IsoDate
  readonly signed?: boolean
  readonly remote?: '已批准' | '未批准'
  readonly survey?: {
    readonly ratings: readonly [Rating, Rating, Rating, Rating]
    readonly complaint?: string
    readonly severe?: { readonly handling?: string; readonly told?: boolean }
  }
}

const ITEMS = ['态度', '技术', '到达时间', '承诺事项'] as const

function services(today: IsoDate, calendar: Calendar): DemoService[] {
  const workingDays = (n: number, from = today): IsoDate => calendar.addWorkingDays(from, n)
  // A finished service: registered, dispatched the next working day, done the working day after.
  const done = (
    id: string,
    customer: string,
    registered: IsoDate,
    staff: string,
    ratings: readonly [Rating, Rating, Rating, Rating],
    extra: Partial<DemoService> = {},
  ): DemoService => ({
    id,
    customer,
    registered,
    dispatched: workingDays(1, registered),
    staff,
    completed: workingDays(2, registered),
    signed: true,
    survey: { ratings },
    ...extra,
  })
  return [
    // SERVICE_NOT_DISPATCHED: registered six working days ago, still not dispatched
    { id: 'FW-001', customer: 'KH-005', registered: workingDays(-6) },
    // waiting since the last working day: due today, first in today's dispatch
    { id: 'FW-002', customer: 'KH-006', registered: workingDays(-1) },
    // registered today
    { id: 'FW-003', customer: 'KH-007', registered: today },
    // SERVICE_REMOTE_UNAPPROVED: a remote service dispatched without an approved application
    {
      id: 'FW-004',
      customer: 'KH-012',
      registered: workingDays(-2),
      dispatched: workingDays(-1),
      staff: '刘洋',
      remote: '未批准',
    },
    // a remote service with its application approved
    {
      id: 'FW-005',
      customer: 'KH-003',
      registered: workingDays(-2),
      dispatched: workingDays(-1),
      staff: '张伟',
      remote: '已批准',
    },
    // SERVICE_UNSIGNED: done without the customer's signature
    done('FW-006', 'KH-001', addDays(today, -24), '张伟', ['满意', '满意', '一般', '满意'], {
      signed: false,
    }),
    // SERVICE_SURVEY_DUE: done over a week ago, no survey yet
    {
      ...done('FW-007', 'KH-002', addDays(today, -25), '孙丽', ['满意', '满意', '满意', '满意']),
      survey: undefined,
    },
    // SERVICE_DISPATCHED_LATE: dispatched three working days after registration
    done('FW-008', 'KH-004', addDays(today, -40), '刘洋', ['一般', '满意', '较差', '一般'], {
      dispatched: workingDays(3, addDays(today, -40)),
      completed: workingDays(4, addDays(today, -40)),
    }),
    // COMPLAINT_ESCALATE: a severe complaint, handled but the customer not told yet
    done('FW-009', 'KH-011', addDays(today, -20), '刘洋', ['较差', '一般', '较差', '较差'], {
      survey: {
        ratings: ['较差', '一般', '较差', '较差'],
        complaint: '维修后同一故障三天内再次出现，服务人员未按约定时间到场',
        severe: { handling: '已更换总成并派技术主管复查' },
      },
    }),
    // a severe complaint handled and the customer told: nothing due
    done('FW-010', 'KH-002', addDays(today, -70), '孙丽', ['一般', '满意', '一般', '一般'], {
      survey: {
        ratings: ['一般', '满意', '一般', '一般'],
        complaint: '备件等待时间过长',
        severe: { handling: '建立常用备件库存，已书面致歉', told: true },
      },
    }),
    done('FW-011', 'KH-001', addDays(today, -45), '张伟', ['非常满意', '非常满意', '满意', '非常满意']),
    done('FW-012', 'KH-003', addDays(today, -50), '孙丽', ['非常满意', '满意', '满意', '非常满意']),
    done('FW-013', 'KH-004', addDays(today, -75), '张伟', ['满意', '非常满意', '满意', '满意']),
    done('FW-014', 'KH-006', addDays(today, -30), '孙丽', ['非常满意', '非常满意', '非常满意', '满意']),
    done('FW-015', 'KH-012', addDays(today, -35), '张伟', ['满意', '满意', '较差', '满意'], {
      survey: { ratings: ['满意', '满意', '较差', '满意'], complaint: '希望到场前电话告知' },
    }),
  ]
}

const PHONES = ['13812345678', '0431-85901234', '13987654321', '15012348765']
const ADDRESSES = ['长春市汽车经济技术开发区东风大街 88 号', '上海市浦东新区申江路 1500 号']

function rows(list: readonly DemoService[], today: IsoDate): { services: Cell[][]; surveys: Cell[][] } {
  const serviceRows: Cell[][] = []
  const surveyRows: Cell[][] = []
  list.forEach((service, index) => {
    serviceRows.push(
      templateRow(SERVICES, {
        服务编号: service.id,
        登记日期: dateCell(service.registered),
        客户名称: demoCustomerName(service.customer),
        地址: ADDRESSES[index % ADDRESSES.length] ?? null,
        电话: PHONES[index % PHONES.length] ?? null,
        商品型号: index % 2 === 0 ? 'HJ-200 前门铰链' : 'HT-35 座椅滑轨',
        规格: index % 2 === 0 ? '左/右' : '标准型',
        服务类别: index % 3 === 0 ? '合同' : index % 3 === 1 ? '免费' : '有偿',
        派工日期: service.dispatched ? dateCell(service.dispatched) : null,
        服务人员: service.staff ?? null,
        完成日期: service.completed ? dateCell(service.completed) : null,
        服务内容: service.completed ? '现场检查、调整并更换磨损件' : null,
        客户签字: service.completed ? (service.signed ? '是' : '否') : null,
        异地服务: service.remote ? '是' : '否',
        异地申请已批准: service.remote ? (service.remote === '已批准' ? '是' : '否') : null,
      }),
    )
    const survey = service.survey
    if (!survey || !service.completed) return
    const date = addDays(service.completed, 3)
    surveyRows.push(
      templateRow(SURVEYS, {
        调查编号: `DC-${String(surveyRows.length + 1).padStart(3, '0')}`,
        服务编号: service.id,
        服务人员: service.staff ?? null,
        日期: dateCell(date <= today ? date : today),
        ...Object.fromEntries(ITEMS.map((item, i) => [item, survey.ratings[i] ?? null])),
        建议或抱怨: survey.complaint ?? null,
        严重程度: survey.complaint ? (survey.severe ? '严重' : '一般') : null,
        处理结果: survey.severe?.handling ?? (survey.complaint && !survey.severe ? '已电话回复客户' : null),
        告知客户日期: survey.severe?.told || (survey.complaint && !survey.severe) ? dateCell(date) : null,
      }),
    )
  })
  // A survey filed under a service that is not in the register: DATA_INVALID on 客户意见调查.
  surveyRows.push(
    templateRow(SURVEYS, {
      调查编号: `DC-${String(surveyRows.length + 1).padStart(3, '0')}`,
      服务编号: 'FW-099',
      服务人员: '孙丽',
      日期: dateCell(addDays(today, -5)),
      态度: '满意',
      技术: '满意',
      到达时间: '一般',
      承诺事项: '满意',
    }),
  )
  return { services: serviceRows, surveys: surveyRows }
}

export function demoRows(today: IsoDate): SeedRows {
  return rows(services(today, new Calendar(CHINESE_DAYS)), today)
}
