/**
 * RuleSet against a plain json-rules-engine Engine, over thousands of generated records: RuleSet
 * remembers outcomes per rule and per comparison and stops at the first deciding condition, the
 * plain engine evaluates every rule afresh, so wherever they agree the memo changed nothing.
 *
 * Subjects: every rule file of the project (`src/ledgers/<ledger>/rules.json`), found on disk when
 * the test runs, so that a new ledger's rules are compared too; fixed synthetic rule sets
 * for what the project's rules do not use yet; and randomly built condition trees. Records are
 * drawn from the values the conditions compare with, and their neighbours (±1, ±0.5), 0, negative
 * numbers, numbers written as text, other text, booleans, null, undefined and the fact left out,
 * so that boundaries are hit and the same values recur (the memo answers only for values seen
 * before). One RuleSet serves all records of a subject, through `evaluateAll` over a batch (whose
 * repeated records are answered from the memo without a promise) and through `evaluate` one by one.
 *
 * The plain engine runs the rules of one priority in parallel, so it lists events as their promises
 * settle (a rule with one condition settles before a rule with two); RuleSet lists hits in the order
 * the rules are written. The events are therefore compared as the set of rules that fired, put in
 * the rules' order.
 *
 * Records compared with SEED (printed once, after the tests): 3,233 to 3,330 per rule file, 19,590
 * for the six rule files of today; 9,813 for the four synthetic rule sets; 2,393 for 300 random
 * sets of condition trees; 31,796 in all.
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine'
import { afterAll, describe, expect, it } from 'vitest'
import type { Facts } from '../src/core/rules/facts'
import { RuleSet } from '../src/core/rules/rule-set'
import { ruleFiles } from './support/rule-files'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const SEED = 20_260_305
const TIMEOUT = 120_000
/** Records compared per rule file at the least. */
const MIN_RECORDS = 2_000
/** Records each rule of a rule file fires for, and does not fire for, at the least. */
const MIN_FIRINGS = 10

/** The options RuleSet documents: a fact a record lacks is undefined, params are left as written. */
const PLAIN_OPTIONS = { allowUndefinedFacts: true, replaceFactsInEventParams: false }

type Leaf = { readonly fact: string; readonly operator: string; readonly value: unknown }
type Condition = TopLevelCondition | Leaf
/** A fact's value in a generated record: arrays only where a rule asks whether a fact contains one. */
type Value = Facts[string] | readonly unknown[]

function isFactReference(value: unknown): value is { readonly fact: string } {
  return typeof value === 'object' && value !== null && 'fact' in value && typeof value.fact === 'string'
}

function visitLeaves(condition: Condition, visit: (leaf: Leaf) => void): void {
  if ('all' in condition) for (const child of condition.all) visitLeaves(child, visit)
  else if ('any' in condition) for (const child of condition.any) visitLeaves(child, visit)
  else if ('not' in condition) visitLeaves(condition.not, visit)
  else if ('fact' in condition) visit(condition)
}

/** What a fact is compared with: its draws favour these values and their neighbours. */
interface Hints {
  readonly numbers: Set<number>
  readonly strings: Set<string>
  booleans: boolean
  /** Compared by lessThan, greaterThan…, perhaps only with another fact. */
  numeric: boolean
  /** Compared by contains / doesNotContain, which ask for an array. */
  arrays: boolean
}

const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])

function noHints(): Hints {
  return { numbers: new Set(), strings: new Set(), booleans: false, numeric: false, arrays: false }
}

