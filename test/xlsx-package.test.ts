/**
 * The package host at the level of the XML it writes: what a write changes in a worksheet and in
 * the package's lists, and what it leaves exactly as it was. Workbooks here are hand-written parts
 * (to pin the XML down) or written by ExcelJS (an independent writer); results are read back with
 * ExcelJS or compared part by part after decompression.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readTable } from '../src/core/table'
import { PackageError, XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { readZip } from '../src/hosts/xlsx/package/zip-archive'
import { day, LEDGER, LOG_TAB, TOOL_TAB, zipArchive } from './xlsx-helpers'

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

interface Parts {
  readonly sheet: string
  readonly strings?: readonly string[]
  /** cellXfs entries; style 1 is a date style by default. */
  readonly styles?: string
  readonly extra?: Readonly<Record<string, string>>
  readonly workbookExtra?: string
  readonly relsExtra?: string
  readonly typesExtra?: string
  readonly prefix?: string
}

const DEFAULT_STYLES =
  `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><b/></font></dxf></dxfs></styleSheet>'

/** A one-tab workbook (测试台账) of hand-written parts. */
function workbook(parts: Parts): Buffer {
  const p = parts.prefix ?? ''
  const ns = p === '' ? `xmlns="${MAIN}"` : `xmlns:${p.slice(0, -1)}="${MAIN}"`
  const strings = parts.strings ?? []
  const sst = strings.map((text) => `<${p}si><${p}t>${text}</${p}t></${p}si>`).join('')
  return zipArchive({
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>${parts.typesExtra ?? ''}</Types>`,
    '_rels/.rels': `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML}<${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets><${p}sheet name="测试台账" sheetId="1" r:id="rId1"/></${p}sheets>${parts.workbookExtra ?? ''}</${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>${parts.relsExtra ?? ''}</Relationships>`,
    'xl/styles.xml': `${XML}${parts.styles ?? DEFAULT_STYLES}`,
    'xl/sharedStrings.xml': `${XML}<${p}sst ${ns} count="${strings.length}" uniqueCount="${strings.length}">${sst}</${p}sst>`,
    'xl/worksheets/sheet1.xml': `${XML}<${p}worksheet ${ns} xmlns:r="${REL}">${parts.sheet}</${p}worksheet>`,
    ...parts.extra,
  })
}

/** 编号 名称 类别 确认日期 到访时间 数量 到期日 提醒: the header of LEDGER in shared strings 0–7. */
const HEADER_STRINGS = LEDGER.columns.map((column) => column.header)
const HEADER_ROW = `<row r="1">${HEADER_STRINGS.map((_, i) => `<c r="${'ABCDEFGH'[i]}1" t="s"><v>${i}</v></c>`).join('')}</row>`

/** The same archive with every part deflated (Python's zipfile: an independent zip writer). */
function deflated(bytes: Buffer): Buffer {
  const script = `import zipfile,sys,io
src=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
out=io.BytesIO()
with zipfile.ZipFile(out,'w',zipfile.ZIP_DEFLATED,compresslevel=9) as z:
    for info in src.infolist(): z.writestr(info.filename, src.read(info.filename))
sys.stdout.buffer.write(out.getvalue())`
  return execFileSync('python3', ['-c', script], { input: bytes, maxBuffer: 1 << 30 })
}

function partsOf(bytes: Buffer): Map<string, string> {
  const archive = readZip(bytes)
  const parts = new Map<string, string>()
  for (const entry of archive.entries) {
    const raw = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
    parts.set(entry.name, (entry.method === 0 ? raw : inflateRawSync(raw)).toString('utf8'))
  }
  return parts
}

async function excel(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return book
}

