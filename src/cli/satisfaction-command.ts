/**
 * `taizhang report <book.xlsx> --year 2026 --survey`: writes the year's 顾客满意度调查分析报告 into
 * the workbook and its chart next to it (台账.xlsx → 台账-满意度调查.svg), and prints the figures.
 */

import * as path from 'node:path'
import { runSatisfactionReport, type SatisfactionReportResult } from '../app/satisfaction-report'
import { dateInTimeZone, type IsoDate } from '../core/dates'
import { fitFileName, MAX_FILE_NAME_BYTES, writeFileAtomic } from '../hosts/xlsx/file-safety'
import { openWorkbookFile, saveWorkbookFile } from '../hosts/xlsx/workbook-file'
import { LEVELS } from '../ledgers/services/satisfaction-report'
import { SATISFACTION_REPORT } from '../ledgers/services/tabs'
import type { CommandIo } from './command-io'
import { satisfactionChartSvg } from './satisfaction-chart'

const CHART_SUFFIX = '-满意度调查.svg'

export function satisfactionChartFile(workbook: string): string {
  const name = path.basename(workbook, path.extname(workbook))
  return path.join(path.dirname(workbook), fitFileName(name, CHART_SUFFIX, MAX_FILE_NAME_BYTES))
}

export async function runSatisfactionCommand(
  target: string,
  options: { readonly year: number; readonly json?: boolean; readonly today?: IsoDate },
  io: CommandIo,
): Promise<void> {
  const chartFile = satisfactionChartFile(target)
  io.progress(`正在读取 ${target} …`)
  const workbook = await openWorkbookFile(target)
  const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
  const result = await runSatisfactionReport(
    workbook,
    options.year,
    { today, actor: io.actor(workbook), progress: io.progress },
    io.now(),
  )
  io.progress(`正在写入 ${chartFile} …`)
  // An output file: a symbolic link planted at its name is replaced, never written through.
  const svg = satisfactionChartSvg(result.report, today)
  await writeFileAtomic(chartFile, Buffer.from(svg, 'utf8'), { followSymlink: false })
  io.progress(`正在写入 ${target} …`)
  await saveWorkbookFile(workbook, target)
  if (options.json) io.line(JSON.stringify({ ...result, chart: chartFile }, null, 2))
  else io.line(satisfactionText(result, target, chartFile))
}

export function satisfactionText(
  result: SatisfactionReportResult,
  target: string,
  chartFile: string,
): string {
  const { report } = result
  const percent = (value: number | null): string => (value === null ? '—' : `${value}%`)
  const lines = [
    `${report.year} 年顾客满意度调查分析报告（${path.basename(target)}）`,
    `调查 ${report.overall.surveys} 份；本年完成服务 ${report.completedServices} 次，已收回调查 ${report.surveyedServices} 次`,
    '',
    `项目          ${LEVELS.join('  ')}  满意率  平均分`,
    ...[{ item: '全部', tally: report.overall }, ...report.byItem].map(
      ({ item, tally }) =>
        `${item.padEnd(6, '　')}  ${LEVELS.map((level) => String(tally.counts[level]).padStart(level.length * 2)).join('  ')}  ${percent(tally.satisfiedPercent).padStart(6)}  ${tally.average ?? '—'}`,
    ),
    '',
    `抱怨 ${report.complaints.length} 条：`,
    ...report.complaints.map(
      (complaint) =>
        `  ${complaint.surveyId} ${complaint.date ?? ''} ${complaint.severity || '未分级'}：${complaint.handling === '' ? '尚未处理' : '已处理'}，${complaint.customerToldDate ? `${complaint.customerToldDate} 已告知客户` : '尚未告知客户'}`,
    ),
  ]
  if (result.findings.length > 0)
    lines.push(
      '',
      `有 ${result.findings.length} 处数据有误（未计入的评分、找不到的服务编号），运行 check 后见“提醒汇总”。`,
    )
  lines.push('', `已写入“${SATISFACTION_REPORT.name}”；图表：${chartFile}`, result.summary)
  return lines.join('\n')
}
