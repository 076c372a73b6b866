/**
 * The taizhang command under crashes, concurrent runs and files it cannot use, run as users run it
 * (node bin/taizhang.mjs) on a workbook big enough that a check takes a while:
 * - killed with SIGKILL at several points of a check, the workbook is left as it was or as the
 *   finished check wrote it, never half-written, and the next run works (and clears the debris);
 * - a second check started while the first one works refuses with a clear message and changes
 *   nothing;
 * - a file it cannot use is left byte for byte as it was.
 * Kill points are chosen from what the command prints, never from timings.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GeneratedValue, generatedRows } from '../bench/generate'
import { runInit } from '../src/app/init'
import { type TabId, TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { lockFileFor } from '../src/hosts/xlsx/file-lock'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { newWorkbook, openWorkbookFile, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import {
  compoundFile,
  readBack,
  removeTemporaryDirectories,
  temporaryDirectory,
  zipArchive,
} from './xlsx-helpers'

const ROOT = path.resolve(import.meta.dirname, '..')
const CLI = path.join(ROOT, 'bin', 'taizhang.mjs')
const TODAY = '2026-03-05' as IsoDate
/** Samples in the generated workbook (with as many inspection records and the customer ledgers). */
const SIZE = 1500

interface Run {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** Runs the command; `onStderr` sees its progress as it comes and may kill it. */
function taizhang(
  args: readonly string[],
  onStderr?: (text: string, child: ChildProcess) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      onStderr?.(stderr, child)
    })
    child.stdout.resume()
    child.on('error', reject)
    child.on('close', (status, signal) => resolve({ status, signal, stderr }))
  })
}

/** A generated date (UTC midnight plus the time) as the calendar date a cell holds. */
function generatedCell(value: GeneratedValue): Cell {
  if (!(value instanceof Date)) return value
  const date = value.toISOString().slice(0, 10) as IsoDate
  const minutes = value.getUTCHours() * 60 + value.getUTCMinutes()
  return minutes === 0 ? { date } : { date, minutes }
}

