/**
 * The chart of 顾客满意度调查分析报告 in Google Sheets: one embedded combo chart under the table, read
 * from its 按月份 rows: bars for the ratings given each month (left axis), a line for the share
 * satisfied (%, right axis). Generating the report again updates that chart, never adds a second.
 */
import { TEMPLATES } from '../../app/tabs'
import { MONTH_ROWS } from '../../ledgers/services/satisfaction-report'
import { drawComboChart, templateColumn } from './combo-chart'
import type { GasSheet } from './sheets-api'

const REPORT = TEMPLATES.satisfactionReport
/** The columns charted, in series order: the domain (the month) first. */
export const SATISFACTION_CHART_HEADERS = ['项目', '评分数', '满意率(%)'] as const

export function drawSatisfactionChart(
  sheet: GasSheet,
  year: number,
  dataRows: number,
): 'inserted' | 'updated' {
  return drawComboChart(sheet, {
    ranges: SATISFACTION_CHART_HEADERS.map((header) =>
      sheet.getRange(MONTH_ROWS.first, templateColumn(REPORT, header), MONTH_ROWS.count, 1),
    ),
    headerRows: 0,
    title: `${year} 年顾客满意度（按月）`,
    bars: { title: '评分次数', series: { labelInLegend: '评分次数' } },
    line: {
      title: '满意率（%）',
      series: { labelInLegend: '满意率（非常满意 + 满意，%）' },
      axis: { maxValue: 100 },
    },
    tableRows: dataRows + 1,
  })
}
