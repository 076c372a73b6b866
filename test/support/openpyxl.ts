/**
 * openpyxl as an independent reader of workbooks: one long-lived /usr/bin/python3 running
 * scripts/openpyxl-dump.py, asked one path at a time.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { TabTemplate } from '../../src/core/template'

export const PYTHON = process.env.TAIZHANG_PYTHON ?? '/usr/bin/python3'
export const DUMP_SCRIPT = fileURLToPath(new URL('../../scripts/openpyxl-dump.py', import.meta.url))

export type OpenpyxlDump =
  | {
      readonly file: string
      readonly sheets: readonly string[]
      readonly cells: Readonly<Record<string, Readonly<Record<string, string>>>>
      readonly error?: undefined
    }
  | { readonly file: string; readonly error: string }

export class OpenpyxlReader {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly waiting: Array<{ resolve: (dump: OpenpyxlDump) => void; reject: (error: Error) => void }> =
    []
  private stderr = ''
  private exited: Error | undefined

  constructor() {
    this.child = spawn(PYTHON, [DUMP_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000)
    })
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const next = this.waiting.shift()
      if (!next) return
      try {
        next.resolve(JSON.parse(line) as OpenpyxlDump)
      } catch (error) {
        next.reject(error as Error)
      }
    })
    const fail = (error: Error): void => {
      this.exited = error
      for (const next of this.waiting.splice(0)) next.reject(error)
    }
    this.child.on('error', fail)
    this.child.on('exit', (code, signal) =>
      fail(new Error(`openpyxl-dump.py exited (${code ?? signal}): ${this.stderr.trim()}`)),
    )
  }

  dump(file: string): Promise<OpenpyxlDump> {
    if (this.exited) return Promise.reject(this.exited)
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.child.stdin.write(`${file}\n`)
    })
  }

  close(): void {
    this.child.stdin.end()
  }
}

function columnOf(ref: string): string {
  return /^[A-Z]+/.exec(ref)?.[0] ?? ref
}

function rowOf(ref: string): number {
  return Number(/\d+$/.exec(ref)?.[0] ?? 0)
}

/**
 * What openpyxl sees lost between the original and the result: the result must open whenever the
 * original did, keep every tab (in order, new ones anywhere after), and every cell of every tab the
 * same, except the owned columns of ledger tabs and the tool's own tabs.
 */
export function openpyxlLosses(
  before: OpenpyxlDump,
  after: OpenpyxlDump,
  templates: readonly TabTemplate[],
  limit = 5,
): string[] {
  if (before.error !== undefined) return []
  if (after.error !== undefined)
    return [`openpyxl cannot open the result (it opened the original): ${after.error}`]
  const losses: string[] = []
  let at = 0
  for (const sheet of before.sheets) {
    const found = after.sheets.indexOf(sheet, at)
    if (found < 0) {
      losses.push(
        `openpyxl: tab “${sheet}” missing or out of order (result tabs: ${after.sheets.join(', ')})`,
      )
      return losses
    }
    at = found + 1
  }
  for (const sheet of before.sheets) {
    const template = templates.find((t) => t.name === sheet)
    if (template?.kind === 'tool') continue
    const a = before.cells[sheet] ?? {}
    const b = after.cells[sheet] ?? {}
    const ownedHeaders = new Set((template?.columns ?? []).filter((c) => c.owned).map((c) => c.header))
    const headers = new Set((template?.columns ?? []).map((c) => c.header))
    const owned = new Set<string>()
    for (const cells of [a, b]) {
      for (const [ref, value] of Object.entries(cells)) {
        if (rowOf(ref) === 1 && ownedHeaders.has(value.trim())) owned.add(columnOf(ref))
      }
    }
    for (const ref of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[ref] === b[ref] || owned.has(columnOf(ref))) continue
      // init may add a missing header of the template in row 1.
      if (template && a[ref] === undefined && rowOf(ref) === 1 && headers.has(b[ref]?.trim() ?? '')) continue
      const show = (value: string | undefined): string =>
        value === undefined ? '(empty)' : JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
      losses.push(`openpyxl: ‘${sheet}’!${ref} ${show(a[ref])} → ${show(b[ref])}`)
      if (losses.length >= limit) return losses
    }
  }
  return losses
}
