/**
 * npm run bench [-- --sizes 10000,50000,200000] [--skip-gas]
 *
 * For each size: generates a workbook (bench/generate.ts), checks it once (as on the first day, when
 * 提醒汇总 is still empty), then on the checked file measures a bare ExcelJS read+write and the
 * daily check, each in a fresh process so that its peak memory is its own. The check runs the CLI's
 * steps (lock, open, check, atomic save) with the stage listener of RunOptions.timings. Then the Apps
 * Script side: the bundle's size, the Sheets calls of one daily check at 1k and 50k rows on the
 * stand-ins of test/support/gas-fakes.ts, and the time of the 50k check run from the bundle in a
 * bare V8 context. Prints a Markdown table.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { TEMPLATES } from '../sheets-templates'
import { runCheck } from '../src/app/check'
import type { CheckStage } from '../src/app/stages'
import type { IsoDate } from '../src/core/dates'
import { RuleSet } from '../src/core/engine'
import { acquireLock } from '../src/hosts/xlsx/file-lock'
import { openWorkbookFile, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { XlsxWorkbook } from '../src/hosts/xlsx/xlsx-workbook'
import { loadGasBundle } from '../test/support/gas-bundle'
import { createGasEnvironment } from '../test/support/gas-fakes'
import { generatedRows, generateWorkbook, tabRowCounts } from './generate'

/** The project root: this file runs as bench/run.ts or bundled as build/bench.mjs, one level down either way. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BUNDLE_PATH = path.join(ROOT, 'dist', 'Code.js')
const TODAY = '2026-03-05' as IsoDate
/** 2026-03-05 07:00 in Asia/Shanghai, when the daily trigger fires. */
const DAILY_TRIGGER_TIME = new Date('2026-03-04T23:00:00Z')
const DEFAULT_SIZES = [10_000, 50_000, 200_000]
const GAS_CALL_SIZES = [1_000, 50_000]
const STAGES: readonly CheckStage[] = ['read', 'parse', 'derive', 'rules', 'write']

interface CheckFigures {
  readonly stages: Record<CheckStage, number>
  readonly wallMs: number
  readonly ruleEvaluations: number
  readonly findings: number
  readonly maxRssMb: number
}

interface BareFigures {
  readonly readMs: number
  readonly writeMs: number
  readonly wallMs: number
  readonly maxRssMb: number
}

interface GasFigures {
  readonly rows: number
  readonly calls: number
  readonly ms: number
  readonly findings: number
}

type ChildResult = { ok: true; figures: unknown } | { ok: false; error: string; maxRssMb: number }

// --- children: each measurement in a process of its own ---

function maxRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

async function childCheck(file: string): Promise<CheckFigures> {
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<CheckStage, number>
  let current: CheckStage | undefined
  let since = performance.now()
  const enter = (stage: CheckStage): void => {
    const now = performance.now()
    if (current !== undefined) stages[current] += now - since
    current = stage
    since = now
  }
  // Counted here, not in the application: how many records went through the rules.
  let ruleEvaluations = 0
  let inBatch = false
  const { evaluate, evaluateAll } = RuleSet.prototype
  RuleSet.prototype.evaluateAll = async function (this: RuleSet, records) {
    if (current === 'rules') ruleEvaluations += records.length
    inBatch = true
    try {
      return await evaluateAll.call(this, records)
    } finally {
      inBatch = false
    }
  }
  RuleSet.prototype.evaluate = function (this: RuleSet, facts) {
    // A ledger that evaluates a handful of records outside the rules stage is not counted.
    if (current === 'rules' && !inBatch) ruleEvaluations += 1
    return evaluate.call(this, facts)
  }
  const started = performance.now()
  const lock = await acquireLock(file)
  let findings = 0
  try {
    enter('read')
    const workbook = await openWorkbookFile(file)
    const port = new XlsxWorkbook(workbook)
    const report = await runCheck(port, { today: TODAY, actor: 'bench', timings: enter })
    findings = report.findings.length
    enter('write')
    await saveWorkbookFile(workbook, file)
    enter('read') // closes the write stage
  } finally {
    await lock.release()
  }
  const wallMs = performance.now() - started
  return { stages, wallMs, ruleEvaluations, findings, maxRssMb: maxRssMb() }
}

