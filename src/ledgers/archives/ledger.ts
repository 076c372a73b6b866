/**
 * 客户档案 (客户档案管理制度 4, 客户资料管理制度 5.1.2): the half-year archive review, ARCHIVE_* rules.
 * The tab's 提醒 column is written from the findings; the VIP tiers write another owned column of
 * the same tab, and the check merges the two.
 */
import { defineLedger, recordCheck } from '../../core/ledger'
import { archiveFacts, readArchives } from './archives'
import { demoRows } from './demo'
import { archivesExplainer } from './explain'
import parameters from './parameters.json'
import rules from './rules.json'
import { CUSTOMERS } from './tabs'

export const archivesLedger = defineLedger({
  id: 'archives',
  explain: archivesExplainer,
  tabs: { customers: CUSTOMERS },
  rules,
  parameters,
  demoRows,
  check: recordCheck({
    tab: CUSTOMERS,
    read(context) {
      const table = context.tabs.read(CUSTOMERS)
      return table && { records: readArchives(table) }
    },
    key: (archive) => archive.id,
    facts: (archive, context) => archiveFacts(archive, context.params, context.today),
  }),
})
