/**
 * Issue 13 item 4 in the .xlsx host: the tool's row colours are conditional formats of its own,
 * written after the user's. A user rule, a user dxf and an x14 rule in <extLst> are kept exactly;
 * repeated checks replace the tool's rules rather than add to them; openpyxl reads them back.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import PizZip from 'pizzip'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { EXIT_OK } from '../src/cli/main'
import { columnLetter } from '../src/core/a1'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { inProcess } from './support/cli-process'
import { PYTHON } from './support/openpyxl'
import { packageLosses } from './support/package-diff'
import { removeTemporaryDirectories, sheetXml, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const NOW = new Date('2026-12-02T01:00:00Z')
const TODAY = '2026-12-02'
const SAMPLES = TEMPLATES.samples.name
const ALERTS = TEMPLATES.alerts.name
// The demo's 样件台账 is laid out in template order: where 提醒 is, and its last column.
const REMINDER = columnLetter(TEMPLATES.samples.columns.findIndex((column) => column.header === '提醒'))
const LAST = columnLetter(TEMPLATES.samples.columns.length - 1)

/** The tool's range on 样件台账: A2 to the last column and the last row. */
function toolRange(bytes: Buffer): string {
  return `A2:${LAST}${(XlsxPackage.fromBytes(bytes).readTab(SAMPLES)?.rows.length ?? 0) + 1}`
}

const USER_DXF = '<dxf><font><b/><color rgb="FF0000FF"/></font></dxf>'
const USER_FORMATS = [
  '<conditionalFormatting sqref="B2:B31"><cfRule type="expression" dxfId="0" priority="1"><formula>LEFT($B2,2)="YJ"</formula></cfRule>' +
    '<cfRule type="cellIs" dxfId="0" priority="2" operator="equal"><formula>"【错误】"</formula></cfRule></conditionalFormatting>',
  // A data bar as Excel 2010 and later write it: an <extLst> inside the rule, linking its x14 half.
  '<conditionalFormatting sqref="F2:F31"><cfRule type="dataBar" priority="3"><dataBar><cfvo type="min"/><cfvo type="max"/>' +
    '<color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" ' +
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{3F2A6C1E-0000-4000-8000-000000000002}</x14:id>' +
    '</ext></extLst></cfRule></conditionalFormatting>',
]
const USER_RULES = USER_FORMATS.join('')
// An x14 rule whose formula is the tool's very shape: the tool never reads into <extLst>.
const USER_EXT =
  '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
  '<x14:cfRule type="expression" priority="7" id="{3F2A6C1E-0000-4000-8000-000000000001}"><xm:f>LEFT($R2,4)="【错误】"</xm:f>' +
  '<x14:dxf><font><i/></font></x14:dxf></x14:cfRule><xm:sqref>C2:C31</xm:sqref></x14:conditionalFormatting>' +
  '</x14:conditionalFormattings></ext></extLst>'

