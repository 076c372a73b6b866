/**
 * 供应商月度评定 and 年度评定 (供应商管理办法 十一.2–3): 综合 by hand, claims counted, the grade lines,
 * two consecutive low months, the months as typed, and the year with its unrated months left empty.
 */
import { describe, expect, it } from 'vitest'
import { runSupplierReport } from '../../../src/app/supplier-report'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import { parseMonth } from '../../../src/ledgers/suppliers/months'
import { d, type Row } from '../../support/ledger-builder'
import { check, RATINGS, SUPPLIERS, supplier, workbook } from './support'

function rating(month: Cell, scores: readonly (number | null)[], fields: Row = {}): Row {
  const [质量, 交付, 服务, 价格] = scores.map((score) => score ?? null)
  return {
    月份: month,
    供应商编号: 'GYS-1',
    质量: 质量 ?? null,
    交付: 交付 ?? null,
    服务: 服务 ?? null,
    价格: 价格 ?? null,
    ...fields,
  }
}

/** Four equal scores: 综合 is the score. */
const flat = (month: Cell, score: number, fields: Row = {}) =>
  rating(month, [score, score, score, score], fields)

function claim(id: string, date: string, supplierId = 'GYS-1'): Row {
  return { 索赔编号: id, 供应商编号: supplierId, 发生日期: d(date), 回复日期: d(date), 状态: '已结案' }
}

describe('综合 = weighted average − 索赔扣分, one decimal (weights 40 / 30 / 20 / 10)', () => {
  it.each([
    [[90, 80, 70, 60], 0, 80, 'B'], // (3600 + 2400 + 1400 + 600) ÷ 100
    [[85, 92, 78, 66], 0, 83.8, 'B'], // (3400 + 2760 + 1560 + 660) ÷ 100
    [[85, 92, 78, 66], 1, 78.8, 'C'], // one claim in the month: − 5
    [[90, 80, 70, 60], 2, 70, 'C'], // two claims: − 10
    [[100, 100, 100, 100], 0, 100, 'A'],
    [[5, 5, 5, 5], 2, 0, 'D'], // never below 0
  ])('%j with %i claims → %d, %s', async (scores, claims, composite, grade) => {
    const { book, codes } = await check(
      {
        ratings: [rating('2026-05', scores)],
        claims: [claim('SP-1', '2026-05-04'), claim('SP-2', '2026-05-31')].slice(0, claims),
      },
      '2026-06-15',
    )
    expect(book.cell(RATINGS, 2, '索赔扣分')).toBe(claims * 5)
    expect(book.cell(RATINGS, 2, '综合')).toBe(composite)
    expect(book.cell(RATINGS, 2, '等级')).toBe(grade)
    expect(codes(RATINGS)).toEqual([])
  })

  it('counts only the supplier’s claims that arose in the month', async () => {
    const { book } = await check(
      {
        suppliers: [supplier(), supplier({ 供应商编号: 'GYS-2' })],
        ratings: [flat('2026-05', 90)],
        claims: [
          claim('SP-1', '2026-04-30'),
          claim('SP-2', '2026-06-01'),
          claim('SP-3', '2026-05-10', 'gys-2'),
        ],
      },
      '2026-06-15',
    )
    expect(book.cell(RATINGS, 2, '索赔扣分')).toBe(0)
    expect(book.cell(RATINGS, 2, '综合')).toBe(90)
  })

  it('follows the weights of 参数; a weight of 0 lets its score be blank', async () => {
    const { book, codes } = await check(
      {
        ratings: [rating('2026-05', [90, 80, 81, null])],
        parameters: [
          { 参数: '评定权重(%)-质量', 值: 1 },
          { 参数: '评定权重(%)-交付', 值: 1 },
          { 参数: '评定权重(%)-服务', 值: 1 },
          { 参数: '评定权重(%)-价格', 值: 0 },
        ],
      },
      '2026-06-15',
    )
    expect(book.cell(RATINGS, 2, '综合')).toBe(83.7) // 251 ÷ 3 = 83.67
    expect(codes(RATINGS)).toEqual([])
  })

  it('a weighted score left blank leaves 综合 and 等级 empty, not 0, with a DATA_INVALID', async () => {
    const { book, on } = await check({ ratings: [rating('2026-05', [90, null, 70, 60])] }, '2026-06-15')
    expect(book.cell(RATINGS, 2, '综合')).toBe(null)
    expect(book.cell(RATINGS, 2, '等级')).toBe(null)
    expect(on(RATINGS).map((f) => f.message)).toEqual([
      '第 2 行 D 列“交付”未填写：“交付”的权重不为 0，评分不全时综合分留空',
    ])
  })

  it('a row without any score is not rated yet: 综合 empty, no finding', async () => {
    const { book, codes } = await check(
      { ratings: [rating('2026-05', [null, null, null, null])] },
      '2026-06-15',
    )
    expect(book.cell(RATINGS, 2, '综合')).toBe(null)
    expect(codes(RATINGS)).toEqual([])
  })

  it.each([
    [90, 'A'],
    [89.9, 'B'],
    [80, 'B'],
    [79.9, 'C'],
    [70, 'C'],
    [69.9, 'D'],
  ])('综合 %d is grade %s', async (score, grade) => {
    const { book } = await check({ ratings: [flat('2026-05', score)] }, '2026-06-15')
    expect(book.cell(RATINGS, 2, '等级')).toBe(grade)
  })
})

