/**
 * styles.xml as the host needs it: which cell styles show dates (so that a number in such a cell
 * reads as a date), and new styles appended for what the tool writes (a date format, a header). The
 * user's styles are never renumbered or changed: new fonts, fills, borders, number formats and cell
 * formats go after the existing ones, so every `s="…"` in every sheet keeps meaning what it meant.
 */
import type { RowLook } from '../../../core/row-colours'
import { findTag } from './sheet-scanner'
import { attributes, escapeAttribute, rootPrefix, withAttribute } from './xml-text'

/** Number formats Excel does not write into styles.xml because every reader knows them. */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
}

export const DATE_FORMAT = 'yyyy-mm-dd'
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm'

/** Whether a number in a cell of this format is a date (elapsed-time formats included, as Excel reads them). */
export function isDateFormat(code: string | undefined): boolean {
  if (!code) return false
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '')
  return /[ymdhMsb]+/.test(bare)
}

/** Whether a format shows a date (and, for date-times, a time): then a user's own date format is kept. */
export function showsDate(code: string | undefined, withTime: boolean): boolean {
  if (!code) return false
  // Quoted text, escaped characters and colour/condition brackets are not format codes.
  const codes = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase()
  return /y/.test(codes) && /d/.test(codes) && (!withTime || /h/.test(codes))
}

/** The look of a header the tool writes (SPEC: the tool's columns in a colour of their own). */
export interface HeaderLook {
  readonly fontColor: string
  readonly fill: string
  readonly border: string
}

// The order of the children of <styleSheet>: a missing section is created in its place.
const SECTIONS = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const
type Section = (typeof SECTIONS)[number]
const CHILD: Readonly<Partial<Record<Section, string>>> = {
  numFmts: 'numFmt',
  fonts: 'font',
  fills: 'fill',
  borders: 'border',
  cellXfs: 'xf',
  dxfs: 'dxf',
}

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

export class StyleBook {
  private readonly prefix: string
  private readonly formats = new Map<number, string>()
  /** Each cell format's number format id and its whole element text. */
  private readonly cellFormats: { numFmtId: number; xml: string }[] = []
  private readonly counts = new Map<Section, number>()
  private readonly added = new Map<Section, string[]>()
  private readonly cache = new Map<string, number>()
  private readonly defaultFont: Map<string, string>