/** The facts the rules read (`value: { fact }` references included), each with its hints. */
function factHints(rules: readonly RuleProperties[]): Map<string, Hints> {
  const hints = new Map<string, Hints>()
  const of = (name: string): Hints => {
    let found = hints.get(name)
    if (!found) {
      found = noHints()
      hints.set(name, found)
    }
    return found
  }
  const note = (into: Hints, value: unknown): void => {
    if (typeof value === 'number') into.numbers.add(value)
    else if (typeof value === 'string') into.strings.add(value)
    else if (typeof value === 'boolean') into.booleans = true
    else if (Array.isArray(value)) for (const element of value) note(into, element)
  }
  const pairs: [Hints, Hints][] = []
  for (const rule of rules) {
    visitLeaves(rule.conditions, (leaf) => {
      const hint = of(leaf.fact)
      hint.numeric ||= NUMERIC.has(leaf.operator)
      hint.arrays ||= leaf.operator === 'contains' || leaf.operator === 'doesNotContain'
      if (isFactReference(leaf.value)) pairs.push([hint, of(leaf.value.fact)])
      else note(hint, leaf.value)
    })
  }
  // Two facts compared with each other draw from each other's values, until nothing is added.
  const size = (hint: Hints): number =>
    hint.numbers.size + hint.strings.size + Number(hint.booleans) + Number(hint.numeric) + Number(hint.arrays)
  for (let grown = true; grown; ) {
    grown = false
    for (const [left, right] of pairs) {
      for (const [from, to] of [
        [left, right],
        [right, left],
      ] as const) {
        const before = size(to)
        for (const number of from.numbers) to.numbers.add(number)
        for (const string of from.strings) to.strings.add(string)
        to.booleans ||= from.booleans
        to.numeric ||= from.numeric
        to.arrays ||= from.arrays
        grown ||= size(to) > before
      }
    }
  }
  return hints
}

/** Most draws (about two in three) are of the kind the fact is compared with, the rest of any kind. */
function valueArbitrary(hints: Hints): fc.Arbitrary<Value> {
  const near = [...hints.numbers].flatMap((n) => [n, n - 1, n + 1, n - 0.5, n + 0.5])
  const numbers = [0, -0, 1, 2, -1, -2, -0.5, -7, -1000, 1000, Number.NaN]
  const literals = [...hints.numbers, ...hints.strings].slice(0, 3)
  // The same array objects recur, so the memo (which tells values apart by identity) meets them again.
  const arrays: readonly (readonly unknown[])[] = [[], literals.slice(0, 1), literals, ['x', 1], [null]]
  const favoured = (yes: boolean) => (yes ? 20 : 0)
  const kinds = [
    { arbitrary: fc.constantFrom(...near, ...numbers), weight: favoured(near.length > 0) },
    { arbitrary: fc.constantFrom(...numbers), weight: hints.numeric ? 20 : 3 },
    { arbitrary: fc.integer({ min: -40, max: 40 }), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.constantFrom(...near, ...numbers).map(String), weight: 1 },
    { arbitrary: fc.constantFrom(...hints.strings, ''), weight: favoured(hints.strings.size > 0) },
    { arbitrary: fc.constantFrom('', 'x', ' '), weight: 1 },
    { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
    { arbitrary: fc.boolean(), weight: hints.booleans ? 20 : 2 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constantFrom(...arrays), weight: favoured(hints.arrays) },
  ]
  return fc.oneof(...kinds.filter((kind) => kind.weight > 0))
}

const LEFT_OUT = Symbol('left out')

/** A record: each fact drawn from its hints, or left out (about one in ten). */
function recordArbitrary(
  hints: ReadonlyMap<string, Hints>,
  provided: readonly string[],
): fc.Arbitrary<Facts> {
  const values = provided.map((name) =>
    fc.oneof(
      { arbitrary: valueArbitrary(hints.get(name) ?? noHints()), weight: 9 },
      { arbitrary: fc.constant(LEFT_OUT), weight: 1 },
    ),
  )
  return fc.tuple(...values).map((drawn) => {
    const facts: Record<string, Value> = {}
    drawn.forEach((value, index) => {
      if (value !== LEFT_OUT) facts[provided[index] as string] = value
    })
    // Arrays are not a ledger's FactValue, but RuleSet passes them to the engine like any value.
    return facts as Facts
  })
}

/** A batch of records, some of them again (as copies) so that whole records repeat. */
function batchArbitrary(record: fc.Arbitrary<Facts>): fc.Arbitrary<Facts[]> {
  return fc
    .tuple(fc.array(record, { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 6 }))
    .map(([records, again]) => [
      ...records,
      ...again.map((index) => ({ ...records[index % records.length] })),
    ])
}

/** The rules under test, the RuleSets that remember their outcomes, and the plain engine. */
class Subject {
  readonly types: readonly string[]
  readonly provided: readonly string[]
  readonly record: fc.Arbitrary<Facts>
  private readonly batchSet: RuleSet
  private readonly singleSet: RuleSet
  private readonly plain: Engine
  compared = 0
  /** How many records each rule fired for: a rule that never fires (or always does) proves little. */
  readonly firings = new Map<string, number>()

  constructor(rules: readonly RuleProperties[], notProvided: readonly string[] = []) {
    this.types = rules.map((rule) => rule.event.type)
    const hints = factHints(rules)
    this.provided = [...hints.keys()].filter((name) => !notProvided.includes(name)).sort()
    this.record = recordArbitrary(hints, this.provided)
    this.batchSet = new RuleSet(rules)
    this.singleSet = new RuleSet(rules)
    // Named by position, so that the rules that fired are put in the order they are written.
    this.plain = new Engine(
      rules.map((rule, index) => ({ ...rule, name: String(index) })),
      PLAIN_OPTIONS,
    )
  }

  /** The event types the plain engine fires for these facts, in the order the rules are written. */
  async fired(facts: Facts): Promise<string[]> {
    const { results } = await this.plain.run(facts as Record<string, unknown>)
    return results
      .map((result) => Number(result.name))
      .sort((a, b) => a - b)
      .map((index) => this.types[index] as string)
  }

  async compare(batch: readonly Facts[]): Promise<void> {
    const remembered = await this.batchSet.evaluateAll(batch)
    for (const [index, facts] of batch.entries()) {
      const hits = remembered[index] ?? []
      expect(hits.map((hit) => hit.code)).toEqual(await this.fired(facts))
      expect(await this.singleSet.evaluate(facts)).toEqual(hits)
      for (const hit of hits) this.firings.set(hit.code, (this.firings.get(hit.code) ?? 0) + 1)
      this.compared += 1
    }
  }
}

const counts = new Map<string, number>()

async function check(
  name: string,
  subject: Subject,
  batch: fc.Arbitrary<Facts[]>,
  numRuns: number,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(batch, (records) => subject.compare(records)),
    { seed: SEED, numRuns },
  )
  counts.set(name, subject.compared)
}