/** The bench's generated ledgers of `size` samples, laid out by `init` and saved by the host. */
async function generateWorkbook(file: string, size: number, today: IsoDate): Promise<void> {
  const seedRows: Partial<Record<TabId, Cell[][]>> = Object.fromEntries(
    generatedRows(size, today, generatedCell),
  )
  const workbook = newWorkbook()
  runInit(workbook, { actor: 'test', today, seedRows })
  await saveWorkbookFile(workbook, file)
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function temporaryFiles(directory: string): Promise<string[]> {
  return (await fs.readdir(directory)).filter((name) => name.endsWith('.tmp'))
}

/** Rows of 提醒汇总 after the header: a finished check writes thousands here. */
async function alertRows(file: string): Promise<number> {
  const workbook = await readBack(file)
  const sheet = workbook.getWorksheet(TEMPLATES.alerts.name) as ExcelJS.Worksheet
  return sheet.actualRowCount - 1
}

let original: string
let originalHash: string

beforeAll(async () => {
  // Builds build/cli.mjs if needed, so that the runs below start alike.
  await taizhang(['--version'])
  original = path.join(await temporaryDirectory(), 'original.xlsx')
  await generateWorkbook(original, SIZE, TODAY)
  originalHash = await sha256(original)
}, 120_000)

afterAll(removeTemporaryDirectories)

async function copyOfOriginal(name: string): Promise<string> {
  const file = path.join(await temporaryDirectory(), name)
  await fs.copyFile(original, file)
  return file
}

describe('check killed with SIGKILL', () => {
  // What the command prints when it reaches each point, and how many times the kill waits for the
  // event loop to turn after seeing it: while checking, just as it starts writing, and later on.
  const killPoints = [
    ['while reading', '读取台账', 0],
    ['while checking the ledgers', '检查“', 0],
    ['as it starts writing', '正在写入', 0],
    ['while it writes', '正在写入', 3],
    ['later while it writes', '正在写入', 20],
  ] as const

  it.each(killPoints)(
    'killed %s, leaves the workbook intact or finished, and the next run works',
    async (_, printed, turns) => {
      const file = await copyOfOriginal('台账.xlsx')
      const directory = path.dirname(file)
      let killed = false
      const run = await taizhang(['check', file, '--today', TODAY], (stderr, child) => {
        if (killed || !stderr.includes(printed)) return
        killed = true
        const kill = (left: number): void => {
          if (left === 0) child.kill('SIGKILL')
          else setImmediate(() => kill(left - 1))
        }
        kill(turns)
      })
      expect(killed, run.stderr).toBe(true)
      const untouched = (await sha256(file)) === originalHash
      if (run.signal === 'SIGKILL' && untouched) {
        // Killed before the rename: the original, byte for byte, still opens.
        await expect(openWorkbookFile(file)).resolves.toBeInstanceOf(XlsxPackage)
      } else {
        // The kill came after the rename (or too late): the workbook is the finished check's.
        expect(await alertRows(file)).toBeGreaterThan(0)
      }
      // The lock of the killed run is taken over, and its temporary file cleared.
      const next = await taizhang(['check', file, '--today', TODAY])
      expect(next.status, next.stderr).toBe(0)
      expect(await temporaryFiles(directory)).toEqual([])
      await expect(fs.access(lockFileFor(file))).rejects.toThrow()
      expect(await alertRows(file)).toBeGreaterThan(0)
    },
    120_000,
  )

  it('killed before it writes, the workbook is byte for byte the original', async () => {
    const file = await copyOfOriginal('未写.xlsx')
    const run = await taizhang(['check', file, '--today', TODAY], (stderr, child) => {
      if (stderr.includes('检查“')) child.kill('SIGKILL')
    })
    expect(run.signal).toBe('SIGKILL')
    expect(await sha256(file)).toBe(originalHash)
  }, 120_000)
})

describe('two checks of one workbook at once', () => {
  it('the second refuses with a clear message while the first works, and the writes never mix', async () => {
    const file = await copyOfOriginal('同时.xlsx')
    let second: Promise<Run> | undefined
    const first = await taizhang(['check', file, '--today', TODAY], (stderr) => {
      // The first run holds the lock before it says it is reading.
      if (second === undefined && stderr.includes('正在读取'))
        second = taizhang(['check', file, '--today', TODAY])
    })
    const refused = await second
    expect(first.status, first.stderr).toBe(0)
    expect(refused?.status).toBe(1)
    expect(refused?.stderr).toContain('另一个台账进程')
    expect(refused?.stderr).toContain('正在处理该文件')
    expect(refused?.stderr).toContain(file)
    // One check, one log line: the refused run wrote nothing.
    const workbook = await readBack(file)
    const log = workbook.getWorksheet(TEMPLATES.log.name) as ExcelJS.Worksheet
    const checks: string[] = []
    log.eachRow((row, index) => {
      const action = row.getCell(2).value
      if (index > 1 && typeof action === 'string' && action.startsWith('检查')) checks.push(action)
    })
    expect(checks).toEqual([`检查（截至 ${TODAY}）`])
  }, 120_000)
})

describe('a file the command cannot use is left byte for byte as it was', () => {
  const cases: readonly (readonly [string, (file: string) => Promise<void>, string])[] = [
    [
      'not a workbook (a CSV)',
      (file) => fs.writeFile(file, '样件编号,样件名称\nS-1,铰链\n'),
      '不是 Excel 工作簿',
    ],
    [
      'a zip that is not a workbook',
      (file) => fs.writeFile(file, zipArchive({ 'a.txt': 'x' })),
      '是压缩包，但不是 Excel 工作簿',
    ],
    [
      'password-protected',
      (file) => fs.writeFile(file, compoundFile(['EncryptionInfo', 'EncryptedPackage'])),
      '设置了打开密码',
    ],
    [
      'truncated',
      async (file) => {
        const bytes = await fs.readFile(original)
        await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
      },
      '已损坏或不完整',
    ],
    [
      'far too large (a 300 MB file)',
      async (file) => {
        // Sparse: the size of a huge file without writing its bytes.
        await fs.copyFile(original, file)
        await fs.truncate(file, 300 * 1024 * 1024)
      },
      '超过了',
    ],
  ]

  it.each(cases)(
    '%s',
    async (_, make, message) => {
      const file = path.join(await temporaryDirectory(), '台账.xlsx')
      await make(file)
      const before = await sha256(file)
      const { mtimeMs } = await fs.stat(file)
      for (const args of [
        ['check', file],
        ['check', file, '--dry-run'],
        ['plan', file, '--year', '2027'],
      ]) {
        const run = await taizhang(args)
        expect(run.status, run.stderr).toBe(1)
        expect(run.stderr).toContain(message)
        expect(run.stderr).toContain(file)
      }
      expect(await sha256(file)).toBe(before)
      expect((await fs.stat(file)).mtimeMs).toBe(mtimeMs)
      expect(await temporaryFiles(path.dirname(file))).toEqual([])
      await expect(fs.access(lockFileFor(file))).rejects.toThrow()
    },
    60_000,
  )
})
