/**
 * 生成满意度调查报告 in Google Sheets, on the built bundle with the in-memory Apps Script stand-ins:
 * the prompt, the 顾客满意度调查分析报告 tab and its one embedded chart (inserted once, updated after).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { defaultSurveyYear } from '../../../src/hosts/gas/commands/satisfaction-report'
import { SATISFACTION_CHART_HEADERS } from '../../../src/hosts/gas/satisfaction-chart'
import { MONTH_ROWS } from '../../../src/ledgers/services/satisfaction-report'
import { bundleSource, loadGasBundle } from '../../support/gas-bundle'
import { createGasEnvironment, type GasEnvironment } from '../../support/gas-fakes'

/** 2026-12-01 08:30 in Asia/Shanghai. */
const NOW = new Date('2026-12-01T00:30:00Z')
const REPORT = TEMPLATES.satisfactionReport
const HEADERS = REPORT.columns.map((column) => column.header)

let source: string
beforeAll(() => {
  source = bundleSource()
})

function environment(): GasEnvironment {
  const env = createGasEnvironment()
  const headers = (template: typeof REPORT) => template.columns.map((column) => column.header)
  const row = (template: typeof REPORT, fields: Record<string, string>) =>
    headers(template).map((header) => fields[header] ?? '')
  const services = TEMPLATES.services
  const surveys = TEMPLATES.surveys
  env.spreadsheet.addSheet(services.name, [
    headers(services),
    row(services, {
      服务编号: 'FW-1',
      登记日期: '2026-03-02',
      客户名称: '一汽',
      电话: '13912345678',
      服务人员: '张伟',
      完成日期: '2026-03-04',
    }),
    row(services, {
      服务编号: 'FW-2',
      登记日期: '2026-05-11',
      客户名称: '上汽',
      服务人员: '李强',
      完成日期: '2026-05-12',
    }),
  ])
  env.spreadsheet.addSheet(surveys.name, [
    headers(surveys),
    row(surveys, {
      调查编号: 'DC-1',
      服务编号: 'FW-1',
      日期: '2026-03-06',
      态度: '非常满意',
      技术: '满意',
      到达时间: '一般',
      承诺事项: '较差',
    }),
    row(surveys, {
      调查编号: 'DC-2',
      服务编号: 'FW-2',
      日期: '2026-05-14',
      态度: '满意',
      技术: '满意',
      到达时间: '满意',
      承诺事项: '满意',
      建议或抱怨: '希望提前电话告知',
      严重程度: '严重',
    }),
  ])
  return env
}

describe('生成满意度调查报告', () => {
  it('asks for the year, writes the report tab with one combo chart, and runs again without a second chart', async () => {
    const env = environment()
    const bundle = loadGasBundle(env, { now: NOW, source })
    await bundle.call('generateSatisfactionReport')

    expect(env.ui.prompts[0]?.prompt).toContain('2026 年')
    const sheet = env.spreadsheet.sheet(REPORT.name)
    const rows = sheet.snapshot()
    expect(rows[0]).toEqual(HEADERS)
    // 8 ratings: 4 3 2 1 and 3 3 3 3 → 22 / 8 = 2.75, satisfied 6 / 8
    expect(rows[1]?.slice(0, 10)).toEqual(['概况', '2026 年', 2, 1, 5, 1, 1, 8, 75, 2.75])
    expect(rows[MONTH_ROWS.first - 1]?.[1]).toBe('2026-01')
    expect(rows[MONTH_ROWS.first + MONTH_ROWS.count - 2]?.[1]).toBe('2026-12')
    expect(rows.at(-1)?.slice(0, 2)).toEqual(['抱怨处理', 'DC-2'])
    expect(JSON.stringify(rows)).not.toContain('13912345678')

    expect(sheet.charts).toHaveLength(1)
    const chart = sheet.charts[0]?.spec
    expect(chart?.combo).toBe(true)
    expect(chart?.ranges.map((range) => [range.row, range.column, range.numRows])).toEqual(
      SATISFACTION_CHART_HEADERS.map((header) => [MONTH_ROWS.first, HEADERS.indexOf(header) + 1, 12]),
    )
    expect(chart?.options.title).toBe('2026 年顾客满意度（按月）')
    expect(chart?.position).toEqual({ row: rows.length + 2, column: 1 })
    expect(env.ui.alerts[0]?.prompt).toContain('2026 年收回调查 2 份，满意率 75%')

    env.ui.replies.push({ text: '２０２５', button: 'OK' })
    await bundle.call('generateSatisfactionReport')
    expect(sheet.charts).toHaveLength(1)
    expect(sheet.snapshot()[1]?.slice(0, 3)).toEqual(['概况', '2025 年', 0])
    expect(env.lockService.lock).toMatchObject({ held: false })
  }, 60_000)

  it.each([
    ['2026-01-15', 2025],
    ['2026-02-28', 2025],
    ['2026-03-01', 2026],
    ['2026-12-01', 2026],
  ])('suggests on %s the year %s', (today, year) => {
    expect(defaultSurveyYear(today as IsoDate)).toBe(year)
  })
})
