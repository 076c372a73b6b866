import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { ALL_TEMPLATES, TEMPLATES } from '../src/app/tabs'
import type { OutputCell } from '../src/core/cells'
import { locateColumns } from '../src/core/table'
import { OWNED_COLUMN_NOTE, textWidth } from '../src/core/template'
import { OWNED_HEADER } from '../src/hosts/xlsx/package/new-sheet'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { newWorkbook, openWorkbookFile, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'

import {
  day,
  LEDGER,
  LOG_TAB,
  packageOf,
  packageParts,
  readBack,
  removeTemporaryDirectories,
  reopened,
  sheetXml,
  TOOL_TAB,
  temporaryDirectory,
  utcDate,
  validationAt,
  validationsIn,
} from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const HEADERS_AS_THE_USER_ARRANGED_THEM = [
  '名称',
  '编号',
  '我的备注',
  '提醒',
  '类别',
  '确认日期',
  '到期日',
  '到访时间',
  '数量',
]
const SHARED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }

/** A ledger the way a user keeps it: columns moved, a column of their own, formats, notes, merges. */
function userWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(LEDGER.name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] })
  sheet.getRow(1).values = HEADERS_AS_THE_USER_ARRANGED_THEM
  sheet.getRow(1).font = { bold: true, color: { argb: 'FF0000FF' } }
  const records: ExcelJS.CellValue[][] = [
    [
      '前门铰链',
      'S-001',
      '客户很关注',
      '旧提醒',
      '甲类',
      utcDate(2026, 1, 10),
      '旧到期',
      utcDate(2026, 1, 9, 9, 30),
      2,
    ],
    ['后门铰链', 'S-002', null, null, '乙类', utcDate(2026, 2, 1), null, null, 3],
    ['卡扣', 'S-003', '合并说明', '=SUM(1)', '丙类', '2026/3/1', null, null, null],
    [
      '密封条',
      'S-004',
      null,
      null,
      '甲类',
      utcDate(2026, 3, 5),
      null,
      null,
      { formula: 'B2&"-x"', result: 'S-001-x' },
    ],
  ]
  records.forEach((values, index) => {
    sheet.getRow(index + 2).values = values
  })
  sheet.getCell('A2').font = { bold: true, color: { argb: 'FFFF0000' } }
  sheet.getCell('F2').numFmt = 'yyyy/m/d'
  sheet.getCell('F3').numFmt = 'yyyy/m/d'
  sheet.getCell('F5').numFmt = 'yyyy"年"m"月"d"日"'
  sheet.getCell('C2').note = '用户自己的批注'
  sheet.mergeCells('C4:C5')
  sheet.getColumn('C').width = 30
  sheet.getRow(3).height = 28
  // A user cell and an owned cell with the same look: ExcelJS loads them sharing one style object.
  sheet.getCell('B3').fill = SHARED_FILL
  sheet.getCell('G3').fill = SHARED_FILL
  // An owned cell the user coloured: the colour stays when the tool writes the value.
  sheet.getCell('G2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }
  sheet.getCell('D2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }
  // A user formula that uses the tool's column.
  sheet.getCell('J1').value = '剩余天数'
  sheet.getCell('J2').value = { formula: 'G2-TODAY()', result: 3 }
  validations(sheet).add('E2:E100', {
    type: 'list',
    allowBlank: true,
    formulae: ['"甲类,乙类,丙类"'],
  })
  sheet.addConditionalFormatting({
    ref: 'A2:A5',
    rules: [
      {
        type: 'containsText',
        operator: 'containsText',
        text: '铰链',
        priority: 1,
        style: { font: { italic: true } },
      },
    ],
  })
  workbook.definedNames.add(`'${LEDGER.name}'!$B$2:$B$5`, '编号区')
  const other = workbook.addWorksheet('我的统计')
  other.getCell('A1').value = { formula: `COUNTA('${LEDGER.name}'!B:B)`, result: 5 }
  other.getCell('B2').value = '别动我'
  other.getCell('B2').border = { top: { style: 'thick' } }
  return workbook
}

interface DataValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>
  add(address: string, validation: ExcelJS.DataValidation): void
}

