/**
 * 渠道报备 (分销商客户管理规定 2): which distributor's report owns each customer and until when
 * (保护期至, 归属结论), the commission month of a signing, and the LEAD_* rules; with 分销商名录, the
 * distributors the company works with (建议 停止合作 after the second violation), 佣金提报, the
 * commissions payable by month, and 回访抽样, the signed customers called back (a customer another
 * channel brought makes the report a 违约报备).
 */
import { dateCell } from '../../core/cells'
import {
  defineLedger,
  type LedgerContext,
  type LedgerResult,
  type LedgerRules,
  recordCheck,
} from '../../core/ledger'
import { commissionRows } from './commissions'
import { demoRows } from './demo'
import {
  type DistributorDirectory,
  distributorFacts,
  inactiveReason,
  readDistributors,
  suggestion,
} from './distributors'
import { leadsExplainer } from './explain'
import { followUpRows, followUps, readFollowUpResults } from './follow-up'
import { conclusion, leadFacts, protectedUntil, readLeads } from './leads'
import parameters from './parameters.json'
import rules from './rules.json'
import { COMMISSIONS, DISTRIBUTORS, FOLLOW_UPS, LEADS } from './tabs'

/** 分销商名录 when the workbook keeps it (the leads can be checked without it). */
function directoryOf(context: LedgerContext): DistributorDirectory | undefined {
  const table = context.tabs.read(DISTRIBUTORS)
  return table && readDistributors(table)
}

/** Every report decided, with what its row and its findings need; undefined without a 渠道报备 tab. */
function decide(context: LedgerContext) {
  const table = context.tabs.read(LEADS)
  if (!table) return undefined
  const ledger = readLeads(table, context.params)
  const directory = directoryOf(context)
  const sample = followUps(
    ledger.leads,
    readFollowUpResults(context.tabs.read(FOLLOW_UPS)),
    context.params,
    context.today,
  )
  const leads = ledger.leads
    .map((lead) => ({ ...lead, violation: sample.violations.has(lead.id) }))
    .map((lead) => ({
      ...lead,
      // The verdict texts depend on today; recordCheck's owned values see only the record.
      conclusion: conclusion(lead, context.params, context.today),
      inactiveDistributor: inactiveReason(directory, lead.distributor),
    }))
  return { leads, findings: ledger.findings, directory, sample }
}

type Decided = NonNullable<ReturnType<typeof decide>>

async function run(context: LedgerContext, ruleSet: LedgerRules): Promise<LedgerResult | undefined> {
  const decided = decide(context)
  if (!decided) return undefined
  const leads = await leadsCheck(decided).run(context, ruleSet)
  if (!leads) return undefined
  const directory = await directoryCheck(decided).run(context, ruleSet)
  return {
    findings: [...leads.findings, ...(directory?.findings ?? [])],
    owned: [...leads.owned, ...(directory?.owned ?? [])],
    toolTabs: [
      { template: COMMISSIONS, rows: commissionRows(decided.leads) },
      { template: FOLLOW_UPS, rows: followUpRows(decided.sample.sampled) },
    ],
  }
}

function leadsCheck(decided: Decided) {
  return recordCheck({
    tab: LEADS,
    read: () => ({ records: decided.leads, findings: decided.findings }),
    key: (lead) => lead.id,
    facts: (lead, context) => ({
      ...leadFacts(lead, context.params, context.today, lead.inactiveDistributor),
      // For taizhang why: the verdict as 归属结论 says it, and which protection a valid report has.
      conclusion: lead.conclusion,
      protectionVisited: lead.verdict?.kind === 'valid' ? lead.verdict.visited : null,
      protectionBulk: lead.verdict?.kind === 'valid' ? lead.verdict.bulkExtended : null,
    }),
    owned: {
      归属结论: (lead) => lead.conclusion,
      保护期至: (lead) => dateCell(protectedUntil(lead)),
    },
  })
}

function directoryCheck(decided: Decided) {
  return recordCheck({
    tab: DISTRIBUTORS,
    read(context) {
      const records = decided.directory?.distributors.map((distributor) => ({
        ...distributor,
        suggestion: suggestion(distributor, context.params),
      }))
      return records && { records }
    },
    key: (distributor) => distributor.name,
    facts: (distributor, context) => distributorFacts(distributor, context.params),
    owned: { 建议: (distributor) => distributor.suggestion ?? null },
  })
}

export const leadsLedger = defineLedger({
  id: 'leads',
  explain: leadsExplainer,
  tabs: { leads: LEADS, distributors: DISTRIBUTORS, commissions: COMMISSIONS, followUps: FOLLOW_UPS },
  rules,
  parameters,
  demoRows,
  check: { tab: LEADS, run },
})
