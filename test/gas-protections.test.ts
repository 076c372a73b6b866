/**
 * 初始化台账 in Sheets guards what the tool writes: warning-only protections on the owned columns
 * of the ledgers and on the tool tabs (their user columns left free), placed again where the columns
 * are at each init, the user's own protections untouched; and a date check on the date columns a
 * clerk types into. The daily check makes no protection call.
 */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { dateEntryHint, isToolColumn, type TabTemplate } from '../src/core/template'
import { createHandlers } from '../src/hosts/gas/handlers'
import { TOOL_COLUMNS_PROTECTION, TOOL_TAB_PROTECTION } from '../src/hosts/gas/tool-protections'
import {
  createGasEnvironment,
  FakeDataValidation,
  type FakeProtection,
  type FakeSheet,
  type GasEnvironment,
} from './support/gas-fakes'
import { servicesOf } from './support/gas-services'

const SAMPLES = TEMPLATES.samples
const ALERTS = TEMPLATES.alerts
const FOLLOW_UPS = TEMPLATES.followUps
const LOG = TEMPLATES.log

function isTool(protection: FakeProtection): boolean {
  return (
    protection.description.startsWith(TOOL_COLUMNS_PROTECTION) ||
    protection.description.startsWith(TOOL_TAB_PROTECTION)
  )
}

/** 1-based column of a header in the sheet as it is now. */
function columnOf(sheet: FakeSheet, header: string): number {
  const at = sheet.headerRow().indexOf(header)
  if (at < 0) throw new Error(`${sheet.sheetName} has no header ${header}`)
  return at + 1
}

/** Whether a tool protection covers the cell, and that each one covering it is warning-only. */
function guarded(sheet: FakeSheet, row: number, column: number): boolean {
  const covering = sheet.protectionList().filter((p) => isTool(p) && p.covers(row, column))
  for (const protection of covering) expect(protection.warningOnly).toBe(true)
  return covering.length > 0
}

async function init(env: GasEnvironment): Promise<void> {
  await createHandlers(servicesOf(env)).initLedgers()
  expect(env.ui.alerts.at(-1)?.title).toBe('初始化台账')
}

function userColumnsOf(template: TabTemplate): string[] {
  return template.columns.filter((column) => !isToolColumn(template, column)).map((column) => column.header)
}

