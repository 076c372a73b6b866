/**
 * Every ledger, in the order the daily check runs them and a new workbook shows their tabs: the one
 * list that the check, init, the 参数 defaults, the demo workbook and the tests derive from. Adding a
 * ledger is a folder beside these and one line here (docs/adding-a-ledger.md).
 */
import type { RuleProperties } from 'json-rules-engine'
import { BUILT_IN_CODE_LABELS, FINDING_KINDS, type FindingKind } from '../core/findings'
import type { Ledger } from '../core/ledger'
import type { ParameterDefinition, TextParameterDefinition } from '../core/parameters'
import { ACTOR_PARAMETER, TOOL_TEXT_PARAMETERS } from '../core/settings-tabs'
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

/** The ledgers' text parameters, then the workbook's own (执行人, 每日提醒推送), all in the one 参数 tab. */
export const TEXT_PARAMETER_DEFINITIONS: readonly TextParameterDefinition[] = [
  ...LEDGERS.flatMap((ledger) => ledger.textParameters),
  ACTOR_PARAMETER,
  ...TOOL_TEXT_PARAMETERS,
]

/** Every rule of every ledger: the labels a check writes into 提醒 cells come from these. */
export const ALL_RULES: readonly RuleProperties[] = LEDGERS.flatMap((ledger) => ledger.rules)

/** What each code means, in the words its 提醒 cells use (SAMPLE_EXPIRED 已过期): 提醒汇总's 事项, the CLI. */
export const CODE_LABELS: ReadonlyMap<string, string> = new Map([
  ...Object.entries(BUILT_IN_CODE_LABELS),
  ...ALL_RULES.map((rule): [string, string] => [
    rule.event.type,
    String((rule.event.params as { label?: unknown } | undefined)?.label ?? ''),
  ]),
])

/** The label of a code, or empty for a code nobody labelled. */
export function codeLabel(code: string): string {
  return CODE_LABELS.get(code) ?? ''
}

/** The kind of each code that has one: DATA_INVALID is 数据有误, a rule's kind is in its rules.json. */
const CODE_KINDS: ReadonlyMap<string, FindingKind> = new Map([
  ['DATA_INVALID', 'data'],
  ...ALL_RULES.flatMap((rule): [string, FindingKind][] => {
    const kind = (rule.event.params as { kind?: unknown } | undefined)?.kind
    if (kind === undefined) return []
    if (!FINDING_KINDS.includes(kind as FindingKind))
      throw new Error(
        `rule ${rule.event.type}: kind ${String(kind)} is not one of ${FINDING_KINDS.join(', ')}`,
      )
    return [[rule.event.type, kind as FindingKind]]
  }),
])

/** 逾期, 预警 or 数据有误 (FindingKind), or undefined for a code of neither kind. */
export function codeKind(code: string): FindingKind | undefined {
  return CODE_KINDS.get(code)
}
