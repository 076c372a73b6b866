/**
 * Issue 13 item 5: a tab the tool makes prints landscape, one page wide, its header row on every page,
 * the tab's name and the page number in the footer; a tool tab gets that each time it is written; a
 * tab of the user's keeps the print settings its user gave it. openpyxl reads the settings back, as
 * an independent reader of the file.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import type { OutputCell } from '../src/core/cells'
import { cellTextWidth, column, columnWidth, writtenColumnWidth } from '../src/core/template'
import { withFitToPage, withPrintTitles } from '../src/hosts/xlsx/package/print-setup'
import { wrappedRowHeights, XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { readZip, writeZip } from './support/zip-parts'
import {
  day,
  LEDGER,
  minimalWorkbook,
  removeTemporaryDirectories,
  sheetXml,
  TOOL_TAB,
  temporaryDirectory,
} from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const PYTHON = '/usr/bin/python3'

interface PrintSettings {
  readonly orientation: string | null
  readonly paperSize: number | null
  readonly fitToWidth: number | null
  readonly fitToHeight: number | null
  readonly fitToPage: boolean | null
  readonly titleRows: string | null
  readonly footerLeft: string | null
  readonly footerRight: string | null
  readonly tabColor: string | null
}

interface PrintDump {
  readonly sheets: Readonly<Record<string, PrintSettings>>
  /** Workbook-wide names, and each sheet's own names other than its print titles. */
  readonly names: readonly string[]
  readonly wrapped: Readonly<Record<string, boolean>>
  readonly heights: Readonly<Record<string, number | null>>
}

/** What openpyxl reads of each tab's print settings (and of 提醒汇总's 说明 column, when there is one). */
function printSettings(file: string): PrintDump {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
sheets = {}
wrapped = {}
heights = {}
for ws in wb.worksheets:
    props = ws.sheet_properties
    fit = props.pageSetUpPr.fitToPage if props.pageSetUpPr is not None else None
    sheets[ws.title] = {
        'orientation': ws.page_setup.orientation,
        'paperSize': int(ws.page_setup.paperSize) if ws.page_setup.paperSize is not None else None,
        'fitToWidth': int(ws.page_setup.fitToWidth) if ws.page_setup.fitToWidth is not None else None,
        'fitToHeight': int(ws.page_setup.fitToHeight) if ws.page_setup.fitToHeight is not None else None,
        'fitToPage': fit,
        'titleRows': ws.print_title_rows,
        'footerLeft': ws.oddFooter.left.text,
        'footerRight': ws.oddFooter.right.text,
        'tabColor': props.tabColor.rgb if props.tabColor is not None else None,
    }
    header = [c.value for c in ws[1]]
    if '说明' in header:
        column = header.index('说明') + 1
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row=row, column=column)
            if cell.value is not None:
                wrapped[ws.title + '!' + cell.coordinate] = bool(cell.alignment.wrap_text)
            heights[ws.title + '!' + str(row)] = ws.row_dimensions[row].height
names = [d.name + '=' + str(d.attr_text) + '@' + str(d.localSheetId) for d in wb.defined_names.definedName]
for ws in wb.worksheets:
    for d in getattr(ws, 'defined_names', {}).values() if isinstance(getattr(ws, 'defined_names', None), dict) else []:
        names.append(d.name + '=' + str(d.attr_text) + '@' + ws.title)
print(json.dumps({'sheets': sheets, 'names': sorted(names), 'wrapped': wrapped, 'heights': heights}, ensure_ascii=False))
`
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) as PrintDump
}

/**
 * A workbook as a user keeps it (written by openpyxl): the ledger tab prints portrait on A3 with
 * rows 1–2 repeated and a footer of its own; a tool tab an older version made, with no settings; a
 * third tab with a name of its own (a print area); and a workbook-wide name.
 */
async function usersWorkbook(directory: string): Promise<string> {
  const file = path.join(directory, 'users.xlsx')
  const headers = JSON.stringify(LEDGER.columns.map((column) => column.header))
  const toolHeaders = JSON.stringify(TOOL_TAB.columns.map((column) => column.header))
  execFileSync(PYTHON, [
    '-c',
    `
