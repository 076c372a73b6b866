/** What rules read and what they raise: a record's facts in, its hits out. */
import type { IsoDate } from '../dates'
import type { Severity } from '../findings'

/** A fact is a plain value, never computed by the engine: a rule is a pure function of its facts. */
export type FactValue = string | number | boolean | null
export type Facts = Readonly<Record<string, FactValue | undefined>>

export interface RuleHit {
  readonly code: string
  readonly severity: Severity
  readonly label: string
  readonly message: string
  readonly due: IsoDate | null
}
