/** An explanation (explain.ts) in plain Chinese, as `taizhang why` prints it and the sidebar shows it. */
import type { Explanation, RecordExplanation, RuleExplanation } from './explain'
import type { DayCount } from './explainer'
import { escapeControls } from './printable'

export function explanationText(explanation: Explanation): string {
  return explanation.records.map((record) => recordText(explanation, record)).join('\n\n')
}

function recordText(explanation: Explanation, record: RecordExplanation): string {
  const lines: string[] = []
  const where = record.row > 1 ? `第 ${record.row} 行` : '（整张表）'
  lines.push(`“${explanation.sheet}”${where}，编号 ${record.key}（按 ${explanation.today} 检查）`)
  if (record.findings.length === 0) lines.push('', '没有提醒。')
  else {
    lines.push('', `提醒（${record.findings.length} 条）：`)
    record.findings.forEach((finding, index) => {
      const label = finding.label === '' ? '' : ` ${finding.label}`
      lines.push(`${index + 1}. 【${finding.level}】${finding.code}${label}`)
      lines.push(`   说明：${finding.message}`)
      if (finding.due !== null) lines.push(`   期限：${finding.due}`)
      const followUp = finding.followUp
      if (followUp?.note) lines.push(`   处理情况（提醒汇总）：${followUp.note}`)
      if (followUp?.deferredUntil)
        lines.push(
          followUp.deferred
            ? `   已暂缓至 ${followUp.deferredUntil}（提醒汇总的“暂缓至”）：这一天之前不计入错误、警告数`
            : `   暂缓至 ${followUp.deferredUntil} 已过，恢复计数`,
        )
      if (finding.rule === null) {
        if (finding.code === 'DATA_INVALID')
          lines.push('   规则：单元格内容不对（说明中写明了行和列）；这一格按未填处理，其余各格照常检查')
        return
      }
      if (finding.rule.clause !== null) lines.push(`   依据：${finding.rule.clause}`)
      lines.push('   规则：', ...conditionText(finding.rule, '     '))
    })
  }
  if (record.derivations.length > 0) {
    lines.push('', '推算：')
    for (const derivation of record.derivations) {
      lines.push(`- ${derivation.text}`)
      if (derivation.days) lines.push(...dayCountText(derivation.days, '    '))
    }
  }
  if (record.facts.length > 0) {
    lines.push('', '规则读到的事实：')
    for (const fact of record.facts) lines.push(`- ${fact.label} = ${fact.value}（${fact.source}）`)
  }
  if (record.parameters.length > 0) {
    lines.push('', '生效的参数：')
    for (const parameter of record.parameters) {
      const note = parameter.source === '默认' ? '默认' : `${parameter.source}；默认 ${parameter.default}`
      lines.push(`- ${parameter.name} = ${parameter.value}（${note}）`)
    }
  }
  if (record.notFired.length > 0) {
    lines.push('', '没有触发的规则：')
    for (const rule of record.notFired) {
      const failing = rule.conditions.filter((line) => !line.passed && !line.text.endsWith('：'))
      const why = failing.length > 0 ? failing.map((line) => `✗ ${line.text}`).join('；') : '条件不成立'
      lines.push(`- ${rule.code} ${rule.label}：${why}`)
    }
  }
  // Each line is one line, whatever a quoted value holds: a 说明, a 处理情况 or a cell's value with a
  // line break or a terminal escape is shown escaped (\n, \u001b) on its line.
  return lines.map(escapeControls).join('\n')
}

function conditionText(rule: RuleExplanation, indent: string): string[] {
  return rule.conditions.map(
    (line) => `${indent}${'  '.repeat(line.depth)}${line.passed ? '✓' : '✗'} ${line.text}`,
  )
}

/** One line per day: 2025-09-28 周日 计第 1 个工作日：调休上班（国庆节）. */
export function dayCountText(count: DayCount, indent: string): string[] {
  return count.days.map((day) =>
    day.working
      ? `${indent}${day.date} ${day.weekday} 计第 ${day.count} 个工作日${day.reason === '工作日' ? '' : `：${day.reason}`}`
      : `${indent}${day.date} ${day.weekday} 跳过：${day.reason}`,
  )
}
