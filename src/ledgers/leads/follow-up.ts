/**
 * 回访抽样 (分销商客户管理规定 2: 集团客服部对于成交客户进行抽样50%回访): which signed customers of each
 * commission month are called back. A pure function of the payable commissions and of the sample
 * already drawn, so that every run gives the same list:
 *
 * - a report already in the sample stays in it while its commission is payable;
 * - each month is topped up to its share (rounded up) in an order seeded by the month, the same
 *   on every run and on every machine;
 * - a customer (phone number) is sampled once, whatever the month or the report.
 */
import { type DateCell, dateCell, type OutputCell } from '../../core/cells'
import type { IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import { type Parameters, parameter } from '../../core/parameters'
import type { ReadResult } from '../../core/table'
import { idKey } from '../../core/text'
import type { Lead } from './leads'
import { FOLLOW_UPS } from './tabs'

/** 回访结果 that makes a report a 违约报备 (以客户第一次反馈情况为准). */
export const NOT_THIS_CHANNEL = '非该渠道导客'

export interface Payable {
  /** 报备编号 */
  readonly id: string
  /** The normalised phone number. */
  readonly phone: string
  /** `YYYY-MM`: the commission month. */
  readonly month: string
}

/**
 * The ids to call back, by month up to `lastMonth` (later months are not submitted yet).
 * `previous` holds the ids of the sample as the 回访抽样 tab has it.
 */
export function followUpSample(
  payable: readonly Payable[],
  previous: ReadonlySet<string>,
  sharePercent: number,
  lastMonth: string,
): Set<string> {
  const due = payable.filter((commission) => commission.month <= lastMonth)
  const sampled = new Set(due.filter((commission) => previous.has(commission.id)).map((c) => c.id))
  const sampledPhones = new Set(due.filter((commission) => sampled.has(commission.id)).map((c) => c.phone))
  const byMonth = new Map<string, Payable[]>()
  for (const commission of due) {
    const month = byMonth.get(commission.month)
    if (month) month.push(commission)
    else byMonth.set(commission.month, [commission])
  }
  for (const month of [...byMonth.keys()].sort()) {
    const commissions = byMonth.get(month) ?? []
    const target = Math.ceil((commissions.length * sharePercent) / 100)
    let count = commissions.filter((commission) => sampled.has(commission.id)).length
    const candidates = commissions
      .filter((commission) => !sampled.has(commission.id))
      .map((commission) => ({ commission, rank: seededRank(month, commission.id) }))
      .sort((a, b) => a.rank - b.rank || (a.commission.id < b.commission.id ? -1 : 1))
    for (const { commission } of candidates) {
      if (count >= target) break
      if (sampledPhones.has(commission.phone)) continue
      sampled.add(commission.id)
      sampledPhones.add(commission.phone)
      count += 1
    }
  }
  return sampled
}

/** FNV-1a of month and id: a fixed pseudo-random order per month, with no state and no Math.random. */
export function seededRank(month: string, id: string): number {
  let hash = 0x811c9dc5
  for (const char of `${month}\u0000${id}`) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** 回访结果 by 报备编号 (as idKey: l-1 is L-1), as the 回访抽样 tab holds them (the first row of an id counts). */
export function readFollowUpResults(table: ReadResult | undefined): Map<string, string> {
  const { optionalText } = recordFields(FOLLOW_UPS)
  const results = new Map<string, string>()
  for (const record of table?.records ?? []) {
    const id = idKey(record.key)
    if (id === '' || results.has(id)) continue
    results.set(id, optionalText(record, '回访结果') ?? '')
  }
  return results
}

export interface FollowUps {
  /** The reports to call back, in the order of 回访抽样. */
  readonly sampled: readonly Lead[]
  /** 报备编号 of the sampled reports whose customer said another channel brought them. */
  readonly violations: ReadonlySet<string>
}

/**
 * The sample of the payable commissions up to today's month, drawn on the sample the 回访抽样 tab
 * already holds, and the reports its 回访结果 turn into 违约报备.
 */
export function followUps(
  leads: readonly Lead[],
  previous: ReadonlyMap<string, string>,
  params: Parameters,
  today: IsoDate,
): FollowUps {
  const payable = leads.flatMap((lead) => {
    const month = lead.verdict?.kind === 'valid' ? lead.verdict.commissionMonth : undefined
    return month === undefined || !lead.report
      ? []
      : [{ lead, id: idKey(lead.id), phone: lead.report.phone, month }]
  })
  const ids = followUpSample(
    payable,
    new Set(previous.keys()),
    parameter(params, 'followUpSharePercent'),
    today.slice(0, 7),
  )
  const sampled = payable
    .filter((commission) => ids.has(commission.id))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.lead.row - b.lead.row))
    .map((commission) => commission.lead)
  const violations = new Set(
    sampled.filter((lead) => previous.get(idKey(lead.id)) === NOT_THIS_CHANNEL).map((l) => l.id),
  )
  return { sampled, violations }
}

/** The rows of 回访抽样 in template column order; 回访结果 is carried over by the check. */
export function followUpRows(sampled: readonly Lead[]): OutputCell[][] {
  return sampled.map((lead) => [
    lead.verdict?.kind === 'valid' ? (lead.verdict.commissionMonth ?? null) : null,
    lead.id,
    lead.distributor,
    lead.customerName,
    lead.maskedPhone,
    dateCell(lead.signedOn) as DateCell,
    null,
  ])
}
