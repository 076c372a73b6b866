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

/**
 * The month a date falls due in the plan's year; a date before the year goes first, in January,
 * with what it is on the day the plan is made, in the words `check` uses that day: 已于 … 过期 (or
 * 到期) once it has passed, 今天到期 on the day, 将于 … 到期 while it is still ahead.
 */
function plannedMonth(
  due: IsoDate | undefined,
  year: number,
  today: IsoDate,
): { month: number; early?: string } | undefined {
  if (due === undefined) return undefined
  const { year: dueYear, month } = parts(due)
  if (dueYear > year) return undefined
  if (dueYear === year) return { month }
  const early = due < today ? 'past' : due === today ? 'today' : 'ahead'
  return { month: 1, early }
}

/** What a plan's 备注 says of a date before the plan year. */
function earlyNote(early: string, due: IsoDate, passed: string, action: string): string {
  if (early === 'past') return `已于 ${due} ${passed}，年初优先${action}`
  if (early === 'today') return `今天到期（${due}），年初优先${action}`
  return `将于 ${due} 到期，年初优先${action}`
}

/** The samples a plan may list: 在用 (not 失效/已销毁), and each valid row once. */
function plannable(samples: readonly Sample[]): Sample[] {
  return samples.filter((sample) => sample.active && sample.valid)
}

function byMonthThenId(a: PlannedSample, b: PlannedSample): number {
  return a.month - b.month || (a.sample.id < b.sample.id ? -1 : a.sample.id > b.sample.id ? 1 : 0)
}

export function planInspections(samples: readonly Sample[], year: number, today: IsoDate): PlannedSample[] {
  const planned: PlannedSample[] = []
  for (const sample of plannable(samples)) {
    const due = plannedMonth(sample.nextCalibrationDate, year, today)
    if (!due || sample.nextCalibrationDate === undefined) continue
    const notes: string[] = []
    if (due.early) notes.push(earlyNote(due.early, sample.nextCalibrationDate, '到期', '安排'))
    if ((sample.calibrationCycleMonths ?? 12) < 12)
      notes.push(`校准周期 ${sample.calibrationCycleMonths} 个月，年内按周期复检`)
    planned.push({ month: due.month, sample, note: notes.join('；') })
  }
  return planned.sort(byMonthThenId)
}

export function planReplacements(samples: readonly Sample[], year: number, today: IsoDate): PlannedSample[] {
  const planned: PlannedSample[] = []
  for (const sample of plannable(samples)) {
    const due = plannedMonth(sample.expiryDate, year, today)
    if (!due || sample.expiryDate === undefined) continue
    planned.push({
      month: due.month,
      sample,
      note: due.early ? earlyNote(due.early, sample.expiryDate, '过期', '更换') : '',
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
