/**
 * The Apps Script entry: hands the real services to the handlers and exports them. The build
 * (scripts/build.mjs) bundles this file as one IIFE and adds a top-level stub for every export, so
 * that menus, triggers and the editor's function list can call them. Nothing here runs at load
 * time: every service is fetched when a handler runs.
 */
import { createHandlers } from './handlers'

export const {
  onOpen,
  initLedgers,
  checkNow,
  generateReplyLetter,
  generateSealForm,
  generateHalfYearReport,
  generateSatisfactionReport,
  generateSupplierReport,
  generatePlan,
  enableDailyCheck,
  disableDailyCheck,
  dailyCheck,
  continueCheck,
  explainFinding,
  showTodaySidebar,
  sidebarFindings,
  jumpToFinding,
  checkNowFromSidebar,
  startExplain,
  startCheckFromSidebar,
  takeResult,
} = createHandlers({
  spreadsheet: () => SpreadsheetApp.getActiveSpreadsheet(),
  ui: () => SpreadsheetApp.getUi(),
  newDataValidation: () => SpreadsheetApp.newDataValidation(),
  newRichTextValue: () => SpreadsheetApp.newRichTextValue(),
  newConditionalFormatRule: () => SpreadsheetApp.newConditionalFormatRule(),
  documentApp: () => DocumentApp,
  driveApp: () => DriveApp,
  scriptApp: () => ScriptApp,
  lockService: () => LockService,
  session: () => Session,
  now: () => new Date(),
  propertiesService: () => PropertiesService,
  utilities: () => Utilities,
  htmlService: () => HtmlService,
  mailApp: () => MailApp,
  urlFetchApp: () => UrlFetchApp,
  cacheService: () => CacheService,
  protectionType: () => SpreadsheetApp.ProtectionType,
})
