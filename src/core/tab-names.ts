/**
 * Tab names a clerk may have slipped on: 样件台帐 for 样件台账, a trailing space, full-width letters.
 * Used to tell a renamed ledger tab from a ledger the workbook never kept.
 */
import { toHalfWidth } from './text'

/** A tab name with the usual slips undone: 帐→账, full-width→half-width, spaces dropped, lower case. */
export function normalizeTabName(name: string): string {
  return toHalfWidth(name.normalize('NFKC'))
    .replace(/帐/g, '账')
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase()
}

/** Levenshtein distance by code point. */
export function editDistance(a: string, b: string): number {
  const left = Array.from(a)
  const right = Array.from(b)
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index)
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= right.length; j += 1) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[right.length] ?? 0
}

/**
 * Whether `name` is `wanted` with a slip: equal once normalised, or (for names of three characters
 * or more) one character apart once normalised.
 */
export function isNearTabName(wanted: string, name: string): boolean {
  if (name === wanted) return false
  const a = normalizeTabName(wanted)
  const b = normalizeTabName(name)
  if (a === b) return true
  return Array.from(a).length >= 3 && editDistance(a, b) <= 1
}

/**
 * The existing name closest to `wanted`, for a message (“样件台帐”是不是“样件台账”？): a near name
 * first, else one that contains the wanted name or the least edits away, within half its length.
 * Undefined when none is close.
 */
export function closestTabName(wanted: string, names: readonly string[]): string | undefined {
  const near = names.find((name) => isNearTabName(wanted, name))
  if (near !== undefined) return near
  const target = normalizeTabName(wanted)
  const limit = Math.max(1, Math.floor(Array.from(target).length / 2))
  let best: { name: string; distance: number } | undefined
  for (const name of names) {
    if (name === wanted) continue
    const normalized = normalizeTabName(name)
    const distance = normalized.includes(target) ? 0 : editDistance(target, normalized)
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance }
  }
  return best?.name
}
