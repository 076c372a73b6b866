/** Workbooks of the supplier tabs for the tests, and the check run on them. */
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import type { Finding } from '../../../src/core/findings'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

export const SUPPLIERS = TEMPLATES.suppliers.name
export const PPAP = TEMPLATES.ppap.name
export const RATINGS = TEMPLATES.supplierRatings.name
export const CLAIMS = TEMPLATES.claims.name

/** A certified 合格 B supplier audited recently: nothing due on 2026-06-15. */
export function supplier(fields: Row = {}): Row {
  return {
    供应商编号: 'GYS-1',
    名称: '长春金鹏冲压件有限公司',
    分类: 'B',
    体系认证: 'IATF 16949',
    证书有效期至: d('2028-01-01'),
    状态: '合格',
    上次审核日期: d('2026-05-01'),
    ...fields,
  }
}

export interface Tabs {
  readonly suppliers?: readonly Row[]
  readonly ppap?: readonly Row[]
  readonly ratings?: readonly Row[]
  readonly claims?: readonly Row[]
  readonly parameters?: readonly Row[]
  readonly holidays?: readonly Row[]
}

export function workbook(tabs: Tabs): MemoryWorkbook {
  const book: Record<string, Cell[][]> = {
    [SUPPLIERS]: tab(TEMPLATES.suppliers, tabs.suppliers ?? [supplier()]),
  }
  if (tabs.ppap) book[PPAP] = tab(TEMPLATES.ppap, tabs.ppap)
  if (tabs.ratings) book[RATINGS] = tab(TEMPLATES.supplierRatings, tabs.ratings)
  if (tabs.claims) book[CLAIMS] = tab(TEMPLATES.claims, tabs.claims)
  if (tabs.parameters) book[TEMPLATES.parameters.name] = tab(TEMPLATES.parameters, tabs.parameters)
  if (tabs.holidays) book[TEMPLATES.holidays.name] = tab(TEMPLATES.holidays, tabs.holidays)
  return new MemoryWorkbook(book)
}

export async function check(tabs: Tabs, today: string) {
  const book = workbook(tabs)
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  const on = (sheet: string): Finding[] => report.findings.filter((finding) => finding.sheet === sheet)
  const codes = (sheet: string): string[] => on(sheet).map((finding) => finding.code)
  return { book, report, on, codes }
}
