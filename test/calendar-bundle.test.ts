/**
 * The working-day calendar inside the built Apps Script bundle, whose build keeps only the dates of
 * the holiday data (scripts/build.mjs): the daily check computes the same 答复期限 as the local tool.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { type IsoDate, isoDateToSerial } from '../src/core/dates'
import { bundleSource, loadGasBundle } from './support/gas-bundle'
import { createGasEnvironment } from './support/gas-fakes'

/** 2026-03-30 08:00 in Asia/Shanghai. */
const NOW = new Date('2026-03-30T00:00:00Z')

let source: string
beforeAll(() => {
  source = bundleSource()
})

function headers(template: { columns: readonly { header: string }[] }): string[] {
  return template.columns.map((column) => column.header)
}

function visitRow(id: string, visitDate: string): string[] {
  const fields: Record<string, string> = {
    走访编号: id,
    客户名称: '一汽大众汽车有限公司',
    走访日期: visitDate,
  }
  return headers(TEMPLATES.visits).map((header) => fields[header] ?? '')
}

describe('答复期限 in Google Sheets', () => {
  it('counts National Day, Spring Festival and the 节假日 tab as the local tool does', async () => {
    const env = createGasEnvironment()
    env.spreadsheet.addSheet(TEMPLATES.visits.name, [
      headers(TEMPLATES.visits),
      visitRow('ZF-1', '2025-09-26'), // before National Day → 2025-10-10
      visitRow('ZF-2', '2026-02-12'), // before Spring Festival 2026 → 2026-02-26
      visitRow('ZF-3', '2026-03-20'), // the company rest day 03-24 below → 2026-03-30
      visitRow('ZF-4', '2030-01-02'), // no holiday data: Monday–Friday → 2030-01-09
    ])
    env.spreadsheet.addSheet(TEMPLATES.visitQuestions.name, [headers(TEMPLATES.visitQuestions)])
    env.spreadsheet.addSheet(TEMPLATES.holidays.name, [
      headers(TEMPLATES.holidays),
      ['2026-03-24', '休息', '公司年会'],
    ])

    await loadGasBundle(env, { now: NOW, source }).call('dailyCheck', { triggerUid: '1' })

    const visits = env.spreadsheet.sheet(TEMPLATES.visits.name)
    const deadline = visits.headerRow().indexOf('答复期限')
    const serial = (date: string) => isoDateToSerial(date as IsoDate)
    expect(visits.cells.slice(1).map((row) => row[deadline])).toEqual([
      serial('2025-10-10'),
      serial('2026-02-26'),
      serial('2026-03-30'),
      serial('2030-01-09'),
    ])
    const alerts = env.spreadsheet.sheet(TEMPLATES.alerts.name).snapshot()
    const codes = alerts.slice(1).map((row) => `${row[2]} ${row[3]}`)
    expect(codes).toEqual(
      expect.arrayContaining([
        'ZF-3 VISIT_REPLY_DUE_SOON',
        'ZF-4 CALENDAR_UNKNOWN',
        'ZF-1 VISIT_REPLY_OVERDUE',
      ]),
    )
  })
})
