/**
 * The rules and default parameters of every ledger: `<ledger>.rules.json` holds json-rules-engine
 * rules, `<ledger>.parameters.json` the defaults that the 参数 tab can override.
 */
import type { RuleProperties } from 'json-rules-engine'
import type { ParameterDefinition } from '../src/core/parameters'
import sampleParameters from './samples.parameters.json'
import sampleRules from './samples.rules.json'

export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [...sampleParameters]

export const SAMPLE_RULES = sampleRules as unknown as readonly RuleProperties[]
