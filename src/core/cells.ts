import type { IsoDate } from './dates'

/**
 * A cell as a host hands it to the core: hosts turn their own date values into `DateCell`s (in the
 * workbook's time zone) and flatten formulas, rich text and links to what the user sees.
 */
export type Cell = string | number | boolean | DateCell | UncalculatedFormula | null

export interface DateCell {
  readonly date: IsoDate
  /** Minutes after midnight, when the cell holds a time too. */
  readonly minutes?: number
}

/**
 * A formula the file holds without its result: written by a program that does not calculate
 * (a script, an export), and never opened in Excel or WPS since. What it shows is unknown, so it is
 * neither empty nor a value. Only the xlsx host hands one over: Google Sheets always calculates.
 */
export interface UncalculatedFormula {
  /** The formula as written, without the "=". */
  readonly formula: string
}

export function isDateCell(cell: Cell | undefined): cell is DateCell {
  return typeof cell === 'object' && cell !== null && 'date' in cell && typeof cell.date === 'string'
}

export function isUncalculatedFormula(cell: Cell | undefined): cell is UncalculatedFormula {
  return typeof cell === 'object' && cell !== null && 'formula' in cell
}

export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
}

/** The text a user sees in a cell, for messages. */
export function displayCell(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (isUncalculatedFormula(cell)) return `=${cell.formula}`
  if (isDateCell(cell)) {
    if (cell.minutes === undefined) return cell.date
    const hours = Math.floor(cell.minutes / 60)
    return `${cell.date} ${String(hours).padStart(2, '0')}:${String(cell.minutes % 60).padStart(2, '0')}`
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE'
  return String(cell)
}

/** A value the tool writes into an owned column or a tool tab. */
export type OutputCell = string | number | DateCell | null

/** A derived date as an owned cell: blank when there is none. */
export function dateCell(date: IsoDate | undefined): OutputCell {
  return date === undefined ? null : { date }
}
