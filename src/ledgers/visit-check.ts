/** Customer visits in the daily check: VISIT_* and CALENDAR_UNKNOWN, and the owned 答复期限 column. */
import { VISIT_RULES } from '../../rules'
import type { LedgerCheck } from '../app/ledger-check'
import { RuleSet } from '../core/rules/rule-set'
import { dateCell, ruleFindings } from './rule-findings'
import { readVisits, VISITS, visitFacts } from './visits'

let rules: RuleSet | undefined

export const visitCheck: LedgerCheck = {
  tab: VISITS,
  async run(context) {
    const ledger = readVisits(context)
    const table = context.tabs.read(VISITS)
    if (!ledger || !table) return undefined
    rules ??= new RuleSet(VISIT_RULES)
    const records = ledger.visits.map((visit) => ({
      row: visit.row,
      key: visit.id,
      facts: visitFacts(visit, context.calendar, context.params, context.today),
    }))
    const byRow = new Map(ledger.visits.map((visit) => [visit.row, visit]))
    return {
      findings: [...ledger.findings, ...(await ruleFindings(context, rules, VISITS.name, records))],
      owned: [
        { template: VISITS, table, values: { 答复期限: (row) => dateCell(byRow.get(row)?.replyDeadline) } },
      ],
    }
  },
}
