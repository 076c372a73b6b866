/**
 * A worksheet part as three pieces: the text before the rows (up to and including <sheetData>), one
 * <row> element at a time, and the text from </sheetData> on. Text arrives in chunks (a row may
 * straddle two); nothing is kept but the row at hand, so a sheet of a million rows is scanned in the
 * memory of one row. Element names carry the part's namespace prefix (`x:row`) when it has one.
 *
 * Hand-written rather than a general XML tokenizer: the rows are the hot path of every run (about
 * twice as fast as saxes on the same sheet), and the format inside <sheetData> is fixed by the spec.
 */
import { ZipFormatError } from './zip-archive'

/** A single row (or the text before the rows) larger than this is not a ledger: refuse it. */
export const MAX_ELEMENT_CHARS = 64 * 1024 * 1024
/** An unfinished element this large is scanned again only when it has doubled (holdsBack). */
const DEFER_FROM_CHARS = 1 << 20

/**
 * Whether a chunk of `chunkChars` waits with the `heldChars` held back behind an unfinished element
 * of `pendingChars`. Each scan of an unfinished element joins it whole again; for an element much
 * larger than a chunk (a hostile file's, up to the limit) that is quadratic. Past a megabyte it is
 * scanned again only once it has doubled, never past the limit.
 */
export function holdsBack(pendingChars: number, heldChars: number, chunkChars: number): boolean {
  return (
    pendingChars >= DEFER_FROM_CHARS &&
    pendingChars + heldChars + chunkChars <= MAX_ELEMENT_CHARS &&
    heldChars + chunkChars < pendingChars
  )
}

export interface SheetHandlers {
  /** Everything before the first row, the <sheetData> open tag included (`<sheetData>` when it was empty). */
  before(text: string): void
  /** One <row> element, whole; `gap` is the text since the previous row (whitespace, as a rule). */
  row(text: string, gap: string): void
  /** From </sheetData> (inclusive) to the end of the part; `gap` is the text after the last row. */
  after(text: string, gap: string): void
}

export class SheetScanner {
  private pending = ''
  private phase: 'before' | 'rows' | 'after' = 'before'
  private afterText = ''
  private stopped = false
  private readonly openRow: string
  private readonly closeRow: string
  private readonly closeSheetData: string
  private readonly openSheetData: string

  constructor(
    private readonly handlers: SheetHandlers,
    prefix = '',
  ) {
    this.openRow = `<${prefix}row`
    this.closeRow = `</${prefix}row>`
    this.openSheetData = `<${prefix}sheetData`
    this.closeSheetData = `</${prefix}sheetData>`
  }

  /** Stops at once: what follows is not wanted (a header-only read). */
  stop(): void {
    this.stopped = true
    this.pending = ''
  }

  get isStopped(): boolean {
    return this.stopped
  }

  push(text: string): void {
    if (this.stopped) return
    if (this.phase === 'after') {
      this.afterText += text
      return
    }
    if (this.deferring(text)) return
    this.deferred.push(text)
    this.scanDeferred()
  }

  /** Scans on with the chunks held back. */
  private scanDeferred(): void {
    const added = this.deferred.length === 1 ? (this.deferred[0] as string) : this.deferred.join('')
    this.deferred = []
    this.deferredChars = 0
    this.pending = this.pending.length === 0 ? added : this.pending + added
    this.drain()
    if (this.pending.length > MAX_ELEMENT_CHARS)
      throw new ZipFormatError('worksheet element too large', 'too-large')
  }

  /** Chunks held back while one unfinished element is large (see `deferring`). */
  private deferred: string[] = []
  private deferredChars = 0

  /** Whether `text` waits with the chunks held back (holdsBack). */
  private deferring(text: string): boolean {
    if (!holdsBack(this.pending.length, this.deferredChars, text.length)) return false
    this.deferred.push(text)
    this.deferredChars += text.length
    return true
  }