describe('bad scores and ids', () => {
  it.each([
    [101, '大于允许的最大值 100，请填写 0 到 100 之间的数'],
    [-1, '小于允许的最小值 0，请填写 0 到 100 之间的数'],
    ['九十', '不是数字'],
  ])('质量 %j is DATA_INVALID naming the cell', async (score, message) => {
    const { on, book } = await check(
      { ratings: [rating('2026-05', [score as number, 80, 80, 80])] },
      '2026-06-15',
    )
    expect(on(RATINGS).map((f) => [f.code, f.row])).toEqual([['DATA_INVALID', 2]])
    expect(on(RATINGS)[0]?.message).toContain('第 2 行 C 列“质量”')
    expect(on(RATINGS)[0]?.message).toContain(message)
    expect(book.cell(RATINGS, 2, '综合')).toBe(null)
  })

  it('matches 供应商编号 as an id; an unknown one is DATA_INVALID and gets no 综合', async () => {
    const { on, book } = await check(
      {
        ratings: [
          flat('2026-05', 90, { 供应商编号: ' gys－1 ' }),
          flat('2026-05', 90, { 供应商编号: 'GYS-8' }),
        ],
      },
      '2026-06-15',
    )
    expect(book.cell(RATINGS, 2, '综合')).toBe(90)
    expect(on(RATINGS).map((f) => [f.code, f.row, f.key])).toEqual([['DATA_INVALID', 3, 'GYS-8 2026-05']])
  })

  it('the same supplier and month twice, however typed, is DATA_INVALID on the second row', async () => {
    const { on } = await check(
      { ratings: [flat('2026-05', 60), flat('2026年5月', 60, { 供应商编号: 'gys-1' })] },
      '2026-06-15',
    )
    expect(on(RATINGS).map((f) => [f.code, f.row])).toEqual([['DATA_INVALID', 3]])
    expect(on(RATINGS)[0]?.message).toContain('A 列“月份”：供应商“gys-1”2026年5月的评定已在第 2 行')
  })
})

describe('月份 as typed', () => {
  it.each([
    ['2026年11月'],
    ['2026-11'],
    ['2026/11'],
    ['2026.11'],
    ['２０２６年１１月'],
    [' 2026 / 11 '],
    ['2026-11-05'],
    ['2026年11月5日'],
    [d('2026-11-20')],
  ])('%j is November 2026: the month’s claim is deducted', async (month) => {
    const { book, codes } = await check(
      { ratings: [flat(month as Cell, 90)], claims: [claim('SP-1', '2026-11-10')] },
      '2026-12-15',
    )
    expect(codes(RATINGS)).toEqual([])
    expect(book.cell(RATINGS, 2, '综合')).toBe(85)
  })

  it.each([['2026-13'], ['11月'], ['2026年'], ['2026-11-31'], ['Nov 2026'], ['26/11']])(
    '%j is DATA_INVALID on 月份',
    async (month) => {
      const { on, book } = await check({ ratings: [flat(month, 90)] }, '2026-12-15')
      expect(on(RATINGS).map((f) => f.message)).toEqual([
        `第 2 行 A 列“月份”的值“${month}”不是月份，请写成 2026-11、2026/11 或 2026年11月`,
      ])
      expect(book.cell(RATINGS, 2, '综合')).toBe(null)
    },
  )

  it('reads a date serial pasted as a value', () => {
    expect(parseMonth('46336')).toBe('2026-11') // 2026-11-10
  })
})

