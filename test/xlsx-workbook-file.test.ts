import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import ExcelJS from 'exceljs'
import PizZip from 'pizzip'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { acquireLock, LockHeldError, lockFileFor } from '../src/hosts/xlsx/file-lock'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import {
  openElsewhereWarning,
  openWorkbookFile,
  saveWorkbookFile,
  UnusableFileError,
} from '../src/hosts/xlsx/workbook-file'

import {
  compoundFile,
  minimalWorkbook,
  packageParts,
  readBack,
  removeTemporaryDirectories,
  temporaryDirectory,
  zipArchive,
} from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

async function validWorkbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('样件台账').getCell('A1').value = '样件编号'
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function fileWith(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(await temporaryDirectory(), name)
  await fs.writeFile(file, bytes)
  return file
}

async function openError(file: string, maxBytes?: number): Promise<UnusableFileError> {
  const error = await openWorkbookFile(file, { maxBytes }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof UnusableFileError))
    throw new Error(`expected UnusableFileError, got ${String(error)}`)
  return error
}

describe('opening a file that is not a usable workbook', () => {
  it.each([
    ['a missing file', async () => path.join(await temporaryDirectory(), '没有.xlsx'), '找不到文件'],
    ['a folder', async () => temporaryDirectory(), '文件夹'],
    ['an empty file', async () => fileWith('空.xlsx', ''), '空文件'],
    [
      'a CSV file renamed .xlsx',
      async () => fileWith('台账.xlsx', '样件编号,样件名称\nS-1,铰链\n'),
      '文本文件',
    ],
    [
      'a binary file that is not a zip',
      async () => fileWith('图片.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])),
      '不是 Excel 工作簿',
    ],
    [
      'a zip that is not a workbook',
      async () => fileWith('归档.xlsx', zipArchive({ 'readme.txt': 'hello' })),
      '是压缩包，但不是 Excel 工作簿',
    ],
    [
      'a truncated workbook',
      async () => {
        const bytes = await validWorkbookBytes()
        return fileWith('截断.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)))
      },
      '已损坏或不完整',
    ],
    [
      'a password-protected workbook',
      async () => fileWith('加密.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage'])),
      '密码',
    ],
    [
      'an Excel 97-2003 workbook',
      async () => fileWith('旧.xlsx', compoundFile(['Workbook', 'SummaryInformation'])),
      '97-2003',
    ],
  ])('refuses %s with a message naming the file', async (_, make, reason) => {
    const file = await make()
    const error = await openError(file)
    expect(error.message).toContain(reason)
    expect(error.message).toContain(path.resolve(file))
    expect(error.file).toBe(path.resolve(file))
  })

  it('refuses a file above the size limit before reading it', async () => {
    const file = await fileWith('大.xlsx', await validWorkbookBytes())
    const { size } = await fs.stat(file)
    expect((await openError(file, size - 1)).message).toContain('上限')
    await expect(openWorkbookFile(file, { maxBytes: size })).resolves.toBeInstanceOf(XlsxPackage)
  })
})

describe('content the tool does not own', () => {
  const chartAndPivot = {
    'xl/charts/chart1.xml':
      '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
    'xl/pivotTables/pivotTable1.xml': '<pivotTableDefinition/>',
    'xl/pivotCache/pivotCacheDefinition1.xml': '<pivotCacheDefinition/>',
  }
  const macrosAndThreads = { 'xl/vbaProject.bin': 'x', 'xl/threadedComments/t1.xml': '<x/>' }

  it('opens a plain workbook written by Excel', async () => {
    const workbook = await openWorkbookFile(await fileWith('台账.xlsx', minimalWorkbook()))
    expect(workbook.readTab('样件台账')?.header).toEqual(['样件编号'])
    expect((await readBack(await workbook.toBuffer())).getWorksheet('样件台账')?.getCell('A1').value).toBe(
      '样件编号',
    )
  })

  it.each([
    ['charts and pivot tables', chartAndPivot],
    ['macros and threaded comments', macrosAndThreads],
  ])('opens a workbook with %s and saves them byte for byte', async (_, extra) => {
    const file = await fileWith('台账.xlsx', minimalWorkbook(extra))
    const before = packageParts(await fs.readFile(file))
    const workbook = await openWorkbookFile(file)
    workbook.writeCells('样件台账', [{ row: 2, column: 0, value: 'S-1' }])
    await saveWorkbookFile(workbook, file)
    const after = packageParts(await fs.readFile(file))
    for (const name of Object.keys(extra)) {
      expect(after.get(name), name).toBeDefined()
      expect(after.get(name)?.equals(before.get(name) as Buffer), name).toBe(true)
    }
    expect((await readBack(file)).getWorksheet('样件台账')?.getCell('A2').value).toBe('S-1')
  })

  it('keeps every part of a compressed zip as ExcelJS writes it', async () => {
    const bytes = await validWorkbookBytes()
    const before = packageParts(bytes)
    expect([...before.keys()]).toContain('xl/workbook.xml')
    expect([...before.keys()]).toContain('xl/worksheets/sheet1.xml')
    const file = await fileWith('台账.xlsx', bytes)
    await saveWorkbookFile(await openWorkbookFile(file), file)
    const after = packageParts(await fs.readFile(file))
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [name, part] of before) expect(after.get(name)?.equals(part), name).toBe(true)
    // A real zip reader opens what was saved.
    expect(Object.keys(new PizZip(await fs.readFile(file)).files)).toContain('xl/workbook.xml')
  })
})