/** A sheet's data validations in ExcelJS 4.4, left out of its published types. */
function validations(worksheet: ExcelJS.Worksheet): DataValidations {
  return (worksheet as ExcelJS.Worksheet & { dataValidations: DataValidations }).dataValidations
}

interface Snapshot {
  readonly cells: Map<string, string>
  readonly sheet: string
}

/** Everything a user could have changed in a tab, cell by cell plus the tab's own settings. */
function snapshot(workbook: ExcelJS.Workbook, name: string): Snapshot {
  const worksheet = workbook.getWorksheet(name)
  if (!worksheet) throw new Error(`no ${name}`)
  const cells = new Map<string, string>()
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells.set(
        cell.address,
        JSON.stringify({ value: cell.value, style: cell.style, note: cell.note ?? null }),
      )
    })
  })
  const model = worksheet.model as unknown as Record<string, unknown>
  const sheet = JSON.stringify({
    merges: model.merges,
    views: worksheet.views,
    columns: worksheet.columns?.map((column) => ({ width: column.width, hidden: column.hidden })),
    heights: [1, 2, 3, 4, 5].map((row) => worksheet.getRow(row).height ?? null),
    validations: validations(worksheet).model,
    conditional: model.conditionalFormattings,
  })
  return { cells, sheet }
}

function columnOf(address: string): string {
  return address.replace(/\d+$/, '')
}

async function savedUserBook(): Promise<string> {
  const directory = await temporaryDirectory()
  const file = path.join(directory, 'book.xlsx')
  await userWorkbook().xlsx.writeFile(file)
  return file
}

