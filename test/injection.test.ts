/**
 * User text is never turned into a formula by either host. Every text a user typed into the demo
 * ledgers is given a leading =, +, - or @ (the same one wherever a header recurs, so that ids still
 * match across tabs); the tool then copies such text into owned columns, 提醒汇总, 操作日志 and the
 * annual plans. End to end:
 * - xlsx: the saved file's sheet XML holds no formula (<f>) element at all, and the texts read back
 *   as the text typed;
 * - Google Sheets (the stand-ins enter what setValues writes as Sheets does: a leading = makes a
 *   formula): no cell the tool wrote holds a formula, and getValues returns the text typed.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { ALL_TEMPLATES, type TabId, TEMPLATES } from '../src/app/tabs'
import { main } from '../src/cli/main'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { createHandlers } from '../src/hosts/gas/handlers'
import { SheetsWorkbook } from '../src/hosts/gas/sheets-workbook'
import { newWorkbook, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { createGasEnvironment, FakeDataValidationBuilder } from './support/gas-fakes'
import { servicesOf } from './support/gas-services'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TODAY = '2026-03-05' as IsoDate
const NOW = new Date('2026-03-04T23:00:00Z')
const PREFIXES = ['=', '+', '-', '@'] as const

/** The same prefix for every column of one header, so that 样件编号 still matches across tabs. */
function prefixFor(header: string): string {
  let sum = 0
  for (const char of header) sum += char.codePointAt(0) ?? 0
  return PREFIXES[sum % PREFIXES.length] as string
}

/** The demo rows with every text a user typed starting with a formula character. */
function hostileRows(): { rows: Partial<Record<TabId, Cell[][]>>; texts: Set<string> } {
  const rows: Partial<Record<TabId, Cell[][]>> = {}
  const texts = new Set<string>()
  for (const [id, tabRows] of Object.entries(demoRows(TODAY)) as [TabId, Cell[][]][]) {
    const template = TEMPLATES[id]
    rows[id] = tabRows.map((row) =>
      row.map((cell, index) => {
        const column = template.columns[index]
        if (column?.type !== 'text' || column.owned || typeof cell !== 'string' || cell === '') return cell
        if (id === 'parameters') return cell // parameter names must stay what the tool knows
        const text = `${prefixFor(column.header)}${cell}`
        texts.add(text)
        return text
      }),
    )
  }
  return { rows, texts }
}

/**
 * A text the user typed, or an id composed from one (PPAP提交 lists a part as 零件号/供应商编号,
 * 供应商月度评定 a rating as 供应商编号 月份): either way copied as text.
 */
function typedOrComposed(texts: ReadonlySet<string>, value: string): boolean {
  return (
    texts.has(value) ||
    [...texts].some((text) => value.startsWith(`${text}/`) || value.startsWith(`${text} `))
  )
}

/** The parts of a zip (an .xlsx) by name, inflated. */
function unzip(bytes: Buffer): Map<string, string> {
  let end = bytes.length - 22
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--
  const count = bytes.readUInt16LE(end + 10)
  let offset = bytes.readUInt32LE(end + 16)
  const parts = new Map<string, string>()
  for (let index = 0; index < count; index++) {
    const method = bytes.readUInt16LE(offset + 10)
    const compressed = bytes.readUInt32LE(offset + 20)
    const nameLength = bytes.readUInt16LE(offset + 28)
    const extraLength = bytes.readUInt16LE(offset + 30)
    const commentLength = bytes.readUInt16LE(offset + 32)
    const local = bytes.readUInt32LE(offset + 42)
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength)
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    const data = bytes.subarray(start, start + compressed)
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return parts
}

const quiet = { stdout: () => undefined, stderr: () => undefined, now: () => NOW }

describe('the local workbook', () => {
  it('writes no formula anywhere, however the user text starts', async () => {
    const { rows, texts } = hostileRows()
    expect([...texts].some((text) => text.startsWith('='))).toBe(true)
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const workbook = newWorkbook()
    runInit(workbook, { actor: 'test', today: TODAY, seedRows: rows }, NOW)
    await saveWorkbookFile(workbook, file)

    expect(await main(['check', file, '--today', TODAY], quiet)).toBe(0)
    expect(await main(['plan', file, '--year', '2026', '--today', TODAY], quiet)).toBe(0)
    expect(await main(['check', file, '--today', TODAY], quiet)).toBe(0)

    const parts = unzip(await fs.readFile(file))
    const sheets = [...parts].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    expect(sheets.length).toBe(ALL_TEMPLATES.length)
    for (const [name, xml] of sheets) expect(xml, name).not.toMatch(/<f[\s>]/)

    // The texts the tool copied are there as text: the sample ids in 提醒汇总 and in the plans.
    const saved = new ExcelJS.Workbook()
    await saved.xlsx.readFile(file)
    const copied: unknown[] = []
    for (const tab of [TEMPLATES.alerts, TEMPLATES.inspectionPlan, TEMPLATES.replacementPlan]) {
      saved.getWorksheet(tab.name)?.eachRow((row, index) => {
        if (index > 1) row.eachCell((cell) => copied.push(cell.value))
      })
    }
    const hostile = copied.filter((value) => typeof value === 'string' && /^[=+\-@]/.test(value))
    expect(hostile.length).toBeGreaterThan(0)
    for (const value of hostile) expect(typedOrComposed(texts, value as string), String(value)).toBe(true)
    expect(
      copied.every((value) => typeof value !== 'object' || value === null || value instanceof Date),
    ).toBe(true)
  })
})

describe('Google Sheets', () => {
  // The handlers report to the Apps Script log (console): kept out of the test output.
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('writes no formula into any cell, and hands the texts back as typed', async () => {
    const { rows, texts } = hostileRows()
    const env = createGasEnvironment()
    runInit(
      new SheetsWorkbook(env.spreadsheet, () => new FakeDataValidationBuilder(env.calls)),
      { actor: 'test', today: TODAY, seedRows: rows },
      NOW,
    )
    // The seed rows went in through setValues too: not one became a formula.
    const formulas = (): number => env.spreadsheet.sheets.reduce((sum, sheet) => sum + sheet.formulas.size, 0)
    expect(formulas()).toBe(0)

    const handlers = createHandlers(servicesOf(env, { now: NOW }))
    await handlers.dailyCheck()
    env.ui.replies.push({ text: '2026', button: 'OK' })
    await handlers.generatePlan()
    await handlers.checkNow()
    expect(env.console.lines.filter((line) => line.level === 'error')).toEqual([])
    expect(formulas()).toBe(0)

    const written: unknown[] = []
    for (const tab of [TEMPLATES.alerts, TEMPLATES.inspectionPlan, TEMPLATES.replacementPlan]) {
      written.push(...env.spreadsheet.sheet(tab.name).snapshot().slice(1).flat())
    }
    const hostile = written.filter(
      (value): value is string => typeof value === 'string' && /^[=+\-@]/.test(value),
    )
    expect(hostile.length).toBeGreaterThan(0)
    for (const value of hostile) expect(typedOrComposed(texts, value), value).toBe(true)
    // And the user's own cells still read back as the text typed.
    const samples = env.spreadsheet.sheet(TEMPLATES.samples.name).snapshot()
    const ids = samples.slice(1).map((row) => row[0])
    expect(ids.every((id) => typeof id === 'string' && texts.has(id))).toBe(true)
  })
})
