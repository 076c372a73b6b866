import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import { type Row, tab } from '../../support/ledger-builder'
import { checkLeads, lead, parameters } from './support'

const DIRECTORY = TEMPLATES.distributors.name

function directory(rows: readonly Row[]): Record<string, Cell[][]> {
  return { [DIRECTORY]: tab(TEMPLATES.distributors, rows) }
}

describe('分销商名录: a report from a distributor the company does not work with is flagged', () => {
  it.each([
    ['合作中', []],
    ['停止合作', ['LEAD_DISTRIBUTOR_INACTIVE']],
    ['黑名单', ['LEAD_DISTRIBUTOR_INACTIVE']],
  ])('状态 %s → %j', async (status, codes) => {
    const { rows, findings } = await checkLeads(
      [lead()],
      '2026-03-02',
      directory([{ 分销商: '甲', 状态: status }]),
    )
    expect(rows[0]?.codes).toEqual(codes)
    if (codes.length > 0)
      expect(findings[0]?.message).toBe(
        `报备 L-1（客户“张伟”，138****1234）的分销商“甲”在“分销商名录”中的状态是“${status}”：请核实是否受理这条报备、是否计佣金`,
      )
  })

  it('a distributor missing from a 名录 that has rows is flagged; an empty or missing 名录 flags nothing', async () => {
    const listed = await checkLeads([lead()], '2026-03-02', directory([{ 分销商: '乙', 状态: '合作中' }]))
    expect(listed.rows[0]?.codes).toEqual(['LEAD_DISTRIBUTOR_INACTIVE'])
    expect(listed.findings[0]?.message).toContain('的分销商“甲”不在“分销商名录”中')
    expect((await checkLeads([lead()], '2026-03-02', directory([]))).rows[0]?.codes).toEqual([])
    expect((await checkLeads([lead()], '2026-03-02')).rows[0]?.codes).toEqual([])
  })

  it('matches names without regard to spaces and full-width letters', async () => {
    const { rows } = await checkLeads(
      [lead({ 分销商: 'ＡＢ 置业' })],
      '2026-03-02',
      directory([{ 分销商: 'AB置业', 状态: '合作中' }]),
    )
    expect(rows[0]?.codes).toEqual([])
  })

  it('flags only reports that still matter: not one whose protection is over, nor a duplicate', async () => {
    const { rows } = await checkLeads(
      [lead(), lead({ 报备编号: 'L-2', 报备时间: { date: '2026-03-03' as never, minutes: 600 } })],
      '2026-03-20',
      directory([{ 分销商: '甲', 状态: '黑名单' }]),
    )
    expect(rows.map((row) => row.codes)).toEqual([['LEAD_PROTECTION_EXPIRED'], ['LEAD_DUPLICATE']])
  })
})

describe('建议: 停止合作 from the second violation (第一次罚款5万，第二次停止合作)', () => {
  it.each([
    ['合作中', 0, null, []],
    ['合作中', 1, null, []],
    ['合作中', 2, '停止合作', ['LEAD_DISTRIBUTOR_STOP_SUGGESTED']],
    ['合作中', 5, '停止合作', ['LEAD_DISTRIBUTOR_STOP_SUGGESTED']],
    ['停止合作', 2, null, []],
    ['黑名单', 3, null, []],
  ])('状态 %s, 违约次数 %d → 建议 %s', async (status, violations, suggested, codes) => {
    const { book, all } = await checkLeads(
      [lead()],
      '2026-03-02',
      directory([{ 分销商: '甲', 状态: status, 违约次数: violations }]),
    )
    expect(book.cell(DIRECTORY, 2, '建议')).toBe(suggested)
    // the user's 状态 is never written
    expect(book.cell(DIRECTORY, 2, '状态')).toBe(status)
    expect(book.cell(DIRECTORY, 2, '提醒')).toBe(codes.length > 0 ? '【警告】建议停止合作' : null)
    expect(all.filter((finding) => finding.sheet === DIRECTORY).map((finding) => finding.code)).toEqual(codes)
  })

  it('follows the 违约停止合作次数 parameter', async () => {
    const { book } = await checkLeads([lead()], '2026-03-02', {
      ...directory([{ 分销商: '甲', 状态: '合作中', 违约次数: 2 }]),
      ...parameters({ 违约停止合作次数: 3 }),
    })
    expect(book.cell(DIRECTORY, 2, '建议')).toBeNull()
  })

  it('a bad 违约次数 or 状态 is DATA_INVALID on the 名录', async () => {
    const { book } = await checkLeads(
      [lead()],
      '2026-03-02',
      directory([
        { 分销商: '甲', 状态: '暂停', 违约次数: 1 },
        { 分销商: '乙', 状态: '合作中', 违约次数: '两次' },
      ]),
    )
    const alerts = (book.tabs.get(TEMPLATES.alerts.name) ?? []).slice(1)
    const invalid = alerts.filter((row) => row.includes('DATA_INVALID') && row.includes(DIRECTORY))
    expect(invalid).toHaveLength(2)
  })
})
