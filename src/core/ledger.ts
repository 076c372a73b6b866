/**
 * What a ledger is, for everything that runs ledgers. A ledger (src/ledgers/<name>/) describes its
 * tabs, rules, default parameters and demo rows, and its check reads its tabs through the context,
 * derives its dates and facts, runs its rules and says what to write into its owned columns; the
 * application composes the ledgers and does all the reading and writing. This contract sits below
 * both, so a ledger imports nothing from the application or the hosts.
 */
import type { RuleProperties } from 'json-rules-engine'
import type { Calendar } from './calendar'
import type { Cell, OutputCell } from './cells'
import type { IsoDate } from './dates'
import type { LedgerExplainer } from './explainer'
import type { Finding } from './findings'
import type { HalfYearCommand } from './host-commands'
import type { ParameterDefinition, Parameters, TextParameterDefinition, TextParameters } from './parameters'
import type { Facts } from './rules/facts'
import { RuleSet } from './rules/rule-set'
import type { Stages } from './stages'
import type { ReadResult } from './table'
import type { TabTemplate } from './template'

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

/** The rows of a tool tab a ledger writes afresh on every check (佣金提报, 回访抽样). */
export interface ToolTabRows {
  readonly template: TabTemplate
  /** In the template's column order; a user column's cell is filled in from the tab as it was. */
  readonly rows: readonly (readonly OutputCell[])[]
}

export interface LedgerResult {
  readonly findings: readonly LabelledFinding[]
  readonly owned: readonly OwnedColumns[]
  readonly toolTabs?: readonly ToolTabRows[]
}

/** The workbook's tabs as a ledger sees them: each read once per check, whoever asks first. */
export interface TabSource {
  /** The tab read through its template, or undefined when the workbook has no such tab. */
  read(template: TabTemplate): ReadResult | undefined
  /** A tab the ledger cannot do without; `because` tells the user why it is needed. */
  require(template: TabTemplate, because: string): ReadResult
}

export interface LedgerContext {
  readonly today: IsoDate
  readonly params: Parameters
  /** The 参数 tab's sheet row of each parameter it overrides, by key; one at its default has none. */
  readonly parameterRows: Readonly<Record<string, number>>
  /** Text parameters (答复单落款, the letter template's Google Doc…) by key; blank ones are absent. */
  readonly texts: TextParameters
  /** The 参数 tab's sheet row each text parameter of `texts` was taken from, by key. */
  readonly textRows: Readonly<Record<string, number>>
  readonly tabs: TabSource
  /** DATA_INVALID findings that are not about a single tab's cells (parameters, cross-tab references). */
  readonly findings: Finding[]
  /** Working days: the holiday data overridden by the 节假日 tab, read on first use. */
  readonly calendar: Calendar
  /** Where the check is, for timing (npm run bench). */
  readonly stages: Stages
  /** How the user of this host writes a half-year into 半年评估, for messages that say what to run. */
  readonly halfYearCommand: HalfYearCommand
}

/** One record's facts and where its findings go: the record's sheet row and id. */
export interface RecordFacts {
  readonly row: number
  readonly key: string
  readonly facts: Facts
}

/** A ledger's rules as its check runs them. */
export interface LedgerRules {
  /** The findings the rules raise for each record, located on `sheet` and the record's row. */
  findings(sheet: string, records: readonly RecordFacts[]): Promise<LabelledFinding[]>
}

export interface LedgerCheck {
  /** The tab whose presence means the workbook keeps this ledger. */
  readonly tab: TabTemplate
  /** Undefined when the workbook does not keep the ledger (its tab is missing). */
  run(context: LedgerContext, rules: LedgerRules): Promise<LedgerResult | undefined>
}

/** The records a ledger reads from the workbook, with the problems it finds across them. */
export interface LedgerRecords<T> {
  readonly records: readonly T[]
  /** DATA_INVALID findings the tab reader cannot see (an id another tab does not know, …). */
  readonly findings?: readonly Finding[]
}

/** A check of one record per row of one tab: what most ledgers are. */
export interface RecordCheck<T extends { readonly row: number }> {
  /** The tab whose rows are the records; its 提醒 column is filled from their findings. */
  readonly tab: TabTemplate
  /** The records of the workbook, or undefined when it does not keep the ledger. */
  read(context: LedgerContext): LedgerRecords<T> | undefined
  /** The record's id, shown as 编号 in its findings. */
  key(record: T): string
  facts(record: T, context: LedgerContext): Facts
  /** What each owned column of the tab holds for a record; a row without a record is cleared. */
  readonly owned?: Readonly<Record<string, (record: T) => OutputCell>>
}

