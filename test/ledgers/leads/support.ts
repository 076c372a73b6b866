/** A 渠道报备 workbook for tests: reports by header, times as `2026-03-01 10:00`. */
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import { type Cell, type DateCell, isDateCell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import type { Finding } from '../../../src/core/findings'
import { type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

export const LEADS = TEMPLATES.leads.name

/** A date-time cell as a host hands it over: `2026-03-01 10:00`. */
export function at(text: string): DateCell {
  const [date, time = ''] = text.split(' ')
  const [hours, minutes] = time.split(':').map(Number)
  return { date: date as IsoDate, minutes: (hours ?? 0) * 60 + (minutes ?? 0) }
}

/** A 本地 report of 张伟 by 甲 on 2026-03-01 10:00; override what the case is about. */
export function lead(fields: Row = {}): Row {
  return {
    报备编号: 'L-1',
    分销商: '甲',
    客户姓名: '张伟',
    客户电话: '13812341234',
    报备时间: at('2026-03-01 10:00'),
    客户属地: '本地',
    ...fields,
  }
}

export interface LeadRow {
  readonly conclusion: Cell | undefined
  readonly until: string | undefined
  readonly codes: readonly string[]
}

export async function checkLeads(
  leads: readonly Row[],
  today = '2026-03-01',
  extra: Record<string, Cell[][]> = {},
): Promise<{ book: MemoryWorkbook; findings: readonly Finding[]; all: readonly Finding[]; rows: LeadRow[] }> {
  const book = new MemoryWorkbook({ [LEADS]: tab(TEMPLATES.leads, leads), ...extra })
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  // the findings on 渠道报备; `all` has those of the other tabs too
  const findings = report.findings.filter((finding) => finding.sheet === LEADS)
  const rows = leads.map((_, index): LeadRow => {
    const row = index + 2
    const until = book.cell(LEADS, row, '保护期至')
    return {
      conclusion: book.cell(LEADS, row, '归属结论'),
      until: isDateCell(until) ? until.date : undefined,
      codes: findings.filter((finding) => finding.row === row).map((finding) => finding.code),
    }
  })
  return { book, findings, all: report.findings, rows }
}

export function parameters(values: Readonly<Record<string, number>>): Record<string, Cell[][]> {
  return {
    [TEMPLATES.parameters.name]: tab(
      TEMPLATES.parameters,
      Object.entries(values).map(([name, value]) => ({ 参数: name, 值: value })),
    ),
  }
}
