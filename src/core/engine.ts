/**
 * json-rules-engine, run per record. Rules are JSON under rules/: each rule's event type is the
 * finding code and its params carry severity, a short label for the row's 提醒 cell, a message
 * template whose {fact} placeholders are filled from the record's facts, and the name of the fact
 * that holds the due date.
 */
import { Engine, type RuleProperties } from 'json-rules-engine'
import type { IsoDate } from './dates'
import type { Severity } from './findings'

export type FactValue = string | number | boolean | null
export type Facts = Readonly<Record<string, FactValue | undefined>>

export interface RuleHit {
  readonly code: string
  readonly severity: Severity
  readonly label: string
  readonly message: string
  readonly due: IsoDate | null
}

interface HitParams {
  readonly severity: Severity
  readonly label: string
  readonly message: string
  readonly due?: string
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info']

export class RuleSet {
  private readonly engine: Engine
  private readonly order: ReadonlyMap<string, number>

  constructor(rules: readonly RuleProperties[]) {
    this.engine = new Engine([], { allowUndefinedFacts: true })
    const order = new Map<string, number>()
    rules.forEach((rule, index) => {
      const params = rule.event.params as Partial<HitParams> | undefined
      if (!params || !SEVERITIES.includes(params.severity ?? '') || typeof params.message !== 'string') {
        throw new Error(`rule ${rule.event.type}: params need severity, label and message`)
      }
      order.set(rule.event.type, index)
      this.engine.addRule({ ...rule, name: rule.name ?? rule.event.type })
    })
    this.order = order
  }

  /** The findings the rules raise for one record's facts, in the order the rules are listed. */
  async evaluate(facts: Facts): Promise<RuleHit[]> {
    const { events } = await this.engine.run({ ...facts })
    return events
      .map((event) => {
        const params = event.params as unknown as HitParams
        const due = params.due === undefined ? null : facts[params.due]
        return {
          code: event.type,
          severity: params.severity,
          label: params.label,
          message: fillTemplate(params.message, facts),
          due: typeof due === 'string' && due !== '' ? (due as IsoDate) : null,
        }
      })
      .sort((a, b) => (this.order.get(a.code) ?? 0) - (this.order.get(b.code) ?? 0))
  }
}

export function fillTemplate(template: string, facts: Facts): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = facts[name]
    return value === undefined || value === null ? whole : String(value)
  })
}
