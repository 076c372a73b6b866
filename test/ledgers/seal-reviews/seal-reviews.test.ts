/** 封样评审 as 封样件管理规定 / 封样件管理办法 5.1–5.3 read: a table of reviews and the findings they raise. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { demoRows } from '../../../src/app/demo'
import { runInit } from '../../../src/app/init'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import { d, type Row, sample, sampleWorkbook, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const SEALS = TEMPLATES.sealReviews.name
const SAMPLES = TEMPLATES.samples.name
const HEAVY = 60_000

/** A passed review with every report and both signatures, notified a week ahead, no trial. */
function review(fields: Row = {}): Row {
  return {
    申请编号: 'FY-1',
    零件号: 'QM-1',
    零件名称: '座椅滑轨',
    通知时间: '2026-02-24 09:00',
    评审时间: '2026-03-03 09:00',
    需试装: '否',
    小批试制评审单: '有',
    性能实验报告: '有',
    第三方检测报告: '有',
    电器件检测报告: '不适用',
    研发签字: '周强',
    品管签字: '孙丽',
    结论: '通过',
    ...fields,
  }
}

function sealWorkbook(reviews: readonly Row[], extra: Record<string, Cell[][]> = {}): MemoryWorkbook {
  return new MemoryWorkbook({ [SEALS]: tab(TEMPLATES.sealReviews, reviews), ...extra })
}

function parameters(rows: Record<string, Cell>): Record<string, Cell[][]> {
  return {
    [TEMPLATES.parameters.name]: tab(
      TEMPLATES.parameters,
      Object.entries(rows).map(([name, value]) => ({ 参数: name, 值: value })),
    ),
  }
}

async function check(book: MemoryWorkbook, today = '2026-03-03') {
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  const seals = report.findings.filter((finding) => finding.sheet === SEALS)
  return { book, report, seals, codes: seals.map((finding) => finding.code) }
}

async function codesOf(reviews: readonly Row[], today = '2026-03-03', extra = {}) {
  return (await check(sealWorkbook(reviews, extra), today)).codes
}

