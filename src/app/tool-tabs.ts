/**
 * Rewriting a tool tab without losing what users typed into it. A tool tab is the tool's to
 * replace, except for its user columns (回访结果 of 回访抽样): their entries are read from the tab as
 * it is and written back on the row of the same key, so that a note follows its record when the
 * rows are re-sorted, added or removed. An entry whose record is gone is dropped, and counted.
 */
import { type Cell, displayCell, isBlank, type OutputCell } from '../core/cells'
import { locateColumns } from '../core/table'
import type { TabTemplate } from '../core/template'
import type { WorkbookPort } from './workbook-port'

export interface ToolTabWrite {
  /** Entries of user columns whose row is no longer in the tab. */
  readonly dropped: number
}

export function writeToolTab(
  port: WorkbookPort,
  template: TabTemplate,
  rows: readonly (readonly OutputCell[])[],
): ToolTabWrite {
  const userColumns = template.columns.flatMap((column, index) => (column.user ? [{ column, index }] : []))
  const keyIndex = template.columns.findIndex((column) => column.header === template.key)
  if (userColumns.length === 0 || keyIndex < 0) {
    port.replaceToolTab(template, rows)
    return { dropped: 0 }
  }
  const { entries, duplicates } = userEntries(
    port,
    template,
    userColumns.map(({ column }) => column.header),
  )
  const keyOf = (cell: Cell | undefined): string => displayCell(cell ?? null).trim()
  const written = rows.map((row) => {
    const kept = entries.get(keyOf(row[keyIndex]))
    if (kept === undefined) return row
    entries.delete(keyOf(row[keyIndex]))
    const filled = [...row]
    for (const { column, index } of userColumns) filled[index] = kept.get(column.header) ?? row[index] ?? null
    return filled
  })
  port.replaceToolTab(template, written)
  let dropped = duplicates
  for (const kept of entries.values()) dropped += kept.size
  return { dropped }
}

/**
 * The non-blank entries of the user columns by the row's key, as the cells hold them; `duplicates`
 * counts the entries of a key's later rows (a row copied by hand), which have no row to go back to.
 */
function userEntries(
  port: WorkbookPort,
  template: TabTemplate,
  headers: readonly string[],
): { entries: Map<string, Map<string, OutputCell>>; duplicates: number } {
  const table = port.readTab(template.name)
  const entries = new Map<string, Map<string, OutputCell>>()
  let duplicates = 0
  const columns = table && template.key !== undefined ? locateColumns(template, table.header) : new Map()
  const keyColumn = template.key === undefined ? undefined : columns.get(template.key)
  if (!table || keyColumn === undefined) return { entries, duplicates }
  for (const row of table.rows) {
    const key = displayCell(row[keyColumn] ?? null).trim()
    if (key === '') continue
    const kept = new Map<string, OutputCell>()
    for (const header of headers) {
      const index = columns.get(header)
      const cell = index === undefined ? undefined : row[index]
      if (cell === undefined || isBlank(cell)) continue
      kept.set(header, typeof cell === 'boolean' ? displayCell(cell) : cell)
    }
    if (kept.size === 0) continue
    if (entries.has(key)) duplicates += kept.size
    else entries.set(key, kept)
  }
  return { entries, duplicates }
}
