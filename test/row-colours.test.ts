/**
 * Issue 13 item 4: a flagged row names its worst level in 提醒 and is coloured by it (error red,
 * warning amber, info none); 提醒汇总 by 级别. The rules, as both hosts write them.
 */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { ALL_TEMPLATES, TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import {
  isToolRowColour,
  levelColours,
  placeRowColours,
  reminderColours,
  reminderLabels,
  reminderText,
} from '../src/core/row-colours'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-12-02' as IsoDate
const NOW = new Date('2026-12-02T01:00:00Z')

describe('the 提醒 cell names its worst level first', () => {
  it.each([
    [[{ label: '已过期', severity: 'error' as const }], '【错误】已过期'],
    [[{ label: '即将到期', severity: 'warning' as const }], '【警告】即将到期'],
    [[{ label: '建议重点开发', severity: 'info' as const }], '建议重点开发'],
    [
      [
        { label: '通知过晚', severity: 'warning' as const },
        { label: '资料不全', severity: 'error' as const },
      ],
      '【错误】资料不全；通知过晚',
    ],
    [
      [
        { label: '建议重点开发', severity: 'info' as const },
        { label: '即将到期', severity: 'warning' as const },
        { label: '即将到期', severity: 'warning' as const },
      ],
      '【警告】即将到期；建议重点开发',
    ],
  ])('%j → %s', (labels, text) => {
    expect(reminderText(labels)).toBe(text)
  })

  it('an empty list is an empty cell', () => {
    expect(reminderText([])).toBeNull()
  })

  it.each([
    ['【错误】已过期；校准逾期', ['已过期', '校准逾期']],
    ['【警告】即将到期', ['即将到期']],
    ['已过期；校准逾期', ['已过期', '校准逾期']],
    ['【提示】已过期', ['【提示】已过期']],
  ])('the labels of %s', (text, labels) => {
    expect(reminderLabels(text)).toEqual(labels)
  })
})

describe('the rules, placed by header', () => {
  const header = ['样件编号', '样件名称', null, '有效期至', '提醒', '我的备注', '', null]

  it('colour the whole row, A to the last header, from the 提醒 column', () => {
    const placed = placeRowColours(reminderColours(31), header)
    expect(placed.map((rule) => [rule.level, rule.range, rule.formula, rule.look])).toEqual([
      ['error', 'A2:F31', 'LEFT($E2,4)="【错误】"', { fill: 'FFC7CE', font: '9C0006' }],
      ['warning', 'A2:F31', 'LEFT($E2,4)="【警告】"', { fill: 'FFEB9C', font: '9C5700' }],
    ])
    expect(placed[0]).toMatchObject({ first: { row: 2, column: 1 }, rows: 30, columns: 6 })
  })

  it('follow the column wherever the user moved it', () => {
    const moved = ['提醒', '样件编号', '样件名称']
    expect(placeRowColours(reminderColours(5), moved).map((rule) => rule.formula)).toEqual([
      'LEFT($A2,4)="【错误】"',
      'LEFT($A2,4)="【警告】"',
    ])
  })

  it('on 提醒汇总 read 级别 exactly, so that a finding put off (警告（已暂缓至 …）) is not coloured', () => {
    const alerts = TEMPLATES.alerts.columns.map((column) => column.header)
    const placed = placeRowColours(levelColours(68), alerts)
    const letter = String.fromCharCode(65 + alerts.indexOf('级别'))
    expect(placed.map((rule) => rule.formula)).toEqual([`$${letter}2="错误"`, `$${letter}2="警告"`])
    expect(placed[0]?.range).toBe(`A2:${String.fromCharCode(64 + alerts.length)}68`)
  })

  it('are none on a tab without the column, and reach row 2 at least on an empty one', () => {
    expect(placeRowColours(reminderColours(40), ['样件编号', '有效期至'])).toEqual([])
    expect(placeRowColours(reminderColours(1), ['提醒'])[0]?.range).toBe('A2:A2')
  })

  it.each([
    ['reminder', 'LEFT($R2,4)="【错误】"', true],
    ['reminder', '=LEFT($AB17,4)="【警告】"', true],
    ['reminder', 'LEFT($R$2,4)="【错误】"', true],
    ['reminder', 'LEFT($R2,4)="【提示】"', false],
    ['reminder', 'LEFT($R2,2)="错误"', false],
    ['reminder', 'LEFT($R2,4)="【错误】"+0', false],
    ['reminder', 'AND(LEFT($R2,4)="【错误】",$D2<TODAY())', false],
    ['reminder', '$E2="错误"', false],
    ['level', '$E2="错误"', true],
    ['level', '=$F9="警告"', true],
    ['level', '$E2="提示"', false],
    ['level', 'LEFT($E2,2)="警告"', false],
    ['level', '$E2="错误"*1', false],
  ] as const)('%s: %s is the tool’s: %s', (scheme, formula, tool) => {
    expect(isToolRowColour(scheme, formula)).toBe(tool)
  })
})

describe('the check colours every ledger tab and 提醒汇总', () => {
  it('sets the rules on each tab it writes 提醒 into, and on 提醒汇总 by 级别', async () => {
    const port = new MemoryWorkbook()
    runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
    await runCheck(port, { today: TODAY, actor: 'test' }, NOW)
    const withReminder = ALL_TEMPLATES.filter(
      (template) => template.kind === 'ledger' && template.columns.some((column) => column.header === '提醒'),
    ).map((template) => template.name)
    expect(withReminder.length).toBeGreaterThan(5)
    expect([...port.rowColours.keys()].sort()).toEqual([...withReminder, TEMPLATES.alerts.name].sort())
    const samples = port.tabs.get(TEMPLATES.samples.name) ?? []
    const column = (samples[0] ?? []).indexOf('提醒')
    const reminders = samples.slice(1).map((row) => String(row[column] ?? ''))
    // The demo has rows of each kind: an error, a warning, nothing.
    expect(reminders.some((text) => text.startsWith('【错误】'))).toBe(true)
    expect(reminders.some((text) => text.startsWith('【警告】'))).toBe(true)
    expect(reminders.some((text) => text === '')).toBe(true)
    const rules = port.rowColours.get(TEMPLATES.samples.name) ?? []
    expect(rules.map((rule) => rule.range)).toEqual([
      `A2:${String.fromCharCode(64 + (samples[0] ?? []).length)}${samples.length}`,
      `A2:${String.fromCharCode(64 + (samples[0] ?? []).length)}${samples.length}`,
    ])
    const alerts = port.tabs.get(TEMPLATES.alerts.name) ?? []
    expect(port.rowColours.get(TEMPLATES.alerts.name)?.[0]?.range).toMatch(
      new RegExp(`^A2:[A-Z]+${alerts.length}$`),
    )
  })

  it('takes the tool’s old colours off a tab whose 提醒 column is gone', async () => {
    const port = new MemoryWorkbook()
    runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
    const samples = port.tabs.get(TEMPLATES.samples.name) ?? []
    const column = (samples[0] ?? []).indexOf('提醒')
    for (const row of samples) row.splice(column, 1)
    await runCheck(port, { today: TODAY, actor: 'test' }, NOW)
    expect(port.rowColours.get(TEMPLATES.samples.name)).toEqual([])
  })
})
