/** 供应商名录 (供应商管理办法 二 1.1、八): certificates, certification and audits, at their edges. */
import { describe, expect, it } from 'vitest'
import { d, type Row } from '../../support/ledger-builder'
import { check, SUPPLIERS, supplier } from './support'

describe('证书有效期至: valid on the day, expiring within 证书到期提醒(天) = 60', () => {
  it.each([
    ['2026-06-14', ['SUPPLIER_CERT_EXPIRED']], // expired yesterday
    ['2026-06-15', ['SUPPLIER_CERT_EXPIRING']], // the last day it is valid
    ['2026-08-14', ['SUPPLIER_CERT_EXPIRING']], // 60 days ahead: the window's first day
    ['2026-08-15', []], // 61 days ahead
  ])('expiry %s, today 2026-06-15 → %j', async (expiry, expected) => {
    const { codes } = await check({ suppliers: [supplier({ 证书有效期至: d(expiry) })] }, '2026-06-15')
    expect(codes(SUPPLIERS)).toEqual(expected)
  })

  it('follows the 参数 override of the window, and stops for a 淘汰 supplier', async () => {
    const window = await check(
      {
        suppliers: [supplier({ 证书有效期至: d('2026-08-14') })],
        parameters: [{ 参数: '证书到期提醒(天)', 值: 30 }],
      },
      '2026-06-15',
    )
    expect(window.codes(SUPPLIERS)).toEqual([])
    const dropped = await check(
      { suppliers: [supplier({ 证书有效期至: d('2026-01-01'), 状态: '淘汰' })] },
      '2026-06-15',
    )
    expect(dropped.codes(SUPPLIERS)).toEqual([])
  })

  it('a certificate date that is not a date, or none for a certified supplier, is DATA_INVALID', async () => {
    const { on } = await check(
      {
        suppliers: [
          supplier({ 证书有效期至: '2026-02-30' }),
          supplier({ 供应商编号: 'GYS-2', 证书有效期至: null }),
        ],
      },
      '2026-06-15',
    )
    const found = on(SUPPLIERS)
    expect(found.map((f) => [f.code, f.row])).toEqual([
      ['DATA_INVALID', 2],
      ['DATA_INVALID', 3],
    ])
    expect(found[0]?.message).toMatch(/^第 2 行 G 列“证书有效期至”的值“2026-02-30”不是有效日期/)
    expect(found[1]?.message).toMatch(/^第 3 行 G 列“证书有效期至”未填写：体系认证为 IATF 16949 时/)
  })
})

describe('SUPPLIER_UNCERTIFIED: a 合格 supplier without third-party certification (1.1)', () => {
  it.each([
    ['合格', '无', ['SUPPLIER_UNCERTIFIED']],
    ['合格', null, ['SUPPLIER_UNCERTIFIED']],
    ['合格', 'ISO 9001', []], // allowed, with the five core tools
    ['合格', 'IATF 16949', []],
    ['试用', '无', []],
    ['暂停', '无', []],
  ])('状态 %s, 体系认证 %s → %j', async (status, certification, expected) => {
    const fields: Row =
      certification === 'IATF 16949' || certification === 'ISO 9001' ? {} : { 证书有效期至: null }
    const { codes } = await check(
      { suppliers: [supplier({ 状态: status, 体系认证: certification, ...fields })] },
      '2026-06-15',
    )
    expect(codes(SUPPLIERS)).toEqual(expected)
  })
})

describe('SUPPLIER_AUDIT_DUE: 上次审核日期 + the cycle of the 分类 (A 12 / B 6 / C 3 months)', () => {
  it.each([
    ['A', '2025-06-15', true], // twelve months ago today: due
    ['A', '2025-06-16', false],
    ['B', '2025-12-15', true],
    ['B', '2025-12-16', false],
    ['C', '2026-03-15', true],
    ['C', '2026-03-16', false],
  ])('分类 %s audited %s, today 2026-06-15 → due %s', async (category, audited, due) => {
    const { on } = await check(
      { suppliers: [supplier({ 分类: category, 上次审核日期: d(audited) })] },
      '2026-06-15',
    )
    expect(on(SUPPLIERS).map((f) => f.code)).toEqual(due ? ['SUPPLIER_AUDIT_DUE'] : [])
  })

  it('clamps to the month end: a C supplier audited 2025-11-30 is due 2026-02-28', async () => {
    const before = await check(
      { suppliers: [supplier({ 分类: 'C', 上次审核日期: d('2025-11-30') })] },
      '2026-02-27',
    )
    expect(before.codes(SUPPLIERS)).toEqual([])
    const on = await check(
      { suppliers: [supplier({ 分类: 'C', 上次审核日期: d('2025-11-30') })] },
      '2026-02-28',
    )
    expect(on.on(SUPPLIERS)[0]?.due).toBe('2026-02-28')
  })

  it('never audited: due at once; 暂停 and 淘汰 suppliers, and a supplier without 分类, are not audited', async () => {
    const { on } = await check(
      {
        suppliers: [
          supplier({ 上次审核日期: null }),
          supplier({ 供应商编号: 'GYS-2', 状态: '暂停', 上次审核日期: d('2020-01-01') }),
          supplier({ 供应商编号: 'GYS-3', 状态: '淘汰', 上次审核日期: d('2020-01-01') }),
          supplier({ 供应商编号: 'GYS-4', 分类: null, 上次审核日期: d('2020-01-01') }),
        ],
      },
      '2026-06-15',
    )
    expect(on(SUPPLIERS).map((f) => [f.code, f.row])).toEqual([['SUPPLIER_AUDIT_DUE', 2]])
    expect(on(SUPPLIERS)[0]?.message).toContain('没有审核记录')
  })

  it('follows the 参数 override of the cycle', async () => {
    const { codes } = await check(
      {
        suppliers: [supplier({ 分类: 'B', 上次审核日期: d('2025-12-15') })],
        parameters: [{ 参数: '审核周期(月)-B类', 值: 9 }],
      },
      '2026-06-15',
    )
    expect(codes(SUPPLIERS)).toEqual([])
  })
})

describe('供应商编号', () => {
  it('a duplicate id, even typed in another case or in full width, is DATA_INVALID', async () => {
    const { on } = await check(
      { suppliers: [supplier(), supplier({ 供应商编号: 'ｇｙｓ－１' })] },
      '2026-06-15',
    )
    expect(on(SUPPLIERS).map((f) => [f.code, f.row])).toEqual([['DATA_INVALID', 3]])
    expect(on(SUPPLIERS)[0]?.message).toContain('与第 2 行重复')
  })
})