  end(): void {
    if (this.stopped) return
    if (this.deferred.length > 0) this.scanDeferred()
    if (this.phase === 'before') throw new ZipFormatError('工作表里没有单元格区（sheetData）')
    if (this.phase === 'rows') throw new ZipFormatError('工作表的内容不完整（在单元格区中途结束）')
    this.handlers.after(this.afterText, this.gap)
  }

  private gap = ''

  private drain(): void {
    let text = this.pending
    if (this.phase === 'before') {
      const start = findTag(text, this.openSheetData, 0)
      if (start < 0) return
      const tagEnd = text.indexOf('>', start)
      if (tagEnd < 0) return
      const selfClosing = text.charCodeAt(tagEnd - 1) === 47
      if (selfClosing) {
        const open = `${text.slice(start, tagEnd - 1).trimEnd()}>`
        this.handlers.before(text.slice(0, start) + open)
        this.phase = 'after'
        this.gap = ''
        // The rows part was empty: the close tag is the tool's to write.
        this.afterText = this.closeSheetData + text.slice(tagEnd + 1)
        this.pending = ''
        return
      }
      this.handlers.before(text.slice(0, tagEnd + 1))
      text = text.slice(tagEnd + 1)
      this.phase = 'rows'
    }
    let position = 0
    let gapStart = 0
    const length = text.length
    while (position < length && !this.stopped) {
      const lt = text.indexOf('<', position)
      if (lt < 0) break
      if (text.startsWith(this.openRow, lt) && isNameEnd(text.charCodeAt(lt + this.openRow.length))) {
        const tagEnd = text.indexOf('>', lt)
        if (tagEnd < 0) break
        let end: number
        if (text.charCodeAt(tagEnd - 1) === 47) end = tagEnd + 1
        else {
          const close = text.indexOf(this.closeRow, tagEnd)
          if (close < 0) break
          end = close + this.closeRow.length
        }
        this.handlers.row(text.slice(lt, end), this.gap + text.slice(gapStart, lt))
        this.gap = ''
        position = end
        gapStart = end
        continue
      }
      if (text.startsWith(this.closeSheetData, lt)) {
        const gap = this.gap + text.slice(gapStart, lt)
        this.phase = 'after'
        this.gap = gap
        this.afterText = text.slice(lt)
        this.pending = ''
        return
      }
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt)
        if (close < 0) break
        position = close + 3
        continue
      }
      if (length - lt < this.closeSheetData.length + 1) break // perhaps a split tag
      // Anything else between rows is kept as it is, with the gap before the next row.
      const tagEnd = text.indexOf('>', lt)
      if (tagEnd < 0) break
      position = tagEnd + 1
    }
    if (this.stopped) return
    this.gap += text.slice(gapStart, position)
    this.pending = text.slice(position)
  }
}

function isNameEnd(code: number): boolean {
  // space, tab, newline, carriage return, '>' or '/'
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 62 || code === 47
}

/** The index of an open tag `<name` (not `<nameLonger`) at or after `from`, or -1. */
export function findTag(text: string, open: string, from: number): number {
  let position = from
  for (;;) {
    const index = text.indexOf(open, position)
    if (index < 0) return -1
    if (isNameEnd(text.charCodeAt(index + open.length))) return index
    position = index + open.length
  }
}

export interface CellSpan {
  /** 0-based column. */
  readonly column: number
  readonly start: number
  readonly end: number
  /** Just past the open tag. */
  readonly tagEnd: number
  readonly selfClosing: boolean
}

/**
 * The <c> elements of a row's text in order. Cells without an `r` attribute follow the one before
 * (the spec allows leaving it out). Returns the index just past the row's open tag.
 */
