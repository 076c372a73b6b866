/**
 * The workbook's lock (src/hosts/xlsx/file-lock.ts): one lock per real file, stale locks of every
 * kind taken over, and never two holders at once, also when eight processes race to take over.
 */
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acquireLock, LockHeldError, lockFileFor } from '../src/hosts/xlsx/file-lock'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 20_000
const RACE_TIMEOUT = 180_000
const LINUX = process.platform === 'linux'

function endedPid(): number {
  const ended = spawnSync(process.execPath, ['-e', ''])
  if (!ended.pid) throw new Error('no pid')
  return ended.pid
}

function bootTime(): number {
  return Date.now() - os.uptime() * 1000
}

async function refused(file: string): Promise<Error> {
  const error = await acquireLock(file).then(
    async (lock) => {
      await lock.release()
      return undefined
    },
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof Error)) throw new Error('the lock was granted')
  return error
}

async function takesOver(file: string): Promise<void> {
  const lock = await acquireLock(file)
  expect(JSON.parse(await fs.readFile(lock.lockFile, 'utf8')).pid).toBe(process.pid)
  await lock.release()
  await expect(fs.access(lock.lockFile)).rejects.toThrow()
}

describe('one lock per real file', { timeout: TIMEOUT }, () => {
  it('link.xlsx and the real.xlsx it points to share one lock, beside the real file', async () => {
    const real = path.join(await temporaryDirectory(), 'real.xlsx')
    await fs.writeFile(real, 'x')
    const link = path.join(await temporaryDirectory(), 'link.xlsx')
    await fs.symlink(real, link)
    expect(lockFileFor(link)).toBe(lockFileFor(real))
    expect(path.dirname(lockFileFor(link))).toBe(path.dirname(await fs.realpath(real)))
    const lock = await acquireLock(link)
    expect(await refused(real)).toBeInstanceOf(LockHeldError)
    await lock.release()
    const again = await acquireLock(real)
    expect(await refused(link)).toBeInstanceOf(LockHeldError)
    await again.release()
  })

  it('locks a workbook with a 245-byte name (the lock name is shortened) and leaves nothing else', async () => {
    const directory = await temporaryDirectory()
    const file = path.join(directory, `${'台'.repeat(80)}.xlsx`)
    const lock = await acquireLock(file)
    expect(Buffer.byteLength(path.basename(lock.lockFile))).toBeLessThan(255)
    expect(await fs.readdir(directory)).toEqual([path.basename(lock.lockFile)])
    await lock.release()
    expect(await fs.readdir(directory)).toEqual([])
  })
})

