/** The demo's supplier tabs show every supplier finding once, whatever the day, and fill 年度评定. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { demoRows } from '../../../src/app/demo'
import { runInit } from '../../../src/app/init'
import { runSupplierReport } from '../../../src/app/supplier-report'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { MemoryWorkbook } from '../../support/memory-workbook'

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  [TEMPLATES.suppliers.name]: [
    'SUPPLIER_AUDIT_DUE',
    'SUPPLIER_CERT_EXPIRED',
    'SUPPLIER_CERT_EXPIRING',
    'SUPPLIER_UNCERTIFIED',
  ],
  [TEMPLATES.ppap.name]: [
    'DATA_INVALID',
    'PPAP_INCOMPLETE',
    'PPAP_INTERIM_EXPIRED',
    'PPAP_INTERIM_EXPIRING',
    'PPAP_OVERDUE',
    'PPAP_VOLUME_UNAPPROVED',
  ],
  [TEMPLATES.supplierRatings.name]: ['SUPPLIER_RATING_LOW'],
  [TEMPLATES.claims.name]: ['CLAIM_REPLY_OVERDUE'],
}

describe.each([
  '2026-12-02',
  '2026-01-05', // the ratings reach back into the year before
  '2025-10-01', // National Day
  '2026-02-16', // Spring Festival
  '2026-03-31', // a month's end
  '2026-11-28', // a Saturday
  '2026-10-09', // the Friday after National Day
  '2026-12-31', // the year's last day
])('the demo made and checked on %s', (date) => {
  const today = date as IsoDate

  it('shows each supplier finding once, and 年度评定 for the year', async () => {
    const book = new MemoryWorkbook()
    runInit(book, { actor: 'test', today, seedRows: demoRows(today) })
    const report = await runCheck(book, { today, actor: 'test' })
    for (const [sheet, codes] of Object.entries(EXPECTED)) {
      const found = report.findings
        .filter((finding) => finding.sheet === sheet)
        .map((finding) => finding.code)
      expect(found.sort(), sheet).toEqual([...codes])
    }
    // The demo rates the six months before today's: in January, those of the year before.
    const year = Number(date.slice(0, 4)) - (date.slice(5, 7) === '01' ? 1 : 0)
    const annual = await runSupplierReport(book, year, { today, actor: 'test' })
    expect(annual.report.rows).toHaveLength(6)
    expect(annual.report.rows.some((row) => row.result.average !== undefined)).toBe(true)
    expect(book.tabs.get(TEMPLATES.supplierAnnual.name)?.length).toBe(7)
  })
})