describe('writing owned columns', () => {
  it('writes only the owned cells and leaves every other cell, style and setting of the user as it was', async () => {
    const file = await savedUserBook()
    const before = await readBack(file)
    const port = await openWorkbookFile(file)
    const table = port.readTab(LEDGER.name)
    if (!table) throw new Error('tab not read')
    const columns = locateColumns(LEDGER, table.header)
    const due: OutputCell[] = [
      { date: day('2027-01-10') },
      { date: day('2027-02-01') },
      null,
      { date: day('2027-03-05') },
    ]
    const alerts: OutputCell[] = [null, '即将到期', '=不是公式', null]
    port.writeColumns(LEDGER.name, [
      { column: columns.get('到期日') as number, values: due },
      { column: columns.get('提醒') as number, values: alerts },
    ])
    await saveWorkbookFile(port, file)
    // The user's formulas over the tool's columns are recomputed when Excel opens the file.
    const workbookXml = packageParts(await fs.readFile(file))
      .get('xl/workbook.xml')
      ?.toString('utf8')
    expect(workbookXml).toMatch(/<calcPr\b[^>]*\sfullCalcOnLoad="1"/)
    const after = await readBack(file)

    const owned = new Set(['D', 'G'])
    for (const name of [LEDGER.name, '我的统计']) {
      const old = snapshot(before, name)
      const now = snapshot(after, name)
      expect(now.sheet).toEqual(old.sheet)
      for (const [address, cell] of old.cells) {
        if (name === LEDGER.name && owned.has(columnOf(address)) && address !== 'D1' && address !== 'G1')
          continue
        expect({ address, cell: now.cells.get(address) }).toEqual({ address, cell })
      }
    }
    expect(after.definedNames.model).toEqual(before.definedNames.model)
    expect(after.worksheets.map((worksheet) => worksheet.name)).toEqual([LEDGER.name, '我的统计'])

    const sheet = after.getWorksheet(LEDGER.name) as ExcelJS.Worksheet
    expect([2, 3, 4, 5].map((row) => sheet.getCell(`G${row}`).value)).toEqual([
      utcDate(2027, 1, 10),
      utcDate(2027, 2, 1),
      null,
      utcDate(2027, 3, 5),
    ])
    expect(sheet.getCell('G2').numFmt).toBe('yyyy-mm-dd')
    expect(sheet.getCell('G2').fill).toEqual(before.getWorksheet(LEDGER.name)?.getCell('G2').fill)
    expect([2, 3, 4, 5].map((row) => sheet.getCell(`D${row}`).value)).toEqual([
      null,
      '即将到期',
      '=不是公式',
      null,
    ])
    expect(sheet.getCell('D4').type).toBe(ExcelJS.ValueType.String)
    expect(sheet.getCell('D2').fill).toEqual(before.getWorksheet(LEDGER.name)?.getCell('D2').fill)
    // The user cell that shared a style object with G3 did not get the date format.
    expect(sheet.getCell('B3').numFmt).toBe(before.getWorksheet(LEDGER.name)?.getCell('B3').numFmt)
  })

  it('keeps a date format the user chose for an owned column and adds the time only when needed', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet(LEDGER.name)
    sheet.getRow(1).values = LEDGER.columns.map((column) => column.header)
    sheet.getCell('G2').numFmt = 'yyyy"年"m"月"d"日"'
    sheet.getCell('G3').numFmt = 'yyyy/m/d'
    sheet.getCell('A2').value = 'S-1'
    sheet.getCell('A3').value = 'S-2'
    const port = await packageOf(workbook)
    port.writeColumns(LEDGER.name, [
      { column: 6, values: [{ date: day('2026-04-01') }, { date: day('2026-04-02'), minutes: 615 }] },
    ])
    const written = (await readBack(await port.toBuffer())).getWorksheet(LEDGER.name) as ExcelJS.Worksheet
    expect(written.getCell('G2').numFmt).toBe('yyyy"年"m"月"d"日"')
    expect(written.getCell('G3').numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(written.getCell('G3').value).toEqual(utcDate(2026, 4, 2, 10, 15))
  })

  it('writes rows 2..n+1 only', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('表')
    sheet.getRow(1).values = ['编号', '提醒']
    for (let row = 2; row <= 6; row++) sheet.getCell(`B${row}`).value = `旧 ${row}`
    const port = await packageOf(workbook)
    port.writeColumns('表', [{ column: 1, values: ['新 2', null] }])
    const written = (await readBack(await port.toBuffer())).getWorksheet('表') as ExcelJS.Worksheet
    expect([1, 2, 3, 4, 5, 6].map((row) => written.getCell(`B${row}`).value)).toEqual([
      '提醒',
      '新 2',
      null,
      '旧 4',
      '旧 5',
      '旧 6',
    ])
  })

  it('writes out a shared formula that other cells still use before overwriting its first cell', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('表')
    sheet.getRow(1).values = ['数', '提醒', '用户']
    sheet.getCell('A2').value = 1
    sheet.getCell('A3').value = 2
    sheet.getCell('B2').value = {
      formula: 'A2*2',
      result: 2,
      shareType: 'shared',
      ref: 'B2:C3',
    } as ExcelJS.CellFormulaValue
    sheet.getCell('B3').value = { sharedFormula: 'B2', result: 4 }
    sheet.getCell('C2').value = { sharedFormula: 'B2', result: 2 }
    sheet.getCell('C3').value = { sharedFormula: 'B2', result: 4 }
    const port = await packageOf(workbook)
    port.writeColumns('表', [{ column: 1, values: ['甲', '乙'] }])
    const written = (await readBack(await port.toBuffer())).getWorksheet('表') as ExcelJS.Worksheet
    expect(written.getCell('B2').value).toBe('甲')
    expect(written.getCell('B3').value).toBe('乙')
    expect(written.getCell('C2').formula).toBe('B2*2')
    expect(written.getCell('C3').formula).toBe('B3*2')
  })
})

