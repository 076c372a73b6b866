/**
 * The annual plans made at the start of each year: the accuracy-inspection plan (样件管理办法 4.2.1,
 * 附件1) and the replacement plan (样件管理规范 5.2.4, 附件2), one row per sample due in the year.
 */
import { dateCell, type OutputCell } from '../../core/cells'
import { type IsoDate, parts } from '../../core/dates'
import type { Sample } from './samples'

export interface PlannedSample {
  readonly month: number
  readonly sample: Sample
  readonly note: string
}

/** The month a date falls due in the plan's year; a date before the year goes first, in January. */
function plannedMonth(
  due: IsoDate | undefined,
  year: number,
): { month: number; overdue: boolean } | undefined {
  if (due === undefined) return undefined
  const { year: dueYear, month } = parts(due)
  if (dueYear > year) return undefined
  return dueYear < year ? { month: 1, overdue: true } : { month, overdue: false }
}

function byMonthThenId(a: PlannedSample, b: PlannedSample): number {
  return a.month - b.month || (a.sample.id < b.sample.id ? -1 : a.sample.id > b.sample.id ? 1 : 0)
}

export function planInspections(samples: readonly Sample[], year: number): PlannedSample[] {
  const planned: PlannedSample[] = []
  for (const sample of samples) {
    if (!sample.active) continue
    const due = plannedMonth(sample.nextCalibrationDate, year)
    if (!due) continue
    const notes: string[] = []
    if (due.overdue) notes.push(`已于 ${sample.nextCalibrationDate} 到期，年初优先安排`)
    if ((sample.calibrationCycleMonths ?? 12) < 12)
      notes.push(`校准周期 ${sample.calibrationCycleMonths} 个月，年内按周期复检`)
    planned.push({ month: due.month, sample, note: notes.join('；') })
  }
  return planned.sort(byMonthThenId)
}

export function planReplacements(samples: readonly Sample[], year: number): PlannedSample[] {
  const planned: PlannedSample[] = []
  for (const sample of samples) {
    if (!sample.active) continue
    const due = plannedMonth(sample.expiryDate, year)
    if (!due) continue
    planned.push({
      month: due.month,
      sample,
      note: due.overdue ? `已于 ${sample.expiryDate} 过期，年初优先更换` : '',
    })
  }
  return planned.sort(byMonthThenId)
}

/** The columns both plans start with: 年度 · 计划月份 · 样件编号 · 样件名称 · 零件号 · 客户. */
function plannedSample(year: number, { month, sample }: PlannedSample): OutputCell[] {
  return [year, month, sample.id, sample.name, sample.partNumber, sample.customer]
}

/** 样件检验计划 rows, in its template's column order. */
export function inspectionPlanRows(year: number, planned: readonly PlannedSample[]): OutputCell[][] {
  return planned.map((entry) => {
    const { sample, note } = entry
    return [
      ...plannedSample(year, entry),
      dateCell(sample.lastCalibrationDate),
      dateCell(sample.nextCalibrationDate),
      sample.department,
      sample.custodian,
      note,
    ]
  })
}

/** 样件更换计划 rows, in its template's column order. */
export function replacementPlanRows(year: number, planned: readonly PlannedSample[]): OutputCell[][] {
  return planned.map((entry) => {
    const { sample, note } = entry
    return [
      ...plannedSample(year, entry),
      sample.material ?? '',
      dateCell(sample.confirmationDate),
      dateCell(sample.expiryDate),
      sample.department,
      sample.custodian,
      note,
    ]
  })
}
