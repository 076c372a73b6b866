/** The sample ledger in the daily check: SAMPLE_* rules and the owned 有效期至 / 下次校准日期 columns. */
import { SAMPLE_RULES } from '../../rules'
import { TEMPLATES } from '../../sheets-templates'
import type { LedgerContext } from '../app/context'
import type { LabelledFinding, LedgerCheck } from '../app/ledger-check'
import type { OutputCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import { RuleSet } from '../core/rules/rule-set'
import { buildSampleLedger, type SampleLedger, sampleFacts } from './samples'

let rules: RuleSet | undefined

/** The sample ledger of the workbook, or undefined when it keeps none. */
export function readSampleLedger(context: LedgerContext): SampleLedger | undefined {
  const samples = context.tabs.read(TEMPLATES.samples)
  if (!samples) return undefined
  const inspections = context.tabs.require(TEMPLATES.inspections, '样件的校准日期取自检验记录')
  return buildSampleLedger(samples, inspections, context.params, context.today)
}

export const sampleCheck: LedgerCheck = {
  tab: TEMPLATES.samples,
  async run(context) {
    const ledger = readSampleLedger(context)
    const table = context.tabs.read(TEMPLATES.samples)
    if (!ledger || !table) return undefined
    rules ??= new RuleSet(SAMPLE_RULES)
    const ruleSet = rules
    const findings: LabelledFinding[] = [...ledger.findings]
    const facts = ledger.samples.map((sample) => sampleFacts(sample, context.params, context.today))
    const hits = await context.stages.duringAsync('rules', () => ruleSet.evaluateAll(facts))
    ledger.samples.forEach((sample, index) => {
      for (const hit of hits[index] ?? []) {
        findings.push({
          sheet: TEMPLATES.samples.name,
          row: sample.row,
          key: sample.id,
          code: hit.code,
          severity: hit.severity,
          message: hit.message,
          due: hit.due,
          label: hit.label,
        })
      }
    })
    const byRow = new Map(ledger.samples.map((sample) => [sample.row, sample]))
    return {
      findings,
      owned: [
        {
          template: TEMPLATES.samples,
          table,
          values: {
            有效期至: (row) => dateCell(byRow.get(row)?.expiryDate),
            下次校准日期: (row) => dateCell(byRow.get(row)?.nextCalibrationDate),
          },
        },
      ],
    }
  },
}

export function dateCell(date: IsoDate | undefined): OutputCell {
  return date === undefined ? null : { date }
}
