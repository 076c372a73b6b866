/**
 * Big ledgers for the bench, generated from the tab templates so that a ledger added to the
 * templates is generated too: every user column gets a value of its type (an enum one of its
 * options, the first one most often), a column named like another tab's key refers to a record
 * of that tab (样件编号 of an inspection, 客户编号 of a visit or a transaction, 走访编号 of a
 * question), and about one cell in two hundred is typed wrong, as in real ledgers. Owned columns
 * start empty. The same size and seed always give the same rows.
 *
 * The workbook is laid out by the command itself (`taizhang init` on a new file, whatever host it
 * runs), and that layout is copied, with the rows added, by ExcelJS's streaming WorkbookWriter: the
 * rows go to disk as they are generated, so a million rows need no whole workbook in memory, and
 * nothing here depends on how the local host is written.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { type TabId, TEMPLATES } from '../src/app/tabs'
import { addDays, type IsoDate } from '../src/core/dates'
import type { ColumnTemplate, TabTemplate } from '../src/core/template'

/**
 * Bumped whenever the generated rows or their layout change: the bench's cache of generated files
 * (bench-cache/) is keyed by it, with the size, the seed and the templates.
 */
export const GENERATOR_VERSION = 2

/** The project root: this file runs as bench/generate.ts or bundled into build/bench.mjs, one level down either way. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CLI = path.join(ROOT, 'bin', 'taizhang.mjs')

/** What to generate: a ledger of `size` samples with the rest in proportion, or one big 交易记录. */
export type LedgerSpec =
  | { readonly kind: 'samples'; readonly size: number }
  | { readonly kind: 'transactions'; readonly count: number }

/** Rows per tab for a bench size (the size is the number of samples). */
export function tabRowCounts(size: number): Partial<Record<TabId, number>> {
  return {
    samples: size,
    inspections: size,
    customers: Math.max(50, Math.round(size / 100)),
    visits: Math.round(size / 10),
    visitQuestions: Math.round(size / 10),
    transactions: Math.round(size / 2),
  }
}

/** Rows per tab of a spec: a transactions spec has only the customers its rows refer to. */
export function specRowCounts(spec: LedgerSpec): Partial<Record<TabId, number>> {
  if (spec.kind === 'samples') return tabRowCounts(spec.size)
  return { customers: Math.max(50, Math.round(spec.count / 1000)), transactions: spec.count }
}

/** A short name for a spec, used in file names: samples-10000, transactions-1000000. */
export function specName(spec: LedgerSpec): string {
  return spec.kind === 'samples' ? `samples-${spec.size}` : `transactions-${spec.count}`
}

/** Tabs whose keys other tabs refer to, in the order they are generated. */
const GENERATION_ORDER: readonly TabId[] = [
  'samples',
  'inspections',
  'customers',
  'visits',
  'visitQuestions',
  'transactions',
]

/** Dates fall in the three years up to the bench's today, most of them in the last 300 days. */
const DATE_SPAN_DAYS = 3 * 365
const RECENT_DAYS = 300
const RECENT_RATE = 0.85
const BAD_CELL_RATE = 0.005
const OPTIONAL_FILL_RATE = 0.6
export const DEFAULT_SEED = 20260305

/** A small seeded generator (mulberry32): the same rows on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A date as Excel keeps it once typed: a calendar date (and time) at UTC, as ExcelJS reads it back. */
function excelDate(date: IsoDate, minutes = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day) + minutes * 60_000)
}

class RowGenerator {
  /** Keys of the tabs generated so far, by key header. */
  private readonly keysByHeader = new Map<string, string[]>()

  constructor(
    private readonly random: () => number,
    private readonly today: IsoDate,
  ) {}

  /** The rows of a tab one by one; its keys are known to the tabs after it once the last is taken. */
  *rows(template: TabTemplate, count: number): Generator<GeneratedValue[]> {
    const prefix = template.id.slice(0, 3).toUpperCase()
    const keys: string[] = []
    for (let index = 0; index < count; index++) {
      yield template.columns.map((column) => {
        if (column.owned) return null
        if (column.header === template.key) {
          const key = `${prefix}-${String(index + 1).padStart(7, '0')}`
          keys.push(key)
          return key
        }
        return this.value(column, index)
      })
    }
    if (template.key !== undefined) this.keysByHeader.set(template.key, keys)
  }

