/**
 * Dropdowns (data validations) survive a round trip through ExcelJS only with help. exceljs 4.4 reads
 * a validation over E2:E5000 as 4999 single-cell entries and, when saving, regroups them starting
 * from the addresses sorted as text ("E10" before "E2"), which writes overlapping ranges (E10:E5000
 * and E2:E5000) that Excel may refuse. Before saving, the single-cell entries are merged back into
 * non-overlapping rectangles, which ExcelJS writes as they are.
 */
import type ExcelJS from 'exceljs'
import { type CellPosition, cellAddress, parseCellAddress } from './addresses'

type ValidationModel = Record<string, ExcelJS.DataValidation | undefined>

interface Run {
  readonly column: number
  readonly top: number
  readonly bottom: number
}

interface DataValidations {
  model: ValidationModel
  add(address: string, validation: ExcelJS.DataValidation): void
}

/** The sheet-level validations of exceljs 4.4 (keyed by cell or range address), left out of its types. */
export function validationHolder(worksheet: ExcelJS.Worksheet): DataValidations {
  return (worksheet as ExcelJS.Worksheet & { dataValidations: DataValidations }).dataValidations
}

function validationModel(worksheet: ExcelJS.Worksheet): ValidationModel {
  return validationHolder(worksheet).model
}

export function compactDataValidations(worksheet: ExcelJS.Worksheet): void {
  const model = validationModel(worksheet)
  const compacted: ValidationModel = {}
  const ranges: { from: CellPosition; to: CellPosition }[] = []
  for (const [address, validation] of Object.entries(model)) {
    if (validation === undefined || !address.includes(':')) continue
    compacted[address] = validation
    const [from, to] = address.split(':').map(parseCellAddress)
    if (from && to) ranges.push({ from, to })
  }
  // Cells are grouped by validation: ExcelJS gives every cell of one range the same object.
  const groups = new Map<ExcelJS.DataValidation, Map<number, number[]>>()
  const byContent = new Map<string, ExcelJS.DataValidation>()
  for (const [address, validation] of Object.entries(model)) {
    if (validation === undefined || address.includes(':')) continue
    const position = parseCellAddress(address)
    if (!position) {
      compacted[address] = validation
      continue
    }
    // A range added in this run wins over the single cells it covers.
    if (ranges.some(({ from, to }) => within(position, from, to))) continue
    let rows = groups.get(validation)
    if (!rows) {
      const content = JSON.stringify(validation)
      const same = byContent.get(content)
      rows = same ? groups.get(same) : undefined
      if (!rows) {
        rows = new Map()
        byContent.set(content, validation)
      }
      groups.set(validation, rows)
    }
    const columnRows = rows.get(position.column) ?? []
    columnRows.push(position.row)
    rows.set(position.column, columnRows)
  }
  const written = new Set<Map<number, number[]>>()
  for (const [validation, rows] of groups) {
    if (written.has(rows)) continue
    written.add(rows)
    for (const address of rectangles(rows)) compacted[address] = validation
  }
  validationHolder(worksheet).model = compacted
}

function within(position: CellPosition, from: CellPosition, to: CellPosition): boolean {
  return (
    position.column >= from.column &&
    position.column <= to.column &&
    position.row >= from.row &&
    position.row <= to.row
  )
}

/** Vertical runs per column, then side-by-side runs of the same rows joined into rectangles. */
function rectangles(rowsByColumn: ReadonlyMap<number, number[]>): string[] {
  const runs: Run[] = []
  for (const [column, rows] of rowsByColumn) {
    rows.sort((a, b) => a - b)
    let top = rows[0] ?? 0
    let bottom = top
    for (const row of rows.slice(1)) {
      if (row === bottom + 1) {
        bottom = row
        continue
      }
      runs.push({ column, top, bottom })
      top = row
      bottom = row
    }
    if (rows.length > 0) runs.push({ column, top, bottom })
  }
  runs.sort((a, b) => a.top - b.top || a.bottom - b.bottom || a.column - b.column)
  const addresses: string[] = []
  let index = 0
  while (index < runs.length) {
    const first = runs[index] as Run
    let last = first
    index++
    while (index < runs.length) {
      const next = runs[index] as Run
      if (next.top !== first.top || next.bottom !== first.bottom || next.column !== last.column + 1) break
      last = next
      index++
    }
    const start = cellAddress({ row: first.top, column: first.column })
    const end = cellAddress({ row: last.bottom, column: last.column })
    addresses.push(start === end ? start : `${start}:${end}`)
  }
  return addresses
}
