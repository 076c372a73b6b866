/**
 * XML as a flat list of tokens (start tag, end tag, text) for comparing two versions of a part by
 * meaning rather than by bytes: attribute order, quoting, entity spelling, CDATA vs text and
 * `<a/>` vs `<a></a>` do not matter; names (with their prefixes), attribute values, text and the
 * order of elements do. Built on saxes, which is strict: a part that is not well-formed throws.
 */
import { SaxesParser } from 'saxes'

export type XmlToken =
  | { readonly kind: 'open'; readonly name: string; readonly attributes: ReadonlyMap<string, string> }
  | { readonly kind: 'close'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string }

export interface TokenizeOptions {
  /** Drop text that is only whitespace (indentation between elements of a package part). */
  readonly dropWhitespace?: boolean
}

/** Decodes a part's bytes: UTF-8 unless it starts with a UTF-16 byte-order mark. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  // UTF-16 without a byte order mark: '<' is 00 3C (big-endian) or 3C 00 (little-endian).
  if (bytes[0] === 0 && bytes[1] !== 0) return new TextDecoder('utf-16be').decode(bytes)
  if (bytes[0] !== 0 && bytes[1] === 0) return new TextDecoder('utf-16le').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

export function tokenize(xml: string, options: TokenizeOptions = {}): XmlToken[] {
  const tokens: XmlToken[] = []
  let text = ''
  const flush = (): void => {
    if (text === '') return
    if (!(options.dropWhitespace && /^[ \t\r\n]*$/.test(text))) tokens.push({ kind: 'text', text })
    text = ''
  }
  const parser = new SaxesParser({ xmlns: false, position: false })
  parser.on('text', (chunk) => {
    text += chunk
  })
  parser.on('cdata', (chunk) => {
    text += chunk
  })
  parser.on('opentag', (tag) => {
    flush()
    tokens.push({ kind: 'open', name: tag.name, attributes: new Map(Object.entries(tag.attributes)) })
  })
  parser.on('closetag', (tag) => {
    flush()
    tokens.push({ kind: 'close', name: tag.name })
  })
  parser.on('error', (error) => {
    // An entity declared in a DOCTYPE (XXE in a hostile file) is not expanded by any reader worth
    // the name; both sides of a comparison leave it out alike.
    if (/undefined entity/.test(error.message)) return
    throw error
  })
  parser.write(xml.replace(/^\uFEFF/, '')).close()
  flush()
  return tokens
}

/** The local part of a qualified name: `x:row` → `row`. */
export function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** A short XML-like rendering of a token, for messages. */
export function showToken(token: XmlToken | undefined): string {
  if (!token) return '(end of part)'
  if (token.kind === 'close') return `</${token.name}>`
  if (token.kind === 'text')
    return JSON.stringify(token.text.length > 60 ? `${token.text.slice(0, 60)}…` : token.text)
  const attributes = [...token.attributes].map(([name, value]) => ` ${name}="${value}"`).join('')
  const shown = `<${token.name}${attributes}>`
  return shown.length > 160 ? `${shown.slice(0, 160)}…>` : shown
}

export function sameToken(a: XmlToken, b: XmlToken, ignoredAttributes?: ReadonlySet<string>): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'text') return a.text === (b as typeof a).text
  if (a.name !== (b as typeof a).name) return false
  if (a.kind === 'close') return true
  const other = (b as typeof a).attributes
  const keys = new Set([...a.attributes.keys(), ...other.keys()])
  for (const key of keys) {
    if (ignoredAttributes?.has(key)) continue
    if (a.attributes.get(key) !== other.get(key)) return false
  }
  return true
}

/** The index just past the element that opens at `start` (its matching end tag). */
export function elementEnd(tokens: readonly XmlToken[], start: number): number {
  let depth = 0
  for (let at = start; at < tokens.length; at++) {
    const token = tokens[at] as XmlToken
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') {
      depth--
      if (depth === 0) return at + 1
    }
  }
  return tokens.length
}

/** The text of an element's content (all text tokens inside it). */
export function textOf(tokens: readonly XmlToken[], start: number, end: number): string {
  let text = ''
  for (let at = start; at < end; at++) {
    const token = tokens[at] as XmlToken
    if (token.kind === 'text') text += token.text
  }
  return text
}