  /** Most records are recent, as in a ledger that is kept up: few of them raise findings. */
  private pastDate(): IsoDate {
    const span = this.random() < RECENT_RATE ? RECENT_DAYS : DATE_SPAN_DAYS
    return addDays(this.today, -Math.floor(this.random() * span))
  }

  private value(column: ColumnTemplate, index: number): GeneratedValue {
    const random = this.random
    if (!column.required && random() > OPTIONAL_FILL_RATE) return null
    if (random() < BAD_CELL_RATE) return badValue(column)
    const referenced = this.keysByHeader.get(column.header)
    if (referenced !== undefined && referenced.length > 0) {
      return referenced[Math.floor(random() * referenced.length)] ?? null
    }
    switch (column.type) {
      case 'text':
        return `${column.header}${(index % 997) + 1}`
      case 'date':
        return excelDate(this.pastDate())
      case 'datetime':
        return excelDate(this.pastDate(), 8 * 60 + Math.floor(random() * 10 * 60))
      case 'integer': {
        const min = column.min ?? 1
        const max = Math.min(column.max ?? 24, min + 23)
        return min + Math.floor(random() * (max - min + 1))
      }
      case 'number':
        return Math.round(random() * 1_000_000) / 100
      case 'enum': {
        const options = column.options ?? []
        // The first option (在用, 合格, 是 …) is the usual one.
        const pick = random() < 0.7 ? 0 : Math.floor(random() * options.length)
        return options[pick] ?? null
      }
    }
  }
}

function badValue(column: ColumnTemplate): GeneratedValue {
  switch (column.type) {
    case 'date':
    case 'datetime':
      return '2025-13-45'
    case 'integer':
    case 'number':
      return '十二'
    case 'enum':
      return '不知道'
    case 'text':
      return column.required ? ' ' : '备注'
  }
}

export type GeneratedValue = string | number | Date | null

/** The rows of each tab of a spec, tab by tab in GENERATION_ORDER, generated as they are taken. */
function* specRows(
  spec: LedgerSpec,
  today: IsoDate,
  seed: number,
): Generator<[TabId, Iterable<GeneratedValue[]>]> {
  const generator = new RowGenerator(seededRandom(seed), today)
  const counts = specRowCounts(spec)
  for (const id of GENERATION_ORDER) yield [id, generator.rows(TEMPLATES[id], counts[id] ?? 0)]
}

/** The generated rows of each tab (without the header), each value passed through `as`. */
export function generatedRows<T>(
  size: number,
  today: IsoDate,
  as: (value: GeneratedValue) => T,
  seed = DEFAULT_SEED,
): [TabId, T[][]][] {
  return [...specRows({ kind: 'samples', size }, today, seed)].map(([id, rows]) => [
    id,
    Array.from(rows, (row) => row.map(as)),
  ])
}

export interface GeneratedWorkbook {
  readonly rows: Partial<Record<TabId, number>>
  readonly totalRows: number
}

/** Writes a workbook laid out by `init` with `size` samples and the rows of tabRowCounts. */
export function generateWorkbook(
  file: string,
  size: number,
  today: IsoDate,
  seed = DEFAULT_SEED,
): Promise<GeneratedWorkbook> {
  return generateLedgerWorkbook(file, { kind: 'samples', size }, today, seed)
}

/** Writes a workbook laid out by `taizhang init` with the rows of the spec (into a temporary file renamed into place). */
export async function generateLedgerWorkbook(
  file: string,
  spec: LedgerSpec,
  today: IsoDate,
  seed = DEFAULT_SEED,
): Promise<GeneratedWorkbook> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'taizhang-generate-'))
  const temporary = `${file}.${process.pid}.tmp`
  try {
    const layoutFile = path.join(directory, 'layout.xlsx')
    execFileSync(process.execPath, [CLI, 'init', layoutFile], { stdio: 'pipe', cwd: ROOT })
    const layout = new ExcelJS.Workbook()
    await layout.xlsx.readFile(layoutFile)
    const totalRows = await writeWithRows(layout, temporary, specRows(spec, today, seed))
    renameSync(temporary, file)
    return { rows: specRowCounts(spec), totalRows }
  } finally {
    rmSync(temporary, { force: true })
    rmSync(directory, { recursive: true, force: true })
  }
}

