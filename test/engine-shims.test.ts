/**
 * The stand-ins the Apps Script build gives json-rules-engine (scripts/engine-shims.mjs,
 * src/hosts/gas/shims/), and its Babel helpers defined once, behave as the packages they replace, for what the engine asks of them:
 * each is compared with its package directly, and every ledger's rules run through an Engine
 * bundled with the stand-ins and through the real one, on the same records, with listeners on
 * every event json-rules-engine emits; the events, results and the order of the calls must agree.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
// @ts-expect-error clone ships no types; json-rules-engine calls it as clone(value)
import cloneModule from 'clone'
import * as esbuild from 'esbuild'
import RealEmitter from 'eventemitter2'
import realHash from 'hash-it'
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine'
import * as real from 'json-rules-engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import deepClone from '../src/hosts/gas/shims/deep-clone'
import EventEmitter from '../src/hosts/gas/shims/event-emitter'
import hashKey from '../src/hosts/gas/shims/hash-key'
import { JSONPath } from '../src/hosts/gas/shims/json-path'
import { ruleFiles } from './support/rule-files'

const realClone = cloneModule as <T>(value: T) => T

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const TIMEOUT = 120_000
const RECORDS_PER_FILE = 500

type Engines = Pick<typeof real, 'Almanac' | 'Engine' | 'Fact' | 'Rule'>
type Slimming = {
  UNUSED_METHODS: Record<string, string[]>
  asEsModule(source: string, file: string): string
  withoutMethods(source: string, file: string, names: string[]): string
  slimmedFiles(dist: string): Map<string, string>
}
type Leaf = { readonly fact: string; readonly operator: string; readonly value: unknown; path?: string }
type Condition = TopLevelCondition | Leaf

function readRules(file: string): RuleProperties[] {
  return JSON.parse(readFileSync(file, 'utf8')) as RuleProperties[]
}

function leaves(condition: Condition): Leaf[] {
  if ('all' in condition) return condition.all.flatMap(leaves)
  if ('any' in condition) return condition.any.flatMap(leaves)
  if ('not' in condition) return leaves(condition.not)
  return 'fact' in condition ? [condition as Leaf] : []
}

let shimmed: Engines
let slimming: Slimming
const scratch = mkdtempSync(join(tmpdir(), 'taizhang-engine-shims-'))
beforeAll(async () => {
  const pluginModule = pathToFileURL(join(ROOT, 'scripts', 'engine-shims.mjs')).href
  const plugins = (await import(pluginModule)) as Record<'engineShims' | 'engineDist', esbuild.Plugin>
  slimming = plugins as unknown as Slimming
  const entry = join(scratch, 'engine.ts')
  writeFileSync(entry, "export { Almanac, Engine, Fact, Rule } from 'json-rules-engine'\n")
  const outfile = join(scratch, 'engine.mjs')
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    nodePaths: [join(ROOT, 'node_modules')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    plugins: [plugins.engineShims, plugins.engineDist],
    metafile: true,
    logLevel: 'error',
  })
  const bundled = Object.keys(result.metafile.inputs).join('\n')
  for (const name of ['eventemitter2', 'jsonpath-plus', 'hash-it', 'clone/'])
    expect(bundled).not.toContain(name)
  shimmed = (await import(pathToFileURL(outfile).href)) as Engines
}, TIMEOUT)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('no rule needs jsonpath-plus, which the Apps Script build leaves out', () => {
  it.each(ruleFiles().map((file) => [relative(ROOT, file), file]))('%s has no `path`', (_, file) => {
    for (const rule of readRules(file)) {
      for (const leaf of leaves(rule.conditions)) {
        const reference = leaf.value as { path?: unknown } | null
        expect(leaf.path, `${rule.event.type} reads ${leaf.fact} by path`).toBeUndefined()
        expect(typeof reference === 'object' ? reference?.path : undefined, rule.event.type).toBeUndefined()
      }
    }
  })

  it('a rule with a `path` fails in the Apps Script engine and says why', async () => {
    const rule = {
      conditions: { all: [{ fact: 'supplier', path: '$.grade', operator: 'equal', value: 'A' }] },
      event: { type: 'GRADE_A' },
    }
    const facts = { supplier: { grade: 'A' } }
    const { events } = await new real.Engine([rule]).run(facts)
    expect(events).toEqual([{ type: 'GRADE_A' }])
    await expect(new shimmed.Engine([rule]).run(facts)).rejects.toThrow(/path（\$\.grade）.*JSONPath/)
    expect(() => JSONPath({ path: '$.x' })).toThrow(/path（\$\.x）/)
  })
})

describe('the methods the build leaves out of json-rules-engine', () => {
  const dist = dirname(createRequire(import.meta.url).resolve('json-rules-engine'))

  /** The prototype of the class each dist file defines, as an engine built from `engines` has it. */
  async function prototypes(engines: typeof real): Promise<Record<string, object>> {
    const rule = { conditions: { all: [{ fact: 'a', operator: 'equal', value: 1 }] }, event: { type: 'A' } }
    const engine = new engines.Engine([rule]) as real.Engine & { rules: real.Rule[]; operators: object }
    const { results } = await engine.run({ a: 1 })
    const of = (value: unknown) => Object.getPrototypeOf(value) as object
    return {
      'engine.js': engines.Engine.prototype,
      'operator-map.js': of(engine.operators),
      'rule.js': engines.Rule.prototype,
      'condition.js': of(engine.rules[0]?.conditions),
      'rule-result.js': of(results[0]),
      'almanac.js': engines.Almanac.prototype,
      'fact.js': engines.Fact.prototype,
    }
  }

  it('are gone from the bundled classes, and only they', async () => {
    const [realClasses, slimClasses] = [await prototypes(real), await prototypes(shimmed as typeof real)]
    expect(Object.keys(slimming.UNUSED_METHODS).sort()).toEqual(Object.keys(realClasses).sort())
    for (const [file, left] of Object.entries(slimming.UNUSED_METHODS)) {
      const methods = Object.getOwnPropertyNames(realClasses[file])
      for (const method of left) expect(methods, `${file} has ${method}`).toContain(method)
      const kept = methods.filter((method) => !left.includes(method)).sort()
      expect(Object.getOwnPropertyNames(slimClasses[file]).sort(), file).toEqual(kept)
    }
  })

  it('are called by no file of the tool that uses json-rules-engine', () => {
    const sources = join(ROOT, 'src')
    const users = readdirSync(sources, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(sources, name), 'utf8'))
      .filter((text) => /from 'json-rules-engine'/.test(text))
    expect(users.length).toBeGreaterThan(0)
    const left = new Set(Object.values(slimming.UNUSED_METHODS).flat())
    for (const text of users) {
      for (const [call, name] of text.matchAll(/\.(\w+)\(/g)) expect(left.has(name ?? ''), call).toBe(false)
    }
  })

  it('fail the build when a method is not written as Babel wrote it in 7.3', () => {
    const source = readFileSync(join(dist, 'rule.js'), 'utf8')
    expect(() => slimming.withoutMethods(source, 'rule.js', ['getEvent'])).not.toThrow()
    const renamed = source.replace("key: 'getEvent'", "key: 'readEvent'")
    expect(() => slimming.withoutMethods(renamed, 'rule.js', ['getEvent'])).toThrow(
      /rule\.js: cannot leave out getEvent\(\)/,
    )
    const arrow = source.replace('value: function getEvent() {', 'value: () => {')
    expect(() => slimming.withoutMethods(arrow, 'rule.js', ['getEvent'])).toThrow(/getEvent/)
  })

  it('fail the build when json-rules-engine calls one of them itself', () => {
    const copy = join(scratch, 'dist')
    cpSync(dist, copy, { recursive: true })
    expect(slimming.slimmedFiles(copy).get('engine.js')).not.toMatch(/removeRule/)
    const rule = join(copy, 'rule.js')
    writeFileSync(
      rule,
      readFileSync(rule, 'utf8').replace('this.engine = engine;', 'this.engine = engine.stop();'),
    )
    expect(() => slimming.slimmedFiles(copy)).toThrow(/dist\/rule\.js calls stop\(\)/)
  })
})

