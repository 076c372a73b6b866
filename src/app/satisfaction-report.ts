/**
 * `report --year --survey` (生成满意度调查报告; 客户档案管理制度 6): the year's 顾客满意度调查分析报告
 * from 客户意见调查 and 服务登记簿, written as its tab; the months it returns are what the hosts chart.
 */
import { compareFindings, type Finding } from '../core/findings'
import { checkYear } from '../core/periods'
import { UnusableTabError } from '../core/table'
import {
  type SatisfactionReport,
  satisfactionReport,
  satisfactionReportRows,
  satisfactionSummary,
} from '../ledgers/services/satisfaction-report'
import { readServices } from '../ledgers/services/services'
import { SATISFACTION_REPORT, SERVICES, SURVEYS } from '../ledgers/services/tabs'
import { createContext } from './context'
import { appendLog } from './log'
import type { RunOptions } from './types'
import { initCommandOf, type WorkbookPort } from './workbook-port'

/** The years a report may be asked for. */
export interface SatisfactionReportResult {
  readonly report: SatisfactionReport
  /** DATA_INVALID findings about the two tabs: why a survey or a rating was left out. */
  readonly findings: readonly Finding[]
  readonly summary: string
}

export async function runSatisfactionReport(
  port: WorkbookPort,
  year: number,
  options: RunOptions,
  now = new Date(),
): Promise<SatisfactionReportResult> {
  checkYear(year)
  options.progress?.('读取服务登记簿和客户意见调查…')
  const context = createContext(port, options.today)
  const ledger = readServices(context)
  if (!ledger) {
    throw new UnusableTabError(
      SERVICES.name,
      `缺少工作表“${SERVICES.name}”，满意度调查报告由服务登记簿和客户意见调查生成；请先运行“${initCommandOf(port)}”`,
    )
  }
  const report = satisfactionReport(ledger, year)
  const summary = satisfactionSummary(report)
  if (!options.dryRun) {
    options.progress?.(`写入“${SATISFACTION_REPORT.name}”…`)
    port.replaceToolTab(SATISFACTION_REPORT, satisfactionReportRows(report, options.today))
    appendLog(port, now, `生成 ${year} 年顾客满意度调查分析报告`, options.actor, summary)
  }
  const sheets = new Set([SERVICES.name, SURVEYS.name])
  const findings = [...context.tabs.findings, ...ledger.findings]
    .filter((finding) => sheets.has(finding.sheet))
    .sort(compareFindings)
  return { report, findings, summary }
}
