/**
 * An in-memory WorkbookPort for testing the application without a spreadsheet: tabs are 2-D arrays
 * of cells, header in row 1, exactly as a host would hand them over.
 */

import {
  type CellWrite,
  type ColumnWrite,
  type EnsureResult,
  isLinkedText,
  type WorkbookPort,
} from '../../src/app/workbook-port'
import type { Cell, OutputCell } from '../../src/core/cells'
import { type PlacedRowColour, placeRowColours, type RowColours } from '../../src/core/row-colours'
import type { SheetTable } from '../../src/core/table'
import type { TabTemplate } from '../../src/core/template'

export class MemoryWorkbook implements WorkbookPort {
  readonly timeZone = 'Asia/Shanghai'
  readonly tabs = new Map<string, Cell[][]>()
  readonly writes: string[] = []
  /** The tool's row colours of each tab, as the last setRowColours placed them. */
  readonly rowColours = new Map<string, PlacedRowColour[]>()

  constructor(tabs: Record<string, Cell[][]> = {}) {
    for (const [name, rows] of Object.entries(tabs))
      this.tabs.set(
        name,
        rows.map((row) => [...row]),
      )
  }

  tabNames(): readonly string[] {
    return [...this.tabs.keys()]
  }

  readTab(name: string): SheetTable | undefined {
    const rows = this.tabs.get(name)
    if (!rows) return undefined
    return { name, header: rows[0] ?? [], rows: rows.slice(1) }
  }

  writeColumns(name: string, writes: readonly ColumnWrite[]): void {
    const rows = this.tabs.get(name)
    if (!rows) throw new Error(`no tab ${name}`)
    for (const { column, values } of writes) {
      values.forEach((value, index) => {
        const row = rows[index + 1] ?? []
        rows[index + 1] = row
        while (row.length <= column) row.push(null)
        row[column] = value
      })
    }
    this.writes.push(`columns:${name}`)
  }

  writeCells(name: string, writes: readonly CellWrite[]): void {
    const rows = this.tabs.get(name)
    if (!rows) throw new Error(`no tab ${name}`)
    for (const { row, column, value } of writes) {
      const cells = rows[row - 1] ?? []
      rows[row - 1] = cells
      while (cells.length <= column) cells.push(null)
      // A link reads back as its text, as in both hosts.
      cells[column] = isLinkedText(value) ? value.text : value
    }
    this.writes.push(`cells:${name}`)
  }

  replaceToolTab(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.tabs.set(template.name, [template.columns.map((c) => c.header), ...rows.map((row) => [...row])])
    this.writes.push(`replace:${template.name}`)
  }

  appendRows(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    const existing = this.tabs.get(template.name) ?? [template.columns.map((c) => c.header)]
    this.tabs.set(template.name, [...existing, ...rows.map((row) => [...row])])
    this.writes.push(`append:${template.name}`)
  }

  setRowColours(name: string, colours: RowColours): void {
    this.rowColours.set(name, placeRowColours(colours, this.tabs.get(name)?.[0] ?? []))
  }

  ensureTab(template: TabTemplate, seedRows?: readonly (readonly Cell[])[]): EnsureResult {
    const existing = this.tabs.get(template.name)
    if (!existing) {
      this.tabs.set(template.name, [
        template.columns.map((c) => c.header),
        ...(seedRows ?? []).map((row) => [...row]),
      ])
      return { created: true, addedHeaders: [] }
    }
    const header = existing[0] ?? []
    existing[0] = header
    const added = template.columns.map((c) => c.header).filter((h) => !header.includes(h))
    header.push(...added)
    return { created: false, addedHeaders: added }
  }

  /** Cell by header and 1-based sheet row. */
  cell(tab: string, row: number, header: string): Cell | undefined {
    const rows = this.tabs.get(tab) ?? []
    const column = (rows[0] ?? []).indexOf(header)
    return rows[row - 1]?.[column]
  }
}