describe('json-rules-engine’s files, as the build hands them to the bundler', () => {
  const dist = dirname(createRequire(import.meta.url).resolve('json-rules-engine'))

  it('are ES modules, which it joins into one scope, without its debug log', () => {
    const bundled = readFileSync(join(scratch, 'engine.mjs'), 'utf8')
    for (const commonJs of ['__esModule', '__commonJS', 'require(', '_interopRequireDefault', 'createDebug'])
      expect(bundled, commonJs).not.toContain(commonJs)
    for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
      const module = slimming.asEsModule(readFileSync(join(dist, file), 'utf8'), file)
      expect(module, file).not.toMatch(/\brequire\(|\bexports\.|module\.exports/)
    }
  })

  it('fail the build when one is not CommonJS as Babel wrote it in 7.3', () => {
    const source = readFileSync(join(dist, 'engine.js'), 'utf8')
    const written = [
      source.replace("var _fact = require('./fact');", "var _fact = require('./fact'), _other = 1;"),
      source.replace('exports.default = Engine;', 'module.exports.default = Engine;'),
      source.replace("var READY = exports.READY = 'READY';", "exports.READY = 'READY';"),
    ]
    for (const text of written)
      expect(() => slimming.asEsModule(text, 'engine.js')).toThrow(
        /engine\.js is not CommonJS as Babel wrote it/,
      )
  })
})

