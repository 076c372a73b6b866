import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import { type Cell, displayCell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { confidentialHeaders, maskPhone } from '../src/core/privacy'
import { ownedColumns } from '../src/core/template'
import { d, type Row, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

describe('maskPhone (客户信息保密管理制度; SPEC: 138****1234)', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['138-1234-1234', '138****1234'],
    ['+86 138 1234 1234', '138****1234'],
    ['+86-13812341234', '138****1234'],
    ['0086 13812341234', '138****1234'],
    ['8613812341234', '138****1234'],
    ['１３８１２３４１２３４', '138****1234'], // full-width digits
    ['010-62345678', '010-****5678'], // three-digit area code
    ['(010) 6234 5678', '010-****5678'],
    ['021-5032 8899', '021-****8899'],
    ['0755-88881234', '0755-****1234'], // four-digit area code
    ['0553-5962100', '0553-****2100'], // seven-digit number
    ['+86 10 6234 5678', '010-****5678'], // international landline: the trunk 0 comes back
    ['021-12345678 转 801', '021-****5678'], // extension dropped
    ['0755-88881234-801', '0755-****1234'],
    ['0553-5962100-12', '0553-****2100'],
    ['13812341234 / 010-62345678', '138****1234、010-****5678'],
    ['张经理 13812341234', '138****1234'], // no text around the number survives
    ['62345678', '****5678'], // a local number without its area code
    ['12345', '****'], // too short to be a number: nothing shown
    ['见名片', '****'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})

describe('confidential columns', () => {
  it('lists the contact, licence and credit columns of 客户档案 and the phone of 渠道报备', () => {
    expect(confidentialHeaders(TEMPLATES.customers)).toEqual([
      '联系人',
      '电话',
      '网址',
      '地址',
      '资质资料',
      '信用状况',
      '生产规模与工艺',
    ])
    expect(confidentialHeaders(TEMPLATES.leads)).toEqual(['客户电话'])
    expect(confidentialHeaders(TEMPLATES.samples)).toEqual([])
  })
})

/** Everything the check wrote or returned, as one text: findings, 提醒汇总, 操作日志 and owned columns. */
function toolOutput(book: MemoryWorkbook, findings: unknown): string {
  const parts: string[] = [JSON.stringify(findings)]
  for (const template of [TEMPLATES.alerts, TEMPLATES.log]) {
    for (const row of book.tabs.get(template.name) ?? [])
      parts.push(row.map((cell) => displayCell(cell)).join('\t'))
  }
  for (const template of [TEMPLATES.customers, TEMPLATES.keyDevelopment, TEMPLATES.visits]) {
    const rows = book.tabs.get(template.name) ?? []
    const header = rows[0] ?? []
    for (const column of ownedColumns(template)) {
      const index = header.indexOf(column.header)
      for (const row of rows.slice(1)) parts.push(displayCell(row[index] ?? null))
    }
  }
  return parts.join('\n')
}

describe('no confidential value of an archive reaches what the tool writes', () => {
  const secrets: Row = {
    联系人: '欧阳秘书',
    电话: '+86 139-1234-5678',
    网址: 'www.secret-customer.example',
    地址: '保密路 99 号甲座',
    生产规模与工艺: '激光拼焊专线 120 万件',
  }
  const archives: Row[] = [
    {
      客户编号: 'KH-101',
      客户名称: '某某精密',
      ...secrets,
      资质资料: '营业执照 91310000MA1FL0001X', // not an option: DATA_INVALID without the value
      信用状况: '列入失信名单', // not an option either
      最近更新日期: d('2025-01-01'),
      状态: '合作中',
    },
    {
      客户编号: 'KH-102',
      客户名称: '某某机电',
      联系人: '司马经理',
      电话: '13712345678',
      资质资料: '缺失',
      信用状况: '较差',
      审批人: '陈志远',
      审批日期: d('2025-01-01'),
      最近更新日期: d('2026-05-01'),
      状态: '潜在',
    },
  ]

  it('in findings, 提醒汇总, 操作日志 or any owned column', async () => {
    const book = new MemoryWorkbook({ [TEMPLATES.customers.name]: tab(TEMPLATES.customers, archives) })
    const report = await runCheck(book, { today: '2026-06-01' as IsoDate, actor: 'test' })
    // the check did find things about these archives…
    expect(report.findings.map((finding) => [finding.key, finding.code])).toEqual(
      expect.arrayContaining([
        ['KH-101', 'DATA_INVALID'],
        ['KH-101', 'ARCHIVE_REVIEW_DUE'],
        ['KH-101', 'ARCHIVE_UNAPPROVED'],
        ['KH-102', 'ARCHIVE_INCOMPLETE'],
      ]),
    )
    // …and named the customers, the columns and the missing items, never their contents
    const output = toolOutput(book, report.findings)
    expect(output).toContain('某某精密')
    expect(output).toContain('“资质资料”的内容（保密信息，此处不显示）')
    expect(output).toContain('“信用状况”的内容（保密信息，此处不显示）')
    const archiveMessages = report.findings.filter((finding) => finding.code.startsWith('ARCHIVE_'))
    expect(archiveMessages.map((finding) => finding.message).join('\n')).not.toMatch(/信用|较差/)
    for (const value of [
      ...Object.values(secrets).map((cell) => displayCell(cell ?? null)),
      '91310000MA1FL0001X',
      '失信',
      '司马经理',
      '13712345678',
      '12345678',
    ]) {
      expect(output, value).not.toContain(value)
    }
  })

  it('in the demo workbook', async () => {
    const today = '2026-11-28' as IsoDate
    const book = new MemoryWorkbook()
    runInit(book, { actor: 'test', today, seedRows: demoRows(today) })
    const report = await runCheck(book, { today, actor: 'test' })
    expect(report.findings.some((finding) => finding.code === 'ARCHIVE_INCOMPLETE')).toBe(true)
    const output = toolOutput(book, report.findings)
    const rows = book.tabs.get(TEMPLATES.customers.name) ?? []
    const header = rows[0] ?? []
    let checked = 0
    for (const row of rows.slice(1)) {
      for (const column of ['联系人', '电话', '网址', '地址', '生产规模与工艺']) {
        const value = displayCell((row[header.indexOf(column)] ?? null) as Cell)
        if (value === '') continue
        checked += 1
        expect(output, `${column} ${value}`).not.toContain(value)
        // nor the digits of a phone number, however they are spaced
        const digits = value.replace(/\D/g, '')
        if (column === '电话') expect(output.replace(/\D/g, ''), value).not.toContain(digits.slice(-8))
      }
    }
    expect(checked).toBeGreaterThanOrEqual(50)
    // no finding talks about an archive's credit
    const archiveText = report.findings
      .filter((finding) => finding.sheet === TEMPLATES.customers.name)
      .map((finding) => finding.message)
      .join('\n')
    expect(archiveText).not.toMatch(/信用|良好|较差/)
  })
})
