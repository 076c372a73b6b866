/**
 * 封样评审 (封样件管理规定, 封样件管理办法 5.1–5.3): each 《封样件评审表》 checked for a notice half a
 * working day ahead, a trial assembly within its time limit, complete evidence and both signatures,
 * open rectifications, and a sealed sample registered in 样件台账.
 */
import { defineLedger, recordCheck } from '../../core/ledger'
import { demoRows } from './demo'
import { sealReviewsExplainer } from './explain'
import parameters from './parameters.json'
import { readSealReviews, sealReviewFacts } from './reviews'
import rules from './rules.json'
import { sealContext } from './seal-context'
import { SEAL_REVIEWS } from './tabs'

export const sealReviewsLedger = defineLedger({
  id: 'seal-reviews',
  explain: sealReviewsExplainer,
  tabs: { sealReviews: SEAL_REVIEWS },
  rules,
  parameters,
  demoRows,
  check: recordCheck({
    tab: SEAL_REVIEWS,
    read(context) {
      const table = context.tabs.read(SEAL_REVIEWS)
      if (!table) return undefined
      const ledger = readSealReviews(table)
      const seal = sealContext(context)
      return {
        records: ledger.reviews.map((review) => ({ ...review, facts: sealReviewFacts(review, seal) })),
        findings: ledger.findings,
      }
    },
    key: (review) => review.id,
    facts: (review) => review.facts,
  }),
})