describe('saving atomically', () => {
  async function bookWith(text: string): Promise<{ file: string; workbook: XlsxPackage }> {
    const file = await fileWith('台账.xlsx', await validWorkbookBytes())
    const workbook = await openWorkbookFile(file)
    workbook.writeCells('样件台账', [{ row: 2, column: 1, value: text }])
    return { file, workbook }
  }

  async function cellB2(file: string): Promise<ExcelJS.CellValue> {
    return (await readBack(file)).getWorksheet('样件台账')?.getCell('B2').value
  }

  async function filesIn(directory: string): Promise<string[]> {
    return (await fs.readdir(directory)).sort()
  }

  it('replaces the file and keeps its permissions', async () => {
    const { file, workbook } = await bookWith('新内容')
    await fs.chmod(file, 0o640)
    await saveWorkbookFile(workbook, file)
    expect(await cellB2(file)).toBe('新内容')
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640)
    expect(await filesIn(path.dirname(file))).toEqual(['台账.xlsx'])
  })

  it('leaves the original untouched and no temporary file when writing the new file fails', async () => {
    const { file, workbook } = await bookWith('不该出现')
    const original = await fs.readFile(file)
    const failure = new Error('磁盘已满（模拟）')
    await expect(
      saveWorkbookFile(workbook, file, {
        beforeRename: async (temporary) => {
          expect(path.dirname(temporary)).toBe(path.dirname(await fs.realpath(file)))
          throw failure
        },
      }),
    ).rejects.toThrow(/原文件未改动/)
    expect((await fs.readFile(file)).equals(original)).toBe(true)
    expect(await filesIn(path.dirname(file))).toEqual(['台账.xlsx'])
  })

  it('leaves the original untouched when the workbook cannot be serialized', async () => {
    const { file, workbook } = await bookWith('不该出现')
    const original = await fs.readFile(file)
    vi.spyOn(workbook, 'toBuffer').mockRejectedValueOnce(new Error('生成出错（模拟）'))
    await expect(saveWorkbookFile(workbook, file)).rejects.toThrow(/原文件未改动/)
    expect((await fs.readFile(file)).equals(original)).toBe(true)
    expect(await filesIn(path.dirname(file))).toEqual(['台账.xlsx'])
  })

  it('writes through a symbolic link to the file it points to', async () => {
    const { file, workbook } = await bookWith('经由链接')
    const link = path.join(path.dirname(file), '链接.xlsx')
    await fs.symlink(file, link)
    await saveWorkbookFile(workbook, link)
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true)
    expect(await cellB2(file)).toBe('经由链接')
  })
})

describe('a workbook open in Excel, WPS or LibreOffice', () => {
  it.each(['~$台账.xlsx', '.~lock.台账.xlsx#'])('is recognised by the owner file %s', async (owner) => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    expect(await openElsewhereWarning(file)).toBeUndefined()
    await fs.writeFile(path.join(path.dirname(file), owner), '')
    expect(await openElsewhereWarning(file)).toContain(owner)
  })
})

describe('the lock beside the workbook', () => {
  it('refuses a second run while the first holds the lock, and frees it on release', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const lock = await acquireLock(file)
    expect(lock.lockFile).toBe(lockFileFor(file))
    const refused = await acquireLock(file).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(LockHeldError)
    expect((refused as Error).message).toContain(`另一个台账进程（pid ${process.pid}`)
    expect((refused as Error).message).toContain('请稍后再试')
    await lock.release()
    await expect(fs.access(lockFileFor(file))).rejects.toThrow()
    const again = await acquireLock(file)
    await again.release()
  })

  it('takes over a lock left by a process that has ended', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const ended = spawnSync(process.execPath, ['-e', ''])
    expect(ended.pid).toBeGreaterThan(0)
    const stale = { pid: ended.pid, host: os.hostname(), time: new Date().toISOString(), token: 'x' }
    await fs.writeFile(lockFileFor(file), JSON.stringify(stale))
    const lock = await acquireLock(file)
    expect(JSON.parse(await fs.readFile(lock.lockFile, 'utf8')).pid).toBe(process.pid)
    await lock.release()
  })

  it('treats an unreadable lock as held while it is fresh and as stale once it is old', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    await fs.writeFile(lockFileFor(file), '')
    await expect(acquireLock(file)).rejects.toThrow(/另一个台账进程正在处理/)
    const old = new Date(Date.now() - 60_000)
    await fs.utimes(lockFileFor(file), old, old)
    const lock = await acquireLock(file)
    await lock.release()
  })

  it('does not remove a lock that another run holds when releasing', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const lock = await acquireLock(file)
    const someoneElse = JSON.stringify({
      pid: process.pid,
      host: 'x',
      time: new Date().toISOString(),
      token: 'other',
    })
    await fs.writeFile(lock.lockFile, someoneElse)
    await lock.release()
    expect(await fs.readFile(lock.lockFile, 'utf8')).toBe(someoneElse)
  })
})
