/**
 * Apps Script ends an execution after 6 minutes. A check of a very big workbook therefore watches the
 * clock: once CHECK_TIME_BUDGET_MS have passed it starts no further ledger, writes what it has
 * (owned columns of the ledgers done, 提醒汇总, a log line saying what is left) and schedules a
 * one-off trigger that continues a minute later, with the ledgers done so far and their findings
 * kept in the document properties (check-progress.ts). The continuation checks the remaining ledgers
 * and adds their findings to those.
 */
import { runCheck } from '../../app/check'
import type { CheckProgress, CheckReport } from '../../app/types'
import { dateInTimeZone } from '../../core/dates'
import { findingsInAlerts } from './alerts-read-back'
import { clearProgress, type KeptProgress, loadProgress, saveProgress } from './check-progress'
import type { GasServices } from './services'
import type { GasProperties } from './sheets-api'
import type { SheetsWorkbook } from './sheets-workbook'
import { removeContinuations, scheduleContinuation } from './triggers'

/** Well inside the 6-minute limit: the writes after the last ledger and the log still fit. */
export const CHECK_TIME_BUDGET_MS = 4.5 * 60 * 1000

export interface TimedCheckOptions {
  readonly actor: string
  readonly progress: (message: string) => void
  /** A continuation run: the ledgers an earlier run did today are not checked again. */
  readonly continuing: boolean
}

/** Runs the check within the time budget; returns the report and whether it is complete. */
export async function runCheckInTime(
  services: GasServices,
  workbook: SheetsWorkbook,
  options: TimedCheckOptions,
): Promise<CheckReport> {
  const started = services.now().getTime()
  const today = dateInTimeZone(services.now(), workbook.timeZone)
  const properties = documentProperties(services)
  const kept =
    options.continuing && properties ? loadProgress(properties, services.utilities(), today) : undefined
  const resume = kept ? resumeOf(kept, workbook) : undefined
  const report = await runCheck(
    workbook,
    {
      today,
      actor: options.actor,
      progress: options.progress,
      // Without a place to keep the progress, the check runs whole.
      ...(properties ? { deadline: () => services.now().getTime() - started > CHECK_TIME_BUDGET_MS } : {}),
      ...(resume ? { resume } : {}),
    },
    services.now(),
  )
  // The check's results are written by now: bookkeeping that fails is logged, not thrown.
  try {
    const scriptApp = services.scriptApp()
    removeContinuations(scriptApp)
    if (report.pending.length > 0 && properties) {
      saveProgress(properties, services.utilities(), report.progress)
      scheduleContinuation(scriptApp)
    } else if (properties) {
      clearProgress(properties)
    }
  } catch (error) {
    console.error(`无法安排继续检查（尚未检查：${report.pending.join('、') || '无'}）`, error)
  }
  return report
}

/** The findings of the earlier runs are in the progress, or, when they were too many to keep there, in 提醒汇总. */
function resumeOf(kept: KeptProgress, workbook: SheetsWorkbook): CheckProgress {
  return { ...kept, findings: kept.findings ?? findingsInAlerts(workbook) }
}

function documentProperties(services: GasServices): GasProperties | null {
  try {
    return services.propertiesService?.().getDocumentProperties() ?? null
  } catch (error) {
    console.warn('无法读取文档属性，本次检查不分段', error)
    return null
  }
}
