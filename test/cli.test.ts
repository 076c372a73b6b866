/** The taizhang command as users run it: `node bin/taizhang.mjs …` in a child process. */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import type ExcelJS from 'exceljs'
import PizZip from 'pizzip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_TEMPLATES, TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import { lockFileFor } from '../src/hosts/xlsx/file-lock'
import { openWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { taizhang } from './support/cli-process'
import { packageParts, readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 60_000

async function newBook(demo = false): Promise<string> {
  const file = path.join(await temporaryDirectory(), '台账.xlsx')
  const run = await taizhang('init', file, ...(demo ? ['--demo'] : []))
  expect(run, run.stderr).toMatchObject({ status: 0 })
  return file
}

/** Every tab's cells as the core would read them. */
async function contents(file: string): Promise<Record<string, readonly (readonly Cell[])[]>> {
  const port = await openWorkbookFile(file)
  const tabs: Record<string, readonly (readonly Cell[])[]> = {}
  for (const name of port.tabNames()) {
    const table = port.readTab(name)
    if (table) tabs[name] = [table.header, ...table.rows]
  }
  return tabs
}

/** Edits the workbook as a user would in another program (ExcelJS here) and saves it. */
async function editBook(file: string, edit: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = await readBack(file)
  edit(workbook)
  await workbook.xlsx.writeFile(file)
}

const CHART_PARTS: Readonly<Record<string, string>> = {
  'xl/charts/chart1.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
  'xl/pivotTables/pivotTable1.xml': '<pivotTableDefinition/>',
  'xl/vbaProject.bin': 'macros',
}

/** Adds parts the tool does not own (a chart, a pivot table, macros) to a saved workbook. */
async function addForeignParts(file: string): Promise<void> {
  const zip = new PizZip(await fs.readFile(file))
  for (const [name, text] of Object.entries(CHART_PARTS)) zip.file(name, text)
  const types = zip.file('[Content_Types].xml')?.asText() ?? ''
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  )
  await fs.writeFile(file, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }))
}

