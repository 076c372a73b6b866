/**
 * The chart of the annual 顾客满意度调查分析报告 for the local workbook, an SVG beside the .xlsx like
 * the half-year chart: per month, the ratings stacked by level (非常满意 … 较差, left axis) and the
 * share satisfied as a line (%, right axis), so that a month that went wrong shows at a glance.
 */
import { LEVELS, type SatisfactionReport } from '../ledgers/services/satisfaction-report'
import {
  FONT,
  fixed,
  GRID_COLOR,
  gappedLine,
  line,
  MUTED_COLOR,
  niceAxis,
  scale,
  text,
} from './half-year-chart'

const WIDTH = 880
const HEIGHT = 500
const PLOT = { left: 80, right: 800, top: 110, bottom: 390 }
const LEVEL_COLORS = ['#2e75b6', '#9dc3e6', '#ffd966', '#c00000'] as const
const LINE_COLOR = '#c55a11'

export function satisfactionChartSvg(report: SatisfactionReport, generatedOn: string): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(WIDTH / 2, 38, `${report.year} 年顾客满意度（按月）`, {
      size: 22,
      weight: 'bold',
      anchor: 'middle',
    }),
    text(WIDTH / 2, 66, `数据来源：客户意见调查 · 生成于 ${generatedOn} · 客户档案管理制度 6`, {
      size: 13,
      anchor: 'middle',
      color: MUTED_COLOR,
    }),
  ]
  const axis = niceAxis(0, Math.max(1, ...report.byMonth.map(({ tally }) => tally.ratings)))
  const y = scale(axis.min, axis.max, PLOT.bottom, PLOT.top)
  const yPercent = scale(0, 100, PLOT.bottom, PLOT.top)
  const band = (PLOT.right - PLOT.left) / report.byMonth.length
  const centre = (index: number): number => PLOT.left + band * (index + 0.5)
  const barWidth = band * 0.55
  for (const tick of axis.ticks) {
    parts.push(line(PLOT.left, y(tick), PLOT.right, y(tick), GRID_COLOR, tick === 0 ? 1.5 : 1))
    parts.push(
      text(PLOT.left - 8, y(tick) + 4, String(tick), { size: 12, anchor: 'end', color: MUTED_COLOR }),
    )
  }
  for (const tick of [0, 25, 50, 75, 100])
    parts.push(text(PLOT.right + 8, yPercent(tick) + 4, `${tick}%`, { size: 12, color: MUTED_COLOR }))
  parts.push(
    text(28, (PLOT.top + PLOT.bottom) / 2, '评分次数', { size: 13, anchor: 'middle', rotate: -90 }),
    text(WIDTH - 18, (PLOT.top + PLOT.bottom) / 2, '满意率（%）', { size: 13, anchor: 'middle', rotate: 90 }),
  )
  report.byMonth.forEach(({ month, tally }, index) => {
    let base = 0
    LEVELS.forEach((level, levelIndex) => {
      const count = tally.counts[level]
      if (count === 0) return
      const top = y(base + count)
      parts.push(
        `<rect x="${fixed(centre(index) - barWidth / 2)}" y="${fixed(top)}" width="${fixed(barWidth)}" height="${fixed(y(base) - top)}" fill="${LEVEL_COLORS[levelIndex]}"/>`,
      )
      base += count
    })
    parts.push(
      text(centre(index), PLOT.bottom + 22, `${Number(month.slice(5))}月`, { size: 13, anchor: 'middle' }),
    )
  })
  // The share satisfied, with a gap where a month has no survey.
  parts.push(
    ...gappedLine(
      report.byMonth.map(({ tally }, index) =>
        tally.satisfiedPercent === null ? null : [centre(index), yPercent(tally.satisfiedPercent)],
      ),
      LINE_COLOR,
    ),
  )
  report.byMonth.forEach(({ tally }, index) => {
    if (tally.satisfiedPercent === null) return
    const py = yPercent(tally.satisfiedPercent)
    parts.push(
      `<circle cx="${fixed(centre(index))}" cy="${fixed(py)}" r="4.5" fill="${LINE_COLOR}" stroke="#ffffff" stroke-width="1.5"/>`,
      text(centre(index), py - 9, `${tally.satisfiedPercent}%`, {
        size: 12,
        weight: 'bold',
        anchor: 'middle',
        color: LINE_COLOR,
        halo: true,
      }),
    )
  })
  const legendY = HEIGHT - 28
  LEVELS.forEach((level, index) => {
    const x = 150 + index * 110
    parts.push(
      `<rect x="${x}" y="${legendY - 11}" width="16" height="12" fill="${LEVEL_COLORS[index]}"/>`,
      text(x + 22, legendY, level, { size: 13 }),
    )
  })
  parts.push(
    `<line x1="600" y1="${legendY - 5}" x2="624" y2="${legendY - 5}" stroke="${LINE_COLOR}" stroke-width="2.5"/>`,
    text(630, legendY, '满意率（非常满意 + 满意，右轴）', { size: 13 }),
    '</svg>',
  )
  return parts.join('\n')
}
