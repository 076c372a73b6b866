/**
 * A rule's conditions as a tree of comparisons. They combine as json-rules-engine combines them (all,
 * any, not; an empty list passes), evaluated in the order they are written and stopping as soon as
 * the outcome is known, which gives the same outcome since they have no side effects.
 */
import type { TopLevelCondition } from 'json-rules-engine'
import { Comparison, comparisonReads, type LeafCondition } from './comparison'
import type { Facts } from './facts'

export type Node =
  | { readonly kind: 'all' | 'any'; readonly children: readonly Node[] }
  | { readonly kind: 'not'; readonly child: Node }
  | { readonly kind: 'comparison'; readonly comparison: Comparison }

type NestedCondition = TopLevelCondition | LeafCondition

export function compile(condition: NestedCondition, comparisons: Map<string, Comparison>): Node {
  if ('all' in condition) return { kind: 'all', children: condition.all.map((c) => compile(c, comparisons)) }
  if ('any' in condition) return { kind: 'any', children: condition.any.map((c) => compile(c, comparisons)) }
  if ('not' in condition) return { kind: 'not', child: compile(condition.not, comparisons) }
  if ('condition' in condition) throw new Error(`shared condition ${condition.condition}`)
  // The same comparison written in two rules is one: its JSON names everything that decides it.
  const {
    name: _name,
    priority: _priority,
    ...decisive
  } = condition as LeafCondition & {
    name?: string
    priority?: number
  }
  const key = JSON.stringify(decisive)
  let comparison = comparisons.get(key)
  if (!comparison) {
    comparison = new Comparison(condition)
    comparisons.set(key, comparison)
  }
  return { kind: 'comparison', comparison }
}

/** The outcome of a condition tree when every comparison it needs is remembered, else undefined. */
export function knownOutcome(node: Node, facts: Facts): boolean | undefined {
  switch (node.kind) {
    case 'comparison':
      return node.comparison.known(facts)
    case 'not': {
      const outcome = knownOutcome(node.child, facts)
      return outcome === undefined ? undefined : !outcome
    }
    case 'all':
    case 'any': {
      // all fails on a failing child and any passes on a passing one, whatever the unknown ones say.
      const decisive = node.kind === 'any'
      let unknown = false
      for (const child of node.children) {
        const outcome = knownOutcome(child, facts)
        if (outcome === decisive) return decisive
        if (outcome === undefined) unknown = true
      }
      // json-rules-engine passes an empty any as well as an empty all.
      return unknown ? undefined : node.children.length === 0 ? true : !decisive
    }
  }
}

export async function decideOutcome(node: Node, facts: Facts): Promise<boolean> {
  switch (node.kind) {
    case 'comparison':
      return node.comparison.decide(facts)
    case 'not':
      return !(await decideOutcome(node.child, facts))
    case 'all':
    case 'any': {
      const decisive = node.kind === 'any'
      for (const child of node.children) {
        if ((await decideOutcome(child, facts)) === decisive) return decisive
      }
      return node.children.length === 0 ? true : !decisive
    }
  }
}

/** The fact names a condition reads, `value: { fact }` references included. */
export function factsRead(condition: NestedCondition, rule: string): Set<string> {
  const names = new Set<string>()
  const visit = (node: NestedCondition): void => {
    if ('all' in node) node.all.forEach(visit)
    else if ('any' in node) node.any.forEach(visit)
    else if ('not' in node) visit(node.not)
    else if ('condition' in node) {
      // A shared condition (engine.setCondition) would hide what the rule reads from the memo.
      throw new Error(`rule ${rule}: shared conditions ("condition": "${node.condition}") are not supported`)
    } else {
      for (const name of comparisonReads(node)) names.add(name)
    }
  }
  visit(condition)
  return names
}