const SEVERITY = { severity: 'warning', label: '提醒', message: '{a} {s}' }

function rule(type: string, conditions: TopLevelCondition): RuleProperties {
  return { conditions, event: { type, params: SEVERITY } }
}

const leaf = (fact: string, operator: string, value: unknown): Leaf => ({ fact, operator, value })

afterAll(() => {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0)
  const lines = [...counts].map(([name, count]) => `  ${name}: ${count}`)
  console.log(`rules-differential: ${total} records compared with a plain Engine\n${lines.join('\n')}`)
})

describe('RuleSet agrees with a plain json-rules-engine Engine', () => {
  const files = ruleFiles()

  it('finds the rule files', { timeout: TIMEOUT }, () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    const name = relative(ROOT, file)
    it(`on every rule of ${name}`, { timeout: TIMEOUT }, async () => {
      const rules = JSON.parse(readFileSync(file, 'utf8')) as RuleProperties[]
      const subject = new Subject(rules)
      await check(name, subject, batchArbitrary(subject.record), 400)
      expect(subject.compared).toBeGreaterThanOrEqual(MIN_RECORDS)
      // Each rule both fires and stays quiet for some records, or the comparison proves little about it.
      for (const type of subject.types) {
        const firings = subject.firings.get(type) ?? 0
        expect(
          Math.min(firings, subject.compared - firings),
          `records ${type} fired for`,
        ).toBeGreaterThanOrEqual(MIN_FIRINGS)
      }
    })
  }

  it('on any trees, nested not, all inside any and empty lists', { timeout: TIMEOUT }, async () => {
    const subject = new Subject([
      rule('ANY', {
        any: [leaf('a', 'greaterThan', 3), leaf('s', 'equal', 'x'), leaf('flag', 'equal', true)],
      }),
      rule('NOT_NOT', { not: { not: leaf('a', 'lessThanInclusive', 0) } }),
      rule('NOT_ANY', {
        all: [
          { not: { any: [leaf('s', 'in', ['x', 'y']), leaf('b', 'equal', { fact: 'a' })] } },
          { not: { all: [leaf('flag', 'equal', false), { not: leaf('b', 'lessThan', 2) }] } },
        ],
      }),
      rule('ALL_IN_ANY', {
        any: [
          { all: [leaf('a', 'greaterThanInclusive', 1), leaf('b', 'lessThan', 2)] },
          { all: [leaf('flag', 'equal', false), leaf('s', 'notEqual', 'y')] },
        ],
      }),
      rule('EMPTY_ALL', { all: [] }),
      rule('EMPTY_ANY', { any: [] }),
      rule('NOT_EMPTY_ALL', { not: { all: [] } }),
      rule('NOT_EMPTY_ANY', { not: { any: [] } }),
      rule('EMPTY_INSIDE', { all: [{ all: [] }, { any: [{ not: { any: [] } }, leaf('a', 'equal', 0)] }] }),
      rule('EMPTY_DECIDES', { any: [leaf('s', 'equal', 'y'), { all: [] }] }),
    ])
    await check('synthetic: trees', subject, batchArbitrary(subject.record), 300)
  })

  it('on a comparison shared by rules and on facts compared with facts', { timeout: TIMEOUT }, async () => {
    const subject = new Subject([
      rule('SHARED_1', {
        all: [
          leaf('a', 'greaterThan', 3),
          leaf('b', 'greaterThanInclusive', 4),
          leaf('b', 'greaterThan', { fact: 'a' }),
        ],
      }),
      // The same comparison again, named and with a priority (which do not decide it): one memo.
      rule('SHARED_2', {
        any: [{ ...leaf('a', 'greaterThan', 3), name: 'a over 3', priority: 2 }, leaf('s', 'equal', 'x')],
      }),
      rule('SHARED_3', { not: leaf('a', 'greaterThan', 3) }),
      rule('REFERENCE', {
        all: [leaf('b', 'lessThanInclusive', { fact: 'a' }), leaf('t', 'equal', { fact: 's' })],
      }),
      rule('REFERENCE_NOT', { not: leaf('a', 'notEqual', { fact: 'b' }) }),
    ])
    await check('synthetic: shared and references', subject, batchArbitrary(subject.record), 300)
  })

  it('on every operator', { timeout: TIMEOUT }, async () => {
    const subject = new Subject([
      rule('EQUAL', { all: [leaf('a', 'equal', 2)] }),
      rule('NOT_EQUAL', { all: [leaf('s', 'notEqual', 'x')] }),
      rule('LESS', { all: [leaf('a', 'lessThan', 0)] }),
      rule('LESS_INCLUSIVE', { all: [leaf('a', 'lessThanInclusive', 1.5)] }),
      rule('GREATER', { all: [leaf('b', 'greaterThan', -1)] }),
      rule('GREATER_INCLUSIVE', { all: [leaf('b', 'greaterThanInclusive', { fact: 'a' })] }),
      rule('IN', { all: [leaf('s', 'in', ['x', 'y', ''])] }),
      rule('IN_TEXT', { all: [leaf('t', 'in', 'xy')] }),
      rule('NOT_IN', { all: [leaf('a', 'notIn', [0, 1, 2])] }),
      rule('CONTAINS', { all: [leaf('list', 'contains', 'x')] }),
      rule('CONTAINS_FACT', { all: [leaf('list', 'contains', { fact: 'a' })] }),
      rule('DOES_NOT_CONTAIN', { all: [leaf('list', 'doesNotContain', 1)] }),
      rule('MIXED', {
        any: [
          {
            all: [
              leaf('flag', 'equal', true),
              leaf('a', 'notIn', [1, 2]),
              leaf('list', 'doesNotContain', 'x'),
            ],
          },
          { all: [leaf('s', 'in', ['y']), leaf('b', 'lessThanInclusive', 3)] },
        ],
      }),
    ])
    await check('synthetic: operators', subject, batchArbitrary(subject.record), 300)
  })

  it('on facts no record provides', { timeout: TIMEOUT }, async () => {
    // `toString` and `constructor` are on every object's prototype, yet no record provides them.
    const notProvided = ['ghost', 'phantom', 'toString', 'constructor']
    const subject = new Subject(
      [
        rule('GHOST_EQUAL', { all: [leaf('ghost', 'equal', null)] }),
        rule('GHOST_NOT_EQUAL', { all: [leaf('ghost', 'notEqual', null), leaf('a', 'greaterThan', 0)] }),
        rule('GHOST_NOT', { not: leaf('ghost', 'greaterThan', 0) }),
        rule('GHOST_REFERENCE', { all: [leaf('a', 'equal', { fact: 'ghost' })] }),
        rule('GHOSTS', { all: [leaf('phantom', 'equal', { fact: 'ghost' })] }),
        rule('PROTOTYPE', { any: [leaf('toString', 'equal', '[object Object]'), leaf('a', 'lessThan', -1)] }),
        rule('PROTOTYPE_REFERENCE', { all: [leaf('b', 'equal', { fact: 'constructor' })] }),
      ],
      notProvided,
    )
    expect(subject.provided).toEqual(['a', 'b'])
    await check('synthetic: facts not provided', subject, batchArbitrary(subject.record), 300)
  })

  it('on randomly built condition trees', { timeout: TIMEOUT }, async () => {
    const facts = ['a', 'b', 's', 'flag', 'list', 'ghost']
    const fact = fc.constantFrom(...facts)
    const value = fc.oneof(
      fc.constantFrom<unknown>(0, 1, -1, 2.5, 'x', 'y', '', true, false, null),
      fact.map((name) => ({ fact: name })),
    )
    // in / notIn only with a list written in the rule: given a fact that holds no list (null, a number),
    // the engine's indexOf throws and the plain engine fails the whole run, which RuleSet, stopping at
    // the first deciding condition, need not reach.
    const comparison = fc.oneof(
      fc.record({
        fact,
        operator: fc.constantFrom(
          'equal',
          'notEqual',
          'lessThan',
          'lessThanInclusive',
          'greaterThan',
          'greaterThanInclusive',
          'contains',
          'doesNotContain',
        ),
        value,
      }),
      fc.record({
        fact,
        operator: fc.constantFrom('in', 'notIn'),
        value: fc.constantFrom<unknown>(['x', 'y'], [0, 1], [], 'xy', [null, true]),
      }),
    )
    const { root } = fc.letrec<{ tree: Condition; root: TopLevelCondition }>((tie) => ({
      tree: fc.oneof({ maxDepth: 3, depthSize: 'small' }, comparison, tie('root')),
      root: fc.oneof(
        fc.record({ all: fc.array(tie('tree'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('tree'), { maxLength: 3 }) }),
        fc.record({ not: tie('tree') }),
      ) as fc.Arbitrary<TopLevelCondition>,
    }))
    const cases = fc
      .array(root, { minLength: 1, maxLength: 4 })
      .map(
        (roots) =>
          new Subject(
            roots.map((conditions, index) => rule(`R${index}`, conditions)),
            ['ghost'],
          ),
      )
      .chain((subject) => fc.tuple(fc.constant(subject), batchArbitrary(subject.record)))
    let compared = 0
    await fc.assert(
      fc.asyncProperty(cases, async ([subject, batch]) => {
        await subject.compare(batch)
        compared += batch.length
      }),
      { seed: SEED, numRuns: 300 },
    )
    counts.set('synthetic: random trees', compared)
  })
})
