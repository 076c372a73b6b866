/**
 * json-rules-engine, run per record. Rules are each ledger's rules.json: each rule's event type is the
 * finding code and its params say how the finding reads (compiled-rule.ts).
 *
 * Facts here are plain values, never computed by the engine, so a rule is a pure function of the
 * facts its conditions read, and so is each condition; a ledger's records repeat those values over
 * and over (the same status, the same number of days left). Outcomes are therefore remembered at two
 * levels (outcomes.ts): per rule, by the values of the facts the rule reads (a record seen before in
 * every respect that matters costs a lookup), and per condition, by the values of the facts the
 * condition reads. A condition whose values were never seen is handed to json-rules-engine, as a rule
 * of its own (comparison.ts); the conditions of a rule combine as json-rules-engine combines them
 * (condition-tree.ts). Messages, which name the record, are filled per record (message-template.ts).
 */
import type { RuleProperties } from 'json-rules-engine'
import type { Comparison } from './comparison'
import { CompiledRule } from './compiled-rule'
import type { Facts, RuleHit } from './facts'

export class RuleSet {
  private readonly rules: readonly CompiledRule[]

  constructor(rules: readonly RuleProperties[]) {
    // Rules that share a comparison (active = true) share its remembered outcomes.
    const comparisons = new Map<string, Comparison>()
    this.rules = rules.map((rule) => new CompiledRule(rule, comparisons))
  }

  /** The facts any rule reads: a ledger's facts beyond these only fill messages. */
  factsRead(): ReadonlySet<string> {
    return new Set(this.rules.flatMap((rule) => rule.reads))
  }

  /** The findings the rules raise for one record's facts, in the order the rules are listed. */
  async evaluate(facts: Facts): Promise<RuleHit[]> {
    const hits: RuleHit[] = []
    for (const rule of this.rules) {
      if (await rule.fires(facts)) hits.push(rule.hit(facts))
    }
    return hits
  }

  /** `evaluate` for every record, in order; a record whose outcomes are all known costs no promise. */
  async evaluateAll(records: readonly Facts[]): Promise<RuleHit[][]> {
    const results: RuleHit[][] = []
    for (const facts of records) results.push(this.evaluateKnown(facts) ?? (await this.evaluate(facts)))
    return results
  }

  private evaluateKnown(facts: Facts): RuleHit[] | undefined {
    const hits: RuleHit[] = []
    for (const rule of this.rules) {
      const fires = rule.known(facts)
      if (fires === undefined) return undefined
      if (fires) hits.push(rule.hit(facts))
    }
    return hits
  }
}
