import { describe, expect, it } from 'vitest'
import { d } from '../../support/ledger-builder'
import { at, checkLeads, LEADS, lead, parameters } from './support'

describe('a report is timely 1 hour (本地) or 24 hours (异地) before the visit (分销商客户管理规定 2)', () => {
  it.each([
    ['本地', '2026-03-01 11:00', '有效：归甲，保护至 2026-04-15', []],
    [
      '本地',
      '2026-03-01 10:59',
      '自然到访：报备只比到访早 59 分钟，本地客户须提前 1 小时报备',
      ['LEAD_NATURAL_VISIT'],
    ],
    [
      '本地',
      '2026-03-01 10:00',
      '自然到访：报备只比到访早 0 分钟，本地客户须提前 1 小时报备',
      ['LEAD_NATURAL_VISIT'],
    ],
    ['异地', '2026-03-02 10:00', '有效：归甲，保护至 2026-04-16', []],
    [
      '异地',
      '2026-03-02 09:59',
      '自然到访：报备只比到访早 23 小时 59 分钟，异地客户须提前 24 小时报备',
      ['LEAD_NATURAL_VISIT'],
    ],
  ])('%s, reported 2026-03-01 10:00, visited %s → %s', async (locality, visit, conclusion, codes) => {
    const { rows } = await checkLeads([lead({ 客户属地: locality, 到访时间: at(visit) })], '2026-03-02')
    expect(rows[0]?.conclusion).toBe(conclusion)
    expect(rows[0]?.codes).toEqual(codes)
    // a natural visit protects nothing
    if (codes.length > 0) expect(rows[0]?.until).toBeUndefined()
  })

  it('follows the lead-time parameters', async () => {
    const visit = lead({ 到访时间: at('2026-03-01 11:59') })
    const { rows } = await checkLeads([visit], '2026-03-02', parameters({ '本地报备提前(小时)': 2 }))
    expect(rows[0]?.codes).toEqual(['LEAD_NATURAL_VISIT'])
    const remote = lead({ 客户属地: '异地', 到访时间: at('2026-03-01 12:00') })
    const relaxed = await checkLeads([remote], '2026-03-02', parameters({ '异地报备提前(小时)': 2 }))
    expect(relaxed.rows[0]?.conclusion).toBe('有效：归甲，保护至 2026-04-15')
  })
})

describe('保护期至: 7 days from the day after the report, 45 from a visit, 90 for an approved bulk customer', () => {
  it.each([
    // unvisited: day 7 is the last protected day
    ['2026-03-04', '有效：归甲，保护至 2026-03-08', []],
    ['2026-03-05', '有效：归甲，保护至 2026-03-08', ['LEAD_PROTECTION_EXPIRING']],
    ['2026-03-08', '有效：归甲，保护至 2026-03-08', ['LEAD_PROTECTION_EXPIRING']],
    ['2026-03-09', '已过保护期：归甲的保护已于 2026-03-08 结束，尚未网签', ['LEAD_PROTECTION_EXPIRED']],
  ])('unvisited report of 2026-03-01, today %s → %s', async (today, conclusion, codes) => {
    const { rows, findings } = await checkLeads([lead()], today)
    expect(rows[0]).toEqual({ conclusion, until: '2026-03-08', codes })
    if (codes.includes('LEAD_PROTECTION_EXPIRING')) expect(findings[0]?.due).toBe('2026-03-08')
  })

  it('says how many days are left, and 今天到期 on the last day', async () => {
    const soon = await checkLeads([lead()], '2026-03-06')
    expect(soon.findings[0]?.message).toContain('保护期至 2026-03-08（还剩 2 天），尚未网签')
    const last = await checkLeads([lead()], '2026-03-08')
    expect(last.findings[0]?.message).toContain('（今天到期）')
  })

  it.each([
    ['2026-03-08 16:00', '2026-04-22', '有效：归甲，保护至 2026-04-22'], // the last protected day
    ['2026-03-09 09:00', '2026-03-08', '自然到访：报备保护已于 2026-03-08 结束，之后才到访'],
  ])('a visit on %s → 保护期至 %s', async (visit, until, conclusion) => {
    const { rows } = await checkLeads([lead({ 到访时间: at(visit) })], '2026-03-10')
    expect(rows[0]?.until).toBe(until)
    expect(rows[0]?.conclusion).toBe(conclusion)
  })

  it.each([
    ['是', '是', '2026-06-01', '有效：归甲，保护至 2026-06-01（大客户延期）'],
    ['是', '否', '2026-04-17', '有效：归甲，保护至 2026-04-17'],
    ['是', null, '2026-04-17', '有效：归甲，保护至 2026-04-17'],
    ['否', '是', '2026-04-17', '有效：归甲，保护至 2026-04-17'],
  ])('大客户 %s, 延期已批准 %s → 保护期至 %s', async (bulk, approved, until, conclusion) => {
    const visited = lead({ 到访时间: at('2026-03-03 14:00'), 大客户: bulk, 延期已批准: approved })
    const { rows } = await checkLeads([visited], '2026-03-10')
    expect(rows[0]).toEqual({ conclusion, until, codes: [] })
  })

  it('follows the day-count parameters', async () => {
    const extra = parameters({ '报备保护期(天)': 3, '到访保护期(天)': 30, '大客户延期(天)': 10 })
    const unvisited = await checkLeads([lead()], '2026-03-02', extra)
    expect(unvisited.rows[0]?.until).toBe('2026-03-04')
    const bulk = lead({ 到访时间: at('2026-03-03 14:00'), 大客户: '是', 延期已批准: '是' })
    const visited = await checkLeads([bulk], '2026-03-04', extra)
    expect(visited.rows[0]?.until).toBe('2026-04-12')
    const reminder = await checkLeads([lead()], '2026-03-03', parameters({ '保护期到期提醒(天)': 5 }))
    expect(reminder.rows[0]?.codes).toEqual(['LEAD_PROTECTION_EXPIRING'])
  })
})