import sys, json, openpyxl
from openpyxl.workbook.defined_name import DefinedName
wb = openpyxl.Workbook()
ledger = wb.active
ledger.title = '${LEDGER.name}'
ledger.append(json.loads('${headers}'))
ledger.append(['S-1', '样件', '甲类'])
ledger.append(['说明行'])
ledger.page_setup.orientation = 'portrait'
ledger.page_setup.paperSize = ledger.PAPERSIZE_A3
ledger.print_title_rows = '1:2'
ledger.oddFooter.center.text = '本公司内部资料'
tool = wb.create_sheet('${TOOL_TAB.name}')
tool.append(json.loads('${toolHeaders}'))
tool.append(['旧', 1, '旧的一行', None])
tool.page_setup.orientation = 'portrait'
other = wb.create_sheet('封面')
other['A1'] = '封面'
other.print_area = 'A1:D10'
wb.defined_names.append(DefinedName('库存合计', attr_text="'封面'!$A$1"))
wb.save(sys.argv[1])
`,
    file,
  ])
  return file
}

describe('print settings of the tabs the tool makes', () => {
  it('a new tab prints landscape A4, one page wide, header row repeated, tab name and page in the footer', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, 'new.xlsx')
    const port = XlsxPackage.blank()
    port.ensureTab(TOOL_TAB)
    port.ensureTab(LEDGER)
    await fs.writeFile(file, await port.toBuffer())
    const { sheets } = printSettings(file)
    for (const name of [LEDGER.name, TOOL_TAB.name]) {
      expect(sheets[name], name).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToWidth: 1,
        fitToHeight: 0,
        fitToPage: true,
        titleRows: '$1:$1',
        footerLeft: '&A',
        footerRight: '第 &P 页 / 共 &N 页',
      })
    }
    // The tool tab keeps its colour beside the fit-to-page switch.
    expect(sheets[TOOL_TAB.name]?.tabColor).toBe('FF8EA9DB')
    expect(sheets[LEDGER.name]?.tabColor).toBeNull()
  })

  it('each tab of a new workbook repeats its own header row, whatever order the tabs were made in', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, 'order.xlsx')
    const port = XlsxPackage.blank()
    // 提醒汇总 is made first but sorts after 样件台账 (template order): localSheetId follows the tabs.
    port.ensureTab(TEMPLATES.alerts)
    port.ensureTab(TEMPLATES.samples)
    await fs.writeFile(file, await port.toBuffer())
    const workbook = packageText(await fs.readFile(file), 'xl/workbook.xml')
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'${TEMPLATES.samples.name}'!$1:$1</definedName>`,
    )
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'${TEMPLATES.alerts.name}'!$1:$1</definedName>`,
    )
    expect(printSettings(file).sheets[TEMPLATES.alerts.name]?.titleRows).toBe('$1:$1')
  })

  it('a tool tab gets them when it is rewritten; the user’s tabs and names keep theirs exactly', async () => {
    const directory = await temporaryDirectory()
    const source = await usersWorkbook(directory)
    const before = printSettings(source)
    const port = XlsxPackage.fromBytes(await fs.readFile(source))
    // The ledger gains its missing headers and owned cells; the tool tab is replaced; 操作日志 is new.
    port.ensureTab(LEDGER)
    port.writeColumns(LEDGER.name, [{ column: 6, values: [{ date: day('2026-12-01') }] }])
    port.replaceToolTab(TOOL_TAB, [['测试台账', 2, '新的一行', null]])
    port.ensureTab(TEMPLATES.log)
    const file = path.join(directory, 'after.xlsx')
    await fs.writeFile(file, await port.toBuffer())
    const after = printSettings(file)

    expect(before.names).toContain("库存合计='封面'!$A$1@None")
    expect(after.sheets[LEDGER.name]).toEqual(before.sheets[LEDGER.name])
    expect(after.sheets[LEDGER.name]).toMatchObject({
      orientation: 'portrait',
      paperSize: 8,
      titleRows: '1:2',
    })
    expect(after.sheets.封面).toEqual(before.sheets.封面)
    expect(after.names).toEqual(before.names)
    expect(after.sheets[TOOL_TAB.name]).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      fitToPage: true,
      titleRows: '$1:$1',
      footerLeft: '&A',
    })
    expect(after.sheets[TEMPLATES.log.name]).toMatchObject({ orientation: 'landscape', titleRows: '$1:$1' })
    // The print area of 封面 (localSheetId 2) is still 封面's; the new tab is the fourth (3).
    const workbook = packageText(await fs.readFile(file), 'xl/workbook.xml')
    expect(workbook).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="2">'封面'!\$A\$1:\$D\$10</)
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="3">'${TEMPLATES.log.name}'!$1:$1</definedName>`,
    )
    expect(workbook.match(/_xlnm.Print_Titles" localSheetId="0"/g)).toHaveLength(1)
  })

  it('writing a tool tab again adds no second print-titles name and leaves the workbook part alone', async () => {
    const directory = await temporaryDirectory()
    const first = XlsxPackage.blank()
    first.replaceToolTab(TOOL_TAB, [['测试台账', 2, '一', null]])
    const once = await first.toBuffer()
    const second = XlsxPackage.fromBytes(once)
    second.replaceToolTab(TOOL_TAB, [['测试台账', 3, '二', null]])
    const twice = await second.toBuffer()
    expect(packageText(twice, 'xl/workbook.xml')).toBe(packageText(once, 'xl/workbook.xml'))
    const xml = sheetXml(twice, TOOL_TAB.name)
    expect(xml.match(/<pageSetup\s/g)).toHaveLength(1)
    expect(xml.match(/<headerFooter>/g)).toHaveLength(1)
    expect(xml.match(/<pageSetUpPr\s/g)).toHaveLength(1)
    const file = path.join(directory, 'twice.xlsx')
    await fs.writeFile(file, twice)
    expect(printSettings(file).sheets[TOOL_TAB.name]?.titleRows).toBe('$1:$1')
  })

  it('adds no print titles where a reader would count the tabs wrong (a <sheet> without r:id)', async () => {
    const bytes = minimalWorkbook()
    const port = XlsxPackage.fromBytes(
      withPartsEdited(
        bytes,
        (name) => name === 'xl/workbook.xml',
        (xml) => xml.replace('</sheets>', '<sheet name="无关系" sheetId="2" r:id=""/></sheets>'),
      ),
    )
    port.ensureTab(TEMPLATES.log)
    const saved = await port.toBuffer()
    expect(packageText(saved, 'xl/workbook.xml')).not.toContain('Print_Titles')
    // The page setup does not depend on the tab's place: it is there.
    expect(sheetXml(saved, TEMPLATES.log.name)).toContain('orientation="landscape"')
  })

  it('quotes a tab name with an apostrophe in its print titles', () => {
    const workbook =
      '<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><calcPr/></workbook>'
    expect(withPrintTitles(workbook, '', 0, "王'汇总")).toBe(
      `<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'王''汇总'!$1:$1</definedName></definedNames><calcPr/></workbook>`,
    )
    // A sheet with print titles of its own keeps them, however the name is spelled.
    const own =
      '<workbook><sheets/><definedNames><definedName localSheetId="0" name="_xlnm.print_titles">A!$1:$3</definedName></definedNames></workbook>'
    expect(withPrintTitles(own, '', 0, 'A')).toBe(own)
  })

  it.each([
    [
      'no sheetPr',
      '<worksheet xmlns="m"><dimension ref="A1"/>',
      '<worksheet xmlns="m"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1"/>',
    ],
    [
      'an empty sheetPr with a code name',
      '<worksheet><sheetPr codeName="Sheet1"/><dimension ref="A1"/>',
      '<worksheet><sheetPr codeName="Sheet1"><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1"/>',
    ],
    [
      'a tab colour and outline',
      '<x:worksheet><x:sheetPr><x:tabColor rgb="FF0000FF"/><x:outlinePr summaryBelow="0"/></x:sheetPr>',
      '<x:worksheet><x:sheetPr><x:tabColor rgb="FF0000FF"/><x:outlinePr summaryBelow="0"/><x:pageSetUpPr fitToPage="1"/></x:sheetPr>',
    ],
    [
      'pageSetUpPr without fitToPage',
      '<worksheet><sheetPr><pageSetUpPr autoPageBreaks="0"/></sheetPr>',
      '<worksheet><sheetPr><pageSetUpPr fitToPage="1" autoPageBreaks="0"/></sheetPr>',
    ],
    [
      'fitToPage off',
      '<worksheet><sheetPr><pageSetUpPr fitToPage="0"/></sheetPr>',
      '<worksheet><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    ],
  ])('switches fit-to-page on in a tool tab with %s, keeping the rest', (_, before, after) => {
    const p = before.startsWith('<x:') ? 'x:' : ''
    expect(withFitToPage(before, p)).toBe(after)
  })
})

