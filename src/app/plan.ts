/**
 * The annual plans made at the start of each year: the accuracy-inspection plan (样件管理办法 4.2.1,
 * 附件1) and the replacement plan (样件管理规范 5.2.4, 附件2), one row per sample due in the year.
 */

import { TEMPLATES } from '../../sheets-templates'
import type { OutputCell } from '../core/cells'
import { type IsoDate, parts } from '../core/dates'
import { compareFindings } from '../core/findings'
import { UnusableTabError } from '../core/table'
import type { WorkbookPort } from '../hosts/workbook'
import { readSampleLedger } from '../ledgers/sample-check'
import type { Sample } from '../ledgers/samples'
import { createContext } from './context'
import { logTimestamp } from './time'
import type { PlanReport, RunOptions } from './types'

export const FIRST_PLAN_YEAR = 2000
export const LAST_PLAN_YEAR = 2100

interface PlannedSample {
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

export async function runPlan(
  port: WorkbookPort,
  year: number,
  options: RunOptions,
  now = new Date(),
): Promise<PlanReport> {
  if (!Number.isInteger(year) || year < FIRST_PLAN_YEAR || year > LAST_PLAN_YEAR) {
    throw new RangeError(`年度必须是 ${FIRST_PLAN_YEAR} 到 ${LAST_PLAN_YEAR} 之间的整数`)
  }
  options.progress?.('读取台账…')
  const context = createContext(port, options.today)
  const ledger = readSampleLedger(context)
  if (!ledger) {
    throw new UnusableTabError(
      TEMPLATES.samples.name,
      `缺少工作表“${TEMPLATES.samples.name}”，年度计划由样件台账生成；请先运行“初始化台账”（taizhang init）`,
    )
  }
  const samples = ledger.samples
  const inspections = planInspections(samples, year)
  const replacements = planReplacements(samples, year)
  const date = (value: IsoDate | undefined): OutputCell => (value === undefined ? null : { date: value })
  const summary = `${year} 年度：检验计划 ${inspections.length} 项，更换计划 ${replacements.length} 项`
  if (!options.dryRun) {
    options.progress?.('写入年度计划…')
    port.replaceToolTab(
      TEMPLATES.inspectionPlan,
      inspections.map(({ month, sample, note }) => [
        year,
        month,
        sample.id,
        sample.name,
        sample.partNumber,
        sample.customer,
        date(sample.lastCalibrationDate),
        date(sample.nextCalibrationDate),
        sample.department,
        sample.custodian,
        note,
      ]),
    )
    port.replaceToolTab(
      TEMPLATES.replacementPlan,
      replacements.map(({ month, sample, note }) => [
        year,
        month,
        sample.id,
        sample.name,
        sample.partNumber,
        sample.customer,
        sample.material ?? '',
        date(sample.confirmationDate),
        date(sample.expiryDate),
        sample.department,
        sample.custodian,
        note,
      ]),
    )
    port.appendRows(TEMPLATES.log, [
      [logTimestamp(now, port.timeZone), `生成 ${year} 年度计划`, options.actor, summary],
    ])
  }
  return {
    year,
    inspections: inspections.length,
    replacements: replacements.length,
    findings: [...context.tabs.findings, ...context.findings, ...ledger.findings].sort(compareFindings),
    summary,
  }
}
