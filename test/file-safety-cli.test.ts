/**
 * The file-level faults of issue 8 through the taizhang command: non-regular files, read-only
 * workbooks, workbooks open in Excel/WPS/LibreOffice, planted symbolic links, unusable --out
 * folders and names too long or too alike for a file system. What could hang runs in a child
 * process with a deadline; the rest runs in-process through main().
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInit } from '../src/app/init'
import { EXIT_OK, EXIT_UNUSABLE, halfYearChartFile } from '../src/cli/main'
import type { IsoDate } from '../src/core/dates'
import { acquireLock, lockFileFor } from '../src/hosts/xlsx/file-lock'
import { newWorkbook, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { letterFileName } from '../src/ledgers/visits/reply-letter'
import { inProcess, type Run, type SpawnedRun, spawned } from './support/cli-process'
import { demoBook } from './support/demo-book'
import { d } from './support/ledger-builder'
import { letterSeedRows, QUESTIONS, VISITS } from './support/letter-fixtures'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 60_000
/** A child that has not finished by then hangs: it is killed and the test fails. */
const HANG_MS = 30_000
const LINUX = process.platform === 'linux'
const NOW = new Date('2026-08-10T00:00:00Z')
const CLOSE_IT = '请先在 Excel/WPS/LibreOffice 中关闭它再运行'

function taizhang(...args: string[]): Promise<Run> {
  return inProcess(NOW, ...args)
}

/** The real command in a child process, killed if it has not finished within HANG_MS. */
function spawnedRun(...args: string[]): Promise<SpawnedRun> {
  return spawned(args, { limitMs: HANG_MS })
}

/** A workbook holding the letter fixtures' visits (and any others given). */
async function letterBook(
  visits = VISITS,
  questions = QUESTIONS,
  name = '台账.xlsx',
  directory?: string,
): Promise<string> {
  const file = path.join(directory ?? (await temporaryDirectory()), name)
  const workbook = newWorkbook()
  runInit(workbook, {
    actor: 'test',
    today: '2025-09-26' as IsoDate,
    seedRows: letterSeedRows(visits, questions),
  })
  await saveWorkbookFile(workbook, file)
  return file
}

async function visibleFiles(directory: string): Promise<string[]> {
  return (await fs.readdir(directory)).sort()
}

describe('files that are not regular files are refused at once, leaving no lock', {
  timeout: TIMEOUT,
}, () => {
  beforeAll(async () => {
    const run = await spawnedRun('--version')
    expect(run.status, run.stderr).toBe(0)
  }, TIMEOUT)

  it.skipIf(!LINUX)('a FIFO named f.xlsx', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, 'f.xlsx')
    expect(spawnSync('mkfifo', [file]).status).toBe(0)
    for (const command of [['check'], ['init'], ['check', '--dry-run']]) {
      const [name = '', ...rest] = command
      const run = await spawnedRun(name, file, ...rest)
      expect(run.hung, `${command.join(' ')} hung`).toBe(false)
      expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
      expect(run.stderr).toContain(`“${file}”是命名管道（FIFO）`)
      expect(await visibleFiles(directory)).toEqual(['f.xlsx'])
    }
  })

  it.skipIf(!LINUX)('a link to /dev/zero, without reading it', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, 'zero.xlsx')
    await fs.symlink('/dev/zero', file)
    const run = await spawnedRun('check', file)
    expect(run.hung).toBe(false)
    expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain('设备文件')
    expect(await visibleFiles(directory)).toEqual(['zero.xlsx'])
  })

  it.skipIf(!LINUX)(
    'letter --out /proc/nope/x fails fast, naming the folder, and releases the lock',
    async () => {
      const book = await letterBook()
      const before = await fs.readFile(book)
      const run = await spawnedRun('letter', book, '--visit', 'ZF-2026-001', '--out', '/proc/nope/x')
      expect(run.hung, 'letter --out /proc/nope/x hung').toBe(false)
      expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
      expect(run.stderr).toContain('无法创建答复单文件夹“/proc/nope/x”')
      expect(run.stderr).toContain('--out')
      await expect(fs.access(lockFileFor(book))).rejects.toThrow()
      expect((await fs.readFile(book)).equals(before)).toBe(true)
    },
  )
})

