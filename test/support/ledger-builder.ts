/**
 * Builds tabs for tests from records keyed by header, in the template's column order or any other.
 */

import { TEMPLATES } from '../../src/app/tabs'
import type { Cell } from '../../src/core/cells'
import type { IsoDate } from '../../src/core/dates'
import type { TabTemplate } from '../../src/core/template'
import { MemoryWorkbook } from './memory-workbook'

export type Row = Readonly<Record<string, Cell>>

export function d(date: string): { date: IsoDate } {
  return { date: date as IsoDate }
}

export function tab(template: TabTemplate, rows: readonly Row[], header?: readonly string[]): Cell[][] {
  const headers = header ?? template.columns.map((column) => column.header)
  return [[...headers], ...rows.map((row) => headers.map((h) => row[h] ?? null))]
}

/** A workbook with the sample ledger and its inspection records (and anything else given). */
export function sampleWorkbook(
  samples: readonly Row[],
  inspections: readonly Row[] = [],
  extra: Record<string, Cell[][]> = {},
): MemoryWorkbook {
  return new MemoryWorkbook({
    [TEMPLATES.samples.name]: tab(TEMPLATES.samples, samples),
    [TEMPLATES.inspections.name]: tab(TEMPLATES.inspections, inspections),
    ...extra,
  })
}

/** A sample in use with every required field; override what the case is about. */
export function sample(fields: Row = {}): Row {
  return {
    样件编号: 'YJ-1',
    样件名称: '前门铰链',
    样件性质: '标准样件',
    材料类别: '冲压件',
    确认日期: d('2026-01-15'),
    状态: '在用',
    ...fields,
  }
}
