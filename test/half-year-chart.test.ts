/** The local trend chart of 半年评估: an SVG a manager reads at a glance. */
import { describe, expect, it } from 'vitest'
import type { TrendPoint } from '../src/app/report'
import { alignedAxis, CHART_PERIODS, escapeXml, halfYearChartSvg, niceAxis } from '../src/cli/half-year-chart'

const OPTIONS = { churnMaxPercent: 10, generatedOn: '2026-08-10' }

function point(
  period: string,
  keyRevenueWan: number | null,
  churnPercent: number | null,
  growth: number | null = null,
): TrendPoint {
  return { period, keyRevenueWan, churnPercent, keyRevenueGrowthPercent: growth }
}

const TREND: readonly TrendPoint[] = [
  point('2025H1', 940, 11.11, 8.05),
  point('2025H2', 1010, 0, 7.45),
  point('2026H1', 744.8, 30, -26.26),
]

/** The text of every <text> element, in order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '')
}

describe('halfYearChartSvg', () => {
  const svg = halfYearChartSvg(TREND, OPTIONS)

  it('is one well-formed SVG without NaN or undefined anywhere', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.endsWith('</svg>')).toBe(true)
    expect(svg.match(/<text /g)?.length).toBe(svg.match(/<\/text>/g)?.length)
    expect(svg).not.toMatch(/NaN|undefined|Infinity/)
  })

  it('says in Chinese what it shows, with the units of both axes and a CJK font', () => {
    const labels = texts(svg)
    expect(labels).toContain('重要客户销售收入与老客户流失率（按半年）')
    expect(labels).toContain('重要客户收入（万元）')
    expect(labels).toContain('老客户流失率（%）')
    expect(labels).toContain('流失率上限 10%')
    expect(svg).toContain('Noto Sans CJK SC')
  })

  it('labels each half-year, each bar with its 万元 and change, each point with its rate', () => {
    const labels = texts(svg)
    for (const label of [
      '2025年',
      '2026年',
      '上半年',
      '下半年',
      '940',
      '1,010',
      '744.8',
      '↑8.1%',
      '↓26.3%',
    ]) {
      expect(labels).toContain(label)
    }
    for (const label of ['11.1%', '0%', '30%']) expect(labels).toContain(label)
  })

  it('marks a churn rate over the limit in red', () => {
    expect(svg).toMatch(/<circle [^>]*fill="#c00000"[^>]*\/>/)
    expect(svg.match(/<circle [^>]*r="5" fill="#c00000"/g)).toHaveLength(2)
  })

  it('leaves a gap where a rate is empty and still draws the bars', () => {
    const gapped = halfYearChartSvg(
      [point('2025H1', 100, 5), point('2025H2', 90, null), point('2026H1', 80, 20)],
      OPTIONS,
    )
    expect(gapped).not.toContain('<polyline')
    expect(gapped.match(/<rect [^>]*fill="#9dc3e6"/g)).toHaveLength(3 + 1) // three bars and the legend
  })

  it('draws negative revenue below the zero line', () => {
    const negative = halfYearChartSvg([point('2025H2', 50, 0), point('2026H1', -20, 50)], OPTIONS)
    expect(texts(negative)).toContain('-20')
    expect(negative).not.toMatch(/NaN/)
  })

  it('shows at most the last CHART_PERIODS half-years', () => {
    const many = Array.from({ length: CHART_PERIODS + 3 }, (_, index) =>
      point(`${2010 + Math.floor(index / 2)}H${(index % 2) + 1}`, 10 + index, 5),
    )
    const labels = texts(halfYearChartSvg(many, OPTIONS))
    expect(labels).not.toContain('2010年')
    expect(labels).toContain('2017年')
  })

  it('says so when there is nothing to draw', () => {
    expect(texts(halfYearChartSvg([], OPTIONS))).toContain('“半年评估”中还没有数据')
  })

  it('escapes text', () => {
    expect(escapeXml('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;')
  })
})

describe('axes', () => {
  it.each([
    [0, 1010, 0, 1250, [0, 250, 500, 750, 1000, 1250]],
    [0, 7.5, 0, 8, [0, 2, 4, 6, 8]],
    [-20, 50, -20, 60, [-20, 0, 20, 40, 60]],
    [0, 0, 0, 0.2, [0, 0.2]],
  ])('niceAxis(%d, %d) runs from %d to %d', (low, high, min, max, ticks) => {
    expect(niceAxis(low, high)).toMatchObject({ min, max, ticks })
  })

  it.each([
    [30, 5, 50, [0, 10, 20, 30, 40, 50]],
    [15, 5, 25, [0, 5, 10, 15, 20, 25]],
    [1, 4, 1, [0, 0.25, 0.5, 0.75, 1]],
  ])('alignedAxis(%d, %d) shares the grid: up to %d', (high, intervals, max, ticks) => {
    expect(alignedAxis(high, intervals)).toMatchObject({ min: 0, max, ticks })
  })
})

describe('a half-year not over yet', () => {
  it('is labelled 截至 its day under its bar', () => {
    const svg = halfYearChartSvg(
      [...TREND, { ...point('2026H2', 300, 40, -50), until: '2026-12-02' as never }],
      OPTIONS,
    )
    expect(texts(svg)).toContain('截至 12-02')
    expect(texts(halfYearChartSvg(TREND, OPTIONS)).some((t) => t.startsWith('截至'))).toBe(false)
  })
})
