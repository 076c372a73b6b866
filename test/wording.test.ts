/**
 * What users read is written one way (issue 13 item 7): a term spelled as its header spells it
 * (VIP等级, 建议VIP等级, VIP-A门槛(万元): VIP joined to the Chinese word), never `VIP 等级`; and a
 * summary that tells business deadlines missed (逾期) or near (预警) from bad data (数据有误).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { ALL_TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { ALL_RULES, codeKind, PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../src/ledgers'
import { d, sample, sampleWorkbook } from './support/ledger-builder'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** VIP set apart from the Chinese word beside it by a space. */
const SPACED_VIP = /VIP \p{Script=Han}|\p{Script=Han} VIP(?![_A-Z])/u

function files(directory: string, extensions: readonly string[]): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name)
    if (statSync(full).isDirectory()) return files(full, extensions)
    return extensions.includes(path.extname(name)) ? [full] : []
  })
}

function spacedLines(name: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) => (SPACED_VIP.test(line) ? [`${name}:${index + 1}: ${line.trim()}`] : []))
}

describe('VIP is written as the headers write it', () => {
  it('the headers join VIP to the word (the form the rest follows)', () => {
    const headers = ALL_TEMPLATES.flatMap((template) => template.columns.map((column) => column.header))
    expect(headers).toContain('VIP等级')
    expect(headers).toContain('建议VIP等级')
  })

  it('in the labels and messages of the rules, header notes and parameter descriptions', () => {
    const texts = [
      ...ALL_RULES.flatMap((rule) => {
        const params = rule.event.params as { label?: string; message?: string }
        return [params.label ?? '', params.message ?? '']
      }),
      ...ALL_TEMPLATES.flatMap((template) => template.columns.map((column) => column.note ?? '')),
      ...PARAMETER_DEFINITIONS.flatMap((definition) => [definition.name, definition.description]),
      ...TEXT_PARAMETER_DEFINITIONS.flatMap((definition) => [definition.name, definition.description]),
    ]
    expect(texts.filter((text) => SPACED_VIP.test(text))).toEqual([])
  })

  it('in the source (messages built in code) and the README', () => {
    const found = [
      ...files(path.join(ROOT, 'src'), ['.ts', '.json']).flatMap((file) =>
        spacedLines(path.relative(ROOT, file), readFileSync(file, 'utf8')),
      ),
      ...spacedLines('README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8')),
    ]
    expect(found).toEqual([])
  })
})

describe('逾期, 预警 and 数据有误', () => {
  it('each rule whose code says a deadline passed is 逾期, one that says it is near is 预警', () => {
    for (const rule of ALL_RULES) {
      const code = rule.event.type
      if (/_(OVERDUE|EXPIRED)$/.test(code)) expect(codeKind(code), code).toBe('overdue')
      if (
        /_(DUE_SOON|EXPIRING|DUE)$/.test(code) &&
        code !== 'ARCHIVE_REVIEW_DUE' &&
        code !== 'SERVICE_SURVEY_DUE' &&
        code !== 'SUPPLIER_AUDIT_DUE'
      )
        expect(codeKind(code), code).toBe('approaching')
    }
    expect(codeKind('DATA_INVALID')).toBe('data')
    // A condition that is no deadline (a missing signature, a suggestion) is neither.
    expect(codeKind('SEAL_INCOMPLETE')).toBeUndefined()
    expect(codeKind('VIP_TIER_MISMATCH')).toBeUndefined()
  })

  it('the summary (CLI, 操作日志, Sheets) counts them after the severities', async () => {
    const book = sampleWorkbook([
      // 有效期至 and 下次校准日期 2026-01-15: both past.
      sample({ 样件编号: 'YJ-1', 确认日期: d('2025-01-15') }),
      // Both 2026-12-10: within the 30 days.
      sample({ 样件编号: 'YJ-2', 确认日期: d('2025-12-10') }),
      sample({ 样件编号: 'YJ-3', 确认日期: '上周' }),
    ])
    const report = await runCheck(book, { today: '2026-11-28' as IsoDate, actor: 'test' })
    expect(report.findings.map((finding) => finding.code).sort()).toEqual([
      'DATA_INVALID',
      'SAMPLE_CALIBRATION_DUE',
      'SAMPLE_CALIBRATION_OVERDUE',
      'SAMPLE_EXPIRED',
      'SAMPLE_EXPIRING',
    ])
    expect(report.summary).toContain('发现 5 条：错误 3、警告 2、提示 0（其中逾期 2、预警 2、数据有误 1）')
  })
})