describe('tool tabs', () => {
  it('creates a tool tab, replaces its rows and clears the rows left over from the previous run', async () => {
    const rows: OutputCell[][] = [
      ['样件台账', 2, '甲', { date: day('2026-03-05') }],
      ['样件台账', 3, '乙', null],
      ['样件台账', 4, '丙', null],
    ]
    // Two replacements in one run: the last one is what is saved.
    const once = XlsxPackage.blank()
    once.replaceToolTab(TOOL_TAB, rows)
    once.replaceToolTab(TOOL_TAB, [['客户档案', 9, '丁', { date: day('2026-04-01') }]])
    expect((await reopened(once)).readTab(TOOL_TAB.name)?.rows).toEqual([
      ['客户档案', 9, '丁', { date: '2026-04-01' }],
    ])
    // The next run replaces the rows of the previous one.
    const port = XlsxPackage.blank()
    port.replaceToolTab(TOOL_TAB, rows)
    const first = await reopened(port)
    first.replaceToolTab(TOOL_TAB, [['客户档案', 9, '丁', { date: day('2026-04-01') }]])
    const reread = await reopened(first)
    expect(reread.readTab(TOOL_TAB.name)).toEqual({
      name: TOOL_TAB.name,
      header: ['台账', '行', '说明', '期限'],
      rows: [['客户档案', 9, '丁', { date: '2026-04-01' }]],
    })
    reread.replaceToolTab(TOOL_TAB, [])
    expect((await reopened(reread)).readTab(TOOL_TAB.name)?.rows).toEqual([])
  })

  it('finds a tool tab column by its header when the user moved it', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet(TOOL_TAB.name)
    sheet.getRow(1).values = ['期限', '说明', '行', '台账', '我的批注']
    sheet.getCell('E2').value = '用户的字'
    const port = await packageOf(workbook)
    port.replaceToolTab(TOOL_TAB, [['样件台账', 2, '甲', { date: day('2026-03-05') }]])
    expect((await reopened(port)).readTab(TOOL_TAB.name)?.rows).toEqual([
      [{ date: '2026-03-05' }, '甲', 2, '样件台账', '用户的字'],
    ])
  })

  it('appends log rows after the last row', async () => {
    const port = XlsxPackage.blank()
    port.appendRows(LOG_TAB, [['10:00', '检查']])
    port.appendRows(LOG_TAB, [['11:00', '初始化']])
    const next = await reopened(port)
    next.appendRows(LOG_TAB, [['12:00', '计划']])
    next.appendRows(LOG_TAB, [['13:00', '报告']])
    expect((await reopened(next)).readTab(LOG_TAB.name)?.rows).toEqual([
      ['10:00', '检查'],
      ['11:00', '初始化'],
      ['12:00', '计划'],
      ['13:00', '报告'],
    ])
  })
})

