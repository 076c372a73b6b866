/**
 * The trend chart of the 半年评估 tab in Google Sheets: one embedded combo chart under the table,
 * bars for key customers' revenue (万元, left axis) and a line for the churn rate (%, right axis),
 * read straight from the tab's columns. Generating the report again updates that chart (its ranges
 * grow with the rows); it never adds a second one.
 */
import { TEMPLATES } from '../../app/tabs'
import type { TabTemplate } from '../../core/template'
import type { GasEmbeddedChartBuilder, GasSheet } from './sheets-api'

const HALF_YEAR = TEMPLATES.halfYear
/**
 * The columns charted, in series order: the domain first. The domain is 图表标签, not 期间, so
 * that a half-year not over yet reads 2026H2（截至 12-02） on the axis, as in the local SVG.
 */
export const CHART_HEADERS = ['图表标签', '重要客户收入(万元)', '老客户流失率(%)'] as const
/** Where the chart sits relative to the table, so that the 趋势图 cell can say so. */
export const CHART_PLACE = '见本表下方的图表'
/** Blank rows between a table and the chart under it. */
export const CHART_GAP_ROWS = 2

/** The 1-based column of a header in the tab a template writes. */
export function templateColumn(template: TabTemplate, header: string): number {
  const index = template.columns.findIndex((column) => column.header === header)
  if (index < 0) throw new Error(`${template.name} has no column ${header}`)
  return index + 1
}

/** The sheet's one chart: inserted, or the one already there updated (never a second); says which. */
export function placeChart(
  sheet: GasSheet,
  configure: (builder: GasEmbeddedChartBuilder) => GasEmbeddedChartBuilder,
): 'inserted' | 'updated' {
  const [existing] = sheet.getCharts()
  if (existing !== undefined) {
    sheet.updateChart(configure(existing.modify()).build())
    return 'updated'
  }
  sheet.insertChart(configure(sheet.newChart()).build())
  return 'inserted'
}

/** Inserts the chart, or updates the one already there; says which. */
export function drawHalfYearChart(
  sheet: GasSheet,
  dataRows: number,
  churnMaxPercent: number,
): 'inserted' | 'updated' {
  const configure = (builder: GasEmbeddedChartBuilder): GasEmbeddedChartBuilder => {
    let chart = builder.asComboChart().clearRanges()
    for (const header of CHART_HEADERS)
      chart = chart.addRange(sheet.getRange(1, templateColumn(HALF_YEAR, header), dataRows + 1, 1))
    return chart
      .setNumHeaders(1)
      .setOption('useFirstColumnAsDomain', true)
      .setOption('title', `重要客户销售收入与老客户流失率（按半年；流失率上限 ${churnMaxPercent}%）`)
      .setOption('seriesType', 'bars')
      .setOption('series', {
        0: { type: 'bars', targetAxisIndex: 0, color: '#9dc3e6', dataLabel: 'value' },
        1: {
          type: 'line',
          targetAxisIndex: 1,
          color: '#c55a11',
          lineWidth: 3,
          pointSize: 7,
          dataLabel: 'value',
        },
      })
      .setOption('vAxes', {
        0: { title: '重要客户收入（万元）', minValue: 0 },
        1: { title: '老客户流失率（%）', minValue: 0 },
      })
      .setOption('hAxis', { title: '半年（H1 为 1–6 月，H2 为 7–12 月）' })
      .setOption('legend', { position: 'bottom' })
      .setPosition(dataRows + 1 + CHART_GAP_ROWS, 1, 0, 0)
  }
  return placeChart(sheet, configure)
}
