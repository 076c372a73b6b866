/**
 * 客户走访记录 with 意见与答复 (客户走访管理规定): each visit's 答复期限 in working days, VISIT_* and
 * CALENDAR_UNKNOWN rules, and the reply letter's text parameters.
 */
import { dateCell } from '../../core/cells'
import { defineLedger } from '../../core/ledger'
import type { TextParameterDefinition } from '../../core/parameters'
import { demoRows } from './demo'
import parameters from './parameters.json'
import rules from './rules.json'
import { VISIT_QUESTIONS, VISITS } from './tabs'
import textParameters from './text-parameters.json'
import { readVisits, visitFacts } from './visits'

export const visitsLedger = defineLedger({
  id: 'visits',
  tabs: { visits: VISITS, visitQuestions: VISIT_QUESTIONS },
  rules,
  parameters,
  textParameters: textParameters as readonly TextParameterDefinition[],
  demoRows,
  check: {
    tab: VISITS,
    async run(context, rules) {
      const ledger = readVisits(context)
      const table = context.tabs.read(VISITS)
      if (!ledger || !table) return undefined
      const records = ledger.visits.map((visit) => ({
        row: visit.row,
        key: visit.id,
        facts: visitFacts(visit, context.calendar, context.params, context.today),
      }))
      const byRow = new Map(ledger.visits.map((visit) => [visit.row, visit]))
      return {
        findings: [...ledger.findings, ...(await rules.findings(VISITS.name, records))],
        owned: [
          { template: VISITS, table, values: { 答复期限: (row) => dateCell(byRow.get(row)?.replyDeadline) } },
        ],
      }
    },
  },
})
