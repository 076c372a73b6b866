/**
 * Supplier management (供应商管理办法; 附件2 PPAP管理办法): certificates and audits on 供应商名录 with a
 * suggested 分类 beside the user's own (never written), PPAP submissions against the level matrix,
 * monthly ratings with their 综合 and 等级, and claims with their reply deadline on the working-day
 * calendar. 年度评定 is written by `report --year --suppliers`, not by the check.
 */
import { dateCell } from '../../core/cells'
import { defineLedger, type OwnedColumns, type RecordFacts } from '../../core/ledger'
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
      const directory = context.tabs.read(SUPPLIERS)
      if (!ledger || !directory) return undefined
      const { calendar, params, today } = context
      const streaks = lowStreaks(ledger.ratings, params)
      const history = ratingHistory(ledger.ratings)
      const records = (sheet: string, list: RecordFacts[]) => rules.findings(sheet, list)
      const findings = [
        ...ledger.findings,
        ...(await records(
          SUPPLIERS.name,
          ledger.suppliers.map((s) => ({ row: s.row, key: s.id, facts: supplierFacts(s, params, today) })),
        )),
        ...(await records(
          PPAP.name,
          ledger.ppaps.map((p) => ({
            row: p.row,
            key: ppapKey(p.part, p.supplierId),
            facts: ppapFacts(p, params, today),
          })),
        )),
        ...(await records(
          SUPPLIER_RATINGS.name,
          ledger.ratings.map((r) => ({
            row: r.row,
            key: ratingKey(r.supplierId, r.month),
            facts: ratingFacts(r, streaks.get(r.row), history.get(r.row), params),
          })),
        )),
        ...(await records(
          CLAIMS.name,
          ledger.claims.map((c) => ({
            row: c.row,
            key: c.id,
            facts: claimFacts(c, calendar, params, today),
          })),
        )),
      ]
      const suggested = suggestedCategories(ledger, params, today)
      const owned: OwnedColumns[] = [
        {
          template: SUPPLIERS,
          table: directory,
          values: { 建议分类: (row) => suggested.get(row)?.category ?? null },
        },
      ]
      const ppapTable = context.tabs.read(PPAP)
      if (ppapTable) {
        const byRow = new Map(ledger.ppaps.map((p) => [p.row, p]))
        owned.push({
          template: PPAP,
          table: ppapTable,
          values: {
            缺少元素: (row) => {
              const missing = byRow.get(row)?.missing ?? []
              return missing.length === 0 ? null : formatElements(missing)
            },
          },
        })
      }
      const ratingTable = context.tabs.read(SUPPLIER_RATINGS)
      if (ratingTable) {
        const byRow = new Map(ledger.ratings.map((r) => [r.row, r]))
        owned.push({
          template: SUPPLIER_RATINGS,
          table: ratingTable,
          values: {
            索赔扣分: (row) => byRow.get(row)?.deduction ?? null,
            综合: (row) => byRow.get(row)?.composite ?? null,
            等级: (row) => byRow.get(row)?.grade ?? null,
          },
        })
      }
      const claimTable = context.tabs.read(CLAIMS)
      if (claimTable) {
        const byRow = new Map(ledger.claims.map((c) => [c.row, c]))
        owned.push({
          template: CLAIMS,
          table: claimTable,
          values: { 回复期限: (row) => dateCell(byRow.get(row)?.deadline) },
        })
      }
      return { findings, owned }
    },
  },
})
