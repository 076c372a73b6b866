/** The tabs of the sample ledger, from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import inspectionPlan from './inspection-plan.tab.json'
import inspections from './inspections.tab.json'
import replacementPlan from './replacement-plan.tab.json'
import samples from './samples.tab.json'

export const SAMPLES = defineTemplate(samples)
export const INSPECTIONS = defineTemplate(inspections)
/** Written by `plan --year`: the year's calibrations and replacements (样件管理办法 4.3, 4.5). */
export const INSPECTION_PLAN = defineTemplate(inspectionPlan)
export const REPLACEMENT_PLAN = defineTemplate(replacementPlan)
