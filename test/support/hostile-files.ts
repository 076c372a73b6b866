/**
 * Hostile workbooks, made in code (issue 8, "Faults and hostile input"): zip bombs, a stray cell in
 * the last row with a whole-sheet dimension, external entities, deep nesting, a part that lies about
 * its size, a truncated zip, and a workbook written with an `x:` prefix on every element.
 */
import { crc32, createDeflateRaw } from 'node:zlib'
import { TEMPLATES } from '../../src/app/tabs'
import { writeZip, type ZipEntry } from './zip-parts'

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

export interface SheetSpec {
  readonly name: string
  /** The whole worksheet part. */
  readonly xml: string | ZipEntry['deflated']
  /** Size to claim for it in the zip headers. */
  readonly declaredSize?: number
}

export interface BookSpec {
  readonly sheets: readonly SheetSpec[]
  readonly sharedStrings?: string | ZipEntry['deflated']
  /** Element prefix bound to the main namespace in workbook.xml, sharedStrings and styles. */
  readonly prefix?: string
}

/** A workbook package with the given worksheets, a minimal styles.xml and optional shared strings. */
export function workbook(spec: BookSpec): Buffer {
  const p = spec.prefix ? `${spec.prefix}:` : ''
  const ns = spec.prefix ? `xmlns:${spec.prefix}="${MAIN}"` : `xmlns="${MAIN}"`
  const sheets = spec.sheets
    .map((s, k) => `<${p}sheet name="${s.name}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`)
    .join('')
  const overrides = spec.sheets
    .map(
      (_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="${CT}.worksheet+xml"/>`,
    )
    .join('')
  const rels = spec.sheets
    .map(
      (_, k) =>
        `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`,
    )
    .join('')
  const n = spec.sheets.length
  const entries: ZipEntry[] = [
    text(
      '[Content_Types].xml',
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>${spec.sharedStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` : ''}${overrides}</Types>`,
    ),
    text(
      '_rels/.rels',
      `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      'xl/workbook.xml',
      `${DECL}<${p}workbook ${ns} xmlns:r="${REL}"><${p}bookViews><${p}workbookView/></${p}bookViews><${p}sheets>${sheets}</${p}sheets></${p}workbook>`,
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      `${DECL}<Relationships xmlns="${PKG}">${rels}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>${spec.sharedStrings ? `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ),
    text(
      'xl/styles.xml',
      `${DECL}<${p}styleSheet ${ns}><${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts><${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills><${p}borders count="1"><${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border></${p}borders><${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs><${p}cellXfs count="2"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><${p}xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></${p}cellXfs><${p}cellStyles count="1"><${p}cellStyle name="Normal" xfId="0" builtinId="0"/></${p}cellStyles></${p}styleSheet>`,
    ),
  ]
  spec.sheets.forEach((sheet, k) => {
    const name = `xl/worksheets/sheet${k + 1}.xml`
    entries.push(
      typeof sheet.xml === 'string'
        ? { name, data: Buffer.from(sheet.xml), declaredSize: sheet.declaredSize }
        : { name, data: Buffer.alloc(0), deflated: sheet.xml, declaredSize: sheet.declaredSize },
    )
  })
  if (typeof spec.sharedStrings === 'string') entries.push(text('xl/sharedStrings.xml', spec.sharedStrings))
  else if (spec.sharedStrings)
    entries.push({ name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: spec.sharedStrings })
  return writeZip(entries)
}

function text(name: string, xml: string): ZipEntry {
  return { name, data: Buffer.from(xml) }
}

export function sheetXml(
  rows: string,
  options: { dimension?: string; after?: string; prefix?: string } = {},
): string {
  const p = options.prefix ? `${options.prefix}:` : ''
  const ns = options.prefix ? `xmlns:${options.prefix}="${MAIN}"` : `xmlns="${MAIN}"`
  const dimension = options.dimension ? `<${p}dimension ref="${options.dimension}"/>` : ''
  return `${DECL}<${p}worksheet ${ns} xmlns:r="${REL}">${dimension}<${p}sheetData>${rows}</${p}sheetData>${options.after ?? ''}</${p}worksheet>`
}

/**
 * Deflates `head`, then `unit` repeated `times`, then `tail`, streaming (the whole text is never in
 * memory): a few hundred KB for hundreds of millions of characters.
 */
export async function deflateRepeated(
  head: string,
  unit: string,
  times: number,
  tail: string,
): Promise<NonNullable<ZipEntry['deflated']>> {
  const deflate = createDeflateRaw({ level: 9 })
  const chunks: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve)
    deflate.on('error', reject)
  })
  let crc = 0
  let size = 0
  const write = async (data: Buffer): Promise<void> => {
    crc = crc32(data, crc)
    size += data.length
    if (!deflate.write(data)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  await write(Buffer.from(head))
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))))
  const perBlock = block.length / Buffer.byteLength(unit)
  let left = times
  while (left >= perBlock) {
    await write(block)
    left -= perBlock
  }
  if (left > 0) await write(Buffer.from(unit.repeat(left)))
  await write(Buffer.from(tail))
  deflate.end()
  await done
  return { bytes: Buffer.concat(chunks), crc: crc >>> 0, size }
}

const SAMPLES = TEMPLATES.samples.name

function columnLetter(k: number): string {
  return k < 26
    ? String.fromCharCode(65 + k)
    : `${String.fromCharCode(64 + Math.floor(k / 26))}${String.fromCharCode(65 + (k % 26))}`
}

/** Row 1 of 样件台账 (every header, inline strings): hostile content goes where the tool reads. */
const HEADER_ROW = `<row r="1">${TEMPLATES.samples.columns
  .map((c, k) => `<c r="${columnLetter(k)}1" t="inlineStr"><is><t>${c.header}</t></is></c>`)
  .join('')}</row>`

