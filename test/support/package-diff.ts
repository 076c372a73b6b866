/**
 * What a run of the tool lost from a workbook: compares the original .xlsx package with the one the
 * tool wrote, part by part, and lists every difference the tool is not allowed to make (issue 8):
 *
 * - every part of the original must be in the result, byte-identical after decompression, except
 *   the parts below;
 * - `[Content_Types].xml`, the workbook's relationships, `workbook.xml`, `styles.xml` and
 *   `sharedStrings.xml`: the original must come back from the result by taking out whole inserted
 *   elements (new <Override>/<Default>, <Relationship>, <sheet> at the end of <sheets>, a new
 *   <definedName>, <calcPr>; font/fill/border/numFmt/xf/dxf and shared strings appended at the end of
 *   their lists) and restoring `count`/`uniqueCount`; `fullCalcOnLoad="1"` may be added to <calcPr>;
 * - `calcChain.xml` may be dropped, or lose whole <c> entries;
 * - the worksheet of a tool tab (TEMPLATES kind 'tool') is wholly the tool's, with its relationships;
 * - the worksheet of a ledger or settings tab keeps everything outside <sheetData> except
 *   <dimension> and the tool's own row colours (expression rules with the formulas of
 *   src/core/row-colours.ts, which each run replaces), every row's attributes except `spans`, and every cell outside the owned columns
 *   (found by their header in row 1) as it was;
 * - parts the original did not have are the tool's.
 *
 * Namespace prefixes (`<x:row>`) are handled: elements are found by their local name.
 */
import * as path from 'node:path/posix'
import { TEMPLATES } from '../../src/app/tabs'
import { isToolRowColour } from '../../src/core/row-colours'
import type { TabTemplate } from '../../src/core/template'
import {
  decodeXml,
  elementEnd,
  localName,
  sameToken,
  showToken,
  textOf,
  tokenize,
  type XmlToken,
} from './xml-tokens'
import { readZip, type ZipPart } from './zip-parts'

export interface PackageDiffOptions {
  /** The tabs the tool knows (default: every template of src/app/tabs.ts). */
  readonly templates?: readonly TabTemplate[]
  /** At most this many losses per part (default 5). */
  readonly perPart?: number
}

/** Where an inserted element may stand: anywhere among its siblings, or only after the last of them. */
type Placement = 'anywhere' | 'end'

export interface RecoverySpec {
  /** Local names of elements the tool may insert. */
  readonly insertable: ReadonlyMap<string, Placement>
  /** Attributes whose value may differ (counts the tool updates). */
  readonly restorable?: ReadonlySet<string>
  /** Attributes the tool may add to an element (by local name), with the value it must have. */
  readonly addable?: ReadonlyMap<string, ReadonlyMap<string, string>>
}

const CONTENT_TYPES: RecoverySpec = {
  insertable: new Map([
    ['Override', 'anywhere'],
    ['Default', 'anywhere'],
  ]),
}
const RELATIONSHIPS: RecoverySpec = { insertable: new Map([['Relationship', 'anywhere']]) }
const WORKBOOK: RecoverySpec = {
  insertable: new Map<string, Placement>([
    ['sheet', 'end'],
    // A new tab's autofilter needs its _xlnm._FilterDatabase name.
    ['definedNames', 'anywhere'],
    ['definedName', 'anywhere'],
    ['calcPr', 'anywhere'],
  ]),
  addable: new Map([['calcPr', new Map([['fullCalcOnLoad', '1']])]]),
}
const STYLES: RecoverySpec = {
  insertable: new Map<string, Placement>([
    ['numFmts', 'anywhere'],
    ['fonts', 'anywhere'],
    ['fills', 'anywhere'],
    ['borders', 'anywhere'],
    ['cellStyleXfs', 'anywhere'],
    ['cellXfs', 'anywhere'],
    ['dxfs', 'anywhere'],
    ['numFmt', 'end'],
    ['font', 'end'],
    ['fill', 'end'],
    ['border', 'end'],
    ['xf', 'end'],
    ['dxf', 'end'],
  ]),
  restorable: new Set(['count']),
}
const SHARED_STRINGS: RecoverySpec = {
  insertable: new Map([['si', 'end']]),
  restorable: new Set(['count', 'uniqueCount']),
}
/**
 * Outside <sheetData> of an existing ledger tab: what `init` adds for the headers it appends (their
 * widths, their dropdowns, the drawing of their notes) and what `letter` adds (its link).
 */
