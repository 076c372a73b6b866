#!/usr/bin/env node
// The corpus counts for the closing note of issue 8: runs the four corpus shards
// (test/corpus-*.test.ts: init then check on a copy of every workbook in ../shared/corpus/xlsx/,
// judged by test/support/package-diff.ts and openpyxl) and adds up their outcomes.
//
//   node scripts/corpus-report.mjs            counts, then the files with losses, refusals, crashes
//   node scripts/corpus-report.mjs --json     the outcomes as JSON
//   TAIZHANG_CORPUS=/other/folder node scripts/corpus-report.mjs
//   TAIZHANG_CORPUS_FILE_TIMEOUT_S=180   per command and workbook, before it counts as a hang
//
// The shards' own pass/fail is not the point here: the script always prints the counts, and exits
// 0 only when every workbook was kept (or refused because it cannot be read).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const json = process.argv.includes('--json')
// The shards are CPU-bound; a worker each (TAIZHANG_CORPUS_WORKERS to choose).
const workers = Number(
  process.env.TAIZHANG_CORPUS_WORKERS ?? Math.max(2, Math.min(4, availableParallelism() - 1)),
)
const out = mkdtempSync(join(tmpdir(), 'taizhang-corpus-report-'))
try {
  const shards = readdirSync(join(root, 'test'))
    .filter((name) => /^corpus-\d+\.test\.ts$/.test(name))
    .map((name) => join('test', name))
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...shards,
      '--reporter=dot',
      `--maxWorkers=${workers}`,
    ],
    {
      cwd: root,
      env: { ...process.env, TAIZHANG_CORPUS_OUT: out },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    },
  )
  const outcomes = readdirSync(out)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => JSON.parse(readFileSync(join(out, name), 'utf8')))
    .sort((a, b) => a.file.localeCompare(b.file))
  if (outcomes.length === 0) {
    process.stderr.write(
      `${run.stderr ?? ''}\nno outcomes: vitest exited with ${run.status}; is the corpus there?\n`,
    )
    process.exit(2)
  }
  const may = mayBeRefused()
  if (json) {
    process.stdout.write(`${JSON.stringify(outcomes, null, 1)}\n`)
  } else {
    process.stdout.write(`${report(outcomes, may)}\n`)
  }
  const bad = outcomes.filter(
    (o) => o.verdict === 'lost' || o.verdict === 'crashed' || (o.verdict === 'refused' && !may.has(o.file)),
  )
  process.exitCode = bad.length === 0 ? 0 : 1
} finally {
  rmSync(out, { recursive: true, force: true })
}

/** The files test/support/corpus-shard.ts lets refuse (read from its MAY_BE_REFUSED table). */
function mayBeRefused() {
  const source = readFileSync(join(root, 'test', 'support', 'corpus-shard.ts'), 'utf8')
  const table = /MAY_BE_REFUSED[^{]*\{([^}]*)\}/.exec(source)?.[1] ?? ''
  return new Set([...table.matchAll(/'([^']+\.xls[xm])'/g)].map((m) => m[1]))
}

function report(outcomes, may) {
  const of = (verdict) => outcomes.filter((o) => o.verdict === verdict)
  const pct = (n) => `${((100 * n) / outcomes.length).toFixed(1)} %`
  const line = (label, list) =>
    `  ${label.padEnd(28)} ${String(list.length).padStart(4)}  (${pct(list.length)})`
  const refused = of('refused')
  const lines = [
    `Corpus: ${outcomes.length} workbooks, init then check (--today 2026-12-01)`,
    line('accepted, nothing lost', of('kept')),
    line('accepted, something lost', of('lost')),
    line('refused', refused),
    `    of which allowed (unreadable): ${refused.filter((o) => may.has(o.file)).length}`,
    line('crashed (internal error)', of('crashed')),
    '',
    'By producer (kept / lost / refused / crashed):',
  ]
  const producers = [...new Set(outcomes.map((o) => o.producer))].sort()
  for (const producer of producers) {
    const mine = outcomes.filter((o) => o.producer === producer)
    const n = (v) => mine.filter((o) => o.verdict === v).length
    lines.push(`  ${producer.padEnd(40)} ${n('kept')} / ${n('lost')} / ${n('refused')} / ${n('crashed')}`)
  }
  lines.push('', 'What was lost (files per kind of part or finding):')
  const kinds = new Map()
  for (const o of of('lost')) {
    const seen = new Set(o.losses.map(kindOf))
    for (const kind of seen) kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  }
  for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${String(count).padStart(4)}  ${kind}`)
  lines.push('', 'Refusal messages (count):')
  const messages = new Map()
  for (const o of [...refused, ...of('crashed')]) {
    const key = `${o.verdict}: ${(o.message ?? '')
      .split('\n')[0]
      .replace(/“[^”]*”/g, '“…”')
      .slice(0, 160)}`
    messages.set(key, (messages.get(key) ?? 0) + 1)
  }
  for (const [message, count] of [...messages].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${String(count).padStart(4)}  ${message}`)
  lines.push('', 'Files with losses (first 3 each):')
  for (const o of of('lost')) {
    lines.push(`  ${o.file} [${o.producer}]`)
    for (const loss of o.losses.slice(0, 3)) lines.push(`    - ${loss.slice(0, 240)}`)
  }
  lines.push('', 'Refused or crashed:')
  for (const o of [...refused, ...of('crashed')]) {
    const allowed = may.has(o.file) ? ' (allowed)' : ''
    lines.push(
      `  ${o.verdict}${allowed} ${o.file} [${o.producer}] at ${o.stage}: ${(o.message ?? '').split('\n')[0].slice(0, 240)}`,
    )
  }
  return lines.join('\n')
}

/** A loss's kind: the part (numbers taken out) or the openpyxl finding. */
function kindOf(loss) {
  if (loss.startsWith('openpyxl'))
    return loss.startsWith('openpyxl cannot')
      ? 'openpyxl cannot open the result'
      : 'openpyxl: cell values or tabs'
  const part = loss
    .split(':')[0]
    .replace(/\d+/g, 'N')
    .replace(/ \(.*\)$/, '')
  return part
}
