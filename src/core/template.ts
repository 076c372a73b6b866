/**
 * The shape of a tab description: the `*.tab.json` files of each ledger and of src/app/tabs/. Both
 * hosts build tabs from these and the core reads records through them, so a header, a dropdown list
 * or an owned column has one home.
 */
import { type Cell, displayCell, type OutputCell } from './cells'

export type ColumnType = 'text' | 'date' | 'datetime' | 'integer' | 'number' | 'enum'

export interface ColumnTemplate {
  readonly header: string
  readonly type: ColumnType
  /** The dropdown list of an `enum` column. */
  readonly options?: readonly string[]
  readonly required?: boolean
  readonly unique?: boolean
  /** Computed and written by the tool; every other column of a ledger tab belongs to the user. */
  readonly owned?: boolean
  /**
   * A column of a tool tab that belongs to the user (回访结果): when the tool rewrites the tab, each
   * row's entry is carried over by the tab's key, and dropped only when its record is gone.
   */
  readonly user?: boolean
  /** 客户信息保密管理制度: never copied into alerts, logs, e-mails or letters. */
  readonly confidential?: boolean
  /** A `datetime` column whose cells must hold a time of day, not a bare date (渠道报备: to the minute). */
  readonly timeRequired?: boolean
  readonly min?: number
  readonly max?: number
  readonly note?: string
  /** Column width in character units, where the type and header give too little room. */
  readonly width?: number
  /** Long text (说明 of 提醒汇总) wraps onto more lines within the column, which keeps the tab printable. */
  readonly wrap?: boolean
}

/** ledger: the user's records (with owned columns); settings: the user's configuration; tool: written by the tool. */
export type TabKind = 'ledger' | 'settings' | 'tool'

export interface TabTemplate {
  readonly id: string
  readonly name: string
  readonly kind: TabKind
  /** Header of the column that identifies a record (shown as 编号 in findings). */
  readonly key?: string
  /**
   * The columns that together identify a row of a tool tab whose user columns are carried over
   * (提醒汇总: 台账, 编号 and 代码); without it, the `key` alone does.
   */
  readonly identity?: readonly string[]
  readonly source?: string
  readonly appendOnly?: boolean
  readonly columns: readonly ColumnTemplate[]
}

const COLUMN_TYPES: readonly string[] = ['text', 'date', 'datetime', 'integer', 'number', 'enum']
const TAB_KINDS: readonly string[] = ['ledger', 'settings', 'tool']

/** Checks a template read from JSON; a bad template is a bug in the project, so it throws. */
export function defineTemplate(raw: unknown): TabTemplate {
  const tab = raw as TabTemplate
  const where = `tab template ${tab?.id ?? '?'}`
  if (!tab || typeof tab.id !== 'string' || typeof tab.name !== 'string') throw new Error(`${where}: id/name`)
  if (!TAB_KINDS.includes(tab.kind)) throw new Error(`${where}: kind ${String(tab.kind)}`)
  if (!Array.isArray(tab.columns) || tab.columns.length === 0) throw new Error(`${where}: columns`)
  const headers = new Set<string>()
  for (const column of tab.columns) {
    if (!COLUMN_TYPES.includes(column.type)) throw new Error(`${where}: ${column.header} type ${column.type}`)
    if (column.type === 'enum' && !(column.options && column.options.length > 0)) {
      throw new Error(`${where}: ${column.header} has no options`)
    }
    if (
      column.width !== undefined &&
      !(Number.isInteger(column.width) && column.width > 0 && column.width <= 255)
    ) {
      throw new Error(`${where}: ${column.header} width ${column.width}`)
    }
    if (headers.has(column.header)) throw new Error(`${where}: duplicate header ${column.header}`)
    headers.add(column.header)
  }
  if (tab.key !== undefined && !headers.has(tab.key))
    throw new Error(`${where}: key ${tab.key} is not a column`)
  if (tab.identity !== undefined) {
    if (!Array.isArray(tab.identity) || tab.identity.length === 0) throw new Error(`${where}: identity`)
    for (const header of tab.identity)
      if (!headers.has(header)) throw new Error(`${where}: identity ${header} is not a column`)
  }
  const userColumns = tab.columns.filter((column) => column.user)
  if (
    userColumns.length > 0 &&
    (tab.kind !== 'tool' ||
      identityColumns(tab).length === 0 ||
      userColumns.some((c) => c.owned || identityColumns(tab).includes(c.header)))
  )
    throw new Error(`${where}: user columns belong in a tool tab with a key or identity, and are not owned`)
  return tab
}

/** The headers that identify a row of a tool tab: its `identity`, else its `key`, else none. */
export function identityColumns(tab: TabTemplate): readonly string[] {
  return tab.identity ?? (tab.key === undefined ? [] : [tab.key])
}

/** Whether the tool writes the column: an owned column of a ledger, any column of a tool tab but the user's. */
export function isToolColumn(template: TabTemplate, column: ColumnTemplate): boolean {
  return column.owned === true || (template.kind === 'tool' && column.user !== true)
}

export function ownedColumns(tab: TabTemplate): readonly ColumnTemplate[] {
  return tab.columns.filter((column) => column.owned)
}

/** A row in the template's column order from values by header (demo and seed rows); a header it lacks throws. */
export function templateRow(tab: TabTemplate, fields: Readonly<Record<string, Cell>>): Cell[] {
  for (const header of Object.keys(fields)) column(tab, header)
  return tab.columns.map((c) => fields[c.header] ?? null)
}

/**
 * What the date validation of a user's date column says when something else is typed (both hosts):
 * the validation only warns, and the check still reports the cell.
 */
