/**
 * How a command of the 台账 menu runs: under the document lock, so that two commands never write the
 * sheets at once, and with its outcome told in a dialog once the lock is released.
 */
import { LetterRefusedError } from '../../app/reply-letter'
import { UnusableTabError } from '../../core/table'
import { type GasServices, messageOf } from './services'

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
 * A menu command: `work` runs holding the document lock and returns the message to show. The
 * message is shown after the lock is released: a dialog left open must not hold up the daily check.
 */
export async function menuCommand(
  services: GasServices,
  title: string,
  work: () => Promise<string | undefined> | string | undefined,
): Promise<void> {
  let message: string | undefined
  const lock = services.lockService().getDocumentLock()
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
  if (message !== undefined) alert(services, title, message)
}
