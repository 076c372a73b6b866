/**
 * The handlers the bundle exposes as globals (main.ts): the onOpen simple trigger, the commands of
 * the 台账 menu (menu.ts) and the trigger handlers (triggers.ts), each bound to the services.
 */
import { checkNow, checkNowFromSidebar, triggeredCheck } from './commands/check'
import { generateHalfYearReport } from './commands/half-year-report'
import { initLedgers } from './commands/init'
import { generatePlan } from './commands/plan'
import { generateReplyLetter } from './commands/reply-letter'
import { generateSatisfactionReport } from './commands/satisfaction-report'
import { generateSealForm } from './commands/seal-form'
import { jumpToFinding, showTodaySidebar, sidebarFindings } from './commands/sidebar'
import { startCheckFromSidebar, startExplain, takeResult } from './commands/sidebar-answers'
import { generateSupplierReport } from './commands/supplier-report'
import { explainFinding, type WhyAnswer } from './commands/why'
import { onOpen } from './menu'
import type { GasServices } from './services'
import type {
  CheckAnswer,
  JumpAnswer,
  JumpRequest,
  SidebarData,
  Started,
  TakenAnswer,
  WhyRequest,
  WhyText,
} from './sidebar/protocol'
import { disableDailyCheck, enableDailyCheck } from './triggers'

export interface Handlers {
  /** Simple trigger: builds the 台账 menu. */
  onOpen(event?: unknown): void
  initLedgers(): Promise<void>
  checkNow(): Promise<void>
  /** 生成答复单 for the visit row selected in 客户走访记录. */
  generateReplyLetter(): Promise<void>
  /** 生成封样评审表 for the review row selected in 封样评审. */
  generateSealForm(): Promise<void>
  /** 生成半年评估: asks for the half-year, writes 半年评估 and its chart. */
  generateHalfYearReport(): Promise<void>
  /** 生成满意度调查报告: asks for the year, writes 顾客满意度调查分析报告 and its chart. */
  generateSatisfactionReport(): Promise<void>
  /** 生成供应商年度评定: asks for the year, writes 年度评定. */
  generateSupplierReport(): Promise<void>
  generatePlan(): Promise<void>
  enableDailyCheck(): Promise<void>
  disableDailyCheck(): Promise<void>
  /** Time-driven trigger. */
  dailyCheck(event?: unknown): Promise<void>
  /** One-off trigger: continues a check that ran out of time (resumable-check.ts). */
  continueCheck(event?: unknown): Promise<void>
  /** For the sidebar (google.script.run): why a record has the findings it has (taizhang why). */
  explainFinding(request?: WhyRequest): Promise<WhyAnswer>
  /** 今日提醒: opens the sidebar (commands/sidebar.ts). */
  showTodaySidebar(): void
  /** For the sidebar: what the last check wrote into 提醒汇总, with owners and counts. */
  sidebarFindings(): SidebarData
  /** For the sidebar: shows a finding's tab and selects its row. */
  jumpToFinding(request?: JumpRequest): JumpAnswer
  /** For the sidebar: 立即检查, its outcome told in the sidebar. */
  checkNowFromSidebar(): Promise<CheckAnswer>
  /** For the sidebar: starts explainFinding; its answer, or a token for takeResult. */
  startExplain(request?: WhyRequest): WhyText | Started
  /** For the sidebar: starts checkNowFromSidebar; a token for takeResult. */
  startCheckFromSidebar(): CheckAnswer | Started
  /** For the sidebar: the answer a start function kept under its token, or pending/missing. */
  takeResult(token?: string): TakenAnswer
}

export type HandlerName = keyof Handlers

export function createHandlers(services: GasServices): Handlers {
  return {
    onOpen: () => onOpen(services),
    initLedgers: () => initLedgers(services),
    checkNow: () => checkNow(services),
    generateReplyLetter: () => generateReplyLetter(services),
    generateSealForm: () => generateSealForm(services),
    generateHalfYearReport: () => generateHalfYearReport(services),
    generateSatisfactionReport: () => generateSatisfactionReport(services),
    generateSupplierReport: () => generateSupplierReport(services),
    generatePlan: () => generatePlan(services),
    enableDailyCheck: () => enableDailyCheck(services),
    disableDailyCheck: () => disableDailyCheck(services),
    dailyCheck: () => triggeredCheck(services, false),
    continueCheck: () => triggeredCheck(services, true),
    explainFinding: (request) => explainFinding(services, request),
    showTodaySidebar: () => showTodaySidebar(services),
    sidebarFindings: () => sidebarFindings(services),
    jumpToFinding: (request) => jumpToFinding(services, request),
    checkNowFromSidebar: () => checkNowFromSidebar(services),
    startExplain: (request) => startExplain(services, request),
    startCheckFromSidebar: () => startCheckFromSidebar(services),
    takeResult: (token) => takeResult(services, token),
  }
}
