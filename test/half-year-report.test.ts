/**
 * 生成半年评估 over a workbook port: the 半年评估 tab (one row per half-year, other half-years kept),
 * the half-years filled in for the trend, the JSON of `report --json`, and unusable input.
 */
import { describe, expect, it } from 'vitest'
import { BACKFILL_PERIODS, type ReportOptions, reportJson, runReport } from '../src/app/report'
import { TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { type HalfYear, parsePeriod } from '../src/core/periods'
import { UnusableTabError } from '../src/core/table'
import { d, type Row, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-08-10' as IsoDate
const OPTIONS: ReportOptions = { today: TODAY, actor: 'tester', chartNote: '台账-半年评估.svg' }
const HEADERS = TEMPLATES.halfYear.columns.map((column) => column.header)

function period(text: string): HalfYear {
  const parsed = parsePeriod(text)
  if (!parsed) throw new Error(text)
  return parsed
}

const CUSTOMERS: readonly Row[] = [
  { 客户编号: 'K1', 客户名称: '一汽', 重要客户: '是', VIP等级: 'A' },
  { 客户编号: 'K2', 客户名称: '上汽', 重要客户: '是' },
  { 客户编号: 'C3', 客户名称: '吉利', 重要客户: '否' },
  { 客户编号: 'C4', 客户名称: '奇瑞', 重要客户: '否' },
]

/** 2025H1: K1, K2, C3; 2025H2: K1, K2, C3 (+C4 new); 2026H1: K1, C4 (K2 and C3 churned). */
const TRANSACTIONS: readonly Row[] = [
  { 客户编号: 'K1', 日期: d('2025-02-01'), 金额: 100 },
  { 客户编号: 'K2', 日期: d('2025-03-01'), 金额: 100 },
  { 客户编号: 'C3', 日期: d('2025-04-01'), 金额: 10 },
  { 客户编号: 'K1', 日期: d('2025-08-01'), 金额: 150 },
  { 客户编号: 'K2', 日期: d('2025-09-01'), 金额: 50 },
  { 客户编号: 'C3', 日期: d('2025-10-01'), 金额: 10 },
  { 客户编号: 'C4', 日期: d('2025-11-01'), 金额: 10 },
  { 客户编号: 'K1', 日期: d('2026-02-01'), 金额: 160 },
  { 客户编号: 'C4', 日期: d('2026-03-01'), 金额: 10 },
  { 客户编号: 'K9', 日期: d('2026-03-01'), 金额: 500 }, // row 11: unknown customer
  { 客户编号: 'K1', 日期: d('2026-03-05'), 金额: 'n/a' }, // row 12: not a number
]

function workbook(extra: Record<string, Cell[][]> = {}): MemoryWorkbook {
  return new MemoryWorkbook({
    [TEMPLATES.customers.name]: tab(TEMPLATES.customers, CUSTOMERS),
    [TEMPLATES.transactions.name]: tab(TEMPLATES.transactions, TRANSACTIONS),
    ...extra,
  })
}

/** The 半年评估 rows as {header: value} objects. */
function halfYearRows(book: MemoryWorkbook): Record<string, Cell>[] {
  const [header = [], ...rows] = book.tabs.get(TEMPLATES.halfYear.name) ?? []
  return rows.map((row) =>
    Object.fromEntries(header.map((name, index) => [String(name), row[index] ?? null])),
  )
}

describe('runReport', () => {
  it('computes the half-year and writes it into 半年评估 with the counts behind each rate', async () => {
    const book = workbook()
    const result = await runReport(book, period('2026H1'), OPTIONS)
    expect(result.metrics).toMatchObject({
      keyRevenueFen: 16000,
      previousKeyRevenueFen: 20000,
      keyRevenueGrowth: -0.2,
      activePrevious: { ids: ['C3', 'C4', 'K1', 'K2'] },
      churned: { ids: ['C3', 'K2'] },
      churnRate: 0.5,
      newCustomerRate: 0,
      retentionRate: 0.5,
      leftOutRows: [11, 12],
    })
    const rows = halfYearRows(book)
    const requested = rows.find((row) => row.期间 === '2026H1')
    expect(requested).toEqual({
      期间: '2026H1',
      '重要客户收入(万元)': 0.02,
      '老客户流失率(%)': 50,
      '重要客户收入增长率(%)': -20,
      '新客户开发率(%)': 0,
      '客户保持率(%)': 50,
      上期活跃客户数: 4,
      本期活跃客户数: 2,
      新客户数: 0,
      流失客户数: 2,
      '重要客户收入(元)': 160,
      '上期重要客户收入(元)': 200,
      日期范围: '2026-01-01 至 2026-06-30',
      '未计入交易(条)': 2,
      新客户: '',
      流失客户: 'C3、K2',
      生成日期: d(TODAY),
      趋势图: '台账-半年评估.svg',
      图表标签: '2026H1',
      说明: '交易记录第 11、12 行有误未计入，详见“提醒汇总”',
    })
    expect(result.alerts.map((alert) => alert.code)).toEqual(['METRIC_CHURN_HIGH', 'METRIC_GROWTH_NEGATIVE'])
    expect(result.findings.map((finding) => finding.row)).toEqual([11, 12])
    expect(result.summary).toBe(
      '2026H1：重要客户收入 0.02 万元（增长率 -20%），新客户开发率 0%，老客户流失率 50%，客户保持率 50%，未计入交易 2 条',
    )
    const log = book.tabs.get(TEMPLATES.log.name) ?? []
    expect(log.slice(1).map((row) => row.slice(1, 3))).toEqual([['生成半年评估 2026H1', 'tester']])
  })

  it('fills in the half-years before it that the tab lacks, oldest first, while they had customers', async () => {
    const book = workbook()
    const result = await runReport(book, period('2026H1'), OPTIONS)
    // 2025H2 (previous 2025H1 had customers) is filled in; 2025H1 had no customers before it.
    expect(result.backfilled).toEqual(['2025H2'])
    expect(halfYearRows(book).map((row) => [row.期间, row['新客户开发率(%)'], row.说明])).toEqual([
      ['2025H2', 33.33, '生成 2026H1 时补算（此前未记录）'],
      ['2026H1', 0, '交易记录第 11、12 行有误未计入，详见“提醒汇总”'],
    ])
    expect(result.trend).toEqual([
      { period: '2025H2', keyRevenueWan: 0.02, keyRevenueGrowthPercent: 0, churnPercent: 0 },
      { period: '2026H1', keyRevenueWan: 0.02, keyRevenueGrowthPercent: -20, churnPercent: 50 },
    ])
    expect(BACKFILL_PERIODS).toBe(3)
  })

  it('replaces the row of the half-year it computes again and keeps every other half-year as it was', async () => {
    const recorded = [
      HEADERS,
      HEADERS.map((header) => ({ 期间: '2020H1', '老客户流失率(%)': 7.5, 说明: '旧记录' })[header] ?? null),
      HEADERS.map((header) => ({ 期间: '2026H1', '老客户流失率(%)': 99, 说明: '过时' })[header] ?? null),
      HEADERS.map((header) => ({ 期间: '不是半年', 说明: '丢弃' })[header] ?? null),
      HEADERS.map(
        (header) => ({ 期间: '2025H2', '老客户流失率(%)': 1, 生成日期: d('2026-01-05') })[header] ?? null,
      ),
    ]
    const book = workbook({ [TEMPLATES.halfYear.name]: recorded as Cell[][] })
    const result = await runReport(book, period('2026H1'), OPTIONS)
    const rows = halfYearRows(book)
    expect(rows.map((row) => [row.期间, row['老客户流失率(%)'], row.说明, row.生成日期])).toEqual([
      ['2020H1', 7.5, '旧记录', null],
      ['2025H2', 1, null, d('2026-01-05')],
      ['2026H1', 50, '交易记录第 11、12 行有误未计入，详见“提醒汇总”', d(TODAY)],
    ])
    // 2025H2 is recorded, so nothing is filled in; 2025H1 lies behind it.
    expect(result.backfilled).toEqual([])
    expect(result.trend.map((point) => point.period)).toEqual(['2020H1', '2025H2', '2026H1'])

    await runReport(book, period('2025H2'), OPTIONS)
    expect(halfYearRows(book).map((row) => [row.期间, row['老客户流失率(%)']])).toEqual([
      ['2020H1', 7.5],
      ['2025H2', 0],
      ['2026H1', 50],
    ])
  })

  it('notes a half-year that is not over yet and one whose rates are empty', async () => {
    const book = workbook()
    await runReport(book, period('2026H2'), OPTIONS)
    const row = halfYearRows(book).find((line) => line.期间 === '2026H2')
    expect(row?.说明).toContain(`本期尚未结束，数字截至 ${TODAY}`)

    const early = workbook()
    await runReport(early, period('2025H1'), OPTIONS)
    const first = halfYearRows(early).find((line) => line.期间 === '2025H1')
    expect(first).toMatchObject({
      '老客户流失率(%)': null,
      '新客户开发率(%)': null,
      '客户保持率(%)': null,
      '重要客户收入增长率(%)': null,
    })
    expect(first?.说明).toContain('上期没有客户有销售，新客户开发率、流失率、保持率留空')
    expect(first?.说明).toContain('上期重要客户收入为 0 或负数，增长率留空')
  })

  it('writes nothing on a dry run', async () => {
    const book = workbook()
    await runReport(book, period('2026H1'), { ...OPTIONS, dryRun: true })
    expect(book.writes).toEqual([])
  })

  it.each([
    ['a half-year that has not begun', period('2027H1'), RangeError, '还没有开始'],
    ['a year out of range', { year: 1999, half: 1 } as HalfYear, RangeError, '2000 到 2100'],
  ])('refuses %s', async (_case, requested, kind, message) => {
    const book = workbook()
    await expect(runReport(book, requested, OPTIONS)).rejects.toThrow(kind)
    await expect(runReport(book, requested, OPTIONS)).rejects.toThrow(message)
    expect(book.writes).toEqual([])
  })

  it.each([
    ['交易记录', TEMPLATES.customers.name],
    ['客户档案', TEMPLATES.transactions.name],
  ])('needs the %s tab', async (missing, kept) => {
    const book = new MemoryWorkbook({ [kept]: workbook().tabs.get(kept) ?? [] })
    const run = runReport(book, period('2026H1'), OPTIONS)
    await expect(run).rejects.toThrow(UnusableTabError)
    await expect(runReport(book, period('2026H1'), OPTIONS)).rejects.toThrow(`缺少工作表“${missing}”`)
  })

  it('an empty 交易记录 gives a row of zeros and empty rates, not an error', async () => {
    const book = workbook({ [TEMPLATES.transactions.name]: tab(TEMPLATES.transactions, []) })
    const result = await runReport(book, period('2026H1'), OPTIONS)
    expect(result.alerts).toEqual([])
    expect(halfYearRows(book)).toHaveLength(1)
    expect(reportJson(result)).toMatchObject({
      keyRevenueGrowth: null,
      churnRate: null,
      newCustomerRate: null,
    })
  })
})

describe('reportJson', () => {
  it('has the rates as fractions and, for each, the numbers and ids behind it', async () => {
    const json = reportJson(await runReport(workbook(), period('2026H1'), OPTIONS))
    expect(json).toMatchObject({
      period: '2026H1',
      previousPeriod: '2025H2',
      range: { from: '2026-01-01', to: '2026-06-30' },
      previousRange: { from: '2025-07-01', to: '2025-12-31' },
      keyRevenueGrowth: -0.2,
      newCustomerRate: 0,
      churnRate: 0.5,
      retentionRate: 0.5,
      basis: {
        keyRevenueGrowth: { numerator: -40, denominator: 200 },
        newCustomerRate: { numerator: 0, denominator: 4 },
        churnRate: { numerator: 2, denominator: 4 },
        retentionRate: { numerator: 2, denominator: 4 },
      },
      keyRevenue: {
        current: 160,
        previous: 200,
        change: -40,
        keyCustomers: { count: 2, ids: ['K1', 'K2'] },
        byCustomer: [
          { id: 'K1', name: '一汽', current: 160, previous: 150 },
          { id: 'K2', name: '上汽', current: 0, previous: 50 },
        ],
      },
      activePrevious: { count: 4, ids: ['C3', 'C4', 'K1', 'K2'] },
      activeCurrent: { count: 2, ids: ['C4', 'K1'] },
      newCustomers: { count: 0, ids: [] },
      churnedCustomers: { count: 2, ids: ['C3', 'K2'] },
      retainedCustomers: { count: 2, ids: ['C4', 'K1'] },
      transactions: { current: 2, previous: 4, leftOut: 2, leftOutRows: [11, 12] },
      churnMaxPercent: 10,
    })
    expect(json.findings.map((finding) => [finding.sheet, finding.row, finding.code])).toEqual([
      ['交易记录', 11, 'DATA_INVALID'],
      ['交易记录', 12, 'DATA_INVALID'],
    ])
    // Round-trips through JSON: empty rates are null, not NaN or Infinity.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
  })
})

describe('a half-year not over yet (issue 13 item 9)', () => {
  // 2026H2 on 2026-08-10: K1 only so far, K1 and C4 churned-looking, revenue "fell"
  const unfinished = () =>
    workbook({
      [TEMPLATES.transactions.name]: tab(TEMPLATES.transactions, [
        ...TRANSACTIONS,
        { 客户编号: 'K1', 日期: d('2026-07-15'), 金额: 10 },
        { 客户编号: 'K8', 日期: d('2026-07-20'), 金额: 10 }, // row 14: unknown customer, of 2026H2
      ]),
    })

  it('raises no METRIC_* and says 截至 today in the tab, the summary and the chart data', async () => {
    const book = unfinished()
    const result = await runReport(book, period('2026H2'), OPTIONS)
    expect(result.unfinished).toBe(true)
    expect(result.metrics.churnRate).toBeGreaterThan(0)
    expect(result.alerts).toEqual([])
    const row = halfYearRows(book).find((r) => r.期间 === '2026H2')
    expect(row?.日期范围).toBe('2026-07-01 至 2026-08-10（截至 2026-08-10，本期尚未结束）')
    expect(result.summary).toContain('2026H2（截至 2026-08-10，本期尚未结束）')
    expect(result.trend.find((p) => p.period === '2026H2')?.until).toBe('2026-08-10')
    expect(result.trend.find((p) => p.period === '2026H1')?.until).toBeUndefined()
  })

  it('labels it 截至 <today> in 图表标签 (the Sheets chart’s axis), also when another half-year is made later', async () => {
    const book = unfinished()
    await runReport(book, period('2026H2'), OPTIONS)
    const labels = (): [Cell, Cell][] => halfYearRows(book).map((r) => [r.期间 ?? null, r.图表标签 ?? null])
    expect(labels()).toEqual([
      ['2025H2', '2025H2'],
      ['2026H1', '2026H1'],
      ['2026H2', '2026H2（截至 08-10）'],
    ])
    // Made again later for 2026H1 only: the 2026H2 row recorded on 08-10 is still counted up to 08-10.
    await runReport(book, period('2026H1'), { ...OPTIONS, today: '2026-09-01' as IsoDate })
    expect(labels().at(-1)).toEqual(['2026H2', '2026H2（截至 08-10）'])
  })

  it('gives rows recorded before the 图表标签 column existed their label', async () => {
    const old = TEMPLATES.halfYear.columns.filter((column) => column.header !== '图表标签')
    const recorded = [
      old.map((column) => column.header),
      old.map((column) =>
        column.header === '期间' ? '2025H2' : column.header === '生成日期' ? d('2026-01-05') : null,
      ),
    ]
    const book = workbook({ [TEMPLATES.halfYear.name]: recorded })
    await runReport(book, period('2026H1'), OPTIONS)
    expect(halfYearRows(book).map((r) => [r.期间, r.图表标签])).toEqual([
      ['2025H2', '2025H2'],
      ['2026H1', '2026H1'],
    ])
  })

  it('counts in 未计入交易(条) only the left-out rows dated in the half-year', async () => {
    const book = unfinished()
    const result = await runReport(book, period('2026H2'), OPTIONS)
    expect(result.metrics.leftOutRows).toEqual([14])
    const rows = halfYearRows(book)
    expect(rows.find((r) => r.期间 === '2026H2')?.['未计入交易(条)']).toBe(1)
    expect(rows.find((r) => r.期间 === '2026H1')?.['未计入交易(条)']).toBe(2)
  })
})
