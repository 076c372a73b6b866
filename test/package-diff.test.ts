/**
 * The corpus harness's judge (test/support/package-diff.ts) on small hand-made packages: what the
 * tool may change passes, and every kind of loss is reported.
 */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { packageLosses, type RecoverySpec, recoveryLosses } from './support/package-diff'
import { tokenize } from './support/xml-tokens'
import { readZip, writeZip } from './support/zip-parts'

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

const STYLES: RecoverySpec = {
  insertable: new Map([
    ['xf', 'end'],
    ['font', 'end'],
    ['numFmts', 'anywhere'],
    ['numFmt', 'end'],
  ]),
  restorable: new Set(['count']),
}

function losses(original: string, result: string, spec: RecoverySpec): string[] {
  return recoveryLosses(
    'part',
    tokenize(original, { dropWhitespace: true }),
    tokenize(result, { dropWhitespace: true }),
    spec,
  )
}

describe('recovering a part by taking out inserted elements', () => {
  const styles = `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`

  it('accepts appended entries, a new list, updated counts and other spelling of the same XML', () => {
    const result = `<?xml version="1.0"?>\n<styleSheet xmlns="${MAIN}">\n  <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\n  <fonts count="2"><font><sz val='11'></sz><name val="&#31561;&#32447;"/></font><font><b/></font></fonts><cellXfs count="3"><xf fontId="0" numFmtId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="1"/></cellXfs></styleSheet>`
    expect(losses(styles, result, STYLES)).toEqual([])
  })

  it('reports a changed attribute', () => {
    const result = styles.replace('<sz val="11"/>', '<sz val="12"/>')
    expect(losses(styles, result, STYLES)).toEqual([
      'part: in <styleSheet>/<fonts>/<font>, <sz> changed: val "11" → "12"',
    ])
  })

  it('reports a removed element', () => {
    const result = styles.replace('<name val="等线"/>', '')
    expect(losses(styles, result, STYLES)[0]).toMatch(/<name val="等线"> is missing or moved/)
  })

  it('reports an entry inserted before existing ones (it would renumber them)', () => {
    const result = styles.replace('<cellXfs count="2">', '<cellXfs count="3"><xf numFmtId="164"/>')
    expect(losses(styles, result, STYLES)).not.toEqual([])
  })

  it('reports reordered elements', () => {
    const result = styles.replace(
      '<xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/>',
      '<xf numFmtId="14" fontId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0"/>',
    )
    expect(losses(styles, result, STYLES)).not.toEqual([])
  })

  it('reports an inserted element the part does not allow', () => {
    const result = styles.replace('</fonts>', '</fonts><fills count="1"><fill/></fills>')
    expect(losses(styles, result, STYLES)[0]).toMatch(/<fills count="1">/)
  })

  it('reports changed text and a dropped attribute', () => {
    const workbook = `<workbook xmlns="${MAIN}"><workbookPr date1904="1"/><definedNames><definedName name="x">A!$A$1</definedName></definedNames></workbook>`
    const spec: RecoverySpec = { insertable: new Map() }
    expect(losses(workbook, workbook.replace('A!$A$1', 'A!$A$2'), spec)[0]).toMatch(/expected "A!\$A\$1"/)
    expect(losses(workbook, workbook.replace(' date1904="1"', ''), spec)[0]).toMatch(
      /<workbookPr> changed: date1904 removed \(was "1"\)/,
    )
  })

  it('allows fullCalcOnLoad on calcPr only where it was absent', () => {
    const spec: RecoverySpec = {
      insertable: new Map(),
      addable: new Map([['calcPr', new Map([['fullCalcOnLoad', '1']])]]),
    }
    const workbook = `<workbook xmlns="${MAIN}"><calcPr calcId="191029"/></workbook>`
    expect(losses(workbook, workbook.replace('calcId', 'fullCalcOnLoad="1" calcId'), spec)).toEqual([])
    expect(losses(workbook, workbook.replace('calcId="191029"', 'calcId="1"'), spec)).not.toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------
// Whole packages

interface Parts {
  [name: string]: string
}

function basePackage(sheetXml: string, prefix = ''): Parts {
  const p = prefix ? `${prefix}:` : ''
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`
  return {
    '[Content_Types].xml': `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${DECL}<${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets><${p}sheet name="${TEMPLATES.samples.name}" sheetId="1" r:id="rId1"/><${p}sheet name="其他" sheetId="2" r:id="rId2"/></${p}sheets><${p}calcPr calcId="191029"/></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `${DECL}<${p}sst ${ns} count="3" uniqueCount="3"><${p}si><${p}t>样件编号</${p}t></${p}si><${p}si><${p}t>提醒</${p}t></${p}si><${p}si><${p}t>状态</${p}t></${p}si></${p}sst>`,
    'xl/worksheets/sheet1.xml': sheetXml,
    'xl/worksheets/sheet2.xml': `${DECL}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
    'xl/calcChain.xml': `${DECL}<calcChain xmlns="${MAIN}"><c r="C2" i="1"/><c r="A2" i="1"/></calcChain>`,
    'xl/media/image1.png': 'not really a png',
  }
}

/** 样件台账 with 样件编号 (A), 提醒 (B, owned), 状态 (C); row 2 has a record. */
function ledgerSheet(prefix = '', extra = ''): string {
  const p = prefix ? `${prefix}:` : ''
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`
  return `${DECL}<${p}worksheet ${ns}><${p}dimension ref="A1:C2"/><${p}sheetViews><${p}sheetView workbookViewId="0"/></${p}sheetViews><${p}cols><${p}col min="1" max="1" width="20" customWidth="1"/></${p}cols><${p}sheetData><${p}row r="1" spans="1:3"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c><${p}c r="C1" t="s"><${p}v>2</${p}v></${p}c></${p}row><${p}row r="2" spans="1:3" ht="30" customHeight="1"><${p}c r="A2" s="1"><${p}v>7</${p}v></${p}c><${p}c r="B2"><${p}f>A2*2</${p}f><${p}v>14</${p}v></${p}c><${p}c r="C2" t="inlineStr"><${p}is><${p}t>在用</${p}t></${p}is></${p}c>${extra}</${p}row></${p}sheetData><${p}mergeCells count="1"><${p}mergeCell ref="D5:E5"/></${p}mergeCells></${p}worksheet>`
}

function zip(parts: Parts): Buffer {
  return writeZip(Object.entries(parts).map(([name, text]) => ({ name, data: Buffer.from(text) })))
}

/** What a well-behaved tool writes: owned cell B2 rewritten, a new tab, calcChain dropped. */
function goodResult(parts: Parts, prefix = ''): Parts {
  const p = prefix ? `${prefix}:` : ''
  const out: Parts = { ...parts }
  out['xl/worksheets/sheet1.xml'] = (parts['xl/worksheets/sheet1.xml'] as string)
    .replace(`<${p}dimension ref="A1:C2"/>`, `<${p}dimension ref="A1:C9"/>`)
    .replace(
      /<(\w+:)?c r="B2">.*?<\/(\w+:)?c>/,
      `<${p}c r="B2" t="inlineStr"><${p}is><${p}t>已过期</${p}t></${p}is></${p}c>`,
    )
    .replace('spans="1:3" ht="30"', 'spans="1:4" ht="30"')
  delete out['xl/calcChain.xml']
  out['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace(
    '</Types>',
    '<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  )
  out['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace(
    '</Relationships>',
    `<Relationship Id="rId9" Type="${REL}/worksheet" Target="worksheets/sheet3.xml"/></Relationships>`,
  )
  out['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string)
    .replace(
      `</${p}sheets>`,
      `<${p}sheet name="${TEMPLATES.alerts.name}" sheetId="3" r:id="rId9"/></${p}sheets>`,
    )
    .replace('calcId=', 'fullCalcOnLoad="1" calcId=')
  out['xl/sharedStrings.xml'] = (parts['xl/sharedStrings.xml'] as string)
    .replace('count="3" uniqueCount="3"', 'count="4" uniqueCount="4"')
    .replace(`</${p}sst>`, `<${p}si><${p}t>新</${p}t></${p}si></${p}sst>`)
  out['xl/worksheets/sheet3.xml'] = `${DECL}<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`
  return out
}

describe('packageLosses on whole packages', () => {
  for (const prefix of ['', 'x']) {
    const label = prefix ? ' (x: prefix everywhere)' : ''
    const original = basePackage(ledgerSheet(prefix), prefix)
    const p = prefix ? `${prefix}:` : ''

    it(`finds nothing lost when only owned cells, new tabs and package entries changed${label}`, () => {
      expect(packageLosses(zip(original), zip(goodResult(original, prefix)))).toEqual([])
    })

    it(`reports a changed user cell, row attribute and column width${label}`, () => {
      const result = goodResult(original, prefix)
      result['xl/worksheets/sheet1.xml'] = (result['xl/worksheets/sheet1.xml'] as string)
        .replace(`<${p}c r="A2" s="1">`, `<${p}c r="A2">`)
        .replace(' ht="30" customHeight="1"', '')
        .replace('width="20"', 'width="9"')
      const found = packageLosses(zip(original), zip(result))
      expect(found).toHaveLength(3)
      expect(found.join('\n')).toMatch(/outside <sheetData>.*<(x:)?col> changed: width "20" → "9"/)
      expect(found.join('\n')).toMatch(/row 2: ht removed \(was "30"\), customHeight removed/)
      expect(found.join('\n')).toMatch(/cell A2 changed/)
    })

    it(`reports a write into a user column and a lost merge${label}`, () => {
      const result = goodResult(original, prefix)
      result['xl/worksheets/sheet1.xml'] = (result['xl/worksheets/sheet1.xml'] as string)
        .replace(
          `</${p}row></${p}sheetData>`,
          `<${p}c r="D2"><${p}v>1</${p}v></${p}c></${p}row></${p}sheetData>`,
        )
        .replace(/<(\w+:)?mergeCells.*<\/(\w+:)?mergeCells>/, '')
      const found = packageLosses(zip(original), zip(result)).join('\n')
      expect(found).toMatch(/cell D2 written in a user column/)
      expect(found).toMatch(/mergeCells count="1"> is missing/)
    })
  }

  it('lets the tool replace its own row colours, and reports any rule of the user’s it drops', () => {
    const userRule =
      '<conditionalFormatting sqref="A2:A9"><cfRule type="expression" dxfId="0" priority="1"><formula>$A2&gt;5</formula></cfRule></conditionalFormatting>'
    const toolRule = (row: number, priority: number) =>
      `<conditionalFormatting sqref="A2:C${row}"><cfRule type="expression" dxfId="1" priority="${priority}"><formula>LEFT($B2,4)="【错误】"</formula></cfRule></conditionalFormatting>`
    // An x14 rule is the user's whatever its formula says.
    const x14 =
      '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<x14:conditionalFormattings><x14:conditionalFormatting><x14:cfRule type="expression" priority="3" id="{1}"><xm:f>LEFT($B2,4)="【错误】"</xm:f></x14:cfRule>' +
      '<xm:sqref>C2:C9</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>'
    const sheet = (cf: string, ext: string) =>
      ledgerSheet()
        .replace('</mergeCells>', `</mergeCells>${cf}`)
        .replace('</worksheet>', `${ext}</worksheet>`)
    const original = basePackage(sheet(userRule + toolRule(5, 2), x14))
    const withSheet = (xml: string): Parts => ({ ...goodResult(original), 'xl/worksheets/sheet1.xml': xml })
    const result = (cf: string, ext = x14) =>
      withSheet(
        (goodResult(original)['xl/worksheets/sheet1.xml'] as string)
          .replace(userRule + toolRule(5, 2), cf)
          .replace(x14, ext),
      )
    expect(packageLosses(zip(original), zip(result(userRule + toolRule(9, 4))))).toEqual([])
    expect(packageLosses(zip(original), zip(result(userRule)))).toEqual([])
    expect(packageLosses(zip(original), zip(result(toolRule(9, 2)))).join('\n')).toMatch(
      /conditionalFormatting sqref="A2:A9"> is missing/,
    )
    const withoutX14Rule = x14.replace(/<x14:conditionalFormatting>.*<\/x14:conditionalFormatting>/, '')
    expect(packageLosses(zip(original), zip(result(userRule + toolRule(9, 2), withoutX14Rule)))).not.toEqual(
      [],
    )
  })

  it('reports a missing part, a changed part and a renumbered shared string', () => {
    const original = basePackage(ledgerSheet())
    const result = goodResult(original)
    delete result['xl/media/image1.png']
    result['xl/worksheets/sheet2.xml'] = (result['xl/worksheets/sheet2.xml'] as string).replace(
      '<v>1</v>',
      '<v>2</v>',
    )
    result['xl/sharedStrings.xml'] = (result['xl/sharedStrings.xml'] as string).replace(
      '<si><t>样件编号</t></si>',
      '<si><t>新</t></si><si><t>样件编号</t></si>',
    )
    const found = packageLosses(zip(original), zip(result))
    expect(found).toContainEqual('xl/media/image1.png: part missing from the result')
    expect(found.join('\n')).toMatch(/xl\/worksheets\/sheet2.xml: changed/)
    expect(found.join('\n')).toMatch(/xl\/sharedStrings.xml: /)
  })

  it('reports a renamed or reordered tab, and a new tab placed before the user’s', () => {
    const original = basePackage(ledgerSheet())
    const renamed = goodResult(original)
    renamed['xl/workbook.xml'] = (renamed['xl/workbook.xml'] as string).replace('name="其他"', 'name="其它"')
    expect(packageLosses(zip(original), zip(renamed)).join('\n')).toMatch(
      /<sheet> changed: name "其他" → "其它"/,
    )
    const first = goodResult(original)
    first['xl/workbook.xml'] = (original['xl/workbook.xml'] as string).replace(
      '<sheets>',
      `<sheets><sheet name="${TEMPLATES.alerts.name}" sheetId="3" r:id="rId9"/>`,
    )
    expect(packageLosses(zip(original), zip(first))).not.toEqual([])
  })

  it('reports a calcChain that changed other than by losing entries', () => {
    const original = basePackage(ledgerSheet())
    const fewer = goodResult(original)
    fewer['xl/calcChain.xml'] = (original['xl/calcChain.xml'] as string).replace('<c r="C2" i="1"/>', '')
    expect(packageLosses(zip(original), zip(fewer))).toEqual([])
    const changed = goodResult(original)
    changed['xl/calcChain.xml'] = (original['xl/calcChain.xml'] as string).replace('i="1"', 'i="2"')
    expect(packageLosses(zip(original), zip(changed))).not.toEqual([])
  })

  it('reports a result that is not a zip', () => {
    expect(packageLosses(zip(basePackage(ledgerSheet())), Buffer.from('nope'))[0]).toMatch(
      /not a readable zip/,
    )
  })

  it('reads back what writeZip wrote, and refuses a part inflating past its cap', () => {
    const parts = readZip(zip({ a: 'x'.repeat(5000) }))
    expect(parts[0]?.data.length).toBe(5000)
    expect(() => readZip(zip({ a: 'x'.repeat(5000) }), { maxPartBytes: 100 })).toThrow(/does not inflate/)
  })
})

describe('naming what changed', () => {
  it('names an element added before the original ones, rather than calling them all missing', () => {
    const workbook = `<workbook xmlns="${MAIN}"><bookViews><workbookView/></bookViews><sheets><sheet name="A"/></sheets></workbook>`
    const result = workbook.replace('<bookViews>', '<fileVersion appName="xl"/><bookViews>')
    expect(losses(workbook, result, { insertable: new Map() })).toEqual([
      'part: in <workbook>, <fileVersion appName="xl"> was added',
    ])
  })
})
