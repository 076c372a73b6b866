/**
 * A1 references as spreadsheets spell them: column letters, cells (`AB12`, `$A$1`), ranges
 * (`O10:P10`). Columns and rows here are 0-based columns and 1-based rows, as the core counts them.
 */

const LETTERS: string[] = []

/** 0-based column → 'A', 'B', … 'XFD' (used in every cell the local host writes: remembered). */
export function columnLetter(index: number): string {
  const cached = LETTERS[index]
  if (cached !== undefined) return cached
  let rest = index + 1
  let letters = ''
  while (rest > 0) {
    const remainder = (rest - 1) % 26
    letters = String.fromCharCode(65 + remainder) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  LETTERS[index] = letters
  return letters
}

/** 'AB12' or '$ab$12' → column 27 (0-based), row 12; a part that is missing is -1 or 0. */
export function parseCellReference(reference: string): { column: number; row: number } {
  let column = 0
  let index = 0
  for (; index < reference.length; index++) {
    const code = reference.charCodeAt(index)
    if (code === 36) continue // $
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64)
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96)
    else break
  }
  const digits = reference.slice(index).replace(/\$/g, '')
  return { column: column - 1, row: digits === '' ? 0 : Number(digits) }
}

export interface CellRange {
  readonly first: { readonly column: number; readonly row: number }
  readonly last: { readonly column: number; readonly row: number }
}

/** 'O10:P10' (or one cell) → its corners, top-left first; undefined when it is not a range of cells. */
export function parseRange(reference: string): CellRange | undefined {
  const [from, to = from] = reference.split(':')
  if (!from || !to) return undefined
  const first = parseCellReference(from)
  const last = parseCellReference(to)
  if (first.column < 0 || last.column < 0 || first.row < 1 || last.row < 1) return undefined
  return {
    first: { column: Math.min(first.column, last.column), row: Math.min(first.row, last.row) },
    last: { column: Math.max(first.column, last.column), row: Math.max(first.row, last.row) },
  }
}

/**
 * Things at columns, sorted by column and split into runs of adjacent columns, so that each run is
 * one range: columns C, D, F → [C, D], [F]. Two at the same column fall into different runs.
 */
export function adjacentColumnRuns<T>(items: readonly T[], columnOf: (item: T) => number): T[][] {
  const sorted = [...items].sort((a, b) => columnOf(a) - columnOf(b))
  const runs: T[][] = []
  let previous: T | undefined
  for (const item of sorted) {
    const run = runs[runs.length - 1]
    if (run !== undefined && previous !== undefined && columnOf(item) === columnOf(previous) + 1)
      run.push(item)
    else runs.push([item])
    previous = item
  }
  return runs
}
