/**
 * What follows from the monthly ratings (供应商月度评定, 十一.2–3): two consecutive months below the
 * 评定整改线 (SUPPLIER_RATING_LOW), the 分类 suggested in 供应商名录 from the last 12 months, and the
 * year's 年度评定. A month without a 综合 is not rated: it counts in no average, never as 0.
 */
import { dateCell, type OutputCell } from '../../core/cells'
import { type IsoDate, monthsOfYear } from '../../core/dates'
import { type Parameters, parameter } from '../../core/parameters'
import { templateRow } from '../../core/template'
import { idKey } from '../../core/text'
import { type Month, monthOfDate, previousMonth } from './months'
import {
  type Category,
  categoryOf,
  type Grade,
  gradeOf,
  type Rating,
  round1,
  type Supplier,
  type SupplierLedger,
} from './suppliers'
import { SUPPLIER_ANNUAL } from './tabs'

/** The counted ratings with a 综合, by supplier id key, then month. */
export function compositesBySupplier(ratings: readonly Rating[]): Map<string, Map<Month, Rating>> {
  const bySupplier = new Map<string, Map<Month, Rating>>()
  for (const rating of ratings) {
    if (!rating.counted || !rating.supplier || !rating.month || rating.composite === undefined) continue
    const key = idKey(rating.supplier.id)
    let months = bySupplier.get(key)
    if (!months) {
      months = new Map()
      bySupplier.set(key, months)
    }
    months.set(rating.month, rating)
  }
  return bySupplier
}

export interface LowStreak {
  readonly rating: Rating
  readonly previous: Rating
}

/**
 * SUPPLIER_RATING_LOW: each supplier's latest rated month, when it and the calendar month before it
 * (2027-01 after 2026-12) are both below the 评定整改线. One low month, or a gap between two low
 * months, is no streak; an earlier streak followed by a better month needs no 整改 any more.
 */
export function lowStreaks(ratings: readonly Rating[], params: Parameters): Map<number, LowStreak> {
  const threshold = parameter(params, 'supplierLowScore')
  const streaks = new Map<number, LowStreak>()
  for (const months of compositesBySupplier(ratings).values()) {
    const latest = [...months.keys()].sort().at(-1)
    const rating = latest === undefined ? undefined : months.get(latest)
    const previous = latest === undefined ? undefined : months.get(previousMonth(latest))
    if (!rating || !previous) continue
    if ((rating.composite ?? threshold) < threshold && (previous.composite ?? threshold) < threshold)
      streaks.set(rating.row, { rating, previous })
  }
  return streaks
}

/** What `taizhang why` says of a rating row about SUPPLIER_RATING_LOW: the months it compares. */
export interface RatingHistory {
  /** The supplier's latest rated month (a counted row with a 综合), the one the streak is judged on. */
  readonly latest: Month | undefined
  /** The counted rating with a 综合 of the calendar month before this row's. */
  readonly previous: Rating | undefined
}

export function ratingHistory(ratings: readonly Rating[]): Map<number, RatingHistory> {
  const composites = compositesBySupplier(ratings)
  const history = new Map<number, RatingHistory>()
  for (const rating of ratings) {
    if (!rating.supplier || !rating.month) continue
    const months = composites.get(idKey(rating.supplier.id))
    history.set(rating.row, {
      latest: [...(months?.keys() ?? [])].sort().at(-1),
      previous: months?.get(previousMonth(rating.month)),
    })
  }
  return history
}

export interface Average {
  readonly months: number
  /** One decimal; undefined without a rated month. */
  readonly average: number | undefined
  readonly grade: Grade | undefined
  readonly category: Category | undefined
}

function averageOf(values: readonly number[], params: Parameters): Average {
  if (values.length === 0) return { months: 0, average: undefined, grade: undefined, category: undefined }
  const average = round1(values.reduce((sum, value) => sum + value, 0) / values.length)
  const grade = gradeOf(average, params)
  return { months: values.length, average, grade, category: categoryOf(grade) }
}

