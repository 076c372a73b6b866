/**
 * The settings tabs every workbook has, read by the core itself: 参数 (parameters.ts resolves its
 * overrides) and 节假日 (calendar.ts reads the company's own rest and make-up days).
 */
import holidays from './tabs/holidays.tab.json'
import parameters from './tabs/parameters.tab.json'
import { defineTemplate } from './template'

export const PARAMETERS = defineTemplate(parameters)
export const HOLIDAYS = defineTemplate(holidays)