interface ValidationHolder {
  model: Record<string, ExcelJS.DataValidation | undefined>
}

function validations(worksheet: ExcelJS.Worksheet): ValidationHolder {
  return (worksheet as ExcelJS.Worksheet & { dataValidations: ValidationHolder }).dataValidations
}

/**
 * ExcelJS reads a validation over E2:E5000 as one entry per cell, all the same object: the entries
 * of one object are put back together as the rectangle they cover.
 */
function validationRanges(worksheet: ExcelJS.Worksheet): Map<string, ExcelJS.DataValidation> {
  const boxes = new Map<
    ExcelJS.DataValidation,
    { top: number; left: number; bottom: number; right: number }
  >()
  for (const [address, validation] of Object.entries(validations(worksheet).model)) {
    if (validation === undefined) continue
    for (const part of address.split(':')) {
      const { row, col } = parseAddress(part)
      const box = boxes.get(validation)
      if (box === undefined) boxes.set(validation, { top: row, left: col, bottom: row, right: col })
      else {
        box.top = Math.min(box.top, row)
        box.left = Math.min(box.left, col)
        box.bottom = Math.max(box.bottom, row)
        box.right = Math.max(box.right, col)
      }
    }
  }
  const ranges = new Map<string, ExcelJS.DataValidation>()
  for (const [validation, box] of boxes) {
    const from = cellAddress(box.top, box.left)
    const to = cellAddress(box.bottom, box.right)
    ranges.set(from === to ? from : `${from}:${to}`, validation)
  }
  return ranges
}

/** E12 as row 12, column 5 (not through ExcelJS's getCell, which would add the cell to the layout). */
function parseAddress(address: string): { row: number; col: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(address)
  if (!match) throw new Error(`not a cell address: ${address}`)
  let col = 0
  for (const letter of match[1] ?? '') col = col * 26 + letter.charCodeAt(0) - 64
  return { row: Number(match[2]), col }
}

function cellAddress(row: number, col: number): string {
  let letters = ''
  for (let rest = col; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  }
  return `${letters}${row}`
}

/** Copies the layout sheet by sheet, each ledger tab followed by its generated rows; returns the rows added. */
async function writeWithRows(
  layout: ExcelJS.Workbook,
  file: string,
  tabs: Iterable<[TabId, Iterable<GeneratedValue[]>]>,
): Promise<number> {
  const rowsByName = new Map<string, Iterable<GeneratedValue[]>>()
  const order: string[] = []
  for (const [id, rows] of tabs) {
    rowsByName.set(TEMPLATES[id].name, rows)
    order.push(TEMPLATES[id].name)
  }
  // A tab's rows refer to the keys of the tabs generated before it: the layout must show them in that order.
  const shown = layout.worksheets.map((sheet) => sheet.name).filter((name) => rowsByName.has(name))
  if (shown.join() !== order.join()) {
    throw new Error(
      `init lays the ledgers out as ${shown.join('、')}; the generator needs ${order.join('、')}`,
    )
  }
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  })
  writer.creator = layout.creator ?? '台账'
  let added = 0
  for (const source of layout.worksheets) {
    const sheet = writer.addWorksheet(source.name, {
      views: source.views,
      properties: { ...source.properties },
      state: source.state,
    })
    const columns = source.columns ?? []
    sheet.columns = columns.map((column) => ({
      width: column.width,
      hidden: column.hidden,
      style: column.style,
    })) as Partial<ExcelJS.Column>[]
    if (source.autoFilter) sheet.autoFilter = source.autoFilter
    for (const [range, validation] of validationRanges(source)) validations(sheet).model[range] = validation
    let next = 1
    source.eachRow({ includeEmpty: true }, (row, number) => {
      const copy = sheet.getRow(number)
      if (row.height !== undefined) copy.height = row.height
      row.eachCell((cell, column) => {
        const target = copy.getCell(column)
        target.value = cell.value
        target.style = cell.style
        if (cell.note !== undefined) target.note = cell.note
      })
      copy.commit()
      next = number + 1
    })
    for (const values of rowsByName.get(source.name) ?? []) {
      const row = sheet.getRow(next++)
      values.forEach((value, column) => {
        if (value !== null) row.getCell(column + 1).value = value
      })
      row.commit()
      added += 1
    }
    sheet.commit()
  }
  await writer.commit()
  return added
}
