/** 重要客户开发 (重要客户管理规定 3.2–3.4): the screening of 3.2 into 筛选结论, DEV_* rules. */
import { defineLedger, recordCheck } from '../../core/ledger'
import { demoRows } from './demo'
import { buildDevelopmentLedger, developmentFacts } from './development'
import { developmentExplainer } from './explain'
import parameters from './parameters.json'
import rules from './rules.json'
import { DEVELOPMENT } from './tabs'

export const developmentLedger = defineLedger({
  id: 'development',
  explain: developmentExplainer,
  tabs: { keyDevelopment: DEVELOPMENT },
  rules,
  parameters,
  demoRows,
  check: recordCheck({
    tab: DEVELOPMENT,
    read(context) {
      const table = context.tabs.read(DEVELOPMENT)
      const ledger = table && buildDevelopmentLedger(table)
      return ledger && { records: ledger.plans, findings: ledger.findings }
    },
    key: (plan) => plan.customerId,
    facts: (plan, context) => developmentFacts(plan, context.params, context.today),
    owned: { 筛选结论: (plan) => plan.screening.conclusion },
  }),
})
