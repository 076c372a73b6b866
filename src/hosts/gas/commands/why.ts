/**
 * The sidebar's 为什么 (issue 14): the explanation of one record's findings, for google.script.run.
 * Read-only, so it takes no document lock; its answer is plain data (no Map, no Date) that
 * google.script.run can hand to the page, with the same text `taizhang why` prints.
 */
import { runWhy } from '../../../app/why'
import type { Explanation } from '../../../core/explain'
import { explanationText } from '../../../core/explain-text'
import { UnusableTabError } from '../../../core/table'
import { type GasServices, messageOf, openWorkbook, todayIn } from '../services'
import type { WhyRequest } from '../sidebar/protocol'

/** What 为什么 answers to a request without a tab and a key. */
export const NO_WHY_REQUEST = '请指明工作表和编号（例如 样件台账、YJ-001）'

/** Whether the page's request names a tab and a key (google.script.run hands over anything). */
export function isWhyRequest(request: WhyRequest | undefined): request is WhyRequest {
  return typeof request?.tab === 'string' && typeof request.key === 'string'
}

export type WhyAnswer =
  | { readonly ok: true; readonly explanation: Explanation; readonly text: string }
  | { readonly ok: false; readonly message: string }

export async function explainFinding(
  services: GasServices,
  request: WhyRequest | undefined,
): Promise<WhyAnswer> {
  if (!isWhyRequest(request)) return { ok: false, message: NO_WHY_REQUEST }
  try {
    const workbook = openWorkbook(services)
    const explanation = await runWhy(workbook, {
      tab: request.tab,
      key: request.key,
      today: todayIn(services, workbook),
    })
    return { ok: true, explanation, text: explanationText(explanation) }
  } catch (error) {
    // An unknown tab or id is the user's to fix; anything else is a bug the admin should see.
    if (!(error instanceof UnusableTabError)) console.error('解释提醒失败', error)
    return { ok: false, message: messageOf(error) }
  }
}
