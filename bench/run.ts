/**
 * npm run bench [-- --sizes 10000,50000,200000] [--transactions 1000000] [--runs N] [--first-only]
 *                  [--regenerate] [--timeout SECONDS] [--skip-gas] [--json]
 *
 * Measures the command as a user runs it, whatever the local host is made of. For each case a
 * workbook is generated (bench/generate.ts; cached in bench-cache/, keyed by the case and the
 * generator version), then, each in a process of its own on the same file:
 * - `node bin/taizhang.mjs check <fresh copy> --today 2026-03-05`: wall time, CPU time and peak RSS
 *   of the whole process tree (GNU time when /usr/bin/time is there; and bench/measure-preload.cjs in
 *   every Node process, which tells whether bin/taizhang.mjs started itself again with a larger
 *   heap), and the findings from the summary it prints;
 * - the same check again on the copy it checked (提醒汇总 full, every 提醒 filled: the daily case,
 *   as users run it every day on the same file), unless --first-only;
 * - a bare streaming read of the same file (bench/bare-read.ts: node:zlib + saxes, every cell's
 *   value collected), the baseline the check is compared with (ratio = check ÷ bare read).
 * Then the targets of issue 8 (pass or fail), and the Apps Script side as before: the bundle's
 * size, the Sheets calls of one daily check at 1k and 50k rows on the stand-ins of
 * test/support/gas-fakes.ts, and the time of the 50k check run from the bundle in a bare V8 context.
 * Prints Markdown for the README (or, with --json, the figures as JSON).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { loadGasBundle } from '../test/support/gas-bundle'
import { createGasEnvironment } from '../test/support/gas-fakes'
import {
  DEFAULT_SEED,
  GENERATOR_VERSION,
  type GeneratedWorkbook,
  generatedRows,
  generateLedgerWorkbook,
  type LedgerSpec,
  specName,
  tabRowCounts,
} from './generate'

/** The project root: this file runs as bench/run.ts or bundled as build/bench.mjs, one level down either way. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BUNDLE_PATH = path.join(ROOT, 'dist', 'Code.js')
const CLI = path.join(ROOT, 'bin', 'taizhang.mjs')
/** Built next to build/bench.mjs by bin/taizhang-bench.mjs. */
const BARE_READ = path.join(ROOT, 'build', 'bench-bare-read.mjs')
const PRELOAD = path.join(ROOT, 'bench', 'measure-preload.cjs')
const CACHE = path.join(ROOT, 'bench-cache')
const GNU_TIME = '/usr/bin/time'
const TODAY = '2026-03-05' as IsoDate
/** 2026-03-05 07:00 in Asia/Shanghai, when the daily trigger fires. */
const DAILY_TRIGGER_TIME = new Date('2026-03-04T23:00:00Z')
const DEFAULT_SIZES = [10_000, 50_000, 200_000]
const DEFAULT_TRANSACTIONS = [1_000_000]
const GAS_CALL_SIZES = [1_000, 50_000]
const DEFAULT_TIMEOUT_S = 3600
/** Memory is counted in MiB throughout ("MB" in the tables, as in the README). */
const MIB = 2 ** 20

// --- one measured process tree ---

/** What bench/measure-preload.cjs writes for each Node process at exit. */
interface ProcessRecord {
  readonly pid: number
  readonly ppid: number
  readonly argv: readonly string[]
  readonly execArgv: readonly string[]
  readonly heapLimitMb: number
  readonly maxRssKb: number
  readonly userUs: number
  readonly systemUs: number
  readonly exitCode: number
}

export interface Measured {
  readonly ok: boolean
  /** Why it failed: exit status, signal or timeout, and the end of stderr. */
  readonly error?: string
  readonly wallMs: number
  /** User + system time of the whole tree. */
  readonly cpuMs: number
  /**
   * Peak RSS of the tree: the sum of each Node process's own peak (exact for one process; for a
   * command that waits for a copy of itself, the waiting parent's peak is added to the child's).
   */
  readonly peakRssMb: number
  /** Node processes seen (1 unless the command started another Node). */
  readonly processes: number
  /** bin/taizhang.mjs ran the command again in a Node with a larger heap. */
  readonly relaunched: boolean
  /** The largest heap limit among the tree's Node processes. */
  readonly heapLimitMb: number
  readonly stdout: string
}

