/**
 * The local host: the workbook port over the .xlsx package itself. A tab is read by scanning its
 * worksheet XML once; writes are recorded and applied when the package is saved, by one streaming
 * pass over each worksheet the tool wrote to. Every other part of the package (charts, pivot tables,
 * drawings, images, macros, comments, printer settings, custom XML, document properties, external
 * links…) is copied byte for byte; the four parts that list the package's contents
 * ([Content_Types].xml, the workbook, its relationships, styles.xml) only gain entries.
 */
import { ALL_TEMPLATES } from '../../../../sheets-templates'
import type { Cell, OutputCell } from '../../../core/cells'
import { normalizeHeader, type SheetTable } from '../../../core/table'
import { columnWidth, type TabTemplate } from '../../../core/template'
import {
  type CellWrite,
  type ColumnWrite,
  type EnsureResult,
  isLinkedText,
  type WorkbookPort,
} from '../../workbook'
import { cellValue, type ReadContext, type WriteContext } from './cell-xml'
import { collectGarbage } from './collect-garbage'
import {
  columnStyle,
  commentsXml,
  DEFAULT_LAYOUT_ROWS,
  headerStyle,
  type Namespaces,
  newSheetXml,
  notesVml,
  STRICT,
  TRANSITIONAL,
  validationXml,
} from './new-sheet'
import {
  type CellPlan,
  type ColumnPlan,
  mergedRanges,
  type RewriteResult,
  rewriteSheet,
  SharedFormulaError,
  type SheetEdits,
} from './sheet-rewrite'
import { MAX_ELEMENT_CHARS, rowNumberOf, SheetScanner, scanCells } from './sheet-scanner'
import { MINIMAL_STYLES, StyleBook } from './styles'
import {
  attributeByLocalName,
  attributes,
  type CellRange,
  columnLetters,
  escapeAttribute,
  prefixFor,
  rootPrefix,
  runText,
} from './xml-text'
import { entryHead, inflateEntry, readZip, type ZipArchive, ZipFormatError, ZipWriter } from './zip-archive'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** No part of a ledger workbook is this large uncompressed; a zip bomb is. */
export const DEFAULT_MAX_PART_BYTES = 1024 * 1024 * 1024

/** After rewriting a worksheet this large, memory is collected (see collect-garbage.ts). */
const LARGE_PART_BYTES = 8 * 1024 * 1024

/**
 * A package the host cannot use. The message continues the sentence “文件“…””, naming what is
 * wrong in Chinese; the file is left as it was.
 */
export class PackageError extends Error {
  constructor(
    /** What is wrong, continuing the sentence “文件“…””. */
    readonly detail: string,
    /** The file, when the package knows which. */
    readonly file?: string,
  ) {
    super(file === undefined ? `工作簿${detail}` : `文件“${file}”${detail}`)
    this.name = 'PackageError'
  }
}

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
const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
}
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

interface Relationship {
  readonly id: string
  readonly type: string
  readonly target: string
  readonly external: boolean
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
}

export class XlsxPackage implements WorkbookPort {
  readonly timeZone: string
  private readonly source: string | undefined
  private readonly layoutRows: number
  private readonly maxPartBytes: number
  /** Parts the tool wrote whole (new ones, or the few package parts it adds entries to). */
  private readonly written = new Map<string, string>()
  private readonly removed = new Set<string>()
  private readonly edits = new Map<string, MutableEdits>()
  private readonly outlines = new Map<string, TabOutline>()
  private readonly sheets: SheetEntry[]
  private readonly workbookPart: string
  private readonly workbookRelsPart: string
  private readonly stylesPart: string
  private readonly sharedStringsPart: string | undefined
  private readonly styles: StyleBook
  private readonly date1904: boolean
  private readonly ns: Namespaces
  private strings: string[] | undefined
  private formulaSeen = false
  private vmlBlocks: number[] | undefined

