/**
 * Issue 13 item 4 in Sheets: setConditionalFormatRules sets a sheet's whole list, so the host reads
 * it, leaves out the rules it wrote before, hands every other rule back as it was and in its order,
 * and appends its own.
 */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { reminderColours } from '../src/core/row-colours'
import { SheetsWorkbook } from '../src/hosts/gas/sheets-workbook'
import {
  createGasEnvironment,
  FakeBooleanCondition,
  FakeConditionalFormatRule,
  FakeConditionalFormatRuleBuilder,
  FakeDataValidationBuilder,
  FakeRange,
  FakeRichTextValueBuilder,
  type FakeSheet,
  type GasEnvironment,
} from './support/gas-fakes'

const TODAY = '2026-12-02' as IsoDate
const NOW = new Date('2026-12-02T01:00:00Z')
const SAMPLES = TEMPLATES.samples.name
const ALERTS = TEMPLATES.alerts.name

function workbookOf(env: GasEnvironment): SheetsWorkbook {
  return new SheetsWorkbook(
    env.spreadsheet,
    () => new FakeDataValidationBuilder(env.calls),
    () => new FakeRichTextValueBuilder(),
    () => new FakeConditionalFormatRuleBuilder(env.calls),
  )
}

async function check(env: GasEnvironment): Promise<void> {
  await runCheck(workbookOf(env), { today: TODAY, actor: 'test' }, NOW)
}

