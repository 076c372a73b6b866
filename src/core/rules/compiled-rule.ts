/**
 * One rule, ready to run per record. Its event type is the finding code and its params carry
 * severity, a short label for the row's 提醒 cell, a message template whose {fact} placeholders are
 * filled from the record's facts, and the name of the fact that holds the due date. Whether it fires
 * is remembered by the values of the facts the rule reads, so a record seen before in every respect
 * that matters costs a lookup; messages, which name the record, are filled per record.
 */
import { Engine, type RuleProperties } from 'json-rules-engine'
import type { IsoDate } from '../dates'
import type { Severity } from '../findings'
import { type Comparison, ENGINE_OPTIONS } from './comparison'
import { compile, decideOutcome, factsRead, knownOutcome, type Node } from './condition-tree'
import type { Facts, RuleHit } from './facts'
import { compileTemplate, type Template } from './message-template'
import { Outcomes } from './outcomes'

interface HitParams {
  readonly severity: Severity
  readonly label: string
  readonly message: string
  readonly due?: string
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info']

export class CompiledRule {
  readonly code: string
  readonly params: HitParams
  private readonly outcomes: Outcomes
  private readonly conditions: Node
  private readonly message: Template

  constructor(rule: RuleProperties, comparisons: Map<string, Comparison>) {
    const params = rule.event.params as Partial<HitParams> | undefined
    if (!params || !SEVERITIES.includes(params.severity ?? '') || typeof params.message !== 'string') {
      throw new Error(`rule ${rule.event.type}: params need severity, label and message`)
    }
    this.code = rule.event.type
    this.params = params as HitParams
    this.outcomes = new Outcomes([...factsRead(rule.conditions, rule.event.type)].sort())
    this.conditions = compile(rule.conditions, comparisons)
    this.message = compileTemplate(params.message)
    // The rule as json-rules-engine would load it: a malformed rule fails here, not on the first record.
    new Engine([{ ...rule, name: rule.name ?? rule.event.type }], ENGINE_OPTIONS)
  }

  /** The facts the rule's conditions read: its outcome depends on these alone. */
  get reads(): readonly string[] {
    return this.outcomes.reads
  }

  /** Whether the rule fires for these facts, when that can be told without running the engine. */
  known(facts: Facts): boolean | undefined {
    const remembered = this.outcomes.get(facts)
    if (remembered !== undefined) return remembered
    const outcome = knownOutcome(this.conditions, facts)
    return outcome === undefined ? undefined : this.outcomes.set(facts, outcome)
  }

  async fires(facts: Facts): Promise<boolean> {
    return this.known(facts) ?? this.outcomes.set(facts, await decideOutcome(this.conditions, facts))
  }

  hit(facts: Facts): RuleHit {
    const due = this.params.due === undefined ? null : facts[this.params.due]
    return {
      code: this.code,
      severity: this.params.severity,
      label: this.params.label,
      message: this.message(facts),
      due: typeof due === 'string' && due !== '' ? (due as IsoDate) : null,
    }
  }
}