  constructor(private readonly original: string) {
    this.prefix = rootPrefix(original, 'styleSheet')
    const p = this.prefix
    for (const element of childElements(this.section('numFmts'), `${p}numFmt`)) {
      const found = attributes(element)
      const id = Number(found.get('numFmtId'))
      if (Number.isInteger(id)) this.formats.set(id, found.get('formatCode') ?? '')
    }
    for (const element of childElements(this.section('cellXfs'), `${p}xf`)) {
      const id = Number(attributes(element.slice(0, element.indexOf('>') + 1)).get('numFmtId') ?? 0)
      this.cellFormats.push({ numFmtId: Number.isInteger(id) ? id : 0, xml: element })
    }
    for (const section of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs'] as const) {
      const child = CHILD[section] as string
      this.counts.set(section, childElements(this.section(section), `${p}${child}`).length)
    }
    const font = childElements(this.section('fonts'), `${p}font`)[0] ?? ''
    this.defaultFont = new Map(
      [...font.matchAll(/<(?:[\w.-]+:)?(sz|name|family|charset|scheme)\s+val="([^"]*)"/g)].map((match) => [
        match[1] as string,
        match[2] as string,
      ]),
    )
  }

  get changed(): boolean {
    return this.added.size > 0
  }

  /** The number format code of a cell style (s="…"); style 0 when the cell names none. */
  formatOf(style: number): string | undefined {
    const id = this.cellFormats[style]?.numFmtId ?? 0
    return this.formats.get(id) ?? BUILTIN_FORMATS[id]
  }

  private readonly dateStyles: boolean[] = []

  isDateStyle(style: number): boolean {
    let known = this.dateStyles[style]
    if (known === undefined) {
      known = isDateFormat(this.formatOf(style))
      this.dateStyles[style] = known
    }
    return known
  }

  /**
   * The style for a date written into a cell of `style`: the cell's own when it already shows a
   * date, else a copy of it (font, fill, borders, alignment kept) with the tool's date format.
   */
  dateStyle(style: number | undefined, withTime: boolean): number | undefined {
    const base = style ?? 0
    if (showsDate(this.formatOf(base), withTime)) return style
    const code = withTime ? DATE_TIME_FORMAT : DATE_FORMAT
    return this.cached(`date|${base}|${code}`, () => {
      const formatId = this.formatId(code)
      const original =
        this.cellFormats[base]?.xml ??
        `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`
      const open = original.slice(0, original.indexOf('>') + 1)
      const tag = withAttribute(
        withAttribute(open, 'numFmtId', String(formatId), 'first'),
        'applyNumberFormat',
        '1',
        'first',
      )
      return this.addCellFormat(formatId, tag + original.slice(open.length))
    })
  }

  /** A header cell's style: bold, coloured, filled, centred, a thin bottom border. */
  headerStyle(look: HeaderLook): number {
    return this.cached(`header|${look.fontColor}|${look.fill}|${look.border}`, () => {
      const p = this.prefix
      const font = this.addElement(
        'fonts',
        `<${p}font><${p}b/>${this.fontSize()}<${p}color rgb="${look.fontColor}"/>${this.fontName()}</${p}font>`,
      )
      const fill = this.addElement(
        'fills',
        `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${look.fill}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
      )
      const border = this.addElement(
        'borders',
        `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom style="thin"><${p}color rgb="${look.border}"/></${p}bottom><${p}diagonal/></${p}border>`,
      )
      return this.addCellFormat(
        0,
        `<${p}xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><${p}alignment horizontal="center" vertical="center" wrapText="1"/></${p}xf>`,
      )
    })
  }

  /**
   * The differential format of a row colour (a conditional format's look): an identical one of the
   * workbook's when it has one (Excel's own “light red fill” is written just so), else a new one
   * after the user's, whose dxfIds keep meaning what they meant.
   */
  rowColourDxf(look: RowLook): number {
    return this.cached(`dxf|${look.fill}|${look.font}`, () => {
      const p = this.prefix
      const xml =
        `<${p}dxf><${p}font><${p}color rgb="FF${look.font}"/></${p}font>` +
        `<${p}fill><${p}patternFill><${p}bgColor rgb="FF${look.fill}"/></${p}patternFill></${p}fill></${p}dxf>`
      const bare = (element: string): string => element.replace(/>\s+</g, '><').toUpperCase()
      const existing = childElements(this.section('dxfs'), `${p}dxf`).findIndex(
        (element) => bare(element) === bare(xml),
      )
      return existing >= 0 ? existing : this.addElement('dxfs', xml)
    })
  }

  /** A plain style with the tool's date (or date-time) format: the default of a new date column. */
  columnDateStyle(withTime: boolean): number {
    return this.dateStyle(0, withTime) ?? 0
  }

  /**
   * A plain top-aligned style, its text wrapped within the column when `wrap`: the cells of a tab
   * whose long texts wrap (提醒汇总) read from the top of their grown rows.
   */
  topStyle(wrap: boolean): number {
    const p = this.prefix
    const xml = `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><${p}alignment vertical="top"${wrap ? ' wrapText="1"' : ''}/></${p}xf>`
    return this.cached(`top|${wrap}`, () => this.addCellFormat(0, xml))
  }

  /** styles.xml with what was appended. */
  text(): string {
    let text = this.original
    for (const section of SECTIONS) {
      const elements = this.added.get(section)
      if (!elements) continue
      text = appendToSection(text, this.prefix, section, elements, this.counts.get(section) ?? 0)
    }
    return text
  }

  private cached(key: string, make: () => number): number {
    let found = this.cache.get(key)
    if (found === undefined) {
      found = make()
      this.cache.set(key, found)
    }
    return found
  }

  private formatId(code: string): number {
    for (const [id, existing] of this.formats) if (existing === code) return id
    const id = Math.max(163, ...this.formats.keys()) + 1
    this.formats.set(id, code)
    this.addElement(
      'numFmts',
      `<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`,
    )
    return id
  }

  /** Adds a cell format, or finds the same one (the tool's run of yesterday added it) to use again. */
  private addCellFormat(numFmtId: number, xml: string): number {
    const existing = this.cellFormats.findIndex((format) => format.xml === xml)
    if (existing >= 0) return existing
    this.cellFormats.push({ numFmtId, xml })
    this.dateStyles.length = 0
    return this.addElement('cellXfs', xml)
  }

  /** Appends an element to a section; returns its 0-based index there. */
  private addElement(section: Section, xml: string): number {
    const index = this.counts.get(section) ?? 0
    this.counts.set(section, index + 1)
    const list = this.added.get(section) ?? []
    list.push(xml)
    this.added.set(section, list)
    return index
  }

  private fontSize(): string {
    return `<${this.prefix}sz val="${escapeAttribute(this.defaultFont.get('sz') ?? '11')}"/>`
  }

  private fontName(): string {
    const p = this.prefix
    const name = this.defaultFont.get('name') ?? '等线'
    const family = this.defaultFont.get('family')
    const charset = this.defaultFont.get('charset')
    return (
      `<${p}name val="${escapeAttribute(name)}"/>` +
      (family ? `<${p}family val="${escapeAttribute(family)}"/>` : '') +
      (charset ? `<${p}charset val="${escapeAttribute(charset)}"/>` : '')
    )
  }

  /** The text inside a section's element ('' when it is missing or empty). */
  private section(name: Section): string {
    const p = this.prefix
    const start = findTag(this.original, `<${p}${name}`, 0)
    if (start < 0) return ''
    const tagEnd = this.original.indexOf('>', start)
    if (this.original.charCodeAt(tagEnd - 1) === 47) return ''
    const end = this.original.indexOf(`</${p}${name}>`, tagEnd)
    return end < 0 ? '' : this.original.slice(tagEnd + 1, end)
  }
}

/** The top-level child elements named `name` in a section's text, each as its whole text. */
function childElements(text: string, name: string): string[] {
  const elements: string[] = []
  const open = `<${name}`
  const close = `</${name}>`
  let position = 0
  for (;;) {
    const start = findTag(text, open, position)
    if (start < 0) break
    const tagEnd = text.indexOf('>', start)
    if (tagEnd < 0) break
    if (text.charCodeAt(tagEnd - 1) === 47) {
      elements.push(text.slice(start, tagEnd + 1))
      position = tagEnd + 1
      continue
    }
    const end = text.indexOf(close, tagEnd)
    if (end < 0) break
    elements.push(text.slice(start, end + close.length))
    position = end + close.length
  }
  return elements
}

/** Puts elements at the end of a section (created in its place when missing), its count updated. */
function appendToSection(
  text: string,
  p: string,
  section: Section,
  elements: string[],
  count: number,
): string {
  const start = findTag(text, `<${p}${section}`, 0)
  const withCount = (tag: string): string => withAttribute(tag, 'count', String(count), 'first')
  if (start >= 0) {
    const tagEnd = text.indexOf('>', start)
    const open = text.slice(start, tagEnd + 1)
    if (open.endsWith('/>')) {
      const tag = withCount(`${open.slice(0, -2).trimEnd()}>`)
      return `${text.slice(0, start)}${tag}${elements.join('')}</${p}${section}>${text.slice(tagEnd + 1)}`
    }
    const close = text.indexOf(`</${p}${section}>`, tagEnd)
    return `${text.slice(0, start)}${withCount(open)}${text.slice(tagEnd + 1, close)}${elements.join('')}${text.slice(close)}`
  }
  // Missing: insert before the first section that must follow it, or at the end of the sheet.
  const later = SECTIONS.slice(SECTIONS.indexOf(section) + 1)
  let at = -1
  for (const next of later) {
    at = findTag(text, `<${p}${next}`, 0)
    if (at >= 0) break
  }
  if (at < 0) at = text.lastIndexOf(`</${p}styleSheet>`)
  return `${text.slice(0, at)}<${p}${section} count="${count}">${elements.join('')}</${p}${section}>${text.slice(at)}`
}
