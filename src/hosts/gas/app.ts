/**
 * The Google Sheets add-on: the 台账 menu, its commands and the daily trigger. Everything Apps
 * Script provides comes in through `GasServices`, so this module runs under test with fakes;
 * main.ts hands it the real services and exposes the handlers as globals.
 */

import { runInit } from '../../app/init'
import { logTimestamp } from '../../app/log'
import { runPlan } from '../../app/plan'
import { LetterRefusedError, prepareReplyLetter, recordReplyLetter } from '../../app/reply-letter'
import { runReport } from '../../app/report'
import { TEMPLATES } from '../../app/tabs'
import type { InitReport } from '../../app/types'
import { dateInTimeZone, type IsoDate, parts } from '../../core/dates'
import { type HalfYear, lastCompletedPeriod } from '../../core/periods'
import { UnusableTabError } from '../../core/table'
import { toHalfWidth } from '../../core/text'
import { FIRST_PLAN_YEAR, LAST_PLAN_YEAR } from '../../ledgers/samples/plans'
import { writeLetterDocument } from './docs-letter'
import { CHART_PLACE, drawHalfYearChart } from './half-year-chart'
import { describeReport, parseReportPeriod, reportPrompt } from './half-year-menu'
import { runCheckInTime } from './resumable-check'
import type { GasLock, GasScriptApp, GasServices, GasSession } from './sheets-api'
import { SheetsWorkbook } from './sheets-workbook'

export interface Handlers {
  /** Simple trigger: builds the 台账 menu. */
  onOpen(event?: unknown): void
  initLedgers(): Promise<void>
  checkNow(): Promise<void>
  /** 生成答复单 for the visit row selected in 客户走访记录. */
  generateReplyLetter(): Promise<void>
  /** 生成半年评估: asks for the half-year, writes 半年评估 and its chart. */
  generateHalfYearReport(): Promise<void>
  generatePlan(): Promise<void>
  enableDailyCheck(): Promise<void>
  disableDailyCheck(): Promise<void>
  /** Time-driven trigger. */
  dailyCheck(event?: unknown): Promise<void>
  /** One-off trigger: continues a check that ran out of time (resumable-check.ts). */
  continueCheck(event?: unknown): Promise<void>
}

export type HandlerName = keyof Handlers

export const MENU_TITLE = '台账'

/** The 台账 menu in order; null is a separator. Each item calls the global of the same name. */
export const MENU: readonly ({ readonly caption: string; readonly handler: HandlerName } | null)[] = [
  { caption: '初始化台账', handler: 'initLedgers' },
  { caption: '立即检查', handler: 'checkNow' },
  { caption: '生成答复单', handler: 'generateReplyLetter' },
  { caption: '生成半年评估', handler: 'generateHalfYearReport' },
  { caption: '生成年度计划', handler: 'generatePlan' },
  null,
  { caption: '启用每日检查', handler: 'enableDailyCheck' },
  { caption: '停用每日检查', handler: 'disableDailyCheck' },
]

const DAILY_CHECK: HandlerName = 'dailyCheck'
/** The trigger fires at a random minute of this hour, in the spreadsheet's time zone. */
export const DAILY_CHECK_HOUR = 7
/** Menu commands wait a little for a running check; the trigger waits longer, nobody watches it. */
const MENU_LOCK_WAIT_MS = 10_000
const TRIGGER_LOCK_WAIT_MS = 60_000
/** 操作 of a failed daily check in 操作日志. */
const DAILY_ACTION = '每日检查'
/** 执行人 of the daily check when Apps Script names nobody. */
const DAILY_ACTOR = '每日检查'
const MENU_ACTOR = '未知用户'
const TOAST_SECONDS = 5

/** 生成年度计划 suggests next year from November on, when next year's plan is being prepared. */
export function defaultPlanYear(today: IsoDate): number {
  const { year, month } = parts(today)
  return month >= 11 ? year + 1 : year
}

/** The year typed into the prompt, or the message explaining what is wrong with it. */
export function parsePlanYear(typed: string, suggested: number): number | { problem: string } {
  const text = toHalfWidth(typed).replace(/\s+/g, '')
  if (text === '') return suggested
  const match = /^(\d{4})年?$/.exec(text)
  const year = match ? Number(match[1]) : Number.NaN
  if (year >= FIRST_PLAN_YEAR && year <= LAST_PLAN_YEAR) return year
  return {
    problem: `“${typed.trim()}”不是有效的年度。请输入 ${FIRST_PLAN_YEAR} 到 ${LAST_PLAN_YEAR} 之间的四位数年份，例如 ${suggested}。`,
  }
}

