/**
 * `taizhang why` on a real .xlsx made by `taizhang init --demo`, run in-process through main():
 * the text and the JSON of an explanation, exit codes, and a workbook left byte for byte as it was.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE } from '../src/cli/main'
import { inProcess, type Run, taizhang as spawnedTaizhang } from './support/cli-process'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

/** 2026-11-28 08:00 in Asia/Shanghai. */
const NOW = new Date('2026-11-28T00:00:00Z')
const TIMEOUT = 60_000

function taizhang(...args: string[]): Promise<Run> {
  return inProcess(NOW, ...args)
}

async function demoBook(): Promise<string> {
  const file = path.join(await temporaryDirectory(), '台账.xlsx')
  const run = await taizhang('init', file, '--demo')
  expect(run.status, run.stderr).toBe(EXIT_OK)
  return file
}

/** The key of the first finding with `code`, as `check --dry-run --json` reports it. */
async function keyOf(file: string, code: string): Promise<string> {
  const run = await taizhang('check', file, '--dry-run', '--json')
  const { findings } = JSON.parse(run.stdout) as { findings: { code: string; key: string }[] }
  const finding = findings.find((candidate) => candidate.code === code)
  expect(finding, code).toBeDefined()
  return finding?.key ?? ''
}

describe('taizhang why', { timeout: TIMEOUT }, () => {
  it.each([
    [['why', 'x.xlsx', '--key', 'YJ-001'], '缺少必填选项 --tab'],
    [['why', 'x.xlsx', '--tab', '样件台账'], '缺少必填选项 --key'],
    [['why', 'x.xlsx', '--tab', '样件台账', '--key', 'YJ-001', '--today', '2026-02-30'], '--today'],
    [['why', '--tab', '样件台账', '--key', 'YJ-001'], '缺少工作簿文件路径'],
  ])('taizhang %j is a usage error: exit 2, nothing on stdout', async (args, message) => {
    const run = await taizhang(...args)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(message)
    expect(run.stdout).toBe('')
  })

  it('prints a sample finding in words and leaves the workbook byte for byte as it was', async () => {
    const file = await demoBook()
    const key = await keyOf(file, 'SAMPLE_EXPIRED')
    const before = await fs.readFile(file)
    const run = await taizhang('why', file, '--tab', '样件台账', '--key', key)
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain(`“样件台账”第`)
    expect(run.stdout).toContain(`编号 ${key}（按 2026-11-28 检查）`)
    expect(run.stdout).toMatch(/【错误】SAMPLE_EXPIRED 已过期/)
    expect(run.stdout).toContain('依据：标准样件管理规定 4.3')
    expect(run.stdout).toContain('✓ 距有效期至的天数 小于 0')
    expect(run.stdout).toMatch(/有效期至 \d{4}-\d\d-\d\d = 确认日期 \d{4}-\d\d-\d\d \+ \d+ 个月（/)
    expect(run.stdout).toContain('生效的参数：')
    expect((await fs.readFile(file)).equals(before)).toBe(true)
  })

  it('--json prints the explanation alone on stdout, with the working days of a reply deadline', async () => {
    const file = await demoBook()
    const key = await keyOf(file, 'VISIT_REPLY_OVERDUE')
    const run = await taizhang(
      'why',
      file,
      '--tab',
      '客户走访记录',
      '--key',
      key,
      '--json',
      '--today',
      '2026-11-28',
    )
    expect(run.status, run.stderr).toBe(EXIT_OK)
    const explanation = JSON.parse(run.stdout)
    expect(explanation).toMatchObject({ sheet: '客户走访记录', key, today: '2026-11-28' })
    const [record] = explanation.records
    expect(record.findings[0]).toMatchObject({ code: 'VISIT_REPLY_OVERDUE', level: '错误' })
    const deadline = record.derivations.find((line: { text: string }) => line.text.startsWith('答复期限'))
    expect(deadline.days.workingDays).toBe(5)
  })

  it('a record without a finding says 没有提醒 and shows its dates', async () => {
    const file = await demoBook()
    const check = await taizhang('check', file, '--dry-run', '--json')
    const flagged = new Set(
      (JSON.parse(check.stdout) as { findings: { sheet: string; key: string }[] }).findings
        .filter((finding) => finding.sheet === '样件台账')
        .map((finding) => finding.key),
    )
    const quiet = ['YJ-001', 'YJ-002', 'YJ-003', 'YJ-004', 'YJ-005', 'YJ-006', 'YJ-007', 'YJ-008'].find(
      (key) => !flagged.has(key),
    )
    expect(quiet).toBeDefined()
    const run = await taizhang('why', file, '--tab', '样件台账', '--key', quiet ?? '')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain('没有提醒。')
    expect(run.stdout).toContain('- 有效期至 = ')
  })

  it.each([
    [['--tab', '样件台帐', '--key', 'YJ-001'], '“样件台帐”是不是“样件台账”？'],
    [['--tab', '样件台账', '--key', 'YJ-0010'], '“样件台账”中没有编号为“YJ-0010”的记录；相近的编号：YJ-001'],
  ])('an unknown tab or id (%j) exits 1 naming what is near', async (args, message) => {
    const file = await demoBook()
    const run = await taizhang('why', file, ...args)
    expect(run.status).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain(message)
    expect(run.stdout).toBe('')
  })

  it('bin/taizhang.mjs: init --demo, then why, as a user runs them', async () => {
    const file = path.join(await temporaryDirectory(), '示例.xlsx')
    expect((await spawnedTaizhang('init', file, '--demo')).status).toBe(EXIT_OK)
    const run = await spawnedTaizhang(
      'why',
      file,
      '--tab',
      '半年评估',
      '--key',
      '2026H1',
      '--today',
      '2026-11-28',
    )
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain('【警告】METRIC_CHURN_HIGH')
    expect(run.stdout).toContain('依据：重要客户管理规定 3.6')
  })

  it('a file that is not there exits 1', async () => {
    const run = await taizhang(
      'why',
      path.join(await temporaryDirectory(), '没有.xlsx'),
      '--tab',
      '样件台账',
      '--key',
      'YJ-001',
    )
    expect(run.status).toBe(EXIT_UNUSABLE)
  })
})
