import { describe, expect, it } from 'vitest'
import { blankHeaderProblems, runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { UnusableTabError } from '../src/core/table'
import { d, sample, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const SAMPLES = TEMPLATES.samples
const HEADERS = SAMPLES.columns.map((column) => column.header)
const CONFIRMED = HEADERS.indexOf('确认日期')
const LETTER = String.fromCharCode(65 + CONFIRMED)
const options = { actor: 'test', today: '2026-11-28' as IsoDate }

/** A 样件台账 whose 确认日期 header cell was blanked, its data still under it. */
function blankedBook(): MemoryWorkbook {
  const rows = tab(SAMPLES, [sample({ 确认日期: d('2026-01-15') }), sample({ 样件编号: 'YJ-002' })])
  const header = rows[0] as Cell[]
  header[CONFIRMED] = null
  return new MemoryWorkbook({ [SAMPLES.name]: rows })
}

describe('init never adds a header beside a header-less column of data', () => {
  it('refuses, names the column and the header it should have, and writes nothing', () => {
    const book = blankedBook()
    const before = JSON.stringify([...book.tabs])
    expect(() => runInit(book, options)).toThrow(UnusableTabError)
    expect(() => runInit(book, options)).toThrow(
      `“样件台账”第 ${LETTER} 列有数据但没有表头，按模板这一列应是“确认日期”：请在 ${LETTER}1 填写“确认日期”后再运行“taizhang init”`,
    )
    expect(JSON.stringify([...book.tabs])).toBe(before)
    expect(book.writes).toEqual([])
  })

  it('once the header is filled in, init goes ahead and adds nothing to 样件台账', () => {
    const book = blankedBook()
    const rows = book.tabs.get(SAMPLES.name) as Cell[][]
    ;(rows[0] as Cell[])[CONFIRMED] = '确认日期'
    const report = runInit(book, options)
    expect(report.addedHeaders.find(({ tab }) => tab === SAMPLES.name)).toBeUndefined()
    expect(book.tabs.get(SAMPLES.name)?.[0]?.filter((cell) => cell === '确认日期')).toHaveLength(1)
  })

  it('a blanked header whose column is empty is appended as before', () => {
    const header: Cell[] = HEADERS.map((name) => (name === '确认日期' ? null : name))
    const book = new MemoryWorkbook({ [SAMPLES.name]: [header, HEADERS.map(() => null)] })
    const report = runInit(book, options)
    expect(report.addedHeaders).toContainEqual({ tab: SAMPLES.name, headers: ['确认日期'] })
  })

  it('a column of data with no header anywhere the template expects one: refused, missing headers named', () => {
    // 确认日期 dropped from its place; data sits in a column beyond the user's own 备注 column.
    const header: Cell[] = [...HEADERS.filter((name) => name !== '确认日期'), '备注', null]
    const row: Cell[] = header.map(() => null)
    row[header.length - 1] = '2026-01-15'
    const problems = blankHeaderProblems(
      SAMPLES,
      { name: SAMPLES.name, header, rows: [row] },
      'taizhang init',
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('有数据但没有表头')
    expect(problems[0]).toContain('“确认日期”')
  })

  it('a header-less column of data in a tab with every header is left alone', () => {
    const header: Cell[] = [...HEADERS, null]
    const row: Cell[] = header.map(() => null)
    row[header.length - 1] = '自用备注'
    expect(
      blankHeaderProblems(SAMPLES, { name: SAMPLES.name, header, rows: [row] }, 'taizhang init'),
    ).toEqual([])
  })

  it('in Sheets the message names the menu item', () => {
    const book = Object.assign(blankedBook(), { initCommand: '台账 → 初始化台账' })
    expect(() => runInit(book, options)).toThrow('后再运行“台账 → 初始化台账”')
  })
})
