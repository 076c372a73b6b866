/**
 * Rewriting a tool tab without losing what users typed into it. A tool tab is the tool's to
 * replace, except for its user columns (回访结果 of 回访抽样, 处理情况 of 提醒汇总): their entries are
 * read from the tab as it is and written back on the row of the same identity (the tab's `key`, or
 * its `identity` columns: 台账, 编号 and 代码 of 提醒汇总), so that a note follows its record when the
 * rows are re-sorted, added or removed. An entry whose record is gone is dropped, and counted.
 */
import { type Cell, displayCell, isBlank, isUncalculatedFormula, type OutputCell } from '../core/cells'
import { findColumns, UnusableTabError } from '../core/table'
import { identityColumns, type TabTemplate } from '../core/template'
import { idKey } from '../core/text'
import type { WorkbookPort } from './workbook-port'

export interface ToolTabWrite {
  /** Entries of user columns whose row is no longer in the tab. */
  readonly dropped: number
}

/**
 * The user columns' entries of a tool tab as it is, by identity; each identity holds its rows' entries
 * in tab order, so that two rows of one identity (two bad cells of one record) keep one each.
 */
export interface UserEntries {
  readonly entries: Map<string, Map<string, OutputCell>[]>
  /** The tab's columns as it is, by header (its layout may be older than the template's). */
  readonly columns?: ReadonlyMap<string, number>
}

export function writeToolTab(
  port: WorkbookPort,
  template: TabTemplate,
  rows: readonly (readonly OutputCell[])[],
): ToolTabWrite {
  const prepared = prepareToolTab(port, template, rows)
  port.replaceToolTab(template, prepared.rows)
  return { dropped: prepared.dropped }
}

/** A tool tab's rows with the user's entries carried in, as writeToolTab writes them. */
export interface PreparedToolTab extends ToolTabWrite {
  readonly template: TabTemplate
  readonly rows: readonly (readonly OutputCell[])[]
}

/**
 * The rows writeToolTab would write, read before anything is written: it throws (UnusableTabError)
 * when the user's entries could not be carried, so that a check stops with nothing written.
 */
export function prepareToolTab(
  port: WorkbookPort,
  template: TabTemplate,
  rows: readonly (readonly OutputCell[])[],
): PreparedToolTab {
  if (!hasUserColumns(template)) return { template, rows, dropped: 0 }
  const entries = readUserEntries(port, template)
  return { template, rows: carryUserEntries(template, rows, entries), dropped: droppedEntries(entries) }
}

function hasUserColumns(template: TabTemplate): boolean {
  return identityColumns(template).length > 0 && template.columns.some((column) => column.user)
}

/**
 * The identity of a row in template order, or undefined when its identity cells are all blank. Its
 * ids compare as ids (idKey): a note on L-1 stays when the user retypes the record's id as l-1.
 * Whatever else follows a row of a tool tab (the digest's 新增 and 已暂缓) compares by this too.
 */
export function identityOf(cells: readonly (Cell | undefined)[]): string | undefined {
  const parts = cells.map((cell) => idKey(displayCell(cell ?? null)))
  return parts.every((part) => part === '') ? undefined : parts.join('\u0000')
}

/**
 * The rows with the entries of their identity filled into the user columns; the entries used are
 * taken out of `entries`, so that what is left there (droppedEntries) has no row.
 */
export function carryUserEntries(
  template: TabTemplate,
  rows: readonly (readonly OutputCell[])[],
  entries: UserEntries,
): OutputCell[][] {
  const userColumns = template.columns.flatMap((column, index) => (column.user ? [{ column, index }] : []))
  const identity = identityColumns(template).map((header) =>
    template.columns.findIndex((column) => column.header === header),
  )
  return rows.map((row) => {
    const id = identityOf(identity.map((index) => row[index]))
    const queue = id === undefined ? undefined : entries.entries.get(id)
    const kept = queue?.shift()
    if (queue?.length === 0 && id !== undefined) entries.entries.delete(id)
    if (kept === undefined || kept.size === 0) return [...row]
    const filled = [...row]
    for (const { column, index } of userColumns) filled[index] = kept.get(column.header) ?? row[index] ?? null
    return filled
  })
}

/** The entries left in `entries` (those whose row is gone), each with its identity cells as displayed. */
export function leftoverEntries(
  entries: UserEntries,
): { readonly identity: readonly string[]; readonly kept: ReadonlyMap<string, OutputCell> }[] {
  return [...entries.entries].flatMap(([id, queue]) =>
    queue.filter((kept) => kept.size > 0).map((kept) => ({ identity: id.split('\u0000'), kept })),
  )
}

/**
 * The entries of rows whose identity cells (in the template's identity order) are these, in tab
 * order; their ids compare as the carrying compares them (idKey).
 */
