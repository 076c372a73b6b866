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
        // A phone is checked as one (渠道报备 客户电话): a prefixed one is a bad cell, and its report
        // would write no 佣金提报 row. A real one may start with + (+86 138…): the demo has one.
        if (column.header.includes('电话')) return cell
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
 * 供应商月度评定 a rating as 供应商编号 月份), or a list of them (半年评估's 新客户: KH-006、KH-008):
 * either way copied as text.
 */
function typedOrComposed(texts: ReadonlySet<string>, value: string): boolean {
  const one = (item: string): boolean =>
    texts.has(item) || [...texts].some((text) => item.startsWith(`${text}/`) || item.startsWith(`${text} `))
  return one(value) || value.split('、').every(one)
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

/** Who 操作日志 says ran a command: a name given on the command line, a user's e-mail in Sheets. */
const ACTOR = '=HYPERLINK("http://evil.example","点我")'

const quiet = { stdout: () => undefined, stderr: () => undefined, now: () => NOW }

describe('the local workbook', () => {
  it('writes no formula anywhere, however the user text starts', async () => {
    const { rows, texts } = hostileRows()
    expect([...texts].some((text) => text.startsWith('='))).toBe(true)
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const workbook = newWorkbook()
    runInit(workbook, { actor: 'test', today: TODAY, seedRows: rows }, NOW)
    await saveWorkbookFile(workbook, file)

    texts.add(ACTOR)
    for (const [command = '', ...options] of EVERY_COMMAND)
      expect(await main([command, file, ...options], quiet), `${command} ${options.join(' ')}`).toBe(0)

    const parts = unzip(await fs.readFile(file))
    const sheets = [...parts].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    expect(sheets.length).toBe(ALL_TEMPLATES.length + EXTRA_XLSX_SHEETS)
    for (const [name, xml] of sheets) expect(xml, name).not.toMatch(/<f[\s>]/)
    // What starts like a formula is an inline string: <c t="inlineStr"><is><t>=…</t></is></c>.
    const inline = sheets.filter(([, xml]) => /t="inlineStr"><is><t(?: [^>]*)?>[=+\-@]/.test(xml))
    expect(inline.length).toBeGreaterThan(TOOL_TABS.length)

    // Every tool tab was written, and the texts the tool copied into it are there as text.
    const saved = new ExcelJS.Workbook()
    await saved.xlsx.readFile(file)
    const tabs = new Map<string, unknown[][]>()
    for (const tab of TOOL_TABS) {
      const rows: unknown[][] = []
      saved.getWorksheet(tab.name)?.eachRow((row, index) => {
        if (index > 1) rows.push((row.values as unknown[]).slice(1))
      })
      tabs.set(tab.name, rows)
    }
    expectEveryToolTabSafe(tabs, texts)
  })
})

/**
 * The commands that write the tool tabs, each as the CLI takes it: the check (提醒汇总, 操作日志 and
 * the ledgers' own tool tabs: 今日派工, 服务评分, 佣金提报, 回访抽样), the annual plans, the three
 * reports, and the check again over what they wrote.
 */
const EVERY_COMMAND: readonly string[][] = [
  ['check', '--today', TODAY, '--actor', ACTOR],
  ['plan', '--year', '2026', '--today', TODAY],
  ['report', '--period', '2025H2', '--today', TODAY],
  ['report', '--year', '2025', '--survey', '--today', TODAY],
  ['report', '--year', '2025', '--suppliers', '--today', TODAY],
  ['check', '--today', TODAY],
]

/** The tabs the tool writes, from the registry (src/ledgers/index.ts) and the app's own. */
const TOOL_TABS = ALL_TEMPLATES.filter((template) => template.kind === 'tool')

/** Sheets the .xlsx holds beyond the templates' tabs: the charts' data of the reports, if any. */
const EXTRA_XLSX_SHEETS = 0

/**
 * Each tool tab has rows; every text in it that starts like a formula is one the user typed (or an
 * id composed from one), read back as text; and across the tool tabs the hostile texts arrived.
 */
function expectEveryToolTabSafe(tabs: ReadonlyMap<string, unknown[][]>, texts: ReadonlySet<string>): void {
  const copiedInto: string[] = []
  for (const tab of TOOL_TABS) {
    const rows = tabs.get(tab.name) ?? []
    expect(rows.length, `${tab.name}：没有写入任何行`).toBeGreaterThan(0)
    const values = rows.flat()
    // A formula would come back as an object ({ formula }, or a cell the stand-in calculated).
    for (const value of values)
      expect(
        typeof value !== 'object' || value === null || value instanceof Date,
        `${tab.name}：${JSON.stringify(value)}`,
      ).toBe(true)
    const hostile = values.filter(
      (value): value is string => typeof value === 'string' && /^[=+\-@]/.test(value),
    )
    for (const value of hostile) expect(typedOrComposed(texts, value), `${tab.name}：${value}`).toBe(true)
    if (hostile.length > 0) copiedInto.push(tab.name)
  }
  expect(copiedInto).toEqual(expect.arrayContaining([...COPYING_TABS]))
}

/** The tool tabs that copy what users typed (ids, names): each must be shown holding hostile text. */
const COPYING_TABS: readonly string[] = TOOL_TABS.map((tab) => tab.name).filter(
  // Its rows are the survey's aspects and counts: nothing a user typed.
  (name) => name !== '顾客满意度调查分析报告',
)

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

    env.session.activeEmail = ACTOR
    env.session.effectiveEmail = ACTOR
    texts.add(ACTOR)
    const handlers = createHandlers(servicesOf(env, { now: NOW }))
    // The same commands as on the local workbook, through the menu's handlers and their prompts.
    await handlers.dailyCheck()
    env.ui.replies.push({ text: '2026', button: 'OK' })
    await handlers.generatePlan()
    env.ui.replies.push({ text: '2025H2', button: 'OK' })
    await handlers.generateHalfYearReport()
    env.ui.replies.push({ text: '2025', button: 'OK' })
    await handlers.generateSatisfactionReport()
    env.ui.replies.push({ text: '2025', button: 'OK' })
    await handlers.generateSupplierReport()
    await handlers.checkNow()
    expect(env.console.lines.filter((line) => line.level === 'error')).toEqual([])
    expect(formulas()).toBe(0)

    const tabs = new Map(
      TOOL_TABS.map((tab) => [
        tab.name,
        env.spreadsheet.sheets
          .find((sheet) => sheet.getName() === tab.name)
          ?.snapshot()
          .slice(1) ?? [],
      ]),
    )
    expectEveryToolTabSafe(tabs, texts)
    // And the user's own cells still read back as the text typed.
    const samples = env.spreadsheet.sheet(TEMPLATES.samples.name).snapshot()
    const ids = samples.slice(1).map((row) => row[0])
    expect(ids.every((id) => typeof id === 'string' && texts.has(id))).toBe(true)
  })
})
