import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { UnusableTabError } from '../../../src/core/table'
import { d, type Row, sample, sampleWorkbook, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const SHEET = TEMPLATES.samples.name

async function check(samples: Row[], inspections: Row[] = [], today = '2026-11-28', extra = {}) {
  const workbook = sampleWorkbook(samples, inspections, extra)
  const report = await runCheck(workbook, { today: today as IsoDate, actor: 'test' })
  return {
    workbook,
    report,
    codes: report.findings
      .filter((f) => f.sheet === SHEET)
      .map((f) => f.code)
      .sort(),
  }
}

describe('有效期至 by material (标准样件管理规定 4.3, 样件管理规范 5.2.3)', () => {
  it.each([
    ['冲压件', '2026-01-15', '2027-01-15'],
    ['标准件', '2026-01-15', '2027-01-15'],
    ['塑料件', '2026-01-15', '2026-07-15'],
    ['橡胶件', '2026-01-15', '2026-04-15'],
    ['其他', '2026-01-15', '2027-01-15'],
    // months clamp to the month's end
    ['塑料件', '2026-05-31', '2026-11-30'],
    ['橡胶件', '2025-11-30', '2026-02-28'],
    ['冲压件', '2024-02-29', '2025-02-28'],
  ])('%s confirmed %s is valid until %s', async (material, confirmed, expected) => {
    const { workbook } = await check(
      [sample({ 材料类别: material, 确认日期: d(confirmed) })],
      [],
      '2020-01-01',
    )
    expect(workbook.cell(SHEET, 2, '有效期至')).toEqual(d(expected))
  })

  it('an explicit 有效期(月) overrides the material', async () => {
    const { workbook } = await check([
      sample({ 材料类别: '橡胶件', 确认日期: d('2026-01-15'), '有效期(月)': 9 }),
    ])
    expect(workbook.cell(SHEET, 2, '有效期至')).toEqual(d('2026-10-15'))
  })

  it('a 参数 override changes the default for a material', async () => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '有效期(月)-塑料件', 值: '4' }])
    const { workbook } = await check(
      [sample({ 材料类别: '塑料件', 确认日期: d('2026-01-15') })],
      [],
      '2026-02-01',
      { [TEMPLATES.parameters.name]: parameters },
    )
    expect(workbook.cell(SHEET, 2, '有效期至')).toEqual(d('2026-05-15'))
  })
})

describe('expiry boundaries (SPEC §3: 有效期至 itself is still valid; window 30 days)', () => {
  // 冲压件 confirmed 2026-01-15 → 有效期至 2027-01-15; calibration lies beyond by giving a later one.
  const expiring = (fields: Row = {}) =>
    sample({ 确认日期: d('2026-01-15'), 上次校准日期: d('2026-12-31'), ...fields })
  it.each([
    ['2026-12-15', []], // 31 days before: outside the window
    ['2026-12-16', ['SAMPLE_EXPIRING']], // 30 days before
    ['2027-01-15', ['SAMPLE_EXPIRING']], // the day itself
    ['2027-01-16', ['SAMPLE_EXPIRED']], // the day after
  ])('on %s → %j', async (today, codes) => {
    expect((await check([expiring()], [], today)).codes).toEqual(codes)
  })

  it.each(['失效', '已销毁'])(
    'a sample marked %s raises no expiry or calibration finding',
    async (status) => {
      expect((await check([sample({ 确认日期: d('2020-01-01'), 状态: status })])).codes).toEqual([])
    },
  )

  it('an isolated (隔离) sample still expires', async () => {
    const { codes } = await check([expiring({ 状态: '隔离' })], [], '2027-01-16')
    expect(codes).toEqual(['SAMPLE_EXPIRED'])
  })

  it('the window follows the 提前提醒天数 parameter', async () => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '提前提醒天数', 值: 10 }])
    const extra = { [TEMPLATES.parameters.name]: parameters }
    expect((await check([expiring()], [], '2027-01-04', extra)).codes).toEqual([])
    expect((await check([expiring()], [], '2027-01-05', extra)).codes).toEqual(['SAMPLE_EXPIRING'])
  })

  it('the finding carries the due date and says how many days are left', async () => {
    const { report } = await check([expiring()], [], '2027-01-05')
    const [finding] = report.findings
    expect(finding).toMatchObject({
      sheet: SHEET,
      row: 2,
      key: 'YJ-1',
      severity: 'warning',
      due: '2027-01-15',
    })
    expect(finding?.message).toContain('还剩 10 天')
    const onTheDay = await check([expiring()], [], '2027-01-15')
    expect(onTheDay.report.findings[0]?.message).toContain('今天到期')
  })
})

