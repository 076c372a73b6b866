/**
 * The PPAP level matrix (AIAG PPAP 4th edition, table 4.2): which of the 18 elements each submission
 * level 1–5 requires to be submitted. The default is the JSON table ppap-levels.json beside this file,
 * which staff can edit; the 参数 tab's text parameter PPAP等级矩阵 overrides single levels without a
 * redeploy ({"4": "1,2,9,10,18"}).
 */
import { toHalfWidth } from '../../core/text'
import levels from './ppap-levels.json'

export const PPAP_ELEMENT_COUNT = 18
export const PPAP_LEVELS = [1, 2, 3, 4, 5] as const

export const PPAP_ELEMENT_NAMES: ReadonlyMap<number, string> = new Map(
  levels.elements.map((element) => [element.no, element.name]),
)

/** Required elements by level, ascending. */
export type LevelMatrix = ReadonlyMap<number, readonly number[]>

export const DEFAULT_LEVEL_MATRIX: LevelMatrix = new Map(
  Object.entries(levels.levels).map(([level, elements]) => [
    Number(level),
    [...elements].sort((a, b) => a - b),
  ]),
)

export interface ParsedElements {
  readonly elements: ReadonlySet<number>
  /** Tokens that name no element (0, 19, 设计), as typed. */
  readonly unknown: readonly string[]
}

/**
 * What a user types for elements: numbers and ranges separated by commas, 、, ；, spaces or slashes
 * (1-14,17,18 · 1、2、9 · １～５), "PSW" for 18, and 全部 for all 18. Full-width digits count.
 */
export function parseElements(text: string): ParsedElements {
  const elements = new Set<number>()
  const unknown: string[] = []
  const normalized = toHalfWidth(text).replace(/[~—–至到]/g, '-')
  for (const raw of normalized.split(/[,，、;；/\s]+/)) {
    const token = raw.trim()
    if (token === '') continue
    if (token === '全部') {
      for (let no = 1; no <= PPAP_ELEMENT_COUNT; no += 1) elements.add(no)
      continue
    }
    if (/^psw$/i.test(token)) {
      elements.add(PPAP_ELEMENT_COUNT)
      continue
    }
    const range = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(token)
    const from = range ? Number(range[1]) : Number.NaN
    const to = range?.[2] === undefined ? from : Number(range[2])
    if (!(from >= 1 && to <= PPAP_ELEMENT_COUNT && from <= to)) {
      unknown.push(token)
      continue
    }
    for (let no = from; no <= to; no += 1) elements.add(no)
  }
  return { elements, unknown }
}

/**
 * A level matrix with the override applied, or the problem with the override (the default stays).
 * `overridden`: the levels the override sets (taizhang why names the source of a level's elements).
 */
export function levelMatrix(override: string | undefined): {
  readonly matrix: LevelMatrix
  readonly problem?: string
  readonly overridden?: ReadonlySet<number>
} {
  if (override === undefined || override.trim() === '') return { matrix: DEFAULT_LEVEL_MATRIX }
  let parsed: unknown
  try {
    parsed = JSON.parse(override)
  } catch {
    return {
      matrix: DEFAULT_LEVEL_MATRIX,
      problem: '不是有效的 JSON，请写成例如 {"4": "1,2,9,10,18"}；暂按默认矩阵计算',
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      matrix: DEFAULT_LEVEL_MATRIX,
      problem: '应是以提交等级为键的 JSON 对象，例如 {"4": "1,2,9,10,18"}；暂按默认矩阵计算',
    }
  }
  const matrix = new Map(DEFAULT_LEVEL_MATRIX)
  const overridden = new Set<number>()
  for (const [key, value] of Object.entries(parsed)) {
    const level = Number(key)
    if (!PPAP_LEVELS.includes(level as (typeof PPAP_LEVELS)[number])) {
      return { matrix: DEFAULT_LEVEL_MATRIX, problem: `的键“${key}”不是提交等级 1–5；暂按默认矩阵计算` }
    }
    const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : undefined
    const elements = text === undefined ? undefined : parseElements(text)
    if (elements === undefined || elements.unknown.length > 0) {
      const bad = elements?.unknown.join('、') ?? JSON.stringify(value)
      return {
        matrix: DEFAULT_LEVEL_MATRIX,
        problem: `中 ${level} 级的元素“${bad}”不是 1–18 的元素编号；暂按默认矩阵计算`,
      }
    }
    matrix.set(
      level,
      [...elements.elements].sort((a, b) => a - b),
    )
    overridden.add(level)
  }
  return { matrix, overridden }
}

/** 1-14,17,18: elements as a short list with ranges. */
export function formatElements(elements: readonly number[]): string {
  const sorted = [...new Set(elements)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j += 1
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','))
    i = j + 1
  }
  return parts.join(',')
}
