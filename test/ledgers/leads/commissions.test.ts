import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import { d } from '../../support/ledger-builder'
import { at, checkLeads, lead } from './support'

const COMMISSIONS = TEMPLATES.commissions.name

describe('佣金提报: one row per payable commission, in the month after the signing', () => {
  it('lists every payable commission by month, with the phone masked, and nothing else', async () => {
    const { book } = await checkLeads(
      [
        lead({ 到访时间: at('2026-03-01 12:00'), 网签日期: d('2026-04-10') }),
        lead({
          报备编号: 'L-2',
          分销商: '乙',
          客户姓名: '李娜',
          客户电话: '+86 139-0000-1111',
          到访时间: at('2026-03-01 12:00'),
          网签日期: d('2026-03-20'),
        }),
        // signed after protection: not payable
        lead({ 报备编号: 'L-3', 客户电话: '13700002222', 网签日期: d('2026-03-20') }),
        // a duplicate: not payable
        lead({ 报备编号: 'L-4', 分销商: '丙', 报备时间: at('2026-03-02 10:00'), 网签日期: d('2026-03-21') }),
        // a natural visit: not payable
        lead({
          报备编号: 'L-5',
          客户电话: '13600003333',
          到访时间: at('2026-03-01 10:30'),
          网签日期: d('2026-03-05'),
        }),
      ],
      '2026-05-02',
    )
    expect(book.tabs.get(COMMISSIONS)).toEqual([
      ['月份', '分销商', '报备编号', '客户姓名', '客户电话', '网签日期'],
      ['2026-04', '乙', 'L-2', '李娜', '139****1111', d('2026-03-20')],
      ['2026-05', '甲', 'L-1', '张伟', '138****1234', d('2026-04-10')],
    ])
  })

  it('is written afresh on every check: a commission no longer payable leaves the tab', async () => {
    const signed = lead({ 到访时间: at('2026-03-01 12:00'), 网签日期: d('2026-04-10') })
    const first = await checkLeads([signed], '2026-05-02')
    expect(first.book.tabs.get(COMMISSIONS)).toHaveLength(2)
    const unsigned = await checkLeads([lead({ 到访时间: at('2026-03-01 12:00') })], '2026-05-02', {
      [COMMISSIONS]: first.book.tabs.get(COMMISSIONS) ?? [],
    })
    expect(unsigned.book.tabs.get(COMMISSIONS)).toEqual([
      ['月份', '分销商', '报备编号', '客户姓名', '客户电话', '网签日期'],
    ])
  })
})