/** The part of a tab's worksheet, found through workbook.xml and its relationships. */
function sheetPart(zip: PizZip, tab: string): string {
  const workbook = zip.file('xl/workbook.xml')?.asText() ?? ''
  const tag = [...workbook.matchAll(/<sheet\s[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`name="${tab}"`))
  const id = tag && /\sr:id="([^"]+)"/.exec(tag)?.[1]
  const rels = zip.file('xl/_rels/workbook.xml.rels')?.asText() ?? ''
  const relationship = [...rels.matchAll(/<Relationship\s[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`Id="${id}"`))
  const target = relationship && /\sTarget="([^"]+)"/.exec(relationship)?.[1]
  if (!target) throw new Error(`no tab ${tab}`)
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`
}

/** The demo, with the user's own conditional formats and differential style added as Excel writes them. */
async function demoWithUserRules(file: string): Promise<Buffer> {
  expect((await inProcess(NOW, 'init', file, '--demo')).status).toBe(EXIT_OK)
  const zip = new PizZip(await fs.readFile(file))
  const part = sheetPart(zip, SAMPLES)
  const sheet = zip.file(part)?.asText() ?? ''
  expect(sheet).not.toContain('<conditionalFormatting')
  expect(sheet).toContain('<dataValidations')
  zip.file(
    part,
    sheet
      .replace('<dataValidations', `${USER_RULES}<dataValidations`)
      .replace('</worksheet>', `${USER_EXT}</worksheet>`),
  )
  const styles = zip.file('xl/styles.xml')?.asText() ?? ''
  expect(styles).not.toContain('<dxfs')
  zip.file(
    'xl/styles.xml',
    styles.replace('</cellStyles>', `</cellStyles><dxfs count="1">${USER_DXF}</dxfs>`),
  )
  const bytes = zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' })
  await fs.writeFile(file, bytes)
  return bytes
}

/** Every <conditionalFormatting> of the sheet (not the x14 ones in <extLst>), in order. */
function conditionalFormats(xml: string): string[] {
  return [...xml.matchAll(/<conditionalFormatting[\s>].*?<\/conditionalFormatting>/g)].map(
    (match) => match[0],
  )
}

describe('row colours in the .xlsx host', () => {
  it('keep the user’s rules, dxf and x14 rules, and replace the tool’s own on every check', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const original = await demoWithUserRules(file)
    expect((await inProcess(NOW, 'check', file, '--today', TODAY)).status).toBe(EXIT_OK)
    const first = await fs.readFile(file)
    expect((await inProcess(NOW, 'check', file, '--today', TODAY)).status).toBe(EXIT_OK)
    const second = await fs.readFile(file)

    const xml = sheetXml(second, SAMPLES)
    expect(xml).toContain(USER_RULES)
    expect(xml).toContain(USER_EXT)
    // The tool's come after the user's, with priorities after every one of theirs (7 in extLst).
    expect(xml.indexOf(USER_RULES)).toBeLessThan(xml.indexOf('【错误】"</formula>'))
    expect(conditionalFormats(xml)).toEqual([
      ...USER_FORMATS,
      `<conditionalFormatting sqref="${toolRange(second)}">` +
        `<cfRule type="expression" dxfId="1" priority="8"><formula>LEFT($${REMINDER}2,4)="【错误】"</formula></cfRule>` +
        `<cfRule type="expression" dxfId="2" priority="9"><formula>LEFT($${REMINDER}2,4)="【警告】"</formula></cfRule>` +
        '</conditionalFormatting>',
    ])
    // A second check writes the same rules again, not more of them.
    expect(sheetXml(first, SAMPLES)).toBe(xml)
    const styles = new PizZip(second).file('xl/styles.xml')?.asText() ?? ''
    expect(styles).toContain(
      `<dxfs count="3">${USER_DXF}` +
        '<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>' +
        '<dxf><font><color rgb="FF9C5700"/></font><fill><patternFill><bgColor rgb="FFFFEB9C"/></patternFill></fill></dxf></dxfs>',
    )
    // 提醒汇总 reuses the same two dxfs, by 级别.
    const level = String.fromCharCode(65 + TEMPLATES.alerts.columns.findIndex((c) => c.header === '级别'))
    expect(sheetXml(second, ALERTS)).toContain(
      `<cfRule type="expression" dxfId="1" priority="1"><formula>$${level}2="错误"</formula></cfRule>` +
        `<cfRule type="expression" dxfId="2" priority="2"><formula>$${level}2="警告"</formula></cfRule>`,
    )
    expect(packageLosses(original, second)).toEqual([])
  }, 60_000)

  it('are read back by openpyxl with their fills', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    await demoWithUserRules(file)
    expect((await inProcess(NOW, 'check', file, '--today', TODAY)).status).toBe(EXIT_OK)
    const script = [
      'import json, sys, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb[sys.argv[2]]',
      'out = []',
      'for cf in ws.conditional_formatting:',
      '    for rule in cf.rules:',
      '        fill = rule.dxf.fill.bgColor.rgb if rule.dxf is not None and rule.dxf.fill is not None else None',
      '        out.append([str(cf.sqref), rule.type, rule.priority, list(rule.formula), fill])',
      'print(json.dumps(out, ensure_ascii=False))',
    ].join('\n')
    const range = toolRange(await fs.readFile(file))
    const run = spawnSync(PYTHON, ['-c', script, file, SAMPLES], { encoding: 'utf8' })
    // openpyxl warns that it drops the x14 rule (of its own reading, not of the file).
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual([
      ['B2:B31', 'expression', 1, ['LEFT($B2,2)="YJ"'], null],
      ['B2:B31', 'cellIs', 2, ['"【错误】"'], null],
      ['F2:F31', 'dataBar', 3, [], null],
      [range, 'expression', 8, [`LEFT($${REMINDER}2,4)="【错误】"`], 'FFFFC7CE'],
      [range, 'expression', 9, [`LEFT($${REMINDER}2,4)="【警告】"`], 'FFFFEB9C'],
    ])
  }, 60_000)

  it('come off a tab whose 提醒 column the user renamed, the user’s staying', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    await demoWithUserRules(file)
    expect((await inProcess(NOW, 'check', file, '--today', TODAY)).status).toBe(EXIT_OK)
    const zip = new PizZip(await fs.readFile(file))
    const part = sheetPart(zip, SAMPLES)
    const sheet = zip.file(part)?.asText() ?? ''
    expect(sheet.match(/<t>提醒<\/t>/g)).toHaveLength(1)
    zip.file(part, sheet.replace('<t>提醒</t>', '<t>我的提醒</t>'))
    await fs.writeFile(file, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }))
    expect((await inProcess(NOW, 'check', file, '--today', TODAY)).status).toBe(EXIT_OK)
    expect(conditionalFormats(sheetXml(await fs.readFile(file), SAMPLES))).toEqual(USER_FORMATS)
  }, 60_000)
})
