/**
 * The memo of a rule or of a comparison. Facts are plain values, never computed by the engine, so
 * an outcome is a pure function of the facts that decide it, and a ledger's records repeat those
 * values over and over (the same status, the same number of days left): an outcome is remembered by
 * those values and looked up, not decided again.
 */
import type { Facts, FactValue } from './facts'

/** Outcomes remembered per rule or condition before its memo starts afresh: a bound on memory only. */
const MAX_REMEMBERED_OUTCOMES = 200_000

/**
 * Remembered outcomes by the values of the facts that decide them: one level of maps per fact, keyed
 * by the value itself (maps tell 1 from '1', null from undefined), so a lookup builds no string.
 */
export class Outcomes {
  private root = new Map<FactValue | undefined, unknown>()
  private size = 0

  constructor(readonly reads: readonly string[]) {}

  get(facts: Facts): boolean | undefined {
    let level: Map<FactValue | undefined, unknown> | undefined = this.root
    const last = this.reads.length - 1
    if (last < 0) return level.get(undefined) as boolean | undefined
    for (let index = 0; index < last; index++) {
      level = level.get(facts[this.reads[index] as string]) as Map<FactValue | undefined, unknown> | undefined
      if (level === undefined) return undefined
    }
    return level.get(facts[this.reads[last] as string]) as boolean | undefined
  }

  set(facts: Facts, outcome: boolean): boolean {
    if (this.size >= MAX_REMEMBERED_OUTCOMES) {
      this.root = new Map()
      this.size = 0
    }
    let level = this.root
    const last = this.reads.length - 1
    for (let index = 0; index < last; index++) {
      const value = facts[this.reads[index] as string]
      let next = level.get(value) as Map<FactValue | undefined, unknown> | undefined
      if (next === undefined) {
        next = new Map()
        level.set(value, next)
      }
      level = next
    }
    level.set(last < 0 ? undefined : facts[this.reads[last] as string], outcome)
    this.size += 1
    return outcome
  }
}