describe('the EventEmitter stand-in', () => {
  type Emitting = {
    on(type: string, listener: (...args: unknown[]) => unknown): unknown
    emitAsync(type: string, ...args: unknown[]): Promise<unknown[]>
  }
  const make = (Kind: unknown): Emitting => new (Kind as new () => Emitting)()

  /** Listeners as the engine's users write them: plain, async, late; each logs what it was called with. */
  async function script(emitter: Emitting): Promise<unknown[]> {
    const log: unknown[] = []
    const listener = (name: string, answer: (args: unknown[]) => unknown) =>
      function (this: { event?: string }, ...args: unknown[]) {
        log.push([name, this === (emitter as unknown), this.event, args])
        return answer(args)
      }
    log.push([
      'returns',
      emitter.on(
        'success',
        listener('a', () => 1),
      ) === emitter,
    ])
    emitter.on(
      'success',
      listener('b', async (args) => args.length),
    )
    emitter.on(
      'failure',
      listener('c', (args) => new Promise((done) => queueMicrotask(() => done(args[0])))),
    )
    emitter.on(
      'CODE',
      listener('d', () => undefined),
    )
    log.push(await emitter.emitAsync('success', { type: 'CODE' }, 'almanac', 'result'))
    log.push(await emitter.emitAsync('success'))
    log.push(await emitter.emitAsync('failure', 1, 2, 3, 4, 5))
    log.push(await emitter.emitAsync('CODE', { severity: 'error' }))
    log.push(await emitter.emitAsync('NOBODY', 1))
    log.push(await emitter.emitAsync('newListener', 'x'))
    const boom = new Error('boom')
    log.push(await emitter.emitAsync('error', boom).catch((error: unknown) => ['rejected', error]))
    log.push(await emitter.emitAsync('error', 'text').catch((error: unknown) => ['rejected', error]))
    emitter.on(
      'error',
      listener('e', () => 'heard'),
    )
    log.push(await emitter.emitAsync('error', boom))
    emitter.on('THROWS', () => {
      throw new Error('listener failed')
    })
    try {
      void emitter.emitAsync('THROWS')
      log.push('no throw')
    } catch (error) {
      log.push(['threw at once', (error as Error).message])
    }
    // A listener added while an emit runs is not called by that emit.
    emitter.on(
      'LATE',
      listener('f', () => {
        emitter.on(
          'LATE',
          listener('g', () => 0),
        )
        return 'added'
      }),
    )
    log.push(await emitter.emitAsync('LATE'))
    log.push(await emitter.emitAsync('LATE'))
    for (const bad of [undefined, 'text']) {
      try {
        emitter.on('x', bad as never)
        log.push('accepted')
      } catch (error) {
        log.push(['refused', (error as Error).message])
      }
    }
    return log
  }

  it('does what eventemitter2 does for on and emitAsync', async () => {
    const expected = await script(make(RealEmitter))
    expect(await script(make(EventEmitter))).toEqual(expected)
    expect(expected).toContainEqual(['rejected', "Uncaught, unspecified 'error' event."])
    expect(expected).toContainEqual(['threw at once', 'listener failed'])
  })
})

