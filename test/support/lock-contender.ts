/**
 * One of several processes competing for a workbook's lock (test/file-lock.test.ts), bundled and run
 * with node: `lock-contender.mjs <workbook> <log> <rounds> <dead pid> <start at ms>`.
 * Each round it waits for the lock, appends `enter <pid> <ns>` to the log, holds the lock a moment,
 * appends `leave <pid> <ns>`, and then either releases the lock or leaves a stale one behind as a
 * killed run would: a lock of an ended process, an empty lock from a full disk, a lock written
 * before the computer last started. Appends to one file are ordered, so the log is the true order.
 */
import { appendFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import { acquireLock, type FileLock, lockFileFor } from '../../src/hosts/xlsx/file-lock'
import { UnusableFileError } from '../../src/hosts/xlsx/file-safety'

const [workbook = '', log = '', roundsText = '30', deadPidText = '0', startAtText = '0'] =
  process.argv.slice(2)
const rounds = Number(roundsText)
const deadPid = Number(deadPidText)

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function record(event: 'enter' | 'leave'): void {
  appendFileSync(log, `${event} ${process.pid} ${process.hrtime.bigint()}\n`)
}

/** Replaces our own lock in one rename, as if this run had been killed and left that behind. */
function leaveBehind(text: string, old = false): void {
  const lockFile = lockFileFor(workbook)
  const temporary = `${lockFile}.planted-${process.pid}`
  writeFileSync(temporary, text)
  if (old) {
    const then = new Date(Date.now() - 60_000)
    utimesSync(temporary, then, then)
  }
  renameSync(temporary, lockFile)
}

async function acquire(): Promise<FileLock> {
  for (let attempt = 0; attempt < 100_000; attempt++) {
    try {
      return await acquireLock(workbook)
    } catch (error) {
      if (!(error instanceof UnusableFileError)) throw error
      await sleep(Math.random() * 2)
    }
  }
  throw new Error('never got the lock')
}

await sleep(Math.max(0, Number(startAtText) - Date.now()))
const bootTime = Date.now() - os.uptime() * 1000
for (let round = 0; round < rounds; round++) {
  const lock = await acquire()
  record('enter')
  await sleep(Math.random() * 3)
  record('leave')
  const owner = { host: os.hostname(), time: new Date().toISOString(), token: `left-${process.pid}-${round}` }
  switch (round % 4) {
    case 0:
      await lock.release()
      break
    case 1:
      leaveBehind(JSON.stringify({ ...owner, pid: deadPid }))
      break
    case 2:
      leaveBehind('', true)
      break
    default:
      // pid 1 always runs: only the boot tells this lock is from before the computer started.
      leaveBehind(
        JSON.stringify({
          ...owner,
          pid: 1,
          time: new Date(bootTime - 24 * 3600_000).toISOString(),
          boot: 'an-earlier-boot',
          bootTime: bootTime - 48 * 3600_000,
        }),
      )
  }
}
