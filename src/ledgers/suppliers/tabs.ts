/** The tabs of supplier management (供应商管理办法), from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import claims from './claims.tab.json'
import ppap from './ppap.tab.json'
import supplierAnnual from './supplier-annual.tab.json'
import supplierRatings from './supplier-ratings.tab.json'
import suppliers from './suppliers.tab.json'

/** 供应商名录 (二、八、十一.1): each supplier, its certification, status and last audit. */
export const SUPPLIERS = defineTemplate(suppliers)
/** PPAP提交 (三.1–2, 附件2): one row per part and supplier. */
export const PPAP = defineTemplate(ppap)
/** 供应商月度评定 (十一.2): four scores per supplier and month. */
export const SUPPLIER_RATINGS = defineTemplate(supplierRatings)
/** 索赔 (九): each claim against a supplier and its reply. */
export const CLAIMS = defineTemplate(claims)
/** 年度评定 (十一.3): written by `report --year --suppliers`. */
export const SUPPLIER_ANNUAL = defineTemplate(supplierAnnual)
