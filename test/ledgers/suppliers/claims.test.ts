/** 索赔 (供应商管理办法 九): the reply deadline on the working-day calendar, and CLAIM_REPLY_OVERDUE. */
import { describe, expect, it } from 'vitest'
import { d, type Row } from '../../support/ledger-builder'
import { CLAIMS, check } from './support'

function claim(fields: Row = {}): Row {
  return { 索赔编号: 'SP-1', 供应商编号: 'GYS-1', 发生日期: d('2026-03-16'), 状态: '待回复', ...fields }
}

describe('回复期限: the 5th working day after 发生日期', () => {
  it.each([
    ['2026-03-16', '2026-03-23'], // Monday: the next Monday
    ['2026-03-20', '2026-03-27'], // Friday: the next Friday
    ['2026-09-30', '2026-10-13'], // before National Day: 10-08, 10-09, Saturday 10-10 (worked), 10-12, 10-13
    ['2026-02-13', '2026-02-27'], // before Spring Festival: Saturday 02-14 worked, 02-15 … 02-23 off
  ])('occurred %s → 回复期限 %s, not overdue on it, overdue the day after', async (occurred, deadline) => {
    const on = await check({ claims: [claim({ 发生日期: d(occurred) })] }, deadline)
    expect(on.book.cell(CLAIMS, 2, '回复期限')).toEqual(d(deadline))
    expect(on.codes(CLAIMS)).toEqual([])
    const next = new Date(`${deadline}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    const after = await check({ claims: [claim({ 发生日期: d(occurred) })] }, next.toISOString().slice(0, 10))
    expect(after.codes(CLAIMS)).toEqual(['CLAIM_REPLY_OVERDUE'])
    expect(after.on(CLAIMS)[0]?.due).toBe(deadline)
  })

  it('counts the company days of the 节假日 tab and the 参数 number of working days', async () => {
    const { book } = await check(
      {
        claims: [claim()],
        holidays: [{ 日期: d('2026-03-18'), 类型: '休息', 说明: '厂休' }],
        parameters: [{ 参数: '索赔回复期限(工作日)', 值: 2 }],
      },
      '2026-03-16',
    )
    expect(book.cell(CLAIMS, 2, '回复期限')).toEqual(d('2026-03-19'))
  })
})

describe('CLAIM_REPLY_OVERDUE', () => {
  it.each([
    [{}, ['CLAIM_REPLY_OVERDUE']],
    [{ 回复日期: d('2026-03-30') }, []], // replied late: no longer waiting
    [{ 状态: '已回复' }, []],
    [{ 状态: '已结案' }, []],
    [{ 状态: null }, ['CLAIM_REPLY_OVERDUE']],
  ])('%j on 2026-04-01 → %j', async (fields, expected) => {
    const { codes, on } = await check({ claims: [claim(fields)] }, '2026-04-01')
    expect(codes(CLAIMS)).toEqual(expected)
    if (expected.length > 0) expect(on(CLAIMS)[0]?.message).toContain('至今已 12 个工作日仍未回复')
  })

  it('an unknown supplier and a duplicate 索赔编号 are DATA_INVALID with row and column', async () => {
    const { on } = await check(
      {
        claims: [
          claim({ 回复日期: d('2026-03-17') }),
          claim({ 索赔编号: 'sp-1', 回复日期: d('2026-03-17') }),
          claim({ 索赔编号: 'SP-2', 供应商编号: 'GYS-7', 回复日期: d('2026-03-17') }),
        ],
      },
      '2026-04-01',
    )
    expect(on(CLAIMS).map((f) => [f.code, f.row, f.message.split('”')[0]])).toEqual([
      ['DATA_INVALID', 3, '第 3 行 A 列“索赔编号'],
      ['DATA_INVALID', 4, '第 4 行 B 列“供应商编号'],
    ])
  })
})