describe('calibration (样件管理办法 4.3.3: yearly; newest 合格 inspection)', () => {
  // A long validity keeps expiry out of the way.
  const calibrated = (fields: Row = {}) => sample({ 确认日期: d('2025-01-10'), '有效期(月)': 60, ...fields })
  const pass = (date: string, id = 'JY-1') => ({
    记录编号: id,
    样件编号: 'YJ-1',
    检验日期: d(date),
    检验结果: '合格',
  })
  const fail = (date: string, id = 'JY-2') => ({
    记录编号: id,
    样件编号: 'YJ-1',
    检验日期: d(date),
    检验结果: '不合格',
  })

  it.each([
    ['never calibrated: one cycle after 确认日期', [], {}, '2026-01-10'],
    ['上次校准日期 typed in the ledger', [], { 上次校准日期: d('2025-06-30') }, '2026-06-30'],
    ['newest 合格 inspection', [pass('2025-03-01'), pass('2025-08-31', 'JY-3')], {}, '2026-08-31'],
    [
      'the later of the column and the records',
      [pass('2025-08-31')],
      { 上次校准日期: d('2025-09-15') },
      '2026-09-15',
    ],
    ['a failed inspection is not a calibration', [pass('2025-03-01'), fail('2025-09-01')], {}, '2026-03-01'],
    ['校准周期(月) of the row', [pass('2025-08-31')], { '校准周期(月)': 6 }, '2026-02-28'],
  ])('%s', async (_, inspections, fields, expected) => {
    const { workbook } = await check([calibrated(fields)], inspections, '2025-09-20')
    expect(workbook.cell(SHEET, 2, '下次校准日期')).toEqual(d(expected))
  })

  it.each([
    ['2026-07-31', []],
    ['2026-08-01', ['SAMPLE_CALIBRATION_DUE']],
    ['2026-08-31', ['SAMPLE_CALIBRATION_DUE']],
    ['2026-09-01', ['SAMPLE_CALIBRATION_OVERDUE']],
  ])('next calibration 2026-08-31, on %s → %j', async (today, codes) => {
    expect((await check([calibrated()], [pass('2025-08-31')], today)).codes).toEqual(codes)
  })

  it('a 校准周期(月) parameter changes the default cycle', async () => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '校准周期(月)', 值: '3' }])
    const { workbook } = await check([calibrated()], [pass('2025-08-31')], '2025-09-01', {
      [TEMPLATES.parameters.name]: parameters,
    })
    expect(workbook.cell(SHEET, 2, '下次校准日期')).toEqual(d('2025-11-30'))
  })
})