const LEDGER_OUTSIDE: RecoverySpec = {
  insertable: new Map<string, Placement>([
    ['cols', 'anywhere'],
    ['col', 'end'],
    ['dataValidations', 'anywhere'],
    ['dataValidation', 'end'],
    ['hyperlinks', 'anywhere'],
    ['hyperlink', 'end'],
    ['legacyDrawing', 'anywhere'],
  ]),
  restorable: new Set(['count']),
}

/** Read the other way round (the result must come back from the original by insertions). */
const CALC_CHAIN_REMOVALS: RecoverySpec = { insertable: new Map([['c', 'anywhere']]) }

const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
const STRICT_RELATIONSHIP_TYPE = 'http://purl.oclc.org/ooxml/officeDocument/relationships/'

/** The losses, as sentences naming the part; empty when the tool kept everything. */
export function packageLosses(original: Buffer, result: Buffer, options: PackageDiffOptions = {}): string[] {
  const templates = options.templates ?? Object.values(TEMPLATES)
  const perPart = options.perPart ?? 5
  let before: Package
  try {
    before = new Package(readZip(original, { checkSizes: false }))
  } catch {
    // Not a package we can read: only an unchanged file loses nothing.
    return original.equals(result) ? [] : ['the original is not a readable zip, and the file changed']
  }
  let after: Package
  try {
    after = new Package(readZip(result))
  } catch (error) {
    return [`the result is not a readable zip: ${(error as Error).message}`]
  }
  const losses: string[] = []
  const beforeLayout = layout(before)
  const afterLayout = layout(after)
  const toolParts = new Set<string>()
  const ledgerParts = new Map<string, { sheet: string; template: TabTemplate }>()
  for (const [sheet, part] of beforeLayout.sheets) {
    const template = templates.find((t) => t.name === sheet)
    if (!template) continue
    if (template.kind === 'tool') {
      toolParts.add(part)
      toolParts.add(relsPathOf(part))
    } else ledgerParts.set(part, { sheet, template })
  }
  // A ledger tab's relationships gain the tool's notes and links, nothing else.
  const ledgerRels = new Set([...ledgerParts.keys()].map(relsPathOf))
  for (const part of before.parts.values()) {
    const key = part.name.toLowerCase()
    if (toolParts.has(key)) continue
    const other = after.get(part.name)
    const name = part.name
    if (key === beforeLayout.calcChain && !other) continue
    if (!other) {
      losses.push(`${name}: part missing from the result`)
      continue
    }
    if (part.data.equals(other.data)) continue
    const spec =
      key === '[content_types].xml'
        ? CONTENT_TYPES
        : key === beforeLayout.workbookRels || ledgerRels.has(key)
          ? RELATIONSHIPS
          : key === beforeLayout.workbook
            ? WORKBOOK
            : key === beforeLayout.styles
              ? STYLES
              : key === beforeLayout.sharedStrings
                ? SHARED_STRINGS
                : undefined
    try {
      if (spec) {
        losses.push(...recoveryLosses(name, xmlOf(part, true), xmlOf(other, true), spec, perPart))
      } else if (key === beforeLayout.calcChain) {
        losses.push(
          ...recoveryLosses(name, xmlOf(other, true), xmlOf(part, true), CALC_CHAIN_REMOVALS, perPart).map(
            (loss) => `${loss} (calcChain may only lose whole <c> entries)`,
          ),
        )
      } else if (ledgerParts.has(key)) {
        const { sheet, template } = ledgerParts.get(key) as { sheet: string; template: TabTemplate }
        const resultPart = afterLayout.sheets.get(sheet)
        const resultSheet = resultPart ? after.get(resultPart) : undefined
        if (!resultSheet) losses.push(`${name}: tab “${sheet}” is gone from the result`)
        else
          losses.push(
            ...worksheetLosses(
              `${name} (${sheet})`,
              xmlOf(part, false),
              xmlOf(resultSheet, false),
              template,
              { before: sharedStrings(before, beforeLayout), after: sharedStrings(after, afterLayout) },
              perPart,
            ),
          )
      } else {
        losses.push(`${name}: changed (${byteDifference(part.data, other.data)})`)
      }
    } catch (error) {
      losses.push(`${name}: cannot compare (${(error as Error).message})`)
    }
  }
  return losses
}