describe('stale locks', { timeout: TIMEOUT }, () => {
  it.each([
    ['empty (a full disk), 10 s old', ''],
    ['garbled, 10 s old', '{"pid":12'],
  ])('an unreadable lock is held while fresh and stale once a few seconds old: %s', async (_, text) => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    await fs.writeFile(lockFileFor(file), text)
    expect((await refused(file)).message).toContain('另一个台账进程正在处理')
    const old = new Date(Date.now() - 10_000)
    await fs.utimes(lockFileFor(file), old, old)
    await takesOver(file)
  })

  it('a lock of a process that has ended is taken over', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const owner = { pid: endedPid(), host: os.hostname(), time: new Date().toISOString(), token: 'x' }
    await fs.writeFile(lockFileFor(file), JSON.stringify(owner))
    await takesOver(file)
  })

  it.skipIf(!LINUX)('a lock from an earlier boot whose pid now runs is taken over at once', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    // pid 1 always runs: a lock of this boot with it is held, one of another boot is not.
    const boot = (await fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim()
    const owner = {
      pid: 1,
      host: os.hostname(),
      time: new Date().toISOString(),
      token: 'x',
      boot,
      bootTime: bootTime(),
    }
    await fs.writeFile(lockFileFor(file), JSON.stringify(owner))
    expect(await refused(file)).toBeInstanceOf(LockHeldError)
    await fs.writeFile(lockFileFor(file), JSON.stringify({ ...owner, boot: 'another-boot' }))
    await takesOver(file)
  })

  it('a lock without a boot id that was written before this computer started is taken over', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const before = new Date(bootTime() - 3600_000).toISOString()
    await fs.writeFile(
      lockFileFor(file),
      JSON.stringify({ pid: 1, host: os.hostname(), time: before, token: 'x' }),
    )
    await takesOver(file)
  })

  it('a takeover abandoned by a killed run does not block: it is cleared', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const dead = { pid: endedPid(), host: os.hostname(), time: new Date().toISOString(), token: 'x' }
    await fs.writeFile(lockFileFor(file), JSON.stringify(dead))
    await fs.writeFile(`${lockFileFor(file)}.takeover`, JSON.stringify({ ...dead, token: 'y' }))
    await takesOver(file)
    expect(await fs.readdir(path.dirname(file))).toEqual([])
  })

  it('a live lock of this boot is never taken over', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const owner = { pid: 1, host: os.hostname(), time: new Date().toISOString(), token: 'x' }
    await fs.writeFile(lockFileFor(file), JSON.stringify(owner))
    const error = await refused(file)
    expect(error).toBeInstanceOf(LockHeldError)
    expect(error.message).toContain('另一个台账进程（pid 1')
    expect(JSON.parse(await fs.readFile(lockFileFor(file), 'utf8')).token).toBe('x')
  })
})

describe('eight processes racing for the lock, 30 rounds each', () => {
  let script: string

  beforeAll(async () => {
    script = path.join(await temporaryDirectory(), 'lock-contender.mjs')
    await build({
      entryPoints: [path.join(import.meta.dirname, 'support', 'lock-contender.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
    })
  }, TIMEOUT)

  it(
    'never has two holders at once, while every kind of stale lock is taken over',
    async () => {
      const directory = await temporaryDirectory()
      const workbook = path.join(directory, '台账.xlsx')
      const log = path.join(directory, 'holders.log')
      await fs.writeFile(log, '')
      const processes = 8
      const rounds = 30
      const startAt = String(Date.now() + 2000)
      const dead = String(endedPid())
      const statuses = await Promise.all(
        Array.from(
          { length: processes },
          () =>
            new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
              const child = spawn(process.execPath, [script, workbook, log, String(rounds), dead, startAt])
              let stderr = ''
              child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
                stderr += chunk
              })
              child.on('error', reject)
              child.on('close', (status) => resolve({ status, stderr }))
            }),
        ),
      )
      for (const run of statuses) expect(run.status, run.stderr).toBe(0)

      const events = (await fs.readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => {
          const [event, pid, time] = line.split(' ')
          return { event, pid, time: BigInt(time ?? '0') }
        })
      expect(events).toHaveLength(2 * processes * rounds)
      // In the order the appends happened: enter and leave alternate, by the same process.
      let overlaps = 0
      for (let index = 0; index < events.length; index += 2) {
        const enter = events[index]
        const leave = events[index + 1]
        if (enter?.event !== 'enter' || leave?.event !== 'leave' || leave.pid !== enter.pid) overlaps++
      }
      expect(overlaps).toBe(0)
      // And by the clock: each hold starts after the previous one ended.
      const holds = events
        .filter((_, index) => index % 2 === 0)
        .map((enter, index) => ({
          from: enter.time,
          to: events[2 * index + 1]?.time ?? 0n,
        }))
      holds.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
      for (let index = 1; index < holds.length; index++)
        expect(holds[index]?.from).toBeGreaterThanOrEqual(holds[index - 1]?.to ?? 0n)
      // No debris but, perhaps, the stale lock of the last round.
      const left = (await fs.readdir(directory)).filter((name) => name.startsWith('.'))
      expect(left.filter((name) => name !== path.basename(lockFileFor(workbook)))).toEqual([])
    },
    RACE_TIMEOUT,
  )
})
