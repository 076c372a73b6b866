/** 生成年度计划: asks for the year, then writes 样件检验计划 and 样件更换计划. */

import { runPlan } from '../../../app/plan'
import { type IsoDate, parts } from '../../../core/dates'
import { FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR } from '../../../core/periods'
import { toHalfWidth } from '../../../core/text'
import { promptingCommand } from '../menu-command'
import { type GasServices, menuRun } from '../services'
import type { SheetsWorkbook } from '../sheets-workbook'

export const generatePlan = promptingCommand(
  '生成年度计划',
  {
    suggest: defaultPlanYear,
    text: (year) => `请输入要生成计划的年度（直接点“确定”则为 ${year} 年）：`,
    parse: parsePlanYear,
  },
  writePlans,
)

async function writePlans(services: GasServices, workbook: SheetsWorkbook, year: number): Promise<string> {
  const report = await runPlan(workbook, year, menuRun(services, workbook), services.now())
  const problems =
    report.findings.length > 0
      ? `\n\n台账中有 ${report.findings.length} 处数据问题，相关样件可能未列入计划；请运行“立即检查”，在“提醒汇总”中查看。`
      : ''
  return `${report.summary}。\n已写入“样件检验计划”和“样件更换计划”工作表。${problems}`
}

/** 生成年度计划 suggests next year from November on, when next year's plan is being prepared. */
export function defaultPlanYear(today: IsoDate): number {
  const { year, month } = parts(today)
  return month >= 11 ? year + 1 : year
}

/** The year typed into the prompt, or the message explaining what is wrong with it. */
export function parsePlanYear(typed: string, suggested: number): number | { problem: string } {
  const text = toHalfWidth(typed).replace(/\s+/g, '')
  if (text === '') return suggested
  const match = /^(\d{4})年?$/.exec(text)
  const year = match ? Number(match[1]) : Number.NaN
  if (year >= FIRST_PERIOD_YEAR && year <= LAST_PERIOD_YEAR) return year
  return {
    problem: `“${typed.trim()}”不是有效的年度。请输入 ${FIRST_PERIOD_YEAR} 到 ${LAST_PERIOD_YEAR} 之间的四位数年份，例如 ${suggested}。`,
  }
}