export function describeInit(report: InitReport): string {
  const lines: string[] = []
  if (report.createdTabs.length > 0) {
    lines.push(`已新建 ${report.createdTabs.length} 个工作表：${report.createdTabs.join('、')}`)
  }
  if (report.addedHeaders.length > 0) {
    lines.push('已在现有工作表末尾补齐表头（原有数据未改动）：')
    for (const { tab, headers } of report.addedHeaders) lines.push(`· ${tab}：${headers.join('、')}`)
  }
  if (lines.length === 0) lines.push(report.summary)
  lines.push('', '下一步：在“样件台账”等工作表中填写数据，然后点击“台账 → 立即检查”。')
  return lines.join('\n')
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function removeDailyTriggers(scriptApp: GasScriptApp): number {
  let removed = 0
  for (const trigger of scriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === DAILY_CHECK) {
      scriptApp.deleteTrigger(trigger)
      removed++
    }
  }
  return removed
}

/** The visit row the user selected in 客户走访记录, or what to tell them about the selection. */
export function selectedVisitRow(services: GasServices): number | { problem: string } {
  const range = services.spreadsheet().getActiveRange()
  const sheet = range?.getSheet().getName()
  if (range === null || range === undefined || sheet !== TEMPLATES.visits.name) {
    return {
      problem: `请先打开“${TEMPLATES.visits.name}”工作表，点选要答复的那条走访记录（该行任一单元格），再点击“台账 → 生成答复单”。`,
    }
  }
  if (range.getNumRows() !== 1) {
    return { problem: '一次只能为一条走访记录生成答复单：请只选中一行，再点击“台账 → 生成答复单”。' }
  }
  if (range.getRow() < 2) {
    return { problem: '第 1 行是表头。请点选要答复的那条走访记录所在的行，再点击“台账 → 生成答复单”。' }
  }
  return range.getRow()
}