describe('one customer (one phone number), one owner: the earliest valid report inside its protection', () => {
  const second = (fields = {}) => lead({ 报备编号: 'L-2', 分销商: '乙', ...fields })

  it.each([
    ['another distributor', '乙'],
    ['the same distributor', '甲'],
  ])(
    'a report by %s while the first protects is LEAD_DUPLICATE, naming the first',
    async (_, distributor) => {
      const { rows, findings } = await checkLeads(
        [
          lead({ 到访时间: at('2026-03-03 14:00') }),
          second({ 分销商: distributor, 报备时间: at('2026-03-02 09:00') }),
        ],
        '2026-03-10',
      )
      expect(rows[1]).toEqual({
        conclusion: '重复报备：已由报备 L-1（甲）保护至 2026-04-17',
        until: undefined,
        codes: ['LEAD_DUPLICATE'],
      })
      expect(rows[0]?.conclusion).toBe('有效：归甲，保护至 2026-04-17')
      const duplicate = findings.find((finding) => finding.code === 'LEAD_DUPLICATE')
      expect(duplicate?.message).toBe(
        `${distributor} 于 2026-03-02 09:00 报备的客户“张伟”（138****1234）是重复报备：该客户已由报备 L-1（甲）保护至 2026-04-17，本次报备不受保护`,
      )
    },
  )

  it.each([
    ['2026-03-08 23:59', 'duplicate'], // the first report's last protected day
    ['2026-03-09 00:01', 'valid'], // its protection has ended: valid again
  ])('a second report at %s after an unvisited one of 2026-03-01 is %s', async (time, kind) => {
    const { rows } = await checkLeads([lead(), second({ 报备时间: at(time) })], '2026-03-09')
    expect(rows[1]?.conclusion).toBe(
      kind === 'duplicate'
        ? '重复报备：已由报备 L-1（甲）保护至 2026-03-08'
        : '有效：归乙，保护至 2026-03-16',
    )
    expect(rows[1]?.until).toBe(kind === 'duplicate' ? undefined : '2026-03-16')
  })

  it('a duplicate protects nothing: a third report after the first protection ended is valid', async () => {
    const { rows } = await checkLeads(
      [
        lead(),
        second({ 报备时间: at('2026-03-07 10:00') }),
        second({ 报备编号: 'L-3', 分销商: '丙', 报备时间: at('2026-03-09 10:00') }),
      ],
      '2026-03-09',
    )
    expect(rows.map((row) => row.conclusion)).toEqual([
      '已过保护期：归甲的保护已于 2026-03-08 结束，尚未网签',
      '重复报备：已由报备 L-1（甲）保护至 2026-03-08',
      '有效：归丙，保护至 2026-03-16',
    ])
  })

  it('a late (natural-visit) report protects nothing: a later timely report owns the customer', async () => {
    const { rows } = await checkLeads(
      [
        lead({ 到访时间: at('2026-03-01 10:30') }),
        second({ 报备时间: at('2026-03-02 09:00'), 到访时间: at('2026-03-02 15:00') }),
      ],
      '2026-03-03',
    )
    expect(rows[0]?.codes).toEqual(['LEAD_NATURAL_VISIT'])
    expect(rows[1]?.conclusion).toBe('有效：归乙，保护至 2026-04-16')
  })

  it.each([
    ['+86 138-1234-1234'],
    ['１３８１２３４１２３４'],
    ['138 1234 1234'],
    ['0086 13812341234'],
    ['+86 １３８ １２３４ １２３４'],
  ])('%s is the same phone as 13812341234', async (phone) => {
    const { rows } = await checkLeads([lead(), second({ 客户电话: phone, 报备时间: at('2026-03-02 09:00') })])
    expect(rows[1]?.codes).toEqual(['LEAD_DUPLICATE'])
  })

  it('another phone number is another customer', async () => {
    const { rows } = await checkLeads([lead(), second({ 客户电话: '13812341235' })])
    expect(rows.map((row) => row.codes)).toEqual([[], []])
  })

  it('is decided by time, not row order; two reports in the same minute go by row', async () => {
    const first = lead()
    const later = second({ 报备时间: at('2026-03-02 09:00') })
    const { rows } = await checkLeads([later, first])
    expect(rows.map((row) => row.codes)).toEqual([['LEAD_DUPLICATE'], []])
    const tie = await checkLeads([second(), lead()])
    expect(tie.rows.map((row) => row.conclusion)).toEqual([
      '有效：归乙，保护至 2026-03-08',
      '重复报备：已由报备 L-2（乙）保护至 2026-03-08',
    ])
  })

  it('gives the same verdicts on every run', async () => {
    const leads = [lead({ 到访时间: at('2026-03-01 12:00') }), second({ 报备时间: at('2026-03-05 09:00') })]
    const once = await checkLeads(leads, '2026-03-10')
    const again = await checkLeads(leads, '2026-03-10')
    expect(again.rows).toEqual(once.rows)
  })
})

