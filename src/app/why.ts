/**
 * taizhang why (issue 14): the explanation of one record's findings. It runs every ledger's check
 * on the workbook as it is, exactly as `check --dry-run` does, and keeps what each ledger handed
 * its rules for the record (its facts) and what they raised; core/explain.ts puts that into words.
 * Read-only: nothing is written, not even 操作日志.
 */

import { displayCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import {
  type Explanation,
  explainRecord,
  type FindingExplanation,
  type RecordExplanation,
  type RuleSection,
} from '../core/explain'
import type { Finding } from '../core/findings'
import {
  type LabelledFinding,
  type Ledger,
  type LedgerRules,
  ledgerRules,
  type RecordFacts,
} from '../core/ledger'
import { closestTabName, editDistance } from '../core/tab-names'
import { cellToDate, UnusableTabError } from '../core/table'
import type { TabTemplate } from '../core/template'
import { idKey } from '../core/text'
import { LEDGERS } from '../ledgers'
import { createContext } from './context'
import { requireKeptLedgerTabs } from './kept-ledgers'
import { ALL_TEMPLATES, TEMPLATES } from './tabs'
import { entriesOf, readUserEntries, type UserEntries } from './tool-tabs'
import type { WorkbookPort } from './workbook-port'

export interface WhyOptions {
  /** The tab as users see it: 样件台账, 半年评估 … */
  readonly tab: string
  /** The record's id (样件编号 …); for 半年评估 the half-year, e.g. 2026H1. */
  readonly key: string
  readonly today: IsoDate
}

/** What one ledger's rules were handed for the records of one tab, and what they raised. */
interface Evaluated {
  readonly ledger: Ledger
  readonly sheet: string
  readonly records: readonly RecordFacts[]
  readonly findings: readonly LabelledFinding[]
}

export async function runWhy(port: WorkbookPort, options: WhyOptions): Promise<Explanation> {
  return (await prepareWhy(port, options.today, options.tab)).explain(options.tab, options.key)
}

/** Explanations of any record of the workbook as it is today, from one run of the checks. */
export interface Explainer {
  /** Throws UnusableTabError, naming the tab and the closest names or ids, for an unknown tab or id. */
  explain(tab: string, key: string): Promise<Explanation>
  /** The tabs whose records can be explained, and the ids of each: for the sidebar, and for tests. */
  keys(): ReadonlyMap<string, readonly string[]>
}

/**
 * `only`: the tab to be explained, when it is known. Only the ledgers that keep it are checked (a
 * ledger's findings land on its own tabs), so that a click in the sidebar does not read every tab
 * of a large workbook; for a tab no ledger keeps, every ledger is, to name the tabs that can be.
 */
export async function prepareWhy(port: WorkbookPort, today: IsoDate, only?: string): Promise<Explainer> {
  requireKeptLedgerTabs(port)
  const context = createContext(port, today)
  const evaluated: Evaluated[] = []
  const found: Finding[] = []
  const checked = (LEDGERS as readonly Ledger[]).filter((ledger) => ledger.check)
  const keeping = checked.filter((ledger) => only !== undefined && keeps(ledger, only.trim()))
  for (const ledger of keeping.length > 0 ? keeping : checked) {
    if (!ledger.check) continue
    const rules = ledgerRules(ledger.ruleSet())
    const watching: LedgerRules = {
      async findings(sheet, records) {
        const findings = await rules.findings(sheet, records)
        evaluated.push({ ledger, sheet, records, findings })
        return findings
      },
    }
    const result = await ledger.check.run(context, watching)
    for (const finding of result?.findings ?? []) found.push(finding)
  }
  for (const finding of [...context.tabs.findings, ...context.findings]) found.push(finding)
  const followUps = followUpsOf(port)

  const tableOf = (sheet: string) => {
    const template = ALL_TEMPLATES.find((candidate) => candidate.name === sheet)
    // A tool tab's rows (半年评估's half-years) are not the records its findings are about.
    const table =
      template?.kind === 'ledger' && port.tabNames().includes(sheet) ? context.tabs.read(template) : undefined
    return { template, table }
  }

  const reported = (finding: Finding): Finding =>
    found.find(
      (candidate) =>
        candidate.sheet === finding.sheet &&
        candidate.row === finding.row &&
        candidate.code === finding.code &&
        candidate.key === finding.key,
    ) ?? finding

  async function explain(tab: string, key: string): Promise<Explanation> {
    const sheet = sheetNamed(tab, evaluated, port)
    const { template, table } = tableOf(sheet)
    const onSheet = evaluated.filter((entry) => entry.sheet === sheet)
    const wanted = idKey(keyNamed(onSheet, sheet, key))
    const rows = new Map<number, string>()
    for (const entry of onSheet)
      for (const record of entry.records) if (idKey(record.key) === wanted) rows.set(record.row, record.key)
    for (const record of table?.records ?? [])
      if (idKey(record.key) === wanted) rows.set(record.row, record.key)
    if (rows.size === 0 || wanted === '') {
      const recorded = (table?.records.length ?? 0) > 0 || onSheet.some((entry) => entry.records.length > 0)
      throw new UnusableTabError(sheet, notFound(sheet, key, keysOf(onSheet, table), recorded))
    }

    const records = []
    for (const [row, id] of [...rows].sort(([a], [b]) => a - b)) {
      const sections: RuleSection[] = []
      const sectionCodes = new Set<string>()
      for (const entry of onSheet) {
        const record = entry.records.find((candidate) => candidate.row === row)
        if (!record) continue
        for (const rule of entry.ledger.rules) sectionCodes.add(rule.event.type)
        sections.push({
          rules: entry.ledger.rules,
          parameters: entry.ledger.parameters,
          explain: entry.ledger.explain,
          facts: record.facts,
          // As the check reports them: a ledger may finish a rule's message (半年评估's detail).
          findings: entry.findings.filter((finding) => finding.row === row).map(reported),
        })
      }
      const explained = await explainRecord({
        template,
        columns: table?.columns ?? new Map(),
        record: table?.records.find((candidate) => candidate.row === row),
        row,
        key: id,
        sections,
        otherFindings: found.filter(
          (finding) => finding.sheet === sheet && finding.row === row && !sectionCodes.has(finding.code),
        ),
        params: context.params,
        overrides: context.parameterRows,
        calendar: context.calendar,
        today,
      })
      records.push(withFollowUps(sheet, today, followUps, explained))
    }
    return { sheet, key: key.trim(), today, records }
  }

  return {
    explain,
    keys() {
      const sheets = new Set(evaluated.map((entry) => entry.sheet))
      return new Map(
        [...sheets].map((sheet) => [
          sheet,
          keysOf(
            evaluated.filter((entry) => entry.sheet === sheet),
            tableOf(sheet).table,
          ),
        ]),
      )
    },
  }
}

/**
 * What users wrote in 提醒汇总 beside each finding. A 提醒汇总 whose notes cannot be matched to
 * findings (a header typed over) leaves the explanation without them: the check names the problem.
 */
function followUpsOf(port: WorkbookPort): UserEntries {
  try {
    return readUserEntries(port, TEMPLATES.alerts)
  } catch (error) {
    if (error instanceof UnusableTabError) return { entries: new Map() }
    throw error
  }
}

/** The key the user's typing names: a ledger's own reading of a composite id, else the typing. */
function keyNamed(onSheet: readonly Evaluated[], sheet: string, key: string): string {
  for (const entry of onSheet) {
    const named = entry.ledger.explain?.keyOf?.(sheet, key)
    if (named !== undefined) return named
  }
  return key
}

function keeps(ledger: Ledger, sheet: string): boolean {
  return (
    ledger.check?.tab.name === sheet || Object.values(ledger.tabs).some((template) => template.name === sheet)
  )
}

/**
 * Each finding with what users wrote beside it in 提醒汇总, found as the check carries it: by 台账,
 * 编号 and 代码, the n-th finding of an identity taking the n-th row's entries.
 */
function withFollowUps(
  sheet: string,
  today: IsoDate,
  followUps: UserEntries,
  record: RecordExplanation,
): RecordExplanation {
  const seen = new Map<string, number>()
  const findings = record.findings.map((finding): FindingExplanation => {
    // The record's sheet and id are those of each of its findings: the n-th of a code takes the n-th row.
    const index = seen.get(finding.code) ?? 0
    seen.set(finding.code, index + 1)
    const entry = entriesOf(followUps, [sheet, record.key, finding.code])[index]
    if (entry === undefined || entry.size === 0) return finding
    const note = entry.get('处理情况')
    const until = entry.get('暂缓至')
    const deferredUntil = until === undefined || until === null ? undefined : cellToDate(until)
    return {
      ...finding,
      followUp: {
        note: note === undefined || note === null ? null : displayCell(note),
        deferredUntil: deferredUntil ?? null,
        deferred: deferredUntil !== undefined && deferredUntil >= today,
      },
    }
  })
  return { ...record, findings }
}

/** The tab the user named, among those a check explains; else a message naming the closest. */
function sheetNamed(name: string, evaluated: readonly Evaluated[], port: WorkbookPort): string {
  const explained = [
    ...new Set([
      ...ALL_TEMPLATES.filter((template: TabTemplate) => template.kind === 'ledger').map(
        (template) => template.name,
      ),
      ...evaluated.map((entry) => entry.sheet),
    ]),
  ]
  const trimmed = name.trim()
  if (explained.includes(trimmed)) {
    if (port.tabNames().includes(trimmed) || evaluated.some((entry) => entry.sheet === trimmed))
      return trimmed
    throw new UnusableTabError(trimmed, `工作簿里没有工作表“${trimmed}”，无从解释其中的记录`)
  }
  const closest = closestTabName(trimmed, explained)
  const hint = closest === undefined ? '' : `“${trimmed}”是不是“${closest}”？`
  throw new UnusableTabError(
    trimmed,
    `没有可以解释的工作表“${trimmed}”。${hint}可用的工作表：${explained.join('、')}`,
  )
}

function keysOf(
  evaluated: readonly Evaluated[],
  table: { readonly records: readonly { readonly key: string }[] } | undefined,
): string[] {
  const keys = new Set<string>()
  for (const entry of evaluated)
    for (const record of entry.records) if (record.key !== '') keys.add(record.key)
  for (const record of table?.records ?? []) if (record.key !== '') keys.add(record.key)
  return [...keys]
}

/** “样件台账”中没有编号为“YJ-01”的记录；相近的编号：YJ-001、YJ-010. */
function notFound(sheet: string, key: string, keys: readonly string[], recorded: boolean): string {
  const wanted = idKey(key)
  const near = keys
    .map((candidate) => ({ candidate, distance: editDistance(wanted, idKey(candidate)) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= Math.max(2, Math.floor(Array.from(wanted).length / 2)) ||
        idKey(candidate).includes(wanted),
    )
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, 5)
    .map(({ candidate }) => candidate)
  const shown = key.trim() === '' ? '（空）' : key.trim()
  // 交易记录 and 意见与答复 have no id column: their findings name the row, and 提醒汇总 lists them.
  if (keys.length === 0 && recorded)
    return `“${sheet}”的记录没有编号（这张表没有编号列），不能按编号解释；它的提醒写明了行号，见“提醒汇总”`
  if (keys.length === 0) return `“${sheet}”中没有编号为“${shown}”的记录：这张工作表本次检查没有记录`
  const hint =
    near.length > 0 ? `相近的编号：${near.join('、')}` : `已有的编号例如：${keys.slice(0, 5).join('、')}`
  return `“${sheet}”中没有编号为“${shown}”的记录；${hint}`
}
