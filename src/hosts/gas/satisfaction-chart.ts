/**
 * The chart of 顾客满意度调查分析报告 in Google Sheets: one embedded combo chart under the table, read
 * from its 按月份 rows: bars for the ratings given each month (left axis), a line for the share
 * satisfied (%, right axis). Generating the report again updates that chart, never adds a second.
 */
import { TEMPLATES } from '../../app/tabs'
import { MONTH_ROWS } from '../../ledgers/services/satisfaction-report'
import { CHART_GAP_ROWS, placeChart, templateColumn } from './half-year-chart'
import type { GasEmbeddedChartBuilder, GasSheet } from './sheets-api'

const REPORT = TEMPLATES.satisfactionReport
/** The columns charted, in series order: the domain (the month) first. */
export const SATISFACTION_CHART_HEADERS = ['项目', '评分数', '满意率(%)'] as const

export function drawSatisfactionChart(
  sheet: GasSheet,
  year: number,
  dataRows: number,
): 'inserted' | 'updated' {
  const configure = (builder: GasEmbeddedChartBuilder): GasEmbeddedChartBuilder => {
    let chart = builder.asComboChart().clearRanges()
    for (const header of SATISFACTION_CHART_HEADERS)
      chart = chart.addRange(
        sheet.getRange(MONTH_ROWS.first, templateColumn(REPORT, header), MONTH_ROWS.count, 1),
      )
    return chart
      .setNumHeaders(0)
      .setOption('useFirstColumnAsDomain', true)
      .setOption('title', `${year} 年顾客满意度（按月）`)
      .setOption('seriesType', 'bars')
      .setOption('series', {
        0: { type: 'bars', targetAxisIndex: 0, color: '#9dc3e6', labelInLegend: '评分次数' },
        1: {
          type: 'line',
          targetAxisIndex: 1,
          color: '#c55a11',
          lineWidth: 3,
          pointSize: 7,
          dataLabel: 'value',
          labelInLegend: '满意率（非常满意 + 满意，%）',
        },
      })
      .setOption('vAxes', {
        0: { title: '评分次数', minValue: 0 },
        1: { title: '满意率（%）', minValue: 0, maxValue: 100 },
      })
      .setOption('legend', { position: 'bottom' })
      .setPosition(dataRows + 1 + CHART_GAP_ROWS, 1, 0, 0)
  }
  return placeChart(sheet, configure)
}
