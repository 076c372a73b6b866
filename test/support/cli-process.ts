/**
 * Runs the `taizhang` command as a test needs it: the real command in a child process, as a user
 * would (optionally killed after a time limit, or with a smaller heap), or `main()` in this process
 * with a fixed clock. Either way the output is collected.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main'

export const BIN = fileURLToPath(new URL('../../bin/taizhang.mjs', import.meta.url))

export interface Run {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface SpawnedRun extends Run {
  readonly signal: NodeJS.Signals | null
  /** Killed because it had not finished within `limitMs`. */
  readonly hung: boolean
}

export interface SpawnOptions {
  /** Killed (SIGKILL) after this long; the run then reports `hung`. */
  readonly limitMs?: number
  /** --max-old-space-size for the child, in MB. */
  readonly heapMb?: number
  /** Keep only the last this many characters of each stream (a run that prints without end). */
  readonly keepChars?: number
}

export function taizhang(...args: string[]): Promise<Run> {
  return spawned(args)
}

export function spawned(args: readonly string[], options: SpawnOptions = {}): Promise<SpawnedRun> {
  const node = options.heapMb === undefined ? [] : [`--max-old-space-size=${options.heapMb}`]
  const keep = (text: string): string =>
    options.keepChars === undefined ? text : text.slice(-options.keepChars)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, BIN, ...args], {
      env: { ...process.env, TAIZHANG_DEBUG: '1' },
    })
    let stdout = ''
    let stderr = ''
    let hung = false
    const timer =
      options.limitMs === undefined
        ? undefined
        : setTimeout(() => {
            hung = true
            child.kill('SIGKILL')
          }, options.limitMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = keep(stdout + chunk)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = keep(stderr + chunk)
    })
    child.on('error', reject)
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ status, signal, hung, stdout, stderr })
    })
  })
}

/** `main()` in this process, its clock at `now`. */
export async function inProcess(now: Date, ...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const status = await main(args, {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    now: () => now,
  })
  return { status, stdout, stderr }
}
