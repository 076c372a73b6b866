/**
 * 渠道报备 (分销商客户管理规定 2): which distributor's report owns each customer and until when
 * (保护期至, 归属结论), the commission month of a signing, and the LEAD_* rules.
 */
import { dateCell } from '../../core/cells'
import { defineLedger, recordCheck } from '../../core/ledger'
import { demoRows } from './demo'
import { conclusion, leadFacts, protectedUntil, readLeads } from './leads'
import parameters from './parameters.json'
import rules from './rules.json'
import { LEADS } from './tabs'

export const leadsLedger = defineLedger({
  id: 'leads',
  tabs: { leads: LEADS },
  rules,
  parameters,
  demoRows,
  check: recordCheck({
    tab: LEADS,
    read(context) {
      const table = context.tabs.read(LEADS)
      if (!table) return undefined
      const ledger = readLeads(table, context.params)
      // The verdict texts depend on today; recordCheck's owned values see only the record.
      const records = ledger.leads.map((lead) => ({
        ...lead,
        conclusion: conclusion(lead, context.params, context.today),
      }))
      return { records, findings: ledger.findings }
    },
    key: (lead) => lead.id,
    facts: (lead, context) => leadFacts(lead, context.params, context.today),
    owned: {
      归属结论: (lead) => lead.conclusion,
      保护期至: (lead) => dateCell(protectedUntil(lead)),
    },
  }),
})
