/**
 * One streaming pass over a worksheet that changes only the cells the tool writes. Rows without a
 * write are copied as they were, character for character; in a row with one, the other cells are
 * copied as they were and the tool's cells are replaced, or inserted in column order. Outside
 * <sheetData>, only what the tool owns changes: the dimension, widths of the columns it added, its
 * dropdowns, its hyperlinks and the filter it widened.
 */
import type { Cell, OutputCell } from '../../../core/cells'
import { cellXml, type WriteContext } from './cell-xml'
import { replaceToolRowColours, type ToolRowColours } from './conditional-formatting'
import { shiftFormula } from './formula-shift'
import { headerFooterXml, pageSetupXml, withFitToPage } from './print-setup'
import { type CellSpan, findTag, quickAttribute, rowNumberOf, SheetScanner, scanCells } from './sheet-scanner'
import {
  attributes,
  type CellRange,
  columnLetters,
  decodeXml,
  escapeText,
  hasAttribute,
  parseRange,
  parseReference,
  withAttribute,
  withoutAttribute,
} from './xml-text'

export interface ColumnPlan {
  /** First sheet row written (1-based). */
  readonly start: number
  readonly values: readonly (OutputCell | Cell)[]
  /** Rows after the values are emptied (a tool tab's leftover rows). */
  readonly clearBeyond: boolean
  /** A style of the tool's own for the values written (说明 of 提醒汇总 wraps); emptied cells get none. */
  readonly style?: number
}

export interface CellPlan {
  readonly value: OutputCell | Cell
  /** A style of the tool's own (a header); otherwise the cell's style is kept. */
  readonly style?: number
}

export interface SheetEdits {
  readonly columns: ReadonlyMap<number, ColumnPlan>
  /** row → column → write; these win over a column plan. */
  readonly cells: ReadonlyMap<number, ReadonlyMap<number, CellPlan>>
  /** Columns the tool added: 0-based column → width in characters and default style. */
  readonly widths: ReadonlyMap<number, { readonly width: number; readonly style?: number }>
  /** Whole XML elements to add after <sheetData>, by element name (dataValidation, hyperlink). */
  readonly validations: readonly string[]
  readonly hyperlinks: readonly { readonly reference: string; readonly xml: string }[]
  /** The filter over the header row reaches this column (0-based) when it covered every header. */
  readonly filterTo?: { readonly lastHeaderColumn: number; readonly column: number }
  /** The <legacyDrawing> element of the notes the tool added to the header (a sheet that had none). */
  readonly legacyDrawing?: string
  /** Cells inside these ranges are never written (the app reports them). */
  readonly merged: readonly CellRange[]
  /** A tool tab: it gets the tool's print settings (print-setup.ts), whatever it had. */
  readonly printSetup?: boolean
  /**
   * Heights of rows the tool writes, in points (a tool tab's wrapped 说明 needs more than one line);
   * undefined drops a row's own height, so that a row that held a long text yesterday shrinks back.
   */
  readonly rowHeights?: ReadonlyMap<number, number | undefined>
  /**
   * Columns of a tool tab (0-based) as wide as what the tool writes needs: a column of its own gets
   * at least that width (never narrower than it is), a column without one gets one.
   */
  readonly widerColumns?: ReadonlyMap<number, number>
  /** The tool's row colours, replacing those it wrote before (conditional-formatting.ts). */
  readonly rowColours?: ToolRowColours
}

export interface RewriteResult {
  /** A cell the tool replaced held a formula: calcChain may name it. */
  formulaReplaced: boolean
}

/** Part of an array formula would be replaced (the tool writes some of its cells, not all). */
export class SharedFormulaError extends Error {
  constructor(readonly reference: string) {
    super(`shared formula at ${reference}`)
    this.name = 'SharedFormulaError'
  }
}

const KEEP = Symbol('keep')
type Planned = CellPlan | typeof KEEP

// The children of <worksheet> after <sheetData>, in the order the spec requires.
const AFTER_SHEET_DATA = [
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]

export function* rewriteSheet(
  chunks: Iterable<string>,
  edits: SheetEdits,
  context: WriteContext,
  result: RewriteResult,
): Generator<string> {
  for (const batch of sheetPieces(chunks, edits, context, result)) yield batch.join('')
}