describe('failed inspection (样件管理办法 4.2.3; 标准样件管理规定 5/6)', () => {
  const inUse = (fields: Row = {}) => sample({ 确认日期: d('2026-06-01'), ...fields })
  const record = (id: string, date: string, result: string) => ({
    记录编号: id,
    样件编号: 'YJ-1',
    检验日期: d(date),
    检验结果: result,
  })

  it.each([
    [
      'newest record failed',
      [record('A', '2026-09-01', '合格'), record('B', '2026-10-01', '不合格')],
      {},
      true,
    ],
    [
      'a later 合格 clears it',
      [record('A', '2026-10-01', '不合格'), record('B', '2026-10-20', '合格')],
      {},
      false,
    ],
    [
      'the same day: the failure stands',
      [record('A', '2026-10-01', '合格'), record('B', '2026-10-01', '不合格')],
      {},
      true,
    ],
    ['isolated (隔离) as required', [record('A', '2026-10-01', '不合格')], { 状态: '隔离' }, false],
    ['marked 失效', [record('A', '2026-10-01', '不合格')], { 状态: '失效' }, false],
    [
      'records out of order in the tab',
      [record('B', '2026-10-01', '不合格'), record('A', '2026-09-01', '合格')],
      {},
      true,
    ],
  ])('%s', async (_, inspections, fields, flagged) => {
    const { codes, report } = await check([inUse(fields)], inspections)
    expect(codes.includes('SAMPLE_INSPECTION_FAILED')).toBe(flagged)
    if (flagged)
      expect(report.findings.find((f) => f.code === 'SAMPLE_INSPECTION_FAILED')?.message).toContain(
        '2026-10-01',
      )
  })

  it('an inspection of an unknown sample or dated after today is a DATA_INVALID on 样件检验记录', async () => {
    const { report, codes } = await check(
      [inUse()],
      [
        { 记录编号: 'X', 样件编号: 'YJ-404', 检验日期: d('2026-10-01'), 检验结果: '不合格' },
        { 记录编号: 'Y', 样件编号: 'YJ-1', 检验日期: d('2026-12-01'), 检验结果: '不合格' },
      ],
    )
    expect(codes).toEqual([])
    const problems = report.findings.filter((f) => f.sheet === TEMPLATES.inspections.name)
    expect(problems.map((f) => [f.row, f.code])).toEqual([
      [2, 'DATA_INVALID'],
      [3, 'DATA_INVALID'],
    ])
    expect(problems[0]?.message).toMatch(/第 2 行 B 列“样件编号”的值“YJ-404”/)
    expect(problems[1]?.message).toMatch(/第 3 行 C 列“检验日期”.*晚于今天/)
  })
})

describe('temporary samples (临时样件: a stop-gap until tooling is accepted)', () => {
  it.each([
    ['临时样件', '2026-08-30', []], // 90 days
    ['临时样件', '2026-08-29', ['SAMPLE_TEMPORARY_TOO_LONG']], // 91 days
    ['封样样件', '2026-01-01', []],
  ])('%s confirmed %s', async (nature, confirmed, codes) => {
    const { codes: found } = await check([
      sample({ 样件性质: nature, 确认日期: d(confirmed), '有效期(月)': 24 }),
    ])
    expect(found).toEqual(codes)
  })
})

describe('bad input never stops the other rows', () => {
  it('bad cells are DATA_INVALID findings and the good rows are still checked', async () => {
    const { report, workbook } = await check([
      sample({ 样件编号: 'A', 确认日期: '2026-13-45' }),
      sample({ 样件编号: 'B', 材料类别: '铝件' }),
      sample({ 样件编号: 'A', 确认日期: d('2020-01-01') }),
      sample({ 样件编号: 'C', 确认日期: d('2020-01-01') }),
    ])
    const byRow = report.findings.map((f) => [f.row, f.code])
    expect(byRow).toContainEqual([2, 'DATA_INVALID'])
    expect(byRow).toContainEqual([3, 'DATA_INVALID'])
    expect(byRow).toContainEqual([4, 'DATA_INVALID'])
    expect(byRow).toContainEqual([5, 'SAMPLE_EXPIRED'])
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】数据有误')
    expect(workbook.cell(SHEET, 2, '有效期至')).toBeNull()
    // an unknown material still gets the general one-year validity: flagged, never silently skipped
    expect(workbook.cell(SHEET, 3, '有效期至')).toEqual(d('2027-01-15'))
  })

  it('formula-like text is carried as text into messages and 提醒汇总', async () => {
    const name = '=HYPERLINK("http://x","y")'
    const { workbook } = await check([sample({ 样件名称: name, 确认日期: d('2020-01-01') })])
    const alerts = workbook.tabs.get(TEMPLATES.alerts.name) ?? []
    const message = TEMPLATES.alerts.columns.findIndex((column) => column.header === '说明')
    expect(alerts.some((row) => String(row[message]).includes(name))).toBe(true)
  })

  it('a missing user header makes the tab unusable, naming tab and header', async () => {
    const header = TEMPLATES.samples.columns.map((c) => c.header).filter((h) => h !== '确认日期')
    const workbook = new MemoryWorkbook({
      [SHEET]: tab(TEMPLATES.samples, [sample()], header),
      [TEMPLATES.inspections.name]: tab(TEMPLATES.inspections, []),
    })
    const run = runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test' })
    await expect(run).rejects.toThrow(UnusableTabError)
    await expect(run).rejects.toThrow(/样件台账.*确认日期/)
  })

  it('a workbook without 样件检验记录 is unusable', async () => {
    const workbook = new MemoryWorkbook({ [SHEET]: tab(TEMPLATES.samples, [sample()]) })
    await expect(runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test' })).rejects.toThrow(
      /样件检验记录/,
    )
  })

  it('a workbook with no ledger at all is unusable', async () => {
    await expect(
      runCheck(new MemoryWorkbook({ Sheet1: [['a']] }), { today: '2026-11-28' as IsoDate, actor: 't' }),
    ).rejects.toThrow(UnusableTabError)
  })
})