describe('a workbook reached through a symbolic link', { timeout: TIMEOUT }, () => {
  it('shares the real file’s lock: letter on the link waits for check on the real file, and the reverse', async () => {
    const real = await letterBook()
    const link = path.join(await temporaryDirectory(), 'link.xlsx')
    await fs.symlink(real, link)
    const before = await fs.readFile(real)
    const held = await acquireLock(real)
    try {
      const letter = await taizhang('letter', link, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
      expect(letter.status, letter.stderr).toBe(EXIT_UNUSABLE)
      expect(letter.stderr).toContain('另一个台账进程')
    } finally {
      await held.release()
    }
    const viaLink = await acquireLock(link)
    try {
      const check = await taizhang('check', real)
      expect(check.status, check.stderr).toBe(EXIT_UNUSABLE)
      expect(check.stderr).toContain('另一个台账进程')
    } finally {
      await viaLink.release()
    }
    expect((await fs.readFile(real)).equals(before)).toBe(true)
    // Saving through the link replaces the real file and keeps the link.
    const letter = await taizhang('letter', link, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
    expect(letter.status, letter.stderr).toBe(EXIT_OK)
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true)
    expect((await fs.readFile(real)).equals(before)).toBe(false)
  })
})

describe('a read-only workbook', { timeout: TIMEOUT }, () => {
  it('is refused by every command that saves, and left as it was; a dry run reads it', async () => {
    const file = await demoBook(NOW)
    await fs.chmod(file, 0o444)
    const before = await fs.readFile(file)
    for (const args of [['check'], ['init'], ['plan', '--year', '2027'], ['report', '--period', '2026H1']]) {
      const [command = '', ...rest] = args
      const run = await taizhang(command, file, ...rest)
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(EXIT_UNUSABLE)
      expect(run.stderr).toContain(`工作簿“${file}”是只读文件`)
      expect(run.stderr).toContain('chmod u+w')
    }
    expect((await fs.readFile(file)).equals(before)).toBe(true)
    expect((await fs.stat(file)).mode & 0o777).toBe(0o444)
    await expect(fs.access(halfYearChartFile(file))).rejects.toThrow()
    const dryRun = await taizhang('check', file, '--dry-run')
    expect(dryRun.status, dryRun.stderr).toBe(EXIT_OK)
  })
})

describe('a workbook open in Excel, WPS or LibreOffice', { timeout: TIMEOUT }, () => {
  it.each([
    ['check', [], '~$台账.xlsx'],
    ['init', [], '~$台账.xlsx'],
    ['report', ['--period', '2026H1'], '.~lock.台账.xlsx#'],
    ['plan', ['--year', '2027'], '~$台账.xlsx'],
  ])(
    '%s %j is refused (exit 1) while %s is beside it; the file is left as it was',
    async (command, rest, owner) => {
      const file = await demoBook(NOW)
      await fs.writeFile(path.join(path.dirname(file), owner), '')
      const before = await fs.readFile(file)
      const run = await taizhang(command, file, ...rest)
      expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
      expect(run.stderr).toContain(CLOSE_IT)
      expect(run.stderr).toContain(owner)
      expect((await fs.readFile(file)).equals(before)).toBe(true)
      expect((await visibleFiles(path.dirname(file))).sort()).toEqual([owner, '台账.xlsx'].sort())
    },
  )

  it('letter is refused too, and writes no letter', async () => {
    const book = await letterBook()
    await fs.writeFile(path.join(path.dirname(book), '~$台账.xlsx'), '')
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
    expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain(CLOSE_IT)
    expect(await visibleFiles(path.dirname(book))).toEqual(['~$台账.xlsx', '台账.xlsx'])
  })

  it('is found beside the real file when the workbook is given through a link, and for a long name', async () => {
    const real = await demoBook(NOW, '客户管理台账2026年度.xlsx')
    const link = path.join(await temporaryDirectory(), 'link.xlsx')
    await fs.symlink(real, link)
    await fs.writeFile(path.join(path.dirname(real), '~$管理台账2026年度.xlsx'), '')
    const run = await taizhang('check', link)
    expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain(CLOSE_IT)
  })

  it('--dry-run only warns', async () => {
    const file = await demoBook(NOW)
    await fs.writeFile(path.join(path.dirname(file), '~$台账.xlsx'), '')
    const run = await taizhang('check', file, '--dry-run')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stderr).toContain('注意')
    expect(run.stderr).toContain('~$台账.xlsx')
  })
})