describe('writing owned cells into an existing ledger tab', () => {
  const sheet =
    '<dimension ref="A1:H3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="7" max="7" width="12" style="1" customWidth="1"/></cols>' +
    `<sheetData>${HEADER_ROW}` +
    '<row r="2" spans="1:8" ht="20" customHeight="1"><c r="A2" t="s"><v>8</v></c><c r="B2" s="2" t="s"><v>9</v></c><c r="D2" s="1"><v>46000</v></c><c r="H2" t="s"><v>10</v></c></row>' +
    '<row r="3"><c r="A3" t="s"><v>11</v></c><c r="G3" s="2"><v>1</v></c></row>' +
    '</sheetData><conditionalFormatting sqref="A2:A9"><cfRule type="duplicateValues" dxfId="0" priority="1"/></conditionalFormatting><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  const bytes = workbook({ sheet, strings: [...HEADER_STRINGS, 'S-1', '铰链', '旧提醒', 'S-2'] })

  it('reads values, shared strings and dates as the user sees them', () => {
    const table = XlsxPackage.fromBytes(bytes).readTab('测试台账')
    expect(table?.header).toEqual(HEADER_STRINGS)
    expect(table?.rows[0]?.[0]).toBe('S-1')
    expect(table?.rows[0]?.[1]).toBe('铰链')
    expect(table?.rows[0]?.[3]).toEqual({ date: '2025-12-09' })
    expect(table?.rows[1]?.[6]).toBe(1)
  })

  it('changes only the owned cells: other cells, rows and parts stay as they were', async () => {
    const pkg = XlsxPackage.fromBytes(bytes)
    pkg.writeColumns('测试台账', [
      { column: 6, values: [{ date: day('2026-12-09') }, null] },
      { column: 7, values: ['=HYPERLINK("http://example.com","x")', '已过期'] },
    ])
    const out = await pkg.toBuffer()
    const before = partsOf(bytes)
    const after = partsOf(out)
    for (const name of ['xl/sharedStrings.xml', '_rels/.rels', 'xl/workbook.xml', '[Content_Types].xml'])
      expect(after.get(name), name).toBe(before.get(name))
    const xml = after.get('xl/worksheets/sheet1.xml') ?? ''
    // The user's cells and row attributes, character for character; only `spans` goes.
    expect(xml).toContain(
      '<row r="2" ht="20" customHeight="1"><c r="A2" t="s"><v>8</v></c><c r="B2" s="2" t="s"><v>9</v></c><c r="D2" s="1"><v>46000</v></c>',
    )
    expect(xml).toContain(
      '<conditionalFormatting sqref="A2:A9"><cfRule type="duplicateValues" dxfId="0" priority="1"/></conditionalFormatting>',
    )
    // New cells in column order; text is an inline string, never a formula.
    expect(xml).toMatch(
      /<c r="D2" s="1"><v>46000<\/v><\/c><c r="G2" s="1"><v>46365<\/v><\/c><c r="H2" t="inlineStr"><is><t>=HYPERLINK\("http:\/\/example.com","x"\)<\/t><\/is><\/c><\/row>/,
    )
    expect(xml).not.toContain('<f>')
    // Cleared: the cell keeps its style and loses its value.
    expect(xml).toContain('<c r="G3" s="2"/>')
    const book = await excel(out)
    const tab = book.getWorksheet('测试台账')
    expect(tab?.getCell('H2').value).toBe('=HYPERLINK("http://example.com","x")')
    expect(tab?.getCell('G2').value).toEqual(new Date(Date.UTC(2026, 11, 9)))
    expect(tab?.getCell('B2').font?.bold).toBe(true)
  })

  it('gives a date a style that shows it, copied from the cell’s own and appended', async () => {
    const pkg = XlsxPackage.fromBytes(bytes)
    // B2 has style 2 (bold, General): the date keeps the bold font and gets a date format.
    pkg.writeCells('测试台账', [{ row: 2, column: 1, value: { date: day('2026-03-05') } }])
    const out = await pkg.toBuffer()
    const styles = partsOf(out).get('xl/styles.xml') ?? ''
    const original = partsOf(bytes).get('xl/styles.xml') ?? ''
    expect(styles).toContain('<cellXfs count="4">')
    // Existing formats unchanged and in place; the new one after them.
    expect(styles).toContain(
      original.slice(
        original.indexOf('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'),
        original.indexOf('</cellXfs>'),
      ),
    )
    expect(styles).toMatch(/<xf applyNumberFormat="1" numFmtId="165" fontId="1"[^>]*\/><\/cellXfs>/)
    expect(styles).toContain('<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>')
    const cell = (await excel(out)).getWorksheet('测试台账')?.getCell('B2')
    expect(cell?.value).toEqual(new Date(Date.UTC(2026, 2, 5)))
    expect(cell?.font?.bold).toBe(true)
  })

  it('never writes into a merged range, and the core reports it naming the range', async () => {
    const merged = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c><c r="F2" t="s"><v>9</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="F2:G2"/></mergeCells>`,
      strings: [...HEADER_STRINGS, 'S-1', '在用'],
    })
    const pkg = XlsxPackage.fromBytes(merged)
    const table = pkg.readTab('测试台账')
    if (!table) throw new Error('no tab')
    const problems = readTable(LEDGER, table).findings.filter((finding) => finding.message.includes('合并'))
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toContain('F2:G2')
    expect(problems[0]?.message).toContain('到期日')
    pkg.writeColumns('测试台账', [{ column: 6, values: [{ date: day('2026-01-01') }] }])
    const xml = partsOf(await pkg.toBuffer()).get('xl/worksheets/sheet1.xml') ?? ''
    expect(xml).toContain('<row r="2"><c r="A2" t="s"><v>8</v></c><c r="F2" t="s"><v>9</v></c></row>')
  })

  it('replaces a formula in an owned cell, drops calcChain and has Excel recalculate', async () => {
    const withFormula = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c><c r="G2"><f>TODAY()</f><v>46000</v></c></row></sheetData>`,
      strings: [...HEADER_STRINGS, 'S-1'],
      workbookExtra: '<calcPr calcId="191029"/>',
      relsExtra: `<Relationship Id="rId9" Type="${REL}/calcChain" Target="calcChain.xml"/>`,
      typesExtra:
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>',
      extra: { 'xl/calcChain.xml': `${XML}<calcChain xmlns="${MAIN}"><c r="G2" i="1"/></calcChain>` },
    })
    const pkg = XlsxPackage.fromBytes(withFormula)
    pkg.writeColumns('测试台账', [{ column: 6, values: [{ date: day('2026-01-01') }] }])
    const after = partsOf(await pkg.toBuffer())
    expect(after.has('xl/calcChain.xml')).toBe(false)
    expect(after.get('xl/_rels/workbook.xml.rels')).not.toContain('calcChain')
    expect(after.get('[Content_Types].xml')).not.toContain('calcChain')
    expect(after.get('xl/workbook.xml')).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>')
    expect(after.get('xl/worksheets/sheet1.xml')).not.toContain('TODAY()')
  })

  it('gives the cells that share a formula whose first cell it replaces their own copy, moved', async () => {
    const shared = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c><c r="G2"><f t="shared" ref="G2:H3" si="0">A2&amp;"-"&amp;$A$2</f><v>0</v></c><c r="H2"><f t="shared" si="0"/><v>0</v></c></row><row r="3"><c r="G3"><f t="shared" si="0"/></c><c r="H3"><f t="shared" si="0"/><v>1</v></c></row></sheetData>`,
      strings: [...HEADER_STRINGS, 'S-1'],
    })
    const pkg = XlsxPackage.fromBytes(shared)
    pkg.writeColumns('测试台账', [{ column: 6, values: [{ date: day('2026-01-01') }, null] }])
    const xml = partsOf(await pkg.toBuffer()).get('xl/worksheets/sheet1.xml') ?? ''
    expect(xml).toContain('<c r="H2"><f>B2&amp;"-"&amp;$A$2</f><v>0</v></c>')
    expect(xml).toContain('<c r="H3"><f>B3&amp;"-"&amp;$A$2</f><v>1</v></c>')
    expect(xml).not.toContain('t="shared"')
  })

  it('refuses to replace part of an array formula', async () => {
    const array = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c><c r="G2"><f t="array" ref="G2:H2">A2:B2</f><v>0</v></c><c r="H2"><v>0</v></c></row></sheetData>`,
      strings: [...HEADER_STRINGS, 'S-1'],
    })
    const pkg = XlsxPackage.fromBytes(array)
    pkg.writeColumns('测试台账', [{ column: 6, values: [1] }])
    const error = await pkg.toBuffer().then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(PackageError)
    expect((error as Error).message).toContain('G2')
  })

  it('reads and writes a workbook whose parts use a namespace prefix (x:row, x:c)', async () => {
    const prefixed = workbook({
      prefix: 'x:',
      sheet: `<x:sheetData><x:row r="1">${HEADER_STRINGS.map((_, i) => `<x:c r="${'ABCDEFGH'[i]}1" t="s"><x:v>${i}</x:v></x:c>`).join('')}</x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>S-1</x:t></x:is></x:c></x:row></x:sheetData>`,
      strings: HEADER_STRINGS,
    })
    const pkg = XlsxPackage.fromBytes(prefixed)
    expect(pkg.readTab('测试台账')?.rows[0]?.[0]).toBe('S-1')
    pkg.writeColumns('测试台账', [{ column: 7, values: ['已过期'] }])
    pkg.ensureTab(TOOL_TAB)
    const out = await pkg.toBuffer()
    const xml = partsOf(out).get('xl/worksheets/sheet1.xml') ?? ''
    expect(xml).toContain('<x:c r="H2" t="inlineStr"><x:is><x:t>已过期</x:t></x:is></x:c>')
    expect(partsOf(out).get('xl/workbook.xml')).toContain('<x:sheet name="测试汇总"')
    const again = XlsxPackage.fromBytes(out)
    expect(again.readTab('测试台账')?.rows[0]?.[7]).toBe('已过期')
    expect(again.tabNames()).toEqual(['测试台账', '测试汇总'])
  })
})

