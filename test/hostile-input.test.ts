/** Issue 13: what hostile (or careless) input must not do to 提醒汇总, --json and the ledgers. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { d, type Row, sample, sampleWorkbook, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const SAMPLES = TEMPLATES.samples.name
const ALERTS = '提醒汇总'

async function checkSamples(rows: readonly Row[], today = '2026-12-02') {
  const book = sampleWorkbook(rows)
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  return { book, report }
}

function allText(book: MemoryWorkbook, tabName: string): string {
  return JSON.stringify(book.tabs.get(tabName) ?? [])
}

describe('重要客户开发.信用状况 is confidential, as in 客户档案', () => {
  it('a malformed credit value is not quoted in findings or 提醒汇总', async () => {
    const SECRET = '欠款三百万未还'
    const sheet = TEMPLATES.keyDevelopment.name
    const book = new MemoryWorkbook({
      [sheet]: tab(TEMPLATES.keyDevelopment, [
        { 客户编号: 'KH-009', 客户名称: '广汽埃安', 信用状况: SECRET },
      ]),
    })
    const report = await runCheck(book, { today: '2026-06-01' as IsoDate, actor: 'test' })
    const finding = report.findings.find((f) => f.code === 'DATA_INVALID' && f.message.includes('信用状况'))
    expect(finding?.message).toContain('保密信息')
    expect(JSON.stringify(report.findings)).not.toContain(SECRET)
    expect(allText(book, ALERTS)).not.toContain(SECRET)
    expect(TEMPLATES.keyDevelopment.columns.find((c) => c.header === '信用状况')?.confidential).toBe(true)
  })
})

describe('a huge user value is cut in every message', () => {
  it('a 32,767-character 样件名称 in a rule message is cut to 60 characters', async () => {
    const name = '铰'.repeat(32_767)
    const { report } = await checkSamples([sample({ 样件名称: name, 确认日期: d('2020-01-15') })])
    const ruled = report.findings.filter((f) => f.code !== 'DATA_INVALID')
    expect(ruled.length).toBeGreaterThan(0)
    for (const finding of report.findings) {
      expect(finding.message.length).toBeLessThan(500)
    }
    expect(ruled.some((f) => f.message.includes(`${'铰'.repeat(60)}…`))).toBe(true)
  })
})

describe('dates past 9999-12-31', () => {
  it('确认日期 9999-12-31 gives no 有效期至 and a DATA_INVALID on 确认日期, not an expiry', async () => {
    const { book, report } = await checkSamples([sample({ 确认日期: d('9999-12-31') })])
    const codes = report.findings.map((f) => f.code)
    expect(codes.filter((c) => c.startsWith('SAMPLE_'))).toEqual([])
    const invalid = report.findings.filter((f) => f.code === 'DATA_INVALID')
    expect(invalid).toHaveLength(1)
    expect(invalid[0]?.message).toMatch(/^第 2 行 H 列“确认日期”的值 9999-12-31 .*超出 9999-12-31/)
    expect(book.cell(SAMPLES, 2, '有效期至')).toBeNull()
  })

  it('a typed year past 9999 is not a date', async () => {
    const { report } = await checkSamples([sample({ 确认日期: '10000-01-01' })])
    expect(report.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining('“确认日期”的值“10000-01-01”不是有效日期'),
    )
  })
})

describe('formula errors are their own bad data', () => {
  it.each(['#REF!', '#NAME?', '#VALUE!', '#DIV/0!', '#N/A', '#NUM!', '#NULL!', '#SPILL!', '#CALC!'])(
    '%s in a date column and in the id column',
    async (error) => {
      const { report } = await checkSamples([
        sample({ 样件编号: error, 确认日期: error }),
        sample({ 样件编号: 'YJ-2' }),
      ])
      const messages = report.findings.filter((f) => f.code === 'DATA_INVALID').map((f) => f.message)
      expect(messages).toContain(`第 2 行 A 列“样件编号”的值是公式错误 ${error}，请修正公式`)
      expect(messages).toContain(`第 2 行 H 列“确认日期”的值是公式错误 ${error}，请修正公式`)
      expect(messages.join('\n')).not.toContain('未填写')
      expect(report.findings.every((f) => f.key !== error)).toBe(true)
    },
  )
})
