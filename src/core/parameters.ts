/**
 * Numeric parameters: defaults ship in rules/*.parameters.json, and a row of the 参数 tab overrides
 * one by its Chinese name without a redeploy. A bad override is a DATA_INVALID finding and the
 * default stays in force.
 */
import { toHalfWidth } from './cells'
import type { Finding } from './findings'
import { cellProblem, type ReadResult } from './table'

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
}

export function defaultParameters(definitions: readonly ParameterDefinition[]): Parameters {
  return Object.fromEntries(definitions.map((definition) => [definition.key, definition.default]))
}

export function resolveParameters(
  definitions: readonly ParameterDefinition[],
  sheet: string,
  overrides: ReadResult | undefined,
): ResolvedParameters {
  const values: Record<string, number> = { ...defaultParameters(definitions) }
  const findings: Finding[] = []
  const byName = new Map(definitions.map((definition) => [normalizeName(definition.name), definition]))
  const firstRow = new Map<string, { row: number; name: string }>()
  for (const record of overrides?.records ?? []) {
    const name = String(record.values.get('参数') ?? '')
    const raw = record.values.get('值')
    const problem = (header: string, message: string): void => {
      findings.push(
        cellProblem(sheet, overrides?.columns ?? new Map(), { row: record.row, key: name }, header, message),
      )
    }
    if (name === '') continue // the table already reported the missing name
    const definition = byName.get(normalizeName(name))
    if (!definition) {
      problem('参数', `的值“${name}”不是台账认识的参数，请检查名称（可用参数见 README）`)
      continue
    }
    // The first row that names a parameter is the one in force, as the duplicate finding of the table
    // says; the table only sees identical text, so 有效期（月）-塑料件 after 有效期(月)-塑料件 is reported here.
    const first = firstRow.get(definition.key)
    if (first !== undefined) {
      if (first.name !== name) {
        problem(
          '参数',
          `的值“${name}”与第 ${first.row} 行是同一个参数，按第 ${first.row} 行计算，请删除其中一行`,
        )
      }
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
  }
  return { values, findings }
}

function normalizeName(name: string): string {
  // Full-width brackets and dashes become ASCII in toHalfWidth; long dashes are dashes too.
  return toHalfWidth(name).replace(/\s+/g, '').replace(/[—–]/g, '-')
}