export function scanCells(rowText: string, prefix: string, cell: (span: CellSpan) => void): number {
  const openEnd = rowText.indexOf('>') + 1
  if (rowText.charCodeAt(openEnd - 2) === 47) return openEnd
  const open = `<${prefix}c`
  const close = `</${prefix}c>`
  let position = openEnd
  let column = -1
  for (;;) {
    const start = findTag(rowText, open, position)
    if (start < 0) break
    const tagEnd = rowText.indexOf('>', start)
    if (tagEnd < 0) break
    const selfClosing = rowText.charCodeAt(tagEnd - 1) === 47
    let end = tagEnd + 1
    if (!selfClosing) {
      const closeAt = rowText.indexOf(close, tagEnd)
      end = closeAt < 0 ? rowText.length : closeAt + close.length
    }
    // The column straight from the text of the usual ` r="…"`, without a string for it.
    const quick = attributeValueStart(rowText, 'r', start, tagEnd)
    if (quick >= 0) {
      const close = rowText.indexOf('"', quick)
      // As quickAttribute's slice(quick, close) reads it, an unclosed value included.
      column = columnAt(rowText, quick, close < 0 ? rowText.length - 1 : close)
    } else {
      const reference = quickAttribute(rowText, 'r', start, tagEnd)
      column = reference === undefined ? column + 1 : columnOfReference(reference)
    }
    cell({ column, start, end, tagEnd: tagEnd + 1, selfClosing })
    position = end
  }
  return openEnd
}

/**
 * The column of a cell's `r`: core/a1's parseCellReference without the row and the object it
 * returns, since this runs for every cell of every row scanned.
 */
function columnOfReference(reference: string): number {
  return columnAt(reference, 0, reference.length)
}

/** columnOfReference of the reference text[from, to). */
function columnAt(text: string, from: number, to: number): number {
  let column = 0
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index)
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64)
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96)
    else if (code !== 36) break
  }
  return column - 1
}

/**
 * The value of attribute `name` in the open tag text[from, to), or undefined. Fast for the usual
 * ` name="…"`; any other spelling (single quotes, spaces around =) takes the general parse.
 */
export function quickAttribute(text: string, name: string, from: number, to: number): string | undefined {
  // The first ` name="` starting in [from, to), looked for by hand: an open tag is a few dozen
  // characters, and indexOf would search on past it, through the rest of the row, for a cell
  // without the attribute (this runs three times for every cell read).
  const valueStart = attributeValueStart(text, name, from, to)
  if (valueStart >= 0) return text.slice(valueStart, text.indexOf('"', valueStart))
  const tag = text.slice(from, to)
  if (!tag.includes(name)) return undefined
  const match = generalAttribute(name).exec(tag)
  return match ? (match[1] ?? match[2]) : undefined
}

/** Where the value of the first ` name="` starting in text[from, to) begins, or -1. */
function attributeValueStart(text: string, name: string, from: number, to: number): number {
  const first = name.charCodeAt(0)
  const length = name.length
  for (let at = from; at < to; at++) {
    if (text.charCodeAt(at) !== 32 || text.charCodeAt(at + 1) !== first) continue
    if (text.charCodeAt(at + length + 1) !== 61 || text.charCodeAt(at + length + 2) !== 34) continue // ="
    if (length > 1 && !text.startsWith(name, at + 1)) continue
    return at + length + 3
  }
  return -1
}

const generalAttributes = new Map<string, RegExp>()

/** Any spelling of attribute `name` (single quotes, spaces around =), one pattern per name. */
function generalAttribute(name: string): RegExp {
  let pattern = generalAttributes.get(name)
  if (pattern === undefined) {
    pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    generalAttributes.set(name, pattern)
  }
  return pattern
}

/** The number in a row's `r` attribute, or the row after the previous one when it has none. */
export function rowNumberOf(rowText: string, previous: number): number {
  const tagEnd = rowText.indexOf('>')
  const reference = quickAttribute(rowText, 'r', 0, tagEnd)
  const row = reference === undefined ? previous + 1 : Number(reference)
  return Number.isInteger(row) && row > 0 ? row : previous + 1
}
