/**
 * The settings tabs every workbook has, read by the core itself: 参数 (parameters.ts resolves its
 * overrides) and 节假日 (calendar.ts reads the company's own rest and make-up days).
 */

import type { TextParameterDefinition } from './parameters'
import holidays from './tabs/holidays.tab.json'
import parameters from './tabs/parameters.tab.json'
import toolTextParameters from './tabs/text-parameters.json'
import { defineTemplate } from './template'

export const PARAMETERS = defineTemplate(parameters)
export const HOLIDAYS = defineTemplate(holidays)

/** Text parameters of the tool itself, not of one ledger: 每日提醒推送 (app/digest.ts). */
export const TOOL_TEXT_PARAMETERS = toolTextParameters as readonly TextParameterDefinition[]