describe('ensureTab', () => {
  it('gives a column the width its template asks for (提醒汇总 说明 is wide enough to read)', async () => {
    const port = newWorkbook()
    port.ensureTab(TEMPLATES.alerts)
    const saved = await readBack(await port.toBuffer())
    const sheet = saved.getWorksheet(TEMPLATES.alerts.name) as ExcelJS.Worksheet
    TEMPLATES.alerts.columns.forEach((column, index) => {
      expect(sheet.getColumn(index + 1).width, column.header).toBe(column.width)
    })
  })

  it('creates a tab with a frozen, filterable header, marked tool columns, dropdowns and date formats', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, 'new.xlsx')
    const port = XlsxPackage.blank({ layoutRows: 300 })
    const seeded = port.ensureTab(LEDGER, [['S-1', '样件', '甲类', { date: day('2026-03-05') }, null, 2]])
    expect(seeded).toEqual({ created: true, addedHeaders: [] })
    await saveWorkbookFile(port, file)
    const sheet = (await readBack(file)).getWorksheet(LEDGER.name) as ExcelJS.Worksheet

    expect(sheet.getRow(1).values).toEqual([undefined, ...LEDGER.columns.map((column) => column.header)])
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    for (const [index, column] of LEDGER.columns.entries()) {
      const header = sheet.getCell(1, index + 1)
      expect(header.font?.bold).toBe(true)
      const fill = header.fill as ExcelJS.FillPattern
      if (column.owned) {
        expect(fill.fgColor?.argb).toBe(OWNED_HEADER.fill)
        expect(String(typeof header.note === 'string' ? header.note : JSON.stringify(header.note))).toContain(
          OWNED_COLUMN_NOTE,
        )
      } else {
        expect(fill.fgColor?.argb).not.toBe(OWNED_HEADER.fill)
      }
      expect(sheet.getColumn(index + 1).width).toBeGreaterThanOrEqual(textWidth(column.header))
    }
    expect(validationAt(sheet, 'C2')).toMatchObject({ type: 'list', formulae: ['"甲类,乙类,丙类"'] })
    expect(validationAt(sheet, 'C300')).toEqual(validationAt(sheet, 'C2'))
    expect(validationAt(sheet, 'C301')).toBeUndefined()
    expect(validationAt(sheet, 'A2')).toBeUndefined()
    expect(sheet.getColumn(4).numFmt).toBe('yyyy-mm-dd')
    expect(sheet.getColumn(5).numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'S-1',
      '样件',
      '甲类',
      utcDate(2026, 3, 5),
      undefined,
      2,
    ])
  })

  it('appends missing headers after the last used column without moving data, and only once', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet(LEDGER.name)
    sheet.getRow(1).values = ['名称', '编号 ', '我的备注', '确认日期']
    sheet.getRow(2).values = ['铰链', 'S-1', '留着', utcDate(2026, 1, 1)]
    // A column without a header that still holds data must not be taken over.
    sheet.getCell('F3').value = '没有表头的数据'
    sheet.autoFilter = 'A1:D1'
    const port = await packageOf(workbook)
    const before = port.readTab(LEDGER.name)
    const result = port.ensureTab(LEDGER, [['不该写入']])
    expect(result).toEqual({ created: false, addedHeaders: ['类别', '到访时间', '数量', '到期日', '提醒'] })
    const bytes = await port.toBuffer()
    const saved = XlsxPackage.fromBytes(bytes)
    const after = saved.readTab(LEDGER.name)
    // A cell the host leaves out of a row is an empty one.
    expect(Array.from(after?.header ?? [], (cell) => cell ?? null)).toEqual([
      '名称',
      '编号 ',
      '我的备注',
      '确认日期',
      null,
      null,
      '类别',
      '到访时间',
      '数量',
      '到期日',
      '提醒',
    ])
    expect(after?.rows.map((row) => row.slice(0, 6))).toEqual(before?.rows.map((row) => row.slice(0, 6)))
    expect(after?.rows.flatMap((row) => Array.from(row.slice(6), (cell) => cell ?? null))).toEqual([])
    const updated = (await readBack(bytes)).getWorksheet(LEDGER.name) as ExcelJS.Worksheet
    expect(updated.autoFilter).toEqual('A1:K1')
    // The appended 类别 gets its dropdown and 到访时间 its date check; the user's 确认日期 (D) and the
    // tool's 到期日 get none.
    expect(validationsIn(sheetXml(bytes, LEDGER.name))).toEqual([
      expect.objectContaining({ sqref: 'G2:G5000', type: 'list' }),
      { sqref: 'H2:H5000', type: 'date', operator: 'greaterThan', formula1: '1' },
    ])
    expect(validationAt(updated, 'G2')).toMatchObject({ type: 'list' })
    expect(validationAt(updated, 'G5000')).toMatchObject({ type: 'list' })
    expect(validationAt(updated, 'G5001')).toBeUndefined()
    expect(port.ensureTab(LEDGER)).toEqual({ created: false, addedHeaders: [] })
    expect(saved.ensureTab(LEDGER)).toEqual({ created: false, addedHeaders: [] })
  })

  it('orders the tabs of a new workbook as the templates list them, and appends to an existing one', async () => {
    const fresh = newWorkbook()
    for (const template of [...ALL_TEMPLATES].reverse()) fresh.ensureTab(template)
    const saved = await readBack(await fresh.toBuffer())
    expect(saved.worksheets.map((worksheet) => worksheet.name)).toEqual(
      ALL_TEMPLATES.map((template) => template.name),
    )

    const existing = new ExcelJS.Workbook()
    existing.addWorksheet('用户的表')
    const port = await packageOf(existing)
    port.ensureTab(ALL_TEMPLATES[1] as never)
    port.ensureTab(ALL_TEMPLATES[0] as never)
    expect((await readBack(await port.toBuffer())).worksheets.map((worksheet) => worksheet.name)).toEqual([
      '用户的表',
      ALL_TEMPLATES[1]?.name,
      ALL_TEMPLATES[0]?.name,
    ])
  })

  it('builds every real template into a tab the core can read', () => {
    const port = newWorkbook()
    for (const template of ALL_TEMPLATES) {
      port.ensureTab(template)
      const table = port.readTab(template.name)
      expect(table && [...locateColumns(template, table.header).keys()]).toEqual(
        template.columns.map((c) => c.header),
      )
    }
  })
})

