/**
 * The bench's baseline: a bare streaming read of a workbook, as a typical streaming reader does it
 * and nothing more (no rules, no writing). The zip's central directory is read with node:fs, each
 * part is inflated with node:zlib as a stream straight from the file, and the XML is tokenized with
 * saxes: first the shared strings, then every worksheet, every cell's value collected into an array
 * of rows per sheet (shared strings resolved, numbers parsed) and kept until the end, so that the
 * peak memory includes what a reader holds. Run as its own process:
 *
 *   node build/bench/bare-read.mjs <workbook.xlsx>
 *
 * prints one JSON line: parts read, sheets, rows, cells, shared strings and the time it took.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import { SaxesParser } from 'saxes'

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly localHeaderOffset: number
}

const EOCD_SIGNATURE = 0x06054b50
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
const ZIP64_EOCD_SIGNATURE = 0x06064b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const ZIP64_EXTRA = 0x0001
const MAX_U16 = 0xffff
const MAX_U32 = 0xffffffff

/** The entries of the zip's central directory (zip64 included). */
async function zipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const tailLength = Math.min(size, 22 + MAX_U16 + 20)
    const tail = Buffer.alloc(tailLength)
    await handle.read(tail, 0, tailLength, size - tailLength)
    let eocd = -1
    for (let at = tailLength - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === EOCD_SIGNATURE) {
        eocd = at
        break
      }
    }
    if (eocd < 0) throw new Error(`${file}: no zip end of central directory`)
    let count = tail.readUInt16LE(eocd + 10)
    let directorySize = tail.readUInt32LE(eocd + 12)
    let directoryOffset = tail.readUInt32LE(eocd + 16)
    const locator = eocd - 20
    if (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
      const record = Buffer.alloc(56)
      await handle.read(record, 0, 56, Number(tail.readBigUInt64LE(locator + 8)))
      if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new Error(`${file}: bad zip64 record`)
      count = Number(record.readBigUInt64LE(32))
      directorySize = Number(record.readBigUInt64LE(40))
      directoryOffset = Number(record.readBigUInt64LE(48))
    }
    const directory = Buffer.alloc(directorySize)
    await handle.read(directory, 0, directorySize, directoryOffset)
    const entries: ZipEntry[] = []
    let at = 0
    for (let index = 0; index < count; index++) {
      if (directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`${file}: bad central directory`)
      const method = directory.readUInt16LE(at + 10)
      let compressedSize = directory.readUInt32LE(at + 20)
      let uncompressedSize = directory.readUInt32LE(at + 24)
      const nameLength = directory.readUInt16LE(at + 28)
      const extraLength = directory.readUInt16LE(at + 30)
      const commentLength = directory.readUInt16LE(at + 32)
      let localHeaderOffset = directory.readUInt32LE(at + 42)
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength)
      // Sizes and offsets too big for 32 bits are in the zip64 extra field, in this order.
      let extra = at + 46 + nameLength
      const extraEnd = extra + extraLength
      while (extra + 4 <= extraEnd) {
        const id = directory.readUInt16LE(extra)
        const length = directory.readUInt16LE(extra + 2)
        if (id === ZIP64_EXTRA) {
          let field = extra + 4
          if (uncompressedSize === MAX_U32) {
            uncompressedSize = Number(directory.readBigUInt64LE(field))
            field += 8
          }
          if (compressedSize === MAX_U32) {
            compressedSize = Number(directory.readBigUInt64LE(field))
            field += 8
          }
          if (localHeaderOffset === MAX_U32) localHeaderOffset = Number(directory.readBigUInt64LE(field))
        }
        extra += 4 + length
      }
      entries.push({ name, method, compressedSize, localHeaderOffset })
      at = extraEnd + commentLength
    }
    // Where each part's data starts: after its local header, whose name and extra field may differ.
    for (const entry of entries) {
      const header = Buffer.alloc(30)
      await handle.read(header, 0, 30, entry.localHeaderOffset)
      if (header.readUInt32LE(0) !== LOCAL_SIGNATURE)
        throw new Error(`${file}: bad local header of ${entry.name}`)
      const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
      Object.assign(entry, { localHeaderOffset: dataOffset })
    }
    return entries
  } finally {
    await handle.close()
  }
}

/** A part's XML as text chunks, inflated as it is read from the file. */
function partStream(file: string, entry: ZipEntry): Readable {
  const start = entry.localHeaderOffset
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 })
  if (entry.method === 0) return raw.setEncoding('utf8')
  if (entry.method !== 8) throw new Error(`${entry.name}: compression method ${entry.method}`)
  const inflated = raw.pipe(createInflateRaw())
  raw.on('error', (error) => inflated.destroy(error))
  return inflated.setEncoding('utf8')
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

