/** 顾客满意度调查分析报告 (客户档案管理制度 6): `report --year --survey`, on hand-computed surveys. */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runSatisfactionReport } from '../../../src/app/satisfaction-report'
import { TEMPLATES } from '../../../src/app/tabs'
import { EXIT_OK, EXIT_USAGE } from '../../../src/cli/main'
import { satisfactionChartFile } from '../../../src/cli/satisfaction-command'
import type { IsoDate } from '../../../src/core/dates'
import { openWorkbookFile } from '../../../src/hosts/xlsx/workbook-file'
import { inProcess } from '../../support/cli-process'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'
import { removeTemporaryDirectories, temporaryDirectory } from '../../xlsx-helpers'

afterAll(removeTemporaryDirectories)

const REPORT = TEMPLATES.satisfactionReport.name
const TODAY = '2026-12-01' as IsoDate
const PHONE = '13912345678'
const ADDRESS = '吉林省长春市绿园区西新镇 99 号'

const services: Row[] = [
  {
    服务编号: 'FW-1',
    登记日期: d('2026-03-02'),
    客户名称: '一汽大众汽车有限公司',
    电话: PHONE,
    地址: ADDRESS,
    服务人员: '张伟',
    完成日期: d('2026-03-04'),
  },
  {
    服务编号: 'FW-2',
    登记日期: d('2026-03-09'),
    客户名称: '长城汽车股份有限公司',
    服务人员: '李强',
    完成日期: d('2026-03-10'),
  },
  {
    服务编号: 'FW-3',
    登记日期: d('2026-05-11'),
    客户名称: '理想汽车有限公司',
    服务人员: '张伟',
    完成日期: d('2026-05-12'),
  },
  {
    服务编号: 'FW-4',
    登记日期: d('2025-12-01'),
    客户名称: '奇瑞汽车股份有限公司',
    服务人员: '张伟',
    完成日期: d('2025-12-02'),
  },
]

const surveys: Row[] = [
  // March: 4 3 2 1 and 3 3 1 —
  {
    调查编号: 'DC-1',
    服务编号: 'FW-1',
    日期: d('2026-03-06'),
    态度: '非常满意',
    技术: '满意',
    到达时间: '一般',
    承诺事项: '较差',
    建议或抱怨: '到场晚了两小时',
    严重程度: '严重',
    处理结果: '已致歉并调整排班',
  },
  { 调查编号: 'DC-2', 服务编号: 'FW-2', 日期: d('2026-03-12'), 态度: '满意', 技术: '满意', 到达时间: '较差' },
  // no 日期: May, the month FW-3 was completed; one rating outside the four levels
  {
    调查编号: 'DC-3',
    服务编号: 'FW-3',
    态度: '非常满意',
    技术: '很好',
    到达时间: '非常满意',
    承诺事项: '满意',
    建议或抱怨: '希望提供备件清单',
  },
  // 2025: not in the year
  {
    调查编号: 'DC-4',
    服务编号: 'FW-4',
    日期: d('2025-12-05'),
    态度: '较差',
    技术: '较差',
    到达时间: '较差',
    承诺事项: '较差',
  },
]

function workbook(): MemoryWorkbook {
  return new MemoryWorkbook({
    [TEMPLATES.services.name]: tab(TEMPLATES.services, services),
    [TEMPLATES.surveys.name]: tab(TEMPLATES.surveys, surveys),
  })
}

