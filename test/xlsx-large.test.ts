/**
 * What makes big workbooks fast in the xlsx host, and must not change what is saved:
 * - a dropdown over a whole column stays one range from opening to saving (ExcelJS alone expands it
 *   into a million single-cell entries when it opens the file);
 * - cells with an empty style share one style object per value type before saving, and the saved
 *   workbook reads back exactly as without the sharing (values, types, number formats).
 */
import * as path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { validationAt, validationHolder } from '../src/hosts/xlsx/data-validations'
import { shareEmptyStyles } from '../src/hosts/xlsx/empty-styles'
import { openWorkbookFile, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { removeTemporaryDirectories, temporaryDirectory, utcDate } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

describe('dropdowns over whole columns', () => {
  it('open as the ranges the file states and are saved back as the same ranges', async () => {
    const file = path.join(await temporaryDirectory(), 'columns.xlsx')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('台账')
    sheet.getCell('A1').value = '状态'
    const list: ExcelJS.DataValidation = { type: 'list', allowBlank: true, formulae: ['"在用,隔离"'] }
    const whole: ExcelJS.DataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0] }
    validationHolder(sheet).model = { 'E1:E1048576': list, 'G2:H9': whole, J5: list }
    await saveWorkbookFile(workbook, file)
    for (let round = 0; round < 2; round++) {
      const opened = (await openWorkbookFile(file)).getWorksheet('台账') as ExcelJS.Worksheet
      expect(Object.keys(validationHolder(opened).model).sort()).toEqual(['E1:E1048576', 'G2:H9', 'J5'])
      expect(validationAt(opened, 'E1048576')).toMatchObject({ type: 'list', formulae: ['"在用,隔离"'] })
      expect(validationAt(opened, 'H9')).toMatchObject({ type: 'whole', operator: 'greaterThan' })
      expect(validationAt(opened, 'H10')).toBeUndefined()
      expect(validationAt(opened, 'J5')).toMatchObject({ type: 'list' })
      await saveWorkbookFile(opened.workbook, file)
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

describe('sharing empty styles before saving', () => {
  it('saves what ExcelJS saves without it', async () => {
    const plain = await mixedWorkbook().xlsx.writeBuffer()
    const workbook = mixedWorkbook()
    for (const sheet of workbook.worksheets) shareEmptyStyles(sheet)
    const shared = await workbook.xlsx.writeBuffer()
    expect(await cellsOf(shared)).toEqual(await cellsOf(plain))
  })

  it('gives the cells of one value type one style object, and leaves styled and formula cells theirs', () => {
    const workbook = mixedWorkbook()
    const sheet = workbook.getWorksheet('混合') as ExcelJS.Worksheet
    const formulaStyle = sheet.getCell('E1').style
    shareEmptyStyles(sheet)
    expect(sheet.getCell('A1').style).toBe(sheet.getCell('A40').style)
    expect(sheet.getCell('B1').style).toBe(sheet.getCell('B40').style)
    expect(sheet.getCell('A1').style).not.toBe(sheet.getCell('B1').style)
    expect(sheet.getCell('B2').numFmt).toBe('0.00%')
    expect(sheet.getCell('B2').style).not.toBe(sheet.getCell('B1').style)
    expect(sheet.getCell('E1').style).toBe(formulaStyle)
  })
})
