/**
 * The daily check: read every tab once, let each ledger derive its dates and run its rules, then
 * write each owned column block, 提醒汇总 and 操作日志 once (its line, and one per owned cell it
 * wrote over).
 */
import { columnLetter } from '../core/a1'
import { type Cell, displayCell, isBlank, type OutputCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import {
  compareFindings,
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  KIND_LABEL,
  type Severity,
} from '../core/findings'
import {
  type LabelledFinding,
  type Ledger,
  type LedgerCheck,
  ledgerRules,
  type OwnedColumns,
  type ToolTabRows,
} from '../core/ledger'
import { levelColours, reminderColours, reminderLabels, reminderText } from '../core/row-colours'
import { Stages } from '../core/stages'
import { cellProblem, cellToDate, FIRST_DATA_ROW, quotedValue, UnusableTabError } from '../core/table'
import { column as templateColumn } from '../core/template'
import { clipQuoted } from '../core/text'
import { ALL_RULES, codeKind, codeLabel, LEDGERS } from '../ledgers'
import { alertLevel } from './alert-level'
import { createContext } from './context'
import { requireKeptLedgerTabs } from './kept-ledgers'
import { appendLog } from './log'
import { TEMPLATES } from './tabs'
import {
  carryUserEntries,
  droppedEntries,
  leftoverEntries,
  prepareToolTab,
  readUserEntries,
  type UserEntries,
} from './tool-tabs'
import type { CheckOptions, CheckProgress, CheckReport } from './types'
import { type ColumnWrite, initCommandOf, type WorkbookPort } from './workbook-port'

/** The ledgers that have a daily check, in registry order. */
const CHECKED: readonly CheckedLedger[] = LEDGERS.flatMap((ledger: Ledger) =>
  ledger.check ? [{ ledger, check: ledger.check }] : [],
)

interface CheckedLedger {
  readonly ledger: Ledger
  readonly check: LedgerCheck
}

export async function runCheck(
  port: WorkbookPort,
  options: CheckOptions,
  now = new Date(),
): Promise<CheckReport> {
  const { today } = options
  // A kept ledger whose tab was renamed or deleted is not skipped without a word.
  requireKeptLedgerTabs(port)
  options.progress?.('读取台账…')
  const stages = new Stages(options.timings)
  const context = createContext(port, today, stages)
  const resumed = options.resume?.today === today ? options.resume : undefined
  const done = [...(resumed?.done ?? [])]
  const pending: string[] = []
  const ruleFindings: LabelledFinding[] = []
  const owned: OwnedColumns[] = []
  const toolTabs: ToolTabRows[] = []
  let ledgersKept = 0
  let unitsRun = 0
  for (const unit of ledgerUnits(CHECKED)) {
    if (done.includes(unit.tab)) continue
    // Every run checks one ledger at least, so that a check in several runs always gets to the end.
    if (unitsRun > 0 && options.deadline?.()) {
      pending.push(unit.tab)
      continue
    }
    unitsRun += 1
    // Ledgers that share a tab (客户档案: archive review and VIP tiers) are one step for the user.
    options.progress?.(`检查“${unit.tab}”…`)
    for (const { ledger, check } of unit.ledgers) {
      stages.enter('derive')
      const result = await check.run(context, ledgerRules(ledger.ruleSet(), stages))
      if (!result) continue
      ledgersKept += 1
      // One push per finding: spreading 200,000 findings into push() overflows the call stack.
      for (const finding of result.findings) ruleFindings.push(finding)
      owned.push(...result.owned)
      toolTabs.push(...(result.toolTabs ?? []))
    }
    done.push(unit.tab)
  }
  if (ledgersKept === 0 && resumed === undefined) {
    const example = CHECKED[0]?.check.tab.name ?? ''
    throw new UnusableTabError(
      example,
      `工作簿里没有台账工作表（例如“${example}”），请先运行“${initCommandOf(port)}”`,
    )
  }

  const records = { ...resumed?.records, ...context.tabs.records }
  const ownedByTab = mergeByTab(owned)
  const foreign = foreignOwnedCells(ownedByTab)
  const found = [...context.tabs.findings, ...context.findings, ...ruleFindings, ...foreign.findings].map(
    withoutLabel,
  )
  // A run that continues today's check adds to what the earlier runs found; what they found in
  // 提醒汇总 itself (a bad 暂缓至) is found afresh, in the tab as it is now.
  const earlier = resumed?.findings.filter((finding) => finding.sheet !== ALERTS.name)
  const checked = (earlier ? mergeFindings(earlier, found) : found).sort(compareFindings)
  const alerts = alertsTab(port, checked, today, pending.length > 0)
  // Read before anything is written: a tab whose entries could not be carried stops the check here.
  const toolTabWrites = toolTabs.map(({ template, rows }) => prepareToolTab(port, template, rows))
  const { findings } = alerts
  const progress: CheckProgress = { today, done, records, findings }
  const counted = summarize(findings, records, alerts.deferred)
  const summary =
    pending.length === 0 ? counted : `${counted}；尚未检查：${pending.join('、')}（下次运行时继续）`
  if (!options.dryRun) {
    options.progress?.('写回工作簿…')
    stages.enter('write')
    const labels = rowLabels([...context.tabs.findings, ...context.findings, ...ruleFindings])
    for (const columns of ownedByTab) {
      port.writeColumns(columns.template.name, ownedColumnWrites(columns, labels))
      // A tab whose 提醒 column is missing loses the tool's old colours (there is nothing to read).
      if (columns.template.columns.some((column) => column.header === '提醒'))
        port.setRowColours(columns.template.name, reminderColours(columns.table.rowCount + 1))
    }
    const dropped: string[] = []
    for (const { template, rows, dropped: lost } of toolTabWrites) {
      port.replaceToolTab(template, rows)
      if (lost > 0) dropped.push(`“${template.name}”中 ${lost} 格`)
    }
    port.replaceToolTab(ALERTS, alerts.rows)
    port.setRowColours(ALERTS.name, levelColours(alerts.rows.length + 1))
    if (alerts.dropped > 0) dropped.push(`“${ALERTS.name}”中 ${alerts.dropped} 格`)
    const logged =
      dropped.length === 0 ? summary : `${summary}；${dropped.join('、')}用户填写的内容因对应记录已不在而移除`
    appendLog(
      port,
      now,
      `检查（截至 ${today}）`,
      options.actor,
      logged,
      overwrittenLogLines(foreign.overwritten),
    )
  }
  return { today, findings, records, summary, progress, pending }
}

/** Ledgers grouped by the tab they keep: ledgers that write one tab (客户档案) are checked in one run. */
function ledgerUnits(ledgers: readonly CheckedLedger[]): { tab: string; ledgers: CheckedLedger[] }[] {
  const units = new Map<string, CheckedLedger[]>()
  for (const ledger of ledgers) {
    const unit = units.get(ledger.check.tab.name) ?? []
    unit.push(ledger)
    units.set(ledger.check.tab.name, unit)
  }
  return [...units].map(([tab, grouped]) => ({ tab, ledgers: grouped }))
}

/** Both lists, each finding once: a tab read in two runs reports its bad cells twice. */
function mergeFindings(earlier: readonly Finding[], found: readonly Finding[]): Finding[] {
  const identity = (finding: Finding): string =>
    [
      finding.sheet,
      finding.row,
      finding.key,
      finding.code,
      finding.severity,
      finding.message,
      finding.due,
    ].join('\u0000')
  const seen = new Set(found.map(identity))
  const merged = [...found]
  for (const finding of earlier) {
    const id = identity(finding)
    if (seen.has(id)) continue
    seen.add(id)
    merged.push(finding)
  }
  return merged
}

function withoutLabel({ label: _label, ...finding }: LabelledFinding): Finding {
  return finding
}

/**
 * Each row's 提醒 cell, by tab and sheet row: 数据有误 for a bad cell, else the rule's label; worst
 * level first, marked 【错误】 or 【警告】 (row-colours.ts).
 */
function rowLabels(findings: readonly LabelledFinding[]): Map<string, string> {
  const lists = new Map<string, { label: string; severity: Severity }[]>()
  for (const finding of findings) {
    const label = finding.label ?? (finding.code === 'DATA_INVALID' ? '数据有误' : undefined)
    if (label === undefined) continue
    const key = `${finding.sheet}\u0000${finding.row}`
    const list = lists.get(key) ?? []
    list.push({ label, severity: finding.severity })
    lists.set(key, list)
  }
  return new Map([...lists].map(([key, list]) => [key, reminderText(list) ?? '']))
}

/** Ledgers that share a tab (客户档案: archive review and VIP tiers) write it together, once. */
function mergeByTab(owned: readonly OwnedColumns[]): OwnedColumns[] {
  const byTab = new Map<string, OwnedColumns>()
  for (const columns of owned) {
    const earlier = byTab.get(columns.template.name)
    byTab.set(
      columns.template.name,
      earlier ? { ...earlier, values: { ...earlier.values, ...columns.values } } : columns,
    )
  }
  return [...byTab.values()]
}

/** The short texts the check itself writes into 提醒 cells, joined by '；'. */
const TOOL_LABELS: ReadonlySet<string> = new Set([
  '数据有误',
  ...ALL_RULES.map((rule) => String((rule.event.params as { label?: unknown } | undefined)?.label ?? '')),
])

/** Whether an owned cell's content is what the check writes there (ownedCells holds only doubtful ones). */
function isToolText(template: OwnedColumns['template'], header: string, cell: Cell): boolean {
  const type = template.columns.find((column) => column.header === header)?.type
  // A date column holding something that is not a date: nobody but a user put it there.
  if (type !== 'text') return false
  if (header !== '提醒') return true
  return reminderLabels(displayCell(cell)).every((part) => TOOL_LABELS.has(part))
}

/** A cell of an owned column that held what a user typed, and what it held. */
interface OverwrittenCell {
  readonly sheet: string
  /** Where the user sees it: R2“提醒”. */
  readonly cell: string
  readonly typed: string
}

/**
 * What a user typed into an owned column (a note in 提醒, text in 有效期至) does not stop the tool
 * writing its own value there: the cell is the tool's. It is not lost without a word either: an
 * OWNED_CELL_OVERWRITTEN warning names the cell and quotes what it held, and the check's 操作日志
 * keeps the whole of it.
 */
function foreignOwnedCells(owned: readonly OwnedColumns[]): {
  findings: Finding[]
  overwritten: OverwrittenCell[]
} {
  const findings: Finding[] = []
  const overwritten: OverwrittenCell[] = []
  for (const { template, table } of owned) {
    let keys: Map<number, string> | undefined
    for (const [header, byRow] of table.ownedCells) {
      const index = table.columns.get(header)
      for (const [row, cell] of byRow) {
        if (isToolText(template, header, cell)) continue
        keys ??= new Map(table.records.map((record) => [record.row, record.key]))
        const typed = displayCell(cell)
        const letter = index === undefined ? '' : columnLetter(index)
        overwritten.push({ sheet: template.name, cell: `${letter}${row}“${header}”`, typed })
        findings.push({
          ...cellProblem(
            template.name,
            table.columns,
            { row, key: keys.get(row) ?? '' },
            header,
            `是台账工具写入的列，其中填写的“${clipQuoted(typed)}”不是工具写的：检查写回时以工具的值替换它，原内容记入“操作日志”；备注请写在您自己的列`,
          ),
          code: 'OWNED_CELL_OVERWRITTEN',
          severity: 'warning',
        })
      }
    }
  }
  return { findings, overwritten }
}

/**
 * 操作日志's record of what the tool wrote over: one line per cell, with what it held, so that a
 * note typed in the wrong place can be copied back from the log. Cut only where a cell ends.
 */
function overwrittenLogLines(cells: readonly OverwrittenCell[]): string[] {
  return cells.map(
    ({ sheet, cell, typed }) =>
      `“${sheet}”${cell}原有的内容已被工具的值替换，原内容：“${clipQuoted(typed, LOGGED_VALUE_MAX_CHARS)}”`,
  )
}

/** What a log line quotes of a cell at most: well below a cell's limit (Excel 32,767 characters). */
const LOGGED_VALUE_MAX_CHARS = 30_000

/** One write per owned column, covering every data row so that stale values are cleared. */
function ownedColumnWrites(columns: OwnedColumns, labels: ReadonlyMap<string, string>): ColumnWrite[] {
  const { template, table } = columns
  const valueAt: Record<string, (row: number) => OutputCell> = { ...columns.values }
  if (table.columns.has('提醒') && !valueAt.提醒) {
    valueAt.提醒 = (row) => labels.get(`${template.name}\u0000${row}`) ?? null
  }
  // A column the tab lacks is not written (readTable has reported it).
  const located = Object.entries(valueAt).filter(([header]) => table.columns.has(header))
  return located.map(([header, value]) => {
    const column = table.columns.get(header)
    if (column === undefined) throw new Error(`owned column ${header} of ${template.name} was not located`)
    const values = Array.from({ length: table.rowCount }, (_, index) => value(index + FIRST_DATA_ROW))
    return { column, values }
  })
}

const ALERTS = TEMPLATES.alerts
const ALERT_COLUMNS: ReadonlyMap<string, number> = new Map(
  ALERTS.columns.map((c, index) => [c.header, index]),
)
const LEVEL_INDEX = ALERT_COLUMNS.get('级别') ?? -1
const DEFER_INDEX = ALERT_COLUMNS.get('暂缓至') ?? -1

interface AlertsTab {
  /** The check's findings and those about 提醒汇总 itself (a 暂缓至 that is not a date), in its order. */
  readonly findings: Finding[]
  /** The tab's rows, one a finding, with the user's 处理情况 and 暂缓至 carried by 台账, 编号 and 代码. */
  readonly rows: OutputCell[][]
  /** Findings whose 暂缓至 is today or later: shown as 已暂缓, not counted as errors or warnings. */
  readonly deferred: Finding[]
  /** User entries whose finding is gone. */
  readonly dropped: number
}

/**
 * 提醒汇总 as this check writes it. The user's entries are read from the tab as it is; a finding whose
 * 暂缓至 is today or later reads `警告（已暂缓至 2026-12-10）` in 级别. A 暂缓至 that is not a date is
 * kept as typed and reported, naming the row it is written to.
 */
function alertsTab(
  port: WorkbookPort,
  checked: readonly Finding[],
  today: IsoDate,
  unfinished: boolean,
): AlertsTab {
  const { entries, ...tab } = placeAlerts(port, checked, today)
  if (!unfinished) return tab
  // A check that continues in a later run has not yet found the findings of the ledgers left: their
  // entries wait in rows of their own (no 级别, so never read back as findings) until it has.
  const waiting = leftoverEntries(entries).map(({ identity, kept }) => {
    const row: OutputCell[] = ALERTS.columns.map((column) => kept.get(column.header) ?? null)
    for (const [index, header] of (ALERTS.identity ?? []).entries()) {
      const at = ALERT_COLUMNS.get(header)
      if (at !== undefined) row[at] = identity[index] ?? null
    }
    row[ALERT_COLUMNS.get('说明') ?? -1] = '检查尚未完成：这一行暂存您填写的内容，检查完成后回到对应的提醒旁'
    return row
  })
  return { ...tab, rows: [...tab.rows, ...waiting], dropped: 0 }
}

function placeAlerts(
  port: WorkbookPort,
  checked: readonly Finding[],
  today: IsoDate,
): AlertsTab & { entries: UserEntries } {
  const entries = readUserEntries(port, ALERTS)
  const rows = carryUserEntries(ALERTS, checked.map(alertRow), entries)
  const deferred: Finding[] = []
  const invalid: { readonly at: number; readonly cell: OutputCell }[] = []
  rows.forEach((row, at) => {
    const cell = row[DEFER_INDEX] ?? null
    if (isBlank(cell)) return
    const until = cellToDate(cell)
    const finding = checked[at]
    if (until === undefined) invalid.push({ at, cell })
    else if (until >= today && finding) {
      deferred.push(finding)
      row[LEVEL_INDEX] = alertLevel(finding.severity, until)
    }
  })
  if (invalid.length === 0)
    return { findings: [...checked], rows, deferred, dropped: droppedEntries(entries), entries }
  // The problems sort among the findings by tab (all on 提醒汇总) before their rows are known: place
  // them with row 0, then name the row each bad cell ends up on.
  const placed = [
    ...checked.map((finding) => ({ finding, at: -1 })),
    ...invalid.map(({ at }) => ({ finding: deferProblem(0, checked[at], null, entries.columns), at })),
  ].sort((a, b) => compareFindings(a.finding, b.finding))
  const rowOf = new Map<number, number>()
  let offset = 0
  placed.forEach((place, index) => {
    if (place.at < 0) rowOf.set(offset, index + FIRST_DATA_ROW)
    if (place.at < 0) offset += 1
  })
  const cellOf = new Map(invalid.map(({ at, cell }) => [at, cell]))
  const findings: Finding[] = []
  const ordered: OutputCell[][] = []
  let next = 0
  for (const place of placed) {
    if (place.at < 0) {
      findings.push(place.finding)
      ordered.push(rows[next] ?? alertRow(place.finding))
      next += 1
      continue
    }
    const problem = deferProblem(
      rowOf.get(place.at) ?? 0,
      checked[place.at],
      cellOf.get(place.at) ?? null,
      entries.columns,
    )
    findings.push(problem)
    ordered.push(...carryUserEntries(ALERTS, [alertRow(problem)], entries))
  }
  return { findings, rows: ordered, deferred, dropped: droppedEntries(entries), entries }
}

/**
 * `columns`: 提醒汇总 as it is, so that the letter is that of the column the user typed into (a tab
 * laid out before 事项 keeps 暂缓至 where it was in the local host); else the template's.
 */
function deferProblem(
  row: number,
  about: Finding | undefined,
  cell: OutputCell,
  columns: ReadonlyMap<string, number> | undefined,
): Finding {
  return cellProblem(
    ALERTS.name,
    columns?.has('暂缓至') ? columns : ALERT_COLUMNS,
    { row, key: about?.key ?? '' },
    '暂缓至',
    `${quotedValue(templateColumn(ALERTS, '暂缓至'), cell)}不是日期，这条提醒（${about?.code ?? ''}）没有暂缓：请填写暂缓到哪一天（如 2026-12-10），或清空这一格`,
  )
}

function alertRow(finding: Finding): OutputCell[] {
  return [
    finding.sheet,
    finding.row,
    finding.key,
    finding.code,
    codeLabel(finding.code),
    alertLevel(finding.severity),
    finding.message,
    finding.due === null ? null : { date: finding.due },
  ]
}

/**
 * The summary line; `deferred` findings (暂缓至 today or later) are counted apart from their severity
 * and kind. After the severities, how many are business deadlines missed (逾期) or near (预警) and
 * how many are bad data (数据有误): 错误 mixes an expired sample with a mistyped date.
 */
export function summarize(
  findings: readonly Finding[],
  records: Readonly<Record<string, number>>,
  deferred: readonly Finding[] = [],
): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.severity] += 1
  for (const finding of deferred) counts[finding.severity] -= 1
  const kinds: Record<FindingKind, number> = { overdue: 0, approaching: 0, data: 0 }
  const deferredSet = new Set(deferred)
  for (const finding of findings) {
    const kind = codeKind(finding.code)
    if (kind !== undefined && !deferredSet.has(finding)) kinds[kind] += 1
  }
  const byKind = FINDING_KINDS.map((kind) => `${KIND_LABEL[kind]} ${kinds[kind]}`).join('、')
  const read = Object.entries(records)
    .map(([sheet, count]) => `${sheet} ${count} 条`)
    .join('、')
  if (findings.length === 0) return `已检查 ${read}；没有需要处理的事项`
  return `已检查 ${read}；发现 ${findings.length} 条：错误 ${counts.error}、警告 ${counts.warning}、提示 ${counts.info}${deferred.length > 0 ? `、已暂缓 ${deferred.length}` : ''}（其中${byKind}）`
}
