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
      sample({ 确认日期: d('2025-01-15'), 提醒: '已过期；校准逾期' }),
    ])
    expect(foreign).toHaveLength(0)
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('已过期；校准逾期')
    const { workbook: cleared } = await check([sample({ 提醒: '已过期' })])
    expect(cleared.cell(SHEET, 2, '提醒')).toBeNull()
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
