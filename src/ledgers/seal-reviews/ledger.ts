/** 封样评审 (封样件管理规定, 封样件管理办法 5.1–5.3): the tab is kept; its rules are still to come. */
import { defineLedger } from '../../core/ledger'
import { defineTemplate } from '../../core/template'
import sealReviews from './seal-reviews.tab.json'

export const sealReviewsLedger = defineLedger({
  id: 'seal-reviews',
  tabs: { sealReviews: defineTemplate(sealReviews) },
})
