/** What the taizhang command prints after each command, in Chinese, for people (not for --json). */

import type { CheckReport, InitReport, PlanReport } from '../app/types'
import type { Finding, Severity } from '../core/findings'
import { SEVERITY_LABEL } from '../core/findings'
import { escapeControls } from '../core/printable'
import { textWidth } from '../core/template'
import { codeLabel } from '../ledgers'

/** Findings listed one by one; the rest are counted and left to 提醒汇总. */
export const TOP_FINDINGS = 15

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']

export function checkText(report: CheckReport, file: string, dryRun: boolean): string {
  const lines: string[] = [`检查日期：${report.today}`]
  const counts = severityCounts(report.findings)
  if (report.findings.length === 0) {
    lines.push('未发现需要处理的事项。')
  } else {
    lines.push(
      `共 ${report.findings.length} 条：${SEVERITIES.map((severity) => `${SEVERITY_LABEL[severity]} ${counts[severity]}`).join('，')}`,
      '',
      '按代码统计：',
      ...codeCounts(report.findings),
      '',
      ...topFindings(report.findings, '需要处理的事项'),
    )
  }
  lines.push(
    '',
    report.summary,
    dryRun
      ? `工作簿：${file}（--dry-run：只检查，未写入任何内容）`
      : `工作簿：${file}（已更新工具列、“提醒汇总”和“操作日志”）`,
  )
  return lines.join('\n')
}

export function planText(report: PlanReport, file: string): string {
  const lines = [report.summary]
  if (report.findings.length > 0) {
    lines.push('', ...topFindings(report.findings, '读取台账时发现的数据问题'))
  }
  lines.push('', `工作簿：${file}（已写入“样件检验计划”和“样件更换计划”）`)
  return lines.join('\n')
}

export function initText(report: InitReport, file: string, created: boolean): string {
  const lines = [report.summary]
  lines.push(created ? `已新建工作簿：${file}` : `工作簿：${file}（原有数据未改动）`)
  return lines.join('\n')
}

function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.severity] += 1
  return counts
}

/** One line per code and severity, most severe first, then the most frequent. */
function codeCounts(findings: readonly Finding[]): string[] {
  const counts = new Map<string, { code: string; severity: Severity; count: number }>()
  for (const finding of findings) {
    const key = `${finding.severity} ${finding.code}`
    const entry = counts.get(key) ?? { code: finding.code, severity: finding.severity, count: 0 }
    entry.count += 1
    counts.set(key, entry)
  }
  const width = Math.max(...[...counts.values()].map((entry) => entry.code.length))
  const labelWidth = Math.max(...[...counts.values()].map((entry) => textWidth(codeLabel(entry.code))))
  return [...counts.values()]
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        b.count - a.count ||
        (a.code < b.code ? -1 : 1),
    )
    .map((entry) => {
      const label = codeLabel(entry.code)
      const padding = ' '.repeat(labelWidth - textWidth(label))
      return `  ${SEVERITY_LABEL[entry.severity]}  ${entry.code.padEnd(width)}  ${label}${padding}  ${entry.count}`
    })
}

/** The first findings in report order (the application sorts them, most severe first). */
function topFindings(findings: readonly Finding[], title: string): string[] {
  const shown = findings.slice(0, TOP_FINDINGS)
  const lines = [
    findings.length > shown.length ? `${title}（前 ${shown.length} 条）：` : `${title}：`,
    ...shown.map(findingLine),
  ]
  if (findings.length > shown.length) {
    lines.push(`  …… 其余 ${findings.length - shown.length} 条见工作簿“提醒汇总”表（或用 --json 输出全部）`)
  }
  return lines
}

/** `样件台账 第 26 行 YJ-025：H 列“确认日期”…`: the row and the due date are said once. */
function findingLine(finding: Finding): string {
  const where = `${finding.sheet} 第 ${finding.row} 行${finding.key ? ` ${finding.key}` : ''}`
  const rowPrefix = `第 ${finding.row} 行`
  const message = finding.message.startsWith(rowPrefix)
    ? finding.message.slice(rowPrefix.length).trimStart()
    : finding.message
  const due = finding.due && !message.includes(finding.due) ? `（期限 ${finding.due}）` : ''
  // One line, though the 编号 or a value the 说明 quotes holds a line break or a terminal escape.
  return escapeControls(`  [${SEVERITY_LABEL[finding.severity]}] ${where}：${message}${due}`)
}
