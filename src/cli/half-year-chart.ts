/**
 * The trend chart of the 半年评估 tab for the local workbook: an SVG written next to the .xlsx
 * (the workbook host writes cells, not chart parts; an image beside the file opens anywhere).
 * Bars: key customers' revenue in 万元 on the left axis; line: the churn rate in % on the right
 * axis, with the 老客户流失率上限 as a dashed line, so that a manager sees at a glance whether
 * revenue falls and churn is over the limit. A pure function of the rows: no fonts or files needed.
 */
import type { TrendPoint } from '../app/report'
import { parsePeriod } from '../core/periods'

/** The chart shows at most this many half-years, the most recent ones (six years). */
export const CHART_PERIODS = 12

const WIDTH = 880
const HEIGHT = 500
const PLOT = { left: 90, right: 790, top: 110, bottom: 390 }
export const FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
const BAR_COLOR = '#9dc3e6'
const LINE_COLOR = '#c55a11'
const UP_COLOR = '#38761d'
const LIMIT_COLOR = '#c00000'
export const GRID_COLOR = '#d9d9d9'
const TEXT_COLOR = '#262626'
export const MUTED_COLOR = '#595959'

export interface ChartOptions {
  /** 老客户流失率上限(%): the dashed line. */
  readonly churnMaxPercent: number
  /** 生成于 … in the subtitle. */
  readonly generatedOn: string
}

