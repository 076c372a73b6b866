/**
 * The parts of a package as the host sees them: the zip as it was, the parts the tool wrote or
 * rewrote (`written`), the ones it dropped (`removed`), their text (UTF-8, or UTF-16 where a
 * producer chose it), and the package's own lists — relationships and content types — to which the
 * tool only ever adds. Part names are case-insensitive, as OPC has them.
 */

import { TRANSITIONAL } from './new-sheet'
import { packageErrorOf } from './package-error'
import { MINIMAL_STYLES } from './styles'
import { attributes, escapeAttribute, rootPrefix } from './xml-text'
import { entryHead, inflateEntry, type ZipArchive, ZipFormatError } from './zip-archive'

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
}
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

export interface Relationship {
  readonly id: string
  readonly type: string
  readonly target: string
  readonly external: boolean
}

/** See PackageParts.chunks. */
const CHUNK_CHARS = 1 << 16

export class PackageParts {
  /** Parts the tool wrote whole (new ones, or the package parts it adds entries to). */
  readonly written = new Map<string, string>()
  readonly removed = new Set<string>()

  constructor(
    readonly archive: ZipArchive | undefined,
    parts: ReadonlyMap<string, string>,
    private readonly maxPartBytes: number,
  ) {
    for (const [name, text] of parts) this.written.set(name, text)
  }

  private vmlBlocks: number[] | undefined

  has(name: string): boolean {
    const part = this.canonical(name)
    return this.written.has(part) || this.archive?.byName.has(part) === true
  }

  private lowerCaseNames: Map<string, string> | undefined

  /** Part names are case-insensitive (OPC): Sheet1.xml's relationships may be in sheet1.xml.rels. */
  canonical(name: string): string {
    if (this.written.has(name) || this.archive?.byName.has(name)) return name
    if (!this.lowerCaseNames) {
      this.lowerCaseNames = new Map()
      for (const entry of this.archive?.entries ?? [])
        this.lowerCaseNames.set(entry.name.toLowerCase(), entry.name)
    }
    return this.lowerCaseNames.get(name.toLowerCase()) ?? name
  }

  bytes(name: string): Buffer | undefined {
    const entry = this.archive?.byName.get(this.canonical(name))
    if (!entry) return undefined
    try {
      return inflateEntry(this.archive as ZipArchive, entry, this.maxPartBytes)
    } catch (error) {
      throw error instanceof ZipFormatError ? packageErrorOf(error, name) : error
    }
  }

  /** A whole part as text (the small package parts). */
  text(name: string): string | undefined {
    const written = this.written.get(this.canonical(name))
    if (written !== undefined) return written
    const bytes = this.bytes(name)
    return bytes === undefined ? undefined : decodePart(bytes)
  }

  /** The first few kilobytes of a part: enough for its root element. */
  head(name: string): string {
    const part = this.canonical(name)
    const written = this.written.get(part)
    if (written !== undefined) return written.slice(0, 4096)
    const entry = this.archive?.byName.get(part)
    if (!entry) return ''
    const head = entryHead(this.archive as ZipArchive, entry, 4096)
    const utf16 = head.length >= 2 && (head[0] === 0 || head[1] === 0 || head[0] === 0xfe || head[0] === 0xff)
    return utf16 ? decodePart(head.subarray(0, head.length - (head.length % 2))) : head.toString('utf8')
  }

  /**
   * A part's text in chunks of about `size` characters (a large worksheet is never one string).
   * 64 KiB: a chunk (and the row text cut from it) stays a young-generation string that the next
   * scavenge frees; megabyte chunks are large objects, freed only by a full collection (the second
   * check of a 50,000-row ledger, reading a 48 MB 提醒汇总, peaked some 90 MB higher with them).
   */
  *chunks(name: string, size = CHUNK_CHARS): Generator<string> {
    const written = this.written.get(this.canonical(name))
    if (written !== undefined) {
      for (let at = 0; at < written.length; at += size) yield written.slice(at, at + size)
      return
    }
    const bytes = this.bytes(name)
    if (bytes === undefined) return
    // UTF-16 (with or without a byte order mark: a zero byte in the first two) is decoded whole.
    const utf16 =
      bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0 || bytes[0] === 0xff || bytes[0] === 0xfe)
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

  relationships(part: string): Relationship[] {
    const text = this.text(part)
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

  addRelationship(relsPart: string, type: string, target: string, external = false): string {
    const text =
      this.text(relsPart) ??
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

  addOverride(partName: string, contentType: string): void {
    this.addContentType(
      `<Override PartName="${escapeAttribute(partName)}" ContentType="${contentType}"/>`,
      (text) => new RegExp(`PartName\\s*=\\s*"${escapeRegExp(partName)}"`, 'i').test(text),
    )
  }

  addDefault(extension: string, contentType: string): void {
    this.addContentType(`<Default Extension="${extension}" ContentType="${contentType}"/>`, (text) =>
      new RegExp(`Extension\\s*=\\s*"${extension}"`, 'i').test(text),
    )
  }

  private addContentType(element: string, present: (text: string) => boolean): void {
    const text = this.text('[Content_Types].xml') as string
    if (present(text)) return
    const p = rootPrefix(text, 'Types')
    const close = text.lastIndexOf(`</${p}Types>`)
    this.written.set(
      '[Content_Types].xml',
      text.slice(0, close) + element.replace(/^<(\w+)/, `<${p}$1`) + text.slice(close),
    )
  }

  unusedNumber(name: (n: number) => string): number {
    let n = 1
    while (this.has(name(n)) || this.has(relationshipsPartOf(name(n)))) n++
    return n
  }

  /** A block of VML shape ids no other drawing of the workbook uses. */
  unusedVmlBlock(): number {
    if (!this.vmlBlocks) {
      this.vmlBlocks = []
      for (const entry of this.archive?.entries ?? []) {
        if (!entry.name.toLowerCase().endsWith('.vml')) continue
        const text = this.text(entry.name) ?? ''
        for (const match of text.matchAll(/idmap[^>]*\sdata\s*=\s*"([^"]*)"/g))
          for (const value of (match[1] ?? '').split(',')) this.vmlBlocks.push(Number(value) || 0)
      }
    }
    const block = Math.max(0, ...this.vmlBlocks) + 1
    this.vmlBlocks.push(block)
    return block
  }
}

/** A part's text: UTF-8 as a rule, UTF-16 (either byte order, with or without a BOM) where a producer chose it. */
export function decodePart(bytes: Buffer): string {
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
export function asUtf8(text: string): string {
  return text.replace(/^(<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])/, '$1UTF-8$2')
}

export function folderOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return slash < 0 ? '' : part.slice(0, slash + 1)
}

export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

/** A relationship target as a part name: relative to the source part's folder, or absolute. */
export function resolveTarget(folder: string, target: string): string {
  const decoded = decodeURIComponentSafe(target.replace(/\\/g, '/'))
  const path = decoded.startsWith('/') ? decoded.slice(1) : folder + decoded
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

/** A part's name as a relationship target from another part: relative, as Excel writes them. */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = folderOf(fromPart)
    .split('/')
    .filter((part) => part !== '')
  const to = toPart.split('/')
  let shared = 0
  while (shared < from.length && shared < to.length - 1 && from[shared] === to[shared]) shared++
  return [...from.slice(shared).map(() => '..'), ...to.slice(shared)].join('/')
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The parts of a new, empty workbook. */
export function blankParts(): Map<string, string> {
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
