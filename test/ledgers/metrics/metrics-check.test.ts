/**
 * The daily check on customers' transactions: METRIC_* findings for the last completed half-year
 * (重要客户管理规定 3.6), and VIP tiers suggested beside the user's VIP等级 (vip客户管理制度).
 */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import type { Finding } from '../../../src/core/findings'
import { defaultParameters } from '../../../src/core/parameters'
import { PARAMETER_DEFINITIONS } from '../../../src/ledgers'
import { tierFor, vipThresholds, vipWindow } from '../../../src/ledgers/vip/vip'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

/** Checked on this day, the last completed half-year is 2026H1, the one before it 2025H2. */
const TODAY = '2026-08-10' as IsoDate
const METRIC_CODES = ['METRIC_CHURN_HIGH', 'METRIC_GROWTH_NEGATIVE']

function customers(count: number, keyIds: readonly string[] = []): Row[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `C${index + 1}`
    return { 客户编号: id, 客户名称: `客户${index + 1}`, 重要客户: keyIds.includes(id) ? '是' : '否' }
  })
}

/** Each of the first `before` customers buys in 2025H2; the first `now` of them buy again in 2026H1. */
function sales(before: number, now: number, amounts: { before?: number; now?: number } = {}): Row[] {
  const rows: Row[] = []
  for (let index = 1; index <= before; index++) {
    rows.push({ 客户编号: `C${index}`, 日期: d('2025-09-01'), 金额: amounts.before ?? 100 })
    if (index <= now) rows.push({ 客户编号: `C${index}`, 日期: d('2026-03-01'), 金额: amounts.now ?? 100 })
  }
  return rows
}

function book(
  customerRows: readonly Row[],
  transactions: readonly Row[] | undefined,
  extra: Record<string, Cell[][]> = {},
) {
  return new MemoryWorkbook({
    [TEMPLATES.customers.name]: tab(TEMPLATES.customers, customerRows),
    ...(transactions === undefined
      ? {}
      : { [TEMPLATES.transactions.name]: tab(TEMPLATES.transactions, transactions) }),
    ...extra,
  })
}

async function check(workbook: MemoryWorkbook, today = TODAY): Promise<readonly Finding[]> {
  return (await runCheck(workbook, { today, actor: 'tester' })).findings
}

function parameterTab(values: Record<string, number>): Cell[][] {
  return tab(
    TEMPLATES.parameters,
    Object.entries(values).map(([name, value]) => ({ 参数: name, 值: value })),
  )
}