describe('SEAL_NOTICE_TOO_LATE: notified at least half a working day (4 working hours) ahead (5.1.2)', () => {
  const LATE = ['SEAL_NOTICE_TOO_LATE']
  it.each([
    ['2026-03-03 13:30', '2026-03-03 17:30', [], 'exactly 4 working hours'],
    ['2026-03-03 13:31', '2026-03-03 17:30', LATE, 'one minute short'],
    ['2026-03-03 10:00', '2026-03-03 15:30', [], 'across lunch: 2 h + 2 h'],
    ['2026-03-03 10:01', '2026-03-03 15:30', LATE, 'across lunch, a minute short'],
    ['2026-03-02 17:00', '2026-03-03 09:00', LATE, '17:00 for 09:00 the next working day: 1 h'],
    ['2026-03-02 12:00', '2026-03-03 08:30', [], 'a whole afternoon before'],
    ['2026-03-06 15:30', '2026-03-09 10:30', [], 'Friday to Monday: the weekend is not counted'],
    ['2026-03-06 15:31', '2026-03-09 10:30', LATE, 'Friday to Monday, a minute short'],
    ['2026-02-13 16:30', '2026-02-14 11:30', [], 'Friday to the make-up Saturday 2026-02-14 (调休上班)'],
    ['2026-02-13 16:31', '2026-02-14 11:30', LATE, 'to the make-up Saturday, a minute short'],
    ['2026-03-06 16:30', '2026-03-07 11:30', LATE, 'an ordinary Saturday is not worked'],
    ['2026-09-30 13:30', '2026-10-08 08:30', [], 'before National Day: 10-01 to 10-07 are not worked'],
    ['2026-09-30 14:00', '2026-10-08 08:30', LATE, 'before National Day: 3.5 working hours'],
  ])('notified %s for a review at %s → %j (%s)', async (notice, reviewed, expected, why) => {
    const codes = await codesOf([review({ 通知时间: notice, 评审时间: reviewed })], '2026-01-01')
    expect(codes, why).toEqual(expected)
  })

  it('says how early the notice came and how early it should have come', async () => {
    const { seals } = await check(
      sealWorkbook([review({ 通知时间: '2026-03-02 17:00', 评审时间: '2026-03-03 09:00' })]),
    )
    expect(seals).toEqual([
      expect.objectContaining({
        row: 2,
        key: 'FY-1',
        severity: 'warning',
        due: '2026-03-03',
        message: expect.stringMatching(/2026-03-02 17:00.*1 小时.*4 小时/),
      }),
    ])
  })

  it('counts the company days of the 节假日 tab', async () => {
    const holidays = {
      [TEMPLATES.holidays.name]: tab(TEMPLATES.holidays, [
        { 日期: d('2026-03-07'), 类型: '上班', 说明: '加班' },
      ]),
    }
    const reviewed = review({ 通知时间: '2026-03-06 16:30', 评审时间: '2026-03-07 11:30' })
    expect(await codesOf([reviewed], '2026-01-01', holidays)).toEqual([])
  })

  it('follows the parameters: hours ahead and the working hours', async () => {
    const reviewed = review({ 通知时间: '2026-03-03 13:30', 评审时间: '2026-03-03 17:30' })
    expect(await codesOf([reviewed], '2026-01-01', parameters({ '封样通知提前(工作小时)': 5 }))).toEqual([
      'SEAL_NOTICE_TOO_LATE',
    ])
    // Afternoon from 14:00: 13:30–17:30 is 3.5 working hours.
    expect(await codesOf([reviewed], '2026-01-01', parameters({ '下午上班(时分)': 1400 }))).toEqual([
      'SEAL_NOTICE_TOO_LATE',
    ])
  })

  it('working hours out of order are a DATA_INVALID finding on 参数, and the defaults stay in force', async () => {
    const reviewed = review({ 通知时间: '2026-03-03 13:30', 评审时间: '2026-03-03 17:30' })
    const { report, codes } = await check(
      sealWorkbook([reviewed], parameters({ '上午下班(时分)': 1400 })),
      '2026-01-01',
    )
    expect(codes).toEqual([])
    const invalid = report.findings.filter((finding) => finding.sheet === TEMPLATES.parameters.name)
    expect(invalid).toEqual([
      expect.objectContaining({
        code: 'DATA_INVALID',
        row: 2,
        message: expect.stringContaining('8:30–12:00、13:30–17:30'),
      }),
    ])
  })

  it('working hours out of order name the row that overrides them, not a row that is not in force', async () => {
    const reviewed = review({ 通知时间: '2026-03-03 13:30', 评审时间: '2026-03-03 17:30' })
    // 上午上班 is not a number: its row keeps the default 8:30 in force. 上午下班 (full-width
    // brackets) is 14:00, after 下午上班: that row makes the set out of order.
    const { report } = await check(
      sealWorkbook([reviewed], parameters({ '上午上班(时分)': '8点', '上午下班（时分）': 1400 })),
      '2026-01-01',
    )
    const invalid = report.findings.filter((finding) => finding.sheet === TEMPLATES.parameters.name)
    expect(
      invalid.map((finding) => [
        finding.row,
        finding.message.match(/^第 \d+ 行 B 列“值”(?:的值“[^”]*”|：工作时间)/)?.[0],
      ]),
    ).toEqual([
      [2, '第 2 行 B 列“值”的值“8点”'],
      [3, '第 3 行 B 列“值”：工作时间'],
    ])
  })
})

describe('SEAL_TRIAL_OVERDUE: a trial assembly within a day (规定 5.1.3) or 90 minutes (办法 5.1.3)', () => {
  const OVERDUE = ['SEAL_TRIAL_OVERDUE']
  it.each([
    [{ 试装完成时间: '2026-03-04 09:00' }, '2026-03-10', [], 'finished exactly one day after'],
    [{ 试装完成时间: '2026-03-04 09:01' }, '2026-03-10', OVERDUE, 'a minute over'],
    [{ 试装完成时间: '2026-03-03 09:00' }, '2026-03-10', [], 'finished at the review'],
    [{}, '2026-03-04', [], 'open, and the day is not over at the start of the next day'],
    [{}, '2026-03-05', OVERDUE, 'still open the day after the deadline'],
    [{ 需试装: '否' }, '2026-03-10', [], 'no trial needed'],
  ])('%j on %s → %j (%s)', async (fields, today, expected, _why) => {
    expect(await codesOf([review({ 需试装: '是', ...fields })], today)).toEqual(expected)
  })

  it.each([
    ['2026-03-03 10:30', []],
    ['2026-03-03 10:31', OVERDUE],
  ])('试装时限(分钟) 90 (封样件管理办法): finished %s → %j', async (finished, expected) => {
    const reviewed = review({ 需试装: '是', 试装完成时间: finished })
    expect(await codesOf([reviewed], '2026-03-10', parameters({ '试装时限(分钟)': 90 }))).toEqual(expected)
  })

  it('names the deadline and when the trial finished', async () => {
    const { seals } = await check(
      sealWorkbook([review({ 需试装: '是', 试装完成时间: '2026-03-05 08:00' })]),
      '2026-03-10',
    )
    expect(seals[0]?.message).toContain('2026-03-04 09:00')
    expect(seals[0]?.message).toContain('2026-03-05 08:00')
    expect(seals[0]?.due).toBe('2026-03-04')
  })
})

