/**
 * The demo's 渠道报备, dated relative to today so that every verdict shows whenever `npm start`
 * runs: a valid report with its commission month, a duplicate (another distributor, the phone typed
 * differently), a natural visit, protection running out soon and run out, a bulk customer's 90 days,
 * and two earlier signings in 回访抽样, one of them a 违约报备 (the customer said another channel
 * brought her).
 */
import type { Cell, DateCell } from '../../core/cells'
import { addDays, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { demoDateTime, demoDay } from '../demo-dates'
import { nextMonth } from './attribution'
import { DISTRIBUTORS, FOLLOW_UPS, LEADS } from './tabs'

export function demoRows(today: IsoDate): SeedRows {
  const at = (days: number, hours: number, minutes = 0): DateCell => demoDateTime(today, days, hours, minutes)
  const day = (days: number): DateCell => demoDay(today, days)
  const lead = (fields: Readonly<Record<string, Cell>>): Cell[] => templateRow(LEADS, fields)
  const distributor = (name: string, status: string, violations: number): Cell[] =>
    templateRow(DISTRIBUTORS, { 分销商: name, 状态: status, 违约次数: violations })
  return {
    // 万家房产 no longer works with the company: its open bulk report BB-006 is flagged; 恒信地产 has
    // two violations and is still 合作中: 建议 停止合作.
    distributors: [
      distributor('安居置业', '合作中', 0),
      distributor('链家分销', '合作中', 1),
      distributor('万家房产', '停止合作', 1),
      distributor('恒信地产', '合作中', 2),
    ],
    leads: [
      // visited 2 h after the report, signed inside the 45 days: commission next month
      lead({
        报备编号: 'BB-001',
        分销商: '安居置业',
        客户姓名: '张伟',
        客户电话: '13800138000',
        报备时间: at(-40, 10),
        客户属地: '本地',
        到访时间: at(-40, 12),
        大客户: '否',
        网签日期: day(-10),
      }),
      // the same customer, reported by another distributor while BB-001 protects him
      lead({
        报备编号: 'BB-002',
        分销商: '链家分销',
        客户姓名: '张伟',
        客户电话: '+86 138-0013-8000',
        报备时间: at(-35, 15, 20),
        客户属地: '本地',
      }),
      // reported half an hour before the visit: 本地 needs 1 hour
      lead({
        报备编号: 'BB-003',
        分销商: '链家分销',
        客户姓名: '李娜',
        客户电话: '139 1234 5678',
        报备时间: at(-6, 9, 30),
        客户属地: '本地',
        到访时间: at(-6, 10),
      }),
      // not visited: 7 days from the day after the report end in 2 days
      lead({
        报备编号: 'BB-004',
        分销商: '安居置业',
        客户姓名: '王芳',
        客户电话: '13700001111',
        报备时间: at(-5, 16, 45),
        客户属地: '异地',
      }),
      // not visited, protection over
      lead({
        报备编号: 'BB-005',
        分销商: '万家房产',
        客户姓名: '刘洋',
        客户电话: '13655556666',
        报备时间: at(-20, 11),
        客户属地: '本地',
      }),
      // 异地 bulk customer, reported a day ahead, extension approved: 90 days from the visit
      lead({
        报备编号: 'BB-006',
        分销商: '万家房产',
        客户姓名: '陈静（远航贸易有限公司）',
        客户电话: '０２１-６２３４５６７８',
        报备时间: at(-60, 9),
        客户属地: '异地',
        到访时间: at(-59, 10),
        大客户: '是',
        延期已批准: '是',
      }),
      // signed 45 and 50 days ago: in 回访抽样
      lead({
        报备编号: 'BB-007',
        分销商: '安居置业',
        客户姓名: '孙丽',
        客户电话: '13322223333',
        报备时间: at(-75, 9, 15),
        客户属地: '本地',
        到访时间: at(-74, 14),
        大客户: '否',
        网签日期: day(-45),
      }),
      lead({
        报备编号: 'BB-008',
        分销商: '链家分销',
        客户姓名: '赵敏',
        客户电话: '13511112222',
        报备时间: at(-80, 10),
        客户属地: '本地',
        到访时间: at(-80, 15),
        大客户: '否',
        网签日期: day(-50),
      }),
    ],
    // the call-back of BB-008: 非该渠道导客, so its commission is refused
    followUps: [
      templateRow(FOLLOW_UPS, {
        月份: nextMonth(addDays(today, -50)),
        报备编号: 'BB-008',
        分销商: '链家分销',
        客户姓名: '赵敏',
        客户电话: '135****2222',
        网签日期: day(-50),
        回访结果: '非该渠道导客',
      }),
    ],
  }
}
