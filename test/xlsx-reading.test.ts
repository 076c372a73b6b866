import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Cell } from '../src/core/cells'
import { dateFromSerial, serialFromDate } from '../src/hosts/xlsx/package/cell-xml'
import { showsDate } from '../src/hosts/xlsx/package/styles'
import { day, packageOf, utcDate } from './xlsx-helpers'

/** One cell per ExcelJS value kind in column B, what the core must see in column C. */
interface Expected {
  readonly row: number
  readonly label: string
  readonly value: Cell
}

function everyKindWorkbook(): { workbook: ExcelJS.Workbook; expected: Expected[] } {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('种类')
  sheet.getRow(1).values = ['说明', '值']
  const expected: Expected[] = []
  let row = 2
  const put = (label: string, value: ExcelJS.CellValue, seen: Cell, numFmt?: string): ExcelJS.Cell => {
    const cell = sheet.getCell(row, 2)
    sheet.getCell(row, 1).value = label
    cell.value = value
    if (numFmt) cell.numFmt = numFmt
    expected.push({ row, label, value: seen })
    row++
    return cell
  }
  put('text', '样件 A', '样件 A')
  put('text that looks like a formula', '=1+1', '=1+1')
  put('number', 1280.5, 1280.5)
  put('boolean', true, true)
  put('date', utcDate(2026, 3, 5), { date: day('2026-03-05') })
  put(
    'date and time',
    utcDate(2026, 3, 5, 14, 30),
    { date: day('2026-03-05'), minutes: 870 },
    'yyyy-mm-dd hh:mm',
  )
  put(
    'seconds are dropped',
    utcDate(2026, 3, 5, 8, 59, 40),
    { date: day('2026-03-05'), minutes: 539 },
    'yyyy-mm-dd hh:mm:ss',
  )
  put('serial shown as a date', 46086, { date: day('2026-03-05') }, 'yyyy/m/d')
  put('time only', 0.6041666666666666, '14:30', 'hh:mm')
  put('formula, number', { formula: 'B4*2', result: 2561 }, 2561)
  put('formula, text', { formula: '"甲"&"乙"', result: '甲乙' }, '甲乙')
  put(
    'formula, date',
    { formula: 'B6+1', result: utcDate(2026, 3, 6) },
    { date: day('2026-03-06') },
    'yyyy-mm-dd',
  )
  put('formula, error', { formula: 'NA()', result: { error: '#N/A' } }, '#N/A')
  // Issue 13 item 10: no result is no empty cell; the core reports it as 公式尚未计算.
  put('formula, no cached result', { formula: 'B4' } as ExcelJS.CellFormulaValue, { formula: 'B4' })
  const master = row
  put(
    'shared formula, first cell',
    {
      formula: 'B4+1',
      result: 1281.5,
      shareType: 'shared',
      ref: `B${master}:B${master + 1}`,
    } as ExcelJS.CellFormulaValue,
    1281.5,
  )
  put('shared formula, clone', { sharedFormula: `B${master}`, result: 1282.5 }, 1282.5)
  put('rich text', { richText: [{ text: '加粗', font: { bold: true } }, { text: '普通' }] }, '加粗普通')
  put('hyperlink', { text: '答复单 V-001', hyperlink: 'https://example.com/v-001' }, '答复单 V-001')
  put(
    'hyperlink with rich text',
    {
      text: { richText: [{ text: '链接' }] },
      hyperlink: 'https://example.com',
    } as unknown as ExcelJS.CellHyperlinkValue,
    '链接',
  )
  put('error', { error: '#REF!' }, '#REF!')
  put('empty string', '', '')
  const merged = row
  put('merged range, first cell', '合并', '合并')
  put('merged range, hidden cell', null, null)
  sheet.mergeCells(`B${merged}:B${merged + 1}`)
  // Formatting without a value below the data does not make rows.
  for (let blank = row; blank < row + 5; blank++)
    sheet.getCell(blank, 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }
  return { workbook, expected }
}

/** A row as the core reads it: a cell the host leaves out is an empty one. */
function dense(row: readonly (Cell | undefined)[] | undefined, width: number): Cell[] {
  return Array.from({ length: width }, (_, index) => row?.[index] ?? null)
}

