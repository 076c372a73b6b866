/**
 * The table parser fed random cells of every kind, in every column of every template: it never
 * throws, every problem it reports is a DATA_INVALID finding about a real cell, and every value it
 * hands on has the type of its column.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ALL_TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import { isIsoDate } from '../src/core/dates'
import { columnLetter, readTable } from '../src/core/table'
import type { ColumnTemplate } from '../src/core/template'

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '　',
    '=SUM(A1)',
    '+86 138',
    '-5',
    '@x',
    '２０２６／３／５',
    '2026年2月30日',
    '１２',
    '是',
    '否',
  ),
)
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e308, -1e308, 45_000.5))
const dateCell = fc.record(
  {
    date: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2026-03-05', '2026-02-29', '1899-12-30')),
    minutes: fc.integer({ min: -5000, max: 5000 }),
  },
  { requiredKeys: ['date'] },
)
// A date cell whose date is no date (a host's bug) must not break the parser either.
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  text,
  number,
  fc.boolean(),
  dateCell.map((value) => value as unknown as Cell),
)

function assertTyped(column: ColumnTemplate, value: unknown): void {
  switch (column.type) {
    case 'text':
      expect(typeof value).toBe('string')
      break
    case 'date':
      expect(isIsoDate(String(value))).toBe(true)
      break
    case 'datetime':
      expect(String(value)).toMatch(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/)
      break
    case 'integer':
      expect(Number.isInteger(value)).toBe(true)
      break
    case 'number':
      expect(Number.isFinite(value)).toBe(true)
      break
    case 'enum':
      expect(column.options).toContain(value)
      break
  }
}

describe('readTable on random cells', () => {
  it.each(ALL_TEMPLATES.map((template) => [template.name, template] as const))('%s', (_, template) => {
    const width = template.columns.length
    // Headers in the template's order or reversed, sometimes with a column of the user's own.
    const layout = fc.record({ reversed: fc.boolean(), extra: fc.boolean() })
    const rows = fc.array(fc.array(cell, { minLength: width + 1, maxLength: width + 1 }), { maxLength: 12 })
    fc.assert(
      fc.property(layout, rows, ({ reversed, extra }, cells) => {
        const headers: Cell[] = template.columns.map((column) => column.header)
        if (reversed) headers.reverse()
        if (extra) headers.push('我的备注')
        const result = readTable(template, { name: template.name, header: headers, rows: cells })
        expect(result.rowCount).toBe(cells.length)
        for (const finding of result.findings) {
          expect(finding.code).toBe('DATA_INVALID')
          expect(finding.sheet).toBe(template.name)
          expect(finding.row).toBeGreaterThanOrEqual(2)
          expect(finding.row).toBeLessThanOrEqual(cells.length + 1)
          expect(finding.message).toMatch(new RegExp(`^第 ${finding.row} 行 [A-Z]+ 列“`))
        }
        for (const record of result.records) {
          for (const [header, value] of record.values) {
            const column = template.columns.find((c) => c.header === header)
            if (!column) throw new Error(`unknown header ${header}`)
            assertTyped(column, value)
            const index = result.columns.get(header) ?? -1
            expect(columnLetter(index)).toMatch(/^[A-Z]+$/)
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})
