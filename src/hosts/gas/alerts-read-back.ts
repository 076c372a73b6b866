/**
 * The findings in 提醒汇总, read back. Only a continuation whose earlier runs found more than the
 * document properties keep (check-progress.ts) needs them; there, what users changed in 提醒汇总
 * between the runs changes what the continuation keeps.
 */
import { severityOfLevel } from '../../app/alert-level'
import { TEMPLATES } from '../../app/tabs'
import type { WorkbookPort } from '../../app/workbook-port'
import { isIsoDate } from '../../core/dates'
import type { Finding } from '../../core/findings'
import { readTable } from '../../core/table'

export function findingsInAlerts(port: WorkbookPort): Finding[] {
  const table = port.readTab(TEMPLATES.alerts.name)
  if (!table) return []
  const { records } = readTable(TEMPLATES.alerts, table)
  const findings: Finding[] = []
  for (const record of records) {
    const value = (header: string): string => String(record.values.get(header) ?? '')
    const severity = severityOfLevel(value('级别'))
    const row = record.values.get('行')
    if (severity === undefined || typeof row !== 'number' || value('代码') === '') continue
    const due = record.values.get('期限')
    findings.push({
      sheet: value('台账'),
      row,
      key: value('编号'),
      code: value('代码'),
      severity,
      message: value('说明'),
      due: typeof due === 'string' && isIsoDate(due) ? due : null,
    })
  }
  return findings
}