describe('reading a workbook ExcelJS saved, through the package host', () => {
  const originalTimeZone = process.env.TZ
  afterEach(() => {
    process.env.TZ = originalTimeZone
  })

  it('turns every kind of cell into what the user sees', async () => {
    const { workbook, expected } = everyKindWorkbook()
    const table = (await packageOf(workbook)).readTab('种类')
    expect(table?.header).toEqual(['说明', '值'])
    // Rows below the last value (formatting only) are not data rows.
    expect(table?.rows).toHaveLength(expected.length)
    const seen = expected.map(({ row }) => {
      const [label, value] = dense(table?.rows[row - 2], 2)
      return { row, label, value }
    })
    expect(seen).toEqual(expected)
  })

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC'])(
    'reads the same dates when the machine runs in %s',
    async (timeZone) => {
      process.env.TZ = timeZone
      const { workbook, expected } = everyKindWorkbook()
      const rows = (await packageOf(workbook)).readTab('种类')?.rows ?? []
      expect(expected.map(({ row }) => dense(rows[row - 2], 2)[1])).toEqual(
        expected.map(({ value }) => value),
      )
    },
  )

  it('keeps blank rows between records; missing cells read as empty', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('表')
    sheet.getRow(1).values = ['甲', '乙']
    sheet.getCell('A2').value = 'a'
    sheet.getCell('D5').value = 'far'
    const table = (await packageOf(workbook)).readTab('表')
    expect(dense(table?.header, 4)).toEqual(['甲', '乙', null, null])
    expect(table?.rows.map((row) => dense(row, 4))).toEqual([
      ['a', null, null, null],
      [null, null, null, null],
      [null, null, null, null],
      [null, null, null, 'far'],
    ])
  })

  it('reports a missing tab as undefined and lists the tabs in their order', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('第一')
    workbook.addWorksheet('第二')
    const port = await packageOf(workbook)
    expect(port.readTab('没有')).toBeUndefined()
    expect(port.tabNames()).toEqual(['第一', '第二'])
    expect(port.readTab('第一')).toEqual({ name: '第一', header: [], rows: [] })
  })
})

describe('cell value conversion', () => {
  const serial = (date: Date): number => date.getTime() / 86_400_000 + 25569
  it.each([
    [serial(utcDate(2026, 5, 31)), { date: day('2026-05-31') }],
    [serial(utcDate(2024, 2, 29, 23, 59)), { date: day('2024-02-29'), minutes: 1439 }],
    [serial(utcDate(2026, 12, 31, 23, 59, 50)), { date: day('2026-12-31'), minutes: 1439 }],
    [serial(new Date(Date.UTC(2026, 2, 5, 14, 30) - 1)), { date: day('2026-03-05'), minutes: 870 }],
    [serial(new Date(Date.UTC(2026, 2, 5) - 1)), { date: day('2026-03-05') }],
    [0.6041666666666666, '14:30'],
  ] as const)('dateFromSerial(%s)', (value, cell) => {
    expect(dateFromSerial(value, false)).toEqual(cell)
  })

  it('writes dates as serials, to the minute, and refuses minutes outside a day', () => {
    expect(serialFromDate({ date: day('2026-03-05') }, false)).toBe(46086)
    expect(serialFromDate({ date: day('2026-03-05'), minutes: 720 }, false)).toBe(46086.5)
    expect(serialFromDate({ date: day('2026-03-05') }, true)).toBe(46086 - 1462)
    expect(() => serialFromDate({ date: day('2026-03-05'), minutes: 1440 }, false)).toThrow()
  })

  it('round-trips every date the tool writes', () => {
    for (const minutes of [undefined, 0, 5, 870, 1439]) {
      const cell =
        minutes === undefined || minutes === 0
          ? { date: day('2026-03-05') }
          : { date: day('2026-03-05'), minutes }
      expect(dateFromSerial(serialFromDate(cell, false), false)).toEqual(cell)
      expect(dateFromSerial(serialFromDate(cell, true), true)).toEqual(cell)
    }
  })

  it.each([
    ['yyyy-mm-dd', false, true],
    ['yyyy/m/d', false, true],
    ['[$-804]yyyy"年"m"月"d"日"', false, true],
    ['yyyy-mm-dd', true, false],
    ['yyyy-mm-dd hh:mm', true, true],
    ['General', false, false],
    ['0.00', false, false],
    ['"day"0', false, false],
    [undefined, false, false],
  ] as const)('showsDate(%s, withTime=%s) is %s', (numFmt, withTime, shows) => {
    expect(showsDate(numFmt, withTime)).toBe(shows)
  })
})
