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

/** 参数 rows of the workbook itself, not of a ledger: who the local tool writes into 操作日志. */
export const ACTOR_PARAMETER: TextParameterDefinition = {
  key: 'log.actor',
  name: '执行人',
  kind: 'text',
  maxLength: 40,
  description:
    '仅本地命令行：操作日志“执行人”一栏写的姓名（命令行的 --actor 优先）；留空则写电脑的登录用户名。Google 表格里记的是运行者的邮箱',
}

/** Text parameters of the tool itself, not of one ledger: 每日提醒推送 (app/digest.ts). */
export const TOOL_TEXT_PARAMETERS = toolTextParameters as readonly TextParameterDefinition[]
