/**
 * Supplier management (供应商管理办法): the suppliers of 供应商名录, their PPAP submissions, monthly
 * ratings and claims, read and cross-checked into one model that the check, the facts and the
 * annual report (年度评定) share.
 *
 * Supplier ids compare as ids (idKey: sp-001, SP-001 and ＳＰ－００１ are one supplier).
 */
import type { Calendar } from '../../core/calendar'
import type { IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import type { LedgerContext } from '../../core/ledger'
import { type Parameters, parameter } from '../../core/parameters'
import { PARAMETERS } from '../../core/settings-tabs'
import { cellProblem, type ReadResult } from '../../core/table'
import { firstById, idKey } from '../../core/text'
import { type Month, monthLabel, monthOfDate, parseMonth } from './months'
import { type LevelMatrix, levelMatrix, PPAP_ELEMENT_COUNT, parseElements } from './ppap-matrix'
import { CLAIMS, PPAP, SUPPLIER_RATINGS, SUPPLIERS } from './tabs'

export type Category = 'A' | 'B' | 'C'
export type Grade = 'A' | 'B' | 'C' | 'D'

export interface Supplier {
  readonly row: number
  /** 供应商编号 as typed. */
  readonly id: string
  readonly name: string
  /** 分类: the user's; never written by the tool. */
  readonly category: Category | undefined
  /** 体系认证: IATF 16949 / ISO 9001 / 无, '' when blank. */
  readonly certification: string
  readonly certExpiry: IsoDate | undefined
  /** 状态: 合格 / 试用 / 暂停 / 淘汰, '' when blank. */
  readonly status: string
  readonly lastAudit: IsoDate | undefined
}

export interface PpapSubmission {
  readonly row: number
  readonly part: string
  readonly supplierId: string
  readonly supplier: Supplier | undefined
  /** 提交等级, or the default level when blank or invalid. */
  readonly level: number
  readonly requiredDate: IsoDate | undefined
  readonly submittedDate: IsoDate | undefined
  /** 状态, '' when blank. */
  readonly status: string
  readonly interimUntil: IsoDate | undefined
  /** The elements the level requires (by the level matrix), ascending. */
  readonly required: readonly number[]
  /** The elements 元素 lists, ascending. */
  readonly submitted: readonly number[]
  /** The level's elements come from the 参数 tab's PPAP等级矩阵, not the default matrix. */
  readonly requiredOverridden: boolean
  /** The elements the level requires that 元素 does not list, ascending. */
  readonly missing: readonly number[]
  /** 小批量认可 is 通过: the part is delivered in volume. */
  readonly volume: boolean
}

export const SCORE_ITEMS = ['质量', '交付', '服务', '价格'] as const
export type ScoreItem = (typeof SCORE_ITEMS)[number]

export const WEIGHT_KEYS: Readonly<Record<ScoreItem, string>> = {
  质量: 'supplierWeight.quality',
  交付: 'supplierWeight.delivery',
  服务: 'supplierWeight.service',
  价格: 'supplierWeight.price',
}

export interface Rating {
  readonly row: number
  readonly month: Month | undefined
  readonly supplierId: string
  readonly supplier: Supplier | undefined
  readonly scores: Readonly<Partial<Record<ScoreItem, number>>>
  /** Claims against the supplier that arose in the month (索赔 by 发生日期). */
  readonly claims: number
  /** claims × 索赔扣分(每件); undefined without a month or supplier. */
  readonly deduction: number | undefined
  /** The weighted average of the scores before the deduction; undefined when a weighted score is missing. */
  readonly average: number | undefined
  /** 综合, one decimal; undefined when a weighted score is missing (empty, not 0). */
  readonly composite: number | undefined
  readonly grade: Grade | undefined
  /** False for a repeat of the same supplier and month: the first row counts. */
  readonly counted: boolean
}

export interface Claim {
  readonly row: number
  readonly id: string
  readonly supplierId: string
  readonly supplier: Supplier | undefined
  readonly date: IsoDate | undefined
  readonly part: string
  /** 回复期限: the n-th working day after 发生日期. */
  readonly deadline: IsoDate | undefined
  readonly replyDate: IsoDate | undefined
  readonly status: string
}

export interface SupplierLedger {
  readonly suppliers: readonly Supplier[]
  readonly ppaps: readonly PpapSubmission[]
  readonly ratings: readonly Rating[]
  readonly claims: readonly Claim[]
  /** DATA_INVALID findings the table reader cannot see: unknown ids, duplicates, months, elements. */
  readonly findings: readonly Finding[]
  readonly matrix: LevelMatrix
}

const SUPPLIER_FIELDS = recordFields(SUPPLIERS)
const PPAP_FIELDS = recordFields(PPAP)
const RATING_FIELDS = recordFields(SUPPLIER_RATINGS)
const CLAIM_FIELDS = recordFields(CLAIMS)

export const MATRIX_PARAMETER = 'ppapLevelMatrix'

/** The four tabs, or undefined when the workbook keeps no 供应商名录. */
export function readSupplierLedger(context: LedgerContext): SupplierLedger | undefined {
  const suppliers = context.tabs.read(SUPPLIERS)
  if (!suppliers) return undefined
  const findings: Finding[] = []
  const { matrix, problem, overridden } = levelMatrix(context.texts[MATRIX_PARAMETER])
  if (problem !== undefined) {
    // The row the value was taken from, however its name is spelled (ＰＰＡＰ等级矩阵, PPAP 等级矩阵).
    const row = context.textRows[MATRIX_PARAMETER]
    const tab = context.tabs.read(PARAMETERS)
    const record = tab?.records.find((candidate) => candidate.row === row)
    if (tab && record) findings.push(cellProblem(PARAMETERS.name, tab.columns, record, '值', problem))
  }
  return buildSupplierLedger(
    {
      suppliers,
      ppap: context.tabs.read(PPAP),
      ratings: context.tabs.read(SUPPLIER_RATINGS),
      claims: context.tabs.read(CLAIMS),
    },
    context.calendar,
    context.params,
    matrix,
    findings,
    overridden,
  )
}

export interface SupplierTables {
  readonly suppliers: ReadResult
  readonly ppap: ReadResult | undefined
  readonly ratings: ReadResult | undefined
  readonly claims: ReadResult | undefined
}

const CATEGORIES: readonly string[] = ['A', 'B', 'C']

export function buildSupplierLedger(
  tables: SupplierTables,
  calendar: Calendar,
  params: Parameters,
  matrix: LevelMatrix,
  findings: Finding[] = [],
  overridden: ReadonlySet<number> = new Set(),
): SupplierLedger {
  const suppliers = tables.suppliers.records.map((record): Supplier => {
    const { date, text } = SUPPLIER_FIELDS
    const certification = text(record, '体系认证')
    const certExpiry = date(record, '证书有效期至')
    if (
      (certification === 'IATF 16949' || certification === 'ISO 9001') &&
      certExpiry === undefined &&
      !record.invalid.has('证书有效期至')
    ) {
      findings.push(
        cellProblem(
          SUPPLIERS.name,
          tables.suppliers.columns,
          record,
          '证书有效期至',
          `未填写：体系认证为 ${certification} 时请填写证书的有效期，否则无法提醒到期`,
        ),
      )
    }
    const category = text(record, '分类')
    return {
      row: record.row,
      id: record.key,
      name: text(record, '名称'),
      category: CATEGORIES.includes(category) ? (category as Category) : undefined,
      certification,
      certExpiry,
      status: text(record, '状态'),
      lastAudit: date(record, '上次审核日期'),
    }
  })
  const byId = firstById(suppliers, (supplier) => supplier.id)
  const lookup: Lookup = (sheet, table, record, supplierId) => {
    const supplier = byId.get(idKey(supplierId))
    if (supplierId !== '' && supplier === undefined) {
      findings.push(
        cellProblem(
          sheet,
          table.columns,
          record,
          '供应商编号',
          `的值“${supplierId}”在“${SUPPLIERS.name}”中不存在，请核对供应商编号或先在名录中登记该供应商`,
        ),
      )
    }
    return supplier
  }
  const claims = readClaims(tables.claims, lookup, calendar, params)
  return {
    suppliers,
    ppaps: readPpaps(tables.ppap, lookup, params, matrix, findings, overridden),
    ratings: readRatings(tables.ratings, lookup, claims, params, findings),
    claims,
    findings,
    matrix,
  }
}

type Lookup = (
  sheet: string,
  table: ReadResult,
  record: { readonly row: number; readonly key: string },
  supplierId: string,
) => Supplier | undefined

function readPpaps(
  table: ReadResult | undefined,
  lookup: Lookup,
  params: Parameters,
  matrix: LevelMatrix,
  findings: Finding[],
  overridden: ReadonlySet<number>,
): PpapSubmission[] {
  if (!table) return []
  const { date, integer, text } = PPAP_FIELDS
  const defaultLevel = parameter(params, 'ppapDefaultLevel')
  const firstRow = new Map<string, number>()
  return table.records.map((record): PpapSubmission => {
    const part = text(record, '零件号')
    const supplierId = text(record, '供应商编号')
    const located = { row: record.row, key: ppapKey(part, supplierId) }
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(PPAP.name, table.columns, located, header, message))
    }
    const supplier = lookup(PPAP.name, table, located, supplierId)
    if (part !== '' && supplierId !== '') {
      const key = `${idKey(part)}\u0000${idKey(supplierId)}`
      const first = firstRow.get(key)
      if (first !== undefined)
        problem(
          '零件号',
          `“${part}”与供应商“${supplierId}”的 PPAP 已在第 ${first} 行登记：每个零件和供应商一行，请合并或删除重复的行`,
        )
      else firstRow.set(key, record.row)
    }
    const level = integer(record, '提交等级') ?? defaultLevel
    const elementsText = text(record, '元素')
    const parsed = parseElements(elementsText)
    if (parsed.unknown.length > 0)
      problem(
        '元素',
        `中的“${parsed.unknown.join('、')}”不是 PPAP 元素编号：请填写 1–${PPAP_ELEMENT_COUNT} 的编号，如“1-14,17,18”，18 为 PSW`,
      )
    const status = text(record, '状态')
    const interimUntil = date(record, '临时批准有效期至')
    if (status === '临时批准' && interimUntil === undefined && !record.invalid.has('临时批准有效期至'))
      problem('临时批准有效期至', '未填写：状态为“临时批准”时请填写临时批准的有效期')
    const required = matrix.get(level) ?? []
    return {
      row: record.row,
      part,
      supplierId,
      supplier,
      level,
      requiredDate: date(record, '要求提交日期'),
      submittedDate: date(record, '提交日期'),
      status,
      interimUntil,
      required,
      submitted: [...parsed.elements].sort((a, b) => a - b),
      requiredOverridden: overridden.has(level),
      missing: required.filter((element) => !parsed.elements.has(element)),
      volume: text(record, '小批量认可') === '通过',
    }
  })
}

