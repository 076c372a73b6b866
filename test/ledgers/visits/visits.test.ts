import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { createContext } from '../../../src/app/context'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import { readVisits } from '../../../src/ledgers/visits/visits'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const VISITS = TEMPLATES.visits.name
const QUESTIONS = TEMPLATES.visitQuestions.name

function visit(fields: Row = {}): Row {
  return {
    走访编号: 'ZF-1',
    客户编号: 'KH-001',
    客户名称: '一汽大众汽车有限公司',
    走访方式: '走访',
    ...fields,
  }
}

function workbook(
  visits: readonly Row[],
  questions: readonly Row[] = [],
  extra: Record<string, Cell[][]> = {},
) {
  return new MemoryWorkbook({
    [VISITS]: tab(TEMPLATES.visits, visits),
    [QUESTIONS]: tab(TEMPLATES.visitQuestions, questions),
    ...extra,
  })
}

async function check(visits: readonly Row[], today: string, questions: readonly Row[] = [], extra = {}) {
  const book = workbook(visits, questions, extra)
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  const codes = report.findings.filter((finding) => finding.sheet === VISITS).map((finding) => finding.code)
  return { book, report, codes }
}

describe('答复期限: the 5th working day after 走访日期 (重要客户管理规定 附录4)', () => {
  it.each([
    ['2025-09-26', '2025-10-10'], // Friday just before National Day
    ['2025-09-30', '2025-10-14'], // the last day before it; Saturday 10-11 is worked
    ['2026-02-12', '2026-02-26'], // before Spring Festival 2026
    ['2026-03-20', '2026-03-27'], // an ordinary Friday
  ])('visit on %s → 答复期限 %s, written into the owned column', async (visitDate, deadline) => {
    const { book } = await check([visit({ 走访日期: d(visitDate) })], '2020-01-01')
    expect(book.cell(VISITS, 2, '答复期限')).toEqual(d(deadline))
  })

  it('follows the 答复期限(工作日) parameter', async () => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '答复期限(工作日)', 值: 3 }])
    const { book } = await check([visit({ 走访日期: d('2025-09-26') })], '2020-01-01', [], {
      [TEMPLATES.parameters.name]: parameters,
    })
    expect(book.cell(VISITS, 2, '答复期限')).toEqual(d('2025-09-30'))
  })

  it('counts the company days of the 节假日 tab', async () => {
    const holidays = tab(TEMPLATES.holidays, [
      { 日期: d('2026-03-24'), 类型: '休息', 说明: '公司年会' },
      { 日期: '2026/3/21', 类型: '上班', 说明: '年会调休' },
    ])
    // 03-21 (Saturday, worked), 03-23, 03-25, 03-26, 03-27; 03-24 is a rest day
    const { book, report } = await check([visit({ 走访日期: d('2026-03-20') })], '2020-01-01', [], {
      [TEMPLATES.holidays.name]: holidays,
    })
    expect(book.cell(VISITS, 2, '答复期限')).toEqual(d('2026-03-27'))
    expect(report.findings).toEqual([])
    const restOnly = await check([visit({ 走访日期: d('2026-03-20') })], '2020-01-01', [], {
      [TEMPLATES.holidays.name]: tab(TEMPLATES.holidays, [{ 日期: d('2026-03-24'), 类型: '休息' }]),
    })
    expect(restOnly.book.cell(VISITS, 2, '答复期限')).toEqual(d('2026-03-30'))
  })

  it('a bad row of the 节假日 tab is a DATA_INVALID finding and does not count', async () => {
    const holidays = tab(TEMPLATES.holidays, [{ 日期: d('2026-03-24'), 类型: '放假' }])
    const { book, report } = await check([visit({ 走访日期: d('2026-03-20') })], '2020-01-01', [], {
      [TEMPLATES.holidays.name]: holidays,
    })
    expect(book.cell(VISITS, 2, '答复期限')).toEqual(d('2026-03-27'))
    expect(report.findings).toMatchObject([
      {
        sheet: TEMPLATES.holidays.name,
        row: 2,
        code: 'DATA_INVALID',
        message: expect.stringContaining('类型'),
      },
    ])
  })
})