let gnuTime: boolean | undefined

/** Whether /usr/bin/time is GNU time (it takes -f and -o). */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const probe = spawnSync(GNU_TIME, ['-f', '%M', '-o', os.devNull, 'true'], { stdio: 'ignore' })
    gnuTime = probe.status === 0
  }
  return gnuTime
}

/** Runs `node …args` and measures its process tree; never throws for the command's failure. */
async function measure(args: readonly string[], work: string, timeoutMs: number): Promise<Measured> {
  const records = mkdtempSync(path.join(work, 'measure-'))
  const timeFile = path.join(records, 'time.txt')
  const env = {
    ...process.env,
    TAIZHANG_BENCH_MEASURE_DIR: records,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(PRELOAD)}`.trim(),
  }
  const command = hasGnuTime()
    ? [GNU_TIME, '-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args]
    : [process.execPath, ...args]
  const started = performance.now()
  const result = await run(command, env, timeoutMs)
  const wallMs = performance.now() - started
  try {
    const processes = readdirSync(records)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(path.join(records, name), 'utf8')) as ProcessRecord)
    // GNU time: elapsed s, user s, system s, max RSS in KiB of the largest process (after a line
    // saying "Command exited with non-zero status" or "terminated by signal" when it did).
    const timeLine = existsSync(timeFile)
      ? readFileSync(timeFile, 'utf8').trim().split('\n').pop()
      : undefined
    const timed = timeLine?.split(' ').map(Number)
    const timeFigures = timed?.length === 4 && timed.every(Number.isFinite) ? timed : undefined
    const recordedRssKb = processes.reduce((sum, record) => sum + record.maxRssKb, 0)
    const recordedCpuUs = processes.reduce((sum, record) => sum + record.userUs + record.systemUs, 0)
    const peakRssKb = Math.max(recordedRssKb, timeFigures?.[3] ?? 0)
    const cpuMs = timeFigures ? ((timeFigures[1] ?? 0) + (timeFigures[2] ?? 0)) * 1000 : recordedCpuUs / 1000
    const relaunched =
      processes.length > 1 ||
      processes.some((record) => record.execArgv.some((arg) => arg.startsWith('--max-old-space-size')))
    const failure =
      result.timedOut || result.status !== 0
        ? `${result.timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : result.signal ? `killed by ${result.signal}` : `exit ${result.status}`}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`.slice(
            0,
            400,
          )
        : undefined
    return {
      ok: failure === undefined,
      ...(failure === undefined ? {} : { error: failure }),
      wallMs,
      cpuMs,
      peakRssMb: (peakRssKb * 1024) / MIB,
      processes: processes.length,
      relaunched,
      heapLimitMb: Math.max(0, ...processes.map((record) => record.heapLimitMb)),
      stdout: result.stdout,
    }
  } finally {
    rmSync(records, { recursive: true, force: true })
  }
}

interface RunResult {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command in a process group of its own, so that a timeout kills the whole tree. */
function run(command: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command as [string, ...string[]]
    const child: ChildProcess = spawn(file, args, {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      // The summary is short; a --json run's findings are not needed beyond their count.
      if (stdoutBytes < 64 * MIB) stdout.push(chunk)
      stdoutBytes += chunk.length
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000)
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolve({ status, signal, timedOut, stdout: Buffer.concat(stdout).toString('utf8'), stderr })
    })
  })
}

/** The number of findings in the summary `check` prints: "共 1,234 条：…", or none found. */
export function findingsInSummary(stdout: string): number | undefined {
  const counted = /共\s*([\d,]+)\s*条/.exec(stdout)
  if (counted?.[1] !== undefined) return Number(counted[1].replace(/,/g, ''))
  if (stdout.includes('未发现需要处理的事项')) return 0
  return undefined
}

// --- generated workbooks, cached ---

interface CachedWorkbook extends GeneratedWorkbook {
  readonly file: string
  readonly bytes: number
  readonly cached: boolean
}

/** The cache key: the case, the generator version, and a digest of what the rows are made from. */
function cacheFile(spec: LedgerSpec): string {
  const digest = createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, DEFAULT_SEED, TODAY, TEMPLATES }))
    .digest('hex')
    .slice(0, 10)
  return path.join(CACHE, `${specName(spec)}-g${GENERATOR_VERSION}-${digest}.xlsx`)
}

async function cachedWorkbook(
  spec: LedgerSpec,
  regenerate: boolean,
  say: (text: string) => void,
): Promise<CachedWorkbook> {
  const file = cacheFile(spec)
  const meta = `${file}.json`
  if (!regenerate && existsSync(file) && existsSync(meta)) {
    const generated = JSON.parse(readFileSync(meta, 'utf8')) as GeneratedWorkbook
    return { ...generated, file, bytes: statSync(file).size, cached: true }
  }
  mkdirSync(CACHE, { recursive: true })
  rmSync(meta, { force: true })
  say(`${specName(spec)}: generating ${path.relative(ROOT, file)}…`)
  const started = performance.now()
  const generated = spawnChild('generate', { file, spec: specName(spec) })
  if (!generated.ok) throw new Error(`generating ${specName(spec)} failed: ${generated.error}`)
  const figures = generated.figures as GeneratedWorkbook
  writeFileSync(meta, JSON.stringify(figures))
  say(`${specName(spec)}: generated in ${seconds(performance.now() - started)}`)
  return { ...figures, file, bytes: statSync(file).size, cached: false }
}

function parseSpec(name: string): LedgerSpec {
  const match = /^(samples|transactions)-(\d+)$/.exec(name)
  if (!match) throw new Error(`unknown case ${name}`)
  return match[1] === 'samples'
    ? { kind: 'samples', size: Number(match[2]) }
    : { kind: 'transactions', count: Number(match[2]) }
}

// --- children that are not measured: generating, and the Apps Script check ---

interface GasFigures {
  readonly rows: number
  readonly calls: number
  readonly ms: number
  readonly findings: number
}

/** One daily check run from dist/Code.js in a bare V8 context, on the Sheets stand-ins. */
async function childGas(size: number, source: string): Promise<GasFigures> {
  const env = createGasEnvironment()
  for (const [id, rows] of generatedRows(size, TODAY, asTyped)) {
    const template = TEMPLATES[id]
    env.spreadsheet.addSheet(template.name, [template.columns.map((column) => column.header), ...rows])
  }
  // The first check creates 提醒汇总 and 操作日志; the daily check after it is the one measured, in a
  // context of its own, as Apps Script starts every execution afresh (nothing remembered).
  await loadGasBundle(env, { now: DAILY_TRIGGER_TIME, source }).call('dailyCheck')
  const bundle = loadGasBundle(env, { now: DAILY_TRIGGER_TIME, source })
  env.calls.reset()
  const started = performance.now()
  await bundle.call('dailyCheck')
  const ms = performance.now() - started
  const failed = env.console.lines.find((line) => line.level === 'error')
  if (failed) throw new Error(failed.text)
  const alerts = env.spreadsheet.sheet(TEMPLATES.alerts.name)
  return { rows: size, calls: env.calls.total, ms, findings: alerts.lastRow() - 1 }
}

/** A generated value as a user types it into Google Sheets: dates as 2026-03-05. */
function asTyped(value: string | number | Date | null): string | number {
  if (value === null) return ''
  if (value instanceof Date) {
    const date = value.toISOString().slice(0, 10)
    const minutes = value.getUTCHours() * 60 + value.getUTCMinutes()
    return minutes === 0 ? date : `${date} ${value.toISOString().slice(11, 16)}`
  }
  return value
}

async function runChild(kind: string, args: Record<string, string | undefined>): Promise<unknown> {
  switch (kind) {
    case 'generate':
      return generateLedgerWorkbook(args.file ?? '', parseSpec(args.spec ?? ''), TODAY)
    case 'gas':
      return childGas(Number(args.size), readFileSync(BUNDLE_PATH, 'utf8'))
    default:
      throw new Error(`unknown child ${kind}`)
  }
}

type ChildResult = { ok: true; figures: unknown } | { ok: false; error: string }

/** Generating and the Apps Script check hold their rows in memory: they get a large heap. */
const LARGE_HEAP_MB = Math.floor((os.totalmem() * 0.75) / MIB)

function spawnChild(kind: string, args: Record<string, string | number>): ChildResult {
  const argv = [`--max-old-space-size=${LARGE_HEAP_MB}`, process.argv[1] ?? '', '--child', kind]
  for (const [key, value] of Object.entries(args)) argv.push(`--${key}`, String(value))
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 * MIB })
  const line = result.stdout
    .split('\n')
    .reverse()
    .find((text) => text.startsWith('{'))
  if (result.status === 0 && line) return { ok: true, figures: JSON.parse(line) }
  const stderr = result.stderr.trim().split('\n').slice(-3).join(' ')
  const reason = result.signal ? `killed by ${result.signal}` : `exit ${result.status}`
  return { ok: false, error: `${reason}: ${stderr}`.slice(0, 300) }
}

// --- the parent ---

interface CheckRun extends Measured {
  readonly findings?: number
}

interface BareRun extends Measured {
  readonly cells?: number
}

interface CaseFigures {
  readonly name: string
  readonly spec: LedgerSpec
  readonly ledgerRows: number
  readonly totalRows: number
  readonly fileBytes: number
  readonly runs: number
  /** Medians over the runs (of the runs that succeeded, when any did). */
  readonly check: CheckRun
  readonly bare: BareRun
  /** The check run again on the checked copy, 提醒汇总 full (not with --first-only). */
  readonly daily?: CheckRun
  readonly timeRatio?: number
  readonly cpuRatio?: number
  readonly memoryRatio?: number
}

interface Target {
  readonly case: string
  readonly goal: string
  /** undefined: the case was not run. */
  readonly pass?: boolean
  readonly value: string
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** One figure for several runs: the medians of the runs that succeeded (or of all, when none did). */
function medianRun<T extends Measured>(runs: readonly T[], extra: (chosen: readonly T[]) => Partial<T>): T {
  const succeeded = runs.filter((one) => one.ok)
  const chosen = succeeded.length > 0 ? succeeded : runs
  const first = chosen[0] as T
  return {
    ...first,
    wallMs: median(chosen.map((one) => one.wallMs)),
    cpuMs: median(chosen.map((one) => one.cpuMs)),
    peakRssMb: median(chosen.map((one) => one.peakRssMb)),
    relaunched: chosen.some((one) => one.relaunched),
    processes: Math.max(...chosen.map((one) => one.processes)),
    stdout: '',
    ...extra(chosen),
  }
}

function ledgerRowsOf(spec: LedgerSpec): number {
  return spec.kind === 'samples' ? spec.size : spec.count
}

function caseLabel(spec: LedgerSpec): string {
  return spec.kind === 'samples' ? `样件 ${thousands(spec.size)}` : `交易记录 ${thousands(spec.count)}`
}

async function measureCase(
  spec: LedgerSpec,
  options: { runs: number; firstOnly: boolean; regenerate: boolean; timeoutMs: number; work: string },
  say: (text: string) => void,
): Promise<CaseFigures> {
  const name = specName(spec)
  const workbook = await cachedWorkbook(spec, options.regenerate, say)
  say(
    `${name}: ${mebibytes(workbook.bytes)} (${workbook.cached ? 'cached' : 'new'}), ${thousands(workbook.totalRows)} rows`,
  )
  const checks: CheckRun[] = []
  const bares: BareRun[] = []
  const dailies: CheckRun[] = []
  for (let round = 1; round <= options.runs; round++) {
    const of = options.runs > 1 ? ` (run ${round} of ${options.runs})` : ''
    say(`${name}: bare streaming read${of}…`)
    const bare = await measure([BARE_READ, workbook.file], options.work, options.timeoutMs)
    const bareFigures = bare.ok
      ? (JSON.parse(bare.stdout.trim().split('\n').pop() ?? '{}') as { cells?: number })
      : {}
    bares.push({ ...bare, ...(bareFigures.cells === undefined ? {} : { cells: bareFigures.cells }) })
    say(
      `${name}: bare read ${seconds(bare.wallMs)}, ${mebibytes(bare.peakRssMb * MIB)}${bare.ok ? '' : ` — ${bare.error}`}`,
    )

    const copy = path.join(options.work, `${name}.xlsx`)
    copyFileSync(workbook.file, copy)
    say(`${name}: check${of}…`)
    const check = await measureCheck(copy, options)
    checks.push(check)
    say(
      `${name}: check ${seconds(check.wallMs)}, ${mebibytes(check.peakRssMb * MIB)}${check.relaunched ? ', relaunched' : ''}${check.ok ? '' : ` — ${check.error}`}`,
    )
    if (!options.firstOnly && check.ok) {
      say(`${name}: second check on the checked copy${of}…`)
      const daily = await measureCheck(copy, options)
      dailies.push(daily)
      say(
        `${name}: second check ${seconds(daily.wallMs)}, ${mebibytes(daily.peakRssMb * MIB)}${daily.ok ? '' : ` — ${daily.error}`}`,
      )
    }
    rmSync(copy, { force: true })
  }
  const findings = (chosen: readonly CheckRun[]): Partial<CheckRun> => {
    const found = chosen.map((one) => one.findings).filter((count) => count !== undefined)
    return found.length > 0 ? { findings: median(found) } : {}
  }
  const check = medianRun(checks, findings)
  const bare = medianRun(bares, (chosen) => {
    const cells = chosen.map((one) => one.cells).filter((count) => count !== undefined)
    return cells.length > 0 ? { cells: median(cells) } : {}
  })
  const both = check.ok && bare.ok
  return {
    name,
    spec,
    ledgerRows: ledgerRowsOf(spec),
    totalRows: workbook.totalRows,
    fileBytes: workbook.bytes,
    runs: options.runs,
    check,
    bare,
    ...(dailies.length > 0 ? { daily: medianRun(dailies, findings) } : {}),
    ...(both
      ? {
          timeRatio: check.wallMs / bare.wallMs,
          cpuRatio: check.cpuMs / bare.cpuMs,
          memoryRatio: check.peakRssMb / bare.peakRssMb,
        }
      : {}),
  }
}

async function measureCheck(copy: string, options: { timeoutMs: number; work: string }): Promise<CheckRun> {
  const measured = await measure([CLI, 'check', copy, '--today', TODAY], options.work, options.timeoutMs)
  const findings = findingsInSummary(measured.stdout)
  return { ...measured, ...(findings === undefined ? {} : { findings }) }
}

/** The targets of issue 8, item 5, for the cases of this run. */
function targets(cases: readonly CaseFigures[]): Target[] {
  const find = (kind: LedgerSpec['kind'], rows: number): CaseFigures | undefined =>
    cases.find((one) => one.spec.kind === kind && one.ledgerRows === rows)
  const list: Target[] = []
  const add = (
    figures: CaseFigures | undefined,
    label: string,
    goal: string,
    test: (f: CaseFigures) => [boolean, string],
  ): void => {
    if (figures === undefined) {
      list.push({ case: label, goal, value: '未运行' })
      return
    }
    if (!figures.check.ok) {
      list.push({ case: label, goal, pass: false, value: `check 失败：${figures.check.error ?? ''}` })
      return
    }
    const [pass, value] = test(figures)
    list.push({ case: label, goal, pass, value })
  }
  const fifty = find('samples', 50_000)
  const underFiveHundred = (f: CaseFigures): [boolean, string] => [
    f.check.peakRssMb <= 500,
    mebibytes(f.check.peakRssMb * MIB),
  ]
  add(fifty, '样件 50,000', '内存峰值 ≤ 500 MB', underFiveHundred)
  add(fifty, '样件 50,000', 'check 用时 ≤ 对照读取的 2 倍', (f) =>
    f.timeRatio === undefined
      ? [false, `对照读取失败：${f.bare.error ?? ''}`]
      : [f.timeRatio <= 2, `${ratio(f.timeRatio)}；CPU 时间 ${ratio(f.cpuRatio ?? 0)}`],
  )
  // The daily case: the same file checked again, 提醒汇总 full (not run with --first-only).
  if (fifty?.daily !== undefined)
    add({ ...fifty, check: fifty.daily }, '样件 50,000（第二次）', '内存峰值 ≤ 500 MB', underFiveHundred)
  const twoHundred = find('samples', 200_000)
  add(twoHundred, '样件 200,000', '内存峰值 ≤ 1.5 GB', (f) => [
    f.check.peakRssMb <= 1536,
    mebibytes(f.check.peakRssMb * MIB),
  ])
  add(twoHundred, '样件 200,000', '不以更大的堆重新启动', (f) => [!f.check.relaunched, relaunchText(f.check)])
  const million = find('transactions', 1_000_000)
  add(million, '交易记录 1,000,000', '检查完成且内存峰值 < 8 GB', (f) => [
    f.check.peakRssMb < 8192,
    // A relaunch's heap is three quarters of this machine's memory: on an 8 GB machine it is 6 GB.
    f.check.relaunched
      ? `${mebibytes(f.check.peakRssMb * MIB)}；重新启动，堆上限 ${thousands(f.check.heapLimitMb)} MB`
      : mebibytes(f.check.peakRssMb * MIB),
  ])
  return list
}

function relaunchText(measured: Measured): string {
  return measured.relaunched
    ? `是：堆上限 ${thousands(measured.heapLimitMb)} MB，${measured.processes} 个 Node 进程`
    : '否'
}

function seconds(ms: number): string {
  return ms >= 100_000
    ? `${Math.round(ms / 1000)} s`
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${(ms / 1000).toFixed(2)} s`
}