class Package {
  readonly parts = new Map<string, ZipPart>()
  constructor(parts: readonly ZipPart[]) {
    for (const part of parts) this.parts.set(part.name.toLowerCase(), part)
  }
  get(name: string): ZipPart | undefined {
    return this.parts.get(name.toLowerCase().replace(/^\//, ''))
  }
}

interface Layout {
  readonly workbook?: string
  readonly workbookRels?: string
  readonly styles?: string
  readonly sharedStrings?: string
  readonly calcChain?: string
  /** Tab name → worksheet part (lower case). */
  readonly sheets: ReadonlyMap<string, string>
}

interface Relationship {
  readonly id: string
  readonly type: string
  readonly target: string
}

function layout(pkg: Package): Layout {
  const sheets = new Map<string, string>()
  const root = relationships(pkg, '_rels/.rels', '')
  const workbook = root.find((r) => relType(r.type) === 'officeDocument')?.target ?? 'xl/workbook.xml'
  const workbookRels = relsPathOf(workbook)
  const rels = relationships(pkg, workbookRels, workbook)
  const byType = (type: string): string | undefined => rels.find((r) => relType(r.type) === type)?.target
  const part = pkg.get(workbook)
  if (part) {
    try {
      const tokens = tokenize(decodeXml(part.data), { dropWhitespace: true })
      for (const token of tokens) {
        if (token.kind !== 'open' || localName(token.name) !== 'sheet') continue
        const name = token.attributes.get('name')
        const id = [...token.attributes].find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1]
        const target = rels.find((r) => r.id === id)?.target
        if (name !== undefined && target) sheets.set(name, target)
      }
    } catch {
      // An unreadable workbook.xml: no tabs known, every part compared byte for byte.
    }
  }
  return {
    workbook,
    workbookRels,
    styles: byType('styles'),
    sharedStrings: byType('sharedStrings'),
    calcChain: byType('calcChain'),
    sheets,
  }
}

function relType(type: string): string {
  if (type.startsWith(RELATIONSHIP_TYPE)) return type.slice(RELATIONSHIP_TYPE.length)
  if (type.startsWith(STRICT_RELATIONSHIP_TYPE)) return type.slice(STRICT_RELATIONSHIP_TYPE.length)
  return type
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels (lower case). */
function relsPathOf(part: string): string {
  return path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`).toLowerCase()
}

function relationships(pkg: Package, relsPart: string, source: string): Relationship[] {
  const part = pkg.get(relsPart)
  if (!part) return []
  let tokens: XmlToken[]
  try {
    tokens = tokenize(decodeXml(part.data), { dropWhitespace: true })
  } catch {
    return []
  }
  const found: Relationship[] = []
  for (const token of tokens) {
    if (token.kind !== 'open' || localName(token.name) !== 'Relationship') continue
    if (token.attributes.get('TargetMode') === 'External') continue
    const target = token.attributes.get('Target') ?? ''
    const resolved = target.startsWith('/')
      ? target.slice(1)
      : path.normalize(path.join(path.dirname(source), target))
    found.push({
      id: token.attributes.get('Id') ?? '',
      type: token.attributes.get('Type') ?? '',
      target: resolved.toLowerCase(),
    })
  }
  return found
}

function xmlOf(part: ZipPart, dropWhitespace: boolean): XmlToken[] {
  return tokenize(decodeXml(part.data), { dropWhitespace })
}

function byteDifference(a: Buffer, b: Buffer): string {
  let at = 0
  while (at < a.length && at < b.length && a[at] === b[at]) at++
  const show = (bytes: Buffer): string =>
    JSON.stringify(bytes.subarray(Math.max(0, at - 20), at + 40).toString('latin1'))
  return `${a.length} → ${b.length} bytes, first difference at byte ${at}: ${show(a)} → ${show(b)}`
}

/**
 * Whether `original` comes back from `result` by taking out whole elements the spec allows; the
 * differences that prevent it, as sentences (at most `limit`; the walk stops at the first one it
 * cannot step over, since what follows is out of step).
 */
export function recoveryLosses(
  part: string,
  original: readonly XmlToken[],
  result: readonly XmlToken[],
  spec: RecoverySpec,
  limit = 5,
): string[] {
  const losses: string[] = []
  const stack: string[] = []
  let i = 0
  let j = 0
  const where = (): string => (stack.length ? `<${stack.join('>/<')}>` : '(top)')
  while (i < original.length && losses.length < limit) {
    const want = original[i] as XmlToken
    const got = result[j]
    if (got && tokensMatch(want, got, spec)) {
      if (want.kind === 'open') stack.push(want.name)
      else if (want.kind === 'close') stack.pop()
      i++
      j++
      continue
    }
    if (got?.kind === 'open') {
      const placement = spec.insertable.get(localName(got.name))
      if (placement === 'anywhere' || (placement === 'end' && want.kind === 'close')) {
        j = elementEnd(result, j)
        continue
      }
    }
    // Say what happened: a change of attributes, an element removed, or something else in its place.
    if (got && want.kind === 'open' && got.kind === 'open' && want.name === got.name) {
      losses.push(`${part}: in ${where()}, <${want.name}> changed: ${attributeChanges(want, got)}`)
      // Step over the changed start tag and go on comparing.
      stack.push(want.name)
      i++
      j++
      continue
    }
    if (got?.kind === 'open' && laterSibling(result, j, want, spec)) {
      // Something the tool may not add stands before what the original has next.
      losses.push(`${part}: in ${where()}, ${showToken(got)} was added`)
      j = elementEnd(result, j)
      continue
    }
    if (want.kind === 'open') {
      const skip = elementEnd(original, i)
      losses.push(`${part}: in ${where()}, ${showToken(want)} is missing or moved (found ${showToken(got)})`)
      i = skip
      continue
    }
    losses.push(`${part}: in ${where()}, expected ${showToken(want)}, found ${showToken(got)}`)
    break
  }
  if (losses.length === 0) {
    while (j < result.length) {
      const got = result[j] as XmlToken
      if (got.kind === 'open' && spec.insertable.get(localName(got.name)) === 'anywhere') {
        j = elementEnd(result, j)
        continue
      }
      losses.push(`${part}: unexpected ${showToken(got)} after the end of the original`)
      break
    }
  }
  return losses
}

/** Whether a later sibling of the element at `start` matches `want`. */
function laterSibling(
  tokens: readonly XmlToken[],
  start: number,
  want: XmlToken,
  spec: RecoverySpec,
): boolean {
  for (let at = elementEnd(tokens, start); at < tokens.length; ) {
    const token = tokens[at] as XmlToken
    if (token.kind === 'close') return false
    if (tokensMatch(want, token, spec)) return true
    at = token.kind === 'open' ? elementEnd(tokens, at) : at + 1
  }
  return false
}

/** `a="1" → "2"`, `b added "x"`, `c removed (was "y")`, for the attributes that differ. */
export function attributeChanges(want: XmlToken, got: XmlToken, ignored?: ReadonlySet<string>): string {
  if (want.kind !== 'open' || got.kind !== 'open') return `${showToken(want)} → ${showToken(got)}`
  const changes: string[] = []
  const clip = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  for (const key of new Set([...want.attributes.keys(), ...got.attributes.keys()])) {
    const a = want.attributes.get(key)
    const b = got.attributes.get(key)
    if (a === b || ignored?.has(key)) continue
    if (a === undefined) changes.push(`${key} added ${clip(b as string)}`)
    else if (b === undefined) changes.push(`${key} removed (was ${clip(a)})`)
    else changes.push(`${key} ${clip(a)} → ${clip(b)}`)
  }
  return changes.join(', ')
}

function tokensMatch(want: XmlToken, got: XmlToken, spec: RecoverySpec): boolean {
  if (want.kind !== 'open' || got.kind !== 'open') return sameToken(want, got)
  if (want.name !== got.name) return false
  const addable = spec.addable?.get(localName(want.name))
  for (const key of new Set([...want.attributes.keys(), ...got.attributes.keys()])) {
    if (spec.restorable?.has(key)) continue
    const a = want.attributes.get(key)
    const b = got.attributes.get(key)
    if (a === b) continue
    if (a === undefined && addable?.get(key) === b) continue
    return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------------
// Worksheets of ledger tabs

interface SharedStrings {
  readonly before: readonly string[]
  readonly after: readonly string[]
}

function sharedStrings(pkg: Package, at: Layout): string[] {
  const part = at.sharedStrings ? pkg.get(at.sharedStrings) : undefined
  if (!part) return []
  const tokens = xmlOf(part, false)
  const strings: string[] = []
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as XmlToken
    if (token.kind === 'open' && localName(token.name) === 'si') {
      const end = elementEnd(tokens, k)
      strings.push(plainText(tokens, k, end))
      k = end - 1
    }
  }
  return strings
}

/** The text of an <si> or <is>: its <t> elements, leaving out phonetic runs (<rPh>). */
function plainText(tokens: readonly XmlToken[], start: number, end: number): string {
  let text = ''
  for (let k = start; k < end; k++) {
    const token = tokens[k] as XmlToken
    if (token.kind === 'open' && localName(token.name) === 'rPh') {
      k = elementEnd(tokens, k) - 1
      continue
    }
    if (token.kind === 'open' && localName(token.name) === 't') {
      const close = elementEnd(tokens, k)
      text += textOf(tokens, k, close)
      k = close - 1
    }
  }
  return text
}

interface SheetCell {
  readonly ref: string
  readonly column: number
  readonly tokens: readonly XmlToken[]
}

interface SheetRow {
  readonly number: number
  readonly open: XmlToken
  readonly cells: ReadonlyMap<number, SheetCell>
  /** Whatever else the row holds (an extLst), in order. */
  readonly other: readonly XmlToken[]
}

interface SheetSplit {
  /** Everything outside <sheetData>, without <dimension>. */
  readonly outside: XmlToken[]
  readonly rows: Map<number, SheetRow>
}

export function splitWorksheet(tokens: readonly XmlToken[]): SheetSplit {
  const outside: XmlToken[] = []
  const rows = new Map<number, SheetRow>()
  let k = 0
  while (k < tokens.length) {
    const token = tokens[k] as XmlToken
    if (token.kind === 'open' && localName(token.name) === 'dimension') {
      k = elementEnd(tokens, k)
      continue
    }
    if (token.kind === 'open' && localName(token.name) === 'sheetData') {
      const end = elementEnd(tokens, k)
      outside.push(token, tokens[end - 1] as XmlToken)
      readRows(tokens, k + 1, end - 1, rows)
      k = end
      continue
    }
    outside.push(token)
    k++
  }
  return { outside, rows }
}

function readRows(
  tokens: readonly XmlToken[],
  start: number,
  end: number,
  rows: Map<number, SheetRow>,
): void {
  let rowNumber = 0
  for (let k = start; k < end; k++) {
    const token = tokens[k] as XmlToken
    if (token.kind !== 'open' || localName(token.name) !== 'row') continue
    const rowEnd = elementEnd(tokens, k)
    const r = Number(token.attributes.get('r'))
    rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1
    const cells = new Map<number, SheetCell>()
    const other: XmlToken[] = []
    let column = 0
    for (let c = k + 1; c < rowEnd - 1; c++) {
      const cell = tokens[c] as XmlToken
      if (cell.kind === 'open' && localName(cell.name) === 'c') {
        const cellEnd = elementEnd(tokens, c)
        const ref = cell.attributes.get('r')
        const parsed = ref ? columnNumber(ref) : undefined
        column = parsed ?? column + 1
        cells.set(column, {
          ref: ref ?? `${columnName(column)}${rowNumber}`,
          column,
          tokens: tokens.slice(c, cellEnd),
        })
        c = cellEnd - 1
      } else if (!(cell.kind === 'text' && /^\s*$/.test(cell.text))) other.push(cell)
    }
    rows.set(rowNumber, { number: rowNumber, open: token, cells, other })
    k = rowEnd - 1
  }
}

function columnNumber(ref: string): number | undefined {
  const letters = /^\$?([A-Za-z]{1,3})/.exec(ref)?.[1]
  if (!letters) return undefined
  let n = 0
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64)
  return n
}

function columnName(n: number): string {
  let name = ''
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name
  }
  return name
}

/** The text a cell shows (shared, inline or plain value), for finding headers. */
function cellText(cell: SheetCell | undefined, strings: readonly string[]): string | undefined {
  if (!cell) return undefined
  const open = cell.tokens[0] as Extract<XmlToken, { kind: 'open' }>
  const type = open.attributes.get('t')
  const tokens = cell.tokens
  if (type === 'inlineStr') return plainText(tokens, 0, tokens.length).trim()
  const v = tokens.findIndex((t) => t.kind === 'open' && localName(t.name) === 'v')
  if (v < 0) return undefined
  const value = textOf(tokens, v, elementEnd(tokens, v))
  if (type === 's') return strings[Number(value)]?.trim()
  return value.trim()
}

function hasContent(cell: SheetCell): boolean {
  return cell.tokens.some((t) => t.kind === 'open' && ['v', 'is', 'f'].includes(localName(t.name)))
}

function render(tokens: readonly XmlToken[]): string {
  const text = tokens
    .map((token) => (token.kind === 'text' ? token.text : showToken(token)))
    .join('')
    .replace(/<([^\s>/]+)([^>]*)><\/\1>/g, '<$1$2/>')
  return text.length > 240 ? `${text.slice(0, 240)}…` : text
}

/**
 * The tokens without the tool's row-colour rules, and without a <conditionalFormatting> they leave
 * empty: each run replaces them; every other rule (and every attribute of it) must be kept.
 */
export function withoutToolRowColours(tokens: readonly XmlToken[]): XmlToken[] {
  const isToolRule = (start: number, end: number): boolean => {
    const open = tokens[start]
    if (open?.kind !== 'open' || open.attributes.get('type') !== 'expression') return false
    const formula = textOf(tokens, start, end)
    return isToolRowColour('reminder', formula) || isToolRowColour('level', formula)
  }
  const out: XmlToken[] = []
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at] as XmlToken
    if (token.kind === 'open' && localName(token.name) === 'extLst') {
      // The x14 rules are the user's whatever their formula: the tool never writes there.
      const end = elementEnd(tokens, at)
      // One push a token: an extLst of 100,000 nested elements overflows a spread.
      for (; at < end; at++) out.push(tokens[at] as XmlToken)
      continue
    }
    if (token.kind !== 'open' || localName(token.name) !== 'conditionalFormatting') {
      out.push(token)
      at++
      continue
    }
    const end = elementEnd(tokens, at)
    const kept: XmlToken[] = []
    let rules = 0
    for (let inner = at + 1; inner < end - 1; ) {
      const child = tokens[inner] as XmlToken
      if (child.kind === 'open' && localName(child.name) === 'cfRule') {
        const ruleEnd = elementEnd(tokens, inner)
        if (!isToolRule(inner, ruleEnd)) {
          for (let copied = inner; copied < ruleEnd; copied++) kept.push(tokens[copied] as XmlToken)
          rules++
        }
        inner = ruleEnd
        continue
      }
      kept.push(child)
      inner++
    }
    if (rules > 0) {
      out.push(token)
      for (const child of kept) out.push(child)
      out.push(tokens[end - 1] as XmlToken)
    }
    at = end
  }
  return out
}

export function worksheetLosses(
  part: string,
  original: readonly XmlToken[],
  result: readonly XmlToken[],
  template: TabTemplate,
  strings: SharedStrings,
  limit = 5,
): string[] {
  const ownedHeaders = new Set(template.columns.filter((c) => c.owned).map((c) => c.header))
  const headers = new Set(template.columns.map((c) => c.header))
  const before = splitWorksheet(original)
  const after = splitWorksheet(result)
  const losses = recoveryLosses(
    `${part} outside <sheetData>`,
    withoutToolRowColours(before.outside),
    withoutToolRowColours(after.outside),
    LEDGER_OUTSIDE,
    limit,
  )
  const headerCells = (split: SheetSplit): ReadonlyMap<number, SheetCell> =>
    split.rows.get(1)?.cells ?? new Map()
  const owned = new Set<number>()
  const newlyOwned = new Set<number>()
  for (const [column, cell] of headerCells(before)) {
    const text = cellText(cell, strings.before)
    if (text !== undefined && ownedHeaders.has(text)) owned.add(column)
  }
  for (const [column, cell] of headerCells(after)) {
    const text = cellText(cell, strings.after)
    const was = cellText(headerCells(before).get(column), strings.before)
    if (text !== undefined && ownedHeaders.has(text) && !owned.has(column) && !was) newlyOwned.add(column)
  }
  const report = (text: string): boolean => {
    if (losses.length < limit) losses.push(`${part}: ${text}`)
    return losses.length < limit
  }
  for (const row of before.rows.values()) {
    const other = after.rows.get(row.number)
    const userCells = [...row.cells.values()].filter((c) => !owned.has(c.column))
    if (!other) {
      if (userCells.length > 0 || row.open.kind !== 'open' || row.open.attributes.size > 2) {
        if (!report(`row ${row.number} is gone`)) return losses
      }
      continue
    }
    if (!sameToken(row.open, other.open, new Set(['spans']))) {
      if (!report(`row ${row.number}: ${attributeChanges(row.open, other.open, new Set(['spans']))}`))
        return losses
    }
    if (render(row.other) !== render(other.other)) {
      if (!report(`row ${row.number}: ${render(row.other)} became ${render(other.other)}`)) return losses
    }
    for (const cell of userCells) {
      if (newlyOwned.has(cell.column) && !hasContent(cell)) continue
      const now = other.cells.get(cell.column)
      if (!now) {
        if (!report(`cell ${cell.ref} is gone (was ${render(cell.tokens)})`)) return losses
        continue
      }
      if (
        now.tokens.length !== cell.tokens.length ||
        cell.tokens.some((t, k) => !sameToken(t, now.tokens[k] as XmlToken))
      ) {
        if (!report(`cell ${cell.ref} changed: ${render(cell.tokens)} → ${render(now.tokens)}`)) return losses
      }
    }
  }
  for (const row of after.rows.values()) {
    const was = before.rows.get(row.number)
    for (const cell of row.cells.values()) {
      if (owned.has(cell.column) || newlyOwned.has(cell.column) || was?.cells.has(cell.column)) continue
      // init may add a missing header in row 1 where the original had nothing.
      if (row.number === 1 && headers.has(cellText(cell, strings.after) ?? '')) continue
      if (!report(`cell ${cell.ref} written in a user column: ${render(cell.tokens)}`)) return losses
    }
  }
  return losses
}
