/**
 * What the daily check reads of a tab the first check filled (提醒汇总 of every finding): only the
 * columns it needs, and only the notes there are; and the local host's scanner reads a row larger
 * than a chunk the same whatever the chunks. Behaviour only: the memory this saves is the bench's.
 */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { carryUserEntries, readUserEntries } from '../src/app/tool-tabs'
import type { ColumnChoice } from '../src/app/workbook-port'
import type { OutputCell } from '../src/core/cells'
import type { SheetTable } from '../src/core/table'
import { SheetScanner } from '../src/hosts/xlsx/package/sheet-scanner'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { MemoryWorkbook } from './support/memory-workbook'
import { day, LOG_TAB, TOOL_TAB } from './xlsx-helpers'

const ALERTS = TEMPLATES.alerts
const HEADERS = ALERTS.columns.map((column) => column.header)

/** A row of 提醒汇总 as the check writes it, with the user's 处理情况 and 暂缓至. */
function alert(row: number, code: string, note: OutputCell = null, until: OutputCell = null): OutputCell[] {
  const cells: OutputCell[] = HEADERS.map(() => null)
  const set = (header: string, value: OutputCell): void => {
    cells[HEADERS.indexOf(header)] = value
  }
  set('台账', '样件台账')
  set('行', row)
  set('编号', `YJ-${row}`)
  set('代码', code)
  set('级别', '错误')
  set('说明', `第 ${row} 行的说明，很长很长的一段文字`)
  set('处理情况', note)
  set('暂缓至', until)
  return cells
}

/** MemoryWorkbook that remembers which columns each read asked for. */
class ChoosingWorkbook extends MemoryWorkbook {
  readonly chosen: (readonly string[] | undefined)[] = []

  override readTab(name: string, columns?: ColumnChoice): SheetTable | undefined {
    const table = super.readTab(name)
    if (table === undefined) return undefined
    const choice = columns?.(table.header)
    this.chosen.push(
      choice === undefined
        ? undefined
        : [...choice].sort((a, b) => a - b).map((i) => String(table.header[i])),
    )
    if (choice === undefined) return table
    // As a host that honours the choice: the other cells are left out.
    const rows = table.rows.map((cells) => cells.map((cell, i) => (choice.has(i) ? cell : null)))
    return { ...table, rows }
  }
}

describe('reading 提醒汇总 for the user’s notes', () => {
  it('asks only for the identity and user columns, found by header wherever they are', () => {
    // The user moved 处理情况 to the front.
    const moved = ['处理情况', ...HEADERS.filter((header) => header !== '处理情况')]
    const reorder = (cells: OutputCell[]): OutputCell[] =>
      moved.map((header) => cells[HEADERS.indexOf(header)] ?? null)
    const book = new ChoosingWorkbook({
      [ALERTS.name]: [moved, reorder(alert(2, 'A', '已送检')), reorder(alert(3, 'B'))],
    })
    const entries = readUserEntries(book, ALERTS)
    expect(book.chosen).toEqual([['处理情况', '台账', '编号', '代码', '暂缓至']])
    expect(carryUserEntries(ALERTS, [alert(2, 'A'), alert(3, 'B')], entries)).toEqual([
      alert(2, 'A', '已送检'),
      alert(3, 'B'),
    ])
  })

  it('keeps the notes there are and no entry for the rows without one; a note keeps its place', () => {
    const rows = Array.from({ length: 200 }, (_, i) => alert(i + 2, 'A'))
    // Two rows of one identity (two bad cells of one record): only the second has a note.
    rows.push(alert(2, 'A', null), alert(2, 'A', '第二条'))
    rows.push(alert(7, 'B', null, { date: day('2026-04-01') }))
    const book = new MemoryWorkbook({ [ALERTS.name]: [HEADERS, ...rows] })
    const entries = readUserEntries(book, ALERTS)
    // 样件台账 · YJ-2 · A and 样件台账 · YJ-7 · B: not one entry per row of the tab.
    expect(entries.entries.size).toBe(2)
    const carried = carryUserEntries(
      ALERTS,
      [alert(2, 'A'), alert(2, 'A'), alert(2, 'A'), alert(7, 'B')],
      entries,
    )
    expect(carried).toEqual([
      alert(2, 'A'),
      alert(2, 'A'),
      alert(2, 'A', '第二条'),
      alert(7, 'B', null, { date: day('2026-04-01') }),
    ])
  })

  it('reads the whole tab when its header cannot be placed, and reports it as before', () => {
    const book = new ChoosingWorkbook({ [ALERTS.name]: [[...HEADERS, '编号'], alert(2, 'A', '已送检')] })
    expect(() => readUserEntries(book, ALERTS)).toThrow(/两列都叫“编号”/)
    expect(book.chosen).toEqual([undefined])
  })
})

describe('the local host reading some columns of a tab', () => {
  it('leaves the other cells out of the rows, keeps the header whole and the extent of every cell', async () => {
    const pkg = XlsxPackage.blank()
    pkg.replaceToolTab(TOOL_TAB, [
      ['甲', 2, '一', null],
      [null, null, '只有说明', null],
    ])
    pkg.appendRows(LOG_TAB, [['2026-03-05 07:00', '初始化']])
    const next = XlsxPackage.fromBytes(await pkg.toBuffer())
    const table = next.readTab(TOOL_TAB.name, () => new Set([0, 1]))
    expect(table?.header).toEqual(TOOL_TAB.columns.map((column) => column.header))
    expect(table?.rows).toEqual([['甲', 2], []])
    // The last row holds a value only in a column not read: it is still the tab's last row.
    next.appendRows(TOOL_TAB, [['乙', 4, '二', null]])
    const after = XlsxPackage.fromBytes(await next.toBuffer()).readTab(TOOL_TAB.name)
    expect(after?.rows.map((cells) => cells[2])).toEqual(['一', '只有说明', '二'])
  })
})

describe('SheetScanner', () => {
  /** The rows (and the text after them) of `xml` pushed in chunks of `size` characters. */
  function scanned(xml: string, size: number): string[] {
    const seen: string[] = []
    const scanner = new SheetScanner({
      before: (text) => seen.push(`before:${text}`),
      row: (text, gap) => seen.push(`row:${gap}|${text}`),
      after: (text, gap) => seen.push(`after:${gap}|${text}`),
    })
    for (let at = 0; at < xml.length; at += size) scanner.push(xml.slice(at, at + size))
    scanner.end()
    return seen
  }

  it('reads a row far larger than its chunks as it reads it whole', () => {
    const long = '长'.repeat(3 << 20)
    const row = (r: number, text: string): string =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`
    const xml = `<worksheet><sheetData>${row(1, '表头')}\n${row(2, long)}${row(3, '短')}${row(4, long)}</sheetData><pageMargins/></worksheet>`
    const whole = scanned(xml, xml.length)
    // Compared as booleans: a failure must not print megabytes.
    expect(whole).toHaveLength(6)
    expect(whole[2] === `row:\n|${row(2, long)}`).toBe(true)
    expect(whole[5]).toBe('after:|</sheetData><pageMargins/></worksheet>')
    for (const size of [4096, 65_536, 1 << 20]) {
      const chunked = scanned(xml, size)
      expect(chunked.length).toBe(whole.length)
      expect(chunked.every((text, index) => text === whole[index])).toBe(true)
    }
  })

  it('still refuses a row larger than any ledger, read in small chunks', () => {
    const xml = `<worksheet><sheetData><row r="1"><c><v>${'9'.repeat(65 << 20)}`
    expect(() => scanned(xml, 65_536)).toThrow(/too large/)
  })
})
