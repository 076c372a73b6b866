/**
 * The rules and default parameters of every ledger: `<ledger>.rules.json` holds json-rules-engine
 * rules, `<ledger>.parameters.json` the defaults that the 参数 tab can override.
 */
import type { RuleProperties } from 'json-rules-engine'
import type { ParameterDefinition, TextParameterDefinition } from '../src/core/parameters'
import archiveParameters from './archives.parameters.json'
import archiveRules from './archives.rules.json'
import developmentParameters from './development.parameters.json'
import developmentRules from './development.rules.json'
import letterTextParameters from './letters.text-parameters.json'
import metricParameters from './metrics.parameters.json'
import metricRules from './metrics.rules.json'
import sampleParameters from './samples.parameters.json'
import sampleRules from './samples.rules.json'
import vipParameters from './vip.parameters.json'
import vipRules from './vip.rules.json'
import visitParameters from './visits.parameters.json'
import visitRules from './visits.rules.json'

export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
  ...sampleParameters,
  ...visitParameters,
  ...developmentParameters,
  ...archiveParameters,
  ...metricParameters,
  ...vipParameters,
]

/** Text parameters (`<topic>.text-parameters.json`): names and ids rather than numbers. */
export const TEXT_PARAMETER_DEFINITIONS: readonly TextParameterDefinition[] =
  letterTextParameters as readonly TextParameterDefinition[]

export const SAMPLE_RULES = sampleRules as unknown as readonly RuleProperties[]
export const VISIT_RULES = visitRules as unknown as readonly RuleProperties[]
export const DEVELOPMENT_RULES = developmentRules as unknown as readonly RuleProperties[]
export const ARCHIVE_RULES = archiveRules as unknown as readonly RuleProperties[]
export const METRIC_RULES = metricRules as unknown as readonly RuleProperties[]
export const VIP_RULES = vipRules as unknown as readonly RuleProperties[]

/** Every rule of every ledger: the labels a check writes into 提醒 cells come from these. */
export const ALL_RULES: readonly RuleProperties[] = [
  ...SAMPLE_RULES,
  ...VISIT_RULES,
  ...DEVELOPMENT_RULES,
  ...ARCHIVE_RULES,
  ...METRIC_RULES,
  ...VIP_RULES,
]
