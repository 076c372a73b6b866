/**
 * The project's time-driven triggers: the daily check (启用每日检查 installs it, 停用每日检查 removes
 * it) and the one-off trigger that continues a check that ran out of time (resumable-check.ts).
 * Triggers belong to the account that made them: each user sees and removes only their own.
 */
import type { HandlerName } from './handlers'
import { menuCommand } from './menu-command'
import { type GasServices, logLine, menuActor, openWorkbook } from './services'
import type { GasScriptApp } from './sheets-api'

const DAILY_CHECK: HandlerName = 'dailyCheck'
/** The trigger fires at a random minute of this hour, in the spreadsheet's time zone. */
export const DAILY_CHECK_HOUR = 7
/** The handler of the continuation trigger (a global of the bundle, like dailyCheck). */
export const CONTINUE_HANDLER: HandlerName = 'continueCheck'
/** How soon the continuation of a check that ran out of time starts. */
export const CONTINUE_AFTER_MS = 60 * 1000

export function enableDailyCheck(services: GasServices): Promise<void> {
  return menuCommand(services, '启用每日检查', () => {
    const scriptApp = services.scriptApp()
    const workbook = openWorkbook(services)
    removeTriggers(scriptApp, DAILY_CHECK)
    scriptApp
      .newTrigger(DAILY_CHECK)
      .timeBased()
      .everyDays(1)
      .atHour(DAILY_CHECK_HOUR)
      .inTimezone(workbook.timeZone)
      .create()
    const actor = menuActor(services)
    const when = `每天 ${DAILY_CHECK_HOUR} 点到 ${DAILY_CHECK_HOUR + 1} 点之间（${workbook.timeZone}）`
    logLine(services, workbook, '启用每日检查', actor, when)
    return `已启用每日检查：${when}自动检查台账，结果写入“提醒汇总”和“操作日志”。\n每日检查以您的账号（${actor}）运行；如需停用，请点击“台账 → 停用每日检查”。`
  })
}

export function disableDailyCheck(services: GasServices): Promise<void> {
  return menuCommand(services, '停用每日检查', () => {
    const removed = removeTriggers(services.scriptApp(), DAILY_CHECK)
    if (removed === 0) {
      return '您的账号下没有启用每日检查，无需停用。\n如果是其他同事启用的，需要由其本人点击“停用每日检查”。'
    }
    logLine(services, openWorkbook(services), '停用每日检查', menuActor(services), `删除触发器 ${removed} 个`)
    return '已停用每日检查。需要时可再次点击“台账 → 启用每日检查”。'
  })
}

/** Continues the check a minute from now. */
export function scheduleContinuation(scriptApp: GasScriptApp): void {
  scriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create()
}

/** Deletes the continuation triggers: a one-off trigger stays listed after it has fired. */
export function removeContinuations(scriptApp: GasScriptApp): void {
  removeTriggers(scriptApp, CONTINUE_HANDLER)
}

function removeTriggers(scriptApp: GasScriptApp, handler: HandlerName): number {
  let removed = 0
  for (const trigger of scriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === handler) {
      scriptApp.deleteTrigger(trigger)
      removed++
    }
  }
  return removed
}
