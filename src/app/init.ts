/**
 * 初始化台账: every tab of SPEC §2 with its header, dropdowns and formats. Missing tabs are created
 * and missing headers appended; existing data is never touched.
 */

import type { Cell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import type { SeedRows } from '../core/ledger'
import { PARAMETERS } from '../core/settings-tabs'
import { PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../ledgers'
import { appendLog } from './log'
import { ALL_TEMPLATES } from './tabs'
import type { InitReport } from './types'
import type { WorkbookPort } from './workbook-port'

export interface InitOptions {
  readonly actor: string
  readonly today: IsoDate
  /** Rows to fill a tab with when it is created (the demo workbook); in template column order. */
  readonly seedRows?: SeedRows
}

/** 参数 starts with one row per parameter: the value blank (the default applies) and the default explained. */
export function parameterSeedRows(): Cell[][] {
  return [
    ...PARAMETER_DEFINITIONS.map((definition) => [
      definition.name,
      null,
      `默认 ${definition.default}（填写数字可覆盖，留空按默认）：${definition.description}`,
    ]),
    ...TEXT_PARAMETER_DEFINITIONS.map((definition) => [definition.name, null, definition.description]),
  ]
}

export function runInit(port: WorkbookPort, options: InitOptions, now = new Date()): InitReport {
  const createdTabs: string[] = []
  const addedHeaders: { tab: string; headers: string[] }[] = []
  for (const template of ALL_TEMPLATES) {
    const seed =
      template === PARAMETERS
        ? [...parameterSeedRows(), ...(options.seedRows?.[template.id] ?? [])]
        : options.seedRows?.[template.id]
    const result = port.ensureTab(template, seed)
    if (result.created) createdTabs.push(template.name)
    if (result.addedHeaders.length > 0)
      addedHeaders.push({ tab: template.name, headers: [...result.addedHeaders] })
  }
  const parts: string[] = []
  if (createdTabs.length > 0) parts.push(`新建工作表 ${createdTabs.length} 个：${createdTabs.join('、')}`)
  for (const { tab, headers } of addedHeaders) parts.push(`“${tab}”补齐表头：${headers.join('、')}`)
  const summary = parts.length > 0 ? parts.join('；') : `全部 ${ALL_TEMPLATES.length} 个工作表齐全，无需改动`
  appendLog(port, now, '初始化台账', options.actor, summary)
  return { createdTabs, addedHeaders, summary }
}