describe('tabs the tool adds', () => {
  it('adds a tab by adding parts and list entries only, laid out from its template', async () => {
    const source = new ExcelJS.Workbook()
    source.addWorksheet('我的表').getCell('A1').value = '我的数据'
    const bytes = Buffer.from(await source.xlsx.writeBuffer())
    const pkg = XlsxPackage.fromBytes(bytes)
    expect(pkg.ensureTab(LEDGER, [['S-1', '铰链', '甲类', { date: day('2026-03-05') }, null, 2]])).toEqual({
      created: true,
      addedHeaders: [],
    })
    const out = await pkg.toBuffer()
    const before = partsOf(bytes)
    const after = partsOf(out)
    for (const [name, text] of before) {
      if (
        ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'].includes(
          name,
        )
      )
        continue
      expect(after.get(name), name).toBe(text)
    }
    const book = await excel(out)
    const tab = book.getWorksheet(LEDGER.name)
    expect(tab?.getCell('A1').value).toBe('编号')
    expect(tab?.getCell('G1').note).toBeTruthy()
    expect(tab?.getCell('D2').value).toEqual(new Date(Date.UTC(2026, 2, 5)))
    expect(tab?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(tab?.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"甲类,乙类,丙类"'] })
    expect(book.getWorksheet('我的表')?.getCell('A1').value).toBe('我的数据')
  })

  it('appends missing headers after the last used column, with the template’s look', async () => {
    const partial = workbook({
      sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c></row></sheetData><autoFilter ref="A1:B1"/>`,
      strings: ['编号', '名称', 'S-1', '我的备注'],
    })
    const pkg = XlsxPackage.fromBytes(partial)
    const result = pkg.ensureTab(LEDGER)
    expect(result.addedHeaders).toEqual(['类别', '确认日期', '到访时间', '数量', '到期日', '提醒'])
    const out = await pkg.toBuffer()
    const tab = (await excel(out)).getWorksheet('测试台账')
    // The user's column D keeps its place; the new headers start at E.
    expect(tab?.getCell('D2').value).toBe('我的备注')
    expect(tab?.getCell('E1').value).toBe('类别')
    expect(tab?.getCell('J1').value).toBe('提醒')
    expect(tab?.getCell('E2').dataValidation?.type).toBe('list')
    expect(partsOf(out).get('xl/worksheets/sheet1.xml')).toContain('<autoFilter ref="A1:J1"/>')
  })

  it.each([
    ['double', '"1"'],
    ['single', "'1'"],
  ])('counts the user’s dropdowns and the appended ones in a count in %s quotes', async (_, quoted) => {
    const users =
      '<dataValidation type="list" allowBlank="1" sqref="B2:B9"><formula1>"甲,乙"</formula1></dataValidation>'
    const partial = workbook({
      sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData><dataValidations count=${quoted}>${users}</dataValidations>`,
      strings: ['编号', '名称'],
    })
    const pkg = XlsxPackage.fromBytes(partial)
    pkg.ensureTab(LEDGER)
    const sheet = partsOf(await pkg.toBuffer()).get('xl/worksheets/sheet1.xml') ?? ''
    const open = /<dataValidations\b[^>]*>/.exec(sheet)?.[0]
    const validations = sheet.match(/<dataValidation\s/g)?.length ?? 0
    expect(validations).toBeGreaterThan(1)
    expect(sheet).toContain(users)
    expect(open).toBe(`<dataValidations count="${validations}">`)
  })

  it('puts notes on appended tool headers of a sheet without a drawing, and never on one with the user’s notes', async () => {
    const bare = workbook({
      sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`,
      strings: ['编号'],
    })
    const pkg = XlsxPackage.fromBytes(bare)
    pkg.ensureTab(LEDGER)
    const out = await pkg.toBuffer()
    const tab = (await excel(out)).getWorksheet('测试台账')
    expect(tab?.getCell('G1').value).toBe('到期日')
    const note = tab?.getCell('G1').note
    expect(typeof note === 'string' ? note : note?.texts?.map((run) => run.text).join('')).toContain(
      '由台账工具自动计算',
    )
    expect(tab?.getCell('A1').note).toBeUndefined()
    // The sheet's own parts only gained entries; its XML the drawing element after the margins.
    const after = partsOf(out)
    expect(after.get('xl/worksheets/_rels/sheet1.xml.rels')).toContain('vmlDrawing')
    expect(after.get('xl/worksheets/sheet1.xml')).toMatch(/<legacyDrawing r:id="rId\d+"\/><\/worksheet>$/)

    const withNotes = workbook({
      sheet: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><legacyDrawing r:id="rId1"/>`,
      strings: ['编号'],
      extra: {
        'xl/worksheets/_rels/sheet1.xml.rels': `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>`,
        'xl/drawings/vmlDrawing1.vml': '<xml><o:idmap data="1"/></xml>',
      },
    })
    const kept = XlsxPackage.fromBytes(withNotes)
    kept.ensureTab(LEDGER)
    const keptParts = partsOf(await kept.toBuffer())
    expect(keptParts.get('xl/worksheets/_rels/sheet1.xml.rels')).toBe(
      partsOf(withNotes).get('xl/worksheets/_rels/sheet1.xml.rels'),
    )
    expect(keptParts.get('xl/drawings/vmlDrawing1.vml')).toBe('<xml><o:idmap data="1"/></xml>')
    expect(keptParts.get('xl/worksheets/sheet1.xml')?.match(/legacyDrawing/g)).toHaveLength(1)
  })

  it('appends log rows after the last row, twice in one run', async () => {
    const pkg = XlsxPackage.blank()
    pkg.appendRows(LOG_TAB, [['2026-03-05 07:00', '初始化']])
    pkg.appendRows(LOG_TAB, [['2026-03-05 07:01', '检查']])
    const again = XlsxPackage.fromBytes(await pkg.toBuffer())
    again.appendRows(LOG_TAB, [['2026-03-06 07:00', '检查']])
    const rows = XlsxPackage.fromBytes(await again.toBuffer()).readTab(LOG_TAB.name)?.rows
    expect(rows?.map((row) => row[1])).toEqual(['初始化', '检查', '检查'])
  })

  it('rewrites a tool tab and empties the rows left from the last run', async () => {
    const pkg = XlsxPackage.blank()
    pkg.replaceToolTab(TOOL_TAB, [
      ['甲', 2, '一', null],
      ['乙', 3, '二', null],
    ])
    const next = XlsxPackage.fromBytes(await pkg.toBuffer())
    next.replaceToolTab(TOOL_TAB, [['丙', 4, '三', { date: day('2026-01-02') }]])
    const table = XlsxPackage.fromBytes(await next.toBuffer()).readTab(TOOL_TAB.name)
    expect(table?.rows).toHaveLength(1)
    expect(table?.rows[0]).toEqual(['丙', 4, '三', { date: '2026-01-02' }])
  })

  it('records a link the way Excel shows it (a hyperlink relationship)', async () => {
    const pkg = XlsxPackage.blank()
    pkg.ensureTab(LEDGER, [['S-1']])
    pkg.writeCells(LEDGER.name, [
      { row: 2, column: 7, value: { text: '答复单.docx', link: '答复单 1.docx' } },
    ])
    const cell = (await excel(await pkg.toBuffer())).getWorksheet(LEDGER.name)?.getCell('H2')
    expect(cell?.value).toEqual({ text: '答复单.docx', hyperlink: '答复单 1.docx' })
  })
})

describe('packages that are not what they claim', () => {
  it('reads a ZIP64 archive (as Python’s zipfile writes with force_zip64)', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-zip64-'))
    const plain = path.join(directory, 'plain.xlsx')
    const zip64 = path.join(directory, 'zip64.xlsx')
    fs.writeFileSync(
      plain,
      workbook({ sheet: `<sheetData>${HEADER_ROW}</sheetData>`, strings: HEADER_STRINGS }),
    )
    execFileSync('python3', [
      '-c',
      `import zipfile,sys
src=zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        with out.open(info.filename,'w',force_zip64=True) as f: f.write(src.read(info.filename))`,
      plain,
      zip64,
    ])
    const pkg = XlsxPackage.fromBytes(fs.readFileSync(zip64))
    expect(pkg.readTab('测试台账')?.header).toEqual(HEADER_STRINGS)
    pkg.writeColumns('测试台账', [{ column: 7, values: ['x'] }])
    expect(XlsxPackage.fromBytes(await pkg.toBuffer()).readTab('测试台账')?.rows[0]?.[7]).toBe('x')
    fs.rmSync(directory, { recursive: true, force: true })
  }, 30_000)

  it('refuses a part that inflates beyond the cap, naming the part', () => {
    const bytes = workbook({
      sheet: `<sheetData>${HEADER_ROW}${'<row/>'.repeat(20_000)}</sheetData>`,
      strings: HEADER_STRINGS,
    })
    const pkg = XlsxPackage.fromBytes(bytes, { maxPartBytes: 50_000 })
    expect(() => pkg.readTab('测试台账')).toThrow(/解压后过大.*xl\/worksheets\/sheet1\.xml/)
  })

  it('refuses a shared string longer than any cell can hold (a zip bomb), without running out of memory', () => {
    const huge = 'x'.repeat(70 * 1024 * 1024)
    const bytes = deflated(
      workbook({ sheet: `<sheetData>${HEADER_ROW}</sheetData>`, strings: [...HEADER_STRINGS, huge] }),
    )
    expect(bytes.length).toBeLessThan(1_000_000)
    const pkg = XlsxPackage.fromBytes(bytes)
    expect(() => pkg.readTab('测试台账')).toThrow(PackageError)
    expect(() => XlsxPackage.fromBytes(bytes).readTab('测试台账')).toThrow(/共享字符串/)
  }, 60_000)

  it('refuses a zip-encrypted part', () => {
    const bytes = workbook({ sheet: `<sheetData>${HEADER_ROW}</sheetData>`, strings: HEADER_STRINGS })
    // Set the "encrypted" flag on every entry, local and central.
    for (let at = bytes.indexOf('PK\u0001\u0002'); at >= 0; at = bytes.indexOf('PK\u0001\u0002', at + 4))
      bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) | 1, at + 8)
    expect(() => XlsxPackage.fromBytes(bytes)).toThrow(/加密/)
  })

  it('calls a truncated file damaged', () => {
    const bytes = workbook({ sheet: `<sheetData>${HEADER_ROW}</sheetData>`, strings: HEADER_STRINGS })
    expect(() => XlsxPackage.fromBytes(bytes.subarray(0, bytes.length - 30))).toThrow(/已损坏或不完整/)
  })

  it('reads one stray value at A1048576 by the cells present, not the dimension', () => {
    const bytes = workbook({
      sheet: `<dimension ref="A1:XFD1048576"/><sheetData>${HEADER_ROW}<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row></sheetData>`,
      strings: HEADER_STRINGS,
    })
    const started = performance.now()
    const table = XlsxPackage.fromBytes(bytes).readTab('测试台账')
    expect(table?.rows).toHaveLength(1_048_575)
    expect(table?.rows.at(-1)?.[16383]).toBe('编号')
    expect(readTable(LEDGER, table ?? { name: '', header: [], rows: [] }).records).toHaveLength(0)
    expect(performance.now() - started).toBeLessThan(20_000)
  }, 60_000)

  it('leaves an external entity (XXE) unexpanded and copies deep nesting through', async () => {
    const nested = `${'<x:a>'.repeat(100_000)}${'</x:a>'.repeat(100_000)}`
    const bytes = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c></row></sheetData><extLst><ext uri="{x}" xmlns:x="urn:x">${nested}</ext></extLst>`,
      strings: [...HEADER_STRINGS, '&amp;xxe;'],
      extra: { 'xl/doctype.xml': '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>' },
    })
    const pkg = XlsxPackage.fromBytes(bytes)
    expect(pkg.readTab('测试台账')?.rows[0]?.[0]).toBe('&xxe;')
    pkg.writeColumns('测试台账', [{ column: 7, values: ['x'] }])
    const after = partsOf(await pkg.toBuffer())
    expect(after.get('xl/worksheets/sheet1.xml')).toContain(nested)
    expect(after.get('xl/doctype.xml')).toBe(partsOf(bytes).get('xl/doctype.xml'))
  }, 30_000)
})

describe('reading as the core expects', () => {
  it('turns a 1904-system serial into the same calendar date as the 1900 system', () => {
    const at = (date1904: boolean, serial: number) =>
      XlsxPackage.fromBytes(dateWorkbook(serial, date1904)).readTab('测试台账')?.rows[0]?.[0]
    expect(at(false, 46086)).toEqual({ date: '2026-03-05' })
    expect(at(true, 46086 - 1462)).toEqual({ date: '2026-03-05' })
    expect(at(false, 46086.5)).toEqual({ date: '2026-03-05', minutes: 720 })
  })
})

function dateWorkbook(serial: number, date1904: boolean): Buffer {
  const bytes = workbook({
    sheet: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" s="1"><v>${serial}</v></c></row></sheetData>`,
  })
  if (!date1904) return bytes
  const entries: Record<string, string> = Object.fromEntries(partsOf(bytes))
  entries['xl/workbook.xml'] = (entries['xl/workbook.xml'] ?? '').replace(
    '<sheets>',
    '<workbookPr date1904="1"/><sheets>',
  )
  return zipArchive(entries)
}

