/**
 * 生成半年评估: asks for the half-year, writes 半年评估 and its trend chart, and tells the figures;
 * what the prompt accepts and what the dialog says afterwards.
 */

import { type ReportResult, runReport } from '../../../app/report'
import { TEMPLATES } from '../../../app/tabs'
import type { IsoDate } from '../../../core/dates'
import {
  FIRST_PERIOD_YEAR,
  formatPeriod,
  type HalfYear,
  LAST_PERIOD_YEAR,
  lastCompletedPeriod,
  parsePeriod,
  periodLabel,
  periodRange,
} from '../../../core/periods'
import { toHalfWidth } from '../../../core/text'
import { formatRate, formatWan, idList } from '../../../ledgers/metrics/metrics'
import { CHART_PLACE, drawHalfYearChart } from '../half-year-chart'
import { promptingCommand } from '../menu-command'
import { type GasServices, menuRun } from '../services'
import type { SheetsWorkbook } from '../sheets-workbook'

export const generateHalfYearReport = promptingCommand(
  '生成半年评估',
  { suggest: lastCompletedPeriod, text: reportPrompt, parse: parseReportPeriod },
  writeReport,
)

async function writeReport(
  services: GasServices,
  workbook: SheetsWorkbook,
  period: HalfYear,
): Promise<string> {
  const options = { ...menuRun(services, workbook), chartNote: CHART_PLACE }
  const result = await runReport(workbook, period, options, services.now())
  const sheet = services.spreadsheet().getSheetByName(TEMPLATES.halfYear.name)
  if (sheet !== null) drawHalfYearChart(sheet, result.trend.length, result.churnMaxPercent)
  return describeReport(result)
}

export function reportPrompt(suggested: HalfYear): string {
  return `请输入要评估的半年，例如 ${formatPeriod(suggested)}（H1 为 1–6 月，H2 为 7–12 月；也可输入“${periodLabel(suggested)}”）。\n直接点“确定”则为上一个完整的半年：${periodLabel(suggested)}。`
}

/**
 * The half-year typed into the prompt: 2026H1, 2026h1, 2026年上半年, 2026下半年 (full-width too);
 * empty is the suggestion. A half-year that has not begun is refused as well.
 */
export function parseReportPeriod(
  typed: string,
  suggested: HalfYear,
  today: IsoDate,
): HalfYear | { problem: string } {
  const text = toHalfWidth(typed).replace(/\s+/g, '')
  if (text === '') return suggested
  const chinese = /^(\d{4})年?([上下])半年$/.exec(text)
  const period = chinese ? parsePeriod(`${chinese[1]}H${chinese[2] === '上' ? 1 : 2}`) : parsePeriod(text)
  if (period === undefined) {
    return {
      problem: `“${typed.trim()}”不是有效的半年。请输入 ${FIRST_PERIOD_YEAR} 到 ${LAST_PERIOD_YEAR} 年之间的半年，例如 ${formatPeriod(suggested)} 或“${periodLabel(suggested)}”。`,
    }
  }
  if (periodRange(period).from > today) {
    return { problem: `${periodLabel(period)}还没有开始（今天是 ${today}），请选择已经开始的半年。` }
  }
  return period
}

export function describeReport(result: ReportResult): string {
  const { metrics } = result
  const previous = metrics.activePrevious.count
  const lines = [
    `${periodLabel(metrics.period)}（对比${periodLabel(metrics.previous)}）：`,
    `· 重要客户销售收入增长率 ${formatRate(metrics.keyRevenueGrowth)}：本期 ${formatWan(metrics.keyRevenueFen)}，上期 ${formatWan(metrics.previousKeyRevenueFen)}`,
    `· 新客户开发率 ${formatRate(metrics.newCustomerRate)}：新客户 ${metrics.newCustomers.count} 家 ÷ 上期活跃客户 ${previous} 家`,
    `· 老客户流失率 ${formatRate(metrics.churnRate)}：流失 ${metrics.churned.count} 家（${idList(metrics.churned.ids)}）÷ 上期活跃客户 ${previous} 家`,
    `· 客户保持率 ${formatRate(metrics.retentionRate)}`,
  ]
  if (periodRange(metrics.period).to >= result.today) lines.push(`本期尚未结束，数字截至 ${result.today}。`)
  if (metrics.leftOutRows.length > 0) {
    lines.push(
      `交易记录中有 ${metrics.leftOutRows.length} 行数据有误，未计入（第 ${metrics.leftOutRows.slice(0, 20).join('、')} 行）；运行“立即检查”后可在“提醒汇总”中查看原因。`,
    )
  }
  for (const alert of result.alerts) lines.push('', `⚠ ${alert.message}`)
  if (result.backfilled.length > 0)
    lines.push('', `此前未记录的 ${result.backfilled.join('、')} 已一并补算。`)
  lines.push('', '明细和趋势图见“半年评估”工作表。')
  return lines.join('\n')
}
