import { describe, expect, it } from 'vitest'
import { runInit } from '../../../src/app/init'
import { runPlan } from '../../../src/app/plan'
import { ALL_TEMPLATES, TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { d, sample, sampleWorkbook } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const options = { today: '2026-11-28' as IsoDate, actor: 'test' }

describe('annual plans (样件管理办法 4.2.1 附件1; 样件管理规范 5.2.4)', () => {
  const workbook = () =>
    sampleWorkbook([
      // 冲压件 confirmed 2026-03-10: calibration and expiry both fall due 2027-03-10
      sample({ 样件编号: 'P-1', 材料类别: '冲压件', 确认日期: d('2026-03-10') }),
      // 塑料件 expired 2026-07-20, before the year: replaced first, in January; calibrated 2026-06-01 → due 2027-06
      sample({
        样件编号: 'P-2',
        材料类别: '塑料件',
        确认日期: d('2026-01-20'),
        上次校准日期: d('2026-06-01'),
      }),
      // due after the plan year: not planned
      sample({ 样件编号: 'P-3', 材料类别: '冲压件', 确认日期: d('2027-12-01') }),
      // destroyed: never planned
      sample({ 样件编号: 'P-4', 材料类别: '冲压件', 确认日期: d('2026-02-01'), 状态: '已销毁' }),
    ])

  it('lists each sample due in the year with its planned month', async () => {
    const book = workbook()
    const report = await runPlan(book, 2027, options)
    expect(report).toMatchObject({ year: 2027, inspections: 2, replacements: 2 })
    const inspection = book.tabs.get(TEMPLATES.inspectionPlan.name) ?? []
    expect(inspection.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([
      [2027, 3, 'P-1'],
      [2027, 6, 'P-2'],
    ])
    const replacement = book.tabs.get(TEMPLATES.replacementPlan.name) ?? []
    expect(replacement.slice(1).map((row) => [row[1], row[2], row[8]])).toEqual([
      [1, 'P-2', d('2026-07-20')],
      [3, 'P-1', d('2027-03-10')],
    ])
    expect(String(replacement[1]?.[11])).toContain('已于 2026-07-20 过期')
  })

  it('regenerating replaces the plan instead of appending to it', async () => {
    const book = workbook()
    await runPlan(book, 2027, options)
    await runPlan(book, 2027, options)
    expect(book.tabs.get(TEMPLATES.inspectionPlan.name)).toHaveLength(3)
  })

  it.each([1999, 2101, 2027.5, Number.NaN])('refuses the year %s', async (year) => {
    await expect(runPlan(workbook(), year, options)).rejects.toThrow(RangeError)
  })
})

describe('初始化台账', () => {
  it('creates every tab with its header, the 参数 rows, and logs it', () => {
    const book = new MemoryWorkbook()
    const report = runInit(book, options)
    expect(report.createdTabs).toEqual(ALL_TEMPLATES.map((t) => t.name))
    for (const template of ALL_TEMPLATES) {
      expect(book.tabs.get(template.name)?.[0]).toEqual(
        expect.arrayContaining(template.columns.map((c) => c.header)),
      )
    }
    const parameters = book.tabs.get(TEMPLATES.parameters.name) ?? []
    expect(parameters.slice(1).map((row) => row[0])).toContain('有效期(月)-橡胶件')
    expect(book.tabs.get(TEMPLATES.log.name)?.[1]?.[1]).toBe('初始化台账')
  })

  it('on an existing workbook adds only what is missing and keeps the data', () => {
    const header = TEMPLATES.samples.columns.map((c) => c.header).filter((h) => h !== '提醒')
    const book = new MemoryWorkbook({
      [TEMPLATES.samples.name]: [
        [...header, '自用列'],
        ['YJ-1', '铰链'],
      ],
    })
    const report = runInit(book, options)
    expect(report.createdTabs).not.toContain(TEMPLATES.samples.name)
    expect(report.addedHeaders).toEqual([{ tab: TEMPLATES.samples.name, headers: ['提醒'] }])
    expect(book.tabs.get(TEMPLATES.samples.name)?.[1]).toEqual(['YJ-1', '铰链'])
    const again = runInit(book, options)
    expect(again.createdTabs).toEqual([])
    expect(again.addedHeaders).toEqual([])
    expect(again.summary).toContain('齐全')
  })
})

describe('a plan made before its year (issue 13 item 8)', () => {
  const today = { today: '2026-12-02' as IsoDate, actor: 'test' }
  const notes = async (rows: Parameters<typeof sampleWorkbook>[0]) => {
    const book = sampleWorkbook(rows)
    await runPlan(book, 2027, today)
    const rowsOf = (name: string) => (book.tabs.get(name) ?? []).slice(1)
    return {
      inspections: rowsOf(TEMPLATES.inspectionPlan.name).map((row) => [row[2], row[10]]),
      replacements: rowsOf(TEMPLATES.replacementPlan.name).map((row) => [row[2], row[6], row[11]]),
    }
  }

  it('says 将于 for a date still ahead, 今天到期 on the day, 已于 once passed, as check does', async () => {
    const { inspections, replacements } = await notes([
      // 冲压件 (12 months by default): A due 2026-12-27, still ahead on 2026-12-02
      sample({ 样件编号: 'A', 材料类别: '冲压件', 确认日期: d('2025-12-27') }),
      sample({ 样件编号: 'B', 材料类别: '冲压件', 确认日期: d('2025-12-02') }),
      sample({ 样件编号: 'C', 材料类别: '冲压件', 确认日期: d('2025-11-02') }),
    ])
    expect(replacements.map((row) => [row[0], row[2]])).toEqual([
      ['A', '将于 2026-12-27 到期，年初优先更换'],
      ['B', '今天到期（2026-12-02），年初优先更换'],
      ['C', '已于 2026-11-02 过期，年初优先更换'],
    ])
    expect(inspections).toEqual([
      ['A', '将于 2026-12-27 到期，年初优先安排'],
      ['B', '今天到期（2026-12-02），年初优先安排'],
      ['C', '已于 2026-11-02 到期，年初优先安排'],
    ])
  })

  it('lists a duplicated id once and leaves out a row with an invalid cell', async () => {
    const { inspections, replacements } = await notes([
      sample({ 样件编号: 'YJ-1', 确认日期: d('2026-03-10') }),
      sample({ 样件编号: 'yj-1', 确认日期: d('2026-04-10') }),
      sample({ 样件编号: 'YJ-2', 材料类别: '木头', '有效期(月)': 12, 确认日期: d('2026-03-10') }),
    ])
    expect(inspections.map((row) => row[0])).toEqual(['YJ-1'])
    expect(replacements.map((row) => [row[0], row[1]])).toEqual([['YJ-1', '冲压件']])
  })
})
