/** The tab of the sealed-sample reviews, from its `*.tab.json` description. */
import { defineTemplate } from '../../core/template'
import sealReviews from './seal-reviews.tab.json'

export const SEAL_REVIEWS = defineTemplate(sealReviews)