describe('output files', { timeout: TIMEOUT }, () => {
  it('report replaces a symbolic link planted at the chart’s name instead of writing through it', async () => {
    const file = await demoBook(NOW)
    const victim = path.join(await temporaryDirectory(), 'victim.txt')
    await fs.writeFile(victim, 'precious')
    await fs.symlink(victim, halfYearChartFile(file))
    const run = await taizhang('report', file, '--period', '2026H1')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(await fs.readFile(victim, 'utf8')).toBe('precious')
    const chart = await fs.lstat(halfYearChartFile(file))
    expect(chart.isFile()).toBe(true)
    expect(await fs.readFile(halfYearChartFile(file), 'utf8')).toContain('<svg')
  })

  it('report keeps the mode of the chart it replaces', async () => {
    const file = await demoBook(NOW)
    await fs.writeFile(halfYearChartFile(file), 'old')
    await fs.chmod(halfYearChartFile(file), 0o600)
    const run = await taizhang('report', file, '--period', '2026H1')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect((await fs.stat(halfYearChartFile(file))).mode & 0o777).toBe(0o600)
  })

  it('a workbook with a 245-byte name is initialised, checked and reported on, the chart’s name shortened', async () => {
    const name = `${'台'.repeat(80)}.xlsx`
    expect(Buffer.byteLength(name)).toBe(245)
    const file = await demoBook(NOW, name)
    const check = await taizhang('check', file)
    expect(check.status, check.stderr).toBe(EXIT_OK)
    const report = await taizhang('report', file, '--period', '2026H1')
    expect(report.status, report.stderr).toBe(EXIT_OK)
    const chart = halfYearChartFile(file)
    expect(Buffer.byteLength(path.basename(chart))).toBeLessThanOrEqual(200)
    expect(report.stderr).toContain(`趋势图的文件名缩短为“${path.basename(chart)}”`)
    expect(await fs.readFile(chart, 'utf8')).toContain('<svg')
    expect(await visibleFiles(path.dirname(file))).toEqual([name, path.basename(chart)].sort())
  })
})

describe('letter file names', { timeout: TIMEOUT }, () => {
  const shared = 'Z'.repeat(60)
  const ids = ['😀'.repeat(60), 'a/b', 'a_b', `${shared}1`, `${shared}2`]
  const visits = ids.map((id) => ({
    走访编号: id,
    客户编号: 'KH-001',
    客户名称: '一汽大众汽车有限公司',
    走访日期: d('2025-09-26'),
  }))
  const questions = ids.map((id) => ({ 走访编号: id, 序号: 1, 问题: `问题 ${id}`, 答复: '已处理。' }))

  it('are within 200 bytes and never shared by two visits', async () => {
    const book = await letterBook(visits, questions, `${'台'.repeat(80)}.xlsx`)
    const directory = path.dirname(book)
    for (const id of ids) {
      const run = await taizhang('letter', book, '--visit', id, '--today', '2025-09-30')
      expect(run.status, `${id}: ${run.stderr}`).toBe(EXIT_OK)
      const letter = `${letterFileName(id, 1)}.docx`
      expect(run.stdout).toContain(path.join(directory, letter))
      expect(Buffer.byteLength(letter)).toBeLessThanOrEqual(200)
      if (id !== 'a_b') expect(run.stderr).toContain('答复单的文件名改为')
    }
    const letters = (await visibleFiles(directory)).filter((name) => name.endsWith('.docx'))
    expect(letters).toHaveLength(ids.length)
  })

  it('an existing file is refused naming the visit it belongs to', async () => {
    const book = await letterBook(visits, questions)
    const letter = path.join(path.dirname(book), `${letterFileName('a/b', 1)}.docx`)
    await fs.writeFile(letter, 'someone’s file')
    const run = await taizhang('letter', book, '--visit', 'a/b', '--today', '2025-09-30')
    expect(run.status, run.stderr).toBe(EXIT_UNUSABLE)
    expect(run.stderr).toContain(`走访 a/b 的答复单：文件“${letter}”已经存在，但“客户走访记录”中没有记下它`)
    expect(await fs.readFile(letter, 'utf8')).toBe('someone’s file')
    // a_b is another visit: its letter is not the file above.
    const other = await taizhang('letter', book, '--visit', 'a_b', '--today', '2025-09-30')
    expect(other.status, other.stderr).toBe(EXIT_OK)
  })
})
