/**
 * VIP tiers in the daily check: the owned column 建议VIP等级 of 客户档案, beside the user's own
 * VIP等级 (never written), and an info finding VIP_TIER_MISMATCH where the user has entered a tier
 * that differs from the suggestion. A workbook that keeps no transactions (交易记录 missing or with
 * nothing countable) gets no suggestion at all: a tier from no data would only be noise.
 */
import { VIP_RULES } from '../../rules'
import { TEMPLATES } from '../../sheets-templates'
import type { LabelledFinding, LedgerCheck } from '../app/ledger-check'
import { RuleSet } from '../core/rules/rule-set'
import { formatWan } from './metrics'
import { readTransactionLedger } from './transactions'
import { suggestVipTiers, type VipSuggestion, vipWindow } from './vip'

let rules: RuleSet | undefined

export const vipCheck: LedgerCheck = {
  tab: TEMPLATES.customers,
  async run(context) {
    const table = context.tabs.read(TEMPLATES.customers)
    if (!table) return undefined
    const ledger = readTransactionLedger(context)
    const suggestions =
      ledger && ledger.transactions.length > 0
        ? suggestVipTiers(ledger, context.params, context.today)
        : new Map<string, VipSuggestion>()
    rules ??= new RuleSet(VIP_RULES)
    const window = vipWindow(context.today)
    const findings: LabelledFinding[] = []
    const tierByRow = new Map<number, string>()
    for (const customer of ledger?.customers.values() ?? []) {
      const suggestion = suggestions.get(customer.id)
      if (!suggestion) continue
      tierByRow.set(customer.row, suggestion.tier)
      const facts = {
        customerName: customer.name || customer.id,
        userTier: customer.vipTier ?? null,
        suggestedTier: suggestion.tier,
        revenueText: formatWan(suggestion.revenueFen),
        windowFrom: window.from,
        windowTo: window.to,
      }
      for (const hit of await rules.evaluate(facts)) {
        findings.push({
          sheet: TEMPLATES.customers.name,
          row: customer.row,
          key: customer.id,
          code: hit.code,
          severity: hit.severity,
          message: hit.message,
          due: hit.due,
          label: hit.label,
        })
      }
    }
    return {
      findings,
      owned: [
        {
          template: TEMPLATES.customers,
          table,
          values: { 建议VIP等级: (row) => tierByRow.get(row) ?? null },
        },
      ],
    }
  },
}
