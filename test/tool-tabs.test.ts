/** A tool tab's user columns (回访结果) follow their record's key when the tool rewrites the tab. */
import { describe, expect, it } from 'vitest'
import { writeToolTab } from '../src/app/tool-tabs'
import type { OutputCell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { defineTemplate, isToolColumn } from '../src/core/template'
import { MemoryWorkbook } from './support/memory-workbook'

const CALLBACKS = defineTemplate({
  id: 'callbacks',
  name: '回访抽样',
  kind: 'tool',
  key: '报备编号',
  columns: [
    { header: '月份', type: 'text' },
    { header: '报备编号', type: 'text' },
    { header: '回访结果', type: 'enum', options: ['属实', '非该渠道导客', '未接通'], user: true },
    { header: '回访日期', type: 'date', user: true },
  ],
})

function rows(...keys: string[]): OutputCell[][] {
  return keys.map((key) => ['2026-04', key, null, null])
}

/** The tab as a user left it: header, then rows. */
function bookWith(...body: OutputCell[][]): MemoryWorkbook {
  return new MemoryWorkbook({ [CALLBACKS.name]: [CALLBACKS.columns.map((c) => c.header), ...body] })
}

describe('writeToolTab', () => {
  it('writes the rows as given when the tab is new', () => {
    const book = new MemoryWorkbook()
    expect(writeToolTab(book, CALLBACKS, rows('L-1', 'L-2'))).toEqual({ dropped: 0 })
    expect(book.tabs.get(CALLBACKS.name)?.slice(1)).toEqual(rows('L-1', 'L-2'))
  })

  it('carries each entry to the row of its key, whatever the new order, and counts what has no row', () => {
    const book = bookWith(
      ['2026-04', 'L-1', '未接通', null],
      ['2026-04', 'L-2', '非该渠道导客', { date: '2026-05-06' as IsoDate }],
      ['2026-04', 'L-4', null, null],
    )
    const result = writeToolTab(book, CALLBACKS, rows('L-3', 'L-2', 'L-4'))
    expect(book.tabs.get(CALLBACKS.name)?.slice(1)).toEqual([
      ['2026-04', 'L-3', null, null],
      ['2026-04', 'L-2', '非该渠道导客', { date: '2026-05-06' as IsoDate }],
      ['2026-04', 'L-4', null, null],
    ])
    // L-1 is gone with its one entry; L-4 had none.
    expect(result).toEqual({ dropped: 1 })
  })

  it('finds the columns by header, and a key typed with spaces or as a number', () => {
    const book = new MemoryWorkbook({
      [CALLBACKS.name]: [
        ['回访日期', '报备编号', '回访结果', '月份'],
        [{ date: '2026-05-07' as IsoDate }, ' L-7 ', '属实', '2026-04'],
        [null, 42, '未接通', '2026-04'],
      ],
    })
    writeToolTab(book, CALLBACKS, [...rows('L-7'), ['2026-04', 42, null, null]])
    expect(book.tabs.get(CALLBACKS.name)?.slice(1)).toEqual([
      ['2026-04', 'L-7', '属实', { date: '2026-05-07' as IsoDate }],
      ['2026-04', 42, '未接通', null],
    ])
  })

  it('keeps the first of two rows with one key and counts the copy’s entries as dropped', () => {
    const book = bookWith(
      ['2026-04', 'L-1', '属实', null],
      ['2026-04', 'L-1', '未接通', { date: '2026-05-01' as IsoDate }],
    )
    expect(writeToolTab(book, CALLBACKS, rows('L-1'))).toEqual({ dropped: 2 })
    expect(book.tabs.get(CALLBACKS.name)?.slice(1)).toEqual([['2026-04', 'L-1', '属实', null]])
  })

  it('replaces a tab without user columns outright', () => {
    const plain = defineTemplate({ ...CALLBACKS, columns: CALLBACKS.columns.map(({ user: _, ...c }) => c) })
    const book = bookWith(['2026-04', 'L-1', '属实', null])
    expect(writeToolTab(book, plain, rows('L-1'))).toEqual({ dropped: 0 })
    expect(book.tabs.get(CALLBACKS.name)?.slice(1)).toEqual(rows('L-1'))
  })
})

/** A tab whose rows are identified by several columns, as 提醒汇总 is (台账, 编号, 代码). */
const NOTES = defineTemplate({
  id: 'notes',
  name: '提醒',
  kind: 'tool',
  identity: ['台账', '编号', '代码'],
  columns: [
    { header: '台账', type: 'text' },
    { header: '行', type: 'integer' },
    { header: '编号', type: 'text' },
    { header: '代码', type: 'text' },
    { header: '处理情况', type: 'text', user: true },
  ],
})

describe('writeToolTab when a column of the identity cannot be found', () => {
  it('throws naming the tab and the header, and writes nothing, when a user column holds entries', () => {
    const book = new MemoryWorkbook({
      [NOTES.name]: [
        ['台账', '行', '编号', '编码', '处理情况'],
        ['样件台账', 2, 'YJ-001', 'SAMPLE_EXPIRED', '已送检'],
      ],
    })
    const before = structuredClone(book.tabs.get(NOTES.name))
    expect(() => writeToolTab(book, NOTES, [['样件台账', 2, 'YJ-001', 'SAMPLE_EXPIRED', null]])).toThrow(
      '工作表“提醒”第 1 行找不到“代码”列，无法把“处理情况”中填写的内容对应到各条记录',
    )
    expect(book.tabs.get(NOTES.name)).toEqual(before)
  })

  it('throws the same for a tab keyed by one column (回访抽样 without 报备编号)', () => {
    const book = new MemoryWorkbook({
      [CALLBACKS.name]: [
        ['月份', '编号', '回访结果', '回访日期'],
        ['2026-04', 'L-1', '未接通', null],
      ],
    })
    const before = structuredClone(book.tabs.get(CALLBACKS.name))
    expect(() => writeToolTab(book, CALLBACKS, rows('L-1'))).toThrow(
      '工作表“回访抽样”第 1 行找不到“报备编号”列，无法把“回访结果”中填写的内容对应到各条记录',
    )
    expect(book.tabs.get(CALLBACKS.name)).toEqual(before)
  })

  it('rewrites the tab when the user columns are empty', () => {
    const book = new MemoryWorkbook({
      [NOTES.name]: [
        ['台账', '行', '编号', '编码', '处理情况'],
        ['样件台账', 2, 'YJ-001', 'SAMPLE_EXPIRED', null],
      ],
    })
    const rows: OutputCell[][] = [['样件台账', 2, 'YJ-001', 'SAMPLE_EXPIRED', null]]
    expect(writeToolTab(book, NOTES, rows)).toEqual({ dropped: 0 })
    expect(book.tabs.get(NOTES.name)?.slice(1)).toEqual(rows)
  })
})

describe('writeToolTab with an identity of several columns', () => {
  const header = NOTES.columns.map((c) => c.header)

  it('carries a note by all the identity columns, not by row or by one of them', () => {
    const book = new MemoryWorkbook({
      [NOTES.name]: [
        header,
        ['样件台账', 3, 'YJ-1', 'A', '王立：送检'],
        ['样件台账', 3, 'YJ-1', 'B', '改日期'],
        ['样件台账', 4, 'YJ-2', 'A', null],
      ],
    })
    const result = writeToolTab(book, NOTES, [
      ['样件台账', 4, 'YJ-2', 'A', null],
      ['样件台账', 5, 'YJ-1', 'B', null],
      ['客户档案', 3, 'YJ-1', 'A', null],
    ])
    expect(book.tabs.get(NOTES.name)?.slice(1)).toEqual([
      ['样件台账', 4, 'YJ-2', 'A', null],
      ['样件台账', 5, 'YJ-1', 'B', '改日期'],
      ['客户档案', 3, 'YJ-1', 'A', null],
    ])
    // 样件台账 YJ-1 A is gone with its note.
    expect(result).toEqual({ dropped: 1 })
  })

  it('gives each of two rows of one identity its own note, in order', () => {
    const book = new MemoryWorkbook({
      [NOTES.name]: [header, ['样件台账', 3, 'YJ-1', 'A', null], ['样件台账', 3, 'YJ-1', 'A', '第二条']],
    })
    writeToolTab(book, NOTES, [
      ['样件台账', 3, 'YJ-1', 'A', null],
      ['样件台账', 3, 'YJ-1', 'A', null],
    ])
    expect(book.tabs.get(NOTES.name)?.slice(1)).toEqual([
      ['样件台账', 3, 'YJ-1', 'A', null],
      ['样件台账', 3, 'YJ-1', 'A', '第二条'],
    ])
  })

  it('refuses an identity column that is not a column, or that is a user column', () => {
    expect(() => defineTemplate({ ...NOTES, identity: ['台账', '状态'] })).toThrow(/identity 状态/)
    expect(() => defineTemplate({ ...NOTES, identity: ['处理情况'] })).toThrow(/user columns/)
  })
})

describe('user columns in templates', () => {
  it('are not the tool’s columns, so the hosts give them a user header', () => {
    expect(CALLBACKS.columns.map((column) => isToolColumn(CALLBACKS, column))).toEqual([
      true,
      true,
      false,
      false,
    ])
  })

  it.each([
    ['in a ledger tab', { kind: 'ledger', key: '报备编号' }],
    ['in a tool tab without a key', { kind: 'tool', key: undefined }],
  ])('are refused %s', (_, change) => {
    expect(() => defineTemplate({ ...CALLBACKS, ...change })).toThrow(/user columns/)
  })
})