describe('佣金: a signing inside protection is paid in the month after it', () => {
  it.each([
    ['2026-04-17', '有效：归甲，佣金 2026-05 提报', []], // the last protected day
    ['2026-03-03', '有效：归甲，佣金 2026-04 提报', []],
    ['2026-04-18', '已过保护期：2026-04-18 网签时，归甲的保护已于 2026-04-17 结束，不计佣金', []],
  ])('visited 2026-03-03, signed %s → %s', async (signed, conclusion, codes) => {
    const { rows } = await checkLeads(
      [lead({ 到访时间: at('2026-03-03 14:00'), 网签日期: d(signed) })],
      '2026-05-20',
    )
    expect(rows[0]).toEqual({ conclusion, until: '2026-04-17', codes })
  })

  it('a December signing is paid in January of the next year', async () => {
    const { rows } = await checkLeads(
      [
        lead({
          报备时间: at('2026-11-20 10:00'),
          到访时间: at('2026-11-21 10:00'),
          网签日期: d('2026-12-31'),
        }),
      ],
      '2027-01-05',
    )
    expect(rows[0]?.conclusion).toBe('有效：归甲，佣金 2027-01 提报')
  })

  it('a duplicate or a natural visit earns nothing even when signed', async () => {
    const { rows } = await checkLeads(
      [
        lead({ 到访时间: at('2026-03-01 10:30'), 网签日期: d('2026-03-05') }),
        lead({ 报备编号: 'L-2', 客户电话: '13900001111', 到访时间: at('2026-03-01 12:00') }),
        lead({
          报备编号: 'L-3',
          分销商: '乙',
          客户电话: '13900001111',
          报备时间: at('2026-03-01 11:00'),
          网签日期: d('2026-03-05'),
        }),
      ],
      '2026-03-10',
    )
    expect(rows.map((row) => row.conclusion)).toEqual([
      '自然到访：报备只比到访早 30 分钟，本地客户须提前 1 小时报备',
      '有效：归甲，保护至 2026-04-15',
      '重复报备：已由报备 L-2（甲）保护至 2026-04-15',
    ])
  })
})

