/**
 * One corpus workbook through the tool, as issue 8 asks: `init` then `check` in-process on a copy,
 * then what was lost, judged part by part (package-diff) and by an independent reader (openpyxl).
 */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { TEMPLATES } from '../../src/app/tabs'
import { type OpenpyxlReader, openpyxlLosses } from './openpyxl'
import { packageLosses } from './package-diff'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** `../shared/corpus/xlsx/` beside the project, or TAIZHANG_CORPUS. */
export const CORPUS_DIR = path.resolve(ROOT, process.env.TAIZHANG_CORPUS ?? '../shared/corpus/xlsx')
export const TODAY = '2026-12-01'
export const NOW = new Date('2026-12-01T02:00:00Z')

export type Verdict = 'kept' | 'lost' | 'refused' | 'crashed'

export interface CorpusOutcome {
  readonly file: string
  readonly producer: string
  readonly verdict: Verdict
  /** The command that refused or crashed. */
  readonly stage?: 'init' | 'check'
  readonly exitCodes: readonly number[]
  /** stderr of the command that refused or crashed. */
  readonly message?: string
  readonly losses: readonly string[]
  readonly milliseconds: number
}

/** How long one command may take on one workbook before it counts as a hang. */
export const COMMAND_TIMEOUT_MS = Number(process.env.TAIZHANG_CORPUS_FILE_TIMEOUT_S ?? 180) * 1000
/** The heap of the worker thread that runs the commands (a run above it counts as a crash). */
const WORKER_HEAP_MB = 3072

type CommandResult = { code: number; stderr: string } | { failed: string }

/**
 * Runs the CLI's main() in a worker thread of this process (bundled from corpus-worker.ts), so
 * that a command that spins or runs out of memory can be stopped and reported, and the shard goes
 * on with a fresh thread.
 */
export class CommandRunner {
  private worker: Worker | undefined
  private constructor(private readonly script: string) {}

  static async start(label: string): Promise<CommandRunner> {
    const esbuild = await import('esbuild')
    const script = path.join(ROOT, 'build', `corpus-worker-${label}-${process.pid}.mjs`)
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./corpus-worker.ts', import.meta.url))],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
      plugins: [
        {
          // As bin/taizhang.mjs: a package's JSON data (chinese-days) is bundled.
          name: 'bundled-package-data',
          setup(build) {
            build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({
              path: createRequire(path.join(args.resolveDir, 'index.js')).resolve(args.path),
            }))
          },
        },
      ],
    })
    return new CommandRunner(script)
  }

  run(args: readonly string[]): Promise<CommandResult> {
    this.worker ??= new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } })
    const worker = this.worker
    return new Promise((resolve) => {
      const onMessage = (result: { code: number; stderr: string }): void => finish(result, false)
      const onError = (error: Error): void => finish({ failed: `the run died: ${error.message}` }, true)
      const onExit = (code: number): void => finish({ failed: `the worker exited (${code})` }, true)
      const finish = (result: CommandResult, stop: boolean): void => {
        clearTimeout(timer)
        // Only these listeners: removeAllListeners would also drop the Worker's own bookkeeping.
        worker.off('message', onMessage).off('error', onError).off('exit', onExit)
        if (stop) {
          this.worker = undefined
          void worker.terminate()
        }
        resolve(result)
      }
      const timer = setTimeout(
        () => finish({ failed: `still running after ${COMMAND_TIMEOUT_MS / 1000} s (stopped)` }, true),
        COMMAND_TIMEOUT_MS,
      )
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
      worker.postMessage({ args: [...args], now: NOW.toISOString() })
    })
  }

  async close(): Promise<void> {
    await this.worker?.terminate()
    await fs.rm(this.script, { force: true })
  }
}

/** The corpus workbooks (.xlsx and .xlsm), sorted by name, with their producer from SOURCES.csv. */
export async function corpusFiles(): Promise<Array<{ file: string; producer: string }>> {
  const producers = new Map<string, string>()
  try {
    const csv = await fs.readFile(path.join(CORPUS_DIR, 'SOURCES.csv'), 'utf8')
    for (const line of csv.split(/\r?\n/).slice(1)) {
      const fields = line.split(',')
      if (fields.length >= 5) producers.set(fields[0] as string, fields[4] as string)
    }
  } catch {
    // No SOURCES.csv: producers unknown.
  }
  const names = (await fs.readdir(CORPUS_DIR)).filter((name) => /\.xls[xm]$/i.test(name)).sort()
  return names.map((file) => ({ file, producer: producers.get(file) ?? '?' }))
}