describe('提醒汇总 wraps 说明', () => {
  it('wraps each 说明 and gives a long one the lines it needs; a shorter one next time shrinks its row', async () => {
    const directory = await temporaryDirectory()
    const template = TEMPLATES.alerts
    const explanation = template.columns.findIndex((column) => column.header === '说明')
    const row = (text: string) => template.columns.map((_, index) => (index === explanation ? text : null))
    const long = '样件“前门铰链总成（左）”已于 2026-11-02 过期，请停止使用并重新封样。'.repeat(4)
    const port = XlsxPackage.blank()
    port.replaceToolTab(template, [row(long), row('短')])
    const once = path.join(directory, 'once.xlsx')
    await fs.writeFile(once, await port.toBuffer())
    const first = printSettings(once)
    expect(Object.values(first.wrapped)).toEqual([true, true])
    const height = first.heights[`${template.name}!2`] ?? 0
    expect(height).toBeGreaterThanOrEqual(4 * 15)
    expect(first.heights[`${template.name}!3`]).toBeNull()

    const next = XlsxPackage.fromBytes(await fs.readFile(once))
    next.replaceToolTab(template, [row('短')])
    const twice = path.join(directory, 'twice.xlsx')
    await fs.writeFile(twice, await next.toBuffer())
    expect(printSettings(twice).heights[`${template.name}!2`]).toBeNull()
  })

  it('counts lines by display width (a Chinese character is two units) and by line breaks', () => {
    const template = TEMPLATES.alerts
    const explanation = template.columns.findIndex((column) => column.header === '说明')
    const width = template.columns[explanation]?.width ?? 0
    const row = (text: string | number) =>
      template.columns.map((_, index) => (index === explanation ? text : null))
    const heights = wrappedRowHeights(
      template,
      [row('中'.repeat(width / 2)), row('a'.repeat(width - 1)), row('一\n二\n三'), row(12345)],
      2,
      7,
    )
    // 2 and 3 lines of 16.5 points.
    expect([...heights]).toEqual([
      [2, 33],
      [3, undefined],
      [4, 49.5],
      [5, undefined],
      // Rows below the new ones lose the height the old rows had.
      [6, undefined],
      [7, undefined],
    ])
  })
})

