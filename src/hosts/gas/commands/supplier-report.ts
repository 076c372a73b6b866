/** 生成供应商年度评定: asks for the year, writes 年度评定, and tells the figures. */
import { runSupplierReport } from '../../../app/supplier-report'
import { TEMPLATES } from '../../../app/tabs'
import { promptingCommand } from '../menu-command'
import { type GasServices, menuRun } from '../services'
import type { SheetsWorkbook } from '../sheets-workbook'
import { parsePlanYear } from './plan'
import { defaultSurveyYear } from './satisfaction-report'

export const generateSupplierReport = promptingCommand(
  '生成供应商年度评定',
  {
    // Like the survey report: the year just ended until the end of February.
    suggest: defaultSurveyYear,
    text: (year) => `请输入要评定的年度（直接点“确定”则为 ${year} 年）：`,
    parse: parsePlanYear,
  },
  writeReport,
)

async function writeReport(services: GasServices, workbook: SheetsWorkbook, year: number): Promise<string> {
  const result = await runSupplierReport(workbook, year, menuRun(services, workbook), services.now())
  const problems =
    result.findings.length > 0
      ? `\n\n供应商名录、供应商月度评定和索赔中有 ${result.findings.length} 处数据有误，相关评定未计入；请运行“立即检查”，在“提醒汇总”中查看。`
      : ''
  return `${result.summary}。\n明细见“${TEMPLATES.supplierAnnual.name}”工作表；名录里的“分类”没有改动。${problems}`
}