describe('a second run on the same day', () => {
  it('leaves a ledger sheet byte for byte as the first run wrote it', async () => {
    const first = XlsxPackage.blank()
    first.ensureTab(LEDGER, [
      ['S-1', '铰链', '甲类', { date: day('2026-03-05') }],
      ['S-2', '支架', '乙类', { date: day('2026-03-06') }],
    ])
    const writes = [
      { column: 6, values: [{ date: day('2027-03-05') }, { date: day('2027-03-06') }] },
      { column: 7, values: ['已过期', null] },
    ]
    first.writeColumns(LEDGER.name, writes)
    const once = await first.toBuffer()
    const second = XlsxPackage.fromBytes(once)
    second.writeColumns(LEDGER.name, writes)
    const twice = await second.toBuffer()
    expect(partsOf(twice).get('xl/worksheets/sheet1.xml')).toBe(partsOf(once).get('xl/worksheets/sheet1.xml'))
    expect(partsOf(twice).get('xl/styles.xml')).toBe(partsOf(once).get('xl/styles.xml'))
    // A changed value is written.
    const third = XlsxPackage.fromBytes(twice)
    third.writeColumns(LEDGER.name, [{ column: 7, values: ['校准逾期', null] }])
    expect(XlsxPackage.fromBytes(await third.toBuffer()).readTab(LEDGER.name)?.rows[0]?.[7]).toBe('校准逾期')
  })
})

