/**
 * The file-level safety of the local host (src/hosts/xlsx/file-safety.ts): what may be read as a
 * workbook, how much of it, when a run that saves must refuse it, and how files are replaced.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as net from 'node:net'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  fitFileName,
  OpenElsewhereError,
  openElsewhereWarning,
  ownerFileOf,
  readWorkbookBytes,
  realPath,
  refuseIfOpenElsewhere,
  removeAbandonedTemporaryFiles,
  UnusableFileError,
  writeFileAtomic,
} from '../src/hosts/xlsx/file-safety'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 20_000
const LINUX = process.platform === 'linux'
const ROOT = process.getuid?.() === 0

async function refusal(promise: Promise<unknown>): Promise<UnusableFileError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof UnusableFileError))
    throw new Error(`expected UnusableFileError, got ${String(error)}`)
  return error
}

async function fileWith(name: string, bytes: string | Buffer = 'PK\u0003\u0004 workbook'): Promise<string> {
  const file = path.join(await temporaryDirectory(), name)
  await fs.writeFile(file, bytes)
  return file
}

describe('readWorkbookBytes refuses what is not a regular file, at once', { timeout: TIMEOUT }, () => {
  it.skipIf(!LINUX)('a FIFO named .xlsx, without waiting for a writer', async () => {
    const file = path.join(await temporaryDirectory(), 'f.xlsx')
    expect(spawnSync('mkfifo', [file]).status).toBe(0)
    const started = Date.now()
    const error = await refusal(readWorkbookBytes(file))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error.message).toContain('命名管道（FIFO）')
    expect(error.message).toContain(file)
    expect(error.file).toBe(file)
  })

  it.skipIf(!LINUX)('a link to /dev/zero, without reading from it', async () => {
    const file = path.join(await temporaryDirectory(), 'zero.xlsx')
    await fs.symlink('/dev/zero', file)
    const error = await refusal(readWorkbookBytes(file))
    expect(error.message).toContain('设备文件')
    expect(error.message).toContain(file)
  })

  it.skipIf(process.platform === 'win32')('a socket', async () => {
    const file = path.join(await temporaryDirectory(), 's.xlsx')
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(file, resolve))
    try {
      expect((await refusal(readWorkbookBytes(file))).message).toContain('套接字')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('a folder, a dangling link and a missing file, each named', async () => {
    const directory = await temporaryDirectory()
    expect((await refusal(readWorkbookBytes(directory))).message).toContain('文件夹')
    const dangling = path.join(directory, '链接.xlsx')
    await fs.symlink(path.join(directory, '没有.xlsx'), dangling)
    expect((await refusal(readWorkbookBytes(dangling))).message).toContain('指向的文件不存在')
    const missing = path.join(directory, '没有.xlsx')
    expect((await refusal(readWorkbookBytes(missing))).message).toContain(`找不到文件“${missing}”`)
  })
})

describe('readWorkbookBytes caps what it reads', { timeout: TIMEOUT }, () => {
  it('reads a file of exactly maxBytes and refuses one byte more', async () => {
    const file = await fileWith('台账.xlsx', Buffer.alloc(1000, 7))
    expect((await readWorkbookBytes(file, { maxBytes: 1000 })).length).toBe(1000)
    expect((await refusal(readWorkbookBytes(file, { maxBytes: 999 }))).message).toContain('上限')
  })

  it.skipIf(!LINUX)(
    'does not trust stat: a file that says 0 bytes but holds more is refused once maxBytes+1 arrive',
    async () => {
      // /proc files report size 0 and still have content, like a file growing as it is read.
      const file = path.join(await temporaryDirectory(), 'proc.xlsx')
      await fs.symlink('/proc/self/status', file)
      expect((await fs.stat(file)).size).toBe(0)
      const error = await refusal(readWorkbookBytes(file, { maxBytes: 100 }))
      expect(error.message).toContain('上限')
      expect(error.message).toContain(file)
      expect((await readWorkbookBytes(file, { maxBytes: 1024 * 1024 })).length).toBeGreaterThan(100)
    },
  )
})

describe('readWorkbookBytes for a run that saves', { timeout: TIMEOUT }, () => {
  it('refuses a read-only workbook (mode 444), saying how to fix it, and reads it for a dry run', async () => {
    const file = await fileWith('只读.xlsx')
    await fs.chmod(file, 0o444)
    const error = await refusal(readWorkbookBytes(file, { forWriting: true }))
    expect(error.message).toContain(`工作簿“${file}”是只读文件`)
    expect(error.message).toContain('chmod u+w')
    expect(error.message).toContain('--dry-run')
    await expect(readWorkbookBytes(file, { forWriting: false })).resolves.toBeInstanceOf(Buffer)
    await expect(readWorkbookBytes(file)).resolves.toBeInstanceOf(Buffer)
  })

  it('refuses a workbook open in Excel, also through a symbolic link', async () => {
    const file = await fileWith('台账.xlsx')
    const link = path.join(await temporaryDirectory(), 'link.xlsx')
    await fs.symlink(file, link)
    await fs.writeFile(path.join(path.dirname(file), '~$台账.xlsx'), '')
    for (const name of [file, link]) {
      const error = await refusal(readWorkbookBytes(name, { forWriting: true }))
      expect(error).toBeInstanceOf(OpenElsewhereError)
      expect(error.message).toContain('请先在 Excel/WPS/LibreOffice 中关闭它再运行')
    }
    await expect(readWorkbookBytes(link)).resolves.toBeInstanceOf(Buffer)
  })
})

describe('owner files of Excel, WPS and LibreOffice', { timeout: TIMEOUT }, () => {
  it.each([
    ['台账.xlsx', '~$台账.xlsx'],
    ['客户管理台账2026年度.xlsx', '~$管理台账2026年度.xlsx'],
    ['台账.xlsx', '.~lock.台账.xlsx#'],
  ])('%s is open while %s is beside it', async (name, owner) => {
    const file = path.join(await temporaryDirectory(), name)
    await fs.writeFile(file, 'x')
    expect(await ownerFileOf(file)).toBeUndefined()
    await expect(refuseIfOpenElsewhere(file)).resolves.toBeUndefined()
    expect(await openElsewhereWarning(file)).toBeUndefined()
    await fs.writeFile(path.join(path.dirname(file), owner), '')
    expect(await ownerFileOf(file)).toBe(path.join(path.dirname(file), owner))
    const error = await refusal(refuseIfOpenElsewhere(file))
    expect(error.message).toContain(owner)
    expect(error.message).toContain(file)
    expect(await openElsewhereWarning(file)).toContain(owner)
  })

  it('looks beside the real file when the workbook is reached through a link', async () => {
    const real = path.join(await temporaryDirectory(), 'real.xlsx')
    await fs.writeFile(real, 'x')
    const link = path.join(await temporaryDirectory(), 'link.xlsx')
    await fs.symlink(real, link)
    await fs.writeFile(path.join(path.dirname(real), '.~lock.real.xlsx#'), '')
    expect(realPath(link)).toBe(await fs.realpath(real))
    await expect(refuseIfOpenElsewhere(link)).rejects.toThrow(/\.~lock\.real\.xlsx#/)
  })
})

describe('writeFileAtomic', { timeout: TIMEOUT }, () => {
  it('keeps the mode of the file it replaces, whatever the umask', async () => {
    const file = await fileWith('台账.xlsx')
    await fs.chmod(file, 0o666)
    await writeFileAtomic(file, Buffer.from('new'))
    expect((await fs.stat(file)).mode & 0o777).toBe(0o666)
    expect(await fs.readFile(file, 'utf8')).toBe('new')
  })

  it.skipIf(!ROOT)('keeps the owner and group of the file it replaces (running as root)', async () => {
    const file = await fileWith('台账.xlsx')
    await fs.chown(file, 1234, 2345)
    await fs.chmod(file, 0o640)
    await writeFileAtomic(file, Buffer.from('new'))
    const stat = await fs.stat(file)
    expect([stat.uid, stat.gid, stat.mode & 0o777]).toEqual([1234, 2345, 0o640])
  })

  it('replaces the file a workbook link points to, and keeps the link', async () => {
    const real = await fileWith('real.xlsx', 'old')
    const link = path.join(path.dirname(real), 'link.xlsx')
    await fs.symlink(real, link)
    await writeFileAtomic(link, Buffer.from('new'))
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true)
    expect(await fs.readFile(real, 'utf8')).toBe('new')
  })

  it('never writes an output file through a planted link: the link itself is replaced', async () => {
    const directory = await temporaryDirectory()
    const victim = path.join(directory, 'victim.txt')
    await fs.writeFile(victim, 'precious')
    const output = path.join(directory, '台账-半年评估.svg')
    await fs.symlink(victim, output)
    await writeFileAtomic(output, Buffer.from('<svg/>'), { followSymlink: false })
    expect(await fs.readFile(victim, 'utf8')).toBe('precious')
    expect((await fs.lstat(output)).isFile()).toBe(true)
    expect(await fs.readFile(output, 'utf8')).toBe('<svg/>')
    expect((await fs.readdir(directory)).sort()).toEqual(['victim.txt', '台账-半年评估.svg'])
  })

  it('does not replace a read-only file', async () => {
    const file = await fileWith('只读.svg', 'old')
    await fs.chmod(file, 0o444)
    const error = await refusal(writeFileAtomic(file, Buffer.from('new'), { followSymlink: false }))
    expect(error.message).toContain('只读')
    expect(await fs.readFile(file, 'utf8')).toBe('old')
  })

  it('writes and cleans up after a 245-byte file name (temporary names are shortened)', async () => {
    const name = `${'台'.repeat(80)}.xlsx`
    expect(Buffer.byteLength(name)).toBe(245)
    const file = await fileWith(name, 'old')
    let temporary = ''
    await writeFileAtomic(file, Buffer.from('new'), {
      beforeRename: (made) => {
        temporary = path.basename(made)
      },
    })
    expect(Buffer.byteLength(temporary)).toBeLessThan(255)
    expect(await fs.readFile(file, 'utf8')).toBe('new')
    // One left by a killed run is found again under the same shortened name.
    const ended = spawnSync(process.execPath, ['-e', ''])
    const left = temporary.replace(/\.\d+\.([0-9a-f]{8})\.tmp$/, `.${ended.pid}.$1.tmp`)
    await fs.writeFile(path.join(path.dirname(file), left), 'debris')
    expect(await removeAbandonedTemporaryFiles(file)).toEqual([left])
  })
})

describe('fitFileName', () => {
  it('keeps short names and cuts long ones to the byte limit with a hash of the whole name', () => {
    expect(fitFileName('台账', '-半年评估.svg')).toBe('台账-半年评估.svg')
    const long = '台'.repeat(80)
    const fitted = fitFileName(long, '-半年评估.svg')
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(200)
    expect(fitted).toMatch(/^台+-[0-9a-f]{8}-半年评估\.svg$/)
    expect(fitFileName(`${long}甲`, '.x')).not.toBe(fitFileName(`${long}乙`, '.x'))
  })
})
