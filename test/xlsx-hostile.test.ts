/**
 * Hostile workbooks (issue 8, "Faults and hostile input"), made in code by
 * test/support/hostile-files.ts. Each goes through `init` then `check`, each run in a child process
 * as users run it (node bin/taizhang.mjs) with a 1 GB heap, and must end within 60 s with either
 * exit 0 and nothing lost, or exit 1, a clear Chinese message naming the file and the file left
 * byte for byte as it was. Never an internal error, never a death by memory, never a hang.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { type SpawnedRun, spawned } from './support/cli-process'
import {
  deepNesting,
  externalEntities,
  lastRowCell,
  lyingSize,
  prefixedWorkbook,
  truncated,
  zipBomb,
} from './support/hostile-files'
import { packageLosses } from './support/package-diff'
import { readZip } from './support/zip-parts'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

const LIMIT_MS = 60_000
const HEAP_MB = 1024
const TODAY = '2026-12-01'

type Run = SpawnedRun

function taizhang(args: readonly string[]): Promise<Run> {
  return spawned(args, { limitMs: LIMIT_MS, heapMb: HEAP_MB, keepChars: 20_000 })
}

/** The message lines (without the 正在读取 … progress). */
function message(run: Run): string {
  return run.stderr
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('正在'))
    .join('\n')
}

/**
 * init then check on `bytes`; returns what went wrong (empty when the tool behaved), and the runs.
 * `expectAccepted`: the file is a valid workbook, so a refusal is itself wrong.
 */
async function judge(
  name: string,
  bytes: Buffer,
  expectAccepted: boolean,
): Promise<{ problems: string[]; runs: Run[]; file: string }> {
  const folder = await temporaryDirectory()
  const file = path.join(folder, name)
  await fs.writeFile(file, bytes)
  const problems: string[] = []
  const runs: Run[] = []
  let before = bytes
  let accepted = true
  for (const args of [
    ['init', file],
    ['check', file, '--today', TODAY],
  ]) {
    const command = args[0]
    const run = await taizhang(args)
    runs.push(run)
    const now = await fs.readFile(file)
    const said = message(run).split('\n').slice(0, 3).join(' ⏎ ').slice(0, 400)
    if (run.hung) problems.push(`${command}: still running after ${LIMIT_MS / 1000} s (killed)`)
    else if (run.status === null || (run.status !== 0 && run.status !== 1)) {
      problems.push(`${command}: died (status ${run.status}, signal ${run.signal}): ${said}`)
    }
    if (run.stderr.includes('内部错误')) problems.push(`${command}: internal error: ${said}`)
    if (run.status !== 0) {
      accepted = false
      if (!now.equals(before)) problems.push(`${command}: failed but changed the file`)
      if (run.status === 1 && !run.stderr.includes('内部错误')) {
        const text = message(run)
        if (!text.includes('错误：') || !text.includes(name)) {
          problems.push(`${command}: refusal does not say 错误： and name the file: ${said}`)
        }
        if (expectAccepted) problems.push(`${command}: refused a valid workbook: ${said}`)
      }
      break
    }
    before = now
  }
  if (accepted) {
    const losses = packageLosses(bytes, await fs.readFile(file))
    problems.push(...losses.slice(0, 5).map((loss) => `lost: ${loss}`))
  }
  return { problems, runs, file }
}

afterAll(removeTemporaryDirectories)

describe('hostile workbooks: exit 0 with nothing lost, or a clear refusal; never a crash or a hang', () => {
  const TEST_MS = 3 * LIMIT_MS

  it(
    'a zip bomb (a 400 M-character shared string in a few hundred KB)',
    async () => {
      const bytes = await zipBomb()
      expect(bytes.length).toBeLessThan(2_000_000)
      const { problems } = await judge('bomb.xlsx', bytes, false)
      expect(problems).toEqual([])
    },
    TEST_MS,
  )

  it(
    'one value in A1048576 with dimension A1:XFD1048576',
    async () => {
      const { problems } = await judge('last-row.xlsx', lastRowCell(), true)
      expect(problems).toEqual([])
    },
    TEST_MS,
  )

  it(
    'an external entity (XXE) in a sheet and in sharedStrings is never resolved',
    async () => {
      const folder = await temporaryDirectory()
      const secret = path.join(folder, 'secret.txt')
      const MARKER = 'TOP-SECRET-7f3a9c'
      await fs.writeFile(secret, MARKER)
      const { problems, runs, file } = await judge('xxe.xlsx', externalEntities(secret), false)
      const everything = [
        ...runs.flatMap((run) => [run.stdout, run.stderr]),
        ...readZipSafe(await fs.readFile(file)).map((part) => part.data.toString('utf8')),
      ].join('\n')
      if (everything.includes(MARKER))
        problems.push('the external entity was resolved: the secret is in the output')
      expect(problems).toEqual([])
    },
    TEST_MS,
  )

  it(
    '100,000 nested elements in an extLst',
    async () => {
      const { problems } = await judge('deep.xlsx', deepNesting(), false)
      expect(problems).toEqual([])
    },
    TEST_MS,
  )

  it(
    'a part declared 1 KB in the zip that inflates to 600 MB',
    async () => {
      const bytes = await lyingSize()
      expect(bytes.length).toBeLessThan(2_000_000)
      const { problems } = await judge('lying.xlsx', bytes, false)
      expect(problems).toEqual([])
    },
    TEST_MS,
  )

  it(
    'a truncated zip is refused, untouched',
    async () => {
      const { problems, runs } = await judge('truncated.xlsx', truncated(), false)
      expect(problems).toEqual([])
      expect(runs[0]?.status).toBe(1)
    },
    TEST_MS,
  )

  it(
    'a workbook with an x: prefix on every element is checked, and nothing of it is lost',
    async () => {
      const { problems, runs, file } = await judge('prefixed.xlsx', prefixedWorkbook(), true)
      if (problems.length === 0) {
        const json = await taizhang(['check', file, '--today', TODAY, '--json', '--dry-run'])
        const findings = JSON.parse(json.stdout || '{"findings":[]}').findings as Array<{
          sheet: string
          key: string
        }>
        if (!findings.some((f) => f.sheet === TEMPLATES.samples.name && f.key === 'S-001')) {
          problems.push(
            `no finding for the expired sample S-001 (exit ${json.status}): ${message(json).slice(0, 300)}`,
          )
        }
      }
      expect(problems, runs.map(message).join('\n')).toEqual([])
    },
    TEST_MS + LIMIT_MS,
  )
})

function readZipSafe(bytes: Buffer): ReturnType<typeof readZip> {
  try {
    return readZip(bytes, { maxPartBytes: 64 * 1024 * 1024 })
  } catch {
    return [{ name: '(raw)', data: bytes }]
  }
}
