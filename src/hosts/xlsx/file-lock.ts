/**
 * One taizhang run per workbook at a time. Two runs that read the same file and both save it would
 * lose one run's writes, so each run holds `.taizhang-<file name>.lock` beside the workbook for as
 * long as it works on it. The workbook is its real path (symbolic links resolved): `link.xlsx` and
 * the `real.xlsx` it points to share one lock.
 *
 * - A lock appears whole: it is written to a temporary file and hard-linked to the lock's name,
 *   which fails when the name is taken (where hard links are unsupported, an O_EXCL create).
 * - A lock is stale when its process no longer runs, when it was written before this computer last
 *   started (the boot id or boot time it records, so a pid reused after a reboot does not count),
 *   when it is older than LOCK_MAX_AGE_MS, or when it is empty or garbled (a full disk) and older
 *   than UNREADABLE_LOCK_GRACE_MS. A lock of another computer (a shared folder) is trusted for
 *   FOREIGN_LOCK_TTL_MS.
 * - Taking over a stale lock is serialised by a second exclusive file, `<lock>.takeover`: holding
 *   it, a run reads the lock again, removes it only if it is still the very lock judged stale, then
 *   competes for the name like any run. A new lock is only ever made by the exclusive create, and a
 *   lock is only removed by its holder or by the one holder of the takeover file after checking it
 *   is unchanged, so two runs never hold the lock at once.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  errorCode,
  fitFileName,
  processRuns,
  realPath,
  removeAbandonedTemporaryFiles,
  UnusableFileError,
} from './file-safety'

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
  /** Linux's boot id when the lock was made (absent in locks of older versions and other systems). */
  readonly boot?: string
  /** When the computer had started, in ms since 1970 (Date.now() − uptime). */
  readonly bootTime?: number
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
// An empty or garbled lock (a run that failed writing it, e.g. on a full disk) is stale after this.
const UNREADABLE_LOCK_GRACE_MS = 5 * 1000
// Holding the takeover file takes milliseconds; one older than this was left by a killed run.
const TAKEOVER_MAX_AGE_MS = 10 * 1000
// The boot time from uptime drifts by a few seconds between calls; a lock this much older is from
// an earlier boot.
const BOOT_TIME_SLACK_MS = 2 * 60 * 1000
const ATTEMPTS = 50

export function lockFileFor(file: string): string {
  const real = realPath(file)
  return path.join(path.dirname(real), `.taizhang-${fitFileName(path.basename(real))}.lock`)
}

export async function acquireLock(file: string): Promise<FileLock> {
  const shown = path.resolve(file)
  const lockFile = lockFileFor(file)
  const owner = newOwner()
  const text = JSON.stringify(owner)
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(lockFile, text, shown)) {
      // A run killed while saving left its temporary file behind; nobody else writes one now.
      await removeAbandonedTemporaryFiles(file)
      await removeAbandonedLockFiles(lockFile)
      return { lockFile, release: () => releaseLock(lockFile, owner.token) }
    }
    const seen = await readLock(lockFile)
    if (seen === undefined) continue // released meanwhile: try again
    const verdict = judge(seen)
    if (verdict === 'held' && seen.owner) throw new LockHeldError(shown, seen.owner, lockFile)
    if (verdict === 'held')
      throw new UnusableFileError(shown, `另一个台账进程正在处理该文件“${shown}”，请稍后再试`)
    // Stale: take it over, then compete for the name again.
    const outcome = await removeStale(lockFile, seen, shown)
    if (outcome === 'busy') await pause(attempt)
  }
  const holder = (await readLock(lockFile))?.owner
  if (holder) throw new LockHeldError(shown, holder, lockFile)
  throw new UnusableFileError(shown, `无法锁定文件“${shown}”（锁文件 ${lockFile}），请稍后再试`)
}

async function releaseLock(lockFile: string, token: string): Promise<void> {
  const seen = await readLock(lockFile)
  if (seen?.owner?.token === token) await fs.rm(lockFile, { force: true })
}

function newOwner(): LockOwner {
  return {
    pid: process.pid,
    host: os.hostname(),
    time: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    ...(BOOT_ID === undefined ? {} : { boot: BOOT_ID }),
    bootTime: bootTime(),
  }
}

const BOOT_ID = readBootId()

function readBootId(): string | undefined {
  try {
    const id = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    return id === '' ? undefined : id
  } catch {
    return undefined
  }
}

function bootTime(): number {
  return Math.round(Date.now() - os.uptime() * 1000)
}

interface SeenLock {
  readonly text: string
  readonly owner: LockOwner | undefined
  readonly ino: number
  readonly mtimeMs: number
}

async function readLock(file: string): Promise<SeenLock | undefined> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(file, 'r')
    const stat = await handle.stat()
    const text = await handle.readFile('utf8')
    return { text, owner: parseOwner(text), ino: stat.ino, mtimeMs: stat.mtimeMs }
  } catch {
    return undefined
  } finally {
    await handle?.close().catch(() => undefined)
  }
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
      ...(typeof value.boot === 'string' ? { boot: value.boot } : {}),
      ...(typeof value.bootTime === 'number' ? { bootTime: value.bootTime } : {}),
    }
  } catch {
    // A half-written or foreign file is not a lock anyone holds.
    return undefined
  }
}

function judge(seen: SeenLock): 'held' | 'stale' {
  const { owner } = seen
  if (owner === undefined) return Date.now() - seen.mtimeMs < UNREADABLE_LOCK_GRACE_MS ? 'held' : 'stale'
  return isAlive(owner) ? 'held' : 'stale'
}

