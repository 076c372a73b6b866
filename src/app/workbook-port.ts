/**
 * The port both hosts implement. The application reads each tab once, computes everything in the
 * core, then writes each owned column block and each tool tab once: a host never decides what to
 * write, only how its spreadsheet stores it.
 */
import type { Cell, OutputCell } from '../core/cells'
import { CLI_INIT_COMMAND, cliHalfYearCommand, type HalfYearCommand } from '../core/host-commands'
import type { RowColours } from '../core/row-colours'
import type { SheetTable } from '../core/table'
import type { TabTemplate } from '../core/template'

export interface ColumnWrite {
  /** 0-based column index in the tab, as found by header. */
  readonly column: number
  /** One value per data row, starting at sheet row 2. */
  readonly values: readonly OutputCell[]
}

/** Text that links somewhere (a letter's file or Google Doc): the cell shows and reads back as `text`. */
export interface LinkedText {
  readonly text: string
  readonly link: string
}

export interface CellWrite {
  /** 1-based sheet row. */
  readonly row: number
  /** 0-based column index in the tab, as found by header. */
  readonly column: number
  readonly value: OutputCell | LinkedText
}

/**
 * The 0-based columns of a tab a reader needs, given its header row; undefined: all of them. It
 * must not throw: a header it cannot place is for the reader to report once it has the table.
 */
export type ColumnChoice = (header: readonly Cell[]) => ReadonlySet<number> | undefined

export interface WorkbookPort {
  /** IANA time zone of the workbook; dates are calendar dates in it. */
  readonly timeZone: string
  /**
   * How the user of this host runs 初始化台账, for messages that say what to run: `taizhang init`
   * when absent (the CLI), the menu item in Sheets.
   */
  readonly initCommand?: string
  /** How the user of this host writes a half-year into 半年评估: `taizhang report` when absent. */
  readonly halfYearCommand?: HalfYearCommand
  tabNames(): readonly string[]
  /**
   * The whole tab (header row and data rows) in one read, or undefined when there is no such tab.
   * `columns`: the columns of the data rows the caller reads, chosen from the header row; a host may
   * leave the cells of the other columns out of the data rows (the header row is always whole).
   */
  readTab(name: string, columns?: ColumnChoice): SheetTable | undefined
  /** Writes owned columns of a ledger tab; never touches another column. */
  writeColumns(name: string, writes: readonly ColumnWrite[]): void
  /**
   * Writes single cells of a ledger tab and nothing else: the few user columns a command records
   * into (a letter's 答复日期 and 答复单), never a whole column.
   */
  writeCells(name: string, writes: readonly CellWrite[]): void
  /** Replaces the data rows of a tool tab (creating the tab from its template when missing). */
  replaceToolTab(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void
  /** Appends rows to an append-only tool tab (操作日志). */
  appendRows(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void
  /**
   * Colours the tab's rows by level with conditional formats (row-colours.ts), the column found by
   * header now. The rules the tool set before are replaced; every rule of the user's is kept as it
   * was, ahead of the tool's. A tab without the column only loses the tool's old rules.
   */
  setRowColours(name: string, colours: RowColours): void
  /** Creates a missing tab with its header, formats and dropdowns; adds missing headers to an existing one. */
  ensureTab(template: TabTemplate, seedRows?: readonly (readonly Cell[])[]): EnsureResult
  /**
   * 初始化台账, after ensureTab, in a host that can warn (Sheets): a clerk who types into an owned
   * column or a tool tab (but its user columns) is warned, and nothing is blocked. The tool's
   * earlier guards are replaced where the columns are now; the user's own protections are kept.
   */
  guardToolColumns?(templates: readonly TabTemplate[]): void
}

export interface EnsureResult {
  readonly created: boolean
  /** Headers appended at the end of an existing tab. */
  readonly addedHeaders: readonly string[]
}

/** The host's 生成半年评估 for one half-year (host-commands.ts). */
export function halfYearCommandOf(port: WorkbookPort): HalfYearCommand {
  return port.halfYearCommand ?? cliHalfYearCommand
}

/** The host's name of 初始化台账 (host-commands.ts). */
export function initCommandOf(port: WorkbookPort): string {
  return port.initCommand ?? CLI_INIT_COMMAND
}

export function isLinkedText(value: Cell | OutputCell | LinkedText): value is LinkedText {
  return typeof value === 'object' && value !== null && 'link' in value
}