/**
 * rewriteSheet as UTF-8, each batch of pieces written straight into one buffer: the same bytes as
 * encoding the joined text, without the joined copy of the text.
 */
export function* rewriteSheetBytes(
  chunks: Iterable<string>,
  edits: SheetEdits,
  context: WriteContext,
  result: RewriteResult,
): Generator<Buffer> {
  for (const batch of sheetPieces(chunks, edits, context, result)) yield utf8(batch)
}

function utf8(pieces: readonly string[]): Buffer {
  let length = 0
  for (const piece of pieces) {
    // A pair split between two pieces is one character only in the joined text.
    const last = piece.charCodeAt(piece.length - 1)
    if (last >= 0xd800 && last <= 0xdbff) return Buffer.from(pieces.join(''), 'utf8')
    length += piece.length
  }
  // At most three bytes for each UTF-16 unit.
  const bytes = Buffer.allocUnsafe(length * 3)
  let written = 0
  for (const piece of pieces) written += bytes.write(piece, written, 'utf8')
  return bytes.subarray(0, written)
}

/** The rewritten sheet as batches of text pieces, each batch about 256 K characters. */
function* sheetPieces(
  chunks: Iterable<string>,
  edits: SheetEdits,
  context: WriteContext,
  result: RewriteResult,
): Generator<string[]> {
  const p = context.prefix
  const plannedColumns = [...edits.columns.keys()].sort((a, b) => a - b)
  let lastPlannedRow = 0
  for (const plan of edits.columns.values())
    lastPlannedRow = Math.max(lastPlannedRow, plan.start + plan.values.length - 1)
  for (const row of edits.cells.keys()) lastPlannedRow = Math.max(lastPlannedRow, row)
  let lastPlannedColumn = -1
  for (const column of plannedColumns) lastPlannedColumn = Math.max(lastPlannedColumn, column)
  for (const row of edits.cells.values())
    for (const column of row.keys()) lastPlannedColumn = Math.max(lastPlannedColumn, column)

  const inMerge = (row: number, column: number): boolean =>
    edits.merged.some(
      (range) =>
        row >= range.first.row &&
        row <= range.last.row &&
        column >= range.first.column &&
        column <= range.last.column,
    )

  const planned = (row: number, column: number): Planned => {
    const cell = edits.cells.get(row)?.get(column)
    if (cell !== undefined) return inMerge(row, column) ? KEEP : cell
    const plan = edits.columns.get(column)
    if (plan === undefined || row < plan.start) return KEEP
    const index = row - plan.start
    if (inMerge(row, column)) return KEEP
    if (index < plan.values.length) {
      const value = plan.values[index] ?? null
      return plan.style === undefined ? { value } : { value, style: plan.style }
    }
    return plan.clearBeyond ? { value: null } : KEEP
  }

  const writesWholeRange = (range: CellRange): boolean => {
    for (let row = range.first.row; row <= range.last.row; row++)
      for (let column = range.first.column; column <= range.last.column; column++)
        if (planned(row, column) === KEEP) return false
    return true
  }

  /** The columns written in a row, in order. */
  const columnsOf = (row: number): number[] => {
    const own = edits.cells.get(row)
    if (own === undefined) return plannedColumns
    return [...new Set([...plannedColumns, ...own.keys()])].sort((a, b) => a - b)
  }

  /** Shared formulas whose first cell the tool replaced, by `si`. */
  const orphans = new Map<string, { formula: string; row: number; column: number; range: CellRange }>()
  const columnStyles: (number | undefined)[] = []
  let pieces: string[] = []
  let pending = 0
  const emit = (text: string): void => {
    if (text.length === 0) return
    pieces.push(text)
    pending += text.length
  }
  const drainPieces = function* (): Generator<string[]> {
    if (pending < 256 * 1024) return
    yield pieces
    pieces = []
    pending = 0
  }

  const newRow = (row: number): void => {
    let cells = ''
    for (const column of columnsOf(row)) {
      const write = planned(row, column)
      if (write === KEEP || write.value === null || write.value === '') continue
      cells += cellXml(
        `${columnLetters(column)}${row}`,
        write.style ?? columnStyles[column],
        write.value,
        context,
      )
    }
    if (cells.length === 0) return
    const height = edits.rowHeights?.get(row)
    const size = height === undefined ? '' : ` ht="${height}" customHeight="1"`
    emit(`<${p}row r="${row}"${size}>${cells}</${p}row>`)
  }

  let previous = 0
  /** The text from </sheetData> on, and the gap before it: the rows the tool adds go first. */
  let after: { text: string; gap: string } | undefined
  const scanner = new SheetScanner(
    {
      before: (text) => {
        for (const match of text.matchAll(/<(?:[\w.-]+:)?col\s[^>]*>/g)) {
          const found = attributes(match[0])
          const style = found.get('style')
          if (style === undefined) continue
          const max = Math.min(Number(found.get('max')), 16384)
          for (let column = Number(found.get('min')); column <= max; column++)
            columnStyles[column - 1] = Number(style)
        }
        const sized = withWiderColumns(
          withWidths(withDimension(text, p, lastPlannedRow, lastPlannedColumn), p, edits.widths),
          p,
          edits.widerColumns,
        )
        emit(edits.printSetup === true ? withFitToPage(sized, p) : sized)
      },
      row: (text, gap) => {
        emit(gap)
        const row = rowNumberOf(text, previous)
        for (let between = previous + 1; between < row && between <= lastPlannedRow; between++)
          newRow(between)
        previous = Math.max(previous, row)
        const columns = columnsOf(row)
        const inOrphan =
          orphans.size > 0 &&
          [...orphans.values()].some(
            (orphan) => row >= orphan.range.first.row && row <= orphan.range.last.row,
          )
        if (!inOrphan && !columns.some((column) => planned(row, column) !== KEEP)) {
          emit(text)
          return
        }
        const existing: CellSpan[] = []
        const openEnd = scanCells(text, p, (span) => {
          existing.push(span)
        })
        const styleOf = (span: CellSpan): number | undefined => {
          const style = quickAttribute(text, 's', span.start, span.tagEnd)
          return style === undefined ? undefined : Number(style)
        }
        let changed = false
        /** A cell copied as it was, or with its own copy of a shared formula whose first cell the tool replaced. */
        const kept = (cell: (typeof existing)[number]): string => {
          const xml = text.slice(cell.start, cell.end)
          if (orphans.size === 0) return xml
          const shared = new RegExp(`<${p}f\\s[^>]*\\bt\\s*=\\s*"shared"[^>]*?(?:/>|>[^<]*</${p}f>)`).exec(
            xml,
          )
          const si = shared ? /\bsi\s*=\s*"(\d+)"/.exec(shared[0])?.[1] : undefined
          const orphan = si === undefined ? undefined : orphans.get(si)
          if (!shared || !orphan) return xml
          const formula = shiftFormula(orphan.formula, row - orphan.row, cell.column - orphan.column)
          return (
            xml.slice(0, shared.index) +
            `<${p}f>${escapeText(formula)}</${p}f>` +
            xml.slice(shared.index + shared[0].length)
          )
        }
        let open = text.slice(0, openEnd).replace(/\s+spans\s*=\s*"[^"]*"/, '')
        if (open.endsWith('/>')) open = `${open.slice(0, -2).trimEnd()}>`
        const rowStyle = /\scustomFormat\s*=\s*"(1|true)"/.test(open)
          ? quickAttribute(open, 's', 0, open.length)
          : undefined
        const closeAt = text.lastIndexOf(`</${p}row>`)
        const cellsEnd = existing.at(-1)?.end ?? openEnd
        const tail = closeAt >= cellsEnd ? text.slice(cellsEnd, closeAt) : ''
        let body = ''
        let next = 0
        for (const column of columns) {
          const write = planned(row, column)
          if (write === KEEP) continue
          while (next < existing.length && (existing[next]?.column ?? 0) < column) {
            const cell = existing[next] as (typeof existing)[number]
            const xml = kept(cell)
            if (orphans.size > 0 && xml !== text.slice(cell.start, cell.end)) changed = true
            body += xml
            next++
          }
          let style = rowStyle === undefined ? columnStyles[column] : Number(rowStyle)
          const current = existing[next]
          if (current !== undefined && current.column === column) {
            const old = text.slice(current.start, current.end)
            const hasFormula = findTag(old, `<${p}f`, 0) >= 0
            const currentStyle = styleOf(current)
            // The value the tool writes is already there, as it writes it (yesterday's run): the
            // cell stays exactly as it is, and a row with no other change is copied as it was.
            if (!hasFormula && (write.style === undefined || write.style === currentStyle)) {
              const xml = cellXml(`${columnLetters(column)}${row}`, currentStyle, write.value, context)
              if (xml === old || (xml === '' && /^<[^>]*\/>$/.test(old) && currentStyle === undefined)) {
                body += old
                next++
                continue
              }
            }
            if (hasFormula) {
              result.formulaReplaced = true
              const formula = old.slice(findTag(old, `<${p}f`, 0))
              // The first cell of a shared formula holds it for a whole range: the cells the tool
              // does not replace get their own copy of it (moved), as Excel reads them.
              const spread = /^<[^>]*\st\s*=\s*"(shared|array)"[^>]*\sref\s*=\s*"([^"]+)"/.exec(formula)
              const range = spread ? parseRange(spread[2] as string) : undefined
              if (spread && range && !writesWholeRange(range)) {
                // Part of an array formula cannot be changed, in Excel or here.
                if (spread[1] === 'array') throw new SharedFormulaError(`${columnLetters(column)}${row}`)
                const si = /\bsi\s*=\s*"(\d+)"/.exec(formula)?.[1]
                const shared = /^<[^>]*>([^<]*)</.exec(formula)?.[1]
                if (si !== undefined && shared !== undefined)
                  orphans.set(si, { formula: decodeXml(shared), row, column, range })
              }
            }
            style = currentStyle
            next++
          } else if (write.value === null || write.value === '') {
            continue
          }
          changed = true
          body += cellXml(`${columnLetters(column)}${row}`, write.style ?? style, write.value, context)
        }
        while (next < existing.length) {
          const cell = existing[next] as (typeof existing)[number]
          const xml = kept(cell)
          if (orphans.size > 0 && xml !== text.slice(cell.start, cell.end)) changed = true
          body += xml
          next++
        }
        if (edits.rowHeights?.has(row)) {
          const sized = withRowHeight(open, edits.rowHeights.get(row))
          if (sized !== open) changed = true
          open = sized
        }
        emit(changed ? `${open}${body}${tail}</${p}row>` : text)
      },
      after: (text, gap) => {
        after = { text, gap }
      },
    },
    p,
  )
  for (const chunk of chunks) {
    scanner.push(chunk)
    yield* drainPieces()
  }
  scanner.end()
  if (after === undefined) throw new Error('worksheet ended without its rows')
  // The rows the tool adds below the last one (a tool tab's, all of them) are yielded as they are
  // made, like the rows copied: held until the end, 74,000 rows of 提醒汇总 cost half a gigabyte.
  emit(after.gap)
  for (let row = previous + 1; row <= lastPlannedRow; row++) {
    newRow(row)
    yield* drainPieces()
  }
  emit(afterSheetData(after.text, p, edits))
  if (pieces.length > 0) yield pieces
}

