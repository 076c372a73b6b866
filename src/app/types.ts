import type { IsoDate } from '../core/dates'
import type { Finding } from '../core/findings'

export interface RunOptions {
  /** The day the check is run for, in the workbook's time zone. */
  readonly today: IsoDate
  /** Who runs it, for 操作日志 (OS user name locally, the Google account in Sheets). */
  readonly actor: string
  /** Compute and report only: write nothing. */
  readonly dryRun?: boolean
  /** Stage messages for long runs (stderr locally, toasts in Sheets). */
  readonly progress?: (message: string) => void
}

export interface CheckReport {
  readonly today: IsoDate
  readonly findings: readonly Finding[]
  /** Records read per tab name. */
  readonly records: Readonly<Record<string, number>>
  /** One line for 操作日志 and for the end of the CLI output. */
  readonly summary: string
}

export interface PlanReport {
  readonly year: number
  readonly inspections: number
  readonly replacements: number
  readonly findings: readonly Finding[]
  readonly summary: string
}

export interface InitReport {
  readonly createdTabs: readonly string[]
  readonly addedHeaders: readonly { readonly tab: string; readonly headers: readonly string[] }[]
  readonly summary: string
}
