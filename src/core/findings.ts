import type { IsoDate } from './dates'

export type Severity = 'error' | 'warning' | 'info'

/** SPEC §3: one thing a check found, on one row of one tab. */
export interface Finding {
  /** Tab name as users see it, e.g. 样件台账. */
  readonly sheet: string
  /** 1-based sheet row; the header is row 1. */
  readonly row: number
  /** The record's id (样件编号 …), or empty when the row has none. */
  readonly key: string
  readonly code: string
  readonly severity: Severity
  readonly message: string
  readonly due: IsoDate | null
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' }

/**
 * What the codes that no rule raises mean, in the words users read (提醒汇总's 事项, the CLI): the
 * findings about cells and rows themselves. A rule's code has its label in its rules.json.
 */
export const BUILT_IN_CODE_LABELS: Readonly<Record<string, string>> = {
  DATA_INVALID: '数据有误',
  ROW_SKIPPED: '合计行未检查',
  OWNED_CELL_OVERWRITTEN: '工具列被改写',
}

/**
 * What a finding is about, beside how severe it is: a business deadline missed (逾期) or near
 * (预警), or the data itself (数据有误). A rule says its kind in rules.json (`"kind": "overdue"`); a
 * finding of neither kind (a missing signature, a suggestion) has none.
 */
export type FindingKind = 'overdue' | 'approaching' | 'data'

export const KIND_LABEL: Record<FindingKind, string> = {
  overdue: '逾期',
  approaching: '预警',
  data: '数据有误',
}

export const FINDING_KINDS = Object.keys(KIND_LABEL) as FindingKind[]

/** Most severe first: what sorts 提醒汇总 and a 提醒 cell's labels. */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

/** The order of 提醒汇总 and of the CLI: most severe first, then by tab, row and code. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.sheet, b.sheet) ||
    a.row - b.row ||
    compareText(a.code, b.code)
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
