/**
 * Every tab a workbook can have: the ledgers' own (src/ledgers/), the settings tabs the core reads
 * (参数, 节假日, 人员) and the tool tabs the check writes (提醒汇总, 操作日志).
 */
import { HOLIDAYS, PARAMETERS } from '../core/settings-tabs'
import { defineTemplate, type TabTemplate } from '../core/template'
import { LEDGER_TABS } from '../ledgers'
import { LOG } from './log'
import alerts from './tabs/alerts.tab.json'
import people from './tabs/people.tab.json'

const APP_TABS = {
  parameters: PARAMETERS,
  holidays: HOLIDAYS,
  /** 人员: who is told about which findings (digest.ts). */
  people: defineTemplate(people),
  alerts: defineTemplate(alerts),
  log: LOG,
}

/** Every template by id: TEMPLATES.samples, TEMPLATES.alerts … */
export const TEMPLATES = { ...LEDGER_TABS, ...APP_TABS }

export type TabId = keyof typeof TEMPLATES

const KIND_ORDER: Readonly<Record<TabTemplate['kind'], number>> = { ledger: 0, settings: 1, tool: 2 }

/**
 * The order a new workbook shows its tabs in: what users keep (the ledgers, in the registry's
 * order), then what they set (参数, 节假日), then what the tool writes, 提醒汇总 and 操作日志 last.
 */
export const ALL_TEMPLATES: readonly TabTemplate[] = Object.values(TEMPLATES)
  .map((template, index) => ({ template, index }))
  .sort((a, b) => KIND_ORDER[a.template.kind] - KIND_ORDER[b.template.kind] || a.index - b.index)
  .map(({ template }) => template)
