/** 重要客户开发 (重要客户管理规定 3.2–3.4): the screening of 3.2 into 筛选结论, DEV_* rules. */
import { defineLedger } from '../../core/ledger'
import { demoRows } from './demo'
import { buildDevelopmentLedger, developmentFacts } from './development'
import parameters from './parameters.json'
import rules from './rules.json'
import { DEVELOPMENT } from './tabs'

export const developmentLedger = defineLedger({
  id: 'development',
  tabs: { keyDevelopment: DEVELOPMENT },
  rules,
  parameters,
  demoRows,
  check: {
    tab: DEVELOPMENT,
    async run(context, rules) {
      const table = context.tabs.read(DEVELOPMENT)
      if (!table) return undefined
      const ledger = buildDevelopmentLedger(table)
      const records = ledger.plans.map((plan) => ({
        row: plan.row,
        key: plan.customerId,
        facts: developmentFacts(plan, context.params, context.today),
      }))
      const byRow = new Map(ledger.plans.map((plan) => [plan.row, plan]))
      return {
        findings: [...ledger.findings, ...(await rules.findings(DEVELOPMENT.name, records))],
        owned: [
          {
            template: DEVELOPMENT,
            table,
            values: { 筛选结论: (row) => byRow.get(row)?.screening.conclusion ?? null },
          },
        ],
      }
    },
  },
})
