/**
 * The demo's 封样评审: one review per finding, dated relative to the day the demo is made. The parts
 * reviewed are the demo 样件台账's 封样样件, except the one whose sealed sample was never registered.
 */
import type { Cell, DateCell } from '../../core/cells'
import { addDays, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { SEAL_REVIEWS } from './tabs'

/** Days before today and a clock time, as a date-time cell. */
function at(today: IsoDate, daysBefore: number, time: string): DateCell {
  const [hours, minutes] = time.split(':').map(Number)
  return { date: addDays(today, -daysBefore), minutes: (hours ?? 0) * 60 + (minutes ?? 0) }
}

const COMPLETE = {
  小批试制评审单: '有',
  性能实验报告: '有',
  第三方检测报告: '有',
  电器件检测报告: '不适用',
  研发签字: '周强',
  品管签字: '孙丽',
} as const

export function demoRows(today: IsoDate): SeedRows {
  const review = (fields: Readonly<Record<string, Cell>>): Cell[] =>
    templateRow(SEAL_REVIEWS, { 申请部门: '研发部', 需试装: '否', ...fields })
  const rows: Cell[][] = [
    // complete, notified a month ahead, trial within the day: nothing to flag
    review({
      申请编号: 'FY-001',
      零件号: 'QM-6800110',
      零件名称: '座椅滑轨',
      通知时间: at(today, 40, '09:00'),
      评审时间: at(today, 10, '09:00'),
      需试装: '是',
      试装完成时间: at(today, 10, '10:00'),
      ...COMPLETE,
      结论: '通过',
    }),
    // SEAL_NOTICE_TOO_LATE: told an hour before the review
    review({
      申请编号: 'FY-002',
      零件号: 'QM-8210330',
      零件名称: '卡扣',
      通知时间: at(today, 5, '08:00'),
      评审时间: at(today, 5, '09:00'),
      ...COMPLETE,
      结论: '通过',
    }),
    // SEAL_TRIAL_OVERDUE: the trial took two days
    review({
      申请编号: 'FY-003',
      零件号: 'QM-6107010',
      零件名称: '车门密封条',
      通知时间: at(today, 30, '09:00'),
      评审时间: at(today, 20, '10:00'),
      需试装: '是',
      试装完成时间: at(today, 18, '10:00'),
      ...COMPLETE,
      结论: '通过',
    }),
    // SEAL_TRIAL_OVERDUE: the trial is still open three days after the review
    review({
      申请编号: 'FY-004',
      零件号: 'QM-2905110',
      零件名称: '减震垫',
      通知时间: at(today, 30, '09:00'),
      评审时间: at(today, 3, '14:00'),
      需试装: '是',
    }),
    // SEAL_INCOMPLETE: passed without the performance report and without 品管's signature
    review({
      申请编号: 'FY-005',
      零件号: 'QM-6105310',
      零件名称: '门锁扣板',
      通知时间: at(today, 30, '09:00'),
      评审时间: at(today, 8, '14:00'),
      ...COMPLETE,
      性能实验报告: '无',
      品管签字: null,
      结论: '通过',
    }),
    // SEAL_SAMPLE_MISSING: passed, but 样件台账 has no 封样样件 of this part
    review({
      申请编号: 'FY-006',
      零件号: 'QM-6900110',
      零件名称: '后排座椅骨架',
      通知时间: at(today, 30, '09:00'),
      评审时间: at(today, 12, '09:30'),
      ...COMPLETE,
      结论: '通过',
    }),
    // SEAL_RECTIFICATION_OPEN: 整改 40 days ago and not yet done
    review({
      申请编号: 'FY-007',
      零件号: 'QM-5306010',
      零件名称: '仪表板支架',
      通知时间: at(today, 60, '09:00'),
      评审时间: at(today, 40, '09:00'),
      ...COMPLETE,
      结论: '整改',
      问题点: '焊点飞溅，安装孔位偏移',
    }),
    // rectified within the month: nothing to flag
    review({
      申请编号: 'FY-008',
      零件号: 'QM-5306020',
      零件名称: '仪表板横梁',
      通知时间: at(today, 80, '09:00'),
      评审时间: at(today, 60, '09:00'),
      ...COMPLETE,
      结论: '整改',
      问题点: '表面划伤',
      整改完成日期: { date: addDays(today, -45) },
    }),
    // bad cells, each a DATA_INVALID finding: 评审时间 without a time of day, a trial finished
    // before the review, a report entry outside 有/无/不适用; the other rows are still checked
    review({
      申请编号: 'FY-009',
      零件号: 'QM-6800110',
      零件名称: '座椅滑轨',
      通知时间: at(today, 30, '09:00'),
      评审时间: { date: addDays(today, -6) },
      ...COMPLETE,
    }),
    review({
      申请编号: 'FY-010',
      零件号: 'QM-8210330',
      零件名称: '卡扣',
      通知时间: at(today, 30, '09:00'),
      评审时间: at(today, 7, '14:00'),
      需试装: '是',
      试装完成时间: at(today, 7, '11:00'),
      ...COMPLETE,
    }),
    review({
      申请编号: 'FY-011',
      零件号: 'QM-6107010',
      零件名称: '车门密封条',
      通知时间: at(today, 30, '09:00'),
      评审时间: at(today, 9, '09:00'),
      ...COMPLETE,
      第三方检测报告: '送检中',
    }),
  ]
  // A copied row keeps its 申请编号: a duplicate.
  const copied = rows[0]
  if (copied) rows.push([...copied])
  return { sealReviews: rows }
}
