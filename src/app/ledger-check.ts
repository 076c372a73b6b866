/**
 * The contract of one ledger in the daily check. A ledger reads its tabs through the context,
 * derives its dates, runs its rules and says what to write into its owned columns; the check
 * composes the ledgers and does all the writing.
 */
import type { OutputCell } from '../core/cells'
import type { Finding } from '../core/findings'
import type { ReadResult } from '../core/table'
import type { TabTemplate } from '../core/template'
import type { LedgerContext } from './context'

/** A finding with the short text it adds to its row's 提醒 cell. */
export interface LabelledFinding extends Finding {
  readonly label?: string
}

export interface OwnedColumns {
  readonly template: TabTemplate
  readonly table: ReadResult
  /**
   * The value of each owned column by sheet row; rows without a value are cleared. 提醒 is filled
   * by the check from the row's findings unless given here.
   */
  readonly values: Readonly<Record<string, (row: number) => OutputCell>>
}

export interface LedgerResult {
  readonly findings: readonly LabelledFinding[]
  readonly owned: readonly OwnedColumns[]
}

export interface LedgerCheck {
  /** The tab whose presence means the workbook keeps this ledger. */
  readonly tab: TabTemplate
  /** Undefined when the workbook does not keep the ledger (its tab is missing). */
  run(context: LedgerContext): Promise<LedgerResult | undefined>
}
