/** 生成满意度调查报告: asks for the year, writes 顾客满意度调查分析报告 and its chart, and tells the figures. */
import { runSatisfactionReport } from '../../../app/satisfaction-report'
import { TEMPLATES } from '../../../app/tabs'
import { type IsoDate, parts } from '../../../core/dates'
import { promptingCommand } from '../menu-command'
import { drawSatisfactionChart } from '../satisfaction-chart'
import { type GasServices, menuRun } from '../services'
import type { SheetsWorkbook } from '../sheets-workbook'
import { parsePlanYear } from './plan'

export const generateSatisfactionReport = promptingCommand(
  '生成满意度调查报告',
  {
    suggest: defaultSurveyYear,
    text: (year) => `请输入要分析的年度（直接点“确定”则为 ${year} 年）：`,
    parse: parsePlanYear,
  },
  writeReport,
)

/** The year just ended until the end of February, when its report is written; the current year after. */
export function defaultSurveyYear(today: IsoDate): number {
  const { year, month } = parts(today)
  return month <= 2 ? year - 1 : year
}

async function writeReport(services: GasServices, workbook: SheetsWorkbook, year: number): Promise<string> {
  const result = await runSatisfactionReport(workbook, year, menuRun(services, workbook), services.now())
  const sheet = services.spreadsheet().getSheetByName(TEMPLATES.satisfactionReport.name)
  if (sheet !== null) drawSatisfactionChart(sheet, year, sheet.getLastRow() - 1)
  const problems =
    result.findings.length > 0
      ? `\n\n服务登记簿和客户意见调查中有 ${result.findings.length} 处数据有误，相关评分未计入；请运行“立即检查”，在“提醒汇总”中查看。`
      : ''
  return `${result.summary}。\n明细和图表见“${TEMPLATES.satisfactionReport.name}”工作表。${problems}`
}