/** The dimension grows to cover the cells the tool adds. */
function withDimension(text: string, p: string, lastRow: number, lastColumn: number): string {
  return text.replace(
    new RegExp(`<${p}dimension\\s+ref\\s*=\\s*"([^"]*)"\\s*/>`),
    (all, reference: string) => {
      const range = parseRange(reference)
      if (!range) return all
      const row = Math.max(range.last.row, lastRow)
      const column = Math.max(range.last.column, lastColumn)
      const first = `${columnLetters(range.first.column)}${range.first.row}`
      return `<${p}dimension ref="${first}:${columnLetters(column)}${row}"/>`
    },
  )
}

/** Widths for columns the tool added, where no <col> of the user's covers them. */
function withWidths(text: string, p: string, widths: SheetEdits['widths']): string {
  if (widths.size === 0) return text
  const covered = (column: number): boolean => {
    for (const match of text.matchAll(/<(?:[\w.-]+:)?col\s[^>]*>/g)) {
      const found = attributes(match[0])
      if (column + 1 >= Number(found.get('min')) && column + 1 <= Number(found.get('max'))) return true
    }
    return false
  }
  const added = [...widths]
    .filter(([column]) => !covered(column))
    .sort((a, b) => a[0] - b[0])
    .map(
      ([column, { width, style }]) =>
        `<${p}col min="${column + 1}" max="${column + 1}" width="${width}"${style === undefined ? '' : ` style="${style}"`} customWidth="1"/>`,
    )
  if (added.length === 0) return text
  const colsOpen = findTag(text, `<${p}cols`, 0)
  if (colsOpen >= 0) {
    // Keep <col> elements sorted by column: the new ones are right of every used column.
    const close = text.indexOf(`</${p}cols>`, colsOpen)
    return `${text.slice(0, close)}${added.join('')}${text.slice(close)}`
  }
  const sheetData = findTag(text, `<${p}sheetData`, 0)
  return `${text.slice(0, sheetData)}<${p}cols>${added.join('')}</${p}cols>${text.slice(sheetData)}`
}

