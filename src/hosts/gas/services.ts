/**
 * The Apps Script services the handlers use, and the wiring every command shares: the workbook
 * over the active spreadsheet, today in its time zone, who runs the command, a line in 操作日志.
 * Everything Apps Script provides comes in through `GasServices`, so the commands run under test with
 * fakes; main.ts hands them the real services.
 */
import { appendLog } from '../../app/log'
import { dateInTimeZone, type IsoDate } from '../../core/dates'
import type { GasDocumentApp, GasDriveApp } from './docs-api'
import type {
  GasCacheService,
  GasConditionalFormatRuleBuilder,
  GasDataValidationBuilder,
  GasHtmlService,
  GasLockService,
  GasMailApp,
  GasPropertiesService,
  GasProtectionTypes,
  GasRichTextValueBuilder,
  GasScriptApp,
  GasSession,
  GasSpreadsheet,
  GasUi,
  GasUrlFetchApp,
  GasUtilities,
} from './sheets-api'
import { SheetsWorkbook } from './sheets-workbook'

/** Everything the handlers need, fetched lazily so that loading the bundle touches no service. */
export interface GasServices {
  spreadsheet(): GasSpreadsheet
  ui(): GasUi
  newDataValidation(): GasDataValidationBuilder
  newRichTextValue(): GasRichTextValueBuilder
  /** The check's row colours (conditional formats). */
  newConditionalFormatRule(): GasConditionalFormatRuleBuilder
  /** 生成答复单: the letter as a Google Doc, in a Drive folder (docs-api.ts). */
  documentApp(): GasDocumentApp
  driveApp(): GasDriveApp
  scriptApp(): GasScriptApp
  lockService(): GasLockService
  session(): GasSession
  now(): Date
  /**
   * Where a check that needs several runs keeps its progress (PropertiesService, no scope needed);
   * without it every check runs whole.
   */
  propertiesService?(): GasPropertiesService
  /** Compresses the progress kept in the document properties; waits before a webhook retry. */
  utilities(): GasUtilities
  /** The 今日提醒 sidebar's page (commands/sidebar.ts). */
  htmlService(): GasHtmlService
  /** 每日提醒推送 by e-mail; without it, digests go to webhooks only. */
  mailApp?(): GasMailApp
  /** 每日提醒推送 to 企业微信/钉钉/飞书 robots; without it, digests go by e-mail only. */
  urlFetchApp?(): GasUrlFetchApp
  /** Where the sidebar's answers wait for the page to take them (commands/sidebar-answers.ts). */
  cacheService(): GasCacheService
  /** SpreadsheetApp.ProtectionType: 初始化台账 guards the tool's columns with it. */
  protectionType?(): GasProtectionTypes
}

/** 执行人 of a menu command when Apps Script names nobody. */
const MENU_ACTOR = '未知用户'

export function openWorkbook(services: GasServices): SheetsWorkbook {
  return new SheetsWorkbook(
    services.spreadsheet(),
    () => services.newDataValidation(),
    () => services.newRichTextValue(),
    () => services.newConditionalFormatRule(),
    services.protectionType?.(),
  )
}

export function todayIn(services: GasServices, workbook: SheetsWorkbook): IsoDate {
  return dateInTimeZone(services.now(), workbook.timeZone)
}

/** The Google account that runs the command; empty where Apps Script does not reveal it. */
export function userEmail(session: GasSession): string {
  for (const user of [() => session.getActiveUser(), () => session.getEffectiveUser()]) {
    try {
      const email = user().getEmail()
      if (email) return email
    } catch {
      // Not available in this context (a simple trigger, a consumer account in a trigger).
    }
  }
  return ''
}

/** 执行人 of a menu command in 操作日志. */
export function menuActor(services: GasServices): string {
  return userEmail(services.session()) || MENU_ACTOR
}

/** Today and who runs it, for the app's commands (runInit, runPlan, runReport). */
export function menuRun(services: GasServices, workbook: SheetsWorkbook): { today: IsoDate; actor: string } {
  return { today: todayIn(services, workbook), actor: menuActor(services) }
}

export function logLine(
  services: GasServices,
  workbook: SheetsWorkbook,
  action: string,
  actor: string,
  result: string,
): void {
  appendLog(workbook, services.now(), action, actor, result)
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