describe('dropdowns across round trips', () => {
  it('opens and saves a range of dropdowns as one range however often the file is opened and saved', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, 'dv.xlsx')
    const port = XlsxPackage.blank({ layoutRows: 1200 })
    port.ensureTab(LEDGER)
    await saveWorkbookFile(port, file)
    const columns = locateColumns(LEDGER, port.readTab(LEDGER.name)?.header ?? [])
    for (let run = 0; run < 2; run++) {
      const workbook = await openWorkbookFile(file)
      // Kept as the range the file states, not one entry per cell (which made opening slow).
      expect(validationsIn(sheetXml(await fs.readFile(file), LEDGER.name)).map((v) => v.sqref)).toEqual([
        'C2:C1200',
        'D2:D1200',
        'E2:E1200',
      ])
      // The tab is rewritten (an owned column gets values), not only copied.
      workbook.writeColumns(LEDGER.name, [
        { column: columns.get('提醒') as number, values: [`第 ${run} 次`] },
      ])
      await saveWorkbookFile(workbook, file)
      expect(validationsIn(sheetXml(await fs.readFile(file), LEDGER.name)).map((v) => v.sqref)).toEqual([
        'C2:C1200',
        'D2:D1200',
        'E2:E1200',
      ])
    }
  })

  it("passes the user's own dropdowns through as they are, however they are grouped", async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('表')
    sheet.getRow(1).values = ['编号', '提醒', '是否', '数', '其他']
    const list: ExcelJS.DataValidation = { type: 'list', formulae: ['"是,否"'] }
    const other: ExcelJS.DataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0] }
    const model = validations(sheet).model
    for (const address of ['C2', 'C3', 'C10', 'D2', 'C4', 'A2', 'D3', 'C11', 'D4']) model[address] = list
    model.E2 = other
    model.E3 = other
    model['F2:F9'] = list
    model.F5 = other
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const original = sheetXml(bytes, '表')
    const port = XlsxPackage.fromBytes(bytes)
    port.writeColumns('表', [{ column: 1, values: ['甲', '乙', null, '丁'] }])
    const saved = await port.toBuffer()
    const rewritten = sheetXml(saved, '表')
    const block = (xml: string) => /<dataValidations[\s\S]*?<\/dataValidations>/.exec(xml)?.[0]
    expect(block(original)).toBeDefined()
    expect(block(rewritten)).toBe(block(original))
    const reread = (await readBack(saved)).getWorksheet('表') as ExcelJS.Worksheet
    expect([2, 3, 4, 5].map((row) => reread.getCell(`B${row}`).value)).toEqual(['甲', '乙', null, '丁'])
    for (const address of ['A2', 'C2', 'C11', 'D4', 'F2', 'F9'])
      expect(validationAt(reread, address), address).toMatchObject({ type: 'list' })
    expect(validationAt(reread, 'E3')).toMatchObject({ type: 'whole', operator: 'greaterThan' })
    expect(validationAt(reread, 'B2')).toBeUndefined()
  })
})
