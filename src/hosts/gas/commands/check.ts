/**
 * 立即检查 from the menu, and the same check run by the daily trigger and by the one-off trigger
 * that continues a check that ran out of time (resumable-check.ts).
 */
import type { AlertsSnapshot } from '../../../app/digest'
import { DIGEST_ACTION } from '../../../app/notify'
import type { CheckReport } from '../../../app/types'
import { UnusableTabError } from '../../../core/table'
import { alertsBefore, digestAfterRun } from '../digest'
import { MENU_TITLE } from '../menu'
import { lockedCommand, menuCommand, TOAST_SECONDS } from '../menu-command'
import { runCheckInTime } from '../resumable-check'
import { type GasServices, logLine, menuActor, messageOf, openWorkbook, userEmail } from '../services'
import type { SheetsWorkbook } from '../sheets-workbook'
import type { CheckAnswer } from '../sidebar/protocol'

/** The trigger waits longer for the document lock than a menu command: nobody watches it. */
const TRIGGER_LOCK_WAIT_MS = 60_000
/** 操作 of a failed daily check in 操作日志. */
const DAILY_ACTION = '每日检查'
/** 执行人 of the daily check when Apps Script names nobody. */
const DAILY_ACTOR = '每日检查'
const CHECK_TITLE = '立即检查'

export function checkNow(services: GasServices): Promise<void> {
  return menuCommand(services, CHECK_TITLE, () => checkWithToasts(services))
}

/** 立即检查 from the 今日提醒 sidebar: the same check, its outcome told in the sidebar. */
export async function checkNowFromSidebar(services: GasServices): Promise<CheckAnswer> {
  const message = await lockedCommand(services, CHECK_TITLE, () => checkWithToasts(services))
  return { message: message ?? '' }
}

async function checkWithToasts(services: GasServices): Promise<string> {
  const spreadsheet = services.spreadsheet()
  const workbook = openWorkbook(services)
  const report = await runCheckInTime(services, workbook, {
    actor: menuActor(services),
    progress: (message) => spreadsheet.toast(message, MENU_TITLE, TOAST_SECONDS),
    continuing: false,
  })
  return `${report.summary}\n\n检查日期：${report.today}。每条提醒的详情见“提醒汇总”工作表。`
}

/**
 * The daily check (`continuing` false) and its continuation: under the document lock, failures
 * logged in 操作日志.
 */
export async function triggeredCheck(services: GasServices, continuing: boolean): Promise<void> {
  const lock = services.lockService().getDocumentLock()
  if (lock === null || !lock.tryLock(TRIGGER_LOCK_WAIT_MS)) {
    console.warn('每日检查：另一项台账操作正在进行，本次跳过')
    return
  }
  let workbook: SheetsWorkbook | undefined
  const startedAt = services.now().getTime()
  const actor = userEmail(services.session()) || DAILY_ACTOR
  try {
    workbook = openWorkbook(services)
    // 提醒汇总 before the check writes it, when 每日提醒推送 is on: what its digests call new.
    const before = digestBefore(services, workbook, continuing)
    const report = await runCheckInTime(services, workbook, {
      actor,
      progress: (message) => console.log(`每日检查：${message}`),
      continuing,
    })
    console.log(`每日检查${report.pending.length > 0 ? '（部分）' : '完成'}：${report.summary}`)
    if (before !== undefined) await digestsAfter(services, workbook, report, before, actor, startedAt)
  } catch (error) {
    logFailure(services, workbook, DAILY_ACTION, actor, error)
    // A tab the users broke is theirs to fix and is in 操作日志; anything else is a bug, and
    // rethrowing it lets Apps Script mark the run failed and notify the trigger's owner.
    if (!(error instanceof UnusableTabError)) throw error
  } finally {
    lock.releaseLock()
  }
}

/** 提醒汇总 before the check for 每日提醒推送; a failure here costs the digest, never the check. */
function digestBefore(
  services: GasServices,
  workbook: SheetsWorkbook,
  continuing: boolean,
): AlertsSnapshot | undefined {
  try {
    return alertsBefore(services, workbook, continuing)
  } catch (error) {
    console.error('每日提醒推送：无法读取检查前的“提醒汇总”，本次不推送', error)
    return undefined
  }
}

/** 每日提醒推送 after each run (it sends once the check is complete): a failure is logged, never the check's failure. */
async function digestsAfter(
  services: GasServices,
  workbook: SheetsWorkbook,
  report: CheckReport,
  before: AlertsSnapshot,
  actor: string,
  startedAt: number,
): Promise<void> {
  try {
    await digestAfterRun(services, workbook, report, before, actor, startedAt)
  } catch (error) {
    logFailure(services, workbook, DIGEST_ACTION, actor, error)
  }
}

/** A failure of `action`, in the console and, when the workbook is open, in 操作日志. */
function logFailure(
  services: GasServices,
  workbook: SheetsWorkbook | undefined,
  action: string,
  actor: string,
  error: unknown,
): void {
  console.error(`${action}失败`, error)
  try {
    if (workbook !== undefined) logLine(services, workbook, action, actor, `失败：${messageOf(error)}`)
  } catch (logError) {
    console.error(`${action}：无法写入操作日志`, logError)
  }
}