describe('SEAL_INCOMPLETE: a passed review with every report and both signatures (5.2)', () => {
  it.each([
    ['小批试制评审单', '无'],
    ['性能实验报告', '无'],
    ['第三方检测报告', '无'],
    ['电器件检测报告', '无'],
    ['性能实验报告', null],
    ['研发签字', null],
    ['品管签字', null],
    ['品管签字', '  '],
  ])('%s = %j → SEAL_INCOMPLETE naming it', async (header, value) => {
    const { seals } = await check(sealWorkbook([review({ [header]: value })]))
    expect(seals.map((finding) => finding.code)).toEqual(['SEAL_INCOMPLETE'])
    expect(seals[0]?.message).toContain(header)
    expect(seals[0]?.severity).toBe('error')
  })

  it.each([
    [{}, 'everything there'],
    [{ 小批试制评审单: '不适用', 性能实验报告: '不适用', 第三方检测报告: '不适用' }, '不适用 is fine'],
    [{ 结论: '整改', 性能实验报告: '无', 研发签字: null, 整改完成日期: d('2026-03-04') }, 'not passed'],
    [{ 结论: null, 品管签字: null }, 'no conclusion yet'],
  ])('%j → nothing (%s)', async (fields, _why) => {
    expect(await codesOf([review(fields)])).toEqual([])
  })

  it('lists everything that is missing in one finding', async () => {
    const { seals } = await check(
      sealWorkbook([review({ 性能实验报告: '无', 研发签字: null, 品管签字: null })]),
    )
    expect(seals).toHaveLength(1)
    expect(seals[0]?.message).toContain('性能实验报告（无）、研发签字、品管签字')
  })
})

describe('SEAL_RECTIFICATION_OPEN: 整改 without 整改完成日期 after 30 days (parameter)', () => {
  const open = review({ 结论: '整改', 问题点: '焊点飞溅' })
  it.each([
    ['2026-04-02', []],
    ['2026-04-03', ['SEAL_RECTIFICATION_OPEN']],
  ])('reviewed 2026-03-03, today %s → %j', async (today, expected) => {
    expect(await codesOf([open], today)).toEqual(expected)
  })

  it('is done once 整改完成日期 is filled in, and follows 封样整改期限(天)', async () => {
    expect(await codesOf([{ ...open, 整改完成日期: d('2026-03-20') }], '2026-06-01')).toEqual([])
    expect(await codesOf([open], '2026-03-14', parameters({ '封样整改期限(天)': 10 }))).toEqual([
      'SEAL_RECTIFICATION_OPEN',
    ])
    const { seals } = await check(sealWorkbook([open]), '2026-04-03')
    expect(seals[0]?.due).toBe('2026-04-02')
  })
})

describe('SEAL_SAMPLE_MISSING: a passed review needs its 封样样件 in 样件台账', () => {
  const sealed = sample({ 样件编号: 'YJ-9', 零件号: 'QM-1', 样件性质: '封样样件' })
  async function withSamples(samples: readonly Row[], reviews: readonly Row[] = [review()]) {
    const book = sampleWorkbook(samples, [], { [SEALS]: tab(TEMPLATES.sealReviews, reviews) })
    return (await check(book)).codes
  }

  it.each([
    [[sealed], [], 'registered'],
    [[{ ...sealed, 状态: '失效' }], [], 'registered, whatever its status'],
    [[{ ...sealed, 零件号: ' ｑｍ-1 ' }], [], 'the same part number typed differently'],
    [[{ ...sealed, 样件性质: '临时样件' }], ['SEAL_SAMPLE_MISSING'], 'only a temporary sample'],
    [[{ ...sealed, 零件号: 'QM-2' }], ['SEAL_SAMPLE_MISSING'], 'a sealed sample of another part'],
    [[], ['SEAL_SAMPLE_MISSING'], 'an empty 样件台账'],
  ])('%j → %j (%s)', async (samples, expected, _why) => {
    expect(await withSamples(samples)).toEqual(expected)
  })

  it('asks nothing of a review not passed, or of a workbook without 样件台账', async () => {
    expect(await withSamples([], [review({ 结论: '整改', 整改完成日期: d('2026-03-03') })])).toEqual([])
    expect(await codesOf([review()])).toEqual([])
  })
})