/** The package with the text of each part whose name `matches` rewritten by `edit`, as another writer leaves it. */
function withPartsEdited(
  bytes: Buffer,
  matches: (name: string) => boolean,
  edit: (xml: string) => string,
): Buffer {
  return writeZip(
    readZip(bytes).map((part) => ({
      name: part.name,
      data: matches(part.name) ? Buffer.from(edit(part.data.toString('utf8'))) : part.data,
    })),
  )
}

const isWorksheet = (name: string): boolean => name.startsWith('xl/worksheets/')

function packageText(bytes: Uint8Array, part: string): string {
  const found = readZip(Buffer.from(bytes)).find((entry) => entry.name === part)
  if (!found) throw new Error(`no part ${part}`)
  return found.data.toString('utf8')
}

describe('a tool tab’s columns are as wide as what the tool writes (issue 13 item 6)', () => {
  const template = TEMPLATES.alerts
  const code = template.columns.findIndex((column) => column.header === '代码')
  const explanation = template.columns.findIndex((column) => column.header === '说明')
  const row = (text: string): OutputCell[] =>
    template.columns.map((_, index) =>
      index === code ? text : index === explanation ? '说明'.repeat(40) : null,
    )
  const widthOf = (xml: string, column: number): number | undefined => {
    for (const match of xml.matchAll(/<col\s[^>]*>/g)) {
      const tag = match[0]
      if (tag.includes(` min="${column + 1}" `) && tag.includes(` max="${column + 1}" `))
        return Number(/\swidth="([^"]+)"/.exec(tag)?.[1])
    }
    return undefined
  }

  it('widens 代码 for LEAD_DISTRIBUTOR_STOP_SUGGESTED, never narrows it, and leaves 说明 (wrapped) alone', async () => {
    const longCode = 'LEAD_DISTRIBUTOR_STOP_SUGGESTED'
    const port = XlsxPackage.blank()
    port.replaceToolTab(template, [row(longCode)])
    const once = await port.toBuffer()
    const xml = sheetXml(once, template.name)
    // 28 capitals × 1.2 + 3 underscores = 36.6 → 37 units, and 2 for the margins.
    expect(widthOf(xml, code)).toBe(39)
    expect(widthOf(xml, code)).toBe(cellTextWidth(longCode) + 2)
    expect(widthOf(xml, explanation)).toBe(columnWidth(column(template, '说明')))

    // A shorter code next time keeps the width; so does a width the user gave the column.
    const next = XlsxPackage.fromBytes(once)
    next.replaceToolTab(template, [row('DATA_INVALID')])
    expect(widthOf(sheetXml(await next.toBuffer(), template.name), code)).toBe(cellTextWidth(longCode) + 2)
    const widened = XlsxPackage.fromBytes(
      withPartsEdited(once, isWorksheet, (xml) =>
        xml.replace(
          `<col min="${code + 1}" max="${code + 1}" width="39"`,
          `<col min="${code + 1}" max="${code + 1}" width="45"`,
        ),
      ),
    )
    widened.replaceToolTab(template, [row(longCode)])
    expect(widthOf(sheetXml(await widened.toBuffer(), template.name), code)).toBe(45)
  })

  it('replaces single-quoted width and height attributes instead of adding a second one', async () => {
    const longCode = 'LEAD_DISTRIBUTOR_STOP_SUGGESTED'
    const port = XlsxPackage.blank()
    port.replaceToolTab(template, [row(longCode)])
    const once = await port.toBuffer()
    // Another writer quoted the attributes with ' (XML allows either).
    const quoted = withPartsEdited(once, isWorksheet, (xml) =>
      xml
        .replace(
          new RegExp(`<col min="${code + 1}" max="${code + 1}" width="39"([^>]*?) customWidth="1"`),
          `<col min="${code + 1}" max="${code + 1}" width='5'$1 customWidth='0'`,
        )
        .replace(/<row r="2" ht="[^"]*" customHeight="1"/, `<row r="2" ht='12' customHeight='1'`),
    )
    expect(sheetXml(quoted, template.name)).toContain("width='5'")
    expect(sheetXml(quoted, template.name)).toContain("ht='12'")
    const next = XlsxPackage.fromBytes(quoted)
    next.replaceToolTab(template, [row(longCode)])
    const xml = sheetXml(await next.toBuffer(), template.name)
    const col = xml.match(new RegExp(`<col min="${code + 1}" max="${code + 1}"[^>]*>`))?.[0] ?? ''
    expect(col.match(/\swidth\s*=/g)).toHaveLength(1)
    expect(col.match(/\scustomWidth\s*=/g)).toHaveLength(1)
    expect(widthOf(xml, code)).toBe(39)
    const row2 = xml.match(/<row r="2"[^>]*>/)?.[0] ?? ''
    expect(row2.match(/\sht\s*=/g)).toHaveLength(1)
    expect(row2.match(/\scustomHeight\s*=/g)).toHaveLength(1)
  })

  it.each([
    ['a date', { date: day('2026-12-02') }, 12],
    ['a short code', 'DATA_INVALID', 30],
    ['a company name', '广汽埃安新能源汽车有限公司', 30],
    ['a very long value', 'x'.repeat(400), 50],
  ] as [string, OutputCell, number][])('a tool column holding %s is %i wide', (_, value, width) => {
    const target =
      value !== null && typeof value === 'object'
        ? column(TEMPLATES.alerts, '期限')
        : column(template, '代码')
    expect(writtenColumnWidth(target, [value, null, ''])).toBe(width)
  })
})
