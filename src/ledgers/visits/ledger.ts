/**
 * 客户走访记录 with 意见与答复 (客户走访管理规定): each visit's 答复期限 in working days, VISIT_* and
 * CALENDAR_UNKNOWN rules, and the reply letter's text parameters.
 */
import { dateCell } from '../../core/cells'
import { defineLedger, recordCheck } from '../../core/ledger'
import type { TextParameterDefinition } from '../../core/parameters'
import { demoRows } from './demo'
import { visitsExplainer } from './explain'
import parameters from './parameters.json'
import rules from './rules.json'
import { VISIT_QUESTIONS, VISITS } from './tabs'
import textParameters from './text-parameters.json'
import { readVisits, visitFacts } from './visits'

export const visitsLedger = defineLedger({
  id: 'visits',
  explain: visitsExplainer,
  tabs: { visits: VISITS, visitQuestions: VISIT_QUESTIONS },
  rules,
  parameters,
  textParameters: textParameters as readonly TextParameterDefinition[],
  demoRows,
  check: recordCheck({
    tab: VISITS,
    read(context) {
      const ledger = readVisits(context)
      return ledger && { records: ledger.visits, findings: ledger.findings }
    },
    key: (visit) => visit.id,
    facts: (visit, context) => visitFacts(visit, context.calendar, context.params, context.today),
    owned: { 答复期限: (visit) => dateCell(visit.replyDeadline) },
  }),
})
