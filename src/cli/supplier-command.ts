/**
 * `taizhang report <book.xlsx> --year 2026 --suppliers`: writes the year's 年度评定 into the workbook
 * and prints each supplier's average, grade and suggested 分类.
 */
import * as path from 'node:path'
import { runSupplierReport, type SupplierReportResult } from '../app/supplier-report'
import { dateInTimeZone, type IsoDate } from '../core/dates'
import { openWorkbookFile, saveWorkbookFile } from '../hosts/xlsx/workbook-file'
import { SUPPLIER_ANNUAL } from '../ledgers/suppliers/tabs'
import type { CommandIo } from './command-io'

export async function runSupplierCommand(
  target: string,
  options: { readonly year: number; readonly json?: boolean; readonly today?: IsoDate },
  io: CommandIo,
): Promise<void> {
  io.progress(`正在读取 ${target} …`)
  const workbook = await openWorkbookFile(target)
  const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
  const result = await runSupplierReport(
    workbook,
    options.year,
    { today, actor: io.actor(workbook), progress: io.progress },
    io.now(),
  )
  io.progress(`正在写入 ${target} …`)
  await saveWorkbookFile(workbook, target)
  if (options.json) io.line(JSON.stringify(supplierJson(result), null, 2))
  else io.line(supplierText(result, target))
}

function supplierJson(result: SupplierReportResult) {
  return {
    year: result.report.year,
    suppliers: result.report.rows.map((row) => ({
      id: row.supplier.id,
      name: row.supplier.name,
      category: row.supplier.category ?? null,
      monthsRated: row.result.months,
      average: row.result.average ?? null,
      grade: row.result.grade ?? null,
      suggestedCategory: row.result.category ?? null,
      claims: row.claims,
      months: row.months.map((value) => value ?? null),
    })),
    findings: result.findings,
    summary: result.summary,
  }
}

export function supplierText(result: SupplierReportResult, target: string): string {
  const { report } = result
  const lines = [
    `${report.year} 年供应商年度评定（${path.basename(target)}）`,
    '',
    '供应商编号    评定月数  平均综合  等级  分类  建议分类  索赔',
    ...report.rows.map((row) =>
      [
        row.supplier.id.padEnd(12),
        String(row.result.months).padStart(8),
        String(row.result.average ?? '—').padStart(9),
        (row.result.grade ?? '—').padStart(5),
        (row.supplier.category ?? '—').padStart(5),
        (row.result.category ?? '—').padStart(9),
        String(row.claims).padStart(5),
      ].join(' '),
    ),
  ]
  if (result.findings.length > 0)
    lines.push(
      '',
      `有 ${result.findings.length} 处数据有误（未计入的评分、找不到的供应商编号），运行 check 后见“提醒汇总”。`,
    )
  lines.push('', `已写入“${SUPPLIER_ANNUAL.name}”；名录里的“分类”没有改动。`, result.summary)
  return lines.join('\n')
}
