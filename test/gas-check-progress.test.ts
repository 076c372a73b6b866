/**
 * The progress of a check that continues in a later run, in the document properties
 * (src/hosts/gas/check-progress.ts): a header and the findings gzipped, in base64, in chunks, on the
 * fakes of PropertiesService (with its 9 KB and 500 KB quotas) and Utilities (node:zlib).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CheckProgress } from '../src/app/types'
import type { IsoDate } from '../src/core/dates'
import type { Finding, Severity } from '../src/core/findings'
import {
  CHUNK_CHARS,
  clearProgress,
  FINDINGS_BUDGET_CHARS,
  loadProgress,
  PROGRESS_PROPERTY,
  saveProgress,
} from '../src/hosts/gas/check-progress'
import {
  FakeProperties,
  FakeUtilities,
  PROPERTY_STORE_LIMIT,
  PROPERTY_VALUE_LIMIT,
} from './support/gas-fakes'

const TODAY = '2026-03-05' as IsoDate
const CHUNK = `${PROGRESS_PROPERTY}.`
const utilities = new FakeUtilities()

/** Deterministic noise: text gzip cannot shrink much, so that a few findings take many chunks. */
function noise(seed: number, length: number): string {
  let state = seed >>> 0
  let text = ''
  while (text.length < length) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    text += state.toString(16).padStart(8, '0')
  }
  return text.slice(0, length)
}

function findings(count: number, noiseLength = 0): Finding[] {
  const severities: Severity[] = ['error', 'warning', 'info']
  return Array.from({ length: count }, (_, index) => ({
    sheet: index % 2 === 0 ? '样件台账' : '客户档案',
    row: index + 2,
    key: `YJ-${index + 1}`,
    code: index % 3 === 0 ? 'DATA_INVALID' : 'SAMPLE_EXPIRED',
    severity: severities[index % 3] as Severity,
    message: `有效期至已过（${noise(index, noiseLength)}），请安排更换`,
    due: index % 4 === 0 ? null : ('2026-03-01' as IsoDate),
  }))
}

function progressOf(found: Finding[], done = ['样件台账', '样件检验记录']): CheckProgress {
  return { today: TODAY, done, records: { 样件台账: 120, 样件检验记录: 4 }, findings: found }
}

function chunkKeys(properties: FakeProperties): string[] {
  return properties.getKeys().filter((key) => key.startsWith(CHUNK))
}

function header(properties: FakeProperties): Record<string, unknown> {
  return JSON.parse(properties.getProperty(PROGRESS_PROPERTY) ?? 'null')
}

/** What a save writes into the chunks, for a test to make chunks of its own. */
function encoded(payload: unknown): string {
  return utilities.base64Encode(utilities.gzip(utilities.newBlob(JSON.stringify(payload))).getBytes())
}

