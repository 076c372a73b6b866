/**
 * Customer archives in the daily check: ARCHIVE_* rules. The tab's 提醒 column is written from the
 * findings; another check of the same tab (VIP tiers) merges its owned columns with this one.
 */
import { ARCHIVE_RULES } from '../../rules'
import type { LedgerCheck } from '../app/ledger-check'
import { RuleSet } from '../core/rules/rule-set'
import { ARCHIVES, archiveFacts, readArchives } from './archives'
import { ruleFindings } from './rule-findings'

let rules: RuleSet | undefined

export const archiveCheck: LedgerCheck = {
  tab: ARCHIVES,
  async run(context) {
    const table = context.tabs.read(ARCHIVES)
    if (!table) return undefined
    rules ??= new RuleSet(ARCHIVE_RULES)
    const records = readArchives(table).map((archive) => ({
      row: archive.row,
      key: archive.id,
      facts: archiveFacts(archive, context.params, context.today),
    }))
    return {
      findings: await ruleFindings(context, rules, ARCHIVES.name, records),
      owned: [{ template: ARCHIVES, table, values: {} }],
    }
  },
}
