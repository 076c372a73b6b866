import type { IsoDate } from '../core/dates'
import type { Finding } from '../core/findings'
import type { StageListener } from '../core/stages'

export interface RunOptions {
  /** The day the check is run for, in the workbook's time zone. */
  readonly today: IsoDate
  /** Who runs it, for 操作日志 (OS user name locally, the Google account in Sheets). */
  readonly actor: string
  /** Compute and report only: write nothing. */
  readonly dryRun?: boolean
  /** Stage messages for long runs (stderr locally, toasts in Sheets). */
  readonly progress?: (message: string) => void
  /** Told when the check enters each stage, so that a caller with a clock can time them (npm run bench). */
  readonly timings?: StageListener
}

/**
 * How far a check that is done in several runs has got (Apps Script stops a run after 6 minutes):
 * the tabs of the ledgers checked so far, the records they read and what was found, for one day.
 */
export interface CheckProgress {
  readonly today: IsoDate
  readonly done: readonly string[]
  readonly records: Readonly<Record<string, number>>
  /** Everything found so far, what the run wrote into 提醒汇总: a later run adds what it finds. */
  readonly findings: readonly Finding[]
}

export interface CheckOptions extends RunOptions {
  /**
   * Asked before each ledger but the first of a run: true stops the check there, writes what it has
   * and reports the rest as pending, for a later run to continue.
   */
  readonly deadline?: () => boolean
  /** Where an earlier run of today's check stopped; the ledgers it did are not checked again. */
  readonly resume?: CheckProgress
}

export interface CheckReport {
  readonly today: IsoDate
  readonly findings: readonly Finding[]
  /** Records read per tab name. */
  readonly records: Readonly<Record<string, number>>
  /** One line for 操作日志 and for the end of the CLI output. */
  readonly summary: string
  /** The ledgers checked today so far; with nothing pending, the check is complete. */
  readonly progress: CheckProgress
  /** Tabs of the ledgers left for a later run (empty when the check is complete). */
  readonly pending: readonly string[]
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
