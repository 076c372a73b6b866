/** Key-customer development in the daily check: DEV_* rules and the owned 筛选结论 column. */
import { DEVELOPMENT_RULES } from '../../rules'
import type { LedgerCheck } from '../app/ledger-check'
import { RuleSet } from '../core/rules/rule-set'
import { buildDevelopmentLedger, DEVELOPMENT, developmentFacts } from './development'
import { ruleFindings } from './rule-findings'

let rules: RuleSet | undefined

export const developmentCheck: LedgerCheck = {
  tab: DEVELOPMENT,
  async run(context) {
    const table = context.tabs.read(DEVELOPMENT)
    if (!table) return undefined
    const ledger = buildDevelopmentLedger(table)
    rules ??= new RuleSet(DEVELOPMENT_RULES)
    const records = ledger.plans.map((plan) => ({
      row: plan.row,
      key: plan.customerId,
      facts: developmentFacts(plan, context.params, context.today),
    }))
    const byRow = new Map(ledger.plans.map((plan) => [plan.row, plan]))
    return {
      findings: [...ledger.findings, ...(await ruleFindings(context, rules, DEVELOPMENT.name, records))],
      owned: [
        {
          template: DEVELOPMENT,
          table,
          values: { 筛选结论: (row) => byRow.get(row)?.screening.conclusion ?? null },
        },
      ],
    }
  },
}
