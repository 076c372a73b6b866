/**
 * The daily check: read every tab once, let each ledger derive its dates and run its rules, then
 * write each owned column block, 提醒汇总 and one 操作日志 line once.
 */
import { TEMPLATES } from '../../sheets-templates'
import type { OutputCell } from '../core/cells'
import { compareFindings, type Finding, SEVERITY_LABEL, type Severity } from '../core/findings'
import { FIRST_DATA_ROW, UnusableTabError } from '../core/table'
import type { ColumnWrite, WorkbookPort } from '../hosts/workbook'
import { createContext } from './context'
import type { LabelledFinding, OwnedColumns } from './ledger-check'
import { LEDGER_CHECKS } from './ledgers'
import { logTimestamp } from './time'
import type { CheckReport, RunOptions } from './types'

export async function runCheck(
  port: WorkbookPort,
  options: RunOptions,
  now = new Date(),
): Promise<CheckReport> {
  const { today } = options
  options.progress?.('读取台账…')
  const context = createContext(port, today)
  const ruleFindings: LabelledFinding[] = []
  const owned: OwnedColumns[] = []
  let ledgersKept = 0
  for (const ledger of LEDGER_CHECKS) {
    options.progress?.(`检查“${ledger.tab.name}”…`)
    const result = await ledger.run(context)
    if (!result) continue
    ledgersKept += 1
    ruleFindings.push(...result.findings)
    owned.push(...result.owned)
  }
  if (ledgersKept === 0) {
    throw new UnusableTabError(
      TEMPLATES.samples.name,
      `工作簿里没有台账工作表（例如“${TEMPLATES.samples.name}”），请先运行“初始化台账”（taizhang init）`,
    )
  }

  const findings: Finding[] = [...context.tabs.findings, ...context.findings, ...ruleFindings]
    .map(withoutLabel)
    .sort(compareFindings)
  const summary = summarize(findings, context.tabs.records)
  if (!options.dryRun) {
    options.progress?.('写回工作簿…')
    const labels = rowLabels([...context.tabs.findings, ...context.findings, ...ruleFindings])
    for (const columns of mergeByTab(owned))
      port.writeColumns(columns.template.name, ownedColumnWrites(columns, labels))
    port.replaceToolTab(TEMPLATES.alerts, findings.map(alertRow))
    port.appendRows(TEMPLATES.log, [
      [logTimestamp(now, port.timeZone), `检查（截至 ${today}）`, options.actor, summary],
    ])
  }
  return { today, findings, records: context.tabs.records, summary }
}

function withoutLabel({ label: _label, ...finding }: LabelledFinding): Finding {
  return finding
}

/** Short texts for each row's 提醒 cell, by tab and sheet row: 数据有误 for a bad cell, else the rule's label. */
function rowLabels(findings: readonly LabelledFinding[]): Map<string, string> {
  const lists = new Map<string, string[]>()
  for (const finding of findings) {
    const text = finding.label ?? (finding.code === 'DATA_INVALID' ? '数据有误' : undefined)
    if (text === undefined) continue
    const key = `${finding.sheet}\u0000${finding.row}`
    const list = lists.get(key) ?? []
    if (!list.includes(text)) list.push(text)
    lists.set(key, list)
  }
  return new Map([...lists].map(([key, list]) => [key, list.join('；')]))
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

/** One write per owned column, covering every data row so that stale values are cleared. */
function ownedColumnWrites(columns: OwnedColumns, labels: ReadonlyMap<string, string>): ColumnWrite[] {
  const { template, table } = columns
  const valueAt: Record<string, (row: number) => OutputCell> = { ...columns.values }
  if (table.columns.has('提醒') && !valueAt.提醒) {
    valueAt.提醒 = (row) => labels.get(`${template.name}\u0000${row}`) ?? null
  }
  return Object.entries(valueAt).map(([header, value]) => {
    const column = table.columns.get(header)
    if (column === undefined) throw new Error(`owned column ${header} of ${template.name} was not located`)
    const values = Array.from({ length: table.rowCount }, (_, index) => value(index + FIRST_DATA_ROW))
    return { column, values }
  })
}

function alertRow(finding: Finding): OutputCell[] {
  return [
    finding.sheet,
    finding.row,
    finding.key,
    finding.code,
    SEVERITY_LABEL[finding.severity],
    finding.message,
    finding.due === null ? null : { date: finding.due },
  ]
}

export function summarize(findings: readonly Finding[], records: Readonly<Record<string, number>>): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.severity] += 1
  const read = Object.entries(records)
    .map(([sheet, count]) => `${sheet} ${count} 条`)
    .join('、')
  if (findings.length === 0) return `已检查 ${read}；没有需要处理的事项`
  return `已检查 ${read}；发现 ${findings.length} 条：错误 ${counts.error}、警告 ${counts.warning}、提示 ${counts.info}`
}
