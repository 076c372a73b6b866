/** Typed reads of a record's cells by header; a blank or invalid cell reads as '' or undefined. */
import type { IsoDate } from '../core/dates'
import type { TableRecord } from '../core/table'

export function text(record: TableRecord, header: string): string {
  const value = record.values.get(header)
  return value === undefined ? '' : String(value)
}

export function optionalText(record: TableRecord, header: string): string | undefined {
  const value = record.values.get(header)
  return value === undefined ? undefined : String(value)
}

export function date(record: TableRecord, header: string): IsoDate | undefined {
  return record.values.get(header) as IsoDate | undefined
}

export function integer(record: TableRecord, header: string): number | undefined {
  const value = record.values.get(header)
  return typeof value === 'number' ? value : undefined
}
