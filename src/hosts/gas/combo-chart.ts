/**
 * The reports' charts in Google Sheets (半年评估, 顾客满意度调查分析报告): one embedded combo chart
 * under a report's table, bars on the left axis and a line on the right, in the same colours as the
 * local SVGs. A report generated again updates its chart; it never adds a second one.
 */
import type { TabTemplate } from '../../core/template'
import type { GasEmbeddedChartBuilder, GasRange, GasSheet } from './sheets-api'

/** Blank rows between a table and the chart under it. */
export const CHART_GAP_ROWS = 2

/** The 1-based column of a header in the tab a template writes. */
export function templateColumn(template: TabTemplate, header: string): number {
  const index = template.columns.findIndex((column) => column.header === header)
  if (index < 0) throw new Error(`${template.name} has no column ${header}`)
  return index + 1
}

/** One axis of a combo chart: its title, its series' own options and the axis's own. */
interface ComboAxis {
  readonly title: string
  readonly series?: Readonly<Record<string, unknown>>
  readonly axis?: Readonly<Record<string, unknown>>
}

export interface ComboChart {
  /** The columns charted, the domain first, then the bars, then the line. */
  readonly ranges: readonly GasRange[]
  /** Header rows at the top of the ranges (their first cells name the series). */
  readonly headerRows: number
  readonly title: string
  readonly bars: ComboAxis
  readonly line: ComboAxis
  readonly domainTitle?: string
  /** The table's rows, header included: the chart goes under them. */
  readonly tableRows: number
}

/** Draws the sheet's one chart: inserted, or the one already there updated; says which. */
export function drawComboChart(sheet: GasSheet, spec: ComboChart): 'inserted' | 'updated' {
  const configure = (builder: GasEmbeddedChartBuilder): GasEmbeddedChartBuilder => {
    let chart = builder.asComboChart().clearRanges()
    for (const range of spec.ranges) chart = chart.addRange(range)
    chart = chart
      .setNumHeaders(spec.headerRows)
      .setOption('useFirstColumnAsDomain', true)
      .setOption('title', spec.title)
      .setOption('seriesType', 'bars')
      .setOption('series', {
        0: { type: 'bars', targetAxisIndex: 0, color: '#9dc3e6', ...spec.bars.series },
        1: {
          type: 'line',
          targetAxisIndex: 1,
          color: '#c55a11',
          lineWidth: 3,
          pointSize: 7,
          dataLabel: 'value',
          ...spec.line.series,
        },
      })
      .setOption('vAxes', {
        0: { title: spec.bars.title, minValue: 0, ...spec.bars.axis },
        1: { title: spec.line.title, minValue: 0, ...spec.line.axis },
      })
    if (spec.domainTitle !== undefined) chart = chart.setOption('hAxis', { title: spec.domainTitle })
    return chart
      .setOption('legend', { position: 'bottom' })
      .setPosition(spec.tableRows + CHART_GAP_ROWS, 1, 0, 0)
  }
  const [existing] = sheet.getCharts()
  if (existing !== undefined) {
    sheet.updateChart(configure(existing.modify()).build())
    return 'updated'
  }
  sheet.insertChart(configure(sheet.newChart()).build())
  return 'inserted'
}
