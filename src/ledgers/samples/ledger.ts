/**
 * 样件台账 (样件管理办法, 标准样件管理规定, 样件管理规范): each sample's 有效期至 by material and
 * 下次校准日期 from its inspection records, and the SAMPLE_* rules.
 */
import { dateCell } from '../../core/cells'
import { defineLedger, recordCheck } from '../../core/ledger'
import { demoRows } from './demo'
import { samplesExplainer } from './explain'
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
  explain: samplesExplainer,
  check: recordCheck({
    tab: SAMPLES,
    read(context) {
      const ledger = readSampleLedger(context)
      return ledger && { records: ledger.samples, findings: ledger.findings }
    },
    key: (sample) => sample.id,
    facts: (sample, context) => sampleFacts(sample, context.params, context.today),
    owned: {
      有效期至: (sample) => dateCell(sample.expiryDate),
      下次校准日期: (sample) => dateCell(sample.nextCalibrationDate),
    },
  }),
})