  private constructor(
    private readonly archive: ZipArchive | undefined,
    parts: ReadonlyMap<string, string>,
    options: PackageOptions,
  ) {
    this.source = options.source
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
    this.layoutRows = options.layoutRows ?? DEFAULT_LAYOUT_ROWS
    this.maxPartBytes = options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES
    for (const [name, text] of parts) this.written.set(name, text)
    if (this.partText('[Content_Types].xml') === undefined)
      throw new PackageError(
        '是压缩包，但不是 Excel 工作簿（缺少 [Content_Types].xml），请确认选择的是 .xlsx 文件',
      )
    const root = this.relationships('_rels/.rels')
    const office = root.find((relationship) => relationship.type.endsWith(TYPE.officeDocument))
    this.workbookPart = this.canonical(office ? resolveTarget('', office.target) : 'xl/workbook.xml')
    const workbook = this.partText(this.workbookPart)
    if (workbook === undefined)
      throw new PackageError('是压缩包，但不是 Excel 工作簿（里面没有工作簿部件），请确认选择的是 .xlsx 文件')
    const p = rootPrefix(workbook, 'workbook')
    const rootTag = /<[^?!][^>]*>/.exec(workbook.slice(workbook.indexOf(`<${p}workbook`)))?.[0] ?? ''
    this.ns = prefixFor(rootTag, STRICT.main) === undefined ? TRANSITIONAL : STRICT
    const properties = new RegExp(`<${p}workbookPr\\b[^>]*>`).exec(workbook)?.[0]
    this.date1904 = properties ? /\sdate1904\s*=\s*["'](1|true)["']/.test(properties) : false
    this.workbookRelsPart = this.canonical(relationshipsPartOf(this.workbookPart))
    const relationships = this.relationships(this.workbookRelsPart)
    const byId = new Map(relationships.map((relationship) => [relationship.id, relationship]))
    const folder = folderOf(this.workbookPart)
    this.sheets = []
    for (const match of workbook.matchAll(new RegExp(`<${p}sheet\\s[^>]*>`, 'g'))) {
      const found = attributes(match[0])
      const relationship = byId.get(attributeByLocalName(found, 'id') ?? '')
      const part =
        relationship && relationship.type.endsWith(TYPE.worksheet) && !relationship.external
          ? this.canonical(resolveTarget(folder, relationship.target))
          : undefined
      this.sheets.push({ name: found.get('name') ?? '', part: part && this.hasPart(part) ? part : undefined })
    }
    const styles = relationships.find((relationship) => relationship.type.endsWith(TYPE.styles))
    this.stylesPart = this.canonical(styles ? resolveTarget(folder, styles.target) : `${folder}styles.xml`)
    const stylesText = this.partText(this.stylesPart)
    this.styles = new StyleBook(stylesText ?? MINIMAL_STYLES)
    if (stylesText === undefined) this.addStylesPart()
    const shared = relationships.find((relationship) => relationship.type.endsWith(TYPE.sharedStrings))
    this.sharedStringsPart = shared ? this.canonical(resolveTarget(folder, shared.target)) : undefined
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

  readTab(name: string): SheetTable | undefined {
    const sheet = this.sheet(name)
    if (!sheet) return undefined
    return this.guard(() => this.scan(sheet, 'rows').table)
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
    this.templateColumns(sheet, template).forEach((column, index) => {
      edits.columns.set(column, {
        start: 2,
        values: rows.map((cells) => cells[index] ?? null),
        clearBeyond: true,
      })
    })
  }

  appendRows(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.guard(() => this.append(template, rows))
  }

  private append(template: TabTemplate, rows: readonly (readonly OutputCell[])[]): void {
    this.ensureTab(template)
    const sheet = this.requireSheet(template.name)
    const edits = this.editsOf(sheet)
    const columns = this.templateColumns(sheet, template)
    let last = this.scan(sheet, 'outline').outline.lastRow
    for (const row of edits.cells.keys()) last = Math.max(last, row)
    rows.forEach((cells, index) => {
      columns.forEach((column, i) => {
        setCell(edits, last + 1 + index, column, { value: cells[i] ?? null })
      })
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
    if (this.archive && this.archive.bytes.length > LARGE_PART_BYTES / 8) collectGarbage()
    // Worksheets first: writing a date may add a style, which styles.xml must then hold.
    const rewritten = new Map<string, Iterable<string>>()
    for (const [part, edits] of this.edits) {
      const prefix = rootPrefix(this.partHead(part), 'worksheet')
      const frozen: SheetEdits = { ...edits, merged: this.outlines.get(part)?.merged ?? [] }
      rewritten.set(part, rewriteSheet(this.partChunks(part), frozen, { ...context, prefix }, result))
    }
    const order = this.archive?.entries.map((entry) => entry.name) ?? []
    const entryOf = (name: string) => this.archive?.byName.get(name)
    try {
      for (const [part, chunks] of rewritten) {
        await writer.add(part, chunks, entryOf(part))
        if ((entryOf(part)?.size ?? this.written.get(part)?.length ?? 0) > LARGE_PART_BYTES) collectGarbage()
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
    if (this.styles.changed) this.written.set(this.stylesPart, this.styles.text())
    for (const entry of this.archive?.entries ?? []) {
      if (this.removed.has(entry.name) || rewritten.has(entry.name)) continue
      const text = this.written.get(entry.name)
      if (text === undefined) writer.copy(this.archive as ZipArchive, entry)
      else await writer.add(entry.name, [asUtf8(text)], entry)
    }
    for (const [name, text] of this.written) {
      if (entryOf(name) || this.removed.has(name) || rewritten.has(name)) continue
      await writer.add(name, [text])
      order.push(name)
    }
    return writer.finish(order.filter((name) => !this.removed.has(name)))
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
   * reads them.
   */
  private scan(
    sheet: SheetEntry,
    mode: 'header' | 'outline' | 'rows',
  ): { outline: TabOutline; table?: SheetTable } {
    const part = sheet.part
    if (part === undefined) {
      const outline = { header: [], lastRow: 0, lastColumn: -1, merged: [], complete: true }
      return { outline, table: { name: sheet.name, header: [], rows: [] } }
    }
    const cached = this.outlines.get(part)
    if (cached && mode !== 'rows' && (cached.complete || mode === 'header')) return { outline: cached }
    const prefix = rootPrefix(this.partHead(part), 'worksheet')
    const context: ReadContext = {
      prefix,
      strings: this.sharedStrings(),
      styles: this.styles,
      date1904: this.date1904,
    }
    const byRow: Cell[][] = []
    let header: Cell[] = []
    let lastRow = 0
    let lastColumn = -1
    let previous = 0
    let merged: CellRange[] = []
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
          let cells: Cell[] | undefined
          scanCells(text, prefix, (span) => {
            const value = cellValue(text, span, context)
            if (value === null || span.column < 0) return
            cells ??= []
            cells[span.column] = value
            if (span.column > lastColumn) lastColumn = span.column
          })
          if (cells === undefined) return
          if (row > lastRow) lastRow = row
          if (row === 1) header = cells
          else if (mode === 'rows') byRow[row] = cells
        },
        after: (text) => {
          merged = mergedRanges(text)
        },
      },
      prefix,
    )
    for (const chunk of this.partChunks(part)) {
      scanner.push(chunk)
      if (scanner.isStopped) break
    }
    scanner.end()
    if (mode === 'header') {
      const outline = { header, lastRow, lastColumn, merged: [], complete: false }
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
    const outline = { header, lastRow, lastColumn, merged, complete: true }
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
    if (part === undefined || !this.hasPart(part)) return strings
    const p = rootPrefix(this.partHead(part), 'sst')
    const open = `<${p}si`
    const close = `</${p}si>`
    let pending = ''
    for (const chunk of this.partChunks(part)) {
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
    const prefix = rootPrefix(this.partHead(sheet.part), 'worksheet')
    missing.forEach((column, index) => {
      const at = lastUsed + 1 + index
      setCell(edits, 1, at, { value: column.header, style: headerStyle(this.styles, template, column) })
      const style = columnStyle(this.styles, column)
      edits.widths.set(at, { width: columnWidth(column), ...(style === undefined ? {} : { style }) })
      const validation = validationXml(prefix, column, at, this.layoutRows)
      if (validation) edits.validations.push(validation)
    })
    edits.filterTo = { lastHeaderColumn, column: lastUsed + missing.length }
    return missing.map((column) => column.header)
  }

  private createTab(template: TabTemplate, seedRows: readonly (readonly Cell[])[]): void {
    const number = this.unusedNumber((n) => `xl/worksheets/sheet${n}.xml`)
    const part = `xl/worksheets/sheet${number}.xml`
    const sheetRels = relationshipsPartOf(part)
    const sheet = newSheetXml(template, seedRows, this.writeContext(''), this.layoutRows, 'rId2', this.ns)
    this.written.set(part, sheet.xml)
    if (sheet.notes.length > 0) {
      const comments = `xl/comments${this.unusedNumber((n) => `xl/comments${n}.xml`)}.xml`
      const drawing = `xl/drawings/vmlDrawing${this.unusedNumber((n) => `xl/drawings/vmlDrawing${n}.vml`)}.vml`
      this.written.set(comments, commentsXml(sheet.notes, this.ns))
      this.written.set(drawing, notesVml(sheet.notes, this.unusedVmlBlock()))
      this.written.set(
        sheetRels,
        `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${this.ns.relationships}/comments" Target="../${comments.slice(3)}"/>` +
          `<Relationship Id="rId2" Type="${this.ns.relationships}/vmlDrawing" Target="../${drawing.slice(3)}"/>` +
          '</Relationships>',
      )
      this.addOverride(`/${comments}`, CONTENT_TYPE.comments)
      this.addDefault('vml', CONTENT_TYPE.vml)
    }
    this.addOverride(`/${part}`, CONTENT_TYPE.worksheet)
    const relationshipId = this.addRelationship(
      this.workbookRelsPart,
      `${this.ns.relationships}/worksheet`,
      relativeTarget(this.workbookPart, part),
    )
    const position = this.addSheetToWorkbook(template.name, relationshipId)
    this.sheets.splice(position, 0, { name: template.name, part })
  }

  /** Adds the tab to the workbook's list; returns its position among the tabs. */
  private addSheetToWorkbook(name: string, relationshipId: string): number {
    const text = this.partText(this.workbookPart) as string
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
    const later = this.archive
      ? -1
      : this.sheets.findIndex((sheet) => templateRank(sheet.name) > templateRank(name))
    const before = later < 0 ? undefined : this.sheets[later]
    if (before) {
      const at = text.search(
        new RegExp(`<${p}sheet\\s[^>]*name\\s*=\\s*"${escapeRegExp(escapeAttribute(before.name))}"`),
      )
      if (at >= 0) {
        this.written.set(this.workbookPart, text.slice(0, at) + element + text.slice(at))
        return later
      }
    }
    const close = text.indexOf(`</${p}sheets>`)
    if (close >= 0) {
      this.written.set(this.workbookPart, text.slice(0, close) + element + text.slice(close))
      return this.sheets.length
    }
    const empty = new RegExp(`<${p}sheets\\s*/>`).exec(text)
    if (!empty) throw new PackageError('的工作簿部件没有工作表列表（<sheets>），文件已损坏')
    this.written.set(
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
    const id = this.addRelationship(relsPart, `${this.ns.relationships}/hyperlink`, target, true)
    const head = this.partHead(sheet.part)
    const p = rootPrefix(head, 'worksheet')
    const rootTag = /<[^?!][^>]*>/.exec(head.slice(head.indexOf(`<${p}worksheet`)))?.[0] ?? ''
    const r = prefixFor(rootTag, this.ns.relationships)
    const idAttribute = r === undefined || r === '' ? `xmlns:r="${this.ns.relationships}" r:id` : `${r}id`
    return { reference, xml: `<${p}hyperlink ref="${reference}" ${idAttribute}="${id}"/>` }
  }

  // --- the package's own lists ---

  private addRelationship(relsPart: string, type: string, target: string, external = false): string {
    const text =
      this.partText(relsPart) ??
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`
    const ids = new Set([...text.matchAll(/\sId\s*=\s*"([^"]*)"/g)].map((match) => match[1]))
    let n = ids.size + 1
    while (ids.has(`rId${n}`)) n++
    const id = `rId${n}`
    const p = rootPrefix(text, 'Relationships')
    const element = `<${p}Relationship Id="${id}" Type="${type}" Target="${escapeAttribute(target)}"${external ? ' TargetMode="External"' : ''}/>`
    const close = text.lastIndexOf(`</${p}Relationships>`)
    const updated =
      close >= 0
        ? text.slice(0, close) + element + text.slice(close)
        : text.replace(
            new RegExp(`<${p}Relationships([^>]*?)\\s*/>`),
            `<${p}Relationships$1>${element}</${p}Relationships>`,
          )
    this.written.set(this.canonical(relsPart), updated)
    return id
  }

  private addOverride(partName: string, contentType: string): void {
    this.addContentType(
      `<Override PartName="${escapeAttribute(partName)}" ContentType="${contentType}"/>`,
      (text) => new RegExp(`PartName\\s*=\\s*"${escapeRegExp(partName)}"`, 'i').test(text),
    )
  }

  private addDefault(extension: string, contentType: string): void {
    this.addContentType(`<Default Extension="${extension}" ContentType="${contentType}"/>`, (text) =>
      new RegExp(`Extension\\s*=\\s*"${extension}"`, 'i').test(text),
    )
  }

  private addContentType(element: string, present: (text: string) => boolean): void {
    const text = this.partText('[Content_Types].xml') as string
    if (present(text)) return
    const p = rootPrefix(text, 'Types')
    const close = text.lastIndexOf(`</${p}Types>`)
    this.written.set(
      '[Content_Types].xml',
      text.slice(0, close) + element.replace(/^<(\w+)/, `<${p}$1`) + text.slice(close),
    )
  }

  private addStylesPart(): void {
    this.written.set(this.stylesPart, MINIMAL_STYLES)
    this.addOverride(`/${this.stylesPart}`, CONTENT_TYPE.styles)
    this.addRelationship(
      this.workbookRelsPart,
      `${this.ns.relationships}/styles`,
      relativeTarget(this.workbookPart, this.stylesPart),
    )
  }

  private hasCalcChain(): boolean {
    return this.relationships(this.workbookRelsPart).some((relationship) =>
      relationship.type.endsWith(TYPE.calcChain),
    )
  }

  /**
   * A cell the tool replaced held a formula, which calcChain may list: Excel would offer to repair
   * the workbook. calcChain is only a cache of the calculation order; Excel rebuilds it.
   */
  private dropCalcChain(): void {
    const relationships = this.relationships(this.workbookRelsPart)
    const calcChain = relationships.find((relationship) => relationship.type.endsWith(TYPE.calcChain))
    if (!calcChain) return
    const part = this.canonical(resolveTarget(folderOf(this.workbookPart), calcChain.target))
    this.removed.add(part)
    const rels = this.partText(this.workbookRelsPart) as string
    this.written.set(
      this.workbookRelsPart,
      rels.replace(
        new RegExp(`<(?:[\\w.-]+:)?Relationship\\s[^>]*Id\\s*=\\s*"${escapeRegExp(calcChain.id)}"[^>]*/>`),
        '',
      ),
    )
    const types = this.partText('[Content_Types].xml') as string
    this.written.set(
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
    const text = this.partText(this.workbookPart) as string
    const p = rootPrefix(text, 'workbook')
    const calc = new RegExp(`<${p}calcPr\\b([^>]*?)(/?)>`).exec(text)
    let updated: string
    if (calc) {
      if (/\sfullCalcOnLoad\s*=\s*["'](1|true)["']/.test(calc[0])) return
      const tag = /\sfullCalcOnLoad\s*=/.test(calc[0])
        ? calc[0].replace(/\sfullCalcOnLoad\s*=\s*["'][^"']*["']/, ' fullCalcOnLoad="1"')
        : `<${p}calcPr${calc[1]} fullCalcOnLoad="1"${calc[2]}>`
      updated = text.slice(0, calc.index) + tag + text.slice(calc.index + calc[0].length)
    } else {
      // calcPr follows these elements in CT_Workbook; it goes right after the last one present.
      let at = -1
      for (const name of ['definedNames', 'externalReferences', 'functionGroups', 'sheets']) {
        const close = text.indexOf(`</${p}${name}>`)
        if (close >= 0) {
          at = close + `</${p}${name}>`.length
          break
        }
        const selfClosing = new RegExp(`<${p}${name}\\s*/>`).exec(text)
        if (selfClosing) {
          at = selfClosing.index + selfClosing[0].length
          break
        }
      }
      if (at < 0) return
      updated = `${text.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${text.slice(at)}`
    }
    this.written.set(this.workbookPart, updated)
  }

  // --- parts ---

  private hasPart(name: string): boolean {
    const part = this.canonical(name)
    return this.written.has(part) || this.archive?.byName.has(part) === true
  }

  private lowerCaseNames: Map<string, string> | undefined

  /** Part names are case-insensitive (OPC): Sheet1.xml's relationships may be in sheet1.xml.rels. */
  private canonical(name: string): string {
    if (this.written.has(name) || this.archive?.byName.has(name)) return name
    if (!this.lowerCaseNames) {
      this.lowerCaseNames = new Map()
      for (const entry of this.archive?.entries ?? [])
        this.lowerCaseNames.set(entry.name.toLowerCase(), entry.name)
    }
    return this.lowerCaseNames.get(name.toLowerCase()) ?? name
  }

  private partBytes(name: string): Buffer | undefined {
    const entry = this.archive?.byName.get(this.canonical(name))
    if (!entry) return undefined
    try {
      return inflateEntry(this.archive as ZipArchive, entry, this.maxPartBytes)
    } catch (error) {
      throw error instanceof ZipFormatError ? packageErrorOf(error, name) : error
    }
  }

  /** A whole part as text (the small package parts). */
  private partText(name: string): string | undefined {
    const written = this.written.get(this.canonical(name))
    if (written !== undefined) return written
    const bytes = this.partBytes(name)
    return bytes === undefined ? undefined : decodePart(bytes)
  }

  /** The first few kilobytes of a part: enough for its root element. */
  private partHead(name: string): string {
    const part = this.canonical(name)
    const written = this.written.get(part)
    if (written !== undefined) return written.slice(0, 4096)
    const entry = this.archive?.byName.get(part)
    if (!entry) return ''
    const head = entryHead(this.archive as ZipArchive, entry, 4096)
    const utf16 = head.length >= 2 && (head[0] === 0 || head[1] === 0 || head[0] === 0xfe || head[0] === 0xff)
    return utf16 ? decodePart(head.subarray(0, head.length - (head.length % 2))) : head.toString('utf8')
  }

  /** A part's text in chunks of about `size` characters (a large worksheet is never one string). */
  private *partChunks(name: string, size = 1 << 20): Generator<string> {
    const written = this.written.get(this.canonical(name))
    if (written !== undefined) {
      for (let at = 0; at < written.length; at += size) yield written.slice(at, at + size)
      return
    }
    const bytes = this.partBytes(name)
    if (bytes === undefined) return
    const utf16 =
      bytes.length >= 2 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    if (utf16) {
      yield decodePart(bytes)
      return
    }
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false })
    for (let at = 0; at < bytes.length; at += size) {
      const last = at + size >= bytes.length
      yield decoder.decode(bytes.subarray(at, at + size), { stream: !last })
    }
  }

  private relationships(part: string): Relationship[] {
    const text = this.partText(part)
    if (text === undefined) return []
    const found: Relationship[] = []
    for (const match of text.matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)) {
      const values = attributes(match[0])
      found.push({
        id: values.get('Id') ?? '',
        type: values.get('Type') ?? '',
        target: values.get('Target') ?? '',
        external: values.get('TargetMode') === 'External',
      })
    }
    return found
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

  private unusedNumber(name: (n: number) => string): number {
    let n = 1
    while (this.hasPart(name(n)) || this.hasPart(relationshipsPartOf(name(n)))) n++
    return n
  }

  /** A block of VML shape ids no other drawing of the workbook uses. */
  private unusedVmlBlock(): number {
    if (!this.vmlBlocks) {
      this.vmlBlocks = []
      for (const entry of this.archive?.entries ?? []) {
        if (!entry.name.toLowerCase().endsWith('.vml')) continue
        const text = this.partText(entry.name) ?? ''
        for (const match of text.matchAll(/idmap[^>]*\sdata\s*=\s*"([^"]*)"/g))
          for (const value of (match[1] ?? '').split(',')) this.vmlBlocks.push(Number(value) || 0)
      }
    }
    const block = Math.max(0, ...this.vmlBlocks) + 1
    this.vmlBlocks.push(block)
    return block
  }
}

function templateRank(name: string): number {
  const index = ALL_TEMPLATES.findIndex((template) => template.name === name)
  return index < 0 ? ALL_TEMPLATES.length : index
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

/** A part's text: UTF-8 as a rule, UTF-16 (either byte order, with or without a BOM) where a producer chose it. */
function decodePart(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2).toString('utf16le')
  if (bytes.length >= 2 && bytes[1] === 0 && bytes[0] !== 0) return bytes.toString('utf16le')
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] !== 0))) {
    const body = bytes[0] === 0xfe ? bytes.subarray(2) : bytes
    const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)))
    swapped.swap16()
    return swapped.toString('utf16le')
  }
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Parts the tool writes are UTF-8, whatever the part they replace declared. */
function asUtf8(text: string): string {
  return text.replace(/^(<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])/, '$1UTF-8$2')
}

function folderOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return slash < 0 ? '' : part.slice(0, slash + 1)
}

function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

/** A relationship target as a part name: relative to the source part's folder, or absolute. */
function resolveTarget(folder: string, target: string): string {
  const decoded = decodeURIComponentSafe(target.replace(/\\/g, '/'))
  const path = decoded.startsWith('/') ? decoded.slice(1) : folder + decoded
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

function relativeTarget(fromPart: string, toPart: string): string {
  const folder = folderOf(fromPart)
  return toPart.startsWith(folder) ? toPart.slice(folder.length) : `/${toPart}`
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A package fault as a PackageError naming the file; anything else (a bug) as it is. */
function withSource(error: unknown, source: string | undefined): unknown {
  if (!(error instanceof PackageError) && !(error instanceof ZipFormatError)) return error
  const fault = packageErrorOf(error)
  return source === undefined || fault.file !== undefined ? fault : new PackageError(fault.detail, source)
}

function packageErrorOf(error: PackageError | ZipFormatError, part?: string): PackageError {
  if (error instanceof PackageError) return error
  if (error instanceof ZipFormatError) {
    const where = part === undefined ? '' : `（部件 ${part}）`
    switch (error.kind) {
      case 'encrypted':
        return new PackageError(
          `中的部件经过 zip 加密${where}，台账工具无法读取；请在 Excel 或 WPS 中打开后另存一份`,
        )
      case 'method':
        return new PackageError(
          `使用了 Excel 不使用的压缩方式${where}，无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx`,
        )
      case 'size-lie':
        return new PackageError(
          `中有一个部件解压后比压缩包目录登记的大小还大${where}，文件已损坏或是被构造过的“压缩炸弹”；本次未做任何改动`,
        )
      case 'too-large':
        return new PackageError(
          `中有一个部件解压后过大${where}（超过 ${DEFAULT_MAX_PART_BYTES / 1024 / 1024} MB，或一个单元格、一行超过 ${MAX_ELEMENT_CHARS / 1024 / 1024} MB），不是正常的台账工作簿，可能已损坏或是“压缩炸弹”；本次未做任何改动`,
        )
      default:
        return new PackageError(
          `已损坏或不完整，无法作为工作簿打开（${error.message}${where}）；请用 Excel 或 WPS 打开检查，或改用备份`,
        )
    }
  }
  return error
}

/** The parts of a new, empty workbook. */
function blankParts(): Map<string, string> {
  const parts = new Map<string, string>()
  parts.set(
    '[Content_Types].xml',
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>',
  )
  parts.set(
    '_rels/.rels',
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${TRANSITIONAL.relationships}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${TRANSITIONAL.relationships}/extended-properties" Target="docProps/app.xml"/>` +
      '</Relationships>',
  )
  parts.set(
    'xl/workbook.xml',
    `${XML_DECLARATION}<workbook xmlns="${TRANSITIONAL.main}" xmlns:r="${TRANSITIONAL.relationships}">` +
      '<workbookPr defaultThemeVersion="164011"/>' +
      '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
      '<sheets></sheets><calcPr calcId="191029"/></workbook>',
  )
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${TRANSITIONAL.relationships}/styles" Target="styles.xml"/></Relationships>`,
  )
  parts.set('xl/styles.xml', MINIMAL_STYLES)
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  parts.set(
    'docProps/core.xml',
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>台账</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
  )
  parts.set(
    'docProps/app.xml',
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>台账</Application></Properties>`,
  )
  return parts
}