describe('SUPPLIER_RATING_LOW: the latest month and the month before both below 评定整改线 70', () => {
  const LOW = ['SUPPLIER_RATING_LOW']
  it.each([
    ['two low months', [flat('2026-10', 65), flat('2026-11', 60)], LOW, 3],
    ['one low month', [flat('2026-10', 80), flat('2026-11', 60)], [], 0],
    ['a low month alone', [flat('2026-11', 60)], [], 0],
    ['a gap between two low months', [flat('2026-09', 65), flat('2026-11', 60)], [], 0],
    ['across the year end', [flat('2026-12', 65), flat('2027-01', 60)], LOW, 3],
    ['70 is not below 70', [flat('2026-10', 70), flat('2026-11', 60)], [], 0],
    [
      'an earlier streak, then a good month',
      [flat('2026-09', 60), flat('2026-10', 60), flat('2026-11', 80)],
      [],
      0,
    ],
    ['rows in any order', [flat('2026-11', 60), flat('2026-10', 65)], LOW, 2],
    [
      'a month without 综合 is not rated',
      [flat('2026-10', 65), rating('2026-11', [60, null, 60, 60])],
      [],
      0,
    ],
  ])('%s', async (_, ratings, expected, row) => {
    const { on } = await check({ ratings }, '2027-01-20')
    const low = on(RATINGS).filter((f) => f.code !== 'DATA_INVALID')
    expect(low.map((f) => f.code)).toEqual(expected)
    if (expected.length > 0) expect(low[0]?.row).toBe(row)
  })

  it('claims can take a month below the line', async () => {
    const { on } = await check(
      { ratings: [flat('2026-10', 72), flat('2026-11', 68)], claims: [claim('SP-1', '2026-10-08')] },
      '2026-12-15',
    )
    expect(on(RATINGS).map((f) => f.code)).toEqual(['SUPPLIER_RATING_LOW'])
    expect(on(RATINGS)[0]?.message).toBe(
      '供应商“长春金鹏冲压件有限公司”2026年10月综合 67 分、2026年11月综合 68 分，连续两个月低于评定整改线 70 分，请发出整改通知并跟踪（供应商管理办法 十一.2 月度评定）',
    )
  })

  it('follows the 参数 line, and counts only the first of two rows for the same month', async () => {
    const line = await check(
      { ratings: [flat('2026-10', 75), flat('2026-11', 75)], parameters: [{ 参数: '评定整改线', 值: 80 }] },
      '2026-12-15',
    )
    expect(line.codes(RATINGS)).toEqual(['SUPPLIER_RATING_LOW'])
    const repeated = await check(
      { ratings: [flat('2026-10', 90), flat('2026-11', 60), flat('2026-10', 60)] },
      '2026-12-15',
    )
    expect(repeated.codes(RATINGS)).toEqual(['DATA_INVALID'])
  })
})

describe('建议分类 in 供应商名录: the 12 months up to today’s, never the user’s 分类', () => {
  it('averages the rated months of the window and suggests a 分类 beside the user’s', async () => {
    const { book } = await check(
      {
        suppliers: [supplier({ 分类: 'A' }), supplier({ 供应商编号: 'GYS-2', 分类: 'C' })],
        ratings: [
          flat('2025-06', 95), // before the window
          flat('2025-07', 70),
          flat('2026-06', 80), // (70 + 80) ÷ 2 = 75: C
          flat('2026-05', 92, { 供应商编号: 'GYS-2' }),
        ],
      },
      '2026-06-15',
    )
    expect(book.cell(SUPPLIERS, 2, '建议分类')).toBe('C')
    expect(book.cell(SUPPLIERS, 2, '分类')).toBe('A')
    expect(book.cell(SUPPLIERS, 3, '建议分类')).toBe('A')
    expect(book.cell(SUPPLIERS, 3, '分类')).toBe('C')
  })

  it('is empty without ratings', async () => {
    const { book } = await check({}, '2026-06-15')
    expect(book.cell(SUPPLIERS, 2, '建议分类')).toBe(null)
  })
})

describe('年度评定 (report --year --suppliers)', () => {
  it('averages the rated months only: an unrated month is empty, not 0', async () => {
    const book = workbook({
      suppliers: [supplier({ 分类: 'A' }), supplier({ 供应商编号: 'GYS-2', 名称: '吉林华宇', 分类: 'B' })],
      ratings: [
        flat('2026-01', 80),
        flat('2026-03', 90),
        rating('2026-04', [90, null, 90, 90]), // no 综合: not rated
        flat('2025-12', 10), // another year
      ],
      claims: [claim('SP-1', '2026-07-01'), claim('SP-2', '2025-12-31')],
    })
    const result = await runSupplierReport(book, 2026, { today: '2026-12-20' as IsoDate, actor: 'test' })
    const tab = book.tabs.get(TEMPLATES.supplierAnnual.name) ?? []
    const header = tab[0] as string[]
    const row = (index: number) => Object.fromEntries(header.map((h, i) => [h, tab[index]?.[i] ?? null]))
    expect(row(1)).toMatchObject({
      年度: 2026,
      供应商编号: 'GYS-1',
      分类: 'A',
      评定月数: 2,
      平均综合: 85, // (80 + 90) ÷ 2, not (80 + 0 + 90 + …) ÷ 12
      等级: 'B',
      建议分类: 'B',
      索赔件数: 1,
      '1月': 80,
      '2月': null,
      '3月': 90,
      '4月': null,
      '12月': null,
    })
    expect(String(row(1).说明)).toContain('建议由 A 类改为 B 类')
    expect(row(2)).toMatchObject({
      供应商编号: 'GYS-2',
      评定月数: 0,
      平均综合: null,
      等级: null,
      建议分类: null,
    })
    expect(row(2).说明).toBe('本年没有月度评定')
    expect(result.summary).toBe(
      '2026 年评定供应商 1 家（共 2 家）：A 级 0、B 级 1、C 级 0、D 级 0；建议分类与名录不同的 1 家',
    )
    // The user's 分类 is the user's.
    expect(book.cell(SUPPLIERS, 2, '分类')).toBe('A')
  })
})
