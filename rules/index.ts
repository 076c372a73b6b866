import type { RuleProperties } from 'json-rules-engine'
import type { ParameterDefinition } from '../src/core/parameters'
import parameters from './parameters.json'
import samples from './samples.json'

export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = parameters

export const SAMPLE_RULES = samples as unknown as readonly RuleProperties[]
