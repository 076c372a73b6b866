/**
 * Dropdowns (data validations) survive a round trip through ExcelJS only with help.
 *
 * Loading: exceljs 4.4 reads a validation over E2:E5000 as 4999 single-cell entries (a full-column
 * one over E1:E1048576 as a million), which made opening even a small ledger take seconds and a big
 * one run out of memory. `keepValidationRanges` makes it keep each range as the file states it.
 *
 * Saving: ExcelJS regroups single-cell entries starting from the addresses sorted as text ("E10"
 * before "E2"), which writes overlapping ranges (E10:E5000 and E2:E5000) that Excel may refuse.
 * Before saving, the single-cell entries (a cell's own dropdown) are merged into non-overlapping
 * rectangles, which ExcelJS writes as they are, like the ranges.
 */
import type ExcelJS from 'exceljs'
import DataValidationsXform from 'exceljs/lib/xlsx/xform/sheet/data-validations-xform.js'
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

let rangesKept = false

/**
 * Patches ExcelJS's <dataValidation> parser to store each range of `sqref` under its own address
 * instead of one entry per cell; everything else it parses (type, formulae, messages) is untouched,
 * and ExcelJS writes a range entry back as the same range. Idempotent.
 */
export function keepValidationRanges(): void {
  if (rangesKept) return
  const prototype = DataValidationsXform.prototype
  const parseClose = prototype.parseClose
  if (typeof parseClose !== 'function') throw new Error('exceljs: the data-validation parser has changed')
  prototype.parseClose = function (this: DataValidationsXform, name: string): boolean {
    if (name !== 'dataValidation') return parseClose.call(this, name)
    const validation = this._dataValidation
    // As ExcelJS does: a validation without formulae has neither formulae nor operator.
    if (!validation.formulae || validation.formulae.length === 0) {
      const loose = validation as Partial<ExcelJS.DataValidation>
      delete loose.formulae
      delete loose.operator
    }
    for (const address of (this._address ?? '').split(/\s+/)) {
      if (address !== '') this.model[address] = validation
    }
    return true
  }
  rangesKept = true
}

/** The validation that applies to one cell, whether the model keeps it per cell or per range. */
export function validationAt(
  worksheet: ExcelJS.Worksheet,
  address: string,
): ExcelJS.DataValidation | undefined {
  const model = validationModel(worksheet)
  const own = model[address]
  if (own !== undefined) return own
  const position = parseCellAddress(address)
  if (!position) return undefined
  for (const [key, validation] of Object.entries(model)) {
    if (validation === undefined || !key.includes(':')) continue
    const [from, to] = key.split(':').map(parseCellAddress)
    if (from && to && within(position, from, to)) return validation
  }
  return undefined
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