describe('VISIT_* boundaries (SPEC §3)', () => {
  // Visit on Friday 2025-09-26, just before National Day → 答复期限 2025-10-10 (Friday).
  const beforeNationalDay = (fields: Row = {}) => visit({ 走访日期: d('2025-09-26'), ...fields })
  it.each([
    ['2025-09-26', {}, []], // the day of the visit
    ['2025-10-08', {}, []], // last day of the holiday: 10-09 and 10-10 still ahead
    ['2025-10-09', {}, ['VISIT_REPLY_DUE_SOON']], // one working day left
    ['2025-10-10', {}, ['VISIT_REPLY_DUE_SOON']], // the deadline itself
    ['2025-10-11', {}, ['VISIT_REPLY_OVERDUE']], // the day after (a Saturday, worked)
    ['2025-12-01', {}, ['VISIT_REPLY_OVERDUE']],
    ['2025-10-09', { 答复日期: d('2025-10-09') }, []], // answered: nothing due
    ['2025-12-01', { 答复日期: d('2025-10-10') }, []], // answered on the deadline: in time
    ['2025-12-01', { 答复日期: d('2025-10-11') }, ['VISIT_REPLY_LATE']], // the day after
    ['2025-10-11', { 答复日期: d('2025-10-11') }, ['VISIT_REPLY_LATE']],
  ])('visit 2025-09-26, today %s, %j → %j', async (today, fields, codes) => {
    expect((await check([beforeNationalDay(fields)], today)).codes).toEqual(codes)
  })

  // Visit on Monday 2026-03-16 → 答复期限 Monday 2026-03-23; the weekend lies between.
  it.each([
    ['2026-03-19', []], // Thursday: Friday and Monday left
    ['2026-03-20', ['VISIT_REPLY_DUE_SOON']], // Friday: only Monday left
    ['2026-03-21', ['VISIT_REPLY_DUE_SOON']], // Saturday
    ['2026-03-23', ['VISIT_REPLY_DUE_SOON']],
    ['2026-03-24', ['VISIT_REPLY_OVERDUE']],
  ])('deadline on a Monday, today %s → %j', async (today, codes) => {
    expect((await check([visit({ 走访日期: d('2026-03-16') })], today)).codes).toEqual(codes)
  })

  // Visit on Friday 2026-03-20 → 答复期限 Friday 2026-03-27.
  it.each([
    ['2026-03-25', []],
    ['2026-03-26', ['VISIT_REPLY_DUE_SOON']],
    ['2026-03-27', ['VISIT_REPLY_DUE_SOON']],
    ['2026-03-28', ['VISIT_REPLY_OVERDUE']],
  ])('visit on a Friday, today %s → %j', async (today, codes) => {
    expect((await check([visit({ 走访日期: d('2026-03-20') })], today)).codes).toEqual(codes)
  })

  it.each([
    ['0', '2026-03-26', []], // 0: only on the deadline itself
    ['0', '2026-03-27', ['VISIT_REPLY_DUE_SOON']],
    ['3', '2026-03-24', ['VISIT_REPLY_DUE_SOON']],
    ['3', '2026-03-23', []],
  ])('答复提醒(工作日) = %s, today %s → %j', async (value, today, codes) => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '答复提醒(工作日)', 值: value }])
    const { codes: found } = await check([visit({ 走访日期: d('2026-03-20') })], today, [], {
      [TEMPLATES.parameters.name]: parameters,
    })
    expect(found).toEqual(codes)
  })

  it('the messages name the customer, the visit date and the deadline', async () => {
    const overdue = await check([beforeNationalDay()], '2025-10-13')
    expect(overdue.report.findings[0]).toMatchObject({
      sheet: VISITS,
      row: 2,
      key: 'ZF-1',
      severity: 'error',
      due: '2025-10-10',
    })
    expect(overdue.report.findings[0]?.message).toMatch(
      /^2025-09-26 走访客户“一汽大众汽车有限公司”提出的意见应于 2025-10-10 前答复，已逾期 3 天/,
    )
    const dueToday = await check([beforeNationalDay()], '2025-10-10')
    expect(dueToday.report.findings[0]).toMatchObject({ severity: 'warning', due: '2025-10-10' })
    expect(dueToday.report.findings[0]?.message).toContain('今天到期')
    const dueTomorrow = await check([beforeNationalDay()], '2025-10-09')
    expect(dueTomorrow.report.findings[0]?.message).toContain('还剩 1 个工作日')
    const late = await check([beforeNationalDay({ 答复日期: d('2025-10-13') })], '2025-12-01')
    expect(late.report.findings[0]).toMatchObject({ severity: 'info', code: 'VISIT_REPLY_LATE' })
    expect(late.report.findings[0]?.message).toContain('比答复期限 2025-10-10 晚 3 天')
    expect(late.book.cell(VISITS, 2, '提醒')).toBe('答复超期')
  })

  it('a visit without a date is a DATA_INVALID finding, and the other rows are still checked', async () => {
    const { report, book } = await check(
      [visit({ 走访日期: '9月26日' }), visit({ 走访编号: 'ZF-2', 走访日期: d('2025-09-26') })],
      '2025-10-13',
    )
    expect(report.findings.map((finding) => [finding.row, finding.code])).toEqual([
      [2, 'DATA_INVALID'],
      [3, 'VISIT_REPLY_OVERDUE'],
    ])
    expect(book.cell(VISITS, 2, '答复期限')).toBeNull()
  })

  it('a reply dated before the visit is a DATA_INVALID finding and counts as no reply', async () => {
    const { report } = await check([beforeNationalDay({ 答复日期: d('2025-09-25') })], '2025-10-13')
    expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
      ['DATA_INVALID', expect.stringContaining('“答复日期”的值 2025-09-25 早于走访日期 2025-09-26')],
      ['VISIT_REPLY_OVERDUE', expect.any(String)],
    ])
  })
})

