/**
 * One taizhang run per workbook at a time. Two runs that read the same file and both save it would
 * lose one run's writes, so each run holds `.taizhang-<file name>.lock` beside the workbook for as
 * long as it works on it. A lock left by a process that no longer runs is taken over.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { errorCode, removeAbandonedTemporaryFiles, UnusableFileError } from './workbook-file'

/** A lock held by a live process: the CLI prints the message and exits 1. */
export class LockHeldError extends UnusableFileError {
  constructor(
    file: string,
    readonly holder: LockOwner,
    lockFile: string,
  ) {
    super(
      file,
      `另一个台账进程（pid ${holder.pid}${holder.host === os.hostname() ? '' : `，计算机 ${holder.host}`}，开始于 ${holder.time}）正在处理该文件“${file}”，请稍后再试；如果确认没有其他台账进程在运行，可删除锁文件 ${lockFile}`,
    )
    this.name = 'LockHeldError'
  }
}

export interface LockOwner {
  readonly pid: number
  readonly host: string
  readonly time: string
  readonly token: string
}

export interface FileLock {
  readonly lockFile: string
  release(): Promise<void>
}

// A lock from another computer (a shared folder) cannot be checked for a live process: it is
// trusted for this long, which is far longer than any run takes.
const FOREIGN_LOCK_TTL_MS = 60 * 60 * 1000
// After this, a lock is stale even when its pid runs: the pid was reused by an unrelated process.
const LOCK_MAX_AGE_MS = 12 * 60 * 60 * 1000
// A lock file without readable content may be one that another run is writing this instant.
const UNREADABLE_LOCK_GRACE_MS = 10 * 1000

export function lockFileFor(file: string): string {
  const absolute = path.resolve(file)
  return path.join(path.dirname(absolute), `.taizhang-${path.basename(absolute)}.lock`)
}

export async function acquireLock(file: string): Promise<FileLock> {
  const shown = path.resolve(file)
  const lockFile = lockFileFor(file)
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    time: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lockFile, JSON.stringify(owner), { flag: 'wx' })
      // A run killed while saving left its temporary file behind; nobody else writes one now.
      await removeAbandonedTemporaryFiles(file)
      return { lockFile, release: () => releaseLock(lockFile, owner.token) }
    } catch (error) {
      if (errorCode(error) !== 'EEXIST')
        throw new UnusableFileError(shown, lockMessage(shown, lockFile, error))
    }
    const text = await fs.readFile(lockFile, 'utf8').catch(() => undefined)
    if (text === undefined) continue // released meanwhile: try again
    const holder = parseOwner(text)
    if (holder && isAlive(holder)) throw new LockHeldError(shown, holder, lockFile)
    if (!holder && (await ageOf(lockFile)) < UNREADABLE_LOCK_GRACE_MS) {
      throw new UnusableFileError(shown, `另一个台账进程正在处理该文件“${shown}”，请稍后再试`)
    }
    // Stale: remove it, unless another run replaced it since we read it.
    const again = await fs.readFile(lockFile, 'utf8').catch(() => undefined)
    if (again === text) await fs.rm(lockFile, { force: true })
  }
  const holder = parseOwner(await fs.readFile(lockFile, 'utf8').catch(() => ''))
  if (holder) throw new LockHeldError(shown, holder, lockFile)
  throw new UnusableFileError(shown, `无法锁定文件“${shown}”（锁文件 ${lockFile}），请稍后再试`)
}

async function releaseLock(lockFile: string, token: string): Promise<void> {
  const text = await fs.readFile(lockFile, 'utf8').catch(() => undefined)
  if (text !== undefined && parseOwner(text)?.token === token) await fs.rm(lockFile, { force: true })
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined
    return {
      pid: value.pid,
      host: value.host,
      time: typeof value.time === 'string' ? value.time : '',
      token: typeof value.token === 'string' ? value.token : '',
    }
  } catch {
    // A half-written or foreign file is not a lock anyone holds.
    return undefined
  }
}

async function ageOf(lockFile: string): Promise<number> {
  const stat = await fs.stat(lockFile).catch(() => undefined)
  return stat === undefined ? Number.POSITIVE_INFINITY : Date.now() - stat.mtimeMs
}

function isAlive(owner: LockOwner): boolean {
  const age = Date.now() - Date.parse(owner.time)
  if (!Number.isFinite(age) || age > LOCK_MAX_AGE_MS) return false
  if (owner.host !== os.hostname()) return age < FOREIGN_LOCK_TTL_MS
  // This very process holds it (another workbook operation still running): that is held too.
  if (owner.pid === process.pid) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM'
  }
}

function lockMessage(shown: string, lockFile: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `找不到文件“${shown}”所在的文件夹`
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `没有权限在文件“${shown}”所在的文件夹中创建锁文件 ${path.basename(lockFile)}，请检查文件夹的写入权限`
    default:
      return `无法锁定文件“${shown}”：${error instanceof Error ? error.message : String(error)}`
  }
}
