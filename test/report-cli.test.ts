/**
 * `taizhang report` on a real .xlsx, run in-process through main(): exit codes, the JSON of SPEC §4,
 * the 半年评估 tab, the chart next to the workbook, and the demo's last completed half-year.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE, halfYearChartFile } from '../src/cli/main'
import type { Cell } from '../src/core/cells'
import { openWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { inProcess, type Run } from './support/cli-process'
import { demoBook } from './support/demo-book'
import { readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

/** 2026-08-10 08:00 in Asia/Shanghai: the last completed half-year is 2026H1. */
const NOW = new Date('2026-08-10T00:00:00Z')
const TIMEOUT = 60_000

function taizhang(...args: string[]): Promise<Run> {
  return inProcess(NOW, ...args)
}

async function tab(file: string, name: string): Promise<Cell[][]> {
  const table = (await openWorkbookFile(file)).readTab(name)
  return table ? [[...table.header], ...table.rows.map((row) => [...row])] : []
}

describe('taizhang report', { timeout: TIMEOUT }, () => {
  it.each([
    [['report', 'x.xlsx'], '缺少必填选项 --period'],
    [['report', 'x.xlsx', '--period', '2026H3'], '--period 的值“2026H3”无效'],
    [['report', 'x.xlsx', '--period', '2026-H1'], 'YYYYH1'],
    [['report', 'x.xlsx', '--period', '上半年'], 'YYYYH1'],
    [['report', 'x.xlsx', '--period', '1999H1'], '--period 的值“1999H1”无效'],
    [['report', 'x.xlsx', '--period', '2026H1', '--today', '2026-02-30'], '--today'],
    [['report', '--period', '2026H1'], '缺少工作簿文件路径'],
  ])('taizhang %j is a usage error: exit 2, nothing on stdout', async (args, message) => {
    const run = await taizhang(...args)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(message)
    expect(run.stdout).toBe('')
  })

  it('a half-year that has not begun is a usage error and leaves the workbook as it was', async () => {
    const file = await demoBook(NOW)
    const before = await fs.readFile(file)
    const run = await taizhang('report', file, '--period', '2027H1')
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('2027H1 还没有开始（今天是 2026-08-10）')
    expect((await fs.readFile(file)).equals(before)).toBe(true)
  })

  it('a missing file exits 1', async () => {
    const file = path.join(await temporaryDirectory(), '不存在.xlsx')
    const run = await taizhang('report', file, '--period', '2026H1')
    expect(run.status).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain(`找不到文件“${file}”`)
    await expect(fs.access(halfYearChartFile(file))).rejects.toThrow()
  })

  it('a workbook without 交易记录 exits 1 naming the tab', async () => {
    const file = path.join(await temporaryDirectory(), '样件.xlsx')
    expect((await taizhang('init', file)).status).toBe(EXIT_OK)
    // The user deletes the tab in another program.
    const workbook = await readBack(file)
    const sheet = workbook.getWorksheet(TEMPLATES.transactions.name)
    if (sheet) workbook.removeWorksheet(sheet.id)
    await workbook.xlsx.writeFile(file)
    const run = await taizhang('report', file, '--period', '2026H1')
    expect(run.status).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain('缺少工作表“交易记录”')
  })

  it('--json prints the rates as fractions with what they are made of; the demo shows churn and a fall', async () => {
    const file = await demoBook(NOW)
    const run = await taizhang('report', file, '--period', '2026H1', '--json')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    const json = JSON.parse(run.stdout)
    expect(json).toMatchObject({
      period: '2026H1',
      previousPeriod: '2025H2',
      keyRevenueGrowth: expect.any(Number),
      newCustomerRate: 0,
      churnRate: 0.3,
      retentionRate: 0.7,
      basis: { churnRate: { numerator: 3, denominator: 10 } },
      churnedCustomers: { count: 3, ids: ['KH-006', 'KH-008', 'KH-012'] },
      keyRevenue: { current: 7447999.5, previous: 10100000 },
      transactions: { leftOut: 3 },
      chart: halfYearChartFile(file),
    })
    expect(json.keyRevenueGrowth).toBeCloseTo((7447999.5 - 10100000) / 10100000, 12)
    expect(json.alerts.map((alert: { code: string }) => alert.code)).toEqual([
      'METRIC_CHURN_HIGH',
      'METRIC_GROWTH_NEGATIVE',
    ])
    expect(json.findings).toHaveLength(3)

    const svg = await fs.readFile(halfYearChartFile(file), 'utf8')
    expect(svg).toMatch(/^<svg /)
    expect(svg).toContain('2026年')
    const rows = await tab(file, TEMPLATES.halfYear.name)
    expect(rows.slice(1).map((row) => row[0])).toEqual(['2024H2', '2025H1', '2025H2', '2026H1'])
    expect(rows[4]?.[rows[0]?.indexOf('趋势图') ?? -1]).toBe('台账-半年评估.svg（与工作簿在同一文件夹）')
  })

  it('prints each rate with its counts and ids, and re-running a half-year keeps the others', async () => {
    const file = await demoBook(NOW)
    expect((await taizhang('report', file, '--period', '2025H1')).status).toBe(EXIT_OK)
    const run = await taizhang('report', file, '--period', '2026H1', '--today', '2026-08-10')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain('老客户流失率            30%')
    expect(run.stdout).toContain(
      '流失客户 3 家（上期有销售、本期没有：KH-006、KH-008、KH-012）÷ 上期活跃客户 10 家',
    )
    expect(run.stdout).toContain('未计入交易 3 条')
    expect(run.stdout).toContain(`趋势图：${halfYearChartFile(file)}`)
    const periods = (await tab(file, TEMPLATES.halfYear.name)).slice(1).map((row) => row[0])
    expect(periods).toEqual(['2024H2', '2025H1', '2025H2', '2026H1'])
    const log = await tab(file, TEMPLATES.log.name)
    expect(log.slice(-2).map((row) => row[1])).toEqual(['生成半年评估 2025H1', '生成半年评估 2026H1'])
  })

  it('check on the demo raises METRIC_CHURN_HIGH and METRIC_GROWTH_NEGATIVE for 2026H1 and VIP mismatches', async () => {
    const file = await demoBook(NOW)
    const run = await taizhang('check', file, '--json')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    const { findings } = JSON.parse(run.stdout) as {
      findings: { code: string; key: string; sheet: string }[]
    }
    expect(findings.filter((finding) => finding.code.startsWith('METRIC_'))).toEqual([
      expect.objectContaining({ code: 'METRIC_CHURN_HIGH', key: '2026H1', sheet: '半年评估' }),
      expect.objectContaining({ code: 'METRIC_GROWTH_NEGATIVE', key: '2026H1', sheet: '半年评估' }),
    ])
    expect(findings.filter((finding) => finding.code === 'VIP_TIER_MISMATCH').length).toBeGreaterThan(0)
    expect(findings.filter((finding) => finding.sheet === '交易记录')).toHaveLength(3)
  })
})
