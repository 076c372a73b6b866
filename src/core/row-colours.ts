/**
 * What a flagged row looks like: its 提醒 cell names its worst level first (`【错误】已过期；校准逾期`),
 * which reads on a black-and-white printout too, and a conditional format on that cell colours the
 * whole row (error red, warning amber, info none). 提醒汇总 is coloured the same way by its 级别.
 *
 * The rules are described here once, for both hosts. A host finds the tab's columns by header when
 * it writes them, takes out the rules it wrote before (known by the shape of their formula, so a
 * rule the user made is never mistaken for one) and appends these after the user's own, which
 * therefore win where both colour a cell.
 */

import { columnLetter } from './a1'
import { type Cell, displayCell } from './cells'
import { SEVERITY_LABEL, SEVERITY_ORDER, type Severity } from './findings'
import { normalizeHeader } from './table'

/** The levels a row is coloured by; an info finding leaves its row as it is. */
export type ColouredLevel = Exclude<Severity, 'info'>

export interface RowLook {
  /** Background, RRGGBB. */
  readonly fill: string
  /** Text colour, RRGGBB. */
  readonly font: string
}

/** Excel's standard “light red fill with dark red text” and “yellow fill with dark yellow text”. */
export const ROW_LOOK: Readonly<Record<ColouredLevel, RowLook>> = {
  error: { fill: 'FFC7CE', font: '9C0006' },
  warning: { fill: 'FFEB9C', font: '9C5700' },
}

const COLOURED: readonly ColouredLevel[] = ['error', 'warning']

/** `【错误】`: the mark a 提醒 cell starts with when its worst finding is an error. */
export function levelMark(level: ColouredLevel): string {
  return `【${SEVERITY_LABEL[level]}】`
}

/** The 提醒 cell for a row's labels: worst level first, each label once, the mark of the worst level before them. */
export function reminderText(
  labels: readonly { readonly label: string; readonly severity: Severity }[],
): string | null {
  if (labels.length === 0) return null
  const ordered = labels
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.index - b.index)
  const texts: string[] = []
  for (const { label } of ordered) if (!texts.includes(label)) texts.push(label)
  const worst = ordered[0]?.severity ?? 'info'
  return `${worst === 'info' ? '' : levelMark(worst)}${texts.join('；')}`
}

/** The labels of a 提醒 cell the tool wrote, its level mark taken off. */
export function reminderLabels(text: string): string[] {
  let rest = text.trim()
  for (const level of COLOURED)
    if (rest.startsWith(levelMark(level))) rest = rest.slice(levelMark(level).length)
  return rest.split('；').map((part) => part.trim())
}

/** How a tab tells its rows' level: by the mark in its 提醒 cells, or by 提醒汇总's 级别. */
export type RowColourScheme = 'reminder' | 'level'

export interface RowColours {
  readonly scheme: RowColourScheme
  /** The header of the column the formulas read (提醒 or 级别), found in the tab when it is written. */
  readonly header: string
  /** The last sheet row coloured; rows 2 to it (at least row 2). */
  readonly lastRow: number
}

/** A ledger tab: rows 2 to `lastRow`, by the mark in 提醒. */
export function reminderColours(lastRow: number): RowColours {
  return { scheme: 'reminder', header: '提醒', lastRow }
}

/** 提醒汇总: rows 2 to `lastRow`, by 级别. */
export function levelColours(lastRow: number): RowColours {
  return { scheme: 'level', header: '级别', lastRow }
}

/** One conditional-format rule as a host writes it. */
export interface PlacedRowColour {
  readonly level: ColouredLevel
  readonly look: RowLook
  /** Rows 2 to lastRow, columns A to the last header column: `A2:R40`. */
  readonly range: string
  /** 1-based first row and column and size of `range`, for hosts that take numbers. */
  readonly first: { readonly row: number; readonly column: number }
  readonly rows: number
  readonly columns: number
  /** For the range's first row, without '=': `LEFT($R2,4)="【错误】"`. */
  readonly formula: string
}

/**
 * The rules for a tab whose header row is `header`, or none when it has no such column. A 级别 that
 * reads `警告（已暂缓至 2026-12-10）` is not coloured: the user has put the finding off, and the
 * colour is for what still needs doing.
 */
export function placeRowColours(colours: RowColours, header: readonly Cell[]): PlacedRowColour[] {
  const wanted = normalizeHeader(colours.header)
  const at = header.findIndex((cell) => normalizeHeader(cell) === wanted)
  if (at < 0) return []
  let last = header.length - 1
  while (last > at && displayCell(header[last] ?? null).trim() === '') last -= 1
  const lastRow = Math.max(2, Math.floor(colours.lastRow))
  const reference = `$${columnLetter(at)}2`
  return COLOURED.map((level) => ({
    level,
    look: ROW_LOOK[level],
    range: `A2:${columnLetter(last)}${lastRow}`,
    first: { row: 2, column: 1 },
    rows: lastRow - 1,
    columns: last + 1,
    formula:
      colours.scheme === 'reminder'
        ? `LEFT(${reference},${levelMark(level).length})="${levelMark(level)}"`
        : `${reference}="${SEVERITY_LABEL[level]}"`,
  }))
}

const TOOL_FORMULAS: Readonly<Record<RowColourScheme, RegExp>> = {
  reminder: new RegExp(`^LEFT\\(\\$[A-Z]{1,3}\\$?\\d+,4\\)="(${COLOURED.map(levelMark).join('|')})"$`),
  level: new RegExp(
    `^\\$[A-Z]{1,3}\\$?\\d+="(${COLOURED.map((level) => SEVERITY_LABEL[level]).join('|')})"$`,
  ),
}

/**
 * Whether a conditional-format formula is one the tool wrote for this scheme (wherever the column
 * has since moved: Excel and Sheets rewrite the reference). Sheets gives custom formulas with '='.
 */
export function isToolRowColour(scheme: RowColourScheme, formula: string): boolean {
  const bare = formula.trim().replace(/^=\s*/, '')
  return TOOL_FORMULAS[scheme].test(bare)
}
