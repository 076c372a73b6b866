/** `plan --year` (生成年度计划): the sample ledger's annual inspection and replacement plans. */
import { compareFindings } from '../core/findings'
import { checkYear } from '../core/periods'
import { UnusableTabError } from '../core/table'
import {
  inspectionPlanRows,
  planInspections,
  planReplacements,
  replacementPlanRows,
} from '../ledgers/samples/plans'
import { readSampleLedger } from '../ledgers/samples/samples'
import { INSPECTION_PLAN, REPLACEMENT_PLAN, SAMPLES } from '../ledgers/samples/tabs'
import { createContext } from './context'
import { appendLog } from './log'
import type { PlanReport, RunOptions } from './types'
import { initCommandOf, type WorkbookPort } from './workbook-port'

export async function runPlan(
  port: WorkbookPort,
  year: number,
  options: RunOptions,
  now = new Date(),
): Promise<PlanReport> {
  checkYear(year)
  options.progress?.('读取台账…')
  const context = createContext(port, options.today)
  const ledger = readSampleLedger(context)
  if (!ledger) {
    throw new UnusableTabError(
      SAMPLES.name,
      `缺少工作表“${SAMPLES.name}”，年度计划由样件台账生成；请先运行“${initCommandOf(port)}”`,
    )
  }
  const samples = ledger.samples
  const inspections = planInspections(samples, year, options.today)
  const replacements = planReplacements(samples, year, options.today)
  const summary = `${year} 年度：检验计划 ${inspections.length} 项，更换计划 ${replacements.length} 项`
  if (!options.dryRun) {
    options.progress?.('写入年度计划…')
    port.replaceToolTab(INSPECTION_PLAN, inspectionPlanRows(year, inspections))
    port.replaceToolTab(REPLACEMENT_PLAN, replacementPlanRows(year, replacements))
    appendLog(port, now, `生成 ${year} 年度计划`, options.actor, summary)
  }
  return {
    year,
    inspections: inspections.length,
    replacements: replacements.length,
    findings: [...context.tabs.findings, ...context.findings, ...ledger.findings].sort(compareFindings),
    summary,
  }
}
