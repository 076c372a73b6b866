/**
 * 生成半年评估 in Google Sheets, on the built bundle with the in-memory Apps Script stand-ins: the
 * prompt, the 半年评估 tab and its one embedded chart (inserted once, updated after).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { parseReportPeriod } from '../src/hosts/gas/commands/half-year-report'
import { CHART_HEADERS } from '../src/hosts/gas/half-year-chart'
import { bundleSource, loadGasBundle } from './support/gas-bundle'
import { createGasEnvironment, type FakeSheet, type GasEnvironment } from './support/gas-fakes'

/** 2026-08-10 08:30 in Asia/Shanghai: the last completed half-year is 2026H1. */
const NOW = new Date('2026-08-10T00:30:00Z')
const TODAY = '2026-08-10' as IsoDate
const HEADERS = TEMPLATES.halfYear.columns.map((column) => column.header)

let source: string
beforeAll(() => {
  source = bundleSource()
})

function ledgerEnvironment(): GasEnvironment {
  const env = createGasEnvironment()
  const customers = TEMPLATES.customers.columns.map((column) => column.header)
  const row = (fields: Record<string, string>): string[] => customers.map((header) => fields[header] ?? '')
  env.spreadsheet.addSheet(TEMPLATES.customers.name, [
    customers,
    row({ 客户编号: 'K1', 客户名称: '一汽', 重要客户: '是' }),
    row({ 客户编号: 'K2', 客户名称: '上汽', 重要客户: '是' }),
    row({ 客户编号: 'C3', 客户名称: '吉利', 重要客户: '否' }),
  ])
  env.spreadsheet.addSheet(TEMPLATES.transactions.name, [
    ['客户编号', '日期', '金额', '备注'],
    ['K1', '2025-02-01', 100, ''],
    ['K2', '2025-03-01', 100, ''],
    ['K1', '2025-08-01', 150, ''],
    ['K2', '2025-09-01', 50, ''],
    ['C3', '2025-10-01', 10, ''],
    ['K1', '2026-02-01', 160, ''],
    ['K9', '2026-02-02', 99, '不在客户档案'],
  ])
  return env
}

function chartSheet(env: GasEnvironment): FakeSheet {
  return env.spreadsheet.sheet(TEMPLATES.halfYear.name)
}

describe('生成半年评估', () => {
  it('asks for the half-year (default the last completed one) and writes 半年评估 with one combo chart', async () => {
    const env = ledgerEnvironment()
    await loadGasBundle(env, { now: NOW, source }).call('generateHalfYearReport')

    expect(env.ui.prompts).toHaveLength(1)
    expect(env.ui.prompts[0]?.prompt).toContain('2026H1')
    expect(env.ui.prompts[0]?.prompt).toContain('2026年上半年')
    const sheet = chartSheet(env)
    const rows = sheet.snapshot()
    expect(rows[0]).toEqual(HEADERS)
    expect(rows.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['2025H2', 0.02, 0],
      ['2026H1', 0.02, 66.67],
    ])
    expect(rows[2]?.[HEADERS.indexOf('流失客户')]).toBe('C3、K2')
    expect(rows[2]?.[HEADERS.indexOf('趋势图')]).toBe('见本表下方的图表')

    expect(sheet.charts).toHaveLength(1)
    const chart = sheet.charts[0]?.spec
    expect(chart?.combo).toBe(true)
    expect(chart?.numHeaders).toBe(1)
    expect(chart?.ranges.map((range) => [range.row, range.column, range.numRows, range.numColumns])).toEqual(
      CHART_HEADERS.map((header) => [1, HEADERS.indexOf(header) + 1, 3, 1]),
    )
    expect(chart?.options.title).toBe('重要客户销售收入与老客户流失率（按半年；流失率上限 10%）')
    expect(chart?.options.vAxes).toEqual({
      0: { title: '重要客户收入（万元）', minValue: 0 },
      1: { title: '老客户流失率（%）', minValue: 0 },
    })
    expect(chart?.options.series).toMatchObject({
      0: { type: 'bars', targetAxisIndex: 0 },
      1: { type: 'line', targetAxisIndex: 1 },
    })
    expect(chart?.position).toEqual({ row: 5, column: 1 })

    const [alert] = env.ui.alerts
    expect(alert?.title).toBe('生成半年评估')
    expect(alert?.prompt).toContain('老客户流失率 66.7%：流失 2 家（C3、K2）÷ 上期活跃客户 3 家')
    expect(alert?.prompt).toContain('交易记录中有 1 行数据有误，未计入（第 8 行）')
    expect(alert?.prompt).toContain('制定改善方案')
    const log = env.spreadsheet.sheet(TEMPLATES.log.name).snapshot()
    expect(log.at(-1)?.slice(1, 3)).toEqual(['生成半年评估 2026H1', 'clerk@example.com'])
    expect(env.lockService.lock).toMatchObject({ held: false })
    expect(env.lockService.lock.released).toBe(env.lockService.lock.acquired)
  })

  it('run again for another half-year: the rows of both, and the same chart updated, not a second one', async () => {
    const env = ledgerEnvironment()
    const bundle = loadGasBundle(env, { now: NOW, source })
    await bundle.call('generateHalfYearReport')
    const firstId = chartSheet(env).charts[0]?.spec.chartId
    env.ui.replies.push({ text: '２０２６年下半年', button: 'OK' })
    env.calls.reset()
    await bundle.call('generateHalfYearReport')

    const sheet = chartSheet(env)
    expect(
      sheet
        .snapshot()
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['2025H2', '2026H1', '2026H2'])
    expect(sheet.charts).toHaveLength(1)
    expect(sheet.charts[0]?.spec.chartId).toBe(firstId)
    expect(sheet.charts[0]?.spec.ranges.map((range) => range.numRows)).toEqual([4, 4, 4])
    expect(sheet.charts[0]?.spec.position).toEqual({ row: 6, column: 1 })
    expect(env.calls.of('Sheet.updateChart')).toBe(1)
    expect(env.calls.of('Sheet.insertChart')).toBe(0)
    expect(env.ui.alerts.at(-1)?.prompt).toContain('本期尚未结束，数字截至 2026-08-10')
  })

  it('an unfinished half-year is labelled 截至 <today> on the chart’s axis, a finished one by its period', async () => {
    const env = ledgerEnvironment()
    const bundle = loadGasBundle(env, { now: NOW, source })
    await bundle.call('generateHalfYearReport')
    env.ui.replies.push({ text: '2026H2', button: 'OK' })
    await bundle.call('generateHalfYearReport')

    const sheet = chartSheet(env)
    const label = HEADERS.indexOf('图表标签')
    expect(
      sheet
        .snapshot()
        .slice(1)
        .map((row) => [row[0], row[label]]),
    ).toEqual([
      ['2025H2', '2025H2'],
      ['2026H1', '2026H1'],
      ['2026H2', '2026H2（截至 08-10）'],
    ])
    // The chart's domain (its first range) is that column, so the axis reads the same.
    const [domain] = sheet.charts[0]?.spec.ranges ?? []
    expect(domain).toMatchObject({ row: 1, column: label + 1, numRows: 4, numColumns: 1 })
  })

  it.each([
    ['cancel', { text: '2026H1', button: 'CANCEL' as const }, undefined],
    ['a period that does not exist', { text: '2026H3', button: 'OK' as const }, '“2026H3”不是有效的半年'],
    ['a period that has not begun', { text: '2027H1', button: 'OK' as const }, '2027年上半年还没有开始'],
  ])('%s writes nothing', async (_case, reply, message) => {
    const env = ledgerEnvironment()
    env.ui.replies.push(reply)
    await loadGasBundle(env, { now: NOW, source }).call('generateHalfYearReport')
    expect(env.spreadsheet.sheetNames()).not.toContain(TEMPLATES.halfYear.name)
    if (message === undefined) expect(env.ui.alerts).toEqual([])
    else expect(env.ui.alerts[0]?.prompt).toContain(message)
    expect(env.lockService.lock.acquired).toBe(0)
  })

  it('a spreadsheet without 交易记录 gets a clear message and no chart', async () => {
    const env = createGasEnvironment()
    env.spreadsheet.addSheet(TEMPLATES.customers.name, [
      TEMPLATES.customers.columns.map((column) => column.header),
    ])
    await loadGasBundle(env, { now: NOW, source }).call('generateHalfYearReport')
    expect(env.ui.alerts[0]?.prompt).toContain('缺少工作表“交易记录”')
    expect(env.spreadsheet.sheetNames()).not.toContain(TEMPLATES.halfYear.name)
    expect(env.lockService.lock.released).toBe(env.lockService.lock.acquired)
  })
})

