/**
 * The local host: the workbook port over the .xlsx package itself. A tab is read by scanning its
 * worksheet XML once; writes are recorded and applied when the package is saved, by one streaming
 * pass over each worksheet the tool wrote to. Every other part of the package (charts, pivot tables,
 * drawings, images, macros, comments, printer settings, custom XML, document properties, external
 * links…) is copied byte for byte; the four parts that list the package's contents
 * ([Content_Types].xml, the workbook, its relationships, styles.xml) only gain entries.
 */
import { ALL_TEMPLATES } from '../../../app/tabs'
import {
  type CellWrite,
  type ColumnChoice,
  type ColumnWrite,
  type EnsureResult,
  isLinkedText,
  type WorkbookPort,
} from '../../../app/workbook-port'
import type { Cell, OutputCell } from '../../../core/cells'
import { isToolRowColour, placeRowColours, type RowColours } from '../../../core/row-colours'
import { normalizeHeader, type SheetTable } from '../../../core/table'
import {
  cellTextWidth,
  columnWidth,
  headerNote,
  type TabTemplate,
  writtenColumnWidth,
} from '../../../core/template'
import { cellValue, type ReadContext, type WriteContext } from './cell-xml'
import { collectGarbage } from './collect-garbage'
import type { ToolRowColours } from './conditional-formatting'
import {
  columnStyle,
  columnValidationXml,
  commentsXml,
  DEFAULT_LAYOUT_ROWS,
  headerStyle,
  type Namespaces,
  newSheetXml,
  notesVml,
  STRICT,
  TRANSITIONAL,
  tabNotes,
} from './new-sheet'
import { DEFAULT_MAX_PART_BYTES, PackageError, withSource } from './package-error'
import {
  asUtf8,
  blankParts,
  CONTENT_TYPE,
  escapeRegExp,
  folderOf,
  PackageParts,
  relationshipsPartOf,
  relativeTarget,
  resolveTarget,
} from './package-parts'
import { withPrintTitles } from './print-setup'
import {
  type CellPlan,
  type ColumnPlan,
  mergedRanges,
  type RewriteResult,
  rewriteSheetBytes,
  SharedFormulaError,
  type SheetEdits,
} from './sheet-rewrite'
import { holdsBack, MAX_ELEMENT_CHARS, rowNumberOf, SheetScanner, scanCells } from './sheet-scanner'
import { MINIMAL_STYLES, StyleBook } from './styles'
import {
  attributeByLocalName,
  attributes,
  type CellRange,
  columnLetters,
  endOfFirst,
  escapeAttribute,
  prefixFor,
  rootPrefix,
  runText,
  withAttribute,
} from './xml-text'
import { readZip, type ZipArchive, ZipWriter } from './zip-archive'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

export { DEFAULT_MAX_PART_BYTES, PackageError }

/** After rewriting a worksheet this large, memory is collected (see collect-garbage.ts). */
const LARGE_PART_BYTES = 8 * 1024 * 1024

export interface PackageOptions {
  /** The file the package was read from, as messages name it. */
  readonly source?: string
  readonly timeZone?: string
  /** How far down a new tab the dropdowns reach. */
  readonly layoutRows?: number
  readonly maxPartBytes?: number
}

const TYPE = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  styles: '/styles',
  sharedStrings: '/sharedStrings',
  calcChain: '/calcChain',
  comments: '/comments',
  vmlDrawing: '/vmlDrawing',
  hyperlink: '/hyperlink',
}
interface SheetEntry {
  readonly name: string
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml; undefined for a chart sheet or a missing part. */
  readonly part: string | undefined
}

interface MutableEdits {
  readonly columns: Map<number, ColumnPlan>
  readonly cells: Map<number, Map<number, CellPlan>>
  readonly widths: Map<number, { width: number; style?: number }>
  readonly validations: string[]
  readonly hyperlinks: { reference: string; xml: string }[]
  filterTo?: { lastHeaderColumn: number; column: number }
  legacyDrawing?: string
  printSetup?: boolean
  rowHeights?: Map<number, number | undefined>
  widerColumns?: Map<number, number>
  rowColours?: ToolRowColours
}

interface TabOutline {
  readonly header: readonly Cell[]
  /** Last row with a value (0 when empty). */
  readonly lastRow: number
  /** 0-based index of the last column with a value in any row (-1 when empty). */
  readonly lastColumn: number
  readonly merged: readonly CellRange[]
  /** False when only the header row was read: lastRow, lastColumn and merged are not known. */
  readonly complete: boolean
  /** The sheet has a VML drawing already (notes or form controls of the user's). */
  readonly legacyDrawing: boolean
}

export class XlsxPackage implements WorkbookPort {
  readonly timeZone: string
  private readonly source: string | undefined
  private readonly layoutRows: number
  private readonly parts: PackageParts
  private readonly edits = new Map<string, MutableEdits>()
  private readonly outlines = new Map<string, TabOutline>()
  /** Tabs whose header row the tool prints on every page: those it created or wrote as tool tabs. */
  private readonly printTitled = new Set<string>()
  private readonly sheets: SheetEntry[]
  private readonly workbookPart: string
  private readonly workbookRelsPart: string
  private readonly stylesPart: string
  private readonly sharedStringsPart: string | undefined
  private readonly styles: StyleBook
  private readonly date1904: boolean
  private readonly ns: Namespaces
  private strings: string[] | undefined
  /** A <sheet> of the workbook has no relationship id (see addPrintTitles). */
  private readonly unplacedSheet: boolean
  private formulaSeen = false

