/**
 * json-rules-engine, run per record. Rules are JSON under rules/: each rule's event type is the
 * finding code and its params carry severity, a short label for the row's 提醒 cell, a message
 * template whose {fact} placeholders are filled from the record's facts, and the name of the fact
 * that holds the due date.
 *
 * Facts here are plain values, never computed by the engine, so a rule is a pure function of the
 * facts its conditions read, and so is each condition; a ledger's records repeat those values over
 * and over (the same status, the same number of days left). Outcomes are therefore remembered at two
 * levels: per rule, by the values of the facts the rule reads (a record seen before in every respect
 * that matters costs a lookup), and per condition, by the values of the facts the condition reads. A
 * condition whose values were never seen is handed to json-rules-engine, as a rule of its own; the
 * engine's operators decide every comparison. The conditions of a rule combine as json-rules-engine
 * combines them (all, any, not; an empty list passes), evaluated in the order they are written and
 * stopping as soon as the outcome is known, which gives the same outcome since they have no side
 * effects. Messages, which name the record, are filled per record.
 */
import { Engine, Fact, type RuleProperties, type TopLevelCondition } from 'json-rules-engine'
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

/** Outcomes remembered per rule or condition before its memo starts afresh: a bound on memory only. */
const MAX_REMEMBERED_OUTCOMES = 200_000

/** Engine options: a fact a record lacks is undefined (no date, no days left), and the condition fails. */
const ENGINE_OPTIONS = { allowUndefinedFacts: true, replaceFactsInEventParams: false } as const

/**
 * Remembered outcomes by the values of the facts that decide them: one level of maps per fact, keyed
 * by the value itself (maps tell 1 from '1', null from undefined), so a lookup builds no string.
 */
class Outcomes {
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

/** One comparison of a rule (`{ fact, operator, value }`), decided by json-rules-engine. */
class Comparison {
  private readonly outcomes: Outcomes
  private readonly engine: Engine

  constructor(condition: LeafCondition) {
    this.outcomes = new Outcomes([...factsRead(condition, '')].sort())
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

const PASSED = 'passed'

type Node =
  | { readonly kind: 'all' | 'any'; readonly children: readonly Node[] }
  | { readonly kind: 'not'; readonly child: Node }
  | { readonly kind: 'comparison'; readonly comparison: Comparison }

/** The outcome of a condition tree when every comparison it needs is remembered, else undefined. */
function knownOutcome(node: Node, facts: Facts): boolean | undefined {
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

async function decideOutcome(node: Node, facts: Facts): Promise<boolean> {
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

class CompiledRule {
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

type LeafCondition = { readonly fact: string; readonly operator: string; readonly value: unknown }
type NestedCondition = TopLevelCondition | LeafCondition

function compile(condition: NestedCondition, comparisons: Map<string, Comparison>): Node {
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

/** The fact names a condition reads, `value: { fact }` references included. */
function factsRead(condition: NestedCondition, rule: string): Set<string> {
  const names = new Set<string>()
  const visit = (node: NestedCondition): void => {
    if ('all' in node) node.all.forEach(visit)
    else if ('any' in node) node.any.forEach(visit)
    else if ('not' in node) visit(node.not)
    else if ('condition' in node) {
      // A shared condition (engine.setCondition) would hide what the rule reads from the memo.
      throw new Error(`rule ${rule}: shared conditions ("condition": "${node.condition}") are not supported`)
    } else {
      names.add(node.fact)
      const value: unknown = node.value
      if (typeof value === 'object' && value !== null && 'fact' in value && typeof value.fact === 'string') {
        names.add(value.fact)
      }
    }
  }
  visit(condition)
  return names
}

type Template = (facts: Facts) => string

/** A message template split once at its {fact} placeholders; an unknown or empty fact stays as written. */
function compileTemplate(template: string): Template {
  const pieces = template.split(/\{(\w+)\}/g)
  if (pieces.length === 1) return () => template
  return (facts) => {
    let text = pieces[0] ?? ''
    for (let index = 1; index < pieces.length; index += 2) {
      const name = pieces[index] ?? ''
      const value = facts[name]
      text += value === undefined || value === null ? `{${name}}` : String(value)
      text += pieces[index + 1] ?? ''
    }
    return text
  }
}

export function fillTemplate(template: string, facts: Facts): string {
  return compileTemplate(template)(facts)
}
