/** Issue 13 item 10: ids compare as ids (case, full-width), and 合计 rows are no records. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { readTable } from '../src/core/table'
import { idKey } from '../src/core/text'
import { d, sample, sampleWorkbook, tab } from './support/ledger-builder'

const SAMPLES = TEMPLATES.samples.name

describe('ids compare as ids', () => {
  it.each([
    ['yj-017', 'YJ-017'],
    ['ＹＪ－００１', 'YJ-001'],
    [' YJ-001　', 'YJ-001'],
  ])('%s is the id %s', (typed, id) => {
    expect(idKey(typed)).toBe(id)
  })

  it('yj-017 and YJ-017 in one ledger are a duplicate, shown as typed', () => {
    const table = tab(TEMPLATES.samples, [sample({ 样件编号: 'YJ-017' }), sample({ 样件编号: 'yj-017' })])
    const result = readTable(TEMPLATES.samples, {
      name: SAMPLES,
      header: table[0] ?? [],
      rows: table.slice(1),
    })
    const messages = result.findings.map((f) => f.message)
    expect(messages).toContain('第 3 行 A 列“样件编号”的值“yj-017”与第 2 行重复，编号必须唯一，请改用新编号')
    expect(result.records.map((r) => r.key)).toEqual(['YJ-017', 'yj-017'])
  })

  it('full-width ＹＪ－００１ and the lower-case yj-001 of 样件检验记录 match the sample YJ-001', async () => {
    const book = sampleWorkbook(
      [sample({ 样件编号: 'ＹＪ－００１', 确认日期: d('2025-01-15') })],
      [{ 记录编号: 'JY-1', 样件编号: 'yj-001', 检验日期: d('2026-11-01'), 检验结果: '合格' }],
    )
    const report = await runCheck(book, { today: '2026-12-02' as IsoDate, actor: 'test' })
    expect(report.findings.filter((f) => f.code === 'DATA_INVALID')).toEqual([])
    // calibrated on 2026-11-01 (12 months by default): not due
    expect(book.cell(SAMPLES, 2, '下次校准日期')).toEqual({ date: '2027-11-01' })
  })
})

describe('a 合计 row', () => {
  it('is skipped with one info finding per tab, not reported as bad data', async () => {
    const book = sampleWorkbook([
      sample({ 样件编号: 'YJ-1' }),
      { 样件编号: '合计', 样件名称: '3 件' },
      { 样件编号: '小计：' },
    ])
    const report = await runCheck(book, { today: '2026-06-02' as IsoDate, actor: 'test' })
    expect(report.findings.filter((f) => f.code === 'DATA_INVALID')).toEqual([])
    const skipped = report.findings.filter((f) => f.code === 'ROW_SKIPPED')
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toMatchObject({ sheet: SAMPLES, row: 3, severity: 'info' })
    expect(skipped[0]?.message).toBe(
      '第 3、4 行的“样件编号”是合计、小计或总计：这是合计行，不是一条记录，本次不检查',
    )
  })
})
