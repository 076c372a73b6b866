/**
 * The daily check: read every tab once, derive dates, run the rules, then write each owned column
 * block, 提醒汇总 and one 操作日志 line once.
 */

import { SAMPLE_RULES } from '../../rules'
import { TEMPLATES } from '../../sheets-templates'
import type { OutputCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import { RuleSet } from '../core/engine'
import { compareFindings, type Finding, SEVERITY_LABEL, type Severity } from '../core/findings'
import { FIRST_DATA_ROW, type ReadResult } from '../core/table'
import type { ColumnWrite, WorkbookPort } from '../hosts/workbook'
import { SAMPLES, sampleFacts } from '../ledgers/samples'
import { readLedgers } from './ledger-input'
import { logTimestamp } from './time'
import type { CheckReport, RunOptions } from './types'

let sampleRules: RuleSet | undefined

/** Short labels for each row's 提醒 cell, by tab and sheet row. */
class RowLabels {
  private readonly byRow = new Map<string, string[]>()

  add(sheet: string, row: number, text: string): void {
    const key = `${sheet}\u0000${row}`
    const list = this.byRow.get(key) ?? []
    if (!list.includes(text)) list.push(text)
    this.byRow.set(key, list)
  }

  get(sheet: string, row: number): string | null {
    return this.byRow.get(`${sheet}\u0000${row}`)?.join('；') ?? null
  }
}

export async function runCheck(
  port: WorkbookPort,
  options: RunOptions,
  now = new Date(),
): Promise<CheckReport> {
  const { today } = options
  options.progress?.('读取台账…')
  const input = readLedgers(port, today)
  const findings: Finding[] = [...input.findings]
  const labels = new RowLabels()
  for (const finding of input.findings) {
    if (finding.code === 'DATA_INVALID') labels.add(finding.sheet, finding.row, '数据有误')
  }

  const samples = input.samples
  if (samples) {
    options.progress?.(`检查 ${samples.ledger.samples.length} 个样件…`)
    sampleRules ??= new RuleSet(SAMPLE_RULES)
    for (const sample of samples.ledger.samples) {
      for (const hit of await sampleRules.evaluate(sampleFacts(sample, input.params, today))) {
        findings.push({
          sheet: SAMPLES.name,
          row: sample.row,
          key: sample.id,
          code: hit.code,
          severity: hit.severity,
          message: hit.message,
          due: hit.due,
        })
        labels.add(SAMPLES.name, sample.row, hit.label)
      }
    }
  }
  findings.sort(compareFindings)

  const summary = summarize(findings, input.records)
  if (!options.dryRun) {
    options.progress?.('写回工作簿…')
    if (samples) {
      const byRow = new Map(samples.ledger.samples.map((sample) => [sample.row, sample]))
      port.writeColumns(
        SAMPLES.name,
        ownedColumnWrites(samples.table, {
          有效期至: (row) => dateCell(byRow.get(row)?.expiryDate),
          下次校准日期: (row) => dateCell(byRow.get(row)?.nextCalibrationDate),
          提醒: (row) => labels.get(SAMPLES.name, row),
        }),
      )
    }
    port.replaceToolTab(TEMPLATES.alerts, findings.map(alertRow))
    port.appendRows(TEMPLATES.log, [
      [logTimestamp(now, port.timeZone), `检查（截至 ${today}）`, options.actor, summary],
    ])
  }
  return { today, findings, records: input.records, summary }
}

/** One write per owned column, covering every data row so that stale values are cleared. */
function ownedColumnWrites(
  table: ReadResult,
  valueAt: Readonly<Record<string, (row: number) => OutputCell>>,
): ColumnWrite[] {
  return Object.entries(valueAt).map(([header, value]) => {
    const column = table.columns.get(header)
    if (column === undefined) throw new Error(`owned column ${header} was not located`)
    const values = Array.from({ length: table.rowCount }, (_, index) => value(index + FIRST_DATA_ROW))
    return { column, values }
  })
}

function dateCell(date: IsoDate | undefined): OutputCell {
  return date === undefined ? null : { date }
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
