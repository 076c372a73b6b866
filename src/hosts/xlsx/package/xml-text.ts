/**
 * The little XML the package host needs, on text: decoding and escaping, the attributes of one tag,
 * the text of a rich-text run list, A1 references. Nothing here resolves an entity other than the
 * five predefined ones and character references, so a DOCTYPE with external entities (XXE) in a
 * user's file is inert text to it.
 */

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (_, entity: string) => {
    if (entity.startsWith('#')) {
      const code =
        entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return NAMED[entity] ?? ''
  })
}

// Characters XML 1.0 does not allow at all, even escaped: control characters and unpaired surrogates.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters XML cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML cannot hold, to find
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

/** Text content, escaped; characters XML cannot hold are dropped. */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  return text
    .replace(NOT_XML, '')
    .replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'))
}

/** An attribute value in double quotes, escaped (line breaks kept as character references). */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}

const ATTRIBUTE = /([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

/** The attributes of one open tag's text, decoded, by qualified name. */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>()
  ATTRIBUTE.lastIndex = 0
  for (let match = ATTRIBUTE.exec(tag); match !== null; match = ATTRIBUTE.exec(tag)) {
    found.set(match[1] as string, decodeXml(match[2] ?? match[3] ?? ''))
  }
  return found
}

/**
 * The patterns of the attribute helpers, one per attribute name (the names are the tool's own): a
 * tool tab's rewrite sets a row's height for every row it writes.
 */
const attributePatterns = new Map<string, RegExp>()
const attributeRuns = new Map<string, RegExp>()

/** ` name="…"` or ` name='…'` in a start tag, with the one space before it. */
function attributeIn(name: string): RegExp {
  let pattern = attributePatterns.get(name)
  if (pattern === undefined) {
    pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`)
    attributePatterns.set(name, pattern)
  }
  return pattern
}

/** Whether a start tag has attribute `name` (quoted either way). */
export function hasAttribute(tag: string, name: string): boolean {
  return attributeIn(name).test(tag)
}

/**
 * A start tag with attribute `name` set to `value` (already escaped), every other byte of the tag
 * as it was: where the tag has the attribute, its value is replaced in place (in double quotes);
 * else the attribute is added right after the element name ('first') or after the last attribute
 * ('last': before any space and the `>` or `/>` that end the tag).
 */
export function withAttribute(tag: string, name: string, value: string, where: 'first' | 'last'): string {
  const attribute = ` ${name}="${value}"`
  const existing = attributeIn(name)
  if (existing.test(tag)) return tag.replace(existing, () => attribute)
  return where === 'first'
    ? tag.replace(/^<[\w.:-]+/, (open) => open + attribute)
    : tag.replace(/\s*\/?>$/, (end) => attribute + end)
}

/** A start tag without attribute `name`, the spaces before it taken out with it. */
export function withoutAttribute(tag: string, name: string): string {
  let pattern = attributeRuns.get(name)
  if (pattern === undefined) {
    pattern = new RegExp(`\\s+${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`, 'g')
    attributeRuns.set(name, pattern)
  }
  return tag.replace(pattern, '')
}

/**
 * The index just past the first of `names` (tried in that order) that `text` holds, as its close tag
 * or as an empty element; -1 when it holds none of them. An element the schema orders after those
 * goes there (calcPr and definedNames in CT_Workbook).
 */
export function endOfFirst(text: string, p: string, names: readonly string[]): number {
  for (const name of names) {
    const close = text.indexOf(`</${p}${name}>`)
    if (close >= 0) return close + `</${p}${name}>`.length
    const empty = new RegExp(`<${p}${name}\\s*/>`).exec(text)
    if (empty) return empty.index + empty[0].length
  }
  return -1
}

/** An attribute by local name, whatever its prefix (r:id, or id with another prefix). */
export function attributeByLocalName(found: ReadonlyMap<string, string>, local: string): string | undefined {
  for (const [name, value] of found) {
    const colon = name.indexOf(':')
    if ((colon < 0 ? name : name.slice(colon + 1)) === local && name !== 'xmlns') return value
  }
  return undefined
}

/** The prefix (with its colon, or '') of the root element of a part: `x:` in `<x:worksheet …>`. */
export function rootPrefix(text: string, localName: string): string {
  const match = new RegExp(`<([A-Za-z_][-\\w.]*:)?${localName}[\\s>/]`).exec(text)
  return match?.[1] ?? ''
}

/** The prefix bound to a namespace URI in a tag's declarations, or undefined. */
export function prefixFor(tag: string, namespace: string): string | undefined {
  for (const [name, value] of attributes(tag)) {
    if (value !== namespace) continue
    if (name === 'xmlns') return ''
    if (name.startsWith('xmlns:')) return `${name.slice(6)}:`
  }
  return undefined
}

// Cell references are the core's (src/core/a1.ts); the package modules name them as they did.
export {
  type CellRange,
  columnLetter as columnLetters,
  parseCellReference as parseReference,
  parseRange,
} from '../../../core/a1'

/**
 * The text of the <t> elements of an <si> or <is> (rich-text runs joined), leaving out phonetic
 * runs (<rPh>), which Excel does not show in the cell. `p` is the element prefix.
 */
export function runText(content: string, p = ''): string {
  let body = content
  if (body.includes(`<${p}rPh`))
    body = body.replace(new RegExp(`<${p}rPh[\\s>][\\s\\S]*?</${p}rPh>`, 'g'), '')
  const open = `<${p}t`
  const close = `</${p}t>`
  let text = ''
  let position = 0
  for (;;) {
    const start = body.indexOf(open, position)
    if (start < 0) break
    const next = body.charCodeAt(start + open.length)
    // <t>, <t xml:space=…>, <t/>; not <tabColor> or the like.
    if (next !== 62 && next !== 32 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      position = start + open.length
      continue
    }
    const tagEnd = body.indexOf('>', start)
    if (tagEnd < 0) break
    if (body.charCodeAt(tagEnd - 1) === 47) {
      position = tagEnd + 1
      continue
    }
    const end = body.indexOf(close, tagEnd)
    if (end < 0) break
    text += body.slice(tagEnd + 1, end)
    position = end + close.length
  }
  return decodeXml(text)
}