async function childBare(file: string): Promise<BareFigures> {
  const output = path.join(path.dirname(file), `bare-${process.pid}.xlsx`)
  const started = performance.now()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const read = performance.now()
  await workbook.xlsx.writeFile(output)
  const written = performance.now()
  rmSync(output, { force: true })
  return { readMs: read - started, writeMs: written - read, wallMs: written - started, maxRssMb: maxRssMb() }
}

async function childGenerate(file: string, size: number): Promise<{ totalRows: number }> {
  const { totalRows } = await generateWorkbook(file, size, TODAY)
  return { totalRows }
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
  const file = args.file ?? ''
  switch (kind) {
    case 'check':
      return childCheck(file)
    case 'bare':
      return childBare(file)
    case 'generate':
      return childGenerate(file, Number(args.size))
    case 'gas':
      return childGas(Number(args.size), readFileSync(BUNDLE_PATH, 'utf8'))
    default:
      throw new Error(`unknown child ${kind}`)
  }
}

// --- the parent ---

/**
 * The heap bin/taizhang.mjs gives a check of a workbook file above 8 MB (three quarters of the
 * machine's memory): the bare ExcelJS run gets the same, so that both meet the same limit.
 */
const BIG_WORKBOOK_BYTES = 8 * 1024 * 1024
const LARGE_HEAP_MB = Math.floor((os.totalmem() * 0.75) / 2 ** 20)

function heapFor(kind: string, args: Record<string, string | number>): string[] {
  if (kind === 'generate') return [`--max-old-space-size=${LARGE_HEAP_MB}`]
  const file = typeof args.file === 'string' ? args.file : undefined
  const size = file === undefined ? 0 : (statSync(file, { throwIfNoEntry: false })?.size ?? 0)
  return size >= BIG_WORKBOOK_BYTES ? [`--max-old-space-size=${LARGE_HEAP_MB}`] : []
}

