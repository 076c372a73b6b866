/**
 * The demo workbook of `npm start`, dated relative to the day it is made so that every kind of
 * finding shows whenever it runs. Each ledger's rows come from its own folder.
 */
import type { IsoDate } from '../core/dates'
import type { SeedRows } from '../core/ledger'
import { LEDGERS } from '../ledgers'

export function demoRows(today: IsoDate): SeedRows {
  return Object.assign({}, ...LEDGERS.map((ledger) => ledger.demoRows?.(today) ?? {}))
}