export function entriesOf(
  entries: UserEntries,
  identity: readonly (Cell | undefined)[],
): readonly Map<string, OutputCell>[] {
  const id = identityOf(identity)
  return (id === undefined ? undefined : entries.entries.get(id)) ?? []
}

/** How many entries are left in `entries`: those whose row is gone. */
export function droppedEntries(entries: UserEntries): number {
  let dropped = 0
  for (const queue of entries.entries.values()) for (const kept of queue) dropped += kept.size
  return dropped
}

/**
 * The non-blank entries of the user columns of each row by the row's identity, as the cells hold them.
 * Only identities with an entry are kept (a row without one keeps its place in its identity's queue,
 * so that a later row of its identity keeps its own); a 提醒汇总 of 74,000 rows with a few notes costs
 * a few entries, not a map per row. Only the identity and user columns are read.
 * Throws UnusableTabError when a column of the identity is missing (its header typed over or
 * deleted) while a user column holds entries: they could not follow their records, and rewriting the
 * tab would lose them.
 */
export function readUserEntries(port: WorkbookPort, template: TabTemplate): UserEntries {
  const entries = new Map<string, Map<string, OutputCell>[]>()
  const headers = template.columns.flatMap((column) => (column.user ? [column.header] : []))
  const identity = identityColumns(template)
  if (headers.length === 0 || identity.length === 0) return { entries }
  const table = port.readTab(template.name, (header) =>
    readColumns(template, header, [...identity, ...headers]),
  )
  if (!table) return { entries }
  // Not locateColumns: a missing key is not a header for init to append (see refuseToLoseEntries).
  const columns = findColumns(template, table.header)
  const identityIndexes = identity.map((header) => columns.get(header))
  if (identityIndexes.some((index) => index === undefined)) {
    refuseToLoseEntries(template, table.rows, columns, headers)
    return { entries, columns }
  }
  const idOf = (row: readonly Cell[]): string | undefined =>
    identityOf(identityIndexes.map((index) => (index === undefined ? null : row[index])))
  // First the rows with entries, then every row of their identities in tab order.
  const keptAt = new Map<number, Map<string, OutputCell>>()
  const noted = new Set<string>()
  table.rows.forEach((row, at) => {
    const kept = new Map<string, OutputCell>()
    for (const header of headers) {
      const index = columns.get(header)
      const cell = index === undefined ? undefined : row[index]
      if (cell === undefined || isBlank(cell)) continue
      kept.set(header, typeof cell === 'boolean' || isUncalculatedFormula(cell) ? displayCell(cell) : cell)
    }
    if (kept.size === 0) return
    const id = idOf(row)
    if (id === undefined) return
    keptAt.set(at, kept)
    noted.add(id)
  })
  if (noted.size === 0) return { entries, columns }
  const none: ReadonlyMap<string, OutputCell> = new Map()
  table.rows.forEach((row, at) => {
    const id = idOf(row)
    if (id === undefined || !noted.has(id)) return
    const queue = entries.get(id) ?? []
    queue.push((keptAt.get(at) ?? none) as Map<string, OutputCell>)
    entries.set(id, queue)
  })
  return { entries, columns }
}

function refuseToLoseEntries(
  template: TabTemplate,
  rows: readonly (readonly Cell[])[],
  columns: ReadonlyMap<string, number>,
  userHeaders: readonly string[],
): void {
  const typed = userHeaders.filter((header) => {
    const index = columns.get(header)
    return index !== undefined && rows.some((row) => !isBlank(row[index] ?? null))
  })
  if (typed.length === 0) return
  const missing = identityColumns(template).filter((header) => !columns.has(header))
  const quoted = (headers: readonly string[]): string => headers.map((header) => `“${header}”`).join('、')
  throw new UnusableTabError(
    template.name,
    `工作表“${template.name}”第 1 行找不到${quoted(missing)}列，无法把${quoted(typed)}中填写的内容对应到各条记录；` +
      `为免丢失，本次没有写入检查结果。请把该列第 1 行的表头改回${quoted(missing)}后再运行`,
  )
}

/** The columns of `headers` in a tab's header row; undefined (all columns) when it cannot tell. */
function readColumns(
  template: TabTemplate,
  header: readonly Cell[],
  headers: readonly string[],
): ReadonlySet<number> | undefined {
  let located: ReadonlyMap<string, number>
  try {
    located = findColumns(template, header)
  } catch {
    // A header the tool cannot place (a column twice): the whole tab is read and findColumns
    // reports it as before.
    return undefined
  }
  return new Set(
    headers.flatMap((name) => {
      const index = located.get(name)
      return index === undefined ? [] : [index]
    }),
  )
}
