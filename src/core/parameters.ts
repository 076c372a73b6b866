/**
 * Numeric parameters: defaults ship in each ledger's parameters.json, and a row of the 参数 tab overrides
 * one by its Chinese name without a redeploy. A bad override is a DATA_INVALID finding and the
 * default stays in force.
 */

import type { Finding } from './findings'
import { cellProblem, type ReadResult } from './table'
import { clipQuoted, toHalfWidth } from './text'

export interface ParameterDefinition {
  readonly key: string
  /** The name users see and type in the 参数 tab. */
  readonly name: string
  readonly default: number
  readonly min: number
  readonly max: number
  readonly description: string
}

export type Parameters = Readonly<Record<string, number>>

export interface ResolvedParameters {
  readonly values: Parameters
  readonly findings: readonly Finding[]
  /** The 参数 tab's sheet row of each parameter its value overrides; a parameter at its default has none. */
  readonly overrides: Readonly<Record<string, number>>
}

/**
 * The value in force of a parameter a parameters.json defines (its default, or the 参数 tab's
 * override). A default lives in its JSON only: a key that no JSON defines is a bug, not a value.
 */
export function parameter(params: Parameters, key: string): number {
  const value = params[key]
  if (value === undefined) throw new Error(`parameter ${key} is not defined in any parameters.json`)
  return value
}

export function defaultParameters(definitions: readonly ParameterDefinition[]): Parameters {
  return Object.fromEntries(definitions.map((definition) => [definition.key, definition.default]))
}

/**
 * `textNames`: names of the text parameters (resolveTextParameters), which share the 参数 tab and are
 * not unknown parameters here.
 */
export function resolveParameters(
  definitions: readonly ParameterDefinition[],
  sheet: string,
  overrides: ReadResult | undefined,
  textNames: readonly string[] = [],
): ResolvedParameters {
  const values: Record<string, number> = { ...defaultParameters(definitions) }
  const overridden: Record<string, number> = {}
  const findings: Finding[] = []
  const byName = new Map(definitions.map((definition) => [normalizeName(definition.name), definition]))
  const firstRow = new Map<string, { row: number; name: string }>()
  const texts = new Set(textNames.map(normalizeName))
  for (const record of overrides?.records ?? []) {
    const name = String(record.values.get('参数') ?? '')
    const raw = record.values.get('值')
    const problem = (header: string, message: string): void => {
      findings.push(
        cellProblem(sheet, overrides?.columns ?? new Map(), { row: record.row, key: name }, header, message),
      )
    }
    if (name === '' || texts.has(normalizeName(name))) continue // reported by the table / resolveTextParameters
    const definition = byName.get(normalizeName(name))
    if (!definition) {
      problem('参数', `的值“${name}”不是台账认识的参数，请检查名称（可用参数见 README）`)
      continue
    }
    // The first row that names a parameter is the one in force, as the duplicate finding of the table
    // says; the table only sees identical text, so 有效期（月）-塑料件 after 有效期(月)-塑料件 is reported here.
    const first = firstRow.get(definition.key)
    if (first !== undefined) {
      if (first.name !== name) problem('参数', repeatedParameter(name, first.row))
      continue
    }
    firstRow.set(definition.key, { row: record.row, name })
    if (raw === undefined) continue
    const text = toHalfWidth(String(raw)).trim()
    const value = /^[-+]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN
    if (!Number.isInteger(value) || value < definition.min || value > definition.max) {
      problem(
        '值',
        `的值“${raw}”不是参数“${definition.name}”的有效值，请填写 ${definition.min} 到 ${definition.max} 之间的整数；暂按默认值 ${definition.default} 计算`,
      )
      continue
    }
    values[definition.key] = value
    overridden[definition.key] = record.row
  }
  return { values, findings, overrides: overridden }
}

/** A second row naming a parameter under another spelling (the table reports identical names). */
function repeatedParameter(name: string, firstRow: number): string {
  return `的值“${name}”与第 ${firstRow} 行是同一个参数，按第 ${firstRow} 行计算，请删除其中一行`
}