function demo(): GasEnvironment {
  const env = createGasEnvironment()
  runInit(workbookOf(env), { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
  return env
}

function toolRules(sheet: FakeSheet): { formula: unknown; background: string | null; a1: string[] }[] {
  return sheet.conditionalFormatRules
    .filter((rule): rule is FakeConditionalFormatRule => rule instanceof FakeConditionalFormatRule)
    .filter((rule) => rule.condition?.criteriaType === 'CUSTOM_FORMULA')
    .filter((rule) => /【|"(错误|警告)"$/.test(String(rule.condition?.values[0])))
    .map((rule) => ({
      formula: rule.condition?.values[0],
      background: rule.condition?.background ?? null,
      a1: rule.a1,
    }))
}

function letterOf(sheet: FakeSheet, header: string): string {
  return String.fromCharCode(65 + (sheet.cells[0] ?? []).indexOf(header))
}

describe('row colours in Sheets', () => {
  it('colour 样件台账 by 提醒 and 提醒汇总 by 级别, each rule once however often the check runs', async () => {
    const env = demo()
    await check(env)
    await check(env)
    const samples = env.spreadsheet.sheet(SAMPLES)
    const reminder = letterOf(samples, '提醒')
    const last = String.fromCharCode(64 + (samples.cells[0] ?? []).length)
    const rows = samples.cells.length
    expect(toolRules(samples)).toEqual([
      { formula: `=LEFT($${reminder}2,4)="【错误】"`, background: '#ffc7ce', a1: [`A2:${last}${rows}`] },
      { formula: `=LEFT($${reminder}2,4)="【警告】"`, background: '#ffeb9c', a1: [`A2:${last}${rows}`] },
    ])
    const alerts = env.spreadsheet.sheet(ALERTS)
    const level = letterOf(alerts, '级别')
    expect(toolRules(alerts).map((rule) => rule.formula)).toEqual([
      `=$${level}2="错误"`,
      `=$${level}2="警告"`,
    ])
    expect(toolRules(alerts)[0]?.a1).toEqual([
      `A2:${String.fromCharCode(64 + TEMPLATES.alerts.columns.length)}${alerts.cells.length}`,
    ])
  })

  it('keep the user’s rules, in their order and ahead of the tool’s', async () => {
    const env = demo()
    const samples = env.spreadsheet.sheet(SAMPLES)
    const mine = new FakeConditionalFormatRule(
      new FakeBooleanCondition('CUSTOM_FORMULA', ['=$D2<TODAY()'], '#ff0000', null),
      [new FakeRange(samples, 2, 4, 30, 1)],
    )
    const gradient = new FakeConditionalFormatRule(null, [new FakeRange(samples, 2, 6, 30, 1)])
    // A text rule whose value reads like the tool's formula is not a formula: it is kept.
    const text = new FakeConditionalFormatRule(
      new FakeBooleanCondition('TEXT_EQUAL_TO', ['LEFT($R2,4)="【错误】"'], '#00ff00', null),
      [new FakeRange(samples, 2, 2, 30, 1)],
    )
    // The tool's own from an earlier run, its formula reported without '=': still the tool's.
    const earlier = new FakeConditionalFormatRule(
      new FakeBooleanCondition('CUSTOM_FORMULA', ['LEFT($C2,4)="【错误】"'], '#ffc7ce', '#9c0006'),
      [new FakeRange(samples, 2, 1, 30, 18)],
    )
    samples.conditionalFormatRules = [mine, earlier, gradient, text]
    await check(env)
    await check(env)
    const rules = samples.conditionalFormatRules
    expect(rules.slice(0, 3)).toEqual([mine, gradient, text])
    expect(rules[0]).toBe(mine)
    expect(rules).toHaveLength(5)
    expect(toolRules(samples)).toHaveLength(2)
  })

  it('follow 提醒 when the user moves the column: the old rule goes, the new one reads the new place', async () => {
    const env = demo()
    await check(env)
    const samples = env.spreadsheet.sheet(SAMPLES)
    const from = (samples.cells[0] ?? []).indexOf('提醒')
    // The user drags 提醒 to column A (what Sheets does to the cells; its rules we leave as they were).
    for (const row of samples.cells) {
      const [moved] = row.splice(from, 1)
      row.unshift(moved ?? '')
    }
    expect(letterOf(samples, '提醒')).toBe('A')
    await check(env)
    expect(toolRules(samples).map((rule) => rule.formula)).toEqual([
      '=LEFT($A2,4)="【错误】"',
      '=LEFT($A2,4)="【警告】"',
    ])
  })

  it('read and write each tab’s rule list once a check', async () => {
    const env = demo()
    await check(env)
    env.calls.reset()
    await check(env)
    const tabs = env.calls.of('Sheet.setConditionalFormatRules')
    expect(tabs).toBeGreaterThan(5)
    expect(env.calls.of('Sheet.getConditionalFormatRules')).toBe(tabs)
    expect(env.calls.of('ConditionalFormatRuleBuilder.build')).toBe(2 * tabs)
  })

  it('take the header of a tab read this run, reading it only for a tab not read', () => {
    const env = demo()
    const workbook = workbookOf(env)
    const rows = env.spreadsheet.sheet(SAMPLES).cells.length
    workbook.setRowColours(SAMPLES, reminderColours(rows))
    const unread = toolRules(env.spreadsheet.sheet(SAMPLES))
    expect(unread).toHaveLength(2)
    workbook.readTab(SAMPLES)
    env.calls.reset()
    workbook.setRowColours(SAMPLES, reminderColours(rows))
    expect(env.calls.of('Range.getValues')).toBe(0)
    expect(toolRules(env.spreadsheet.sheet(SAMPLES))).toEqual(unread)
  })

  it('see a column 初始化台账 appends after the tab was read this run', () => {
    const env = demo()
    const sheet = env.spreadsheet.sheet(SAMPLES)
    // A tab made before 提醒 (the last column of the template) existed.
    expect(sheet.cells[0]?.at(-1)).toBe('提醒')
    for (const row of sheet.cells) row.pop()
    const workbook = workbookOf(env)
    workbook.readTab(SAMPLES)
    expect(workbook.ensureTab(TEMPLATES.samples).addedHeaders).toEqual(['提醒'])
    workbook.setRowColours(SAMPLES, reminderColours(sheet.cells.length))
    const rules = toolRules(sheet)
    expect(rules).toHaveLength(2)
    expect(String(rules[0]?.formula)).toContain(`$${letterOf(sheet, '提醒')}2`)
  })
})