/**
 * A tool tab's columns at least as wide as its values need: a <col> of exactly that column is
 * widened (a narrower width only is changed), a <col> spanning several columns is left alone, and a
 * column without one gets one.
 */
function withWiderColumns(text: string, p: string, widths: SheetEdits['widerColumns']): string {
  if (widths === undefined || widths.size === 0) return text
  const missing = new Map(widths)
  const updated = text.replace(/<(?:[\w.-]+:)?col\s[^>]*>/g, (tag) => {
    const found = attributes(tag)
    const min = Number(found.get('min'))
    const max = Number(found.get('max'))
    for (const column of widths.keys()) if (column + 1 >= min && column + 1 <= max) missing.delete(column)
    const width = min === max ? widths.get(min - 1) : undefined
    const current = Number(found.get('width') ?? 0)
    if (width === undefined || current >= width) return tag
    // Attribute values may be in single quotes as well as double (XML allows both).
    const wider = withAttribute(tag, 'width', String(width), 'last')
    if (/\scustomWidth\s*=\s*(["'])(1|true)\1/.test(wider)) return wider
    return withAttribute(withoutAttribute(wider, 'customWidth'), 'customWidth', '1', 'last')
  })
  return withWidths(updated, p, new Map([...missing].map(([column, width]) => [column, { width }])))
}

/** The text from </sheetData> on, with the tool's dropdowns, hyperlinks and filter. */
function afterSheetData(text: string, p: string, edits: SheetEdits): string {
  let out = text
  if (edits.filterTo !== undefined) out = widenFilter(out, p, edits.filterTo)
  if (edits.validations.length > 0)
    out = addToList(out, p, 'dataValidations', 'dataValidation', edits.validations, [])
  if (edits.hyperlinks.length > 0) {
    const replaced = new Set(edits.hyperlinks.map((link) => link.reference))
    out = addToList(
      out,
      p,
      'hyperlinks',
      'hyperlink',
      edits.hyperlinks.map((link) => link.xml),
      // The tool's cell gets the tool's link: an older link on that very cell goes.
      [...replaced],
    )
  }
  if (edits.legacyDrawing !== undefined) out = insertElement(out, p, 'legacyDrawing', edits.legacyDrawing)
  if (edits.printSetup === true) {
    out = replaceElement(out, p, 'pageSetup', pageSetupXml(p))
    out = replaceElement(out, p, 'headerFooter', headerFooterXml(p))
  }
  if (edits.rowColours !== undefined) {
    const colours = replaceToolRowColours(out, p, edits.rowColours)
    out =
      colours.xml === '' ? colours.text : insertElement(colours.text, p, 'conditionalFormatting', colours.xml)
  }
  return out
}

function widenFilter(
  text: string,
  p: string,
  filterTo: { lastHeaderColumn: number; column: number },
): string {
  return text.replace(new RegExp(`<${p}autoFilter\\s+ref\\s*=\\s*"([^"]*)"`), (all, reference: string) => {
    const range = parseRange(reference)
    if (range?.first.row !== 1 || range.last.column < filterTo.lastHeaderColumn) return all
    const first = `${columnLetters(range.first.column)}${range.first.row}`
    return all.replace(
      reference,
      `${first}:${columnLetters(Math.max(range.last.column, filterTo.column))}${range.last.row}`,
    )
  })
}

/**
 * Adds elements to a list element after <sheetData> (created in its place when missing), its count
 * updated. Elements whose `ref` is in `replacing` are taken out first.
 */
function addToList(
  text: string,
  p: string,
  list: string,
  item: string,
  elements: readonly string[],
  replacing: readonly string[],
): string {
  const start = findTag(text, `<${p}${list}`, 0)
  if (start >= 0) {
    const tagEnd = text.indexOf('>', start)
    const selfClosing = text.charCodeAt(tagEnd - 1) === 47
    const close = selfClosing ? tagEnd + 1 : text.indexOf(`</${p}${list}>`, tagEnd)
    let inner = selfClosing ? '' : text.slice(tagEnd + 1, close)
    for (const reference of replacing) {
      inner = inner.replace(
        new RegExp(`<${p}${item}\\s[^>]*\\bref\\s*=\\s*"${reference}"[^>]*?(?:/>|>[\\s\\S]*?</${p}${item}>)`),
        '',
      )
    }
    let open = text.slice(start, tagEnd + 1)
    if (selfClosing) open = `${open.slice(0, -2).trimEnd()}>`
    const count = (inner.match(new RegExp(`<${p}${item}[\\s/>]`, 'g'))?.length ?? 0) + elements.length
    if (hasAttribute(open, 'count')) open = withAttribute(open, 'count', String(count), 'last')
    const end = selfClosing ? tagEnd + 1 : close + `</${p}${list}>`.length
    return `${text.slice(0, start)}${open}${inner}${elements.join('')}</${p}${list}>${text.slice(end)}`
  }
  const count = list === 'dataValidations' ? ` count="${elements.length}"` : ''
  return insertElement(text, p, list, `<${p}${list}${count}>${elements.join('')}</${p}${list}>`)
}

/** Puts an element where the spec orders it: before the first element that must follow it. */
function insertElement(text: string, p: string, name: string, xml: string): string {
  let at = -1
  for (const later of AFTER_SHEET_DATA.slice(AFTER_SHEET_DATA.indexOf(name) + 1)) {
    at = findTag(text, `<${p}${later}`, 0)
    if (at >= 0) break
  }
  if (at < 0) at = text.lastIndexOf(`</${p}worksheet>`)
  return `${text.slice(0, at)}${xml}${text.slice(at)}`
}

/** A row's open tag with the height given, or with none of its own (undefined). */
function withRowHeight(open: string, height: number | undefined): string {
  const bare = withoutAttribute(withoutAttribute(open, 'ht'), 'customHeight')
  if (height === undefined) return bare
  return withAttribute(withAttribute(bare, 'ht', String(height), 'last'), 'customHeight', '1', 'last')
}

/** Puts an element in place of the one of that name, or where the spec orders it when there is none. */
function replaceElement(text: string, p: string, name: string, xml: string): string {
  const start = findTag(text, `<${p}${name}`, 0)
  if (start < 0) return insertElement(text, p, name, xml)
  const tagEnd = text.indexOf('>', start)
  const close = `</${p}${name}>`
  let end = tagEnd + 1
  if (text.charCodeAt(tagEnd - 1) !== 47) {
    const closeAt = text.indexOf(close, tagEnd)
    if (closeAt < 0) return text
    end = closeAt + close.length
  }
  return text.slice(0, start) + xml + text.slice(end)
}

/** Merged ranges of a worksheet, from the text after <sheetData>. */
export function mergedRanges(text: string): CellRange[] {
  const ranges: CellRange[] = []
  for (const match of text.matchAll(/<(?:[\w.-]+:)?mergeCell\s[^>]*ref\s*=\s*"([^"]+)"/g)) {
    const range = parseRange(match[1] as string)
    if (range) ranges.push(range)
  }
  return ranges
}

export { parseReference }