  private constructor(
    archive: ZipArchive | undefined,
    parts: ReadonlyMap<string, string>,
    options: PackageOptions,
  ) {
    this.source = options.source
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
    this.layoutRows = options.layoutRows ?? DEFAULT_LAYOUT_ROWS
    this.parts = new PackageParts(archive, parts, options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES)
    if (this.parts.text('[Content_Types].xml') === undefined)
      throw new PackageError(
        '是压缩包，但不是 Excel 工作簿（缺少 [Content_Types].xml），请确认选择的是 .xlsx 文件',
      )
    const root = this.parts.relationships('_rels/.rels')
    const office = root.find((relationship) => relationship.type.endsWith(TYPE.officeDocument))
    this.workbookPart = this.parts.canonical(office ? resolveTarget('', office.target) : 'xl/workbook.xml')
    const workbook = this.parts.text(this.workbookPart)
    if (workbook === undefined)
      throw new PackageError('是压缩包，但不是 Excel 工作簿（里面没有工作簿部件），请确认选择的是 .xlsx 文件')
    const p = rootPrefix(workbook, 'workbook')
    const rootTag = /<[^?!][^>]*>/.exec(workbook.slice(workbook.indexOf(`<${p}workbook`)))?.[0] ?? ''
    this.ns = prefixFor(rootTag, STRICT.main) === undefined ? TRANSITIONAL : STRICT
    const properties = new RegExp(`<${p}workbookPr\\b[^>]*>`).exec(workbook)?.[0]
    this.date1904 = properties ? /\sdate1904\s*=\s*["'](1|true)["']/.test(properties) : false
    this.workbookRelsPart = this.parts.canonical(relationshipsPartOf(this.workbookPart))
    const relationships = this.parts.relationships(this.workbookRelsPart)
    const byId = new Map(relationships.map((relationship) => [relationship.id, relationship]))
    const folder = folderOf(this.workbookPart)
    this.sheets = []
    let unplaced = false
    for (const match of workbook.matchAll(new RegExp(`<${p}sheet\\s[^>]*>`, 'g'))) {
      const found = attributes(match[0])
      if (!attributeByLocalName(found, 'id')) unplaced = true
      const relationship = byId.get(attributeByLocalName(found, 'id') ?? '')
      const part =
        relationship?.type.endsWith(TYPE.worksheet) && !relationship.external
          ? this.parts.canonical(resolveTarget(folder, relationship.target))
          : undefined
      this.sheets.push({
        name: found.get('name') ?? '',
        part: part && this.parts.has(part) ? part : undefined,
      })
    }
    this.unplacedSheet = unplaced
    const styles = relationships.find((relationship) => relationship.type.endsWith(TYPE.styles))
    this.stylesPart = this.parts.canonical(
      styles ? resolveTarget(folder, styles.target) : `${folder}styles.xml`,
    )
    const stylesText = this.parts.text(this.stylesPart)
    this.styles = new StyleBook(stylesText ?? MINIMAL_STYLES)
    if (stylesText === undefined) this.addStylesPart()
    const shared = relationships.find((relationship) => relationship.type.endsWith(TYPE.sharedStrings))
    this.sharedStringsPart = shared ? this.parts.canonical(resolveTarget(folder, shared.target)) : undefined
  }

  /** Opens the package in `bytes`; a PackageError says why it cannot be used. */
  static fromBytes(bytes: Buffer, options: PackageOptions = {}): XlsxPackage {
    try {
      return new XlsxPackage(readZip(bytes), new Map(), options)
    } catch (error) {
      throw withSource(error, options.source)
    }
  }

  /** A new workbook with no tabs yet (init adds them). */
  static blank(options: PackageOptions = {}): XlsxPackage {
    return new XlsxPackage(undefined, blankParts(), options)
  }

  tabNames(): readonly string[] {
    return this.sheets.map((sheet) => sheet.name)
  }

  readTab(name: string, columns?: ColumnChoice): SheetTable | undefined {
    const sheet = this.sheet(name)
    if (!sheet) return undefined
    return this.guard(() => this.scan(sheet, 'rows', columns).table)
  }

  writeColumns(name: string, writes: readonly ColumnWrite[]): void {
    const edits = this.editsOf(this.requireSheet(name))
    for (const { column, values } of writes)
      edits.columns.set(column, { start: 2, values, clearBeyond: false })
  }

  writeCells(name: string, writes: readonly CellWrite[]): void {
    this.guard(() => this.recordCells(name, writes))
  }

  private recordCells(name: string, writes: readonly CellWrite[]): void {
    const sheet = this.requireSheet(name)
    const edits = this.editsOf(sheet)
    for (const { row, column, value } of writes) {
      if (isLinkedText(value)) {
        setCell(edits, row, column, { value: value.text })
        edits.hyperlinks.push(this.hyperlink(sheet, `${columnLetters(column)}${row}`, value.link))
      } else setCell(edits, row, column, { value })
    }
  }

  replaceToolTab(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.guard(() => this.replace(template, rows))
  }

  private replace(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.ensureTab(template)
    const sheet = this.requireSheet(template.name)
    const edits = this.editsOf(sheet)
    this.printLikeTool(sheet, template)
    const styles = this.toolColumnStyles(template)
    const widerColumns = new Map<number, number>()
    edits.widerColumns = widerColumns
    this.templateColumns(sheet, template).forEach((column, index) => {
      const style = styles[index]
      const templateColumn = template.columns[index]
      const values = rows.map((cells) => cells[index] ?? null)
      // The user's columns of a tool tab (处理情况) keep the width they have.
      if (templateColumn !== undefined && templateColumn.user !== true)
        widerColumns.set(column, writtenColumnWidth(templateColumn, values))
      edits.columns.set(column, {
        start: 2,
        values,
        clearBeyond: true,
        ...(style === undefined ? {} : { style }),
      })
    })
    if (template.columns.some((column) => column.wrap === true)) {
      const lastRow = this.scan(sheet, 'outline').outline.lastRow
      edits.rowHeights = wrappedRowHeights(template, rows, 2, Math.max(lastRow, rows.length + 1))
    }
  }

  /**
   * The styles of the tool's columns of a tool tab whose long texts wrap (提醒汇总, 操作日志):
   * top-aligned, so that a row's cells read level with the first line of its wrapped 说明. A date
   * column gets the same with its date format (cellXml adds it). The user's columns keep theirs.
   */
  private toolColumnStyles(template: TabTemplate): (number | undefined)[] {
    if (!template.columns.some((column) => column.wrap === true)) return []
    return template.columns.map((column) =>
      column.user === true ? undefined : this.styles.topStyle(column.wrap === true),
    )
  }

  /** A tool tab prints the tool's way each time it is written (print-setup.ts); a user's tab keeps its own. */
  private printLikeTool(sheet: SheetEntry & { part: string }, template: TabTemplate): void {
    if (template.kind !== 'tool') return
    this.editsOf(sheet).printSetup = true
    this.printTitled.add(sheet.name)
  }

  appendRows(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.guard(() => this.append(template, rows))
  }

  private append(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.ensureTab(template)
    const sheet = this.requireSheet(template.name)
    const edits = this.editsOf(sheet)
    const columns = this.templateColumns(sheet, template)
    this.printLikeTool(sheet, template)
    let last = this.scan(sheet, 'outline').outline.lastRow
    for (const row of edits.cells.keys()) last = Math.max(last, row)
    const styles = this.toolColumnStyles(template)
    rows.forEach((cells, index) => {
      columns.forEach((column, i) => {
        const style = styles[i]
        setCell(edits, last + 1 + index, column, {
          value: cells[i] ?? null,
          ...(style === undefined ? {} : { style }),
        })
      })
    })
    // The rows above keep their heights: only the new rows get the lines their long texts need.
    for (const [row, height] of wrappedRowHeights(template, rows, last + 1, last + rows.length)) {
      if (height === undefined) continue
      edits.rowHeights ??= new Map()
      edits.rowHeights.set(row, height)
    }
  }

  setRowColours(name: string, colours: RowColours): void {
    this.guard(() => {
      const sheet = this.requireSheet(name)
      const header = [...this.scan(sheet, 'header').outline.header]
      for (const [column, plan] of this.editsOf(sheet).cells.get(1) ?? []) header[column] = plan.value as Cell
      this.editsOf(sheet).rowColours = {
        isTool: (formula) => isToolRowColour(colours.scheme, formula),
        rules: placeRowColours(
          colours,
          Array.from(header, (cell) => cell ?? null),
        ).map((rule) => ({
          ...rule,
          dxfId: this.styles.rowColourDxf(rule.look),
        })),
      }
    })
  }

  ensureTab(template: TabTemplate, seedRows?: readonly (readonly Cell[])[]): EnsureResult {
    return this.guard(() => this.ensure(template, seedRows))
  }

  private ensure(template: TabTemplate, seedRows?: readonly (readonly Cell[])[]): EnsureResult {
    const sheet = this.sheet(template.name)
    if (sheet) return { created: false, addedHeaders: this.appendMissingHeaders(sheet, template) }
    this.createTab(template, seedRows ?? [])
    return { created: true, addedHeaders: [] }
  }

  /** The saved package. Parts the tool did not write are copied as they were. */
  async toBuffer(): Promise<Buffer> {
    try {
      return await this.save()
    } catch (error) {
      throw this.unusable(error)
    }
  }

  /**
   * What the package's own faults become at the port: a PackageError naming the file (the CLI
   * prints it and exits 1). A bug stays what it is.
   */
  private guard<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw this.unusable(error)
    }
  }

  private unusable(error: unknown): unknown {
    return withSource(error, this.source)
  }

  private async save(): Promise<Buffer> {
    const writer = new ZipWriter()
    const result: RewriteResult = { formulaReplaced: false }
    const context = this.writeContext('')
    // What the check no longer needs goes before the first large worksheet is rewritten.
    if (this.parts.archive && this.parts.archive.bytes.length > LARGE_PART_BYTES / 8) collectGarbage()
    // Worksheets first: writing a date may add a style, which styles.xml must then hold.
    const rewritten = new Map<string, Iterable<Buffer>>()
    for (const [part, edits] of this.edits) {
      const prefix = rootPrefix(this.parts.head(part), 'worksheet')
      const frozen: SheetEdits = { ...edits, merged: this.outlines.get(part)?.merged ?? [] }
      rewritten.set(part, rewriteSheetBytes(this.parts.chunks(part), frozen, { ...context, prefix }, result))
    }
    const order = this.parts.archive?.entries.map((entry) => entry.name) ?? []
    const entryOf = (name: string) => this.parts.archive?.byName.get(name)
    try {
      for (const [part, chunks] of rewritten) {
        await writer.add(part, chunks, entryOf(part))
        if ((entryOf(part)?.size ?? this.parts.written.get(part)?.length ?? 0) > LARGE_PART_BYTES)
          collectGarbage()
      }
    } catch (error) {
      if (error instanceof SharedFormulaError) {
        throw new PackageError(
          `的单元格 ${error.reference} 在工具列中，却属于一个跨越其他列的数组公式；台账不能只改写数组公式的一部分。请把这个数组公式移出工具列后再运行，本次未做任何改动`,
        )
      }
      throw error
    }
    // Formulas anywhere may read what the tool wrote: those of the tabs it read, and those Excel
    // lists in calcChain (every formula cell of the workbook, in the sheets it did not read too).
    const formulas = this.formulaSeen || this.hasCalcChain()
    if (result.formulaReplaced || (formulas && this.edits.size > 0)) this.recalculateOnOpen()
    if (result.formulaReplaced) this.dropCalcChain()
    this.addPrintTitles()
    if (this.styles.changed) this.parts.written.set(this.stylesPart, this.styles.text())
    for (const entry of this.parts.archive?.entries ?? []) {
      if (this.parts.removed.has(entry.name) || rewritten.has(entry.name)) continue
      const text = this.parts.written.get(entry.name)
      if (text === undefined) writer.copy(this.parts.archive as ZipArchive, entry)
      else await writer.add(entry.name, [asUtf8(text)], entry)
    }
    for (const [name, text] of this.parts.written) {
      if (entryOf(name) || this.parts.removed.has(name) || rewritten.has(name)) continue
      await writer.add(name, [text])
      order.push(name)
    }
    return writer.finish(order.filter((name) => !this.parts.removed.has(name)))
  }

  // --- reading ---

  private sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((sheet) => sheet.name === name)
  }

  private requireSheet(name: string): SheetEntry & { part: string } {
    const sheet = this.sheet(name)
    if (!sheet?.part) throw new Error(`no worksheet ${name}`)
    return sheet as SheetEntry & { part: string }
  }

  /**
   * A tab's cells, scanned from its XML: only the header row ('header'), every row with only the
   * extent and merges kept ('outline'), or every row kept as the table the core reads ('rows'). The
   * outline is remembered; the rows never are, so a tab's cells are in memory only while the core
   * reads them. `columns` (rows only): the data rows keep only the cells of these columns; the
   * outline still covers every cell.
   */
  private scan(
    sheet: SheetEntry,
    mode: 'header' | 'outline' | 'rows',
    columns?: ColumnChoice,
  ): { outline: TabOutline; table?: SheetTable } {
    const part = sheet.part
    if (part === undefined) {
      const outline = {
        header: [],
        lastRow: 0,
        lastColumn: -1,
        merged: [],
        complete: true,
        legacyDrawing: false,
      }
      return { outline, table: { name: sheet.name, header: [], rows: [] } }
    }
    const cached = this.outlines.get(part)
    if (cached && mode !== 'rows' && (cached.complete || mode === 'header')) return { outline: cached }
    const prefix = rootPrefix(this.parts.head(part), 'worksheet')
    const bare: ReadContext = {
      prefix,
      strings: this.sharedStrings(),
      styles: this.styles,
      date1904: this.date1904,
    }
    // The texts kept (the header, the rows' cells) are copied out of the XML and interned: a tab
    // the tool wrote holds inline strings, most of them repeated (its 提醒 labels, the columns of
    // 提醒汇总), and each, left a slice, would keep a megabyte-sized chunk of the sheet alive.
    const interned = new Map<string, string>()
    const context: ReadContext = { ...bare, own: (text) => internedCopy(interned, text) }
    let chosen: ReadonlySet<number> | undefined
    let chose = columns === undefined || mode !== 'rows'
    const byRow: Cell[][] = []
    let header: Cell[] = []
    let lastRow = 0
    let lastColumn = -1
    let previous = 0
    let merged: CellRange[] = []
    let legacyDrawing = false
    const formula = `<${prefix}f`
    const scanner = new SheetScanner(
      {
        before: () => undefined,
        row: (text) => {
          const row = rowNumberOf(text, previous)
          previous = row
          if (mode === 'header' && row > 1) {
            scanner.stop()
            return
          }
          if (!this.formulaSeen && text.includes(formula)) this.formulaSeen = true
          if (row > 1 && !chose) {
            chose = true
            chosen = columns?.(header)
          }
          const kept = row === 1 || mode === 'rows'
          let cells: Cell[] | undefined
          let filled = false
          scanCells(text, prefix, (span) => {
            const wanted = kept && (row === 1 || chosen === undefined || chosen.has(span.column))
            const value = cellValue(text, span, wanted ? context : bare)
            if (value === null || span.column < 0) return
            filled = true
            if (span.column > lastColumn) lastColumn = span.column
            if (!wanted) return
            cells ??= []
            cells[span.column] = value
          })
          if (!filled) return
          if (row > lastRow) lastRow = row
          if (cells === undefined) return
          if (row === 1) header = cells
          else if (mode === 'rows') byRow[row] = cells
        },
        after: (text) => {
          merged = mergedRanges(text)
          legacyDrawing = /<(?:[\w.-]+:)?legacyDrawing[\s/>]/.test(text)
        },
      },
      prefix,
    )
    for (const chunk of this.parts.chunks(part)) {
      scanner.push(chunk)
      if (scanner.isStopped) break
    }
    scanner.end()
    if (mode === 'header') {
      const outline = { header, lastRow, lastColumn, merged: [], complete: false, legacyDrawing: false }
      this.outlines.set(part, outline)
      return { outline }
    }
    // Google Sheets reads the hidden cells of a merged range as empty; so does this host.
    for (const range of merged) {
      for (let row = range.first.row; row <= Math.min(range.last.row, lastRow); row++) {
        const cells = row === 1 ? header : byRow[row]
        if (!cells) continue
        for (let column = range.first.column; column <= range.last.column; column++) {
          if (row !== range.first.row || column !== range.first.column) delete cells[column]
        }
      }
    }
    const outline = { header, lastRow, lastColumn, merged, complete: true, legacyDrawing }
    this.outlines.set(part, outline)
    if (mode !== 'rows') return { outline }
    // Rows keep only the cells present (a stray value far to the right costs nothing); the core
    // reads a missing cell as empty. Empty rows share one array.
    const empty: Cell[] = []
    const rows: Cell[][] = []
    for (let row = 2; row <= lastRow; row++) rows.push(byRow[row] ?? empty)
    const table: SheetTable = {
      name: sheet.name,
      header,
      rows,
      ...(merged.length > 0 ? { merged: merged.map(rangeText) } : {}),
    }
    return { outline, table }
  }

  private sharedStrings(): string[] {
    if (this.strings) return this.strings
    const strings: string[] = []
    this.strings = strings
    const part = this.sharedStringsPart
    if (part === undefined || !this.parts.has(part)) return strings
    const p = rootPrefix(this.parts.head(part), 'sst')
    const open = `<${p}si`
    const close = `</${p}si>`
    let pending = ''
    // As in SheetScanner (holdsBack): an unfinished item past a megabyte is searched again once it has doubled.
    let held: string[] = []
    let heldChars = 0
    const chunks = this.parts.chunks(part)
    for (let next = chunks.next(); ; next = chunks.next()) {
      if (!next.done) {
        if (holdsBack(pending.length, heldChars, next.value.length)) {
          held.push(next.value)
          heldChars += next.value.length
          continue
        }
        held.push(next.value)
      }
      if (held.length === 0) break
      const chunk = held.join('')
      held = []
      heldChars = 0
      pending = pending.length === 0 ? chunk : pending + chunk
      let position = 0
      for (;;) {
        const start = pending.indexOf(open, position)
        if (start < 0) break
        const tagEnd = pending.indexOf('>', start)
        if (tagEnd < 0) break
        if (pending.charCodeAt(tagEnd - 1) === 47) {
          strings.push('')
          position = tagEnd + 1
          continue
        }
        const end = pending.indexOf(close, tagEnd)
        if (end < 0) break
        strings.push(runText(pending.slice(tagEnd + 1, end), p))
        position = end + close.length
      }
      pending = pending.slice(position)
      if (pending.length > MAX_ELEMENT_CHARS) {
        throw new PackageError(
          `的共享字符串表中有一项超过 ${MAX_ELEMENT_CHARS / 1024 / 1024} MB（Excel 一个单元格最多 32767 个字符），文件已损坏或被构造过，台账工具不能读取它`,
        )
      }
      if (next.done) break
    }
    return strings
  }

  // --- headers and new tabs ---

  /** 0-based column of each template column, found by header (a user may have moved them). */
  private templateColumns(sheet: SheetEntry, template: TabTemplate): number[] {
    const header = this.headerOf(sheet)
    return template.columns.map((column) => {
      const found = header.get(normalizeHeader(column.header))
      if (found === undefined) throw new Error(`tab ${template.name} has no header ${column.header}`)
      return found
    })
  }

  /** Normalized header text → 0-based column, first one wins; headers the tool adds this run included. */
  private headerOf(sheet: SheetEntry): Map<string, number> {
    const byHeader = new Map<string, number>()
    const header = this.scan(sheet, 'header').outline.header
    header.forEach((cell, column) => {
      const text = normalizeHeader(cell)
      if (text !== '' && !byHeader.has(text)) byHeader.set(text, column)
    })
    const added = sheet.part === undefined ? undefined : this.edits.get(sheet.part)?.cells.get(1)
    for (const [column, plan] of added ?? []) {
      const text = normalizeHeader(plan.value as Cell)
      if (text !== '' && !byHeader.has(text)) byHeader.set(text, column)
    }
    return byHeader
  }

  private appendMissingHeaders(sheet: SheetEntry, template: TabTemplate): string[] {
    if (sheet.part === undefined) return []
    const byHeader = this.headerOf(sheet)
    const missing = template.columns.filter((column) => !byHeader.has(normalizeHeader(column.header)))
    if (missing.length === 0) return []
    const scanned = this.scan(sheet, 'outline').outline
    const edits = this.editsOf(sheet as SheetEntry & { part: string })
    let lastUsed = scanned.lastColumn
    for (const column of edits.cells.get(1)?.keys() ?? []) lastUsed = Math.max(lastUsed, column)
    const lastHeaderColumn = Math.max(-1, ...[...byHeader.values()])
    const prefix = rootPrefix(this.parts.head(sheet.part), 'worksheet')
    const notes: { reference: string; text: string }[] = []
    missing.forEach((column, index) => {
      const at = lastUsed + 1 + index
      setCell(edits, 1, at, { value: column.header, style: headerStyle(this.styles, template, column) })
      const note = headerNote(template, column, template.columns.indexOf(column))
      if (note !== undefined) notes.push({ reference: `${columnLetters(at)}1`, text: note })
      const style = columnStyle(this.styles, column)
      edits.widths.set(at, { width: columnWidth(column), ...(style === undefined ? {} : { style }) })
      const validation = columnValidationXml(prefix, template, column, at, this.layoutRows)
      if (validation) edits.validations.push(validation)
    })
    edits.filterTo = { lastHeaderColumn, column: lastUsed + missing.length }
    // Notes go on the new headers when the sheet has no drawing of its own: the user's notes and
    // controls are never touched, so a sheet that has some gets the headers' colour only.
    if (notes.length > 0 && !scanned.legacyDrawing && edits.legacyDrawing === undefined) {
      const id = this.addNotes(sheet.part, notes)
      edits.legacyDrawing = `<${prefix}legacyDrawing ${this.relationshipAttribute(sheet.part)}="${id}"/>`
    }
    return missing.map((column) => column.header)
  }

  /** A comments part and its VML drawing for a sheet's notes; returns the drawing's relationship id. */
  private addNotes(sheetPart: string, notes: readonly { reference: string; text: string }[]): string {
    const comments = `xl/comments${this.parts.unusedNumber((n) => `xl/comments${n}.xml`)}.xml`
    const drawing = `xl/drawings/vmlDrawing${this.parts.unusedNumber((n) => `xl/drawings/vmlDrawing${n}.vml`)}.vml`
    this.parts.written.set(comments, commentsXml(notes, this.ns))
    this.parts.written.set(drawing, notesVml(notes, this.parts.unusedVmlBlock()))
    const rels = relationshipsPartOf(sheetPart)
    this.parts.addRelationship(rels, `${this.ns.relationships}/comments`, relativeTarget(sheetPart, comments))
    const id = this.parts.addRelationship(
      rels,
      `${this.ns.relationships}/vmlDrawing`,
      relativeTarget(sheetPart, drawing),
    )
    this.parts.addOverride(`/${comments}`, CONTENT_TYPE.comments)
    this.parts.addDefault('vml', CONTENT_TYPE.vml)
    return id
  }

  /** `r:id` as a sheet's root declares the relationships namespace (declared here when it does not). */
  private relationshipAttribute(sheetPart: string): string {
    const head = this.parts.head(sheetPart)
    const p = rootPrefix(head, 'worksheet')
    const rootTag = /<[^?!][^>]*>/.exec(head.slice(head.indexOf(`<${p}worksheet`)))?.[0] ?? ''
    const r = prefixFor(rootTag, this.ns.relationships)
    return r === undefined || r === '' ? `xmlns:r="${this.ns.relationships}" r:id` : `${r}id`
  }

  private createTab(template: TabTemplate, seedRows: readonly (readonly Cell[])[]): void {
    const number = this.parts.unusedNumber((n) => `xl/worksheets/sheet${n}.xml`)
    const part = `xl/worksheets/sheet${number}.xml`
    const notes = tabNotes(template)
    const drawing = notes.length > 0 ? this.addNotes(part, notes) : undefined
    this.parts.written.set(
      part,
      newSheetXml(template, seedRows, this.writeContext(''), this.layoutRows, drawing, this.ns),
    )
    this.parts.addOverride(`/${part}`, CONTENT_TYPE.worksheet)
    const relationshipId = this.parts.addRelationship(
      this.workbookRelsPart,
      `${this.ns.relationships}/worksheet`,
      relativeTarget(this.workbookPart, part),
    )
    const position = this.addSheetToWorkbook(template.name, relationshipId)
    this.sheets.splice(position, 0, { name: template.name, part })
    this.printTitled.add(template.name)
  }

  /**
   * The header row of each tab in `printTitled` repeats on every printed page. localSheetId counts
   * the tabs in workbook order, known only when every tab is added; a tab that has print titles of
   * its own keeps them, and the other tabs' names are not touched.
   */
  private addPrintTitles(): void {
    // A reader that drops the tabs it cannot place (openpyxl: a Strict package's, a <sheet> with no
    // or an empty r:id) then counts the tabs wrong and fails on a name scoped to one: such a
    // workbook gets the page setup without the print titles, and opens in that reader as it did.
    if (this.printTitled.size === 0 || this.ns === STRICT || this.unplacedSheet) return
    const original = this.parts.text(this.workbookPart) as string
    const p = rootPrefix(original, 'workbook')
    let text = original
    this.sheets.forEach((sheet, index) => {
      if (this.printTitled.has(sheet.name)) text = withPrintTitles(text, p, index, sheet.name)
    })
    if (text !== original) this.parts.written.set(this.workbookPart, text)
  }

  /** Adds the tab to the workbook's list; returns its position among the tabs. */
  private addSheetToWorkbook(name: string, relationshipId: string): number {
    const text = this.parts.text(this.workbookPart) as string
    const p = rootPrefix(text, 'workbook')
    const rootTag = /<[^?!][^>]*>/.exec(text.slice(text.indexOf(`<${p}workbook`)))?.[0] ?? ''
    const r = prefixFor(rootTag, this.ns.relationships)
    const idAttribute = r === undefined || r === '' ? `xmlns:r="${this.ns.relationships}" r:id` : `${r}id`
    let sheetId = 0
    for (const match of text.matchAll(/\ssheetId\s*=\s*"(\d+)"/g))
      sheetId = Math.max(sheetId, Number(match[1]))
    const element = `<${p}sheet name="${escapeAttribute(name)}" sheetId="${sheetId + 1}" ${idAttribute}="${relationshipId}"/>`
    // A workbook the tool starts from nothing shows its tabs in template order, whatever order
    // they were made in; an existing workbook gets new tabs at the end.
    const later = this.parts.archive
      ? -1
      : this.sheets.findIndex((sheet) => templateRank(sheet.name) > templateRank(name))
    const before = later < 0 ? undefined : this.sheets[later]
    if (before) {
      const at = text.search(
        new RegExp(`<${p}sheet\\s[^>]*name\\s*=\\s*"${escapeRegExp(escapeAttribute(before.name))}"`),
      )
      if (at >= 0) {
        this.parts.written.set(this.workbookPart, text.slice(0, at) + element + text.slice(at))
        return later
      }
    }
    const close = text.indexOf(`</${p}sheets>`)
    if (close >= 0) {
      this.parts.written.set(this.workbookPart, text.slice(0, close) + element + text.slice(close))
      return this.sheets.length
    }
    const empty = new RegExp(`<${p}sheets\\s*/>`).exec(text)
    if (!empty) throw new PackageError('的工作簿部件没有工作表列表（<sheets>），文件已损坏')
    this.parts.written.set(
      this.workbookPart,
      `${text.slice(0, empty.index)}<${p}sheets>${element}</${p}sheets>${text.slice(empty.index + empty[0].length)}`,
    )
    return this.sheets.length
  }

  private hyperlink(
    sheet: SheetEntry & { part: string },
    reference: string,
    target: string,
  ): { reference: string; xml: string } {
    const relsPart = relationshipsPartOf(sheet.part)
    const id = this.parts.addRelationship(relsPart, `${this.ns.relationships}/hyperlink`, target, true)
    const p = rootPrefix(this.parts.head(sheet.part), 'worksheet')
    return {
      reference,
      xml: `<${p}hyperlink ref="${reference}" ${this.relationshipAttribute(sheet.part)}="${id}"/>`,
    }
  }

  private addStylesPart(): void {
    this.parts.written.set(this.stylesPart, MINIMAL_STYLES)
    this.parts.addOverride(`/${this.stylesPart}`, CONTENT_TYPE.styles)
    this.parts.addRelationship(
      this.workbookRelsPart,
      `${this.ns.relationships}/styles`,
      relativeTarget(this.workbookPart, this.stylesPart),
    )
  }

  private hasCalcChain(): boolean {
    return this.parts
      .relationships(this.workbookRelsPart)
      .some((relationship) => relationship.type.endsWith(TYPE.calcChain))
  }

  /**
   * A cell the tool replaced held a formula, which calcChain may list: Excel would offer to repair
   * the workbook. calcChain is only a cache of the calculation order; Excel rebuilds it.
   */
  private dropCalcChain(): void {
    const relationships = this.parts.relationships(this.workbookRelsPart)
    const calcChain = relationships.find((relationship) => relationship.type.endsWith(TYPE.calcChain))
    if (!calcChain) return
    const part = this.parts.canonical(resolveTarget(folderOf(this.workbookPart), calcChain.target))
    this.parts.removed.add(part)
    const rels = this.parts.text(this.workbookRelsPart) as string
    this.parts.written.set(
      this.workbookRelsPart,
      rels.replace(
        new RegExp(`<(?:[\\w.-]+:)?Relationship\\s[^>]*Id\\s*=\\s*"${escapeRegExp(calcChain.id)}"[^>]*/>`),
        '',
      ),
    )
    const types = this.parts.text('[Content_Types].xml') as string
    this.parts.written.set(
      '[Content_Types].xml',
      types.replace(
        new RegExp(`<(?:[\\w.-]+:)?Override\\s[^>]*PartName\\s*=\\s*"/${escapeRegExp(part)}"[^>]*/>`, 'i'),
        '',
      ),
    )
  }

  /**
   * The user's formulas may read the tool's columns: Excel and WPS recompute them when they open
   * the workbook. The workbook's other calculation settings stay as they are.
   */
  private recalculateOnOpen(): void {
    const text = this.parts.text(this.workbookPart) as string
    const p = rootPrefix(text, 'workbook')
    const calc = new RegExp(`<${p}calcPr\\b[^>]*>`).exec(text)
    let updated: string
    if (calc) {
      if (/\sfullCalcOnLoad\s*=\s*["'](1|true)["']/.test(calc[0])) return
      const tag = withAttribute(calc[0], 'fullCalcOnLoad', '1', 'last')
      updated = text.slice(0, calc.index) + tag + text.slice(calc.index + calc[0].length)
    } else {
      // calcPr follows these elements in CT_Workbook; it goes right after the last one present.
      const at = endOfFirst(text, p, ['definedNames', 'externalReferences', 'functionGroups', 'sheets'])
      if (at < 0) return
      updated = `${text.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${text.slice(at)}`
    }
    this.parts.written.set(this.workbookPart, updated)
  }

  private editsOf(sheet: SheetEntry & { part: string }): MutableEdits {
    let edits = this.edits.get(sheet.part)
    if (!edits) {
      edits = { columns: new Map(), cells: new Map(), widths: new Map(), validations: [], hyperlinks: [] }
      this.edits.set(sheet.part, edits)
    }
    return edits
  }

  private writeContext(prefix: string): WriteContext {
    return { prefix, styles: this.styles, date1904: this.date1904 }
  }
}

function templateRank(name: string): number {
  const index = ALL_TEMPLATES.findIndex((template) => template.name === name)
  return index < 0 ? ALL_TEMPLATES.length : index
}

/**
 * The height of one line of 11-point Chinese text, in points: 15 for Latin text in Excel, a little more
 * for CJK fonts (LibreOffice's rendering of 提醒汇总 clipped the last line of a 4-line 说明 at 15).
 * A row is at most 409 points high.
 */
const LINE_HEIGHT = 16.5
const MAX_ROW_HEIGHT = 409

/**
 * The height each row from `firstRow` to `lastRow` needs for the wrapped columns (说明 of 提醒汇总)
 * of `rows`, written from `firstRow` on, to show in full, counted in lines of the column's width (a
 * Chinese character takes two units). Rows of one line, and rows past the written ones (left over
 * from the last run), get no height of their own.
 */
export function wrappedRowHeights(
  template: TabTemplate,
  rows: readonly (readonly OutputCell[])[],
  firstRow: number,
  lastRow: number,
): Map<number, number | undefined> {
  const wrapped = template.columns.flatMap((column, index) =>
    column.wrap === true ? [{ index, width: columnWidth(column) }] : [],
  )
  const heights = new Map<number, number | undefined>()
  if (wrapped.length === 0) return heights
  for (let row = firstRow; row <= lastRow; row++) {
    const cells = rows[row - firstRow]
    let lines = 1
    for (const { index, width } of wrapped) lines = Math.max(lines, linesOf(cells?.[index] ?? null, width))
    heights.set(row, lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT) : undefined)
  }
  return heights
}

