/**
 * VIP tiers (vip客户管理制度): the owned column 建议VIP等级 of 客户档案, beside the user's own VIP等级
 * (never written), and an info finding VIP_TIER_MISMATCH where the user has entered a tier that
 * differs from the suggestion. A workbook that keeps no transactions (交易记录 missing or with
 * nothing countable) gets no suggestion at all: a tier from no data would only be noise.
 */
import { defineLedger, type RecordFacts } from '../../core/ledger'
import { CUSTOMERS } from '../archives/tabs'
import { formatWan } from '../metrics/metrics'
import { readTransactionLedger } from '../metrics/transactions'
import { vipExplainer } from './explain'
import parameters from './parameters.json'
import rules from './rules.json'
import { suggestVipTiers, type VipSuggestion, vipWindow } from './vip'

export const vipLedger = defineLedger({
  id: 'vip',
  explain: vipExplainer,
  // 客户档案 is the archive ledger's tab; the tiers are one more owned column of it.
  tabs: {},
  rules,
  parameters,
  check: {
    tab: CUSTOMERS,
    async run(context, rules) {
      const table = context.tabs.read(CUSTOMERS)
      if (!table) return undefined
      const ledger = readTransactionLedger(context)
      const suggestions =
        ledger && ledger.transactions.length > 0
          ? suggestVipTiers(ledger, context.params, context.today)
          : new Map<string, VipSuggestion>()
      const window = vipWindow(context.today)
      const records: RecordFacts[] = []
      const tierByRow = new Map<number, string>()
      for (const customer of ledger?.customers.values() ?? []) {
        const suggestion = suggestions.get(customer.id)
        if (!suggestion) continue
        tierByRow.set(customer.row, suggestion.tier)
        records.push({
          row: customer.row,
          key: customer.id,
          facts: {
            customerName: customer.name || customer.id,
            userTier: customer.vipTier ?? null,
            suggestedTier: suggestion.tier,
            revenueText: formatWan(suggestion.revenueFen),
            windowFrom: window.from,
            windowTo: window.to,
          },
        })
      }
      return {
        findings: await rules.findings(CUSTOMERS.name, records),
        owned: [{ template: CUSTOMERS, table, values: { 建议VIP等级: (row) => tierByRow.get(row) ?? null } }],
      }
    },
  },
})
