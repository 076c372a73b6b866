/**
 * How a command of the 台账 menu runs: under the document lock, so that two commands never write the
 * sheets at once, and with its outcome told in a dialog once the lock is released.
 */
import { LetterRefusedError } from '../../app/reply-letter'
import type { IsoDate } from '../../core/dates'
import { UnusableTabError } from '../../core/table'
import { type GasServices, messageOf, openWorkbook, todayIn } from './services'
import type { SheetsWorkbook } from './sheets-workbook'

/** Menu commands wait a little for a running check (the daily trigger waits longer). */
const MENU_LOCK_WAIT_MS = 10_000
export const TOAST_SECONDS = 5

export function alert(services: GasServices, title: string, message: string): void {
  const ui = services.ui()
  ui.alert(title, message, ui.ButtonSet.OK)
}

/** What to tell the user about a failed command; an unexpected error is logged for the admin too. */
export function explain(title: string, error: unknown): string {
  if (error instanceof UnusableTabError || error instanceof RangeError || error instanceof LetterRefusedError)
    return messageOf(error)
  console.error(`${title}失败`, error)
  return `运行出错：${messageOf(error)}\n\n请稍后重试；如果问题重复出现，请把这条信息告知台账管理员。`
}

/**
 * `work` run holding the document lock; returns the message to show, or what went wrong, in words.
 * The sidebar's 立即检查 shows it in the sidebar, a menu command in a dialog.
 */
export async function lockedCommand(
  services: GasServices,
  title: string,
  work: () => Promise<string | undefined> | string | undefined,
): Promise<string | undefined> {
  const lock = services.lockService().getDocumentLock()
  if (lock === null || !lock.tryLock(MENU_LOCK_WAIT_MS)) {
    return '另一项台账操作（例如每日检查）正在进行，请稍后再试。'
  }
  try {
    return await work()
  } catch (error) {
    return explain(title, error)
  } finally {
    lock.releaseLock()
  }
}

/**
 * A menu command: `work` runs holding the document lock and returns the message to show. The
 * message is shown after the lock is released: a dialog left open must not hold up the daily check.
 */
export async function menuCommand(
  services: GasServices,
  title: string,
  work: () => Promise<string | undefined> | string | undefined,
): Promise<void> {
  const message = await lockedCommand(services, title, work)
  if (message !== undefined) alert(services, title, message)
}

/**
 * A menu command that asks first: `ask` runs before the lock is taken, since a dialog left open must
 * not hold up the daily check, and returns what `work` needs, or undefined when there is nothing to
 * do (the user cancelled, or was told what is wrong). Then `work` runs as a menu command.
 */
export function askingCommand<Request>(
  title: string,
  ask: (services: GasServices, title: string) => Request | undefined,
  work: (services: GasServices, request: Request) => Promise<string | undefined> | string | undefined,
): (services: GasServices) => Promise<void> {
  return async (services) => {
    let request: Request | undefined
    try {
      request = ask(services, title)
    } catch (error) {
      alert(services, title, explain(title, error))
      return
    }
    if (request !== undefined) await menuCommand(services, title, () => work(services, request))
  }
}

/** The question of a command that asks for one value, e.g. a year, before it runs. */
export interface Question<Suggested, Value> {
  /** The value an empty answer stands for. */
  suggest(today: IsoDate): Suggested
  text(suggested: Suggested): string
  /** The value typed, or the message explaining what is wrong with it. */
  parse(typed: string, suggested: Suggested, today: IsoDate): Value | { problem: string }
}

/**
 * A menu command that asks its question in a prompt (before the lock is taken), then runs `work` with
 * the workbook and the value; cancelled, or answered with something it refuses, it does nothing more.
 */
export function promptingCommand<Suggested, Value>(
  title: string,
  question: Question<Suggested, Value>,
  work: (services: GasServices, workbook: SheetsWorkbook, value: Value) => Promise<string>,
): (services: GasServices) => Promise<void> {
  return askingCommand(
    title,
    (services) => {
      const workbook = openWorkbook(services)
      const today = todayIn(services, workbook)
      const suggested = question.suggest(today)
      const ui = services.ui()
      const response = ui.prompt(title, question.text(suggested), ui.ButtonSet.OK_CANCEL)
      if (response.getSelectedButton() !== ui.Button.OK) return undefined
      const parsed = question.parse(response.getResponseText(), suggested, today)
      if (typeof parsed === 'object' && parsed !== null && 'problem' in parsed) {
        alert(services, title, parsed.problem)
        return undefined
      }
      return { workbook, value: parsed as Value }
    },
    (services, { workbook, value }) => work(services, workbook, value),
  )
}