export function createHandlers(services: GasServices): Handlers {
  const alert = (title: string, message: string): void => {
    const ui = services.ui()
    ui.alert(title, message, ui.ButtonSet.OK)
  }

  const openWorkbook = (): SheetsWorkbook =>
    new SheetsWorkbook(
      services.spreadsheet(),
      () => services.newDataValidation(),
      () => services.newRichTextValue(),
    )

  const todayIn = (workbook: SheetsWorkbook): IsoDate => dateInTimeZone(services.now(), workbook.timeZone)

  const documentLock = (): GasLock | null => services.lockService().getDocumentLock()

  /** What to tell the user about a failed command; an unexpected error is logged for the admin too. */
  const explain = (title: string, error: unknown): string => {
    if (
      error instanceof UnusableTabError ||
      error instanceof RangeError ||
      error instanceof LetterRefusedError
    )
      return messageOf(error)
    console.error(`${title}失败`, error)
    return `运行出错：${messageOf(error)}\n\n请稍后重试；如果问题重复出现，请把这条信息告知台账管理员。`
  }

  /**
   * A menu command: `work` runs holding the document lock, so that two commands never write the
   * sheets at once, and returns the message to show. The message is shown after the lock is
   * released: a dialog left open must not hold up the daily check.
   */
  const menuCommand = async (
    title: string,
    work: () => Promise<string | undefined> | string | undefined,
  ): Promise<void> => {
    let message: string | undefined
    const lock = documentLock()
    if (lock === null || !lock.tryLock(MENU_LOCK_WAIT_MS)) {
      message = '另一项台账操作（例如每日检查）正在进行，请稍后再试。'
    } else {
      try {
        message = await work()
      } catch (error) {
        message = explain(title, error)
      } finally {
        lock.releaseLock()
      }
    }
    if (message !== undefined) alert(title, message)
  }

  const logLine = (workbook: SheetsWorkbook, action: string, actor: string, result: string): void => {
    workbook.appendRows(TEMPLATES.log, [
      [logTimestamp(services.now(), workbook.timeZone), action, actor, result],
    ])
  }

  const menuActor = (): string => userEmail(services.session()) || MENU_ACTOR

  return {
    onOpen() {
      const menu = services.ui().createMenu(MENU_TITLE)
      for (const item of MENU) {
        if (item === null) menu.addSeparator()
        else menu.addItem(item.caption, item.handler)
      }
      menu.addToUi()
    },

    initLedgers: () =>
      menuCommand('初始化台账', () => {
        const workbook = openWorkbook()
        const report = runInit(workbook, { actor: menuActor(), today: todayIn(workbook) }, services.now())
        return describeInit(report)
      }),

    checkNow: () =>
      menuCommand('立即检查', async () => {
        const spreadsheet = services.spreadsheet()
        const workbook = new SheetsWorkbook(spreadsheet, () => services.newDataValidation())
        const report = await runCheckInTime(services, workbook, {
          actor: menuActor(),
          progress: (message) => spreadsheet.toast(message, MENU_TITLE, TOAST_SECONDS),
          continuing: false,
        })
        return `${report.summary}\n\n检查日期：${report.today}。每条提醒的详情见“提醒汇总”工作表。`
      }),

    async generateReplyLetter() {
      const title = '生成答复单'
      let row: number
      let previousLetter: string
      try {
        const selected = selectedVisitRow(services)
        if (typeof selected !== 'number') {
          alert(title, selected.problem)
          return
        }
        row = selected
        // Read before taking the lock: a refusal, or the question whether to replace an earlier
        // letter, is a dialog, and a dialog left open must not hold up the daily check.
        const workbook = openWorkbook()
        const prepared = prepareReplyLetter(workbook, { row }, { today: todayIn(workbook) })
        previousLetter = prepared.visit.previousLetter
        if (previousLetter !== '') {
          const ui = services.ui()
          const answer = ui.alert(
            title,
            `走访 ${prepared.visit.id} 已有答复单“${previousLetter}”${prepared.visit.replyDate ? `（答复日期 ${prepared.visit.replyDate}）` : ''}。\n\n重新生成会新建“${prepared.fileName}”（第 ${prepared.letter.revision} 版），原答复单保留不动；“答复单”一栏改为新版本，答复日期不变。\n\n确定要重新生成吗？`,
            ui.ButtonSet.OK_CANCEL,
          )
          if (answer !== ui.Button.OK) return
        }
      } catch (error) {
        alert(title, explain(title, error))
        return
      }
      await menuCommand(title, () => {
        const workbook = openWorkbook()
        const prepared = prepareReplyLetter(workbook, { row }, { today: todayIn(workbook) })
        if (prepared.visit.previousLetter !== previousLetter) {
          return '在您确认期间，这条走访记录的答复单已被更新（可能是其他同事刚刚生成）。请查看“答复单”一栏，需要时再点一次“生成答复单”。'
        }
        const spreadsheet = services.spreadsheet()
        spreadsheet.toast(`正在生成答复单“${prepared.fileName}”…`, MENU_TITLE, TOAST_SECONDS)
        const document = writeLetterDocument(
          {
            documentApp: services.documentApp(),
            driveApp: services.driveApp(),
            spreadsheetId: spreadsheet.getId(),
          },
          prepared,
          {
            templateId: prepared.settings['replyLetter.templateDocId'],
            folderId: prepared.settings['replyLetter.folderId'],
          },
        )
        const recorded = recordReplyLetter(
          workbook,
          prepared,
          { text: document.name, link: document.url },
          { actor: menuActor(), now: services.now() },
        )
        const lines = [
          `已生成答复单“${document.name}”，保存在云端硬盘文件夹“${document.folderName}”：`,
          document.url,
          '',
          `已在“客户走访记录”第 ${prepared.visit.row} 行的“答复单”一栏写入链接（点击即可打开）；${
            recorded.replyDateWritten
              ? `答复日期记为 ${prepared.letter.letterDate}。`
              : `答复日期保留原值 ${prepared.visit.replyDate}。`
          }`,
        ]
        if (previousLetter !== '')
          lines.push(`原答复单“${previousLetter}”保留未动，请以第 ${prepared.letter.revision} 版为准。`)
        if (prepared.lateNotice) lines.push('', prepared.lateNotice)
        return lines.join('\n')
      })
    },

    async generateHalfYearReport() {
      const title = '生成半年评估'
      let workbook: SheetsWorkbook
      let period: HalfYear
      try {
        workbook = openWorkbook()
        const today = todayIn(workbook)
        const suggested = lastCompletedPeriod(today)
        const ui = services.ui()
        // Asked before taking the lock: a dialog left open must not hold up the daily check.
        const response = ui.prompt(title, reportPrompt(suggested), ui.ButtonSet.OK_CANCEL)
        if (response.getSelectedButton() !== ui.Button.OK) return
        const parsed = parseReportPeriod(response.getResponseText(), suggested, today)
        if ('problem' in parsed) {
          alert(title, parsed.problem)
          return
        }
        period = parsed
      } catch (error) {
        alert(title, explain(title, error))
        return
      }
      await menuCommand(title, async () => {
        const result = await runReport(
          workbook,
          period,
          { today: todayIn(workbook), actor: menuActor(), chartNote: CHART_PLACE },
          services.now(),
        )
        const sheet = services.spreadsheet().getSheetByName(TEMPLATES.halfYear.name)
        if (sheet !== null) drawHalfYearChart(sheet, result.trend.length, result.churnMaxPercent)
        return describeReport(result)
      })
    },

    async generatePlan() {
      const title = '生成年度计划'
      let workbook: SheetsWorkbook
      let year: number
      try {
        workbook = openWorkbook()
        const suggested = defaultPlanYear(todayIn(workbook))
        const ui = services.ui()
        // Asked before taking the lock: a dialog left open must not hold up the daily check.
        const response = ui.prompt(
          title,
          `请输入要生成计划的年度（直接点“确定”则为 ${suggested} 年）：`,
          ui.ButtonSet.OK_CANCEL,
        )
        if (response.getSelectedButton() !== ui.Button.OK) return
        const parsed = parsePlanYear(response.getResponseText(), suggested)
        if (typeof parsed !== 'number') {
          alert(title, parsed.problem)
          return
        }
        year = parsed
      } catch (error) {
        alert(title, explain(title, error))
        return
      }
      await menuCommand(title, async () => {
        const report = await runPlan(
          workbook,
          year,
          { today: todayIn(workbook), actor: menuActor() },
          services.now(),
        )
        const problems =
          report.findings.length > 0
            ? `\n\n台账中有 ${report.findings.length} 处数据问题，相关样件可能未列入计划；请运行“立即检查”，在“提醒汇总”中查看。`
            : ''
        return `${report.summary}。\n已写入“样件检验计划”和“样件更换计划”工作表。${problems}`
      })
    },

    enableDailyCheck: () =>
      menuCommand('启用每日检查', () => {
        const scriptApp = services.scriptApp()
        const workbook = openWorkbook()
        removeDailyTriggers(scriptApp)
        scriptApp
          .newTrigger(DAILY_CHECK)
          .timeBased()
          .everyDays(1)
          .atHour(DAILY_CHECK_HOUR)
          .inTimezone(workbook.timeZone)
          .create()
        const actor = menuActor()
        const when = `每天 ${DAILY_CHECK_HOUR} 点到 ${DAILY_CHECK_HOUR + 1} 点之间（${workbook.timeZone}）`
        logLine(workbook, '启用每日检查', actor, when)
        return `已启用每日检查：${when}自动检查台账，结果写入“提醒汇总”和“操作日志”。\n每日检查以您的账号（${actor}）运行；如需停用，请点击“台账 → 停用每日检查”。`
      }),

    disableDailyCheck: () =>
      menuCommand('停用每日检查', () => {
        const removed = removeDailyTriggers(services.scriptApp())
        if (removed === 0) {
          return '您的账号下没有启用每日检查，无需停用。\n如果是其他同事启用的，需要由其本人点击“停用每日检查”。'
        }
        logLine(openWorkbook(), '停用每日检查', menuActor(), `删除触发器 ${removed} 个`)
        return '已停用每日检查。需要时可再次点击“台账 → 启用每日检查”。'
      }),

    dailyCheck: () => triggeredCheck(false),

    continueCheck: () => triggeredCheck(true),
  }

  /** The daily check and its continuation: under the document lock, failures logged in 操作日志. */
  async function triggeredCheck(continuing: boolean): Promise<void> {
    const lock = documentLock()
    if (lock === null || !lock.tryLock(TRIGGER_LOCK_WAIT_MS)) {
      console.warn('每日检查：另一项台账操作正在进行，本次跳过')
      return
    }
    let workbook: SheetsWorkbook | undefined
    const actor = userEmail(services.session()) || DAILY_ACTOR
    try {
      workbook = openWorkbook()
      const report = await runCheckInTime(services, workbook, {
        actor,
        progress: (message) => console.log(`每日检查：${message}`),
        continuing,
      })
      console.log(`每日检查${report.pending.length > 0 ? '（部分）' : '完成'}：${report.summary}`)
    } catch (error) {
      console.error('每日检查失败', error)
      try {
        if (workbook !== undefined) logLine(workbook, DAILY_ACTION, actor, `失败：${messageOf(error)}`)
      } catch (logError) {
        console.error('每日检查：无法写入操作日志', logError)
      }
      // A tab the users broke is theirs to fix and is in 操作日志; anything else is a bug, and
      // rethrowing it lets Apps Script mark the run failed and notify the trigger's owner.
      if (!(error instanceof UnusableTabError)) throw error
    } finally {
      lock.releaseLock()
    }
  }
}
