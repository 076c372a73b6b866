/**
 * What every ledger of the registry (src/ledgers/index.ts) must hold to, derived from the list: a
 * ledger added there is checked here without editing this file.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { createContext } from '../src/app/context'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { ALL_TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { BUILT_IN_CODE_LABELS, SEVERITY_LABEL, type Severity } from '../src/core/findings'
import type { Ledger, LedgerRules, RecordFacts } from '../src/core/ledger'
import type { Facts } from '../src/core/rules/facts'
import { ALL_RULES, codeLabel, LEDGERS, PARAMETER_DEFINITIONS } from '../src/ledgers'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-11-28' as IsoDate
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** The facts a ledger's check hands its rules for the demo workbook, without running the rules. */
async function factsSeen(ledger: Ledger): Promise<Facts[]> {
  const port = new MemoryWorkbook()
  runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) })
  const seen: Facts[] = []
  const spy: LedgerRules = {
    async findings(_sheet: string, records: readonly RecordFacts[]) {
      for (const record of records) seen.push(record.facts)
      return []
    },
  }
  await ledger.check?.run(createContext(port, TODAY), spy)
  return seen
}

const LIST: readonly Ledger[] = LEDGERS
const CHECKED = LIST.filter((ledger) => ledger.check !== undefined)

describe.each(CHECKED.map((ledger) => [ledger.id, ledger] as const))('ledger %s', (_, ledger) => {
  it('has rules, each with a label, a severity and a message', () => {
    expect(ledger.rules.length).toBeGreaterThan(0)
    for (const rule of ledger.rules) {
      const params = rule.event.params as { label?: string; severity?: string; message?: string }
      expect(params.label?.length, rule.event.type).toBeGreaterThan(0)
      expect(Object.keys(SEVERITY_LABEL), rule.event.type).toContain(params.severity)
      expect(params.message?.length, rule.event.type).toBeGreaterThan(0)
    }
  })

  it('every message placeholder, condition and due date names a fact the ledger provides', async () => {
    const facts = await factsSeen(ledger)
    expect(facts.length, 'the demo workbook gives the ledger records to check').toBeGreaterThan(0)
    const names = new Set(facts.flatMap((record) => Object.keys(record)))
    for (const rule of ledger.rules) {
      const event = rule.event.params as { message: string; due?: string }
      const used = [
        ...[...event.message.matchAll(/\{(\w+)\}/g)].map(([, name]) => name),
        ...[...JSON.stringify(rule.conditions).matchAll(/"fact":"(\w+)"/g)].map(([, name]) => name),
        ...(event.due ? [event.due] : []),
      ]
      for (const name of used) expect([...names], `${rule.event.type} reads {${name}}`).toContain(name)
    }
  })

  it('explains itself (taizhang why): a clause for every rule, a note for every fact a rule reads', () => {
    expect(ledger.explain, 'src/ledgers/<ledger>/explain.ts, given to defineLedger as explain').toBeDefined()
    for (const rule of ledger.rules) {
      const params = rule.event.params as { clause?: string }
      expect(
        params.clause?.length,
        `${rule.event.type}: event params "clause" (the regulation clause)`,
      ).toBeGreaterThan(0)
      for (const [, name] of JSON.stringify(rule.conditions).matchAll(/"fact":"(\w+)"/g))
        expect(Object.keys(ledger.explain?.facts ?? {}), `${rule.event.type} reads ${name}`).toContain(name)
    }
  })

  it('names only its own parameters as the source of a fact (taizhang why)', () => {
    const names = ledger.parameters.map((parameter) => parameter.name)
    for (const [fact, note] of Object.entries(ledger.explain?.facts ?? {}))
      if (note.parameter !== undefined)
        expect(names, `${fact} is 参数“${note.parameter}”`).toContain(note.parameter)
  })

  it('checks a tab of its own or of a ledger listed before it', () => {
    const earlier = LIST.slice(0, LIST.indexOf(ledger) + 1)
    const tabs = earlier.flatMap((candidate) => Object.values(candidate.tabs))
    expect(tabs).toContain(ledger.check?.tab)
  })
})

describe('the registry', () => {
  it('gives every finding code to one rule only', () => {
    const codes = ALL_RULES.map((rule) => rule.event.type)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('gives every tab one name and one id across the ledgers and the application', () => {
    expect(new Set(ALL_TEMPLATES.map((template) => template.name)).size).toBe(ALL_TEMPLATES.length)
    expect(new Set(ALL_TEMPLATES.map((template) => template.id)).size).toBe(ALL_TEMPLATES.length)
  })

  it('gives every parameter one key and one name', () => {
    expect(new Set(PARAMETER_DEFINITIONS.map((p) => p.key)).size).toBe(PARAMETER_DEFINITIONS.length)
    expect(new Set(PARAMETER_DEFINITIONS.map((p) => p.name)).size).toBe(PARAMETER_DEFINITIONS.length)
  })

  it('tells the progress of each checked tab once, tabs shared by two ledgers too (客户档案)', async () => {
    const port = new MemoryWorkbook()
    runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) })
    const said: string[] = []
    await runCheck(port, { today: TODAY, actor: 'test', progress: (message) => said.push(message) })
    const tabs = said.filter((message) => message.startsWith('检查“'))
    expect(tabs).toEqual([...new Set(tabs)])
    expect(tabs).toContain('检查“客户档案”…')
  })

  it('fills only tabs of the workbook in the demo', () => {
    const ids = ALL_TEMPLATES.map((template) => template.id)
    for (const id of Object.keys(demoRows(TODAY))) expect(ids).toContain(id)
  })
})

describe("the README's table of finding codes", () => {
  const rows = new Map(
    [...README.matchAll(/^\| ([A-Z][A-Z_]+) \| (错误|警告|提示) \|/gm)].map(([, code, label]) => [
      code,
      label,
    ]),
  )

  it('lists every rule of every ledger with its severity', () => {
    for (const rule of ALL_RULES) {
      const severity = (rule.event.params as { severity: Severity }).severity
      expect(rows.get(rule.event.type), rule.event.type).toBe(SEVERITY_LABEL[severity])
    }
  })

  it('lists no code that no rule raises (DATA_INVALID, ROW_SKIPPED and OWNED_CELL_OVERWRITTEN are the tool’s own)', () => {
    const codes = [...ALL_RULES.map((rule) => rule.event.type), ...Object.keys(BUILT_IN_CODE_LABELS)]
    for (const code of rows.keys()) expect(codes).toContain(code)
    for (const code of Object.keys(BUILT_IN_CODE_LABELS)) expect(rows.get(code), code).toBeDefined()
  })

  it('gives each code the 事项 that 提醒汇总 and the CLI show', () => {
    const labels = new Map(
      [...README.matchAll(/^\| ([A-Z][A-Z_]+) \| (?:错误|警告|提示) \| ([^|]+) \|/gm)].map(
        ([, code, label]) => [code, label?.trim()],
      ),
    )
    expect(labels.size).toBe(rows.size)
    for (const [code, label] of labels) expect(label, code).toBe(codeLabel(code ?? ''))
  })
})
