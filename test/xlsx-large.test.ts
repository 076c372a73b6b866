/**
 * What big workbooks keep in the xlsx host, which edits the package instead of loading it:
 * - a dropdown over a whole column stays the one range the file states from opening to saving
 *   (ExcelJS alone expands it into a million single-cell entries when it opens the file);
 * - cells the tool does not write keep their XML and their style; styles the tool needs are only
 *   appended, so the saved workbook reads back exactly as before, apart from the tool's cells.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { openWorkbookFile, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import {
  day,
  packageParts,
  removeTemporaryDirectories,
  sheetXml,
  temporaryDirectory,
  utcDate,
  type ValidationXml,
  validationsIn,
} from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

interface DataValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>
}

/** The validation whose ranges (sqref) take in `address`, as Excel would apply it. */
function validationCovering(list: readonly ValidationXml[], address: string): ValidationXml | undefined {
  const position = (reference: string) => {
    const match = /^([A-Z]+)(\d+)$/.exec(reference)
    if (!match) throw new Error(`not a cell: ${reference}`)
    const column = [...(match[1] as string)].reduce((sum, char) => sum * 26 + char.charCodeAt(0) - 64, 0)
    return { row: Number(match[2]), column }
  }
  const cell = position(address)
  return list.find((validation) =>
    validation.sqref.split(/\s+/).some((range) => {
      const [first, last = first] = range.split(':') as [string, string?]
      const from = position(first)
      const to = position(last)
      return (
        cell.row >= from.row && cell.row <= to.row && cell.column >= from.column && cell.column <= to.column
      )
    }),
  )
}

describe('dropdowns over whole columns', () => {
  it('open as the ranges the file states and are saved back as the same ranges', async () => {
    const file = path.join(await temporaryDirectory(), 'columns.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('台账')
    sheet.getCell('A1').value = '状态'
    sheet.getCell('B1').value = '提醒'
    const list: ExcelJS.DataValidation = { type: 'list', allowBlank: true, formulae: ['"在用,隔离"'] }
    const whole: ExcelJS.DataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0] }
    ;(sheet as unknown as { dataValidations: DataValidations }).dataValidations.model = {
      'E1:E1048576': list,
      'G2:H9': whole,
      J5: list,
    }
    await workbook.xlsx.writeFile(file)
    const block = (xml: string) => /<dataValidations[\s\S]*?<\/dataValidations>/.exec(xml)?.[0]
    const original = block(sheetXml(await fs.readFile(file), '台账'))
    for (let round = 0; round < 2; round++) {
      const opened = await openWorkbookFile(file)
      expect(opened.readTab('台账')?.header).toEqual(['状态', '提醒'])
      // The tab is rewritten (the tool writes a cell of it), not only copied.
      opened.writeCells('台账', [{ row: 2, column: 1, value: `第 ${round} 次` }])
      await saveWorkbookFile(opened, file)
      const xml = sheetXml(await fs.readFile(file), '台账')
      expect(block(xml)).toBe(original)
      const saved = validationsIn(xml)
      expect(saved.map((validation) => validation.sqref).sort()).toEqual(['E1:E1048576', 'G2:H9', 'J5'])
      expect(validationCovering(saved, 'E1048576')).toMatchObject({ type: 'list', formula1: '"在用,隔离"' })
      expect(validationCovering(saved, 'H9')).toMatchObject({ type: 'whole', operator: 'greaterThan' })
      expect(validationCovering(saved, 'H10')).toBeUndefined()
      expect(validationCovering(saved, 'J5')).toMatchObject({ type: 'list' })
    }
  })
})

/** Every cell as it reads back: value, type and number format. */
async function cellsOf(bytes: ArrayBuffer | Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as ExcelJS.Buffer)
  const cells: string[] = []
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push(JSON.stringify([sheet.name, cell.address, cell.type, cell.value, cell.numFmt ?? null]))
      })
    })
  }
  return cells
}

function mixedWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('混合')
  const values: ExcelJS.CellValue[] = [
    '文字',
    12.5,
    true,
    utcDate(2026, 3, 5),
    { formula: 'B1*2', result: 25 },
    { formula: 'A1&"x"', result: '文字x' },
    { text: '链接', hyperlink: 'https://example.com' },
    { error: '#N/A' },
    null,
  ]
  for (let row = 1; row <= 40; row++) {
    values.forEach((value, index) => {
      sheet.getCell(row, index + 1).value = value
    })
  }
  // A styled cell among them keeps its own style.
  sheet.getCell('B2').numFmt = '0.00%'
  sheet.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"'
  return workbook
}

/** The <c> elements of a sheet's XML in columns A to I (the ones the tests below never write). */
function userCells(xml: string): string[] {
  return [...xml.matchAll(/<c r="[A-I]\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((match) => match[0])
}

/** The <xf> elements of styles.xml's cellXfs: a cell's s="n" is the n-th of them. */
function cellFormats(styles: string): string[] {
  const block = /<cellXfs[\s\S]*?<\/cellXfs>/.exec(styles)?.[0] ?? ''
  return [...block.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((match) => match[0])
}

describe('cells the tool does not write', () => {
  it('read back exactly as before the save (values, types and number formats)', async () => {
    const bytes = Buffer.from(await mixedWorkbook().xlsx.writeBuffer())
    const port = XlsxPackage.fromBytes(bytes)
    port.writeCells(
      '混合',
      Array.from({ length: 40 }, (_, index) => ({ row: index + 1, column: 9, value: `工具 ${index + 1}` })),
    )
    const saved = await port.toBuffer()
    // ExcelJS lists the empty, unstyled cells up to a row's last cell, which is now further right.
    const present = (cells: string[]) => cells.filter((cell) => !cell.endsWith(',0,null,null]'))
    const notJ = (cells: string[]) => cells.filter((cell) => !/^\["混合","J\d+"/.test(cell))
    const before = present(await cellsOf(bytes))
    const after = present(await cellsOf(saved))
    expect(notJ(after)).toEqual(before)
    expect(after.length - before.length).toBe(40)
  })

  it("keep their XML and style, and a style the tool needs is appended without renumbering the user's", async () => {
    const bytes = Buffer.from(await mixedWorkbook().xlsx.writeBuffer())
    const stylesBefore = packageParts(bytes).get('xl/styles.xml')?.toString('utf8') ?? ''
    const textOnly = XlsxPackage.fromBytes(bytes)
    textOnly.writeCells('混合', [{ row: 2, column: 9, value: '文字' }])
    const withText = await textOnly.toBuffer()
    // Text needs no style: styles.xml is the user's, byte for byte.
    expect(packageParts(withText).get('xl/styles.xml')?.toString('utf8')).toBe(stylesBefore)
    expect(userCells(sheetXml(withText, '混合'))).toEqual(userCells(sheetXml(bytes, '混合')))

    const dates = XlsxPackage.fromBytes(bytes)
    dates.writeCells('混合', [
      { row: 2, column: 9, value: { date: day('2026-03-05') } },
      { row: 3, column: 9, value: { date: day('2026-03-05'), minutes: 615 } },
    ])
    const withDates = await dates.toBuffer()
    const formatsBefore = cellFormats(stylesBefore)
    const formatsAfter = cellFormats(packageParts(withDates).get('xl/styles.xml')?.toString('utf8') ?? '')
    expect(formatsAfter.slice(0, formatsBefore.length)).toEqual(formatsBefore)
    expect(formatsAfter.length).toBeGreaterThan(formatsBefore.length)
    expect(userCells(sheetXml(withDates, '混合'))).toEqual(userCells(sheetXml(bytes, '混合')))
    const cells = await cellsOf(withDates)
    expect(cells).toContain(
      JSON.stringify(['混合', 'J2', ExcelJS.ValueType.Date, utcDate(2026, 3, 5), 'yyyy-mm-dd']),
    )
    expect(cells).toContain(
      JSON.stringify(['混合', 'J3', ExcelJS.ValueType.Date, utcDate(2026, 3, 5, 10, 15), 'yyyy-mm-dd hh:mm']),
    )
  })
})