export function halfYearChartSvg(trend: readonly TrendPoint[], options: ChartOptions): string {
  const points = trend.slice(-CHART_PERIODS)
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(WIDTH / 2, 38, '重要客户销售收入与老客户流失率（按半年）', {
      size: 22,
      weight: 'bold',
      anchor: 'middle',
    }),
    text(
      WIDTH / 2,
      66,
      `数据来源：交易记录、客户档案 · 生成于 ${options.generatedOn} · 重要客户管理规定 3.6`,
      { size: 13, anchor: 'middle', color: MUTED_COLOR },
    ),
  ]
  if (points.length === 0) {
    parts.push(
      text(WIDTH / 2, HEIGHT / 2, '“半年评估”中还没有数据', { size: 18, anchor: 'middle' }),
      '</svg>',
    )
    return parts.join('\n')
  }

  const revenues = points.map((point) => point.keyRevenueWan ?? 0)
  const revenueAxis = niceAxis(Math.min(0, ...revenues), Math.max(0, ...revenues))
  const churns = points.flatMap((point) => (point.churnPercent === null ? [] : [point.churnPercent]))
  const churnHigh = Math.min(100, Math.max(options.churnMaxPercent * 1.5, ...churns, 1))
  // The right axis shares the grid lines of the left one when revenue does not go below zero.
  const churnAxis =
    revenueAxis.min === 0 ? alignedAxis(churnHigh, revenueAxis.ticks.length - 1) : niceAxis(0, churnHigh)
  const yRevenue = scale(revenueAxis.min, revenueAxis.max, PLOT.bottom, PLOT.top)
  const yChurn = scale(churnAxis.min, churnAxis.max, PLOT.bottom, PLOT.top)
  const band = (PLOT.right - PLOT.left) / points.length
  const centre = (index: number): number => PLOT.left + band * (index + 0.5)
  const barWidth = Math.min(64, band * 0.5)

  // Grid and the left axis (revenue), the right axis (churn) at the same heights.
  revenueAxis.ticks.forEach((tick, index) => {
    const y = yRevenue(tick)
    parts.push(line(PLOT.left, y, PLOT.right, y, GRID_COLOR, tick === 0 ? 1.5 : 1))
    parts.push(
      text(PLOT.left - 8, y + 4, formatNumber(tick), { size: 12, anchor: 'end', color: MUTED_COLOR }),
    )
    const churnTick = churnAxis.ticks[index]
    if (churnTick !== undefined) {
      parts.push(
        text(PLOT.right + 8, yChurn(churnTick) + 4, `${formatNumber(churnTick)}%`, {
          size: 12,
          color: MUTED_COLOR,
        }),
      )
    }
  })
  parts.push(
    text(28, (PLOT.top + PLOT.bottom) / 2, '重要客户收入（万元）', {
      size: 13,
      anchor: 'middle',
      rotate: -90,
    }),
    text(WIDTH - 22, (PLOT.top + PLOT.bottom) / 2, '老客户流失率（%）', {
      size: 13,
      anchor: 'middle',
      rotate: 90,
    }),
  )

  // Bars with their values and the change from the half-year before; where the labels of each bar
  // are, so that a churn label does not cover them.
  const barLabels = new Map<number, { top: number; bottom: number }>()
  points.forEach((point, index) => {
    const x = centre(index)
    if (point.keyRevenueWan !== null) {
      const top = yRevenue(Math.max(0, point.keyRevenueWan))
      const bottom = yRevenue(Math.min(0, point.keyRevenueWan))
      parts.push(
        `<rect x="${fixed(x - barWidth / 2)}" y="${fixed(top)}" width="${fixed(barWidth)}" height="${fixed(Math.max(bottom - top, 0.5))}" fill="${BAR_COLOR}"/>`,
      )
      // Above the bar, and above the churn point too where the point sits just at the bar's top.
      const churnY = point.churnPercent === null ? undefined : yChurn(point.churnPercent)
      const aboveBar = point.keyRevenueWan >= 0 ? top - 6 : bottom + 15
      const labelY =
        churnY !== undefined && churnY > aboveBar - 8 && churnY < aboveBar + 14 ? churnY - 10 : aboveBar
      parts.push(
        text(x, labelY, formatNumber(point.keyRevenueWan), { size: 13, anchor: 'middle', weight: 'bold' }),
      )
      const growth = point.keyRevenueGrowthPercent
      barLabels.set(index, { top: labelY - (growth === null ? 14 : 30), bottom: labelY + 3 })
      if (growth !== null) {
        const fell = growth < 0
        parts.push(
          text(x, labelY - 16, `${fell ? '↓' : '↑'}${percent(Math.abs(growth))}`, {
            size: 12,
            anchor: 'middle',
            color: fell ? LIMIT_COLOR : UP_COLOR,
            halo: true,
          }),
        )
      }
    }
    const { year, half } = parsePeriod(point.period) ?? { year: undefined, half: undefined }
    const first = year === undefined ? point.period : `${year}年`
    const second = half === undefined ? '' : half === 1 ? '上半年' : '下半年'
    parts.push(text(x, PLOT.bottom + 22, first, { size: 13, anchor: 'middle' }))
    if (second) parts.push(text(x, PLOT.bottom + 40, second, { size: 13, anchor: 'middle' }))
    // A half-year not over yet is drawn as what it is: counted up to a day, not a finished period.
    if (point.until)
      parts.push(
        text(x, PLOT.bottom + 58, `截至 ${point.until.slice(5)}`, {
          size: 12,
          anchor: 'middle',
          color: LIMIT_COLOR,
        }),
      )
  })

  // The churn limit, then the churn line over it; a gap where a rate is empty.
  const limitY = yChurn(options.churnMaxPercent)
  parts.push(
    `<line x1="${PLOT.left}" y1="${fixed(limitY)}" x2="${PLOT.right}" y2="${fixed(limitY)}" stroke="${LIMIT_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    text(PLOT.left + 4, limitY - 6, `流失率上限 ${options.churnMaxPercent}%`, {
      size: 12,
      color: LIMIT_COLOR,
      halo: true,
    }),
  )
  parts.push(
    ...gappedLine(
      points.map((point, index) =>
        point.churnPercent === null ? null : [centre(index), yChurn(point.churnPercent)],
      ),
      LINE_COLOR,
    ),
  )
  points.forEach((point, index) => {
    if (point.churnPercent === null) return
    const x = centre(index)
    const y = yChurn(point.churnPercent)
    const over = point.churnPercent > options.churnMaxPercent
    // Above right of the point, or below right where that would cover the bar's labels.
    const bar = barLabels.get(index)
    const covers = bar !== undefined && y - 22 < bar.bottom && y - 6 > bar.top
    const labelY = covers ? y + 20 : y - 9
    parts.push(
      `<circle cx="${fixed(x)}" cy="${fixed(y)}" r="5" fill="${over ? LIMIT_COLOR : LINE_COLOR}" stroke="#ffffff" stroke-width="1.5"/>`,
      text(x + 9, labelY, percent(point.churnPercent), {
        size: 13,
        weight: 'bold',
        color: over ? LIMIT_COLOR : LINE_COLOR,
        halo: true,
      }),
    )
  })

  // Legend under the axis labels.
  const legendY = HEIGHT - 28
  parts.push(
    `<rect x="190" y="${legendY - 11}" width="16" height="12" fill="${BAR_COLOR}"/>`,
    text(212, legendY, '重要客户收入（万元，左轴；↑↓ 比上期增减）', { size: 13 }),
    `<line x1="500" y1="${legendY - 5}" x2="524" y2="${legendY - 5}" stroke="${LINE_COLOR}" stroke-width="2.5"/>`,
    `<circle cx="512" cy="${legendY - 5}" r="4" fill="${LINE_COLOR}"/>`,
    text(530, legendY, '老客户流失率（%，右轴）', { size: 13 }),
    `<line x1="690" y1="${legendY - 5}" x2="714" y2="${legendY - 5}" stroke="${LIMIT_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    text(720, legendY, '流失率上限', { size: 13 }),
    '</svg>',
  )
  return parts.join('\n')
}

