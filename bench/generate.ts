/**
 * Big ledgers for the bench, generated from sheets-templates so that a ledger added to the
 * templates is generated too: every user column gets a value of its type (an enum one of its
 * options, the first one most often), a column named like another tab's key refers to a record
 * of that tab (样件编号 of an inspection, 客户编号 of a visit or a transaction, 走访编号 of a
 * question), and about one cell in two hundred is typed wrong, as in real ledgers. Owned columns
 * start empty. The same size and seed always give the same rows.
 */
import type ExcelJS from 'exceljs'
import { type TabId, TEMPLATES } from '../sheets-templates'
import { runInit } from '../src/app/init'
import { addDays, type IsoDate } from '../src/core/dates'
import type { ColumnTemplate, TabTemplate } from '../src/core/template'
import { dateToExcel } from '../src/hosts/xlsx/cell-values'
import { newWorkbook, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { XlsxWorkbook } from '../src/hosts/xlsx/xlsx-workbook'

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
const DEFAULT_SEED = 20260305

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

class RowGenerator {
  /** Keys of the tabs generated so far, by key header. */
  private readonly keysByHeader = new Map<string, string[]>()

  constructor(
    private readonly random: () => number,
    private readonly today: IsoDate,
  ) {}

  rows(template: TabTemplate, count: number): GeneratedValue[][] {
    const prefix = template.id.slice(0, 3).toUpperCase()
    const keys: string[] = []
    const rows: GeneratedValue[][] = []
    for (let index = 0; index < count; index++) {
      const row = template.columns.map((column) => {
        if (column.owned) return null
        if (column.header === template.key) {
          const key = `${prefix}-${String(index + 1).padStart(7, '0')}`
          keys.push(key)
          return key
        }
        return this.value(column, index)
      })
      rows.push(row)
    }
    if (template.key !== undefined) this.keysByHeader.set(template.key, keys)
    return rows
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
        return dateToExcel({ date: this.pastDate() })
      case 'datetime':
        return dateToExcel({ date: this.pastDate(), minutes: 8 * 60 + Math.floor(random() * 10 * 60) })
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

/** The generated rows of each tab (without the header), each value passed through `as`. */
export function generatedRows<T>(
  size: number,
  today: IsoDate,
  as: (value: GeneratedValue) => T,
  seed = DEFAULT_SEED,
): [TabId, T[][]][] {
  const generator = new RowGenerator(seededRandom(seed), today)
  const counts = tabRowCounts(size)
  return GENERATION_ORDER.map((id) => [
    id,
    generator.rows(TEMPLATES[id], counts[id] ?? 0).map((row) => row.map(as)),
  ])
}

export interface GeneratedWorkbook {
  readonly rows: Partial<Record<TabId, number>>
  readonly totalRows: number
}

/** Writes a workbook laid out by `init` with `size` samples and the rows of tabRowCounts. */
export async function generateWorkbook(
  file: string,
  size: number,
  today: IsoDate,
  seed = DEFAULT_SEED,
): Promise<GeneratedWorkbook> {
  const workbook = newWorkbook()
  // Laid out as `taizhang init` lays out a workbook: dropdowns and formats on the first rows only.
  const port = new XlsxWorkbook(workbook)
  runInit(port, { actor: 'bench', today })
  let totalRows = 0
  for (const [id, rows] of generatedRows(size, today, (value) => value, seed)) {
    const worksheet = workbook.getWorksheet(TEMPLATES[id].name) as ExcelJS.Worksheet
    rows.forEach((values, index) => {
      const row = worksheet.getRow(index + 2)
      values.forEach((value, column) => {
        if (value !== null) row.getCell(column + 1).value = value
      })
    })
    totalRows += rows.length
  }
  await saveWorkbookFile(workbook, file)
  return { rows: tabRowCounts(size), totalRows }
}