describe('what saving used to drop', () => {
  it('keeps workbook and sheet protection, sparklines and Excel 2010 dropdowns of a ledger tab', async () => {
    const x14 =
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>参数!$A$2:$A$9</xm:f></x14:formula1><xm:sqref>C2:C100</xm:sqref></x14:dataValidation></x14:dataValidations></ext>' +
      '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>测试台账!F2:F9</xm:f><xm:sqref>B10</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>'
    const protection =
      '<sheetProtection algorithmName="SHA-512" hashValue="abc=" saltValue="def=" spinCount="100000" sheet="1" objects="1" scenarios="1"/>'
    const bytes = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c></row></sheetData>${protection}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${x14}`,
      strings: [...HEADER_STRINGS, 'S-1'],
      workbookExtra: '',
    })
    const parts = Object.fromEntries(partsOf(bytes))
    parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] ?? '').replace(
      '<sheets>',
      '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="xyz=" workbookSaltValue="uvw=" workbookSpinCount="100000" lockStructure="1"/><sheets>',
    )
    const pkg = XlsxPackage.fromBytes(zipArchive(parts))
    pkg.writeColumns('测试台账', [{ column: 7, values: ['已过期'] }])
    pkg.ensureTab(TOOL_TAB)
    const after = partsOf(await pkg.toBuffer())
    const sheet = after.get('xl/worksheets/sheet1.xml') ?? ''
    expect(sheet).toContain(`</sheetData>${protection}`)
    expect(sheet).toContain(x14)
    expect(after.get('xl/workbook.xml')).toContain('lockStructure="1"/><sheets>')
    expect(sheet).toContain('<c r="H2" t="inlineStr"><is><t>已过期</t></is></c>')
  })
})

describe('formulas elsewhere in the workbook', () => {
  it('has Excel recalculate on open when calcChain lists formulas, even in tabs the tool did not read', async () => {
    const bytes = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c></row></sheetData>`,
      strings: [...HEADER_STRINGS, 'S-1'],
      workbookExtra: '<calcPr calcId="191029"/>',
      relsExtra: `<Relationship Id="rId9" Type="${REL}/calcChain" Target="calcChain.xml"/>`,
      typesExtra:
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>',
      extra: { 'xl/calcChain.xml': `${XML}<calcChain xmlns="${MAIN}"><c r="B9" i="2"/></calcChain>` },
    })
    const pkg = XlsxPackage.fromBytes(bytes)
    pkg.writeColumns('测试台账', [{ column: 7, values: ['已过期'] }])
    const after = partsOf(await pkg.toBuffer())
    expect(after.get('xl/workbook.xml')).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>')
    // calcChain itself stays: no formula cell was replaced.
    expect(after.get('xl/calcChain.xml')).toBe(partsOf(bytes).get('xl/calcChain.xml'))
  })

  it('leaves the calculation settings alone in a workbook without formulas', async () => {
    const bytes = workbook({
      sheet: `<sheetData>${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>8</v></c></row></sheetData>`,
      strings: [...HEADER_STRINGS, 'S-1'],
      workbookExtra: '<calcPr calcId="191029"/>',
    })
    const pkg = XlsxPackage.fromBytes(bytes)
    pkg.writeColumns('测试台账', [{ column: 7, values: ['已过期'] }])
    expect(partsOf(await pkg.toBuffer()).get('xl/workbook.xml')).toBe(partsOf(bytes).get('xl/workbook.xml'))
  })
})
