/**
 * 分销商名录 (分销商客户管理规定 2): whom the company works with. A report from a distributor that is
 * not 合作中 (or, once the 名录 has rows, not in it at all) is flagged while it still matters; a
 * distributor with 2 violations gets 建议 = 停止合作 (第一次罚款5万，第二次停止合作，拉入黑名单).
 * The user's 状态 is never changed.
 */
import { recordFields } from '../../core/fields'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import type { ReadResult } from '../../core/table'
import { toHalfWidth } from '../../core/text'
import { DISTRIBUTORS } from './tabs'

const FIELDS = recordFields(DISTRIBUTORS)

export type DistributorStatus = '合作中' | '停止合作' | '黑名单'

export interface Distributor {
  readonly row: number
  readonly name: string
  /** Undefined when the cell is blank or bad (a DATA_INVALID finding). */
  readonly status: DistributorStatus | undefined
  readonly violations: number
}

/** The 名录 by distributor name (as matched: full-width and spaces do not count). */
export interface DistributorDirectory {
  readonly distributors: readonly Distributor[]
  lookup(name: string): Distributor | undefined
}

export function distributorKey(name: string): string {
  return toHalfWidth(name).replace(/[\s\u3000]+/g, '')
}

export function readDistributors(table: ReadResult): DistributorDirectory {
  const { integer, optionalText } = FIELDS
  const distributors = table.records
    .filter((record) => record.key !== '')
    .map(
      (record): Distributor => ({
        row: record.row,
        name: record.key,
        status: optionalText(record, '状态') as DistributorStatus | undefined,
        violations: integer(record, '违约次数') ?? 0,
      }),
    )
  const byName = new Map<string, Distributor>()
  // The first row of a name counts; the table reader reports the others.
  for (const distributor of distributors)
    if (!byName.has(distributorKey(distributor.name)))
      byName.set(distributorKey(distributor.name), distributor)
  return { distributors, lookup: (name) => byName.get(distributorKey(name)) }
}

/**
 * Why a report's distributor is not one the company works with, or undefined when it is (or when
 * the workbook keeps no 名录, or an empty one).
 */
export function inactiveReason(
  directory: DistributorDirectory | undefined,
  name: string,
): string | undefined {
  if (!directory || directory.distributors.length === 0 || name === '') return undefined
  const distributor = directory.lookup(name)
  if (!distributor) return `不在“${DISTRIBUTORS.name}”中`
  if (distributor.status === undefined || distributor.status === '合作中') return undefined
  return `在“${DISTRIBUTORS.name}”中的状态是“${distributor.status}”`
}

/** 建议: 停止合作 once the violations reach the parameter, while the distributor is still 合作中. */
export function suggestion(distributor: Distributor, params: Parameters): string | undefined {
  return stopSuggested(distributor, params) ? '停止合作' : undefined
}

function stopSuggested(distributor: Distributor, params: Parameters): boolean {
  return (
    distributor.violations >= parameter(params, 'violationsToStop') &&
    (distributor.status === undefined || distributor.status === '合作中')
  )
}

export function distributorFacts(distributor: Distributor, params: Parameters): Facts {
  return {
    distributor: distributor.name,
    status: distributor.status ?? null,
    violations: distributor.violations,
    violationsToStop: parameter(params, 'violationsToStop'),
    stopSuggested: stopSuggested(distributor, params),
  }
}
