/** The demo's customer ledgers show every new finding whatever day `npm start` runs. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { createContext } from '../src/app/context'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { DEMO_LETTER_VISIT } from '../src/ledgers/visits/demo'
import { readVisits } from '../src/ledgers/visits/visits'
import { MemoryWorkbook } from './support/memory-workbook'

const CODES = [
  'VISIT_REPLY_OVERDUE',
  'VISIT_REPLY_DUE_SOON',
  'VISIT_REPLY_LATE',
  'DEV_RECOMMENDED',
  'DEV_PLAN_OVERDUE',
  'DEV_NO_PROGRESS',
  'ARCHIVE_REVIEW_DUE',
  'ARCHIVE_UNAPPROVED',
  'ARCHIVE_INCOMPLETE',
]

function demoBook(today: IsoDate): MemoryWorkbook {
  const book = new MemoryWorkbook()
  runInit(book, { actor: 'test', today, seedRows: demoRows(today) })
  return book
}

describe.each([
  '2026-11-28', // a Saturday
  '2026-03-02', // a Monday
  '2025-10-01', // National Day
  '2026-02-16', // Spring Festival
  '2026-12-31', // deadlines run into a year the data may not cover yet
])('the demo made and checked on %s', (date) => {
  const today = date as IsoDate

  it('shows every VISIT_*, DEV_* and ARCHIVE_* finding', async () => {
    const report = await runCheck(demoBook(today), { today, actor: 'test' })
    const codes = new Set(report.findings.map((finding) => finding.code))
    for (const code of CODES) expect(codes, code).toContain(code)
    const visitFindings = report.findings.filter((finding) => finding.sheet === TEMPLATES.visits.name)
    // one visit each: overdue, due soon, late
    for (const code of ['VISIT_REPLY_OVERDUE', 'VISIT_REPLY_DUE_SOON', 'VISIT_REPLY_LATE']) {
      expect(
        visitFindings.filter((finding) => finding.code === code),
        code,
      ).toHaveLength(1)
    }
    expect(
      report.findings.filter((finding) => finding.sheet === TEMPLATES.visitQuestions.name).map((f) => f.code),
    ).toEqual(['DATA_INVALID'])
  })

  it(`keeps ${DEMO_LETTER_VISIT} answered in full and not yet sent, with nothing due`, async () => {
    const book = demoBook(today)
    const letter = readVisits(createContext(book, today))?.visits.find(
      (visit) => visit.id === DEMO_LETTER_VISIT,
    )
    expect(letter?.replyDate).toBeUndefined()
    expect(letter?.replyDocument).toBe('')
    expect(letter?.questions.length).toBe(3)
    expect(letter?.questions.every((question) => question.answer !== '')).toBe(true)
    const report = await runCheck(book, { today, actor: 'test' })
    const codes = report.findings.filter((finding) => finding.key === DEMO_LETTER_VISIT).map((f) => f.code)
    expect(codes.filter((code) => code !== 'CALENDAR_UNKNOWN')).toEqual([])
  })
})