describe('the clone stand-in', () => {
  class Node {
    constructor(readonly fact: string) {}
    evaluate(): string {
      return this.fact
    }
  }
  const tag = Symbol('tag')

  function sample(): Record<PropertyKey, unknown> {
    const shared = { operator: 'equal', value: [1, 'a', null] }
    const node = Object.assign(new Node('daysLeft'), { params: { since: new Date(Date.UTC(2026, 2, 5)) } })
    const tree: Record<PropertyKey, unknown> = {
      all: [node, shared, { not: shared }],
      event: { type: 'CODE', params: { severity: 'warning', nested: { deep: [[true]] } } },
      priority: 1,
      name: undefined,
      [tag]: 'kept',
    }
    tree.self = tree
    Object.defineProperty(tree, Symbol('hidden'), { value: 1, enumerable: false })
    return tree
  }

  function shape(copy: Record<PropertyKey, unknown>, source: Record<PropertyKey, unknown>): unknown {
    const all = copy.all as unknown[]
    return {
      json: JSON.stringify({ ...copy, self: undefined }),
      symbols: Object.getOwnPropertySymbols(copy).map(String),
      tag: copy[tag],
      selfIsCopy: copy.self === copy,
      sharedKeptShared: all[1] === (all[2] as { not: unknown }).not,
      sharesNothing: all[0] !== (source.all as unknown[])[0] && copy.event !== source.event,
      prototype: Object.getPrototypeOf(all[0]) === Node.prototype,
      evaluate: (all[0] as Node).evaluate(),
      date: ((all[0] as { params: { since: Date } }).params.since as Date).getTime(),
      dateCopied: (all[0] as { params: { since: Date } }).params.since instanceof Date,
    }
  }

  it('copies conditions as clone does: prototypes, dates, shared parts, cycles, enumerable symbols', () => {
    const source = sample()
    const expected = shape(realClone(source), source)
    expect(shape(deepClone(source), source)).toEqual(expected)
    for (const value of [null, undefined, 0, 'text', true, Number.NaN])
      expect(deepClone(value)).toBe(realClone(value))
    const fn = () => 1
    expect(deepClone(fn)).toBe(fn)
  })

  it('refuses what it does not copy instead of copying it wrong', () => {
    for (const value of [new Map(), new Set(), /x/g, Promise.resolve(), new Error('x')]) {
      expect(() => deepClone({ value })).toThrow(/不能复制/)
    }
  })
})

describe('the hash-it stand-in', () => {
  const values: unknown[] = [
    {},
    { params: {}, id: 'daysLeft' },
    { id: 'daysLeft', params: {} },
    { params: { a: 1 }, id: 'daysLeft' },
    { params: { a: '1' }, id: 'daysLeft' },
    { params: { a: [1, 2] }, id: 'daysLeft' },
    { params: { a: [2, 1] }, id: 'daysLeft' },
    { params: { a: null }, id: 'daysLeft' },
    { params: { a: undefined }, id: 'daysLeft' },
    { params: { a: true }, id: 'daysLeft' },
    { params: {}, id: 'other' },
    'text',
    '"text"',
    1,
    '1',
    null,
    undefined,
    [],
    [null],
  ]

  it('gives equal keys exactly where hash-it gives equal hashes', () => {
    const same = (hash: (value: unknown) => unknown) =>
      values.map((a) => values.map((b) => hash(a) === hash(b)))
    expect(same(hashKey)).toEqual(same(realHash))
  })

  it('refuses objects it cannot key', () => {
    expect(() => hashKey({ params: { since: new Map() } })).toThrow(/不能缓存/)
  })
})

