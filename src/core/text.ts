/** Normalising what users type, before it is parsed or compared. */

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/

/**
 * What a Chinese IME in full-width mode types: ２０２６／３／５, １２, －５, 14：30. Parsers of dates and
 * numbers read the ASCII forms (U+FF01–FF5E are ASCII shifted by 0xFEE0; U+3000 is a space).
 */
export function toHalfWidth(text: string): string {
  // Most text has no full-width character: one test instead of two replacements (a hot path, run
  // for ids and labels in every row).
  if (!FULL_WIDTH.test(text)) return text
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

/**
 * An id as ids are compared (matching across tabs, duplicate detection): yj-017, YJ-017 and
 * ＹＪ－０１７ are one id. Messages and written cells keep the id as typed.
 */
export function idKey(text: string): string {
  return toHalfWidth(text).trim().toUpperCase()
}

/**
 * Values by their id as ids compare (idKey), for matching another tab's references to them: the first
 * value of an id is the one that counts (the table reports the repeats), and a value without an id
 * is left out.
 */
export function firstById<T>(values: readonly T[], idOf: (value: T) => string): ReadonlyMap<string, T> {
  const byId = new Map<string, T>()
  for (const value of values) {
    const key = idKey(idOf(value))
    if (key !== '' && !byId.has(key)) byId.set(key, value)
  }
  return byId
}

/** How many characters of a user's value a message quotes. */
export const QUOTED_MAX_CHARS = 60

/**
 * A user's value as a message quotes it: cut short, because a message lands in one cell of
 * 提醒汇总 (Excel holds at most 32,767 characters in a cell, Google Sheets 50,000), and a message
 * names a value so that the user can find it, not to repeat it. Counted in code points, so that a
 * cut never splits a character outside the BMP.
 */
export function clipQuoted(text: string, max: number = QUOTED_MAX_CHARS): string {
  if (text.length <= max) return text
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`
}