async function tokenize(
  file: string,
  entry: ZipEntry,
  handlers: (parser: SaxesParser) => void,
): Promise<void> {
  const parser = new SaxesParser()
  handlers(parser)
  for await (const chunk of partStream(file, entry)) parser.write(chunk as string)
  parser.close()
}

async function sharedStrings(file: string, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = []
  if (entry === undefined) return strings
  let current: string[] = []
  let inText = false
  let phonetic = 0
  await tokenize(file, entry, (parser) => {
    parser.on('opentag', (tag) => {
      const name = localName(tag.name)
      if (name === 'si') current = []
      else if (name === 'rPh') phonetic += 1
      else if (name === 't' && phonetic === 0) inText = true
    })
    parser.on('text', (text) => {
      if (inText) current.push(text)
    })
    parser.on('closetag', (tag) => {
      const name = localName(tag.name)
      if (name === 't') inText = false
      else if (name === 'rPh') phonetic -= 1
      else if (name === 'si') strings.push(current.join(''))
    })
  })
  return strings
}

type CellValue = string | number | boolean | null

/** Column number (from 0) of a cell reference such as AB12. */
function columnIndex(reference: string): number {
  let column = 0
  for (let index = 0; index < reference.length; index++) {
    const code = reference.charCodeAt(index)
    if (code < 65 || code > 90) break
    column = column * 26 + code - 64
  }
  return column - 1
}

async function sheetRows(file: string, entry: ZipEntry, strings: readonly string[]): Promise<CellValue[][]> {
  const rows: CellValue[][] = []
  let row: CellValue[] = []
  let column = 0
  let type = 'n'
  let text: string[] = []
  let inValue = false
  await tokenize(file, entry, (parser) => {
    parser.on('opentag', (tag) => {
      switch (localName(tag.name)) {
        case 'row':
          row = []
          break
        case 'c': {
          const reference = tag.attributes.r
          column = typeof reference === 'string' ? columnIndex(reference) : row.length
          type = typeof tag.attributes.t === 'string' ? tag.attributes.t : 'n'
          text = []
          break
        }
        case 'v':
        case 't':
          inValue = true
          break
      }
    })
    parser.on('text', (chunk) => {
      if (inValue) text.push(chunk)
    })
    parser.on('closetag', (tag) => {
      switch (localName(tag.name)) {
        case 'v':
        case 't':
          inValue = false
          break
        case 'c':
          if (text.length > 0) row[column] = cellValue(type, text.join(''), strings)
          break
        case 'row':
          rows.push(row)
          break
      }
    })
  })
  return rows
}

function cellValue(type: string, text: string, strings: readonly string[]): CellValue {
  switch (type) {
    case 's':
      return strings[Number(text)] ?? null
    case 'b':
      return text === '1'
    case 'str':
    case 'inlineStr':
    case 'e':
      return text
    default:
      return Number(text)
  }
}

export interface BareReadFigures {
  readonly parts: number
  readonly sheets: number
  readonly rows: number
  readonly cells: number
  readonly sharedStrings: number
  readonly ms: number
}

export async function bareRead(file: string): Promise<BareReadFigures> {
  const started = performance.now()
  const entries = await zipEntries(file)
  const strings = await sharedStrings(
    file,
    entries.find((entry) => /^xl\/sharedStrings\.xml$/i.test(entry.name)),
  )
  const sheets: CellValue[][][] = []
  for (const entry of entries.filter((part) => /^xl\/worksheets\/[^/]+\.xml$/i.test(part.name))) {
    sheets.push(await sheetRows(file, entry, strings))
  }
  // Counted at the end, so that every sheet's values are still held when the peak is reached.
  let rows = 0
  let cells = 0
  for (const sheet of sheets) {
    rows += sheet.length
    for (const row of sheet) for (const value of row) if (value !== undefined) cells += 1
  }
  return {
    parts: sheets.length + (strings.length > 0 ? 1 : 0),
    sheets: sheets.length,
    rows,
    cells,
    sharedStrings: strings.length,
    ms: performance.now() - started,
  }
}

const file = process.argv[2]
if (file === undefined) {
  process.stderr.write('usage: node build/bench/bare-read.mjs <workbook.xlsx>\n')
  process.exitCode = 2
} else {
  process.stdout.write(`${JSON.stringify(await bareRead(file))}\n`)
}
