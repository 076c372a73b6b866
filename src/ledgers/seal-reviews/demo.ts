/**
 * The demo's 封样评审: one review per finding, dated relative to the day the demo is made. The parts
 * reviewed are the demo 样件台账's 封样样件, except the one whose sealed sample was never registered.
 */
import type { Cell, DateCell } from '../../core/cells'
import type { IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { demoDateTime, demoDay } from '../demo-dates'
import { SEAL_REVIEWS } from './tabs'

/** Days before today and a clock time, as a date-time cell. */
function at(today: IsoDate, daysBefore: number, time: string): DateCell {
  const [hours, minutes] = time.split(':').map(Number)
  return demoDateTime(today, -daysBefore, hours ?? 0, minutes ?? 0)
}

const COMPLETE = {
  小批试制评审单: '有',
  性能实验报告: '有',
  第三方检测报告: '有',
  电器件检测报告: '不适用',
  研发签字: '周强',
  品管签字: '孙丽',
} as const

type When = readonly [daysBefore: number, time: string]

export function demoRows(today: IsoDate): SeedRows {
  /** A review of a part, notified and held at the given days before today, with the rest as given. */
  const review = (
    id: string,
    [part, name]: readonly [string, string],
    [notified, held]: readonly [When, When | DateCell],
    fields: Readonly<Record<string, Cell>> = {},
  ): Cell[] =>
    templateRow(SEAL_REVIEWS, {
      申请编号: id,
      零件号: part,
      零件名称: name,
      申请部门: '研发部',
      通知时间: at(today, ...notified),
      评审时间: 'date' in held ? held : at(today, ...held),
      需试装: '否',
      ...COMPLETE,
      ...fields,
    })
  const passed = { 结论: '通过' }
  const rows: Cell[][] = [
    // complete, notified a month ahead, trial within the day: nothing to flag
    review(
      'FY-001',
      ['QM-6800110', '座椅滑轨'],
      [
        [40, '09:00'],
        [10, '09:00'],
      ],
      {
        ...passed,
        需试装: '是',
        试装完成时间: at(today, 10, '10:00'),
      },
    ),
    // SEAL_NOTICE_TOO_LATE: told an hour before the review
    review(
      'FY-002',
      ['QM-8210330', '卡扣'],
      [
        [5, '08:00'],
        [5, '09:00'],
      ],
      passed,
    ),
    // SEAL_TRIAL_OVERDUE: the trial took two days
    review(
      'FY-003',
      ['QM-6107010', '车门密封条'],
      [
        [30, '09:00'],
        [20, '10:00'],
      ],
      {
        ...passed,
        需试装: '是',
        试装完成时间: at(today, 18, '10:00'),
      },
    ),
    // SEAL_TRIAL_OVERDUE: the trial is still open three days after the review (no conclusion yet)
    review(
      'FY-004',
      ['QM-2905110', '减震垫'],
      [
        [30, '09:00'],
        [3, '14:00'],
      ],
      { 需试装: '是' },
    ),
    // SEAL_INCOMPLETE: passed without the performance report and without 品管's signature
    review(
      'FY-005',
      ['QM-6105310', '门锁扣板'],
      [
        [30, '09:00'],
        [8, '14:00'],
      ],
      {
        ...passed,
        性能实验报告: '无',
        品管签字: null,
      },
    ),
    // SEAL_SAMPLE_MISSING: passed, but 样件台账 has no 封样样件 of this part
    review(
      'FY-006',
      ['QM-6900110', '后排座椅骨架'],
      [
        [30, '09:00'],
        [12, '09:30'],
      ],
      passed,
    ),
    // SEAL_RECTIFICATION_OPEN: 整改 40 days ago and not yet done
    review(
      'FY-007',
      ['QM-5306010', '仪表板支架'],
      [
        [60, '09:00'],
        [40, '09:00'],
      ],
      {
        结论: '整改',
        问题点: '焊点飞溅，安装孔位偏移',
      },
    ),
    // rectified within the month: nothing to flag
    review(
      'FY-008',
      ['QM-5306020', '仪表板横梁'],
      [
        [80, '09:00'],
        [60, '09:00'],
      ],
      {
        结论: '整改',
        问题点: '表面划伤',
        整改完成日期: demoDay(today, -45),
      },
    ),
    // bad cells, each a DATA_INVALID finding: 评审时间 without a time of day, a trial finished
    // before the review, a report entry outside 有/无/不适用; the other rows are still checked
    review('FY-009', ['QM-6800110', '座椅滑轨'], [[30, '09:00'], demoDay(today, -6)]),
    review(
      'FY-010',
      ['QM-8210330', '卡扣'],
      [
        [30, '09:00'],
        [7, '14:00'],
      ],
      {
        需试装: '是',
        试装完成时间: at(today, 7, '11:00'),
      },
    ),
    review(
      'FY-011',
      ['QM-6107010', '车门密封条'],
      [
        [30, '09:00'],
        [9, '09:00'],
      ],
      { 第三方检测报告: '送检中' },
    ),
  ]
  // A copied row keeps its 申请编号: a duplicate.
  const copied = rows[0]
  if (copied) rows.push([...copied])
  return { sealReviews: rows }
}