function mebibytes(bytes: number): string {
  const mb = bytes / MIB
  return mb >= 1024 ? `${(mb / 1024).toFixed(mb >= 10_240 ? 1 : 2)} GB` : `${Math.round(mb)} MB`
}

/** Text for a Markdown table cell: no pipes, no line breaks. */
function cellText(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ')
}

function fileSize(bytes: number): string {
  return bytes < 10 * MIB ? `${(bytes / MIB).toFixed(1)} MB` : mebibytes(bytes)
}

function ratio(value: number): string {
  return `${value.toFixed(2)}×`
}

function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
  readonly platform: string
  readonly loadAverage: readonly number[]
  /** Set when the run ends. */
  loadAverageAtEnd?: readonly number[]
  readonly gnuTime: boolean
}

function loadAverage(): number[] {
  return os.loadavg().map((load) => Math.round(load * 100) / 100)
}

function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' })
    cpu = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? cpu
  } catch {
    // No lscpu (macOS, Windows): the model Node reports.
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: loadAverage(),
    gnuTime: hasGnuTime(),
  }
}

function markdown(
  info: Machine,
  cases: readonly CaseFigures[],
  goals: readonly Target[],
  gas: readonly string[],
  runs: number,
): string {
  const lines: string[] = []
  lines.push(
    `机器：${info.cores} 核 ${info.cpu}，${info.memoryGiB} GiB 内存，Node ${info.node}，${info.platform}；负载 ${info.loadAverage.join(' / ')}（开始）、${(info.loadAverageAtEnd ?? []).join(' / ')}（结束）` +
      `（${runs > 1 ? `每项取 ${runs} 次运行的中位数；` : ''}测量：${info.gnuTime ? 'GNU time 与' : ''}每个 Node 进程退出时的 resourceUsage）`,
    '',
    '| 台账 | 全部行 | 文件 | 提醒数 | check 用时 | CPU | 内存峰值 | 重新启动 | 对照读取 用时 | CPU | 内存峰值 | 用时比 | CPU 比 | 内存比 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  const row = (label: string, figures: CaseFigures, check: CheckRun): string => {
    const bare = figures.bare
    const checkCells = check.ok
      ? [
          seconds(check.wallMs),
          seconds(check.cpuMs),
          mebibytes(check.peakRssMb * MIB),
          check.relaunched ? relaunchText(check) : '否',
        ]
      : [
          `失败：${cellText(check.error)}`,
          // Killed with its whole tree at a timeout, nothing was recorded.
          check.cpuMs > 0 ? seconds(check.cpuMs) : '—',
          check.peakRssMb > 0 ? mebibytes(check.peakRssMb * MIB) : '—',
          check.relaunched ? relaunchText(check) : '否',
        ]
    const bareCells = bare.ok
      ? [seconds(bare.wallMs), seconds(bare.cpuMs), mebibytes(bare.peakRssMb * MIB)]
      : [`失败：${cellText(bare.error)}`, '', '']
    const ratios =
      check.ok && bare.ok
        ? [
            ratio(check.wallMs / bare.wallMs),
            ratio(check.cpuMs / bare.cpuMs),
            ratio(check.peakRssMb / bare.peakRssMb),
          ]
        : ['', '', '']
    return `| ${[
      label,
      thousands(figures.totalRows),
      fileSize(figures.fileBytes),
      check.findings === undefined ? '?' : thousands(check.findings),
      ...checkCells,
      ...bareCells,
      ...ratios,
    ].join(' | ')} |`
  }
  for (const figures of cases) {
    const label = caseLabel(figures.spec)
    lines.push(row(figures.daily ? `${label}（第一次）` : label, figures, figures.check))
    if (figures.daily) lines.push(row(`${label}（第二次）`, figures, figures.daily))
  }
  lines.push(
    '',
    '“check”是 `node bin/taizhang.mjs check <新复制的文件> --today 2026-03-05` 整个进程树（“第二次”：在它检查过的副本上再检查一次，如每天的检查）；“对照读取”是同一文件的单纯流式读取' +
      '（node:zlib 解压每个工作表和共享字符串，saxes 分词，把每个单元格的值收进数组，不检查、不写入）；比值 = check ÷ 对照。',
    '',
    '目标：',
    '',
  )
  for (const goal of goals) {
    const verdict = goal.pass === undefined ? '未运行' : goal.pass ? '**达到**' : '**未达到**'
    lines.push(
      `- ${goal.case}：${goal.goal}：${verdict}${goal.pass === undefined ? '' : `（${goal.value}）`}`,
    )
  }
  if (gas.length > 0) lines.push('', ...gas)
  return lines.join('\n')
}