describe('METRIC_* in the daily check', () => {
  it.each([
    // [customers before, still buying now, parameter override, churn findings]
    ['2 of 10 churned (20 %) is above the 10 % limit', 10, 8, undefined, 1],
    ['1 of 10 churned (exactly 10 %) is not above it', 10, 9, undefined, 0],
    ['none churned', 10, 10, undefined, 0],
    ['1 of 3 churned (33.3 %)', 3, 2, undefined, 1],
    ['20 % with the limit raised to 25 % in 参数', 10, 8, 25, 0],
    ['10 % with the limit lowered to 5 % in 参数', 10, 9, 5, 1],
  ] as const)('%s', async (_case, before, now, limit, expected) => {
    const extra =
      limit === undefined
        ? {}
        : { [TEMPLATES.parameters.name]: parameterTab({ '老客户流失率上限(%)': limit }) }
    const findings = await check(book(customers(before), sales(before, now), extra))
    const churn = findings.filter((finding) => finding.code === 'METRIC_CHURN_HIGH')
    expect(churn).toHaveLength(expected)
    if (expected === 1) {
      expect(churn[0]).toMatchObject({
        sheet: '半年评估',
        row: 1,
        key: '2026H1',
        severity: 'warning',
        due: null,
      })
      expect(churn[0]?.message).toContain('制定改善方案')
      expect(churn[0]?.message).toContain(`上期有销售的 ${before} 家客户中有 ${before - now} 家本期没有销售`)
      expect(churn[0]?.message).toContain(`高于上限 ${limit ?? 10}%`)
    }
  })

  it.each([
    [
      'falling key-customer revenue',
      200_000,
      150_000,
      '重要客户销售收入 15.00 万元，比上期的 20.00 万元下降 25%',
    ],
    ['a small fall', 100, 99.99, '重要客户销售收入 99.99 元，比上期的 100.00 元下降 0.01%'],
    [
      'a fall of one fen in a million',
      1_000_000,
      999_999.99,
      '重要客户销售收入 999,999.99 元，比上期的 1,000,000.00 元下降 不到 0.01%',
    ],
    ['the same revenue', 100, 100, undefined],
    ['rising revenue', 100, 112, undefined],
  ] as const)('%s', async (_case, before, now, message) => {
    const workbook = book(customers(2, ['C1']), sales(2, 2, { before, now }))
    const growth = (await check(workbook)).filter((finding) => finding.code === 'METRIC_GROWTH_NEGATIVE')
    expect(growth).toHaveLength(message === undefined ? 0 : 1)
    if (message !== undefined) {
      expect(growth[0]).toMatchObject({ sheet: '半年评估', row: 1, key: '2026H1', severity: 'warning' })
      expect(growth[0]?.message).toContain(`2026年上半年（2026H1）${message}`)
      expect(growth[0]?.message).toContain('制定应对策略和改善方案')
    }
  })

  it('no growth finding when no key customer bought in the half-year before (empty rate)', async () => {
    const workbook = book(customers(2, ['C2']), [
      { 客户编号: 'C1', 日期: d('2025-09-01'), 金额: 100 },
      { 客户编号: 'C1', 日期: d('2026-03-01'), 金额: 100 },
      { 客户编号: 'C2', 日期: d('2026-03-01'), 金额: 100 },
    ])
    expect((await check(workbook)).filter((finding) => METRIC_CODES.includes(finding.code))).toEqual([])
  })

  it('evaluates the last completed half-year before today: 2025H2 on 2026-06-30, 2026H1 on 2026-07-01', async () => {
    const workbook = (): MemoryWorkbook => book(customers(2), sales(2, 0))
    const onJune30 = (await check(workbook(), '2026-06-30' as IsoDate)).filter((f) =>
      METRIC_CODES.includes(f.code),
    )
    expect(onJune30).toEqual([]) // 2025H2 against 2025H1: nobody bought in 2025H1
    const onJuly1 = (await check(workbook(), '2026-07-01' as IsoDate)).filter((f) =>
      METRIC_CODES.includes(f.code),
    )
    expect(onJuly1.map((finding) => [finding.code, finding.key])).toEqual([['METRIC_CHURN_HIGH', '2026H1']])
  })

  it.each([
    ['an empty 交易记录', []],
    ['no 交易记录 tab', undefined],
  ] as const)('%s: no metric finding and the workbook stays usable', async (_case, transactions) => {
    const workbook = book(customers(3, ['C1']), transactions)
    const findings = await check(workbook)
    expect(findings.filter((finding) => METRIC_CODES.includes(finding.code))).toEqual([])
    expect(findings.filter((finding) => finding.code === 'VIP_TIER_MISMATCH')).toEqual([])
  })

  it('sits on the half-year’s row of 半年评估 when the tab has one, where its figures are', async () => {
    const halfYear = tab(TEMPLATES.halfYear, [{ 期间: '2025H1' }, { 期间: '2025H2' }, { 期间: '2026H1' }])
    const workbook = book(customers(10, ['C1']), sales(10, 8, { before: 200, now: 100 }), {
      [TEMPLATES.halfYear.name]: halfYear,
    })
    const metric = (await check(workbook)).filter((finding) => METRIC_CODES.includes(finding.code))
    expect(metric.map((finding) => [finding.code, finding.sheet, finding.row, finding.key])).toEqual([
      ['METRIC_CHURN_HIGH', '半年评估', 4, '2026H1'],
      ['METRIC_GROWTH_NEGATIVE', '半年评估', 4, '2026H1'],
    ])
    for (const finding of metric) {
      expect(finding.message).toMatch(/明细见“半年评估”第 4 行$/)
      expect(finding.message).not.toContain('taizhang report')
    }
  })

  it.each([
    ['an empty 半年评估', tab(TEMPLATES.halfYear, [])],
    ['半年评估 with other half-years only', tab(TEMPLATES.halfYear, [{ 期间: '2025H2' }])],
    ['no 半年评估 tab', undefined],
  ] as const)('%s: row 1, and the message says what writes the half-year’s row', async (_case, halfYear) => {
    const extra = halfYear === undefined ? {} : { [TEMPLATES.halfYear.name]: halfYear }
    const workbook = book(customers(10), sales(10, 8), extra)
    const [churn] = (await check(workbook)).filter((finding) => finding.code === 'METRIC_CHURN_HIGH')
    expect(churn).toMatchObject({ sheet: '半年评估', row: 1, key: '2026H1' })
    expect(churn?.message).toMatch(
      /“半年评估”里还没有这一半年的明细（各比率的客户数、客户编号）：请运行“taizhang report <工作簿> --period 2026H1”写入$/,
    )
  })

  it('reports transactions it cannot count, each once, and still evaluates the rest', async () => {
    const workbook = book(customers(10), [
      ...sales(10, 8),
      { 客户编号: 'X-1', 日期: d('2026-03-01'), 金额: 100 },
      { 客户编号: 'C1', 日期: '2026-02-30', 金额: 100 },
      { 客户编号: 'C1', 日期: d('2026-03-01'), 金额: '一百' },
    ])
    const findings = await check(workbook)
    const invalid = findings.filter((finding) => finding.sheet === '交易记录')
    expect(invalid.map((finding) => [finding.row, finding.code, finding.message])).toEqual([
      [20, 'DATA_INVALID', expect.stringMatching(/^第 20 行 A 列“客户编号”的值“X-1”在“客户档案”中不存在/)],
      [21, 'DATA_INVALID', expect.stringMatching(/^第 21 行 B 列“日期”的值“2026-02-30”不是有效日期/)],
      [22, 'DATA_INVALID', expect.stringMatching(/^第 22 行 C 列“金额”的值“一百”不是数字/)],
    ])
    expect(findings.filter((finding) => finding.code === 'METRIC_CHURN_HIGH')).toHaveLength(1)
  })
})

