/** The tabs of the half-year metrics, from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import halfYear from './half-year.tab.json'
import transactions from './transactions.tab.json'

export const TRANSACTIONS = defineTemplate(transactions)
/** 半年评估: one row per half-year, written by `report --period`; the METRIC_* findings sit on its row 1. */
export const HALF_YEAR = defineTemplate(halfYear)