interface GasSection {
  readonly bundleBytes: number
  readonly gzipBytes: number
  readonly checks: readonly (GasFigures | { rows: number; error: string })[]
}

function gasSection(say: (text: string) => void): GasSection {
  say('Apps Script bundle…')
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' })
  const code = readFileSync(BUNDLE_PATH, 'utf8')
  const checks: GasSection['checks'][number][] = []
  for (const size of GAS_CALL_SIZES) {
    say(`Apps Script daily check, ${size} rows…`)
    const result = spawnChild('gas', { size })
    checks.push(result.ok ? (result.figures as GasFigures) : { rows: size, error: result.error })
  }
  return { bundleBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length, checks }
}

function gasMarkdown(section: GasSection): string[] {
  const lines = [
    `Apps Script bundle dist/Code.js: ${(section.bundleBytes / 1024).toFixed(1)} KiB (${thousands(section.bundleBytes)} bytes; gzip ${(section.gzipBytes / 1024).toFixed(1)} KiB)`,
    '',
    '| daily check in Apps Script (bundle in a bare V8 context, Sheets stand-ins) | rows (samples) | all rows | findings | Sheets calls | time |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const check of section.checks) {
    const all = Object.values(tabRowCounts(check.rows)).reduce((sum, n) => sum + (n ?? 0), 0)
    if ('error' in check) {
      lines.push(`| dailyCheck | ${thousands(check.rows)} | ${thousands(all)} | failed: ${check.error} | | |`)
    } else {
      lines.push(
        `| dailyCheck | ${thousands(check.rows)} | ${thousands(all)} | ${thousands(check.findings)} | ${check.calls} | ${check.ms >= 10_000 ? `${(check.ms / 1000).toFixed(1)} s` : `${Math.round(check.ms)} ms`} |`,
      )
    }
  }
  return lines
}