describe('the progress in the document properties', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('reads back as it was kept: the ledgers done, the records and every finding', () => {
    const properties = new FakeProperties()
    const progress = progressOf(findings(50))
    expect(saveProgress(properties, utilities, progress)).toBe(true)
    expect(loadProgress(properties, utilities, TODAY)).toEqual(progress)
    expect(header(properties)).toMatchObject({ version: 2, today: TODAY, findingsStored: true, chunks: 1 })
  })

  it('keeps no findings at all as findings: an empty list, not “not stored”', () => {
    const properties = new FakeProperties()
    saveProgress(properties, utilities, progressOf([]))
    expect(loadProgress(properties, utilities, TODAY)?.findings).toEqual([])
  })

  it('is compact: gzip and base64 take a fraction of the JSON', () => {
    const properties = new FakeProperties()
    const many = findings(5_000)
    saveProgress(properties, utilities, progressOf(many))
    expect(properties.bytes()).toBeLessThan(Buffer.byteLength(JSON.stringify(many)) / 10)
  })

  it('splits the findings across numbered properties, each within the 9 KB a value may hold', () => {
    const properties = new FakeProperties()
    const progress = progressOf(findings(2_000, 48))
    expect(saveProgress(properties, utilities, progress)).toBe(true)
    const keys = chunkKeys(properties)
    expect(keys.length).toBeGreaterThan(3)
    expect(header(properties).chunks).toBe(keys.length)
    expect(keys.sort()).toEqual(Array.from({ length: keys.length }, (_, index) => `${CHUNK}${index}`).sort())
    for (const key of keys) {
      const value = properties.getProperty(key) ?? ''
      expect(value.length).toBeLessThanOrEqual(CHUNK_CHARS)
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(PROPERTY_VALUE_LIMIT)
    }
    expect(loadProgress(properties, utilities, TODAY)).toEqual(progress)
  }, 20_000)

  it('writes the new chunks before it deletes the stale ones of an earlier save', () => {
    const properties = new FakeProperties()
    saveProgress(properties, utilities, progressOf(findings(2_000, 48)))
    const before = chunkKeys(properties).length
    const set = vi.spyOn(properties, 'setProperties')
    const deleted = vi.spyOn(properties, 'deleteProperty')
    const smaller = progressOf(findings(300, 48), ['样件台账', '样件检验记录', '客户档案'])
    saveProgress(properties, utilities, smaller)
    const after = chunkKeys(properties).length
    expect(after).toBeGreaterThan(0)
    expect(after).toBeLessThan(before)
    expect(deleted).toHaveBeenCalledTimes(before - after)
    const lastWrite = Math.max(...set.mock.invocationCallOrder)
    expect(Math.min(...deleted.mock.invocationCallOrder)).toBeGreaterThan(lastWrite)
    expect(loadProgress(properties, utilities, TODAY)).toEqual(smaller)
  }, 20_000)

  it('keeps findings past the budget out of the properties and says so in the header', () => {
    const properties = new FakeProperties()
    properties.setProperty('another.tool', 'its own value')
    const many = findings(20_000, 48)
    expect(encoded(many).length).toBeGreaterThan(FINDINGS_BUDGET_CHARS)
    expect(saveProgress(properties, utilities, progressOf(many))).toBe(false)
    expect(header(properties)).toMatchObject({ findingsStored: false, chunks: 0 })
    expect(chunkKeys(properties)).toEqual([])
    expect(properties.getProperty('another.tool')).toBe('its own value')
    expect(loadProgress(properties, utilities, TODAY)).toEqual({ ...progressOf([]), findings: null })
  }, 20_000)

  it('keeps the header alone when other properties leave no room for the findings, and drops chunks of before', () => {
    const properties = new FakeProperties()
    saveProgress(properties, utilities, progressOf(findings(5)))
    expect(chunkKeys(properties)).toHaveLength(1)
    // Another tool fills the store up to 4 KB below its quota.
    let index = 0
    while (PROPERTY_STORE_LIMIT - properties.bytes() > 4_000 + 8_000) {
      properties.setProperty(`another.tool.${index++}`, 'x'.repeat(8_000))
    }
    properties.setProperty('another.tool.last', 'x'.repeat(PROPERTY_STORE_LIMIT - properties.bytes() - 4_020))
    const big = progressOf(findings(2_000, 48), ['样件台账', '样件检验记录', '客户档案'])
    expect(saveProgress(properties, utilities, big)).toBe(false)
    expect(console.warn).toHaveBeenCalled()
    expect(chunkKeys(properties)).toEqual([])
    expect(loadProgress(properties, utilities, TODAY)).toEqual({ ...big, findings: null })
  }, 20_000)

  it('clears the header and every chunk, and nothing else', () => {
    const properties = new FakeProperties()
    properties.setProperty('another.tool', 'its own value')
    saveProgress(properties, utilities, progressOf(findings(2_000, 48)))
    clearProgress(properties)
    expect(properties.getKeys()).toEqual(['another.tool'])
    expect(loadProgress(properties, utilities, TODAY)).toBeUndefined()
  })

  it('is not today’s check on another day', () => {
    const properties = new FakeProperties()
    saveProgress(properties, utilities, progressOf(findings(5)))
    expect(loadProgress(properties, utilities, '2026-03-06' as IsoDate)).toBeUndefined()
    expect(console.warn).not.toHaveBeenCalled()
  })

  /** A progress of several chunks, then damaged by `damage`. */
  function damaged(damage: (properties: FakeProperties) => void): FakeProperties {
    const properties = new FakeProperties()
    saveProgress(properties, utilities, progressOf(findings(2_000, 48)))
    expect(chunkKeys(properties).length).toBeGreaterThan(2)
    damage(properties)
    return properties
  }

  const headerWith = (properties: FakeProperties, fields: Record<string, unknown>): void => {
    properties.setProperty(PROGRESS_PROPERTY, JSON.stringify({ ...header(properties), ...fields }))
  }

  it.each<[string, (properties: FakeProperties) => void]>([
    ['a chunk that is not base64', (p) => p.setProperty(`${CHUNK}1`, '*** edited by hand ***')],
    ['a chunk that is base64 but not its part of the gzip', (p) => p.setProperty(`${CHUNK}1`, 'QUJDRA==')],
    [
      'a chunk cut short',
      (p) => p.setProperty(`${CHUNK}2`, (p.getProperty(`${CHUNK}2`) ?? '').slice(0, 100)),
    ],
    ['a chunk missing', (p) => p.deleteProperty(`${CHUNK}1`)],
    ['a header counting fewer chunks than were written', (p) => headerWith(p, { chunks: 1 })],
    ['a header counting more chunks than were written', (p) => headerWith(p, { chunks: 99 })],
    ['chunks of another save (other ledgers done)', (p) => headerWith(p, { done: ['样件台账'] })],
    ['a header that is not JSON', (p) => p.setProperty(PROGRESS_PROPERTY, '{')],
    [
      'a header of version 1 (no findings)',
      (p) =>
        p.setProperty(PROGRESS_PROPERTY, JSON.stringify({ today: TODAY, done: ['样件台账'], records: {} })),
    ],
    ['a header of another shape', (p) => headerWith(p, { done: 'all' })],
    ['a number where a count goes', (p) => headerWith(p, { records: { 样件台账: 'x' } })],
    [
      'findings of another shape',
      (p) => {
        headerWith(p, { chunks: 1 })
        p.setProperty(
          `${CHUNK}0`,
          encoded({
            today: TODAY,
            done: header(p).done,
            findings: [['样件台账', 2, 'YJ-1', 'X', 'fatal', '', null]],
          }),
        )
      },
    ],
  ])('is no progress when it holds %s: the check starts afresh', (_, damage) => {
    const properties = damaged(damage)
    expect(loadProgress(properties, utilities, TODAY)).toBeUndefined()
    expect(console.warn).toHaveBeenCalled()
  })

  it('survives a store that cannot be read', () => {
    const properties = new FakeProperties()
    properties.getProperties = () => {
      throw new Error('服务暂时不可用')
    }
    expect(loadProgress(properties, utilities, TODAY)).toBeUndefined()
  })
})