/** stderr without the progress lines (正在读取 … / 正在写入 …). */
export function errorText(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('正在'))
    .join('\n')
}

/** A clear refusal: Chinese, says 错误, names the file, and is not an internal error. */
export function isClearRefusal(stderr: string, file: string): boolean {
  const text = errorText(stderr)
  return (
    text.includes('错误：') &&
    !text.includes('内部错误') &&
    /[\u4e00-\u9fff]{4}/.test(text) &&
    text.includes(path.basename(file))
  )
}

function sha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export async function runCorpusFile(
  entry: { file: string; producer: string },
  reader: OpenpyxlReader,
  runner: CommandRunner,
): Promise<CorpusOutcome> {
  const started = Date.now()
  const source = path.join(CORPUS_DIR, entry.file)
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-corpus-'))
  const copy = path.join(folder, entry.file)
  try {
    const original = await fs.readFile(source)
    await fs.writeFile(copy, original)
    const exitCodes: number[] = []
    let before = original
    for (const [stage, args] of [
      ['init', ['init', copy]],
      ['check', ['check', copy, '--today', TODAY]],
    ] as const) {
      const result = await runner.run(args)
      if ('failed' in result) {
        exitCodes.push(-1)
        return {
          file: entry.file,
          producer: entry.producer,
          verdict: 'crashed',
          stage,
          exitCodes,
          message: result.failed,
          losses: [],
          milliseconds: Date.now() - started,
        }
      }
      const { code, stderr } = result
      exitCodes.push(code)
      if (code === 0) {
        before = await fs.readFile(copy)
        continue
      }
      const now = await fs.readFile(copy)
      const losses: string[] = []
      if (sha(now) !== sha(before)) losses.push(`${stage} failed (exit ${code}) but changed the file`)
      const crashed = stderr.includes('内部错误') || code !== 1
      if (!crashed && !isClearRefusal(stderr, copy)) losses.push(`${stage} refused without a clear message`)
      return {
        file: entry.file,
        producer: entry.producer,
        verdict: crashed ? 'crashed' : 'refused',
        stage,
        exitCodes,
        message: errorText(stderr)
          .replaceAll(folder + path.sep, '')
          .trim(),
        losses,
        milliseconds: Date.now() - started,
      }
    }
    const result = await fs.readFile(copy)
    const losses = packageLosses(original, result)
    const [was, is] = await Promise.all([reader.dump(source), reader.dump(copy)])
    losses.push(...openpyxlLosses(was, is, Object.values(TEMPLATES)))
    return {
      file: entry.file,
      producer: entry.producer,
      verdict: losses.length === 0 ? 'kept' : 'lost',
      exitCodes,
      losses,
      milliseconds: Date.now() - started,
    }
  } finally {
    await fs.rm(folder, { recursive: true, force: true })
  }
}

/** The counts for the closing note, with the first losses of each file and every refusal. */
export function summary(outcomes: readonly CorpusOutcome[], title: string): string {
  const of = (verdict: Verdict): CorpusOutcome[] => outcomes.filter((o) => o.verdict === verdict)
  const percent = (n: number): string =>
    outcomes.length ? `${((100 * n) / outcomes.length).toFixed(1)} %` : '-'
  const lines = [
    `${title}: ${outcomes.length} files`,
    `  accepted, nothing lost:   ${of('kept').length} (${percent(of('kept').length)})`,
    `  accepted, something lost: ${of('lost').length} (${percent(of('lost').length)})`,
    `  refused:                  ${of('refused').length} (${percent(of('refused').length)})`,
    `  crashed (internal error): ${of('crashed').length} (${percent(of('crashed').length)})`,
  ]
  const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0]?.slice(0, 300) ?? ''
  if (of('lost').length) lines.push('', 'accepted with losses:')
  for (const o of of('lost')) {
    lines.push(`  ${o.file} [${o.producer}] (${o.losses.length}${o.losses.length >= 5 ? '+' : ''} losses)`)
    for (const loss of o.losses.slice(0, 3)) lines.push(`    - ${loss.slice(0, 300)}`)
  }
  for (const verdict of ['refused', 'crashed'] as const) {
    if (of(verdict).length) lines.push('', `${verdict}:`)
    for (const o of of(verdict)) {
      lines.push(`  ${o.file} [${o.producer}] at ${o.stage}: ${firstLine(o.message)}`)
      for (const loss of o.losses) lines.push(`    - ${loss}`)
    }
  }
  return lines.join('\n')
}
