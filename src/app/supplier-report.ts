/**
 * `report --year --suppliers` (供应商年度评定; 供应商管理办法 十一.3): every supplier of 供应商名录 over
 * the year from 供应商月度评定 and 索赔, written as the 年度评定 tab. The user's 分类 is copied, never
 * changed: the suggestion is a column of its own.
 */
import { compareFindings, type Finding } from '../core/findings'
import { checkYear } from '../core/periods'
import { UnusableTabError } from '../core/table'
import {
  type AnnualReport,
  annualReport,
  annualReportRows,
  annualSummary,
} from '../ledgers/suppliers/ratings'
import { readSupplierLedger } from '../ledgers/suppliers/suppliers'
import { CLAIMS, SUPPLIER_ANNUAL, SUPPLIER_RATINGS, SUPPLIERS } from '../ledgers/suppliers/tabs'
import { createContext } from './context'
import { appendLog } from './log'
import type { RunOptions } from './types'
import { initCommandOf, type WorkbookPort } from './workbook-port'

export interface SupplierReportResult {
  readonly report: AnnualReport
  /** DATA_INVALID findings about the tabs the report reads: why a rating was left out. */
  readonly findings: readonly Finding[]
  readonly summary: string
}

export async function runSupplierReport(
  port: WorkbookPort,
  year: number,
  options: RunOptions,
  now = new Date(),
): Promise<SupplierReportResult> {
  checkYear(year)
  options.progress?.('读取供应商名录、供应商月度评定和索赔…')
  const context = createContext(port, options.today)
  const ledger = readSupplierLedger(context)
  if (!ledger) {
    throw new UnusableTabError(
      SUPPLIERS.name,
      `缺少工作表“${SUPPLIERS.name}”，年度评定由供应商名录和供应商月度评定生成；请先运行“${initCommandOf(port)}”`,
    )
  }
  const report = annualReport(ledger, year, context.params)
  const summary = annualSummary(report)
  if (!options.dryRun) {
    options.progress?.(`写入“${SUPPLIER_ANNUAL.name}”…`)
    port.replaceToolTab(SUPPLIER_ANNUAL, annualReportRows(report, options.today))
    appendLog(port, now, `生成 ${year} 年供应商年度评定`, options.actor, summary)
  }
  const sheets = new Set([SUPPLIERS.name, SUPPLIER_RATINGS.name, CLAIMS.name])
  const findings = [...context.tabs.findings, ...ledger.findings]
    .filter((finding) => sheets.has(finding.sheet))
    .sort(compareFindings)
  return { report, findings, summary }
}