describe('CALENDAR_UNKNOWN: a deadline counted over a year the holiday data does not cover', () => {
  it('says so, and counts Monday–Friday', async () => {
    const { book, report } = await check([visit({ 走访日期: d('2030-01-02') })], '2030-01-05')
    expect(book.cell(VISITS, 2, '答复期限')).toEqual(d('2030-01-09'))
    expect(report.findings).toHaveLength(1)
    const [finding] = report.findings
    expect(finding).toMatchObject({ code: 'CALENDAR_UNKNOWN', severity: 'info', row: 2, key: 'ZF-1' })
    expect(finding?.message).toContain('答复期限 2030-01-09 是按周一至周五推算的')
    expect(finding?.message).toContain('2030 年')
    expect(finding?.message).toMatch(/现有 2004–20\d\d 年/)
  })

  it('comes with the deadline findings, which still apply', async () => {
    const { codes } = await check([visit({ 走访日期: d('2030-01-02') })], '2030-01-10')
    expect(codes).toEqual(['VISIT_REPLY_OVERDUE', 'CALENDAR_UNKNOWN'])
  })

  it('is not raised for a deadline inside the data', async () => {
    const { codes } = await check([visit({ 走访日期: d('2025-09-26') })], '2025-09-27')
    expect(codes).toEqual([])
  })
})

describe('意见与答复', () => {
  const questions: Row[] = [
    { 走访编号: 'ZF-1', 序号: 2, 问题: '交货期能否缩短？', 答复: '可以缩短到 5 天。', 答复人: '李娜' },
    { 走访编号: 'ZF-1', 序号: 1, 问题: '包装能否改进？', 答复: '已改用加厚纸箱。', 答复人: '王立' },
    { 走访编号: 'ZF-1', 问题: '没有序号的问题', 答复: null },
    { 走访编号: 'ZF-404', 序号: 1, 问题: '编号写错了' },
  ]

  it('a question of an unknown 走访编号 is a DATA_INVALID finding on 意见与答复', async () => {
    const { report } = await check([visit({ 走访日期: d('2025-09-26') })], '2025-09-27', questions)
    expect(report.findings).toEqual([
      expect.objectContaining({
        sheet: QUESTIONS,
        row: 5,
        code: 'DATA_INVALID',
        message: '第 5 行 A 列“走访编号”的值“ZF-404”在“客户走访记录”中不存在，请核对走访编号',
      }),
    ])
  })

  it('readVisits gives each visit its questions by 序号, those without one last', () => {
    const book = workbook(
      [visit({ 走访日期: d('2025-09-26') }), visit({ 走访编号: 'ZF-2', 走访日期: d('2025-09-30') })],
      questions,
    )
    const ledger = readVisits(createContext(book, '2025-10-01' as IsoDate))
    const [first, second] = ledger?.visits ?? []
    expect(first).toMatchObject({
      id: 'ZF-1',
      customerName: '一汽大众汽车有限公司',
      visitDate: '2025-09-26',
      replyDeadline: '2025-10-10',
      replyDate: undefined,
      uncoveredYears: [],
    })
    expect(first?.questions.map((question) => [question.number, question.question, question.answer])).toEqual(
      [
        [1, '包装能否改进？', '已改用加厚纸箱。'],
        [2, '交货期能否缩短？', '可以缩短到 5 天。'],
        [undefined, '没有序号的问题', ''],
      ],
    )
    expect(second?.questions).toEqual([])
  })

  it('a 序号 repeated within one visit is a DATA_INVALID finding', async () => {
    const { report } = await check([visit({ 走访日期: d('2025-09-26') })], '2025-09-27', [
      { 走访编号: 'ZF-1', 序号: 1, 问题: '甲' },
      { 走访编号: 'ZF-1', 序号: 1, 问题: '乙' },
    ])
    expect(report.findings).toMatchObject([{ sheet: QUESTIONS, row: 3, code: 'DATA_INVALID' }])
    expect(report.findings[0]?.message).toContain('与第 2 行重复')
  })

  it('readVisits is undefined for a workbook without 客户走访记录', () => {
    expect(readVisits(createContext(new MemoryWorkbook(), '2025-10-01' as IsoDate))).toBeUndefined()
  })
})
