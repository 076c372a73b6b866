/**
 * The demo workbook of `npm start`, dated relative to the day it is made so that every kind of
 * finding shows whenever it runs. Each ledger's rows come from its own module.
 */
import type { TabId } from '../../sheets-templates'
import type { Cell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import { customerLedgerDemoRows } from './customer-ledgers'
import { sampleDemoRows } from './samples'
import { transactionDemoRows } from './transactions'

const DEMO_PARTS: readonly ((today: IsoDate) => Partial<Record<TabId, Cell[][]>>)[] = [
  sampleDemoRows,
  customerLedgerDemoRows,
  transactionDemoRows,
]

export function demoRows(today: IsoDate): Partial<Record<TabId, Cell[][]>> {
  return Object.assign({}, ...DEMO_PARTS.map((part) => part(today)))
}
