/**
 * The trend chart of the 半年评估 tab in Google Sheets: one embedded combo chart under the table,
 * bars for key customers' revenue (万元, left axis) and a line for the churn rate (%, right axis),
 * read straight from the tab's columns. Generating the report again updates that chart (its ranges
 * grow with the rows); it never adds a second one.
 */
import { TEMPLATES } from '../../app/tabs'
import { drawComboChart, templateColumn } from './combo-chart'
import type { GasSheet } from './sheets-api'

const HALF_YEAR = TEMPLATES.halfYear
/**
 * The columns charted, in series order: the domain first. The domain is 图表标签, not 期间, so
 * that a half-year not over yet reads 2026H2（截至 12-02） on the axis, as in the local SVG.
 */
export const CHART_HEADERS = ['图表标签', '重要客户收入(万元)', '老客户流失率(%)'] as const
/** Where the chart sits relative to the table, so that the 趋势图 cell can say so. */
export const CHART_PLACE = '见本表下方的图表'

/** Inserts the chart, or updates the one already there; says which. */
export function drawHalfYearChart(
  sheet: GasSheet,
  dataRows: number,
  churnMaxPercent: number,
): 'inserted' | 'updated' {
  return drawComboChart(sheet, {
    ranges: CHART_HEADERS.map((header) =>
      sheet.getRange(1, templateColumn(HALF_YEAR, header), dataRows + 1, 1),
    ),
    headerRows: 1,
    title: `重要客户销售收入与老客户流失率（按半年；流失率上限 ${churnMaxPercent}%）`,
    bars: { title: '重要客户收入（万元）', series: { dataLabel: 'value' } },
    line: { title: '老客户流失率（%）' },
    domainTitle: '半年（H1 为 1–6 月，H2 为 7–12 月）',
    tableRows: dataRows + 1,
  })
}
