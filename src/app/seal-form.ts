/**
 * 生成封样评审表 (SPEC §5 `seal-form`): find the review, refuse one whose row has a bad cell, and
 * build the 《封样件评审表》 model that a host renders. Nothing is written into the workbook.
 */
import type { IsoDate } from '../core/dates'
import { UnusableTabError } from '../core/table'
import { idKey } from '../core/text'
import { readSealReviews, type SealReview } from '../ledgers/seal-reviews/reviews'
import { buildSealForm, type SealForm, sealFormFileName } from '../ledgers/seal-reviews/seal-form'
import { SEAL_REVIEWS } from '../ledgers/seal-reviews/tabs'
import { createContext } from './context'
import { LetterRefusedError, UnknownVisitError } from './reply-letter'
import { initCommandOf, type WorkbookPort } from './workbook-port'

export type ReviewSelector = { readonly id: string } | { readonly row: number }

export interface PreparedSealForm {
  readonly form: SealForm
  /** The document's file name without extension: 封样件评审表-FY-001. */
  readonly fileName: string
  readonly review: SealReview
}

export function prepareSealForm(
  port: WorkbookPort,
  selector: ReviewSelector,
  today: IsoDate,
): PreparedSealForm {
  const context = createContext(port, today)
  const table = context.tabs.read(SEAL_REVIEWS)
  if (!table) {
    throw new UnusableTabError(
      SEAL_REVIEWS.name,
      `缺少工作表“${SEAL_REVIEWS.name}”（封样评审表按封样评审记录生成），请运行“${initCommandOf(port)}”补齐`,
    )
  }
  const ledger = readSealReviews(table)
  const review = selectReview(ledger.reviews, selector)
  const problems = [...context.tabs.findings, ...ledger.findings].filter(
    (finding) => finding.sheet === SEAL_REVIEWS.name && finding.row === review.row,
  )
  if (problems.length > 0) {
    throw new LetterRefusedError(
      `封样评审 ${review.id} 的记录有误，改正后才能生成封样评审表：\n${problems.map((finding) => `· ${finding.sheet}${finding.message}`).join('\n')}`,
    )
  }
  return { form: buildSealForm(review), fileName: sealFormFileName(review.id), review }
}

function selectReview(reviews: readonly SealReview[], selector: ReviewSelector): SealReview {
  if ('row' in selector) {
    const review = reviews.find((candidate) => candidate.row === selector.row)
    if (!review) {
      throw new LetterRefusedError(
        `第 ${selector.row} 行不是一条封样评审记录：请在“${SEAL_REVIEWS.name}”中选中要生成评审表的那一行`,
      )
    }
    return review
  }
  // --review fy-001 is the review FY-001 (idKey).
  const id = selector.id.trim()
  const matching = reviews.filter((candidate) => candidate.id !== '' && idKey(candidate.id) === idKey(id))
  const [first] = matching
  if (!first) throw new UnknownVisitError(`“${SEAL_REVIEWS.name}”中没有申请编号为“${id}”的封样评审`)
  if (matching.length > 1) {
    throw new LetterRefusedError(
      `“${SEAL_REVIEWS.name}”中有 ${matching.length} 行申请编号都是“${id}”（第 ${matching.map((review) => review.row).join('、')} 行），请先改正编号`,
    )
  }
  return first
}
