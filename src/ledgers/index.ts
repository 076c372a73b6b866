/**
 * Every ledger, in the order the daily check runs them and a new workbook shows their tabs: the one
 * list that the check, init, the 参数 defaults, the demo workbook and the tests derive from. Adding a
 * ledger is a folder beside these and one line here (docs/adding-a-ledger.md).
 */
import type { RuleProperties } from 'json-rules-engine'
import type { Ledger } from '../core/ledger'
import type { ParameterDefinition, TextParameterDefinition } from '../core/parameters'
import { TOOL_TEXT_PARAMETERS } from '../core/settings-tabs'
import { archivesLedger } from './archives/ledger'
import { developmentLedger } from './development/ledger'
import { leadsLedger } from './leads/ledger'
import { metricsLedger } from './metrics/ledger'
import { samplesLedger } from './samples/ledger'
import { sealReviewsLedger } from './seal-reviews/ledger'
import { servicesLedger } from './services/ledger'
import { suppliersLedger } from './suppliers/ledger'
import { vipLedger } from './vip/ledger'
import { visitsLedger } from './visits/ledger'

export const LEDGERS = [
  samplesLedger,
  sealReviewsLedger,
  archivesLedger,
  vipLedger,
  developmentLedger,
  visitsLedger,
  metricsLedger,
  servicesLedger,
  leadsLedger,
  suppliersLedger,
] as const satisfies readonly Ledger[]

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (
  intersection: infer I,
) => void
  ? I
  : never

/** Every ledger's tabs by template id (TEMPLATES.samples …), typed from the list above. */
export type LedgerTabs = UnionToIntersection<(typeof LEDGERS)[number]['tabs']>

export const LEDGER_TABS = Object.assign({}, ...LEDGERS.map((ledger) => ledger.tabs)) as LedgerTabs

export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = LEDGERS.flatMap(
  (ledger) => ledger.parameters,
)

/** The ledgers' text parameters, then the tool's own (每日提醒推送), all in the one 参数 tab. */
export const TEXT_PARAMETER_DEFINITIONS: readonly TextParameterDefinition[] = [
  ...LEDGERS.flatMap((ledger) => ledger.textParameters),
  ...TOOL_TEXT_PARAMETERS,
]

/** Every rule of every ledger: the labels a check writes into 提醒 cells come from these. */
export const ALL_RULES: readonly RuleProperties[] = LEDGERS.flatMap((ledger) => ledger.rules)