/** Values the rules compare with, their neighbours, and what users leave or type instead. */
function candidates(rules: readonly RuleProperties[]): Map<string, unknown[]> {
  const byFact = new Map<string, unknown[]>()
  const add = (fact: string, ...values: unknown[]) =>
    byFact.set(fact, [...(byFact.get(fact) ?? []), ...values])
  for (const rule of rules) {
    for (const leaf of leaves(rule.conditions)) {
      const value = leaf.value
      if (typeof value === 'object' && value !== null && 'fact' in value) {
        add(leaf.fact, 0, 1, -1, 30)
        add(String((value as { fact: unknown }).fact), 0, 1, 29, 30, 31)
      } else if (typeof value === 'number') add(leaf.fact, value, value - 1, value + 1, value + 0.5)
      else if (Array.isArray(value)) add(leaf.fact, ...value, 'other')
      else add(leaf.fact, value, [value], 'other')
    }
  }
  for (const values of byFact.values()) values.push(null, undefined, '', 'x', true, false, -5, [])
  return byFact
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function records(rules: readonly RuleProperties[], seed: number): Record<string, unknown>[] {
  const next = random(seed)
  const byFact = [...candidates(rules)]
  return Array.from({ length: RECORDS_PER_FILE }, () => {
    const record: Record<string, unknown> = {}
    for (const [fact, values] of byFact) {
      const value = values[Math.floor(next() * values.length)]
      if (value !== undefined || next() < 0.5) record[fact] = value
    }
    return record
  })
}

/** Runs the rules on each record with listeners on every event, and logs what happened, in order. */
async function trace(
  engines: Engines,
  rules: readonly RuleProperties[],
  inputs: readonly Record<string, unknown>[],
  cached: boolean,
): Promise<unknown[]> {
  const log: unknown[] = []
  const engine = new engines.Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false })
  for (const rule of rules) {
    engine.addRule({
      ...rule,
      name: rule.name ?? rule.event.type,
      onSuccess: (event) => void log.push(['rule success', event.type]),
      onFailure: (event) => void log.push(['rule failure', event.type]),
    })
  }
  engine.on('success', (event) => void log.push(['success', event.type]))
  engine.on('failure', async (event) => void log.push(['failure', event.type]))
  for (const type of new Set(rules.map((rule) => rule.event.type))) {
    engine.on(type, (params, _almanac, result) => void log.push([type, params, result.result]))
  }
  for (const input of inputs) {
    // Plain values become cached facts (hash-it), Fact objects here are uncached, as the tool's are.
    const facts = cached
      ? input
      : Object.fromEntries(
          Object.entries(input).map(([name, value]) => [
            name,
            new engines.Fact(name, value, { cache: false }),
          ]),
        )
    const outcome = await engine.run(facts)
    log.push({
      events: outcome.events,
      failureEvents: outcome.failureEvents,
      // The results themselves, field by field (the build leaves out their toJSON).
      results: outcome.results,
      failureResults: outcome.failureResults,
    })
  }
  return log
}

describe('every ledger’s rules decide and emit the same through the stand-ins', () => {
  it.each(ruleFiles().map((file, index) => [relative(ROOT, file), file, index]))(
    '%s',
    { timeout: TIMEOUT },
    async (_, file, index) => {
      const rules = readRules(file)
      const inputs = records(rules, 20_260_305 + index)
      for (const cached of [false, true]) {
        const expected = await trace(real, rules, inputs, cached)
        const fired = expected.filter((entry) => Array.isArray(entry) && entry[0] === 'success').length
        expect(fired, 'the records make some rules fire').toBeGreaterThanOrEqual(10)
        expect(await trace(shimmed, rules, inputs, cached)).toEqual(expected)
      }
    },
  )
})
