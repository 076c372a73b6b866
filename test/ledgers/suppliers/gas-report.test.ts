/** 生成供应商年度评定 in Google Sheets, on the built bundle with the in-memory Apps Script stand-ins. */
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import type { TabTemplate } from '../../../src/core/template'
import { bundleSource, loadGasBundle } from '../../support/gas-bundle'
import { createGasEnvironment } from '../../support/gas-fakes'

/** 2026-12-20 09:00 in Asia/Shanghai. */
const NOW = new Date('2026-12-20T01:00:00Z')
const ANNUAL = TEMPLATES.supplierAnnual

let source: string
beforeAll(() => {
  source = bundleSource()
})

const headers = (template: TabTemplate) => template.columns.map((column) => column.header)
const row = (template: TabTemplate, fields: Record<string, string | number>) =>
  headers(template).map((header) => fields[header] ?? '')

describe('生成供应商年度评定', () => {
  it('asks for the year and writes 年度评定, leaving the user’s 分类 alone', async () => {
    const env = createGasEnvironment()
    const suppliers = TEMPLATES.suppliers
    const ratings = TEMPLATES.supplierRatings
    env.spreadsheet.addSheet(suppliers.name, [
      headers(suppliers),
      row(suppliers, { 供应商编号: 'GYS-1', 名称: '长春金鹏', 分类: 'A', 状态: '合格', 体系认证: '无' }),
    ])
    env.spreadsheet.addSheet(ratings.name, [
      headers(ratings),
      row(ratings, { 月份: '2026年3月', 供应商编号: 'GYS-1', 质量: 80, 交付: 80, 服务: 80, 价格: 80 }),
      row(ratings, { 月份: '2026-05', 供应商编号: 'gys-1', 质量: 90, 交付: 90, 服务: 90, 价格: 90 }),
    ])
    const bundle = loadGasBundle(env, { now: NOW, source })
    await bundle.call('generateSupplierReport')

    expect(env.ui.prompts[0]?.prompt).toContain('2026 年')
    const rows = env.spreadsheet.sheet(ANNUAL.name).snapshot()
    expect(rows[0]).toEqual(headers(ANNUAL))
    const cells = Object.fromEntries(headers(ANNUAL).map((header, index) => [header, rows[1]?.[index]]))
    expect(cells).toMatchObject({ 年度: 2026, 供应商编号: 'GYS-1', 分类: 'A', 评定月数: 2, 平均综合: 85 })
    expect(cells['4月']).toBe('')
    expect(env.ui.alerts[0]?.prompt).toContain('2026 年评定供应商 1 家（共 1 家）')
    expect(env.spreadsheet.sheet(suppliers.name).snapshot()[1]?.[3]).toBe('A')
    expect(env.lockService.lock).toMatchObject({ held: false })
  }, 60_000)
})