function isAlive(owner: LockOwner): boolean {
  const made = Date.parse(owner.time)
  const age = Date.now() - made
  if (!Number.isFinite(age) || age > LOCK_MAX_AGE_MS) return false
  if (owner.host !== os.hostname()) return age < FOREIGN_LOCK_TTL_MS
  // Made before this computer last started: its pid, if it runs, is another process.
  if (owner.boot !== undefined && BOOT_ID !== undefined && owner.boot !== BOOT_ID) return false
  if (made < bootTime() - BOOT_TIME_SLACK_MS) return false
  // This very process holds it (another workbook operation still running): that is held too.
  if (owner.pid === process.pid) return true
  return processRuns(owner.pid)
}

/**
 * Creates `file` holding `text` only if no such file exists, and whole: a temporary file linked to
 * the name. Returns false when the name is taken.
 */
async function createExclusive(file: string, text: string, shown: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.new`
  try {
    try {
      await fs.writeFile(temporary, text, { flag: 'wx' })
    } catch (error) {
      throw new UnusableFileError(shown, lockMessage(shown, file, error))
    }
    try {
      await fs.link(temporary, file)
      return true
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(errorCode(error) ?? ''))
        throw new UnusableFileError(shown, lockMessage(shown, file, error))
    }
    // No hard links here (some network shares, FAT): an exclusive create, removed again if its
    // content cannot be written, so that a full disk leaves no empty lock behind.
    return await createExclusiveDirectly(file, text, shown)
  } finally {
    await fs.rm(temporary, { force: true }).catch(() => undefined)
  }
}

async function createExclusiveDirectly(file: string, text: string, shown: string): Promise<boolean> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, 'wx')
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw new UnusableFileError(shown, lockMessage(shown, file, error))
  }
  try {
    await handle.writeFile(text)
    await handle.close()
    return true
  } catch (error) {
    await handle.close().catch(() => undefined)
    await fs.rm(file, { force: true }).catch(() => undefined)
    throw new UnusableFileError(shown, lockMessage(shown, file, error))
  }
}

/**
 * Removes the stale lock `seen` if it is still there, holding `<lock>.takeover` meanwhile.
 * 'busy': another run is taking it over (or was killed doing so, which is cleared here too).
 */
async function removeStale(lockFile: string, seen: SeenLock, shown: string): Promise<'done' | 'busy'> {
  const claimFile = `${lockFile}.takeover`
  const claim = newOwner()
  if (!(await createExclusive(claimFile, JSON.stringify(claim), shown))) {
    await clearAbandonedClaim(claimFile)
    return 'busy'
  }
  try {
    const now = await readLock(lockFile)
    // Gone (released or taken over before we held the claim), or replaced: nothing to remove.
    if (now === undefined || now.ino !== seen.ino || now.text !== seen.text) return 'done'
    if (judge(now) !== 'stale') return 'done'
    await fs.rm(lockFile, { force: true })
    return 'done'
  } finally {
    const mine = await readLock(claimFile)
    if (mine?.owner?.token === claim.token) await fs.rm(claimFile, { force: true })
  }
}

/**
 * A takeover file whose run no longer runs, or older than TAKEOVER_MAX_AGE_MS, is removed: moved
 * aside first and removed only if it is still the one judged abandoned (otherwise put back).
 */
async function clearAbandonedClaim(claimFile: string): Promise<void> {
  const seen = await readLock(claimFile)
  if (seen === undefined) return
  const age = Date.now() - seen.mtimeMs
  const abandoned = seen.owner
    ? age > TAKEOVER_MAX_AGE_MS || !isAlive(seen.owner)
    : age > UNREADABLE_LOCK_GRACE_MS
  if (!abandoned) return
  const aside = `${claimFile}.${process.pid}.${randomBytes(4).toString('hex')}.old`
  try {
    await fs.rename(claimFile, aside)
  } catch {
    return
  }
  const moved = await readLock(aside)
  if (moved !== undefined && (moved.ino !== seen.ino || moved.text !== seen.text)) {
    await fs.link(aside, claimFile).catch(() => undefined)
  }
  await fs.rm(aside, { force: true }).catch(() => undefined)
}

/** The temporary files of lock runs killed while making or clearing one (<lock>.<pid>.<hex>.new). */
async function removeAbandonedLockFiles(lockFile: string): Promise<void> {
  const prefix = `${path.basename(lockFile)}.`
  const names = await fs.readdir(path.dirname(lockFile)).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const match = /^(?:takeover\.)?(\d+)\.[0-9a-f]{8}\.(?:new|old)$/.exec(name.slice(prefix.length))
    if (!match || processRuns(Number(match[1]))) continue
    await fs.rm(path.join(path.dirname(lockFile), name), { force: true }).catch(() => undefined)
  }
}

/** A short random wait while another run takes a stale lock over. */
function pause(attempt: number): Promise<void> {
  const ms = Math.min(2 + attempt, 20) * (0.5 + Math.random())
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function lockMessage(shown: string, lockFile: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `找不到文件“${shown}”所在的文件夹`
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `没有权限在文件“${shown}”所在的文件夹中创建锁文件 ${path.basename(lockFile)}，请检查文件夹的写入权限`
    case 'ENOSPC':
      return `无法锁定文件“${shown}”：磁盘空间不足，无法创建锁文件 ${path.basename(lockFile)}`
    default:
      return `无法锁定文件“${shown}”：${error instanceof Error ? error.message : String(error)}`
  }
}
