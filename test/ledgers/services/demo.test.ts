/** The demo's 服务登记簿 and 客户意见调查 show every finding and a filled 服务评分, whatever the day. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { demoRows } from '../../../src/app/demo'
import { runInit } from '../../../src/app/init'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { MemoryWorkbook } from '../../support/memory-workbook'

const SERVICE_CODES = [
  'SERVICE_NOT_DISPATCHED',
  'SERVICE_DISPATCHED_LATE',
  'SERVICE_REMOTE_UNAPPROVED',
  'SERVICE_UNSIGNED',
  'SERVICE_SURVEY_DUE',
]

describe.each([
  '2026-11-28', // a Saturday
  '2026-03-02', // a Monday
  '2025-10-01', // National Day
  '2026-02-16', // Spring Festival
  '2026-10-09', // the Friday after National Day
])('the demo made and checked on %s', (date) => {
  const today = date as IsoDate

  it('shows every SERVICE_* finding once, COMPLAINT_ESCALATE once, and fills both tool tabs', async () => {
    const book = new MemoryWorkbook()
    runInit(book, { actor: 'test', today, seedRows: demoRows(today) })
    const report = await runCheck(book, { today, actor: 'test' })
    const on = (sheet: string) => report.findings.filter((finding) => finding.sheet === sheet)
    const services = on(TEMPLATES.services.name).map((finding) => finding.code)
    for (const code of SERVICE_CODES)
      expect(
        services.filter((c) => c === code),
        code,
      ).toHaveLength(1)
    expect(services.filter((code) => !SERVICE_CODES.includes(code))).toEqual([])
    expect(
      on(TEMPLATES.surveys.name)
        .map((finding) => finding.code)
        .sort(),
    ).toEqual(['COMPLAINT_ESCALATE', 'DATA_INVALID'])
    const dispatch = book.tabs.get(TEMPLATES.dispatchList.name) ?? []
    expect(dispatch.slice(1).map((row) => row[1])).toEqual(['FW-001', 'FW-002', 'FW-003'])
    const scores = book.tabs.get(TEMPLATES.serviceScores.name) ?? []
    expect(scores.length).toBeGreaterThan(3)
    expect(scores.slice(1).some((row) => typeof row[8] === 'number')).toBe(true)
  })
})