describe('初始化台账: warning-only protection of what the tool writes', () => {
  it("protects a ledger's owned columns from row 2 down, and none of the user's", async () => {
    const env = createGasEnvironment()
    await init(env)
    const sheet = env.spreadsheet.sheet(SAMPLES.name)
    const last = sheet.maxRows
    for (const column of SAMPLES.columns) {
      const at = columnOf(sheet, column.header)
      expect(guarded(sheet, 2, at), column.header).toBe(column.owned === true)
      expect(guarded(sheet, last, at), column.header).toBe(column.owned === true)
      // The header is the user's to read and filter by; it is not protected.
      expect(guarded(sheet, 1, at), column.header).toBe(false)
    }
    const descriptions = sheet.protectionList().map((p) => p.description)
    expect(descriptions.join('、')).toContain('提醒')
    for (const description of descriptions) expect(description.startsWith(TOOL_COLUMNS_PROTECTION)).toBe(true)
    expect(sheet.protectionList().every((p) => p.kind === 'RANGE')).toBe(true)
  })

  it('protects each tool tab as a whole, its user columns (处理情况, 暂缓至, 回访结果) left free', async () => {
    const env = createGasEnvironment()
    await init(env)
    for (const template of [ALERTS, FOLLOW_UPS, LOG]) {
      const sheet = env.spreadsheet.sheet(template.name)
      const [protection, ...more] = sheet.protectionList()
      expect(more, template.name).toEqual([])
      expect(protection?.kind).toBe('SHEET')
      expect(protection?.warningOnly).toBe(true)
      expect(protection?.description.startsWith(`${TOOL_TAB_PROTECTION}${template.name}`)).toBe(true)
      const free = userColumnsOf(template)
      for (const column of template.columns) {
        const at = columnOf(sheet, column.header)
        expect(guarded(sheet, 1, at), `${template.name} ${column.header} header`).toBe(true)
        expect(guarded(sheet, 2, at), `${template.name} ${column.header}`).toBe(!free.includes(column.header))
        expect(guarded(sheet, sheet.maxRows, at)).toBe(!free.includes(column.header))
      }
    }
    expect(userColumnsOf(ALERTS)).toEqual(['处理情况', '暂缓至'])
    expect(userColumnsOf(FOLLOW_UPS)).toEqual(['回访结果'])
    // Settings are the user's: 参数 and 节假日 get no protection.
    for (const name of [TEMPLATES.parameters.name, TEMPLATES.holidays.name])
      expect(env.spreadsheet.sheet(name).protectionList()).toEqual([])
  })

  it('moves the protection with a column the user moved, at the next init, and places it once', async () => {
    const env = createGasEnvironment()
    const headers = SAMPLES.columns.map((column) => column.header)
    env.spreadsheet.addSheet(SAMPLES.name, [headers, headers.map((h) => (h === '样件编号' ? 'YJ-1' : ''))])
    await init(env)
    const sheet = env.spreadsheet.sheet(SAMPLES.name)
    const before = sheet.protectionList().length
    const oldAt = columnOf(sheet, '提醒')
    expect(guarded(sheet, 2, oldAt)).toBe(true)
    // The user moves 提醒 to column A (cut and insert): every other column shifts right by one.
    const rows = sheet.snapshot()
    const moved = rows.map((row) => {
      const line = [...row]
      const [reminder] = line.splice(oldAt - 1, 1)
      return [reminder, ...line]
    })
    sheet.cells.length = 0
    sheet.enterRows(moved)
    expect(columnOf(sheet, '提醒')).toBe(1)
    expect(guarded(sheet, 2, 1)).toBe(false)
    await init(env)
    expect(guarded(sheet, 2, 1)).toBe(true)
    expect(guarded(sheet, 2, columnOf(sheet, '样件编号'))).toBe(false)
    for (const column of SAMPLES.columns)
      expect(guarded(sheet, 3, columnOf(sheet, column.header)), column.header).toBe(column.owned === true)
    // The old ones were removed, not left beside the new: the same count (提醒 no longer adjoins the
    // other owned columns, so it may take a block of its own).
    expect(sheet.protectionList().length).toBeGreaterThanOrEqual(before)
    expect(sheet.protectionList().length).toBeLessThanOrEqual(before + 1)
    await init(env)
    const again = sheet.protectionList().length
    await init(env)
    expect(sheet.protectionList().length).toBe(again)
  })

  it("keeps the user's own protections, range and sheet alike, through every init", async () => {
    const env = createGasEnvironment()
    const headers = SAMPLES.columns.map((column) => column.header)
    const samples = env.spreadsheet.addSheet(SAMPLES.name, [headers])
    const log = env.spreadsheet.addSheet(LOG.name, [LOG.columns.map((column) => column.header)])
    const own = samples.getRange(2, 1, 10, 2).protect().setDescription('只有质量部可改')
    const ownSheet = log.protect().setDescription('审计用，禁止修改')
    await init(env)
    await init(env)
    const kept = env.spreadsheet.protections.filter((p) => !isTool(p))
    expect(kept).toEqual([own, ownSheet])
    expect(kept.map((p) => [p.description, p.warningOnly])).toEqual([
      ['只有质量部可改', false],
      ['审计用，禁止修改', false],
    ])
    // A tab the user protected keeps theirs alone; the other tool tabs get the tool's.
    expect(log.protectionList()).toEqual([ownSheet])
    expect(env.spreadsheet.sheet(ALERTS.name).protectionList().filter(isTool)).toHaveLength(1)
  })

  it('makes no protection call in the daily check', async () => {
    const env = createGasEnvironment()
    await init(env)
    const placed = env.spreadsheet.protections.length
    expect(placed).toBeGreaterThan(10)
    env.calls.reset()
    await createHandlers(servicesOf(env)).dailyCheck()
    const methods = Object.keys(env.calls.byMethod())
    expect(methods.length).toBeGreaterThan(5)
    expect(methods.filter((method) => /protect/i.test(method))).toEqual([])
    expect(env.spreadsheet.protections.length).toBe(placed)
  })
})