/** The lines a text takes in a wrapping column `width` units wide (a little is lost to the margins). */
function linesOf(value: OutputCell, width: number): number {
  if (typeof value !== 'string') return 1
  const perLine = Math.max(1, width - 1)
  // One line, as most are: no array of lines.
  if (!value.includes('\n')) return Math.max(1, Math.ceil(cellTextWidth(value) / perLine))
  return value
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(cellTextWidth(line) / perLine)), 0)
}

function setCell(edits: MutableEdits, row: number, column: number, plan: CellPlan): void {
  let cells = edits.cells.get(row)
  if (!cells) {
    cells = new Map()
    edits.cells.set(row, cells)
  }
  cells.set(column, plan)
}

function rangeText(range: CellRange): string {
  const first = `${columnLetters(range.first.column)}${range.first.row}`
  const last = `${columnLetters(range.last.column)}${range.last.row}`
  return first === last ? first : `${first}:${last}`
}

/**
 * `text` as a string of its own (not a slice of a larger one), the same string for the same text
 * within one read. V8 cuts a substring of 13 characters or more as a view of its parent string;
 * concatenating and cutting again makes the copy.
 */
function internedCopy(interned: Map<string, string>, text: string): string {
  const known = interned.get(text)
  if (known !== undefined) return known
  const copy = text.length < 13 ? text : ` ${text}`.slice(1)
  interned.set(copy, copy)
  return copy
}
