/**
 * 初始化台账: every tab of SPEC §2 with its header, dropdowns and formats. Missing tabs are created
 * and missing headers appended; existing data is never touched. A column that holds data under a
 * blank header, where a missing header belongs, is not given a second, empty column: init refuses
 * and says which header to fill in.
 */

import { columnLetter } from '../core/a1'
import { type Cell, isBlank } from '../core/cells'
import type { IsoDate } from '../core/dates'
import type { SeedRows } from '../core/ledger'
import { PARAMETERS } from '../core/settings-tabs'
import { normalizeHeader, type SheetTable, UnusableTabError } from '../core/table'
import type { TabTemplate } from '../core/template'
import { PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../ledgers'
import { appendLog } from './log'
import { ALL_TEMPLATES } from './tabs'
import { readUserEntries } from './tool-tabs'
import type { InitReport } from './types'
import { initCommandOf, type WorkbookPort } from './workbook-port'

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

/**
 * Columns of an existing tab that hold data under a blank header while the template misses a header:
 * appending that header at the far right would orphan the data, so the user names the column. The
 * header the column should have is the missing one that the template puts between the located
 * headers on either side of it.
 */
export function blankHeaderProblems(template: TabTemplate, table: SheetTable, initCommand: string): string[] {
  const located = new Map<string, number>()
  table.header.forEach((cell, index) => {
    const name = normalizeHeader(cell)
    if (name !== '' && !located.has(name)) located.set(name, index)
  })
  const at = template.columns.map((column) => located.get(normalizeHeader(column.header)))
  const missing = template.columns.flatMap((column, position) =>
    at[position] === undefined ? [{ header: column.header, position }] : [],
  )
  if (missing.length === 0) return []
  // A loop, not Math.max(...rows): a tab can have more rows than the call stack has room for.
  let width = table.header.length
  for (const row of table.rows) width = Math.max(width, row.length)
  const problems: string[] = []
  for (let index = 0; index < width; index += 1) {
    if (normalizeHeader(table.header[index]) !== '') continue
    if (table.rows.every((row) => isBlank(row[index] ?? null))) continue
    const letter = columnLetter(index)
    const fits = missing.filter(({ position }) => {
      const before = at.slice(0, position).filter((found) => found !== undefined)
      const after = at.slice(position + 1).filter((found) => found !== undefined)
      const lower = before.length === 0 ? -1 : Math.max(...before)
      const upper = after.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...after)
      return lower < index && index < upper
    })
    const prefix = `“${template.name}”第 ${letter} 列有数据但没有表头`
    const first = fits[0]
    if (fits.length === 1 && first !== undefined) {
      problems.push(
        `${prefix}，按模板这一列应是“${first.header}”：请在 ${letter}1 填写“${first.header}”后再运行“${initCommand}”`,
      )
    } else {
      const named = (fits.length > 0 ? fits : missing).map(({ header }) => `“${header}”`).join('、')
      const hint = fits.length > 0 ? `按模板这一列应是 ${named} 之一` : `而模板的列 ${named} 没有表头`
      problems.push(
        `${prefix}，${hint}：请在 ${letter}1 填写这一列的表头（是模板的列就填写它的列名）后再运行“${initCommand}”`,
      )
    }
  }
  return problems
}

export function runInit(port: WorkbookPort, options: InitOptions, now = new Date()): InitReport {
  // Decided before anything is written: a refused init leaves the workbook as it was.
  const problems = ALL_TEMPLATES.filter((template) => template.kind !== 'tool').flatMap((template) => {
    const table = port.readTab(template.name)
    return table === undefined
      ? []
      : blankHeaderProblems(template, table, initCommandOf(port)).map((message) => ({ template, message }))
  })
  const first = problems[0]
  if (first !== undefined) {
    throw new UnusableTabError(first.template.name, problems.map((problem) => problem.message).join('\n'))
  }
  // A header of a tool tab's identity (提醒汇总's 代码) appended at the far right would part the rows'
  // notes from their records for good: a tab whose notes hang on a missing header is refused too.
  for (const template of ALL_TEMPLATES) if (template.kind === 'tool') readUserEntries(port, template)
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
  port.guardToolColumns?.(ALL_TEMPLATES)
  const parts: string[] = []
  if (createdTabs.length > 0) parts.push(`新建工作表 ${createdTabs.length} 个：${createdTabs.join('、')}`)
  for (const { tab, headers } of addedHeaders) parts.push(`“${tab}”补齐表头：${headers.join('、')}`)
  const summary = parts.length > 0 ? parts.join('；') : `全部 ${ALL_TEMPLATES.length} 个工作表齐全，无需改动`
  appendLog(port, now, '初始化台账', options.actor, summary)
  return { createdTabs, addedHeaders, summary }
}