export function recordCheck<T extends { readonly row: number }>(spec: RecordCheck<T>): LedgerCheck {
  return {
    tab: spec.tab,
    async run(context, rules) {
      const read = spec.read(context)
      const table = context.tabs.read(spec.tab)
      if (!read || !table) return undefined
      const facts = read.records.map((record) => ({
        row: record.row,
        key: spec.key(record),
        facts: spec.facts(record, context),
      }))
      const byRow = new Map(read.records.map((record) => [record.row, record]))
      const values = Object.fromEntries(
        Object.entries(spec.owned ?? {}).map(([header, value]) => [
          header,
          (row: number): OutputCell => {
            const record = byRow.get(row)
            return record === undefined ? null : value(record)
          },
        ]),
      )
      return {
        findings: [...(read.findings ?? []), ...(await rules.findings(spec.tab.name, facts))],
        owned: [{ template: spec.tab, table, values }],
      }
    },
  }
}

/** Rows a new tab is filled with, by template id, in the template's column order. */
export type SeedRows = Readonly<Record<string, readonly (readonly Cell[])[]>>

export interface LedgerDefinition<Tabs extends Readonly<Record<string, TabTemplate>>> {
  /** The ledger's folder name under src/ledgers/. */
  readonly id: string
  /** The tabs this ledger keeps, by template id, in the order a new workbook shows them. */
  readonly tabs: Tabs
  /** rules.json: json-rules-engine rules; each event's type is a finding code of SPEC §3. */
  readonly rules?: readonly unknown[]
  /** parameters.json: the defaults the 参数 tab can override. */
  readonly parameters?: readonly ParameterDefinition[]
  /** Text parameters (names and ids rather than numbers). */
  readonly textParameters?: readonly TextParameterDefinition[]
  /** The demo workbook's rows (npm start), dated relative to `today`. */
  readonly demoRows?: (today: IsoDate) => SeedRows
  /** The daily check; a ledger without one only has its tabs made by init (its rules are to come). */
  readonly check?: LedgerCheck
  /** How `taizhang why` words the facts and derived dates of the check (explain.ts of the ledger). */
  readonly explain?: LedgerExplainer
}

export interface Ledger<
  Tabs extends Readonly<Record<string, TabTemplate>> = Readonly<Record<string, TabTemplate>>,
> extends LedgerDefinition<Tabs> {
  readonly rules: readonly RuleProperties[]
  readonly parameters: readonly ParameterDefinition[]
  readonly textParameters: readonly TextParameterDefinition[]
  /** The rules compiled once, on first use (a malformed rule fails here). */
  ruleSet(): RuleSet
}

export function defineLedger<const Tabs extends Readonly<Record<string, TabTemplate>>>(
  definition: LedgerDefinition<Tabs>,
): Ledger<Tabs> {
  let compiled: RuleSet | undefined
  // The JSON is checked where it is compiled: RuleSet refuses a rule without severity or message.
  const rules = (definition.rules ?? []) as readonly RuleProperties[]
  return {
    ...definition,
    rules,
    parameters: definition.parameters ?? [],
    textParameters: definition.textParameters ?? [],
    ruleSet() {
      compiled ??= new RuleSet(rules)
      return compiled
    },
  }
}

/** The one mapping of rule hits to findings: each hit on the record's tab, row and id. */
export function ledgerRules(rules: RuleSet, stages?: Stages): LedgerRules {
  return {
    async findings(sheet, records) {
      const evaluate = () => rules.evaluateAll(records.map((record) => record.facts))
      const hits = await (stages ? stages.duringAsync('rules', evaluate) : evaluate())
      const findings: LabelledFinding[] = []
      records.forEach((record, index) => {
        for (const hit of hits[index] ?? []) {
          findings.push({
            sheet,
            row: record.row,
            key: record.key,
            code: hit.code,
            severity: hit.severity,
            message: hit.message,
            due: hit.due,
            label: hit.label,
          })
        }
      })
      return findings
    },
  }
}
