import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { defaultParameters } from '../../../src/core/parameters'
import { readTable } from '../../../src/core/table'
import { PARAMETER_DEFINITIONS } from '../../../src/ledgers'
import { archiveFacts, readArchives } from '../../../src/ledgers/archives/archives'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const SHEET = TEMPLATES.customers.name

/** An archive in order: approved, updated, licence papers on file. */
function archive(fields: Row = {}): Row {
  return {
    客户编号: 'KH-001',
    客户名称: '一汽大众汽车有限公司',
    客户类别: '业务客户',
    重要客户: '是',
    联系人: '周建国',
    电话: '13804315627',
    资质资料: '齐全',
    信用状况: '良好',
    档案管理人: '李娜',
    审批人: '陈志远',
    审批日期: d('2025-01-10'),
    最近更新日期: d('2026-05-31'),
    状态: '合作中',
    ...fields,
  }
}

async function check(archives: readonly Row[], today: string, extra = {}) {
  const book = new MemoryWorkbook({ [SHEET]: tab(TEMPLATES.customers, archives), ...extra })
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  const archiveFindings = report.findings.filter((finding) => finding.code.startsWith('ARCHIVE_'))
  return { book, report, archiveFindings, codes: archiveFindings.map((finding) => finding.code) }
}

describe('ARCHIVE_REVIEW_DUE: not updated for more than 6 months (客户信息管理制度: 每半年全面检查)', () => {
  it.each([
    ['2026-11-30', {}, []], // 2026-05-31 + 6 months = 2026-11-30 (month end): still in time
    ['2026-12-01', {}, ['ARCHIVE_REVIEW_DUE']],
    ['2026-06-01', { 最近更新日期: null }, ['ARCHIVE_REVIEW_DUE']], // never filled in
    ['2027-06-01', { 状态: '已流失' }, []], // a lost customer's archive is not kept up to date
    ['2027-06-01', { 状态: '潜在' }, ['ARCHIVE_REVIEW_DUE']],
  ])('today %s, %j → %j', async (today, fields, codes) => {
    expect((await check([archive(fields)], today)).codes).toEqual(codes)
  })

  it('follows the 档案复查周期(月) parameter, and says since when, due on the review date', async () => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '档案复查周期(月)', 值: 3 }])
    const extra = { [TEMPLATES.parameters.name]: parameters }
    expect((await check([archive()], '2026-08-31', extra)).codes).toEqual([])
    const { archiveFindings } = await check([archive()], '2026-09-01', extra)
    expect(archiveFindings[0]).toMatchObject({
      row: 2,
      key: 'KH-001',
      severity: 'warning',
      due: '2026-08-31',
    })
    expect(archiveFindings[0]?.message).toBe(
      '客户“一汽大众汽车有限公司”的档案自 2026-05-31 更新后已超过 3 个月（应于 2026-08-31 前复查更新），请档案管理人李娜核对客户信息并更新档案（客户信息管理制度：每半年对客户档案全面检查一次）',
    )
  })

  it('a 最近更新日期 that is not a date is reported once, as DATA_INVALID', async () => {
    const { report } = await check([archive({ 最近更新日期: '上个月' })], '2026-06-01')
    expect(report.findings.map((finding) => finding.code)).toEqual(['DATA_INVALID'])
  })
})

describe('ARCHIVE_UNAPPROVED: never approved (客户档案管理制度 4 c)', () => {
  it.each([
    [{}, null],
    [{ 审批人: null }, '审批人'],
    [{ 审批日期: null }, '审批日期'],
    [{ 审批人: null, 审批日期: null }, '审批人和审批日期'],
  ])('%j → missing %s', async (fields, missing) => {
    const { archiveFindings } = await check([archive(fields)], '2026-06-01')
    if (missing === null) {
      expect(archiveFindings).toEqual([])
    } else {
      expect(archiveFindings).toMatchObject([{ code: 'ARCHIVE_UNAPPROVED', severity: 'warning' }])
      expect(archiveFindings[0]?.message).toContain(`尚未审批（缺少${missing}）`)
    }
  })
})

describe('ARCHIVE_INCOMPLETE: licence papers missing (客户资料管理制度 5.1.2 a)', () => {
  it.each([
    ['齐全', []],
    ['缺失', ['ARCHIVE_INCOMPLETE']],
    [null, ['ARCHIVE_INCOMPLETE']],
  ])('资质资料 %s → %j', async (licence, codes) => {
    expect((await check([archive({ 资质资料: licence })], '2026-06-01')).codes).toEqual(codes)
  })

  it('names the customer and the missing item only', async () => {
    const { archiveFindings, book } = await check([archive({ 资质资料: '缺失' })], '2026-06-01')
    expect(archiveFindings[0]?.message).toBe(
      '客户“一汽大众汽车有限公司”的档案资质资料缺失，请向客户收集营业执照、税务登记等法人资质资料并归档（客户资料管理制度 5.1.2 a）',
    )
    expect(book.cell(SHEET, 2, '提醒')).toBe('【警告】资质资料缺失')
  })

  it('an unreadable entry is DATA_INVALID without quoting it, not ARCHIVE_INCOMPLETE', async () => {
    const { report } = await check([archive({ 资质资料: '营业执照 91310000MA1FL0001X' })], '2026-06-01')
    expect(report.findings).toMatchObject([{ code: 'DATA_INVALID' }])
    expect(report.findings[0]?.message).toMatch(
      /^第 2 行 [A-Z]+ 列“资质资料”的内容（保密信息，此处不显示）不在可选值之内，请从下拉列表中选择：齐全、缺失$/,
    )
  })
})

it('one archive can be flagged for all three at once, each labelled in 提醒', async () => {
  const { codes, book } = await check(
    [archive({ 最近更新日期: null, 审批人: null, 资质资料: '缺失' })],
    '2026-06-01',
  )
  expect(codes).toEqual(['ARCHIVE_INCOMPLETE', 'ARCHIVE_REVIEW_DUE', 'ARCHIVE_UNAPPROVED'])
  const reminder = String(book.cell(SHEET, 2, '提醒'))
  expect(reminder.startsWith('【警告】')).toBe(true)
  expect(reminder.slice('【警告】'.length).split('；').sort()).toEqual([
    '档案待复查',
    '档案未审批',
    '资质资料缺失',
  ])
})

it('archive facts carry no confidential column', () => {
  const cells = tab(TEMPLATES.customers, [
    {
      客户编号: 'KH-1',
      客户名称: '甲',
      联系人: '乙',
      电话: '13812341234',
      地址: '丙路 1 号',
      信用状况: '较差',
    },
  ])
  const table = readTable(TEMPLATES.customers, { name: SHEET, header: cells[0] ?? [], rows: cells.slice(1) })
  const [first] = readArchives(table)
  if (!first) throw new Error('no archive')
  const values = Object.values(
    archiveFacts(first, defaultParameters(PARAMETER_DEFINITIONS), '2026-11-28' as IsoDate),
  )
  expect(values.map(String).join('|')).not.toMatch(/乙|13812341234|丙路|较差/)
})
