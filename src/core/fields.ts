/**
 * Typed reads of a record's cells by header; a blank or invalid cell reads as '' or undefined.
 *
 * The readers are made for one template, and a header the template does not have, or a column of
 * another type, throws: a typo in a ledger's code (确认日期 for 确认日期 with a stray space, 日期 on a
 * text column) would otherwise read as an empty cell and quietly change what the rules see. Every
 * test that reads a record finds it.
 */
import type { IsoDate } from './dates'
import type { DateTime, TableRecord } from './table'
import type { ColumnType, TabTemplate } from './template'

export interface RecordFields {
  text(record: TableRecord, header: string): string
  optionalText(record: TableRecord, header: string): string | undefined
  date(record: TableRecord, header: string): IsoDate | undefined
  dateTime(record: TableRecord, header: string): DateTime | undefined
  integer(record: TableRecord, header: string): number | undefined
  number(record: TableRecord, header: string): number | undefined
}

const TEXT_TYPES: readonly ColumnType[] = ['text', 'enum']

export function recordFields(template: TabTemplate): RecordFields {
  const types = new Map(template.columns.map((column) => [column.header, column.type]))
  const checked = (header: string, allowed: readonly ColumnType[]): string => {
    const type = types.get(header)
    if (type === undefined) throw new Error(`${template.name} has no column ${header}`)
    if (!allowed.includes(type))
      throw new Error(`${template.name}.${header} is ${type}, not ${allowed.join('/')}`)
    return header
  }
  const optionalText = (record: TableRecord, header: string): string | undefined => {
    // Any column reads as text: a number typed into 客户编号 is still an id.
    const value = record.values.get(checked(header, [...TEXT_TYPES, 'integer', 'number']))
    return value === undefined ? undefined : String(value)
  }
  const numeric = (
    record: TableRecord,
    header: string,
    allowed: readonly ColumnType[],
  ): number | undefined => {
    const value = record.values.get(checked(header, allowed))
    return typeof value === 'number' ? value : undefined
  }
  return {
    text: (record, header) => optionalText(record, header) ?? '',
    optionalText,
    date: (record, header) => record.values.get(checked(header, ['date'])) as IsoDate | undefined,
    dateTime: (record, header) => record.values.get(checked(header, ['datetime'])) as DateTime | undefined,
    integer: (record, header) => numeric(record, header, ['integer']),
    number: (record, header) => numeric(record, header, ['integer', 'number']),
  }
}