describe('初始化台账: date validation on the date columns a clerk types into', () => {
  it('checks 确认日期 as a date, with a warning, and leaves the tool-written 有效期至 alone', async () => {
    const env = createGasEnvironment()
    await init(env)
    const sheet = env.spreadsheet.sheet(SAMPLES.name)
    for (const header of ['确认日期', '上次校准日期']) {
      const rule = sheet.validationAt(2, columnOf(sheet, header))
      expect(rule, header).toBeInstanceOf(FakeDataValidation)
      const date = rule as FakeDataValidation
      expect(date.getCriteriaType()).toBe('DATE_IS_VALID_DATE')
      // Warning only: what was pasted before is kept, and the check reports it.
      expect(date.allowInvalid).toBe(true)
      expect(date.helpText).toBe(dateEntryHint({ header, type: 'date' }))
      expect(date.helpText).toContain('2026-03-05')
      expect(sheet.validationAt(sheet.maxRows, columnOf(sheet, header))).toBe(rule)
      expect(sheet.validationAt(1, columnOf(sheet, header))).toBeUndefined()
    }
    for (const header of ['有效期至', '下次校准日期', '样件编号'])
      expect(sheet.validationAt(2, columnOf(sheet, header)), header).toBeUndefined()
    const alerts = env.spreadsheet.sheet(ALERTS.name)
    expect((alerts.validationAt(2, columnOf(alerts, '暂缓至')) as FakeDataValidation).getCriteriaType()).toBe(
      'DATE_IS_VALID_DATE',
    )
    expect(alerts.validationAt(2, columnOf(alerts, '期限'))).toBeUndefined()
    const leads = env.spreadsheet.sheet(TEMPLATES.leads.name)
    const visit = leads.validationAt(2, columnOf(leads, '报备时间')) as FakeDataValidation
    expect(visit.helpText).toContain('14:30')
  })

  it("adds it under an appended header only, never over a column of the user's", async () => {
    const env = createGasEnvironment()
    const kept = SAMPLES.columns.map((column) => column.header).filter((header) => header !== '上次校准日期')
    const sheet = env.spreadsheet.addSheet(SAMPLES.name, [kept])
    const users = sheet.getRange(2, columnOf(sheet, '确认日期'), 50, 1)
    const ownRule = env.globals.SpreadsheetApp as {
      newDataValidation(): { requireDate(): { build(): unknown } }
    }
    const rule = ownRule.newDataValidation().requireDate().build()
    users.setDataValidation(rule as FakeDataValidation)
    await init(env)
    expect(sheet.validationAt(2, columnOf(sheet, '确认日期'))).toBe(rule)
    expect(sheet.validationAt(51, columnOf(sheet, '确认日期'))).toBe(rule)
    expect(sheet.validationAt(52, columnOf(sheet, '确认日期'))).toBeUndefined()
    const appended = sheet.validationAt(2, columnOf(sheet, '上次校准日期')) as FakeDataValidation
    expect(columnOf(sheet, '上次校准日期')).toBe(kept.length + 1)
    expect(appended.getCriteriaType()).toBe('DATE_IS_VALID_DATE')
  })

  it('still reports a bad date typed before the validation existed', async () => {
    const env = createGasEnvironment()
    const headers = SAMPLES.columns.map((column) => column.header)
    const row = headers.map((header) =>
      header === '样件编号' ? 'YJ-9' : header === '确认日期' ? '下个月' : header === '样件名称' ? '铰链' : '',
    )
    env.spreadsheet.addSheet(SAMPLES.name, [headers, row])
    await init(env)
    await createHandlers(servicesOf(env)).dailyCheck()
    const found = env.spreadsheet
      .sheet(ALERTS.name)
      .snapshot()
      .filter((line) => line.includes('YJ-9'))
      .map((line) => line.join(' '))
    expect(found.some((line) => line.includes('DATA_INVALID') && line.includes('确认日期'))).toBe(true)
  })
})