interface Axis {
  readonly min: number
  readonly max: number
  readonly ticks: readonly number[]
}

/** Five intervals of 1, 2, 2.5 or 5 × 10^k covering [low, high]. */
export function niceAxis(low: number, high: number): Axis {
  const span = high - low || Math.abs(high) || 1
  const raw = span / 5
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude
  const min = Math.floor(low / step) * step
  const max = Math.max(Math.ceil(high / step) * step, min + step)
  const ticks: number[] = []
  for (let tick = min; tick <= max + step / 2; tick += step) ticks.push(round(tick))
  return { min, max, ticks }
}

/** From 0 to `intervals` steps of 1, 2, 2.5 or 5 × 10^k, the first that reaches `high`. */
export function alignedAxis(high: number, intervals: number): Axis {
  const raw = high / intervals || 1
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= raw - 1e-9) ?? 10) * magnitude
  const ticks = Array.from({ length: intervals + 1 }, (_, index) => round(index * step))
  return { min: 0, max: step * intervals, ticks }
}

export function scale(
  domainLow: number,
  domainHigh: number,
  rangeLow: number,
  rangeHigh: number,
): (value: number) => number {
  return (value: number): number =>
    rangeLow + ((value - domainLow) / (domainHigh - domainLow || 1)) * (rangeHigh - rangeLow)
}

export interface TextStyle {
  readonly size: number
  readonly anchor?: 'start' | 'middle' | 'end'
  readonly weight?: 'bold' | 'normal'
  readonly color?: string
  readonly rotate?: number
  /** A white outline, so that a label stays readable over a bar or a line. */
  readonly halo?: boolean
}

export function text(x: number, y: number, content: string, style: TextStyle): string {
  const attributes = [
    `x="${fixed(x)}"`,
    `y="${fixed(y)}"`,
    `font-size="${style.size}"`,
    `fill="${style.color ?? TEXT_COLOR}"`,
  ]
  if (style.anchor && style.anchor !== 'start') attributes.push(`text-anchor="${style.anchor}"`)
  if (style.weight === 'bold') attributes.push('font-weight="bold"')
  if (style.halo)
    attributes.push('stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"')
  if (style.rotate !== undefined)
    attributes.push(`transform="rotate(${style.rotate} ${fixed(x)} ${fixed(y)})"`)
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`
}

export function line(x1: number, y1: number, x2: number, y2: number, color: string, width: number): string {
  return `<line x1="${fixed(x1)}" y1="${fixed(y1)}" x2="${fixed(x2)}" y2="${fixed(y2)}" stroke="${color}" stroke-width="${width}"/>`
}

/** A line through the points, broken where a point is missing (an empty rate): one polyline per run. */
export function gappedLine(points: readonly (readonly [number, number] | null)[], color: string): string[] {
  const lines: string[] = []
  let segment: string[] = []
  const flush = (): void => {
    if (segment.length > 1)
      lines.push(`<polyline points="${segment.join(' ')}" fill="none" stroke="${color}" stroke-width="2.5"/>`)
    segment = []
  }
  for (const point of points) {
    if (point === null) flush()
    else segment.push(`${fixed(point[0])},${fixed(point[1])}`)
  }
  flush()
  return lines
}

export function escapeXml(content: string): string {
  return content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** 1234.5 → 1,234.5; at most two decimals. */
function formatNumber(value: number): string {
  const [whole = '0', fraction] = String(round(value)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/** 11.11 → 11.1%: one decimal is what a chart needs; the tab has two. */
function percent(value: number): string {
  return `${Number(value.toFixed(1))}%`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

export function fixed(value: number): string {
  return String(Math.round(value * 10) / 10)
}