describe.concurrent('taizhang command line', { timeout: TIMEOUT }, () => {
  beforeAll(async () => {
    // The first run builds build/cli.mjs; later runs in parallel then share it.
    const run = await taizhang('--version')
    expect(run.status, run.stderr).toBe(0)
  }, TIMEOUT)

  describe('usage errors exit 2 with a Chinese message and print nothing on stdout', () => {
    it.each([
      [[], '用法'],
      [['frobnicate', 'x.xlsx'], '未知命令“frobnicate”'],
      [['check', 'x.xlsx', '--bogus'], '未知选项“--bogus”'],
      [['check', 'x.xlsx', '--today', '2026-02-30'], '--today 的值“2026-02-30”无效'],
      [['check', 'x.xlsx', '--today', 'tomorrow'], 'YYYY-MM-DD'],
      [['check'], '缺少工作簿文件路径'],
      [['check', 'a.xlsx', 'b.xlsx'], '参数过多'],
      [['plan', 'x.xlsx'], '缺少必填选项 --year'],
      [['plan', 'x.xlsx', '--year', '27'], '--year 的值“27”无效'],
      [['init', path.join(os.tmpdir(), 'taizhang-no-extension')], '.xlsx 结尾'],
    ])('taizhang %j', async (args, message) => {
      const run = await taizhang(...args)
      expect(run.status).toBe(2)
      expect(run.stderr).toContain(message)
      expect(run.stdout).toBe('')
    })

    it.each([[['check', '--help']], [['help', 'check']]])(
      'taizhang %j shows the help in Chinese with exit 0',
      async (args) => {
        const run = await taizhang(...args)
        expect(run.status).toBe(0)
        expect(run.stdout).toContain('用法')
        expect(run.stdout).toContain('--dry-run')
      },
    )
  })

  describe('unusable input exits 1 naming what is wrong', () => {
    it('a missing file', async () => {
      const file = path.join(await temporaryDirectory(), '不存在.xlsx')
      const run = await taizhang('check', file)
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(`找不到文件“${file}”`)
      expect(run.stdout).toBe('')
    })

    it('a text file named .xlsx', async () => {
      const file = path.join(await temporaryDirectory(), '导出.xlsx')
      await fs.writeFile(file, '样件编号,样件名称\n')
      const run = await taizhang('check', file, '--json')
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('不是 Excel 工作簿')
      expect(run.stdout).toBe('')
    })

    it('a required header missing', async () => {
      const file = await newBook()
      const samples = TEMPLATES.samples
      await editBook(file, (workbook) => {
        const sheet = workbook.getWorksheet(samples.name)
        sheet?.getRow(1).eachCell((cell) => {
          if (cell.value === samples.key) cell.value = '编号（改过名）'
        })
      })
      const before = await fs.readFile(file)
      const run = await taizhang('check', file)
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(samples.name)
      expect(run.stderr).toContain(`“${samples.key}”`)
      expect((await fs.readFile(file)).equals(before)).toBe(true)
    })

    it('a workbook another live run has locked, while a lock left by an ended run is taken over', async () => {
      const file = await newBook()
      const held = { pid: process.pid, host: os.hostname(), time: new Date().toISOString(), token: 't' }
      await fs.writeFile(lockFileFor(file), JSON.stringify(held))
      const refused = await taizhang('check', file)
      expect(refused.status).toBe(1)
      expect(refused.stderr).toContain(`另一个台账进程（pid ${process.pid}`)

      const ended = spawnSync(process.execPath, ['-e', ''])
      await fs.writeFile(lockFileFor(file), JSON.stringify({ ...held, pid: ended.pid }))
      const taken = await taizhang('check', file)
      expect(taken.status, taken.stderr).toBe(0)
      await expect(fs.access(lockFileFor(file))).rejects.toThrow()
    })
  })

  describe('work done exits 0', () => {
    it('a workbook with a chart, a pivot table and macros is checked, and they are kept byte for byte', async () => {
      const file = await newBook(true)
      await addForeignParts(file)
      const before = packageParts(await fs.readFile(file))
      const dryRun = await taizhang('check', file, '--today', '2026-03-05', '--dry-run', '--json')
      expect(dryRun.status, dryRun.stderr).toBe(0)
      expect(dryRun.stderr).not.toContain('注意')
      const run = await taizhang('check', file, '--today', '2026-03-05')
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).not.toContain('图表')
      const after = packageParts(await fs.readFile(file))
      for (const name of Object.keys(CHART_PARTS))
        expect(after.get(name)?.equals(before.get(name) as Buffer), name).toBe(true)
      expect((await contents(file))[TEMPLATES.alerts.name]?.length).toBeGreaterThan(1)
    })

    it('init creates every tab in template order, and again adds nothing and keeps the data', async () => {
      const file = await newBook()
      const workbook = await readBack(file)
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
        ALL_TEMPLATES.map((template) => template.name),
      )
      await editBook(file, (book) => {
        const cell = book.getWorksheet(TEMPLATES.samples.name)?.getCell('A2')
        if (cell) cell.value = 'S-用户'
      })
      const before = await contents(file)
      const again = await taizhang('init', file)
      expect(again.status, again.stderr).toBe(0)
      const after = await contents(file)
      const log = TEMPLATES.log.name
      expect({ ...after, [log]: [] }).toEqual({ ...before, [log]: [] })
      expect(after[log]?.length).toBe((before[log]?.length ?? 0) + 1)
    })

    it('check --json prints exactly {today, findings} on stdout and writes the workbook', async () => {
      const file = await newBook(true)
      const before = await contents(file)
      const run = await taizhang('check', file, '--today', '2026-03-05', '--json')
      expect(run.status, run.stderr).toBe(0)
      const output = JSON.parse(run.stdout) as { today: string; findings: Record<string, unknown>[] }
      expect(Object.keys(output)).toEqual(['today', 'findings'])
      expect(output.today).toBe('2026-03-05')
      expect(output.findings.length).toBeGreaterThan(0)
      for (const finding of output.findings) {
        expect(Object.keys(finding).sort()).toEqual([
          'code',
          'due',
          'key',
          'message',
          'row',
          'severity',
          'sheet',
        ])
        expect(['error', 'warning', 'info']).toContain(finding.severity)
      }
      expect(run.stderr).toContain('正在读取')
      const after = await contents(file)
      // 提醒汇总 holds one row per finding, and the log gained a line.
      expect(after[TEMPLATES.alerts.name]?.length).toBe(output.findings.length + 1)
      expect(after[TEMPLATES.log.name]?.length).toBe((before[TEMPLATES.log.name]?.length ?? 0) + 1)
    })

    it('check prints a summary naming the workbook; --dry-run leaves the file as it was', async () => {
      const file = await newBook(true)
      const before = await fs.readFile(file)
      const run = await taizhang('check', file, '--today', '2026-03-05', '--dry-run')
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toContain('检查日期：2026-03-05')
      expect(run.stdout).toContain('按代码统计')
      expect(run.stdout).toContain(file)
      expect((await fs.readFile(file)).equals(before)).toBe(true)
    })

    it('check twice on the same day leaves the same workbook, log lines aside', async () => {
      const file = await newBook(true)
      expect((await taizhang('check', file, '--today', '2026-03-05')).status).toBe(0)
      const first = await contents(file)
      expect((await taizhang('check', file, '--today', '2026-03-05')).status).toBe(0)
      const second = await contents(file)
      const log = TEMPLATES.log.name
      expect({ ...second, [log]: [] }).toEqual({ ...first, [log]: [] })
    })

    it('plan --year writes the annual plans', async () => {
      const file = await newBook(true)
      const run = await taizhang('plan', file, '--year', '2027', '--today', '2026-12-01')
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toContain('2027')
      const after = await contents(file)
      const plan = after[TEMPLATES.inspectionPlan.name] ?? []
      const year = plan[0]?.indexOf('年度') ?? -1
      expect(plan.length).toBeGreaterThan(1)
      expect(plan.slice(1).every((row) => row[year] === 2027)).toBe(true)
    })
  })
})

describe('bin/taizhang.mjs', () => {
  it(
    'rebuilds build/cli.mjs when it is older than the sources, leaving no temporary file',
    async () => {
      const bundle = fileURLToPath(new URL('../build/cli.mjs', import.meta.url))
      const old = new Date('2000-01-01T00:00:00Z')
      await fs.utimes(bundle, old, old)
      const run = await taizhang('--version')
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).toBe('')
      expect((await fs.stat(bundle)).mtimeMs).toBeGreaterThan(old.getTime())
      expect((await fs.readdir(path.dirname(bundle))).filter((name) => name.endsWith('.tmp'))).toEqual([])
    },
    TIMEOUT,
  )
})