function spawnChild(kind: string, args: Record<string, string | number>): ChildResult {
  const argv = [...heapFor(kind, args), process.argv[1] ?? '', '--child', kind]
  for (const [key, value] of Object.entries(args)) argv.push(`--${key}`, String(value))
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const line = result.stdout
    .split('\n')
    .reverse()
    .find((text) => text.startsWith('{'))
  if (result.status === 0 && line) return { ok: true, figures: JSON.parse(line) }
  const stderr = result.stderr.trim().split('\n').slice(-3).join(' ')
  const reason = result.signal ? `killed by ${result.signal}` : `exit ${result.status}`
  return { ok: false, error: `${reason}: ${stderr}`.slice(0, 300), maxRssMb: 0 }
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`
}

function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

function machine(): string {
  let model = os.cpus()[0]?.model ?? 'unknown CPU'
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' })
    model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? model
  } catch {
    // No lscpu (macOS, Windows): the model Node reports.
  }
  return `${os.availableParallelism()} × ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`
}

async function parent(sizes: readonly number[], withGas: boolean): Promise<void> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-'))
  const say = (text: string): void => {
    process.stderr.write(`${text}\n`)
  }
  const lines: string[] = []
  const bigHeapSizes: number[] = []
  lines.push(`Machine: ${machine()}`, '')
  lines.push(
    '| rows (samples) | all rows | findings | read | parse | derive | rules | write | check | rules rows/s | peak RSS | bare ExcelJS read+write | ratio | bare peak RSS | first check |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  try {
    for (const size of sizes) {
      const file = path.join(directory, `bench-${size}.xlsx`)
      say(`${size}: generating…`)
      const generated = spawnChild('generate', { file, size })
      if (!generated.ok) {
        lines.push(`| ${thousands(size)} | generation failed: ${generated.error} |`)
        continue
      }
      const { totalRows } = generated.figures as { totalRows: number }
      say(`${size}: ${thousands(statSync(file).size / 1024)} KiB; first check…`)
      const first = spawnChild('check', { file })
      say(`${size}: bare ExcelJS read+write…`)
      const bare = spawnChild('bare', { file })
      say(`${size}: daily check…`)
      const daily = spawnChild('check', { file })
      if (!daily.ok) {
        lines.push(
          `| ${thousands(size)} | ${thousands(totalRows)} | check failed: ${daily.error} | | | | | | | | | | | | |`,
        )
        continue
      }
      const check = daily.figures as CheckFigures
      if (heapFor('check', { file }).length > 0) bigHeapSizes.push(size)
      const bareFigures = bare.ok ? (bare.figures as BareFigures) : undefined
      const rulesPerSecond = check.stages.rules > 0 ? check.ruleEvaluations / (check.stages.rules / 1000) : 0
      lines.push(
        [
          thousands(size),
          thousands(totalRows),
          thousands(check.findings),
          ...STAGES.map((stage) => ms(check.stages[stage])),
          ms(check.wallMs),
          thousands(rulesPerSecond),
          `${check.maxRssMb} MB`,
          bareFigures
            ? `${ms(bareFigures.wallMs)} (${ms(bareFigures.readMs)} + ${ms(bareFigures.writeMs)})`
            : `failed: ${bare.ok ? '' : bare.error}`,
          bareFigures ? `${(check.wallMs / bareFigures.wallMs).toFixed(2)}×` : '',
          bareFigures ? `${bareFigures.maxRssMb} MB` : '',
          first.ok ? ms((first.figures as CheckFigures).wallMs) : `failed: ${first.error}`,
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .concat(' |'),
      )
      rmSync(file, { force: true })
    }
    if (bigHeapSizes.length > 0) {
      lines.push(
        '',
        `Sizes ${bigHeapSizes.map(thousands).join(', ')}: the workbook file is above 8 MB, so the check (as bin/taizhang.mjs does) and the bare ExcelJS run had a heap limit of ${thousands(LARGE_HEAP_MB)} MB instead of Node's default.`,
      )
    }
    if (withGas) {
      say('Apps Script bundle…')
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' })
      const code = readFileSync(BUNDLE_PATH, 'utf8')
      const bytes = Buffer.byteLength(code)
      lines.push(
        '',
        `Apps Script bundle dist/Code.js: ${(bytes / 1024).toFixed(1)} KiB (${thousands(bytes)} bytes; gzip ${(gzipSync(code).length / 1024).toFixed(1)} KiB)`,
        '',
        '| daily check in Apps Script (bundle in a bare V8 context, Sheets stand-ins) | rows (samples) | all rows | findings | Sheets calls | time |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
      )
      for (const size of GAS_CALL_SIZES) {
        say(`Apps Script daily check, ${size} rows…`)
        const result = spawnChild('gas', { size })
        const all = Object.values(tabRowCounts(size)).reduce((sum, n) => sum + (n ?? 0), 0)
        if (!result.ok) {
          lines.push(`| dailyCheck | ${thousands(size)} | ${thousands(all)} | failed: ${result.error} | | |`)
          continue
        }
        const gas = result.figures as GasFigures
        lines.push(
          `| dailyCheck | ${thousands(size)} | ${thousands(all)} | ${thousands(gas.findings)} | ${gas.calls} | ${ms(gas.ms)} |`,
        )
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string' },
      'skip-gas': { type: 'boolean' },
      child: { type: 'string' },
      file: { type: 'string' },
      size: { type: 'string' },
    },
  })
  if (values.child !== undefined) {
    const figures = await runChild(values.child, { file: values.file, size: values.size })
    process.stdout.write(`${JSON.stringify(figures)}\n`)
    return 0
  }
  const sizes = (values.sizes ?? DEFAULT_SIZES.join(','))
    .split(',')
    .map((text) => Number(text.replace(/[_\s]/g, '')))
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    process.stderr.write('--sizes takes whole numbers separated by commas, e.g. --sizes 10000,50000\n')
    return 2
  }
  await parent(sizes, values['skip-gas'] !== true)
  return 0
}
