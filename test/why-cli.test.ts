/**
 * `taizhang why` on a real .xlsx made by `taizhang init --demo`, run in-process through main():
 * the text and the JSON of an explanation, exit codes, and a workbook left byte for byte as it was.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE } from '../src/cli/main'
import { hasControls } from '../src/core/printable'
import { inProcess, type Run, taizhang as spawnedTaizhang } from './support/cli-process'
import { demoBook } from './support/demo-book'
import { PYTHON } from './support/openpyxl'
import { readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

/** 2026-11-28 08:00 in Asia/Shanghai. */
const NOW = new Date('2026-11-28T00:00:00Z')
const TIMEOUT = 60_000

function taizhang(...args: string[]): Promise<Run> {
  return inProcess(NOW, ...args)
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
    const file = await demoBook(NOW)
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
    const file = await demoBook(NOW)
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

  it('--key takes the 编号 提醒汇总 shows for a composite id: PPAP提交 and 供应商月度评定', async () => {
    const file = await demoBook(NOW)
    expect((await taizhang('check', file)).status).toBe(EXIT_OK)
    const alerts = (await readBack(file)).getWorksheet('提醒汇总')
    const header = ((alerts?.getRow(1).values ?? []) as unknown[]).map(String)
    const numberOf = (sheet: string, code: string): string => {
      let found = ''
      alerts?.eachRow((row, index) => {
        const cell = (header_: string) => String(row.getCell(header.indexOf(header_)).value ?? '')
        if (index > 1 && found === '' && cell('台账') === sheet && cell('代码') === code) found = cell('编号')
      })
      expect(found, `${sheet} ${code} in 提醒汇总`).not.toBe('')
      return found
    }
    const ppap = numberOf('PPAP提交', 'PPAP_INCOMPLETE')
    expect(ppap).toBe('HJ-200-05/gys-001')
    const before = await fs.readFile(file)
    const run = await taizhang('why', file, '--tab', 'PPAP提交', '--key', ppap)
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain(`编号 ${ppap}（按 2026-11-28 检查）`)
    expect(run.stdout).toContain('【警告】PPAP_INCOMPLETE PPAP元素不全')
    expect(run.stdout).toContain(
      '依据：附件2 PPAP管理办法；各提交等级须提交的元素为惯例（AIAG PPAP 第4版 表 4.2）',
    )
    expect(run.stdout).toContain(
      '- 须提交的元素 1,2,9,10,12-14,18：提交等级 2 级（“提交等级”列），按默认等级矩阵 ppap-levels.json：惯例（AIAG PPAP 第4版）表 4.2',
    )
    expect(run.stdout).toContain(
      '- 已提交的元素 1,2,9,10,18（“元素”列）；缺少 3 项：12 合格实验室文件、13 外观批准报告、14 生产件样品',
    )

    const rating = numberOf('供应商月度评定', 'SUPPLIER_RATING_LOW')
    expect(rating).toBe('GYS-005 2026-10')
    // As 提醒汇总 shows it, and with the month as the tab has it typed.
    for (const key of [rating, 'GYS-005 2026年10月']) {
      const low = await taizhang('why', file, '--tab', '供应商月度评定', '--key', key, '--json')
      expect(low.status, low.stderr).toBe(EXIT_OK)
      const [record] = JSON.parse(low.stdout).records
      expect(record.key).toBe('GYS-005 2026-10')
      expect(record.findings.map((finding: { code: string }) => finding.code)).toEqual([
        'SUPPLIER_RATING_LOW',
      ])
      expect(record.derivations.map((line: { text: string }) => line.text)).toContain(
        '连续低分：上月 2026年9月 综合 65.4 分（第 26 行，低于整改线）、本月 2026年10月 综合 60 分（低于整改线），评定整改线 70 分（参数“评定整改线”=70（默认））：连续两个月低于整改线',
      )
    }
    expect((await fs.readFile(file)).equals(before)).toBe(true)
  })

  it('a record without a finding says 没有提醒 and shows its dates', async () => {
    const file = await demoBook(NOW)
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
    const file = await demoBook(NOW)
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

describe('taizhang why, quoting what a cell holds', { timeout: TIMEOUT }, () => {
  it('prints a terminal escape, a line break or an RTL override in a value as its escape, on its line', async () => {
    const file = await demoBook(NOW)
    const key = await keyOf(file, 'SAMPLE_EXPIRED')
    // 样件名称 with an 8-bit CSI (legal XML), a line break that forges a line, a carriage return
    // that would overwrite it, the RTL override; and an ESC, which XML forbids but a crafted file
    // can still carry as &#27;.
    execFileSync(PYTHON, [
      '-c',
      `
import sys, zipfile, shutil, openpyxl
path, key = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path)
ws = wb['样件台账']
header = [cell.value for cell in ws[1]]
for row in ws.iter_rows(min_row=2):
    if row[0].value == key:
        row[header.index('样件名称')].value = 'ESC[31m红ESC[0m\\u009b2J\\n没有提醒。\\r覆盖\\u202egnp.exe'
wb.save(path)
shutil.copy(path, path + '.tmp')
with zipfile.ZipFile(path + '.tmp') as source, zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename.startswith('xl/'): data = data.replace(b'ESC', b'&#27;')
        target.writestr(item, data)
`,
      file,
      key,
    ])
    const run = await taizhang('why', file, '--tab', '样件台账', '--key', key)
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(hasControls(run.stdout.replaceAll('\n', ''))).toBe(false)
    expect(run.stdout).toContain('\\u001b[31m红\\u001b[0m\\u009b2J\\n没有提醒。\\r覆盖\\u202egnp.exe')
    expect(run.stdout.split('\n')).not.toContain('没有提醒。')

    // --json keeps the value as it is, escaped the way JSON escapes, and parses back to it.
    const json = await taizhang('why', file, '--tab', '样件台账', '--key', key, '--json')
    expect(hasControls(json.stdout.replaceAll('\n', ''))).toBe(false)
    expect(json.stdout).toContain('\\u001b[31m红')
    const parsed = JSON.parse(json.stdout) as { records: { findings: { message: string }[] }[] }
    expect(parsed.records[0]?.findings[0]?.message).toContain(
      '\u001b[31m红\u001b[0m\u009b2J\n没有提醒。\r覆盖\u202egnp.exe',
    )
  })
})