export function ppapKey(part: string, supplierId: string): string {
  return `${part || '（未填零件号）'}/${supplierId || '（未填供应商）'}`
}

export function ratingKey(supplierId: string, month: Month | undefined): string {
  return `${supplierId || '（未填供应商）'} ${month ?? '（月份无效）'}`
}

function readClaims(
  table: ReadResult | undefined,
  lookup: Lookup,
  calendar: Calendar,
  params: Parameters,
): Claim[] {
  if (!table) return []
  const { date, text } = CLAIM_FIELDS
  const replyDays = parameter(params, 'claimReplyWorkingDays')
  return table.records.map((record): Claim => {
    const supplierId = text(record, '供应商编号')
    const occurred = date(record, '发生日期')
    return {
      row: record.row,
      id: record.key,
      supplierId,
      supplier: lookup(CLAIMS.name, table, record, supplierId),
      date: occurred,
      part: text(record, '零件号'),
      deadline: occurred ? calendar.addWorkingDays(occurred, replyDays) : undefined,
      replyDate: date(record, '回复日期'),
      status: text(record, '状态'),
    }
  })
}

/** 综合: the weighted average of the four scores less the claims' deduction, one decimal, at least 0. */
export function composite(average: number, deduction: number): number {
  return round1(Math.max(0, average - deduction))
}