describe('what the check writes', () => {
  const rows = [
    sample({ 样件编号: 'A', 确认日期: d('2020-01-01') }),
    sample({ 样件编号: 'B', 确认日期: d('2026-11-01') }),
  ]

  it('writes only the owned columns, in reordered tabs with the user’s extra columns', async () => {
    const header = ['备注（自用）', ...TEMPLATES.samples.columns.map((c) => c.header).reverse()]
    const userRows = rows.map((row, i) => ({ ...row, '备注（自用）': `note ${i}` }))
    const workbook = new MemoryWorkbook({
      [SHEET]: tab(TEMPLATES.samples, userRows, header),
      [TEMPLATES.inspections.name]: tab(TEMPLATES.inspections, []),
    })
    const before = structuredClone(workbook.tabs.get(SHEET))
    await runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test' })
    const after = workbook.tabs.get(SHEET) ?? []
    const owned = new Set(['有效期至', '下次校准日期', '提醒'])
    header.forEach((h, column) => {
      if (owned.has(h)) return
      expect(after.map((row) => row[column])).toEqual(before?.map((row) => row[column]))
    })
    expect(workbook.cell(SHEET, 2, '有效期至')).toEqual(d('2021-01-01'))
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】已过期；校准逾期')
    expect(workbook.cell(SHEET, 3, '提醒')).toBeNull()
  })

  it('a second run on the same day leaves the same workbook, log aside', async () => {
    const workbook = sampleWorkbook(rows)
    const options = { today: '2026-11-28' as IsoDate, actor: 'test' }
    await runCheck(workbook, options)
    const first = structuredClone(Object.fromEntries(workbook.tabs))
    await runCheck(workbook, options)
    const second = Object.fromEntries(workbook.tabs)
    for (const name of Object.keys(first)) {
      if (name === TEMPLATES.log.name) continue
      expect(second[name]).toEqual(first[name])
    }
    expect(second[TEMPLATES.log.name]).toHaveLength(3)
  })

  it('clears a stale 提醒 once the problem is fixed', async () => {
    const workbook = sampleWorkbook([sample({ 确认日期: d('2020-01-01') })])
    const options = { today: '2026-11-28' as IsoDate, actor: 'test' }
    await runCheck(workbook, options)
    expect(workbook.cell(SHEET, 2, '提醒')).not.toBeNull()
    const rowsOfTab = workbook.tabs.get(SHEET) ?? []
    const column = rowsOfTab[0]?.indexOf('确认日期') ?? -1
    const row = rowsOfTab[1]
    if (row) row[column] = d('2026-11-01')
    await runCheck(workbook, options)
    expect(workbook.cell(SHEET, 2, '提醒')).toBeNull()
    expect(workbook.tabs.get(TEMPLATES.alerts.name)).toHaveLength(1)
  })

  it('--dry-run writes nothing', async () => {
    const workbook = sampleWorkbook(rows)
    const before = structuredClone(Object.fromEntries(workbook.tabs))
    const report = await runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test', dryRun: true })
    expect(report.findings.length).toBeGreaterThan(0)
    expect(Object.fromEntries(workbook.tabs)).toEqual(before)
    expect(workbook.writes).toEqual([])
  })

  it('writes each owned column block, 提醒汇总 and the log once', async () => {
    const workbook = sampleWorkbook(rows)
    await runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test' })
    expect(workbook.writes).toEqual([
      `columns:${SHEET}`,
      `replace:${TEMPLATES.alerts.name}`,
      `append:${TEMPLATES.log.name}`,
    ])
    const log = workbook.tabs.get(TEMPLATES.log.name)?.[1]
    expect(log?.[1]).toBe('检查（截至 2026-11-28）')
    expect(log?.[2]).toBe('test')
  })
})
