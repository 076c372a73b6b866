/** Every ledger the daily check runs, in the order their findings are reported. */
import { archiveCheck } from '../ledgers/archive-check'
import { developmentCheck } from '../ledgers/development-check'
import { metricsCheck } from '../ledgers/metrics-check'
import { sampleCheck } from '../ledgers/sample-check'
import { vipCheck } from '../ledgers/vip-check'
import { visitCheck } from '../ledgers/visit-check'
import type { LedgerCheck } from './ledger-check'

export const LEDGER_CHECKS: readonly LedgerCheck[] = [
  sampleCheck,
  archiveCheck,
  vipCheck,
  developmentCheck,
  visitCheck,
  metricsCheck,
]
