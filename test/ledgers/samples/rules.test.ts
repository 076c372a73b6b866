import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { defaultParameters } from '../../../src/core/parameters'
import { RuleSet } from '../../../src/core/rules/rule-set'
import { readTable } from '../../../src/core/table'
import { PARAMETER_DEFINITIONS } from '../../../src/ledgers'
import { samplesLedger } from '../../../src/ledgers/samples/ledger'
import { buildSampleLedger, sampleFacts } from '../../../src/ledgers/samples/samples'
import { d, sample, tab } from '../../support/ledger-builder'

const SPEC_CODES = [
  'SAMPLE_EXPIRED',
  'SAMPLE_EXPIRING',
  'SAMPLE_CALIBRATION_OVERDUE',
  'SAMPLE_CALIBRATION_DUE',
  'SAMPLE_INSPECTION_FAILED',
  'SAMPLE_TEMPORARY_TOO_LONG',
  'SAMPLE_TEMPORARY_SUPERSEDED', // issue 12: a 临时样件 beside an in-use 封样样件
]

describe('src/ledgers/samples/rules.json', () => {
  it('has one rule per SAMPLE_* code of SPEC §3', () => {
    expect(samplesLedger.rules.map((rule) => rule.event.type).sort()).toEqual([...SPEC_CODES].sort())
  })

  it('every message placeholder and due date names a fact the ledger provides', () => {
    const params = defaultParameters(PARAMETER_DEFINITIONS)
    const today = '2026-11-28' as IsoDate
    const table = readTable(TEMPLATES.samples, {
      name: '样件台账',
      ...split(tab(TEMPLATES.samples, [sample({ 确认日期: d('2026-01-01') })])),
    })
    const [built] = buildSampleLedger(table, undefined, params, today).samples
    if (!built) throw new Error('no sample')
    const facts = sampleFacts(built, params, today)
    for (const rule of samplesLedger.rules) {
      const params = rule.event.params as { message: string; due?: string; label: string }
      for (const [, name] of params.message.matchAll(/\{(\w+)\}/g)) expect(Object.keys(facts)).toContain(name)
      if (params.due) expect(Object.keys(facts)).toContain(params.due)
      expect(params.label.length).toBeGreaterThan(0)
    }
  })

  it('user text in a fact is not expanded again as a placeholder', async () => {
    const rules = new RuleSet(samplesLedger.rules)
    const hits = await rules.evaluate({
      active: true,
      daysUntilExpiry: -1,
      expiryDate: '2026-01-01',
      sampleName: '{expiryDate}',
    })
    expect(hits[0]?.message).toContain('“{expiryDate}”')
  })

  it('a rule without severity or message is refused when loaded', () => {
    expect(
      () => new RuleSet([{ conditions: { all: [] }, event: { type: 'X', params: { message: 'm' } } }]),
    ).toThrow(/severity/)
  })
})

function split(rows: ReturnType<typeof tab>) {
  return { header: rows[0] ?? [], rows: rows.slice(1) }
}

describe('every parameters.json', () => {
  it('gives every parameter a unique key and a unique name', () => {
    const keys = PARAMETER_DEFINITIONS.map((p) => p.key)
    const names = PARAMETER_DEFINITIONS.map((p) => p.name)
    expect(new Set(keys).size).toBe(keys.length)
    expect(new Set(names).size).toBe(names.length)
  })

  it('keeps every default inside its own bounds', () => {
    for (const p of PARAMETER_DEFINITIONS) {
      expect(p.default, p.name).toBeGreaterThanOrEqual(p.min)
      expect(p.default, p.name).toBeLessThanOrEqual(p.max)
    }
  })
})
