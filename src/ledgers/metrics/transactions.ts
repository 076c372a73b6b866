/**
 * The sales transactions (交易记录) checked against the customer archive (客户档案): what the half-year
 * metrics and the VIP tiers are computed from. A transaction that cannot be counted (no customer id,
 * a date or an amount that is missing or not valid, a customer id the archive does not know) is left
 * out of every figure, and the report says how many were left out and where.
 */

import type { IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import type { LedgerContext } from '../../core/ledger'
import { cellProblem, type ReadResult } from '../../core/table'
import { idKey } from '../../core/text'
import { CUSTOMERS } from '../archives/tabs'
import { TRANSACTIONS } from './tabs'

const CUSTOMER_FIELDS = recordFields(CUSTOMERS)
const TRANSACTION_FIELDS = recordFields(TRANSACTIONS)

/** Money is summed in integer fen (分): adding yuan as floating point drifts (0.1 + 0.2). */
export type Fen = number

export interface Transaction {
  /** 1-based sheet row of 交易记录. */
  readonly row: number
  readonly customerId: string
  readonly date: IsoDate
  /** Negative for a refund (退款、退货). */
  readonly amountFen: Fen
}

export interface Customer {
  readonly row: number
  readonly id: string
  readonly name: string
  /** 重要客户 = 是 in 客户档案 now (SPEC §4: key customers are those marked now). */
  readonly key: boolean
  /** The user's own VIP等级, when filled in with a valid tier. */
  readonly vipTier: string | undefined
}

export interface TransactionLedger {
  /** The transactions that count, in sheet order. */
  readonly transactions: readonly Transaction[]
  /** The customers of 客户档案 by id (the first row of an id that is entered twice). */
  readonly customers: ReadonlyMap<string, Customer>
  /** Sheet rows of 交易记录 that are left out of the figures, ascending. */
  readonly leftOutRows: readonly number[]
  /** The 日期 of the left-out rows whose date could be read: the half-year each one belongs to. */
  readonly leftOutDates?: ReadonlyMap<number, IsoDate>
  /** Findings about transactions that the tab reader cannot see (an unknown customer id). */
  readonly findings: readonly Finding[]
}

/** Customer ids compare as ids do (idKey): full-width characters, surrounding spaces and case do not count. */
export function normalizeCustomerId(text: string): string {
  return idKey(text)
}

/**
 * Yuan to fen, rounded to the nearest fen. Going through 15 significant digits first undoes the
 * binary representation error of amounts such as 0.285 (stored as 0.28499999…).
 */
export function yuanToFen(yuan: number): Fen {
  return Math.round(Number((yuan * 100).toPrecision(15)))
}

/** Fen to yuan for output; a whole number of fen divided by 100 prints as its decimal. */
export function fenToYuan(fen: Fen): number {
  return fen / 100
}

export function readCustomers(customers: ReadResult): Map<string, Customer> {
  const byId = new Map<string, Customer>()
  for (const record of customers.records) {
    const id = normalizeCustomerId(record.key)
    if (id === '' || byId.has(id)) continue // the table reports a missing or duplicate id
    byId.set(id, {
      row: record.row,
      id,
      name: CUSTOMER_FIELDS.text(record, '客户名称'),
      key: CUSTOMER_FIELDS.optionalText(record, '重要客户') === '是',
      vipTier: CUSTOMER_FIELDS.optionalText(record, 'VIP等级'),
    })
  }
  return byId
}

export function buildTransactionLedger(transactions: ReadResult, customers: ReadResult): TransactionLedger {
  const known = readCustomers(customers)
  const counted: Transaction[] = []
  const leftOutRows: number[] = []
  const leftOutDates = new Map<number, IsoDate>()
  const findings: Finding[] = []
  for (const record of transactions.records) {
    const customerId = normalizeCustomerId(TRANSACTION_FIELDS.text(record, '客户编号'))
    const date = TRANSACTION_FIELDS.date(record, '日期')
    const amount = TRANSACTION_FIELDS.number(record, '金额')
    // A blank or invalid 客户编号, 日期 or 金额 is already a DATA_INVALID finding of the table.
    if (date !== undefined) leftOutDates.set(record.row, date)
    if (customerId === '' || date === undefined || amount === undefined) {
      leftOutRows.push(record.row)
      continue
    }
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(TRANSACTIONS.name, transactions.columns, record, header, message))
      leftOutRows.push(record.row)
    }
    if (!known.has(customerId)) {
      problem(
        '客户编号',
        `的值“${customerId}”在“${CUSTOMERS.name}”中不存在，请核对编号或先在客户档案中登记；该笔交易暂不计入半年评估和VIP等级`,
      )
      continue
    }
    const amountFen = yuanToFen(amount)
    if (!Number.isSafeInteger(amountFen)) {
      problem('金额', `的值 ${amount} 超出可计算的范围，请核对金额；该笔交易暂不计入`)
      continue
    }
    counted.push({ row: record.row, customerId, date, amountFen })
    leftOutDates.delete(record.row)
  }
  const dates = new Map([...leftOutDates].filter(([row]) => leftOutRows.includes(row)))
  return { transactions: counted, customers: known, leftOutRows, leftOutDates: dates, findings }
}

const ledgers = new WeakMap<LedgerContext, TransactionLedger | undefined>()

/**
 * The workbook's transactions as the checks see them, built once per check run: the metrics and
 * the VIP tiers read the same ledger, and only the metrics check reports its findings. Undefined
 * when the workbook keeps no 交易记录 or no 客户档案 (then neither says anything).
 */
export function readTransactionLedger(context: LedgerContext): TransactionLedger | undefined {
  if (ledgers.has(context)) return ledgers.get(context)
  const transactions = context.tabs.read(TRANSACTIONS)
  const customers = transactions && context.tabs.read(CUSTOMERS)
  const ledger = transactions && customers ? buildTransactionLedger(transactions, customers) : undefined
  ledgers.set(context, ledger)
  return ledger
}