/** 建议分类 in 供应商名录: the 12 months up to and including today's month. */
export function suggestedCategories(
  ledger: SupplierLedger,
  params: Parameters,
  today: IsoDate,
): Map<number, Average> {
  const last = monthOfDate(today)
  let first = last
  for (let i = 0; i < 11; i += 1) first = previousMonth(first)
  const composites = compositesBySupplier(ledger.ratings)
  const byRow = new Map<number, Average>()
  for (const supplier of ledger.suppliers) {
    const months = composites.get(idKey(supplier.id))
    const values = [...(months?.entries() ?? [])]
      .filter(([month]) => month >= first && month <= last)
      .map(([, rating]) => rating.composite as number)
    const average = averageOf(values, params)
    if (average.average !== undefined) byRow.set(supplier.row, average)
  }
  return byRow
}

export interface AnnualRow {
  readonly supplier: Supplier
  readonly result: Average
  /** January … December: the month's 综合, or undefined when it was not rated. */
  readonly months: readonly (number | undefined)[]
  readonly claims: number
}

export interface AnnualReport {
  readonly year: number
  readonly rows: readonly AnnualRow[]
}

/** 年度评定 (十一.3): every supplier of 供应商名录 over the calendar year. */
export function annualReport(ledger: SupplierLedger, year: number, params: Parameters): AnnualReport {
  const composites = compositesBySupplier(ledger.ratings)
  const prefix = `${year}-`
  const rows = ledger.suppliers
    .filter((supplier) => supplier.id !== '')
    .map((supplier): AnnualRow => {
      const byMonth = composites.get(idKey(supplier.id))
      const months = monthsOfYear(year).map((month) => byMonth?.get(month as Month)?.composite)
      const claims = ledger.claims.filter(
        (claim) =>
          claim.supplier !== undefined &&
          idKey(claim.supplier.id) === idKey(supplier.id) &&
          claim.date?.startsWith(prefix),
      ).length
      return {
        supplier,
        result: averageOf(
          months.filter((value): value is number => value !== undefined),
          params,
        ),
        months,
        claims,
      }
    })
  return { year, rows }
}

export function annualSummary(report: AnnualReport): string {
  const rated = report.rows.filter((row) => row.result.average !== undefined)
  const count = (grade: Grade) => rated.filter((row) => row.result.grade === grade).length
  const changes = rated.filter(
    (row) => row.supplier.category !== undefined && row.supplier.category !== row.result.category,
  ).length
  return `${report.year} 年评定供应商 ${rated.length} 家（共 ${report.rows.length} 家）：A 级 ${count('A')}、B 级 ${count('B')}、C 级 ${count('C')}、D 级 ${count('D')}；建议分类与名录不同的 ${changes} 家`
}

function note(row: AnnualRow): string | null {
  const { result, supplier } = row
  if (result.average === undefined) return '本年没有月度评定'
  const parts: string[] = []
  if (result.months < 12) parts.push(`评定 ${result.months} 个月，未评定的月份不计入平均`)
  if (supplier.category === undefined) parts.push(`名录中未填分类，建议 ${result.category} 类`)
  else if (supplier.category !== result.category)
    parts.push(`建议由 ${supplier.category} 类改为 ${result.category} 类，请复核后自行修改名录`)
  if (result.grade === 'D') parts.push('D 级：请督促整改，考虑暂停或淘汰')
  return parts.length === 0 ? null : parts.join('；')
}

/** The rows of 年度评定, in the template's column order. */
export function annualReportRows(report: AnnualReport, today: IsoDate): OutputCell[][] {
  return report.rows.map(
    (row) =>
      templateRow(SUPPLIER_ANNUAL, {
        年度: report.year,
        供应商编号: row.supplier.id,
        名称: row.supplier.name || null,
        分类: row.supplier.category ?? null,
        评定月数: row.result.months,
        平均综合: row.result.average ?? null,
        等级: row.result.grade ?? null,
        建议分类: row.result.category ?? null,
        索赔件数: row.claims,
        ...Object.fromEntries(row.months.map((value, index) => [`${index + 1}月`, value ?? null])),
        说明: note(row),
        生成日期: dateCell(today),
      }) as OutputCell[],
  )
}