describe('bad input is DATA_INVALID naming tab, row and column; the rest is still decided', () => {
  const good = () => lead({ 报备编号: 'L-9', 客户电话: '13900009999' })

  it.each([
    ['报备时间 without a time (a date cell)', { 报备时间: d('2026-03-01') }, 'E', '报备时间'],
    ['报备时间 typed without a time', { 报备时间: '2026-03-01' }, 'E', '报备时间'],
    ['到访时间 without a time', { 到访时间: '2026/3/2' }, 'G', '到访时间'],
    ['到访时间 as a serial without a fraction', { 到访时间: 46_083 }, 'G', '到访时间'],
    ['a visit before its report', { 到访时间: at('2026-03-01 09:00') }, 'G', '到访时间'],
    ['an unknown 客户属地', { 客户属地: '外地' }, 'F', '客户属地'],
    ['no 客户属地', { 客户属地: null }, 'F', '客户属地'],
    ['a 10-digit mobile', { 客户电话: '1381234123' }, 'D', '客户电话'],
    ['a 12-digit mobile', { 客户电话: '138123412345' }, 'D', '客户电话'],
    ['a number without area code', { 客户电话: '62345678' }, 'D', '客户电话'],
    ['text in the phone cell', { 客户电话: '张先生' }, 'D', '客户电话'],
  ])('%s', async (_, fields, column, header) => {
    const { rows, findings } = await checkLeads([lead(fields), good()], '2026-03-02')
    const invalid = findings.filter((finding) => finding.code === 'DATA_INVALID')
    expect(invalid).toHaveLength(1)
    expect(invalid[0]).toMatchObject({ sheet: LEADS, row: 2, key: 'L-1', severity: 'error' })
    expect(invalid[0]?.message.startsWith(`第 2 行 ${column} 列“${header}”`)).toBe(true)
    expect(rows[0]).toEqual({
      conclusion: '未判定：请先改正本行标出的单元格',
      until: undefined,
      codes: ['DATA_INVALID'],
    })
    expect(rows[1]).toEqual({ conclusion: '有效：归甲，保护至 2026-03-08', until: '2026-03-08', codes: [] })
  })

  it('says a time is missing', async () => {
    const { findings } = await checkLeads([lead({ 报备时间: '2026-03-01' })])
    expect(findings[0]?.message).toBe(
      '第 2 行 E 列“报备时间”的值“2026-03-01”只有日期、没有时刻：这一列要精确到分钟，请填写例如 2026-03-05 14:30',
    )
  })

  it('a landline with its area code is a phone number', async () => {
    const { rows } = await checkLeads([
      lead({ 客户电话: '010-6234 5678' }),
      lead({ 报备编号: 'L-2', 客户电话: '0755-88881234' }),
    ])
    expect(rows.map((row) => row.codes)).toEqual([[], []])
  })

  it('two reports with one 报备编号: the second is DATA_INVALID and undecided', async () => {
    const { rows, findings } = await checkLeads([lead(), lead({ 客户电话: '13900001111' })])
    expect(findings.map((finding) => [finding.row, finding.code])).toEqual([[3, 'DATA_INVALID']])
    expect(findings[0]?.message).toContain('第 3 行 A 列“报备编号”')
    expect(rows.map((row) => row.conclusion)).toEqual([
      '有效：归甲，保护至 2026-03-08',
      '未判定：请先改正本行标出的单元格',
    ])
  })

  it('never quotes the phone of a bad phone cell', async () => {
    const { findings } = await checkLeads([lead({ 客户电话: '1381234123' })])
    expect(findings[0]?.message).not.toContain('1381234123')
    expect(findings[0]?.message).not.toContain('138')
    expect(findings[0]?.message).toContain('保密信息')
  })

  it('leaves a blank row alone and clears what the tool wrote there', async () => {
    const { book } = await checkLeads([lead(), {}])
    expect(book.cell(LEADS, 3, '归属结论')).toBeNull()
  })
})