function normalizeName(name: string): string {
  // Full-width brackets and dashes become ASCII in toHalfWidth; long dashes are dashes too.
  return toHalfWidth(name).replace(/\s+/g, '').replace(/[—–]/g, '-')
}

/**
 * A parameter whose value is text, such as the id of the Google Doc that letters are copied from.
 * `driveId` accepts the id or any Google Docs / Drive link that contains it.
 */
export interface TextParameterDefinition {
  readonly key: string
  readonly name: string
  readonly kind: 'text' | 'driveId'
  /** Longest accepted value, in characters. */
  readonly maxLength: number
  readonly description: string
}

/** Text parameters by key; a parameter left blank (or invalid) has no entry. */
export type TextParameters = Readonly<Record<string, string>>

export interface ResolvedTextParameters {
  readonly values: TextParameters
  readonly findings: readonly Finding[]
  /**
   * The 参数 tab's sheet row each value in force was taken from, by key: where a ledger that checks
   * the value further (a JSON it parses) reports it, under whatever spelling of the name it was found.
   */
  readonly rows: Readonly<Record<string, number>>
}

// Drive ids are URL-safe base64 of 25 characters or more; links carry them after /d/ or /folders/ or id=.
const DRIVE_ID = /^[A-Za-z0-9_-]{25,}$/
const DRIVE_ID_IN_LINK = /(?:\/d\/|\/folders\/|[?&]id=)([A-Za-z0-9_-]{25,})/

/** The Drive id in what a user pasted: the id itself or a link to the document or folder. */
export function driveIdOf(text: string): string | undefined {
  const trimmed = text.trim()
  if (DRIVE_ID.test(trimmed)) return trimmed
  return DRIVE_ID_IN_LINK.exec(trimmed)?.[1]
}

export function resolveTextParameters(
  definitions: readonly TextParameterDefinition[],
  sheet: string,
  overrides: ReadResult | undefined,
): ResolvedTextParameters {
  const values: Record<string, string> = {}
  const rows: Record<string, number> = {}
  const findings: Finding[] = []
  const byName = new Map(definitions.map((definition) => [normalizeName(definition.name), definition]))
  const firstRow = new Map<string, { row: number; name: string }>()
  for (const record of overrides?.records ?? []) {
    const name = String(record.values.get('参数') ?? '')
    const definition = byName.get(normalizeName(name))
    if (definition === undefined) continue
    const report = (header: string, message: string): void => {
      findings.push(
        cellProblem(sheet, overrides?.columns ?? new Map(), { row: record.row, key: name }, header, message),
      )
    }
    // The first row naming a parameter is in force, as for numeric parameters (resolveParameters
    // leaves the text ones to this rule): PPAP 等级矩阵 after PPAP等级矩阵 is reported, not ignored.
    const first = firstRow.get(definition.key)
    if (first !== undefined) {
      if (first.name !== name) report('参数', repeatedParameter(name, first.row))
      continue
    }
    firstRow.set(definition.key, { row: record.row, name })
    const raw = record.values.get('值')
    if (raw === undefined) continue
    const text = String(raw).trim()
    const problem = (message: string): void => report('值', message)
    if (Array.from(text).length > definition.maxLength) {
      problem(`太长（超过 ${definition.maxLength} 个字），参数“${definition.name}”暂不生效，请缩短`)
      continue
    }
    if (definition.kind === 'driveId') {
      const id = driveIdOf(text)
      if (id === undefined) {
        problem(
          `的值“${clipQuoted(text)}”不是 Google 云端硬盘的 ID 或链接，参数“${definition.name}”暂不生效；请从浏览器地址栏复制文档或文件夹的链接粘贴到这里`,
        )
        continue
      }
      values[definition.key] = id
      rows[definition.key] = record.row
      continue
    }
    values[definition.key] = text
    rows[definition.key] = record.row
  }
  return { values, findings, rows }
}