interface ParentOptions {
  readonly specs: readonly LedgerSpec[]
  readonly runs: number
  readonly firstOnly: boolean
  readonly regenerate: boolean
  readonly timeoutMs: number
  readonly withGas: boolean
  readonly json: boolean
}

async function parent(options: ParentOptions): Promise<number> {
  const say = (text: string): void => {
    process.stderr.write(`${text}\n`)
  }
  const info = machine()
  if (!existsSync(BARE_READ)) throw new Error(`${BARE_READ} is missing: run the bench with npm run bench`)
  // Builds build/cli.mjs now if it is stale, so that no measured run includes the build.
  execFileSync(process.execPath, [CLI, '--version'], { cwd: ROOT, stdio: 'pipe' })
  mkdirSync(CACHE, { recursive: true })
  const work = mkdtempSync(path.join(CACHE, 'run-'))
  const cases: CaseFigures[] = []
  let gas: GasSection | undefined
  try {
    for (const spec of options.specs) cases.push(await measureCase(spec, { ...options, work }, say))
    if (options.withGas) gas = gasSection(say)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  info.loadAverageAtEnd = loadAverage()
  const goals = targets(cases)
  if (options.json) {
    const strip = ({ stdout: _, ...rest }: Measured): Omit<Measured, 'stdout'> => rest
    const output = {
      machine: info,
      today: TODAY,
      generatorVersion: GENERATOR_VERSION,
      cases: cases.map((figures) => ({
        ...figures,
        check: strip(figures.check),
        bare: strip(figures.bare),
        ...(figures.daily ? { daily: strip(figures.daily) } : {}),
      })),
      targets: goals,
      ...(gas ? { appsScript: gas } : {}),
    }
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
  } else {
    process.stdout.write(`${markdown(info, cases, goals, gas ? gasMarkdown(gas) : [], options.runs)}\n`)
  }
  return 0
}

function numberList(text: string | undefined, fallback: readonly number[]): number[] | undefined {
  if (text === undefined) return [...fallback]
  const numbers = text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => Number(part.replace(/[_\s]/g, '')))
  return numbers.every((n) => Number.isInteger(n) && n >= 1) ? numbers : undefined
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string' },
      transactions: { type: 'string' },
      runs: { type: 'string' },
      'first-only': { type: 'boolean' },
      // The second check is measured by default now; --daily, which asked for it, is still taken.
      daily: { type: 'boolean' },
      regenerate: { type: 'boolean' },
      timeout: { type: 'string' },
      'skip-gas': { type: 'boolean' },
      json: { type: 'boolean' },
      child: { type: 'string' },
      file: { type: 'string' },
      size: { type: 'string' },
      spec: { type: 'string' },
    },
  })
  if (values.child !== undefined) {
    const figures = await runChild(values.child, { file: values.file, size: values.size, spec: values.spec })
    process.stdout.write(`${JSON.stringify(figures)}\n`)
    return 0
  }
  // Neither option: every case. Either one: only the cases named.
  const chosen = values.sizes !== undefined || values.transactions !== undefined
  const sizes = numberList(values.sizes, chosen ? [] : DEFAULT_SIZES)
  const transactions = numberList(values.transactions, chosen ? [] : DEFAULT_TRANSACTIONS)
  const runs = Number(values.runs ?? 1)
  const timeout = Number(values.timeout ?? DEFAULT_TIMEOUT_S)
  if (
    sizes === undefined ||
    transactions === undefined ||
    !Number.isInteger(runs) ||
    runs < 1 ||
    !(timeout > 0)
  ) {
    process.stderr.write(
      'usage: npm run bench -- [--sizes 10000,50000,200000] [--transactions 1000000] [--runs N] [--first-only] [--regenerate] [--timeout SECONDS] [--skip-gas] [--json]\n',
    )
    return 2
  }
  return parent({
    specs: [
      ...sizes.map((size): LedgerSpec => ({ kind: 'samples', size })),
      ...transactions.map((count): LedgerSpec => ({ kind: 'transactions', count })),
    ],
    runs,
    firstOnly: values['first-only'] === true,
    regenerate: values.regenerate === true,
    timeoutMs: timeout * 1000,
    withGas: values['skip-gas'] !== true,
    json: values.json === true,
  })
}