describe('METRIC_* of 立即检查 and 半年评估', () => {
  /** The 提醒汇总 rows of METRIC_CHURN_HIGH: 台账, 行, 编号, 说明. */
  function churnAlerts(env: GasEnvironment): unknown[][] {
    const [header = [], ...rows] = env.spreadsheet.sheet(TEMPLATES.alerts.name).snapshot()
    const at = (name: string): number => header.indexOf(name)
    return rows
      .filter((row) => row[at('代码')] === 'METRIC_CHURN_HIGH')
      .map((row) => [row[at('台账')], row[at('行')], row[at('编号')], row[at('说明')]])
  }

  it('before 生成半年评估 the finding names the menu item; after it, the half-year’s row', async () => {
    const env = ledgerEnvironment()
    const bundle = loadGasBundle(env, { now: NOW, source })
    await bundle.call('checkNow')
    expect(churnAlerts(env)).toEqual([
      [
        '半年评估',
        1,
        '2026H1',
        expect.stringMatching(/还没有这一半年的明细.*：请运行“台账 → 生成半年评估（输入 2026H1）”写入$/),
      ],
    ])
    expect(churnAlerts(env)[0]?.[3]).not.toContain('taizhang')

    await bundle.call('generateHalfYearReport')
    await bundle.call('checkNow')
    const rows = chartSheet(env).snapshot()
    expect(rows[2]?.[0]).toBe('2026H1')
    expect(churnAlerts(env)).toEqual([
      ['半年评估', 3, '2026H1', expect.stringMatching(/明细见“半年评估”第 3 行$/)],
    ])
  })
})

describe('parseReportPeriod', () => {
  const suggested = { year: 2026, half: 1 } as const
  it.each([
    ['', suggested],
    ['  ', suggested],
    ['2025H2', { year: 2025, half: 2 }],
    ['2025h1', { year: 2025, half: 1 }],
    ['２０２５Ｈ２', { year: 2025, half: 2 }],
    ['2025年上半年', { year: 2025, half: 1 }],
    ['2025 下半年', { year: 2025, half: 2 }],
    ['2026H2', { year: 2026, half: 2 }],
    ['2026H3', { problem: expect.stringContaining('不是有效的半年') }],
    ['2025年第三季度', { problem: expect.stringContaining('例如 2026H1 或“2026年上半年”') }],
    ['2027H1', { problem: expect.stringContaining('还没有开始（今天是 2026-08-10）') }],
  ])('%j', (typed, expected) => {
    expect(parseReportPeriod(typed, suggested, TODAY)).toEqual(expected)
  })
})