describe('顾客满意度调查分析报告', () => {
  it('counts each item by level, the share satisfied and the average, the months and the complaints', async () => {
    const book = workbook()
    const result = await runSatisfactionReport(book, 2026, { today: TODAY, actor: 'test' })
    // 10 ratings: 非常满意 3, 满意 4, 一般 1, 较差 2 → satisfied 7/10 = 70 %, average 28/10 = 2.8
    expect(result.report.overall).toEqual({
      surveys: 3,
      counts: { 非常满意: 3, 满意: 4, 一般: 1, 较差: 2 },
      ratings: 10,
      satisfiedPercent: 70,
      average: 2.8,
    })
    expect(result.summary).toBe('2026 年收回调查 3 份，满意率 70%，平均分 2.8，抱怨 2 条（未处理完毕 2 条）')
    const rows = (book.tabs.get(REPORT) ?? []).slice(1)
    const at = (part: string, item: string) =>
      rows.find((row) => row[0] === part && row[1] === item)?.slice(2, 10)
    expect(at('概况', '2026 年')).toEqual([3, 3, 4, 1, 2, 10, 70, 2.8])
    expect(rows[0]?.[10]).toBe('本年完成服务 3 次，其中 3 次已收回调查（100%）')
    expect(at('按项目', '态度')).toEqual([3, 2, 1, 0, 0, 3, 100, 3.67])
    expect(at('按项目', '技术')).toEqual([2, 0, 2, 0, 0, 2, 100, 3]) // 很好 is not counted
    expect(at('按项目', '到达时间')).toEqual([3, 1, 0, 1, 1, 3, 33.3, 2.33])
    expect(at('按项目', '承诺事项（答应事项的办理）')).toEqual([2, 0, 1, 0, 1, 2, 50, 2])
    expect(at('按月份', '2026-03')).toEqual([2, 1, 3, 1, 2, 7, 57.1, 2.43])
    expect(at('按月份', '2026-05')).toEqual([1, 2, 1, 0, 0, 3, 100, 3.67])
    // a month without surveys is empty, not 0
    expect(at('按月份', '2026-04')).toEqual([0, 0, 0, 0, 0, 0, null, null])
    expect(rows.filter((row) => row[0] === '按月份')).toHaveLength(12)
    const complaints = rows.filter((row) => row[0] === '抱怨处理')
    expect(complaints.map((row) => row[1])).toEqual(['DC-1', 'DC-3'])
    expect(complaints[0]?.[10]).toBe(
      '2026-03-06 服务 FW-1（一汽大众汽车有限公司，服务人员 张伟）；严重：到场晚了两小时；处理结果：已致歉并调整排班；告知客户：尚未告知',
    )
    expect(result.findings.map((finding) => [finding.sheet, finding.row, finding.code])).toEqual([
      [TEMPLATES.surveys.name, 4, 'DATA_INVALID'],
    ])
    const written = JSON.stringify([...book.tabs].filter(([name]) => name !== TEMPLATES.services.name))
    for (const secret of [PHONE, ADDRESS]) expect(written + JSON.stringify(result)).not.toContain(secret)
  })

  it('with --dry-run writes nothing', async () => {
    const book = workbook()
    await runSatisfactionReport(book, 2026, { today: TODAY, actor: 'test', dryRun: true })
    expect(book.tabs.has(REPORT)).toBe(false)
  })
})

describe('taizhang report --year --survey', () => {
  const NOW = new Date('2026-12-01T00:00:00Z')

  it('writes the tab and the chart beside the workbook', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    expect((await inProcess(NOW, 'init', file, '--demo')).status).toBe(EXIT_OK)
    const run = await inProcess(NOW, 'report', file, '--year', '2026', '--survey')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain('2026 年顾客满意度调查分析报告')
    const table = (await openWorkbookFile(file)).readTab(REPORT)
    expect(table?.rows.length).toBeGreaterThan(13)
    const svg = await fs.readFile(satisfactionChartFile(file), 'utf8')
    expect(svg).toMatch(/^<svg [^>]*>/)
    expect(svg).toContain('<polyline')
    expect(svg).toContain('12月')
    expect(svg.trim().endsWith('</svg>')).toBe(true)
  }, 60_000)

  it.each([
    [['--survey'], '--year <年份> --survey'],
    [['--year', '2026'], '--year <年份> --survey'],
    [['--year', '2026', '--survey', '--period', '2026H1'], '不与 --period 同用'],
    [[], '缺少必填选项 --period'],
  ])('%j is a usage error', async (options, message) => {
    const run = await inProcess(NOW, 'report', 'x.xlsx', ...options)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(message)
  })
})
