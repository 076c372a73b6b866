/**
 * 样件台账 (样件管理办法, 标准样件管理规定, 样件管理规范): each sample's 有效期至 by material and
 * 下次校准日期 from its inspection records, and the SAMPLE_* rules.
 */
import { dateCell } from '../../core/cells'
import { defineLedger } from '../../core/ledger'
import { demoRows } from './demo'
import parameters from './parameters.json'
import rules from './rules.json'
import { readSampleLedger, sampleFacts } from './samples'
import { INSPECTION_PLAN, INSPECTIONS, REPLACEMENT_PLAN, SAMPLES } from './tabs'

export const samplesLedger = defineLedger({
  id: 'samples',
  tabs: {
    samples: SAMPLES,
    inspections: INSPECTIONS,
    inspectionPlan: INSPECTION_PLAN,
    replacementPlan: REPLACEMENT_PLAN,
  },
  rules,
  parameters,
  demoRows,
  check: {
    tab: SAMPLES,
    async run(context, rules) {
      const ledger = readSampleLedger(context)
      const table = context.tabs.read(SAMPLES)
      if (!ledger || !table) return undefined
      const records = ledger.samples.map((sample) => ({
        row: sample.row,
        key: sample.id,
        facts: sampleFacts(sample, context.params, context.today),
      }))
      const byRow = new Map(ledger.samples.map((sample) => [sample.row, sample]))
      return {
        findings: [...ledger.findings, ...(await rules.findings(SAMPLES.name, records))],
        owned: [
          {
            template: SAMPLES,
            table,
            values: {
              有效期至: (row) => dateCell(byRow.get(row)?.expiryDate),
              下次校准日期: (row) => dateCell(byRow.get(row)?.nextCalibrationDate),
            },
          },
        ],
      }
    },
  },
})