describe('bad input: DATA_INVALID naming tab, row and column; the rest still checked', () => {
  it.each([
    [{ 评审时间: d('2026-03-03') }, 'F 列“评审时间”', '没有时刻'],
    [{ 评审时间: '2026-03-03' }, 'F 列“评审时间”', '没有时刻'],
    [{ 通知时间: '2026-02-24' }, 'E 列“通知时间”', '没有时刻'],
    [{ 需试装: '是', 试装完成时间: '2026-03-03 08:00' }, 'H 列“试装完成时间”', '早于评审时间'],
    [{ 性能实验报告: '送检中' }, 'J 列“性能实验报告”', '有、无、不适用'],
    [{ 通知时间: '2026-03-04 09:00' }, 'E 列“通知时间”', '晚于评审时间'],
  ])('%j', async (fields, where, what) => {
    const { seals } = await check(sealWorkbook([review(fields)]), '2026-03-10')
    expect(seals).toEqual([
      expect.objectContaining({ code: 'DATA_INVALID', row: 2, key: 'FY-1', severity: 'error' }),
    ])
    expect(seals[0]?.message).toContain(`第 2 行 ${where}`)
    expect(seals[0]?.message).toContain(what)
  })

  it('a duplicate 申请编号, and the other rows and rules still checked', async () => {
    const { seals, book } = await check(
      sealWorkbook([
        review({ 评审时间: '2026-03-03' }),
        review({ 性能实验报告: '无' }),
        review({ 申请编号: 'FY-2', 性能实验报告: '无', 通知时间: '2026-03-03 08:00' }),
      ]),
    )
    expect(seals.map((finding) => [finding.row, finding.code])).toEqual(
      expect.arrayContaining([
        [2, 'DATA_INVALID'],
        [3, 'DATA_INVALID'],
        [3, 'SEAL_INCOMPLETE'],
        [4, 'SEAL_INCOMPLETE'],
        [4, 'SEAL_NOTICE_TOO_LATE'],
      ]),
    )
    expect(seals).toHaveLength(5)
    expect(seals.find((finding) => finding.row === 3 && finding.code === 'DATA_INVALID')?.message).toContain(
      '重复',
    )
    // The error's label comes first, whatever order the rules ran in.
    expect(book.cell(SEALS, 4, '提醒')).toBe('【错误】资料不全；通知过晚')
  })

  it('a trial whose time cannot be read is not reported as open', async () => {
    expect(await codesOf([review({ 需试装: '是', 试装完成时间: '下午' })], '2026-03-10')).toEqual([
      'DATA_INVALID',
    ])
  })
})

describe.each([
  '2026-11-28', // a Saturday
  '2026-03-02', // a Monday
  '2025-10-01', // National Day
  '2026-02-16', // Spring Festival
])('the demo made and checked on %s', (date) => {
  it(
    'shows every SEAL_* finding once and SAMPLE_TEMPORARY_SUPERSEDED',
    async () => {
      const today = date as IsoDate
      const book = new MemoryWorkbook()
      runInit(book, { actor: 'test', today, seedRows: demoRows(today) })
      const report = await runCheck(book, { today, actor: 'test' })
      const seals = report.findings.filter((finding) => finding.sheet === SEALS)
      const byCode = (code: string) => seals.filter((finding) => finding.code === code).map((f) => f.key)
      expect(byCode('SEAL_NOTICE_TOO_LATE')).toEqual(['FY-002'])
      expect(byCode('SEAL_TRIAL_OVERDUE').sort()).toEqual(['FY-003', 'FY-004'])
      expect(byCode('SEAL_INCOMPLETE')).toEqual(['FY-005'])
      expect(byCode('SEAL_SAMPLE_MISSING')).toEqual(['FY-006'])
      expect(byCode('SEAL_RECTIFICATION_OPEN')).toEqual(['FY-007'])
      expect(byCode('DATA_INVALID').sort()).toEqual(['FY-001', 'FY-009', 'FY-010', 'FY-011'])
      const superseded = report.findings.filter((finding) => finding.code === 'SAMPLE_TEMPORARY_SUPERSEDED')
      expect(superseded).toHaveLength(1)
      expect(book.cell(SAMPLES, superseded[0]?.row ?? 0, '提醒')).toContain('临时样件应停用')
    },
    HEAVY,
  )
})