describe('VIP tiers', () => {
  const params = defaultParameters(PARAMETER_DEFINITIONS)

  it.each([
    [500 * 1_000_000, 'A'],
    [500 * 1_000_000 - 1, 'B'],
    [100 * 1_000_000, 'B'],
    [20 * 1_000_000, 'C'],
    [20 * 1_000_000 - 1, 'D'],
    [0, 'D'],
    [-5_000, 'D'],
  ])('net revenue of %d fen is tier %s by the default thresholds (500 / 100 / 20 万元)', (fen, tier) => {
    expect(tierFor(fen, vipThresholds(params))).toBe(tier)
  })

  it('thresholds typed in the wrong order are read from A down', () => {
    expect(tierFor(60 * 1_000_000, { A: 50_000_000, B: 80_000_000, C: 10_000_000 })).toBe('A')
  })

  it.each([
    ['2026-03-05', '2025-03-06'],
    ['2024-02-29', '2023-03-01'],
    ['2026-12-31', '2026-01-01'],
  ])('the 12 months up to %s start on %s', (today, from) => {
    expect(vipWindow(today as IsoDate)).toEqual({ from, to: today })
  })

  function vipBook(extra: Record<string, Cell[][]> = {}): MemoryWorkbook {
    return book(
      [
        { 客户编号: 'V1', 客户名称: '甲', VIP等级: 'A' }, // 520 万元 → A: agrees
        { 客户编号: 'V2', 客户名称: '乙', VIP等级: 'A' }, // 120 万元 → B: differs
        { 客户编号: 'V3', 客户名称: '丙' }, // 30 万元 → C, no tier entered: no finding
        { 客户编号: 'V4', 客户名称: '丁', VIP等级: 'C' }, // only outside the window → D: differs
        { 客户编号: 'V5', 客户名称: '戊', VIP等级: 'D' }, // sale and refund → net 0 → D: agrees
      ],
      [
        { 客户编号: 'V1', 日期: d('2025-08-11'), 金额: 3_000_000 }, // first day of the window
        { 客户编号: 'V1', 日期: d('2026-08-10'), 金额: 2_200_000 }, // today
        { 客户编号: 'V1', 日期: d('2026-08-11'), 金额: 9_000_000 }, // tomorrow: not counted
        { 客户编号: 'V2', 日期: d('2026-01-10'), 金额: 1_200_000 },
        { 客户编号: 'V3', 日期: d('2026-02-10'), 金额: 300_000 },
        { 客户编号: 'V4', 日期: d('2025-08-10'), 金额: 9_000_000 }, // the day before the window
        { 客户编号: 'V5', 日期: d('2026-02-10'), 金额: 400_000 },
        { 客户编号: 'V5', 日期: d('2026-03-10'), 金额: -400_000 },
      ],
      extra,
    )
  }

  it('writes 建议VIP等级 beside VIP等级 and never changes the user’s column', async () => {
    const workbook = vipBook()
    const before = [2, 3, 4, 5, 6].map((row) => workbook.cell('客户档案', row, 'VIP等级'))
    await check(workbook)
    expect([2, 3, 4, 5, 6].map((row) => workbook.cell('客户档案', row, '建议VIP等级'))).toEqual([
      'A',
      'B',
      'C',
      'D',
      'D',
    ])
    expect([2, 3, 4, 5, 6].map((row) => workbook.cell('客户档案', row, 'VIP等级'))).toEqual(before)
  })

  it('an info finding where the entered tier differs from the suggestion, with its 提醒 label', async () => {
    const workbook = vipBook()
    const mismatches = (await check(workbook)).filter((finding) => finding.code === 'VIP_TIER_MISMATCH')
    expect(mismatches.map((finding) => [finding.row, finding.key, finding.severity])).toEqual([
      [3, 'V2', 'info'],
      [5, 'V4', 'info'],
    ])
    expect(mismatches[0]?.message).toBe(
      '客户“乙”近 12 个月（2025-08-11 至 2026-08-10）交易金额 120.00 万元，按“参数”中的VIP门槛建议 B 级，与“VIP等级”中登记的 A 级不同；请复核后自行修改“VIP等级”，台账不会改动该列（vip客户管理制度）',
    )
    expect(workbook.cell('客户档案', 3, '提醒')).toContain('VIP等级待复核')
    expect(workbook.cell('客户档案', 2, '提醒') ?? '').not.toContain('VIP等级待复核')
  })

  it('follows the thresholds of 参数', async () => {
    const workbook = vipBook({ [TEMPLATES.parameters.name]: parameterTab({ 'VIP-B门槛(万元)': 150 }) })
    await check(workbook)
    expect(workbook.cell('客户档案', 3, '建议VIP等级')).toBe('C')
  })

  it('suggests nothing and clears stale suggestions when 交易记录 has nothing countable', async () => {
    const workbook = book(
      [{ 客户编号: 'V1', 客户名称: '甲', VIP等级: 'A', 建议VIP等级: 'D' }],
      [{ 客户编号: 'V9', 日期: d('2026-01-10'), 金额: 100 }],
    )
    const findings = await check(workbook)
    expect(workbook.cell('客户档案', 2, '建议VIP等级')).toBeNull()
    expect(findings.filter((finding) => finding.code === 'VIP_TIER_MISMATCH')).toEqual([])
  })
})
