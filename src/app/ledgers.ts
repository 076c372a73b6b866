/** Every ledger the daily check runs, in the order their findings are reported. */
import { sampleCheck } from '../ledgers/sample-check'
import type { LedgerCheck } from './ledger-check'

export const LEDGER_CHECKS: readonly LedgerCheck[] = [sampleCheck]
