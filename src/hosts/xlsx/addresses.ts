/** A1-style cell addresses as ExcelJS and the xlsx format spell them; columns and rows are 1-based. */
import { columnLetter } from '../../core/table'

export interface CellPosition {
  readonly row: number
  readonly column: number
}

export function parseCellAddress(address: string): CellPosition | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.trim().toUpperCase())
  if (!match) return undefined
  let column = 0
  for (const letter of match[1] ?? '') column = column * 26 + (letter.charCodeAt(0) - 64)
  return { row: Number(match[2]), column }
}

export function cellAddress(position: CellPosition): string {
  return `${columnLetter(position.column - 1)}${position.row}`
}