const ONE_RECORD = `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>S-001</t></is></c></row>`

/** In 样件台账, a 400 M-character shared string, compressed to a few hundred KB. */
export async function zipBomb(): Promise<Buffer> {
  const strings = await deflateRepeated(
    `${DECL}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`,
    'a',
    400_000_000,
    '</t></si></sst>',
  )
  return workbook({
    sheets: [{ name: SAMPLES, xml: sheetXml(`${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`) }],
    sharedStrings: strings,
  })
}

/** In 样件台账, one value in A1048576, the dimension claiming the whole sheet. */
export function lastRowCell(): Buffer {
  return workbook({
    sheets: [
      {
        name: SAMPLES,
        xml: sheetXml(
          `${HEADER_ROW}<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>S-999</t></is></c></row>`,
          {
            dimension: 'A1:XFD1048576',
          },
        ),
      },
    ],
  })
}

/** In 样件台账, a DOCTYPE with an external entity (pointing at `secretFile`) in a sheet and in sharedStrings. */
export function externalEntities(secretFile: string): Buffer {
  const doctype = (root: string): string => `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`
  const sheet = sheetXml(
    `${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c></row>`,
  ).replace('?>\n', `?>\n${doctype('worksheet')}`)
  const strings = `${DECL}${doctype('sst')}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>`
  return workbook({ sheets: [{ name: SAMPLES, xml: sheet }], sharedStrings: strings })
}

/** 100,000 nested elements in the extLst of 样件台账. */
export function deepNesting(depth = 100_000): Buffer {
  const nested = '<x:a>'
  const ext = `<extLst><ext uri="{0FB0D0A4-5B0D-4C49-9D4F-000000000000}" xmlns:x="urn:deep">${nested.repeat(depth)}${'</x:a>'.repeat(depth)}</ext></extLst>`
  return workbook({ sheets: [{ name: SAMPLES, xml: sheetXml(ONE_RECORD, { after: ext }) }] })
}

/** A 样件台账 worksheet the central directory says is 1 KB, inflating to 600 MB (whitespace inside <sheetData>). */
export async function lyingSize(): Promise<Buffer> {
  const xml = sheetXml(ONE_RECORD)
  const at = xml.indexOf('</sheetData>')
  const inflated = await deflateRepeated(xml.slice(0, at), ' ', 600_000_000, xml.slice(at))
  return workbook({ sheets: [{ name: SAMPLES, xml: inflated, declaredSize: 1024 }] })
}

/** A workbook cut off halfway (no central directory). */
export function truncated(): Buffer {
  const whole = workbook({
    sheets: [{ name: SAMPLES, xml: sheetXml(ONE_RECORD) }],
  })
  return whole.subarray(0, Math.floor(whole.length / 2))
}

const SAMPLE_ROW: Readonly<Record<string, string | number>> = {
  样件编号: 'S-001',
  样件名称: '前门外板',
  零件号: 'P-100',
  客户: '甲公司',
  样件类型: '参考性样件',
  样件性质: '标准样件',
  材料类别: '冲压件',
  // 2024-01-01 as an Excel serial date: 12 months' validity ran out long before 2026-12-01.
  确认日期: 45292,
  '有效期(月)': 12,
  保管部门: '质量部',
  保管人: '张三',
  存放位置: 'A-1',
  状态: '在用',
}

/**
 * 样件台账 with one expired sample, plus a user tab, every element of workbook.xml, styles,
 * sharedStrings and the worksheets written with an `x:` prefix (as some producers do).
 */
export function prefixedWorkbook(): Buffer {
  const p = 'x:'
  const columns = TEMPLATES.samples.columns
  const strings: string[] = []
  const shared = (value: string): number => {
    const found = strings.indexOf(value)
    if (found >= 0) return found
    strings.push(value)
    return strings.length - 1
  }
  const letter = (k: number): string =>
    k < 26
      ? String.fromCharCode(65 + k)
      : `${String.fromCharCode(64 + Math.floor(k / 26))}${String.fromCharCode(65 + (k % 26))}`
  const cell = (ref: string, value: string | number, style = ''): string =>
    typeof value === 'number'
      ? `<${p}c r="${ref}"${style}><${p}v>${value}</${p}v></${p}c>`
      : `<${p}c r="${ref}" t="s"${style}><${p}v>${shared(value)}</${p}v></${p}c>`
  const header = columns.map((c, k) => cell(`${letter(k)}1`, c.header)).join('')
  const record = columns
    .map((c, k) => {
      const value = SAMPLE_ROW[c.header]
      if (value === undefined) return ''
      return cell(`${letter(k)}2`, value, c.header === '确认日期' ? ' s="1"' : '')
    })
    .join('')
  const ledger = sheetXml(
    `<${p}row r="1" spans="1:${columns.length}">${header}</${p}row><${p}row r="2" spans="1:${columns.length}">${record}</${p}row>`,
    {
      prefix: 'x',
      dimension: `A1:${letter(columns.length - 1)}2`,
      after: `<${p}mergeCells count="1"><${p}mergeCell ref="A5:B5"/></${p}mergeCells>`,
    },
  )
  const user = sheetXml(
    `<${p}row r="1"><${p}c r="A1"><${p}v>3.5</${p}v></${p}c>${cell('B1', '用户的表')}</${p}row>`,
    {
      prefix: 'x',
    },
  )
  const sst = `${DECL}<${p}sst xmlns:x="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<${p}si><${p}t>${s}</${p}t></${p}si>`).join('')}</${p}sst>`
  return workbook({
    prefix: 'x',
    sheets: [
      { name: TEMPLATES.samples.name, xml: ledger },
      { name: '用户', xml: user },
    ],
    sharedStrings: sst,
  })
}
