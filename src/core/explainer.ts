/**
 * What a ledger tells `taizhang why` about its facts (src/ledgers/<name>/explain.ts): a label and
 * the source of each fact its rules read, and optionally how its derived dates came about. The
 * findings, the rules' conditions, the facts' values and the parameters in force come from the check
 * itself (explain.ts); a ledger only puts them into words.
 */
import type { Calendar } from './calendar'
import type { IsoDate } from './dates'
import type { Facts } from './rules/facts'
import type { FieldValue } from './table'

/** A note has a label, or the header of its column or the name of its parameter serves as one. */
export type FactNote =
  | (FactNoteParts & { readonly label: string })
  | (FactNoteParts & { readonly column: string })
  | (FactNoteParts & { readonly parameter: string })

interface FactNoteParts {
  /** What users call it (距有效期至的天数); when left out, the column's header (有效期至) or the parameter's name. */
  readonly label?: string
  /** The header of the column the value is read from, when it is one (a tool column included). */
  readonly column?: string
  /** The name of the parameter (“参数” tab) whose value in force it is: 提前提醒天数. */
  readonly parameter?: string
  /** How it is computed, in words: 确认日期 + 有效期(月)，月末对齐; for a parameter, 参数“提前提醒天数”. */
  readonly how?: string
}

export type FactNotes = Readonly<Record<string, FactNote>>

/** One working day or day off counted (or skipped) on the way to a deadline. */
export interface CountedDay {
  readonly date: IsoDate
  /** 周一 … 周日. */
  readonly weekday: string
  readonly working: boolean
  /** Why: 工作日, 周末, 法定节假日（国庆节）, 调休上班, “节假日”表第 3 行：公司年会. */
  readonly reason: string
  /** For a working day: its number in the count (1, 2, …). */
  readonly count?: number
}

export interface DayCount {
  /** The day the count starts after (not counted itself). */
  readonly from: IsoDate
  /** The last day counted. */
  readonly to: IsoDate
  readonly workingDays: number
  readonly days: readonly CountedDay[]
}

/** A derived value in words, with the day-by-day count of a working-day deadline. */
export interface Derivation {
  readonly text: string
  readonly days?: DayCount
}

export interface DeriveInput {
  readonly facts: Facts
  readonly today: IsoDate
  readonly calendar: Calendar
  /** The value of a user or tool column of the record, as read; undefined when blank or confidential. */
  value(header: string): FieldValue | undefined
  /** 确认日期 2026-05-31, or 确认日期（未填）: a column's header with its value. */
  cell(header: string): string
  /** 参数“有效期(月)-塑料件”=6（默认）, or …=4（“参数”表第 3 行）. */
  parameter(key: string): string
  /** The value in force of a parameter. */
  parameterValue(key: string): number | undefined
  /** 30 天（参数“开发无进展天数”=30（默认））: a parameter's value in force, its unit and where it comes from. */
  parameterAmount(key: string, unit: string): string
  /** The working days after `from` up to and including `to`, day by day. */
  workingDays(from: IsoDate, to: IsoDate): DayCount
}

export interface LedgerExplainer {
  /** Every fact the ledger's rules read needs a note (test/ledgers.test.ts); others may have one. */
  readonly facts: FactNotes
  /** How the record's derived values came about, from its facts and cells. */
  derive?(input: DeriveInput): readonly Derivation[]
  /**
   * For a tab keyed by more than one column (PPAP提交: 零件号/供应商编号): the key a user's typing
   * names, in the form the check keys the record by (HJ-200-05 / GYS-001 → HJ-200-05/GYS-001);
   * undefined when the typing is not one, and the key is then matched as typed.
   */
  keyOf?(sheet: string, typed: string): string | undefined
}
