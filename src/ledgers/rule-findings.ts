/** What the ledger checks share: records' rule hits as findings, and a date as an owned cell. */
import type { LedgerContext } from '../app/context'
import type { LabelledFinding } from '../app/ledger-check'
import type { OutputCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import type { Facts, RuleSet } from '../core/rules/rule-set'

export interface RecordFacts {
  /** Where a finding goes: the record's sheet row and id. */
  readonly row: number
  readonly key: string
  readonly facts: Facts
}

/** The findings the rules raise for each record, located on the tab and the record's row. */
export async function ruleFindings(
  context: LedgerContext,
  rules: RuleSet,
  sheet: string,
  records: readonly RecordFacts[],
): Promise<LabelledFinding[]> {
  const hits = await context.stages.duringAsync('rules', () =>
    rules.evaluateAll(records.map((record) => record.facts)),
  )
  return records.flatMap((record, index) =>
    (hits[index] ?? []).map((hit) => ({
      sheet,
      row: record.row,
      key: record.key,
      code: hit.code,
      severity: hit.severity,
      message: hit.message,
      due: hit.due,
      label: hit.label,
    })),
  )
}

export function dateCell(date: IsoDate | undefined): OutputCell {
  return date === undefined ? null : { date }
}
