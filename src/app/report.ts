/**
 * 生成半年评估 (重要客户管理规定 3.6; SPEC §4): the metrics of a half-year from 交易记录 and 客户档案,
 * written into the 半年评估 tab as one row per half-year, beside the half-years recorded before (a
 * half-year computed again replaces its own row only). The trend it returns is what both hosts
 * chart: an SVG next to the workbook locally, an embedded chart in Google Sheets.
 */
import type { OutputCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import { recordFields } from '../core/fields'
import { compareFindings, type Finding } from '../core/findings'
import { ledgerRules } from '../core/ledger'
import {
  comparePeriods,
  FIRST_PERIOD_YEAR,
  formatPeriod,
  type HalfYear,
  LAST_PERIOD_YEAR,
  parsePeriod,
  periodLabel,
  periodRange,
  previousPeriod,
} from '../core/periods'
import { FIRST_DATA_ROW, readTable } from '../core/table'
import { CUSTOMERS } from '../ledgers/archives/tabs'
import { evaluateMetrics, metricPlace, metricsLedger } from '../ledgers/metrics/ledger'
import {
  type CustomerGroup,
  computeHalfYearMetrics,
  fenToWan,
  formatRate,
  formatWan,
  type HalfYearMetrics,
  toPercent,
} from '../ledgers/metrics/metrics'
import { HALF_YEAR, TRANSACTIONS } from '../ledgers/metrics/tabs'
import { buildTransactionLedger, fenToYuan, type TransactionLedger } from '../ledgers/metrics/transactions'
import { createContext } from './context'
import { appendLog } from './log'
import type { RunOptions } from './types'
import { halfYearCommandOf, type WorkbookPort } from './workbook-port'

/**
 * Half-years before the requested one that are computed too when the tab has no row for them yet,
 * so that the first report already shows a trend. Only a half-year whose previous half-year had
 * customers is added (otherwise its rates are all empty); rows already recorded are never touched.
 */
export const BACKFILL_PERIODS = 3

export interface ReportOptions extends RunOptions {
  /** What the 趋势图 cell of the rows written now says: the chart's file, or where the chart is. */
  readonly chartNote: string
}

/** One half-year of the trend chart, oldest first. */
export interface TrendPoint {
  readonly period: string
  readonly keyRevenueWan: number | null
  readonly keyRevenueGrowthPercent: number | null
  readonly churnPercent: number | null
  /** For a half-year not over when its row was made: the day its figures are counted up to. */
  readonly until?: IsoDate | null
}

export interface ReportResult {
  readonly metrics: HalfYearMetrics
  /** METRIC_* findings of the half-year (the same rules as the daily check). */
  readonly alerts: readonly Finding[]
  /** DATA_INVALID findings about 交易记录: why transactions were left out. */
  readonly findings: readonly Finding[]
  /** Every half-year in the 半年评估 tab after the write, oldest first. */
  readonly trend: readonly TrendPoint[]
  /** Half-years added to the tab besides the requested one. */
  readonly backfilled: readonly string[]
  readonly churnMaxPercent: number
  /** The day the report was made; a half-year not over yet is counted up to it. */
  readonly today: IsoDate
  /** The half-year is not over on `today`: its figures are counted up to it, and no METRIC_* is raised. */
  readonly unfinished: boolean
  readonly summary: string
}

export async function runReport(
  port: WorkbookPort,
  period: HalfYear,
  options: ReportOptions,
  now = new Date(),
): Promise<ReportResult> {
  if (!Number.isInteger(period.year) || period.year < FIRST_PERIOD_YEAR || period.year > LAST_PERIOD_YEAR) {
    throw new RangeError(`半年的年份必须在 ${FIRST_PERIOD_YEAR} 到 ${LAST_PERIOD_YEAR} 之间`)
  }
  if (periodRange(period).from > options.today) {
    throw new RangeError(
      `${periodLabel(period)}（${formatPeriod(period)}）还没有开始（今天是 ${options.today}），请选择已经开始的半年`,
    )
  }
  options.progress?.('读取交易记录和客户档案…')
  const context = createContext(port, options.today)
  const transactions = context.tabs.require(TRANSACTIONS, '半年评估由交易记录计算')
  const customers = context.tabs.require(CUSTOMERS, '重要客户和客户编号取自客户档案')
  const ledger = buildTransactionLedger(transactions, customers)
  const metrics = computeHalfYearMetrics(ledger, period)
  // A half-year not over yet is no fall in revenue nor churn: its customers may still buy.
  const unfinished = periodRange(period).to >= options.today
  const findings = [...context.tabs.findings, ...ledger.findings]
    .filter((finding) => finding.sheet === TRANSACTIONS.name)
    .sort(compareFindings)

  const recorded = recordedRows(port)
  const written = new Map<string, OutputCell[]>()
  written.set(formatPeriod(period), tabRow(metrics, options, requestedNote(metrics, options.today)))
  const backfilled = backfill(ledger, period, recorded, options)
  for (const [key, row] of backfilled) written.set(key, row)
  const rows = [...new Map([...recorded, ...written])]
    .sort(([a], [b]) => comparePeriods(parsePeriod(a) ?? period, parsePeriod(b) ?? period))
    .map(([, row]) => withChartLabel(row))
  const periodRow = rows.findIndex((row) => row[PERIOD_COLUMN] === formatPeriod(period)) + FIRST_DATA_ROW
  const place = metricPlace(periodRow, period, halfYearCommandOf(port))
  const alerts = unfinished
    ? []
    : (await evaluateMetrics(metrics, context.params, ledgerRules(metricsLedger.ruleSet()), place)).map(
        ({ label: _label, ...finding }): Finding => finding,
      )

  const summary = summaryOf(metrics, unfinished ? options.today : undefined)
  if (!options.dryRun) {
    options.progress?.('写入“半年评估”…')
    port.replaceToolTab(HALF_YEAR, rows)
    appendLog(port, now, `生成半年评估 ${formatPeriod(period)}`, options.actor, summary)
  }
  return {
    metrics,
    alerts,
    findings,
    trend: rows.map(trendPoint),
    backfilled: [...backfilled.keys()],
    churnMaxPercent: context.params.churnMaxPercent ?? 0,
    today: options.today,
    unfinished,
    summary,
  }
}

/** 2026H1：重要客户收入 …, one line for 操作日志 and the end of the report. */
export function summaryOf(metrics: HalfYearMetrics, until?: IsoDate): string {
  const parts = [
    `重要客户收入 ${formatWan(metrics.keyRevenueFen)}（增长率 ${formatRate(metrics.keyRevenueGrowth)}）`,
    `新客户开发率 ${formatRate(metrics.newCustomerRate)}`,
    `老客户流失率 ${formatRate(metrics.churnRate)}`,
    `客户保持率 ${formatRate(metrics.retentionRate)}`,
  ]
  const leftOut = metrics.leftOutRows.length
  if (leftOut > 0) parts.push(`未计入交易 ${leftOut} 条`)
  const period = formatPeriod(metrics.period) + (until === undefined ? '' : `（截至 ${until}，本期尚未结束）`)
  return `${period}：${parts.join('，')}`
}

const HALF_YEAR_FIELDS = recordFields(HALF_YEAR)
const PERIOD_COLUMN = HALF_YEAR.columns.findIndex((column) => column.header === '期间')

/** The tab's rows by half-year, as recorded before this run; rows without a valid 期间 are dropped. */
function recordedRows(port: WorkbookPort): Map<string, OutputCell[]> {
  const table = port.readTab(HALF_YEAR.name)
  const rows = new Map<string, OutputCell[]>()
  if (!table) return rows
  for (const record of readTable(HALF_YEAR, table).records) {
    const period = parsePeriod(HALF_YEAR_FIELDS.text(record, '期间'))
    if (!period) continue
    rows.set(
      formatPeriod(period),
      HALF_YEAR.columns.map((column): OutputCell => {
        const value = record.values.get(column.header)
        if (value === undefined) return null
        return column.type === 'date' ? { date: value as IsoDate } : value
      }),
    )
  }
  return rows
}

function backfill(
  ledger: TransactionLedger,
  period: HalfYear,
  recorded: ReadonlyMap<string, OutputCell[]>,
  options: ReportOptions,
): Map<string, OutputCell[]> {
  const rows = new Map<string, OutputCell[]>()
  let earlier = period
  for (let step = 0; step < BACKFILL_PERIODS; step++) {
    earlier = previousPeriod(earlier)
    const key = formatPeriod(earlier)
    if (recorded.has(key)) continue
    const metrics = computeHalfYearMetrics(ledger, earlier)
    if (metrics.activePrevious.count === 0) break
    rows.set(key, tabRow(metrics, options, `生成 ${formatPeriod(period)} 时补算（此前未记录）`))
  }
  return rows
}

function requestedNote(metrics: HalfYearMetrics, today: IsoDate): string {
  const notes: string[] = []
  const { to } = periodRange(metrics.period)
  if (to >= today) notes.push(`本期尚未结束，数字截至 ${today}`)
  if (metrics.activePrevious.count === 0) notes.push('上期没有客户有销售，新客户开发率、流失率、保持率留空')
  if (metrics.keyRevenueGrowth === null) notes.push('上期重要客户收入为 0 或负数，增长率留空')
  if (metrics.leftOutRows.length > 0)
    notes.push(`交易记录第 ${rowList(metrics.leftOutRows)} 行有误未计入，详见“提醒汇总”`)
  return notes.join('；')
}

function rowList(rows: readonly number[]): string {
  return rows.length > 20 ? `${rows.slice(0, 20).join('、')} 等 ${rows.length}` : rows.join('、')
}

/** One row of the 半年评估 tab, in template column order whatever that order is. */
function tabRow(metrics: HalfYearMetrics, options: ReportOptions, note: string): OutputCell[] {
  const { from, to } = periodRange(metrics.period)
  const percent = (value: number | null): OutputCell => (value === null ? null : toPercent(value))
  const values: Record<string, OutputCell> = {
    期间: formatPeriod(metrics.period),
    '重要客户收入(万元)': fenToWan(metrics.keyRevenueFen),
    '老客户流失率(%)': percent(metrics.churnRate),
    '重要客户收入增长率(%)': percent(metrics.keyRevenueGrowth),
    '新客户开发率(%)': percent(metrics.newCustomerRate),
    '客户保持率(%)': percent(metrics.retentionRate),
    上期活跃客户数: metrics.activePrevious.count,
    本期活跃客户数: metrics.activeCurrent.count,
    新客户数: metrics.newCustomers.count,
    流失客户数: metrics.churned.count,
    '重要客户收入(元)': fenToYuan(metrics.keyRevenueFen),
    '上期重要客户收入(元)': fenToYuan(metrics.previousKeyRevenueFen),
    日期范围:
      to >= options.today
        ? `${from} 至 ${options.today}（截至 ${options.today}，本期尚未结束）`
        : `${from} 至 ${to}`,
    '未计入交易(条)': metrics.leftOutRows.length,
    新客户: metrics.newCustomers.ids.join('、'),
    流失客户: metrics.churned.ids.join('、'),
    生成日期: { date: options.today },
    趋势图: options.chartNote,
    说明: note,
  }
  return HALF_YEAR.columns.map((column) => values[column.header] ?? null)
}

/**
 * How a half-year is named on the trend chart's axis (the 图表标签 column, which the Sheets chart
 * uses as its domain): 2026H1, or 2026H2（截至 12-02） for a half-year counted only up to a day.
 */
export function chartLabel(point: Pick<TrendPoint, 'period' | 'until'>): string {
  return point.until ? `${point.period}（截至 ${point.until.slice(5)}）` : point.period
}

const CHART_LABEL_COLUMN = HALF_YEAR.columns.findIndex((column) => column.header === '图表标签')

/** The row with its 图表标签, made again for every row (a row recorded before the column had none). */
function withChartLabel(row: readonly OutputCell[]): OutputCell[] {
  const labelled = [...row]
  if (CHART_LABEL_COLUMN >= 0) labelled[CHART_LABEL_COLUMN] = chartLabel(trendPoint(row))
  return labelled
}

function trendPoint(row: readonly OutputCell[]): TrendPoint {
  const at = (header: string): OutputCell =>
    row[HALF_YEAR.columns.findIndex((column) => column.header === header)] ?? null
  const number = (value: OutputCell): number | null => (typeof value === 'number' ? value : null)
  const period = parsePeriod(String(at('期间') ?? ''))
  const made = at('生成日期')
  const madeOn = typeof made === 'object' && made !== null ? made.date : undefined
  const until = period && madeOn !== undefined && periodRange(period).to >= madeOn ? madeOn : undefined
  return {
    ...(until === undefined ? {} : { until }),
    period: String(at('期间') ?? ''),
    keyRevenueWan: number(at('重要客户收入(万元)')),
    keyRevenueGrowthPercent: number(at('重要客户收入增长率(%)')),
    churnPercent: number(at('老客户流失率(%)')),
  }
}

/** `report --json` (SPEC §4): the rates as fractions, with the counts, sums and ids behind each. */
export interface ReportJson {
  readonly period: string
  readonly previousPeriod: string
  readonly range: { readonly from: IsoDate; readonly to: IsoDate }
  readonly previousRange: { readonly from: IsoDate; readonly to: IsoDate }
  readonly keyRevenueGrowth: number | null
  readonly newCustomerRate: number | null
  readonly churnRate: number | null
  readonly retentionRate: number | null
  /** numerator / denominator of each rate; money in yuan. */
  readonly basis: Readonly<
    Record<
      'keyRevenueGrowth' | 'newCustomerRate' | 'churnRate' | 'retentionRate',
      { readonly numerator: number; readonly denominator: number }
    >
  >
  readonly keyRevenue: {
    readonly current: number
    readonly previous: number
    readonly change: number
    readonly keyCustomers: CustomerGroup
    readonly byCustomer: readonly {
      readonly id: string
      readonly name: string
      readonly current: number
      readonly previous: number
    }[]
  }
  readonly activePrevious: CustomerGroup
  readonly activeCurrent: CustomerGroup
  readonly newCustomers: CustomerGroup
  readonly churnedCustomers: CustomerGroup
  readonly retainedCustomers: CustomerGroup
  readonly transactions: {
    readonly current: number
    readonly previous: number
    readonly leftOut: number
    readonly leftOutRows: readonly number[]
  }
  readonly churnMaxPercent: number
  readonly alerts: readonly Finding[]
  readonly findings: readonly Finding[]
}

export function reportJson(result: ReportResult): ReportJson {
  const { metrics } = result
  const group = (g: CustomerGroup): CustomerGroup => ({ count: g.count, ids: [...g.ids] })
  const denominator = metrics.activePrevious.count
  return {
    period: formatPeriod(metrics.period),
    previousPeriod: formatPeriod(metrics.previous),
    range: periodRange(metrics.period),
    previousRange: periodRange(metrics.previous),
    keyRevenueGrowth: metrics.keyRevenueGrowth,
    newCustomerRate: metrics.newCustomerRate,
    churnRate: metrics.churnRate,
    retentionRate: metrics.retentionRate,
    basis: {
      keyRevenueGrowth: {
        numerator: fenToYuan(metrics.keyRevenueFen - metrics.previousKeyRevenueFen),
        denominator: fenToYuan(metrics.previousKeyRevenueFen),
      },
      newCustomerRate: { numerator: metrics.newCustomers.count, denominator },
      churnRate: { numerator: metrics.churned.count, denominator },
      retentionRate: { numerator: metrics.retained.count, denominator },
    },
    keyRevenue: {
      current: fenToYuan(metrics.keyRevenueFen),
      previous: fenToYuan(metrics.previousKeyRevenueFen),
      change: fenToYuan(metrics.keyRevenueFen - metrics.previousKeyRevenueFen),
      keyCustomers: group(metrics.keyCustomers),
      byCustomer: metrics.keyRevenueByCustomer.map((customer) => ({
        id: customer.id,
        name: customer.name,
        current: fenToYuan(customer.currentFen),
        previous: fenToYuan(customer.previousFen),
      })),
    },
    activePrevious: group(metrics.activePrevious),
    activeCurrent: group(metrics.activeCurrent),
    newCustomers: group(metrics.newCustomers),
    churnedCustomers: group(metrics.churned),
    retainedCustomers: group(metrics.retained),
    transactions: {
      current: metrics.transactionsCurrent,
      previous: metrics.transactionsPrevious,
      leftOut: metrics.leftOutRows.length,
      leftOutRows: [...metrics.leftOutRows],
    },
    churnMaxPercent: result.churnMaxPercent,
    alerts: result.alerts,
    findings: result.findings,
  }
}
