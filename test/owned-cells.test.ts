/**
 * What a user typed into an owned column is not the tool's to overwrite (issue 8): a note in 提醒,
 * text in a date column. The check keeps the cell and names it; what the tool wrote itself it
 * rewrites as usual.
 */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { d, sample, sampleWorkbook } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const SHEET = TEMPLATES.samples.name

async function check(rows: Parameters<typeof sampleWorkbook>[0]) {
  const workbook = sampleWorkbook(rows)
  const report = await runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test' })
  const foreign = report.findings.filter((finding) => finding.message.includes('不是工具写入的'))
  return { workbook, foreign }
}

describe('owned cells that hold what the tool did not write', () => {
  it('keeps a note typed into 提醒 and says which cell', async () => {
    const { workbook, foreign } = await check([
      sample({ 确认日期: d('2025-01-15'), 提醒: '王立：12/3 前送检' }),
    ])
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('王立：12/3 前送检')
    expect(foreign).toHaveLength(1)
    expect(foreign[0]).toMatchObject({ sheet: SHEET, row: 2, key: 'YJ-1', code: 'DATA_INVALID' })
    expect(foreign[0]?.message).toMatch(/^第 2 行 [A-Z]+ 列“提醒”/)
  })

  it('rewrites what the tool itself wrote into 提醒 on an earlier run', async () => {
    const { workbook, foreign } = await check([
      sample({ 确认日期: d('2025-01-15'), 提醒: '【错误】已过期；校准逾期' }),
    ])
    expect(foreign).toHaveLength(0)
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】已过期；校准逾期')
    // Labels without the level mark, as versions before it wrote them.
    const { workbook: cleared } = await check([sample({ 提醒: '已过期' })])
    expect(cleared.cell(SHEET, 2, '提醒')).toBeNull()
  })

  it('keeps a note that only starts like the tool’s level mark', async () => {
    const { workbook, foreign } = await check([
      sample({ 确认日期: d('2025-01-15'), 提醒: '【错误】王立来电说已送检' }),
    ])
    expect(foreign).toHaveLength(1)
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】王立来电说已送检')
  })

  it('keeps text in a date column the tool owns (有效期至)', async () => {
    const { workbook, foreign } = await check([sample({ 有效期至: '见合同' })])
    expect(workbook.cell(SHEET, 2, '有效期至')).toBe('见合同')
    expect(foreign.map((finding) => finding.message)).toEqual([expect.stringContaining('“有效期至”')])
    // A date there is the tool's own: it is recomputed.
    const { workbook: recomputed } = await check([sample({ 有效期至: d('2020-01-01') })])
    expect(recomputed.cell(SHEET, 2, '有效期至')).toEqual(d('2027-01-15'))
  })
})

describe('a tab made before a tool column was added to its template', () => {
  it('is still checked; the missing column is reported and the others are written', async () => {
    const header = TEMPLATES.samples.columns
      .map((column) => column.header)
      .filter((h) => h !== '下次校准日期')
    const book = new MemoryWorkbook({
      [TEMPLATES.samples.name]: [
        header,
        header.map((h) =>
          h === '样件编号' ? 'YJ-1' : h === '材料类别' ? '塑料件' : h === '确认日期' ? d('2026-01-31') : null,
        ),
      ],
      [TEMPLATES.inspections.name]: [TEMPLATES.inspections.columns.map((column) => column.header)],
    })
    const report = await runCheck(book, { today: '2026-03-05' as IsoDate, actor: 'test' })
    const missing = report.findings.filter((finding) => finding.message.includes('缺少工具列'))
    expect(missing).toMatchObject([{ sheet: TEMPLATES.samples.name, row: 1, code: 'DATA_INVALID' }])
    expect(missing[0]?.message).toContain('“下次校准日期”')
    const written = book.tabs.get(TEMPLATES.samples.name) ?? []
    expect(written[1]?.[header.indexOf('有效期至')]).toEqual({ date: '2026-07-31' })
    expect(written[0]).toEqual(header)
  })
})