/** The weighted average of the scores whose weight is not 0; undefined when one of them is missing. */
export function weightedAverage(
  scores: Readonly<Partial<Record<ScoreItem, number>>>,
  params: Parameters,
): number | undefined {
  let total = 0
  let weights = 0
  for (const item of SCORE_ITEMS) {
    const weight = parameter(params, WEIGHT_KEYS[item])
    if (weight === 0) continue
    const score = scores[item]
    if (score === undefined) return undefined
    total += score * weight
    weights += weight
  }
  if (weights === 0) return undefined
  return total / weights
}

export function round1(value: number): number {
  return Math.round((value + Number.EPSILON) * 10) / 10
}

/** A score's grade by the 评定等级线 parameters, checked from A down. */
export function gradeOf(score: number, params: Parameters): Grade {
  if (score >= parameter(params, 'supplierGrade.A')) return 'A'
  if (score >= parameter(params, 'supplierGrade.B')) return 'B'
  if (score >= parameter(params, 'supplierGrade.C')) return 'C'
  return 'D'
}

/** The 分类 a grade suggests: A → A, B → B, C and D → C. */
export function categoryOf(grade: Grade): Category {
  return grade === 'D' ? 'C' : grade
}

function readRatings(
  table: ReadResult | undefined,
  lookup: Lookup,
  claims: readonly Claim[],
  params: Parameters,
  findings: Finding[],
): Rating[] {
  if (!table) return []
  const { number, text } = RATING_FIELDS
  const claimCount = new Map<string, number>()
  for (const claim of claims) {
    if (!claim.supplier || !claim.date) continue
    const key = `${idKey(claim.supplier.id)}\u0000${monthOfDate(claim.date)}`
    claimCount.set(key, (claimCount.get(key) ?? 0) + 1)
  }
  const perClaim = parameter(params, 'supplierClaimDeduction')
  const firstRow = new Map<string, number>()
  return table.records.map((record): Rating => {
    const typedMonth = text(record, '月份')
    const month = typedMonth === '' ? undefined : parseMonth(typedMonth)
    const supplierId = text(record, '供应商编号')
    const located = { row: record.row, key: ratingKey(supplierId, month) }
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(SUPPLIER_RATINGS.name, table.columns, located, header, message))
    }
    if (typedMonth !== '' && month === undefined)
      problem('月份', `的值“${typedMonth}”不是月份，请写成 2026-11、2026/11 或 2026年11月`)
    const supplier = lookup(SUPPLIER_RATINGS.name, table, located, supplierId)
    let counted = true
    if (month !== undefined && supplierId !== '') {
      const key = `${idKey(supplierId)}\u0000${month}`
      const first = firstRow.get(key)
      if (first !== undefined) {
        counted = false
        problem(
          '月份',
          `：供应商“${supplierId}”${monthLabel(month)}的评定已在第 ${first} 行，每个供应商每月一行；本行不计入连续低分和年度评定，请删除重复的行`,
        )
      } else firstRow.set(key, record.row)
    }
    const scores: Partial<Record<ScoreItem, number>> = {}
    const missing: string[] = []
    for (const item of SCORE_ITEMS) {
      const score = number(record, item)
      if (score !== undefined) scores[item] = score
      else if (!record.invalid.has(item) && parameter(params, WEIGHT_KEYS[item]) > 0) missing.push(item)
    }
    if (missing.length > 0 && missing.length < SCORE_ITEMS.length)
      problem(
        missing[0] as string,
        `未填写：${missing.map((item) => `“${item}”`).join('、')}的权重不为 0，评分不全时综合分留空`,
      )
    const claimsInMonth = supplier && month ? (claimCount.get(`${idKey(supplier.id)}\u0000${month}`) ?? 0) : 0
    const deduction = supplier && month ? claimsInMonth * perClaim : undefined
    const average = deduction === undefined ? undefined : weightedAverage(scores, params)
    const value = average === undefined || deduction === undefined ? undefined : composite(average, deduction)
    return {
      row: record.row,
      month,
      supplierId,
      supplier,
      scores,
      claims: claimsInMonth,
      deduction,
      average,
      composite: value,
      grade: value === undefined ? undefined : gradeOf(value, params),
      counted,
    }
  })
}
