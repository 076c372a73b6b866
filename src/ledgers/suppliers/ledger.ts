/**
 * Supplier management (供应商管理办法; 附件2 PPAP管理办法): certificates and audits on 供应商名录 with a
 * suggested 分类 beside the user's own (never written), PPAP submissions against the level matrix,
 * monthly ratings with their 综合 and 等级, and claims with their reply deadline on the working-day
 * calendar. 年度评定 is written by `report --year --suppliers`, not by the check.
 */
import { dateCell } from '../../core/cells'
import { defineLedger, type LedgerResult, recordCheck } from '../../core/ledger'
import type { TextParameterDefinition } from '../../core/parameters'
import { demoRows } from './demo'
import { suppliersExplainer } from './explain'
import { claimFacts, ppapFacts, ratingFacts, supplierFacts } from './facts'
import parameters from './parameters.json'
import { formatElements } from './ppap-matrix'
import { lowStreaks, ratingHistory, suggestedCategories } from './ratings'
import rules from './rules.json'
import { ppapKey, ratingKey, readSupplierLedger } from './suppliers'
import { CLAIMS, PPAP, SUPPLIER_ANNUAL, SUPPLIER_RATINGS, SUPPLIERS } from './tabs'
import textParameters from './text-parameters.json'

export const suppliersLedger = defineLedger({
  id: 'suppliers',
  tabs: {
    suppliers: SUPPLIERS,
    ppap: PPAP,
    supplierRatings: SUPPLIER_RATINGS,
    claims: CLAIMS,
    supplierAnnual: SUPPLIER_ANNUAL,
  },
  rules,
  parameters,
  textParameters: textParameters as readonly TextParameterDefinition[],
  demoRows,
  explain: suppliersExplainer,
  check: {
    tab: SUPPLIERS,
    async run(context, rules) {
      const ledger = readSupplierLedger(context)
      if (!ledger) return undefined
      const { calendar, params, today } = context
      const streaks = lowStreaks(ledger.ratings, params)
      const history = ratingHistory(ledger.ratings)
      const suggested = suggestedCategories(ledger, params, today)
      const checks = [
        recordCheck({
          tab: SUPPLIERS,
          read: () => ({ records: ledger.suppliers, findings: ledger.findings }),
          key: (s) => s.id,
          facts: (s) => supplierFacts(s, params, today),
          owned: { 建议分类: (s) => suggested.get(s.row)?.category ?? null },
        }),
        recordCheck({
          tab: PPAP,
          read: () => ({ records: ledger.ppaps }),
          key: (p) => ppapKey(p.part, p.supplierId),
          facts: (p) => ppapFacts(p, params, today),
          owned: { 缺少元素: (p) => (p.missing.length === 0 ? null : formatElements(p.missing)) },
        }),
        recordCheck({
          tab: SUPPLIER_RATINGS,
          read: () => ({ records: ledger.ratings }),
          key: (r) => ratingKey(r.supplierId, r.month),
          facts: (r) => ratingFacts(r, streaks.get(r.row), history.get(r.row), params),
          owned: {
            索赔扣分: (r) => r.deduction ?? null,
            综合: (r) => r.composite ?? null,
            等级: (r) => r.grade ?? null,
          },
        }),
        recordCheck({
          tab: CLAIMS,
          read: () => ({ records: ledger.claims }),
          key: (c) => c.id,
          facts: (c) => claimFacts(c, calendar, params, today),
          owned: { 回复期限: (c) => dateCell(c.deadline) },
        }),
      ]
      // One tab at a time, in this order: 供应商名录's findings (and the cross-tab ones) first.
      const results: LedgerResult[] = []
      for (const check of checks) {
        const result = await check.run(context, rules)
        if (result) results.push(result)
      }
      return {
        findings: results.flatMap((result) => result.findings),
        owned: results.flatMap((result) => result.owned),
      }
    },
  },
})
