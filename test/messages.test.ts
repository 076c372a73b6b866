/**
 * Every DATA_INVALID message tells office staff where and what: 第 N 行 X 列“表头”的值“…”, then how to
 * fix it (请…). Walked over every user column of every template with a value of the wrong kind, then
 * through the whole check, where the ledgers add messages of their own (an unknown 样件编号, a date in
 * the future, a parameter out of range).
 */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { ALL_TEMPLATES, TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import { addDays, type IsoDate } from '../src/core/dates'
import type { Finding } from '../src/core/findings'
import { columnLetter, readTable } from '../src/core/table'
import type { ColumnTemplate, TabTemplate } from '../src/core/template'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-03-05' as IsoDate

/** Values a user might type that the column cannot take, with what the message must quote. */
function badValues(column: ColumnTemplate): { cell: Cell; shown: string }[] {
  switch (column.type) {
    case 'date':
      return [
        { cell: '2026-02-30', shown: '2026-02-30' },
        { cell: '下周一', shown: '下周一' },
        { cell: 2026, shown: '2026' },
      ]
    case 'datetime':
      return [
        { cell: '2026-03-05 25:00', shown: '2026-03-05 25:00' },
        { cell: '上午', shown: '上午' },
      ]
    case 'integer': {
      const values = [
        { cell: '十二', shown: '十二' },
        { cell: 1.5, shown: '1.5' },
      ]
      if (column.max !== undefined) values.push({ cell: column.max + 1, shown: String(column.max + 1) })
      if (column.min !== undefined) values.push({ cell: column.min - 1, shown: String(column.min - 1) })
      return values
    }
    case 'number':
      return [{ cell: '一千', shown: '一千' }]
    case 'enum':
      return [{ cell: '不知道', shown: '不知道' }]
    case 'text':
      return []
  }
}

function validValue(column: ColumnTemplate, row: number): Cell {
  switch (column.type) {
    case 'text':
      return `${column.header}-${row}`
    case 'date':
      // A different date on every row: 日期 is the key of 节假日.
      return { date: addDays('2026-01-15' as IsoDate, row) }
    case 'datetime':
      return { date: '2026-01-15' as IsoDate, minutes: 600 }
    case 'integer':
    case 'number':
      return column.min ?? 1
    case 'enum':
      return column.options?.[0] ?? null
  }
}

/** The shape every DATA_INVALID message has; `shown` is the value the user typed, when there is one. */
function expectWellFormed(finding: Finding, template: TabTemplate, header: string, shown?: string): void {
  const index = template.columns.findIndex((column) => column.header === header)
  expect(finding.code).toBe('DATA_INVALID')
  expect(finding.severity).toBe('error')
  expect(finding.sheet).toBe(template.name)
  expect(
    finding.message.startsWith(`第 ${finding.row} 行 ${columnLetter(index)} 列“${header}”`),
    finding.message,
  ).toBe(true)
  const column = template.columns[index]
  if (shown !== undefined && column?.confidential) {
    // 客户信息保密管理制度: a confidential cell is located, never quoted.
    expect(finding.message).not.toContain(shown)
    expect(finding.message).toContain('保密')
  } else if (shown !== undefined) {
    expect(finding.message).toContain(`“${shown}”`)
  }
  // How to fix it, in words: 请填写…、请从下拉列表中选择…、请补上…
  expect(finding.message).toMatch(/请/)
  expect(finding.message).not.toMatch(/undefined|null|NaN|\[object/)
}

const TABS = ALL_TEMPLATES.filter((template) => template.kind !== 'tool')

describe('every column type of every template, given a bad value', () => {
  for (const template of TABS) {
    const userColumns = template.columns.filter((column) => !column.owned)
    const cases = userColumns.flatMap((column) => [
      ...badValues(column).map((bad) => ({ column, ...bad })),
      ...(column.required ? [{ column, cell: null, shown: undefined }] : []),
    ])
    if (cases.length === 0) continue
    it(`${template.name}: ${cases.length} bad cells, each reported where it is, with how to fix it`, () => {
      const rows = cases.map(({ column, cell }, index) =>
        template.columns.map((other) => (other === column ? cell : validValue(other, index))),
      )
      const header = template.columns.map((column) => column.header)
      const result = readTable(template, { name: template.name, header, rows })
      cases.forEach(({ column, shown }, index) => {
        const found = result.findings.filter((finding) => finding.row === index + 2)
        expect(found, `${column.header} ${String(shown)}`).toHaveLength(1)
        expectWellFormed(found[0] as Finding, template, column.header, shown)
      })
    })
  }

  it('a repeated id names the row it repeats', () => {
    const template = TEMPLATES.samples
    const header = template.columns.map((column) => column.header)
    const row = template.columns.map((column) => validValue(column, 1))
    const result = readTable(template, { name: template.name, header, rows: [row, row] })
    expect(result.findings).toHaveLength(1)
    const [finding] = result.findings
    expectWellFormed(finding as Finding, template, '样件编号', '样件编号-1')
    expect(finding?.message).toContain('与第 2 行重复')
  })
})

describe('the DATA_INVALID messages of a whole check', () => {
  it('name tab, row, column and value, and say how to fix it, for every ledger', async () => {
    const port = new MemoryWorkbook()
    runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) })
    // One bad cell in every user column of every ledger tab that has a row.
    const spoiled = new Map<string, { template: TabTemplate; header: string; shown: string }>()
    for (const template of TABS) {
      const rows = port.tabs.get(template.name) ?? []
      template.columns.forEach((column, index) => {
        const [bad] = badValues(column)
        const target = rows[2 + (index % Math.max(rows.length - 2, 1))] ?? rows[1]
        if (column.owned || !bad || !target || template.id === 'parameters') return
        target[index] = bad.cell
        spoiled.set(`${template.name}|${column.header}`, {
          template,
          header: column.header,
          shown: bad.shown,
        })
      })
    }
    // A parameter out of its range, and an inspection of a sample the ledger does not have.
    const parameters = port.tabs.get(TEMPLATES.parameters.name) ?? []
    const parameterRow = parameters[1]
    if (parameterRow) parameterRow[1] = '9999'
    port.tabs
      .get(TEMPLATES.inspections.name)
      ?.push(
        TEMPLATES.inspections.columns.map((column) =>
          column.header === '样件编号' ? '不存在的样件' : validValue(column, 99),
        ),
      )

    const report = await runCheck(port, { today: TODAY, actor: 'test' })
    const invalid = report.findings.filter((finding) => finding.code === 'DATA_INVALID')
    expect(invalid.length).toBeGreaterThanOrEqual(spoiled.size)
    for (const finding of invalid) {
      const template = ALL_TEMPLATES.find((candidate) => candidate.name === finding.sheet)
      if (!template) throw new Error(`a finding on an unknown tab: ${finding.sheet}`)
      const header = /^第 \d+ 行 [A-Z]+ 列“([^”]+)”/.exec(finding.message)?.[1]
      expect(header, finding.message).toBeDefined()
      expectWellFormed(finding, template, header as string)
    }
    for (const { template, header, shown } of spoiled.values()) {
      const reported = invalid.filter(
        (finding) => finding.sheet === template.name && finding.message.includes(`“${header}”`),
      )
      // The demo has bad cells of its own: the one spoiled here is among those reported.
      const ours = reported.filter(
        (finding) => finding.message.includes(`“${shown}”`) || finding.message.includes('保密'),
      )
      expect(ours.length, `${template.name} ${header}`).toBeGreaterThan(0)
      for (const finding of ours) expectWellFormed(finding, template, header, shown)
    }
    expect(invalid.some((finding) => finding.message.includes('9999'))).toBe(true)
    expect(invalid.some((finding) => finding.message.includes('不存在的样件'))).toBe(true)
  })
})
