/**
 * 佣金提报 (分销商客户管理规定 2: 成交客户于网签之日起次月进行佣金提报): one row per payable
 * commission, by month, so that the month's submission is a filter on 月份. The phone is masked.
 */
import { type DateCell, dateCell, type OutputCell } from '../../core/cells'
import type { Lead } from './leads'

/** The month a report's commission is submitted in, if it is payable (a 违约报备's is refused). */
export function commissionMonth(lead: Lead): string | undefined {
  if (lead.violation) return undefined
  return lead.verdict?.kind === 'valid' ? lead.verdict.commissionMonth : undefined
}

/** The rows of 佣金提报, in template column order: by month, distributor, signing date and row. */
export function commissionRows(leads: readonly Lead[]): OutputCell[][] {
  return leads
    .flatMap((lead) => {
      const month = commissionMonth(lead)
      return month === undefined ? [] : [{ lead, month }]
    })
    .sort(
      (a, b) =>
        compare(a.month, b.month) ||
        compare(a.lead.distributor, b.lead.distributor) ||
        compare(a.lead.signedOn ?? '', b.lead.signedOn ?? '') ||
        a.lead.row - b.lead.row,
    )
    .map(({ lead, month }) => [
      month,
      lead.distributor,
      lead.id,
      lead.customerName,
      lead.maskedPhone,
      dateCell(lead.signedOn) as DateCell,
    ])
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
