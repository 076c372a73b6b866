/**
 * One comparison of a rule (`{ fact, operator, value }`). Its outcome is remembered by the values of
 * the facts it reads; a comparison whose values were never seen is handed to json-rules-engine, as a
 * rule of its own, so the engine's operators decide every comparison.
 */
import { Engine, Fact } from 'json-rules-engine'
import type { Facts } from './facts'
import { Outcomes } from './outcomes'

/** Engine options: a fact a record lacks is undefined (no date, no days left), and the condition fails. */
export const ENGINE_OPTIONS = { allowUndefinedFacts: true, replaceFactsInEventParams: false } as const

export type LeafCondition = { readonly fact: string; readonly operator: string; readonly value: unknown }

const PASSED = 'passed'

/** One comparison of a rule, decided by json-rules-engine. */
export class Comparison {
  private readonly outcomes: Outcomes
  private readonly engine: Engine

  constructor(condition: LeafCondition) {
    this.outcomes = new Outcomes([...new Set(comparisonReads(condition))].sort())
    this.engine = new Engine(
      [{ name: 'condition', conditions: { all: [condition] }, event: { type: PASSED } }],
      ENGINE_OPTIONS,
    )
  }

  known(facts: Facts): boolean | undefined {
    return this.outcomes.get(facts)
  }

  async decide(facts: Facts): Promise<boolean> {
    const known = this.outcomes.get(facts)
    if (known !== undefined) return known
    // Only the facts the comparison reads, uncached: the engine would otherwise hash every value.
    // Own properties only, as json-rules-engine takes a record's facts: `in` would find toString or
    // constructor on any record and hand the engine Object.prototype's function as a computed fact.
    const runtime: Record<string, Fact> = {}
    for (const name of this.outcomes.reads) {
      if (Object.hasOwn(facts, name)) runtime[name] = new Fact(name, facts[name], { cache: false })
    }
    const { events } = await this.engine.run(runtime)
    return this.outcomes.set(
      facts,
      events.some((event) => event.type === PASSED),
    )
  }
}

/** The facts a comparison reads: its own, and the one a `value: { fact }` reference names. */
export function comparisonReads(condition: LeafCondition): string[] {
  const value: unknown = condition.value
  if (typeof value === 'object' && value !== null && 'fact' in value && typeof value.fact === 'string') {
    return [condition.fact, value.fact]
  }
  return [condition.fact]
}
