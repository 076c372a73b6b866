import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import { followUpSample, type Payable } from '../../../src/ledgers/leads/follow-up'
import { d, type Row } from '../../support/ledger-builder'
import { at, checkLeads, lead, parameters } from './support'

const FOLLOW_UPS = TEMPLATES.followUps.name
const COMMISSIONS = TEMPLATES.commissions.name

/** `count` signed reports of different customers, signed in March 2026: commissions of 2026-04. */
function signedReports(count: number, first = 1): Row[] {
  return Array.from({ length: count }, (_, index) =>
    lead({
      报备编号: `L-${first + index}`,
      客户姓名: `客户${first + index}`,
      客户电话: `1390000${String(first + index).padStart(4, '0')}`,
      到访时间: at('2026-03-01 12:00'),
      网签日期: d('2026-03-20'),
    }),
  )
}

function sampledIds(tab: readonly (readonly Cell[])[] | undefined): string[] {
  return (tab ?? []).slice(1).map((row) => String(row[1]))
}

describe('followUpSample: share, seeded order, stability, one call-back per customer', () => {
  const month = (id: string, phone: string, m = '2026-04'): Payable => ({ id, phone, month: m })

  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 2],
    [9, 5],
  ])('%d commissions of a month at 50%% → %d called back', (count, expected) => {
    const payable = Array.from({ length: count }, (_, index) => month(`L-${index}`, `p${index}`))
    expect(followUpSample(payable, new Set(), 50, '2026-04').size).toBe(expected)
  })

  it('is the same list whatever the order, and keeps what was sampled before', () => {
    const payable = Array.from({ length: 10 }, (_, index) => month(`L-${index}`, `p${index}`))
    const once = followUpSample(payable, new Set(), 50, '2026-04')
    expect(followUpSample([...payable].reverse(), new Set(), 50, '2026-04')).toEqual(once)
    // a commission added later to the month does not push out a customer already sampled
    const more = [...payable, month('L-10', 'p10'), month('L-11', 'p11')]
    const again = followUpSample(more, once, 50, '2026-04')
    for (const id of once) expect(again.has(id)).toBe(true)
    expect(again.size).toBe(6)
  })

  it('samples another month in another order (seeded by the month)', () => {
    const ids = Array.from({ length: 20 }, (_, index) => `L-${index}`)
    const april = followUpSample(
      ids.map((id) => month(id, id, '2026-04')),
      new Set(),
      50,
      '2026-05',
    )
    const may = followUpSample(
      ids.map((id) => month(id, id, '2026-05')),
      new Set(),
      50,
      '2026-05',
    )
    expect([...april].sort()).not.toEqual([...may].sort())
  })

  it('never calls a customer back twice, and not before the commission month', () => {
    const payable = [
      month('L-1', 'same', '2026-04'),
      month('L-2', 'same', '2026-05'),
      month('L-3', 'other', '2026-06'),
    ]
    expect([...followUpSample(payable, new Set(), 100, '2026-05')]).toEqual(['L-1'])
  })
})

describe('回访抽样 in the check', () => {
  it('lists the sample of each commission month up to this month, phone masked', async () => {
    const { book } = await checkLeads(signedReports(4), '2026-04-02')
    const tab = book.tabs.get(FOLLOW_UPS) ?? []
    expect(tab[0]).toEqual(['月份', '报备编号', '分销商', '客户姓名', '客户电话', '网签日期', '回访结果'])
    expect(tab).toHaveLength(3)
    for (const row of tab.slice(1)) {
      expect(row[0]).toBe('2026-04')
      expect(String(row[4])).toMatch(/^139\*\*\*\*\d{4}$/)
      expect(row[5]).toEqual(d('2026-03-20'))
    }
    // before the commission month nothing is sampled yet
    const march = await checkLeads(signedReports(4), '2026-03-31')
    expect(march.book.tabs.get(FOLLOW_UPS)).toHaveLength(1)
  })

  it('gives the same list on every run, keeping 回访结果 with its report', async () => {
    const first = await checkLeads(signedReports(6), '2026-04-02')
    const tab = (first.book.tabs.get(FOLLOW_UPS) ?? []).map((row) => [...row])
    const ids = sampledIds(tab)
    expect(ids).toHaveLength(3)
    const answered = tab[2] as Cell[]
    answered[6] = '属该渠道导客'
    // rows added to the ledger (another customer of April) and the tab re-sorted by hand
    const again = await checkLeads([...signedReports(6), ...signedReports(2, 7)], '2026-04-03', {
      [FOLLOW_UPS]: [tab[0] as Cell[], ...tab.slice(1).reverse()],
    })
    const rewritten = again.book.tabs.get(FOLLOW_UPS) ?? []
    expect(sampledIds(rewritten).slice(0, 3).sort()).toEqual([...ids].sort())
    expect(rewritten).toHaveLength(5)
    const kept = rewritten.find((row) => row[1] === answered[1])
    expect(kept?.[6]).toBe('属该渠道导客')
    const others = rewritten.filter((row) => row[1] !== answered[1]).slice(1)
    for (const row of others) expect(row[6]).toBeNull()
  })

  it('follows the 回访抽样比例(%) parameter', async () => {
    const { book } = await checkLeads(signedReports(4), '2026-04-02', parameters({ '回访抽样比例(%)': 100 }))
    expect(sampledIds(book.tabs.get(FOLLOW_UPS))).toEqual(['L-1', 'L-2', 'L-3', 'L-4'])
  })

  it('回访结果 非该渠道导客 makes the report a 违约报备, out of 佣金提报', async () => {
    const reports = signedReports(2)
    const first = await checkLeads(reports, '2026-04-02')
    const tab = (first.book.tabs.get(FOLLOW_UPS) ?? []).map((row) => [...row])
    const sampled = tab[1] as Cell[]
    sampled[6] = '非该渠道导客'
    const { rows, findings, book } = await checkLeads(reports, '2026-04-03', { [FOLLOW_UPS]: tab })
    const index = reports.findIndex((report) => report.报备编号 === sampled[1])
    expect(rows[index]?.conclusion).toBe('违约报备：回访客户称非该渠道导客，拒付佣金（原应 2026-04 提报）')
    expect(rows[index]?.codes).toEqual(['LEAD_REPORT_VIOLATION'])
    const violation = findings.find((finding) => finding.code === 'LEAD_REPORT_VIOLATION')
    expect(violation?.severity).toBe('error')
    expect(violation?.message).toContain('回访时反馈并非通过“甲”购买')
    expect(violation?.message).not.toContain('13900000')
    const commissions = book.tabs.get(COMMISSIONS) ?? []
    expect(commissions.map((row) => row[2])).toEqual(['报备编号', reports[1 - index]?.报备编号])
    // still in the sample, with its result
    expect(book.tabs.get(FOLLOW_UPS)?.[1]?.[6]).toBe('非该渠道导客')
  })

  it('a 回访结果 outside the list is DATA_INVALID on 回访抽样 and changes nothing', async () => {
    const first = await checkLeads(signedReports(1), '2026-04-02')
    const tab = (first.book.tabs.get(FOLLOW_UPS) ?? []).map((row) => [...row])
    ;(tab[1] as Cell[])[6] = '不是'
    const { all, rows } = await checkLeads(signedReports(1), '2026-04-03', { [FOLLOW_UPS]: tab })
    expect(all.filter((finding) => finding.sheet === FOLLOW_UPS).map((finding) => finding.code)).toEqual([
      'DATA_INVALID',
    ])
    expect(rows[0]?.conclusion).toBe('有效：归甲，佣金 2026-04 提报')
  })
})