export function dateEntryHint(column: ColumnTemplate): string {
  return column.type === 'datetime'
    ? '请填写日期和时间，例如 2026-03-05 14:30；不是日期的内容，检查时会报“数据无效”'
    : '请填写日期，例如 2026-03-05；不是日期的内容，检查时会报“数据无效”'
}

/** Whether a column gets a date validation: a date column the user types into. */
export function takesDateValidation(template: TabTemplate, column: ColumnTemplate): boolean {
  return (column.type === 'date' || column.type === 'datetime') && !isToolColumn(template, column)
}

export const OWNED_COLUMN_NOTE = '由台账工具自动计算，请勿手工修改'
export const CONFIDENTIAL_COLUMN_NOTE =
  '保密信息（客户信息保密管理制度）：不会出现在提醒汇总、操作日志、邮件和答复单里；需要显示的电话一律打码'
const TOOL_TAB_NOTE = '本表由台账工具生成，每次运行时整表重写，请勿手工修改'
const USER_COLUMN_NOTE = '这一列由您填写：工具重写本表时，按每行的编号保留您填写的内容'
const LOG_TAB_NOTE = '本表由台账工具逐条追加记录，请勿删改'

/** The note a header cell gets in both hosts, or undefined: whose the column is and why. */
export function headerNote(tab: TabTemplate, column: ColumnTemplate, index: number): string | undefined {
  const notes = [
    index === 0 && tab.kind === 'tool' ? (tab.appendOnly ? LOG_TAB_NOTE : TOOL_TAB_NOTE) : undefined,
    column.owned ? OWNED_COLUMN_NOTE : undefined,
    column.user ? USER_COLUMN_NOTE : undefined,
    column.confidential ? CONFIDENTIAL_COLUMN_NOTE : undefined,
    column.note,
  ].filter((note) => note !== undefined)
  return notes.length > 0 ? notes.join('\n') : undefined
}

export function column(tab: TabTemplate, header: string): ColumnTemplate {
  const found = tab.columns.find((c) => c.header === header)
  if (!found) throw new Error(`${tab.name} has no column ${header}`)
  return found
}

const LONG_TEXT_HEADER = /(提醒|说明|备注|问题|答复|结果|内容|抱怨|结论|地址|工艺)$/

/** Display width in character units (Excel's column width): CJK and full-width characters take two. */
export function textWidth(text: string): number {
  return measuredWidth(text, false)
}

/**
 * textWidth, or with `inCell` cellTextWidth's measure before rounding. By code unit, not `for…of`:
 * this runs for every cell of a written column and every wrapped line.
 */
function measuredWidth(text: string, inCell: boolean): number {
  let width = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    // A character beyond the BMP (a surrogate pair) is one narrow character.
    if (isPairAt(text, index, code)) {
      index++
      width += 1
    } else if (inCell && ((code >= 0x2018 && code <= 0x201d) || code === 0x2026)) width += 2
    else if (inCell && code >= 0x41 && code <= 0x5a) width += 1.2
    else width += isWide(code) ? 2 : 1
  }
  return width
}

function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  )
}

/** Whether text[index] (its code `code`) starts a surrogate pair: counted as one character, as for…of does. */
function isPairAt(text: string, index: number, code: number): boolean {
  if (code < 0xd800 || code > 0xdbff || index + 1 >= text.length) return false
  const next = text.charCodeAt(index + 1)
  return next >= 0xdc00 && next <= 0xdfff
}

/**
 * Width in a spreadsheet cell, in character units, for column widths and wrapped lines: like
 * textWidth, but quotes and the ellipsis between Chinese text take a full character in CJK fonts, and
 * capital letters (codes like LEAD_DISTRIBUTOR_STOP_SUGGESTED) are wider than the digit the unit is.
 * A terminal lays them out as textWidth says.
 */
export function cellTextWidth(text: string): number {
  // Whole units: Sheets sets column widths in whole pixels.
  return Math.ceil(measuredWidth(text, true))
}

/** The widest a column grows for what the tool writes into it; longer text is cut at the edge. */
const MAX_CONTENT_WIDTH = 50

/**
 * The width a column of a tool tab needs for the values the tool writes into it (SAMPLE_CALIBRATION_
 * OVERDUE is wider than 代码's 30): its template width, or more for a longer value, up to 50. A column
 * whose text wraps keeps its width.
 */
export function writtenColumnWidth(column: ColumnTemplate, values: readonly OutputCell[]): number {
  const width = columnWidth(column)
  if (column.wrap === true) return width
  let widest = 0
  for (const value of values) {
    widest = Math.max(widest, cellTextWidth(displayCell(value)))
    // Nothing wider counts past the cap.
    if (widest + 2 >= MAX_CONTENT_WIDTH) break
  }
  // Room for the cell's margins, as for the header.
  return Math.max(width, Math.min(MAX_CONTENT_WIDTH, widest + 2))
}

/** The width a new tab gives a column, in character units; both hosts use it. */
export function columnWidth(column: ColumnTemplate): number {
  if (column.width !== undefined) return column.width
  // The header plus room for the filter button.
  const headerWidth = cellTextWidth(column.header) + 4
  let contentWidth: number
  switch (column.type) {
    case 'date':
      contentWidth = 12
      break
    case 'datetime':
      contentWidth = 17
      break
    case 'integer':
      contentWidth = 8
      break
    case 'number':
      contentWidth = 12
      break
    case 'enum':
      contentWidth = Math.max(...(column.options ?? ['']).map(cellTextWidth)) + 4
      break
    case 'text':
      // A company's full name (一汽大众汽车有限公司) is ten characters or more.
      contentWidth = LONG_TEXT_HEADER.test(column.header) ? 36 : /名称$/.test(column.header) ? 26 : 14
      break
  }
  return Math.min(50, Math.max(8, headerWidth, contentWidth))
}
