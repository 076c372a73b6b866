/**
 * Where the sidebar's async answers wait for the page (commands/sidebar-answers.ts), over the
 * stand-in of CacheService (100 KB a value, keys of 250 characters, 1–21,600 s, values that expire
 * or are dropped): long answers go in pieces, longer texts are cut, an answer is taken once.
 */
import { describe, expect, it } from 'vitest'
import { utf8Bytes } from '../src/app/digest'
import {
  CUT_NOTE,
  fitText,
  PIECE_BYTES,
  startCheckFromSidebar,
  startExplain,
  storeAnswer,
  TEXT_BYTES,
  takeAnswer,
  takeResult,
} from '../src/hosts/gas/commands/sidebar-answers'
import { CACHE_VALUE_LIMIT, createGasEnvironment, FakeCache } from './support/gas-fakes'
import { servicesOf } from './support/gas-services'

const TOKEN = '3f1c2a9e-0000-4000-8000-000000000001'

describe('the CacheService stand-in', () => {
  it('keeps a value until it expires, and refuses what Apps Script refuses', () => {
    const cache = new FakeCache()
    let now = 0
    cache.now = () => now
    cache.put('a', 'x', 60)
    expect(cache.get('a')).toBe('x')
    now = 59_999
    expect(cache.getAll(['a', 'b'])).toEqual({ a: 'x' })
    now = 60_000
    expect(cache.get('a')).toBeNull()
    cache.put('b', 'y')
    now += 599_000
    expect(cache.get('b')).toBe('y')
    now += 1000
    expect(cache.get('b'), 'ten minutes when not said').toBeNull()
    expect(() => cache.put('c', 'x'.repeat(CACHE_VALUE_LIMIT + 1), 60)).toThrow('Argument too large: value')
    expect(() => cache.put('k'.repeat(251), 'x', 60)).toThrow('Argument too large: key')
    expect(() => cache.put('c', 'x', 21_601)).toThrow('expirationInSeconds')
    expect(() => cache.put('c', 'x', 0)).toThrow('expirationInSeconds')
    expect(() => cache.putAll({ c: 'x', d: '汉'.repeat(40_000) }, 60)).toThrow('Argument too large: value')
    expect(cache.get('c'), 'putAll sets nothing when a value is refused').toBeNull()
    cache.removeAll(['b'])
    expect(cache.liveKeys()).toEqual([])
  })
})

describe('storeAnswer / takeAnswer', () => {
  it('keeps a small answer in one value and hands it over once', () => {
    const cache = new FakeCache()
    storeAnswer(cache, TOKEN, { ok: true, text: '说明' })
    expect(cache.liveKeys()).toHaveLength(1)
    expect(takeAnswer(cache, TOKEN)).toEqual({ ok: true, text: '说明' })
    expect(takeAnswer(cache, TOKEN)).toEqual({ missing: true })
    expect(cache.liveKeys()).toEqual([])
  })

  it('keeps a 400 KB explanation in pieces under 100 KB each, astral characters whole', () => {
    const cache = new FakeCache()
    // 3-byte Chinese and 4-byte astral characters, so that pieces end at odd places.
    const text = `${'有效期至 2026-02-28 𠮷'.repeat(18_000)}末`
    expect(utf8Bytes(text)).toBeGreaterThan(400_000)
    storeAnswer(cache, TOKEN, { ok: true, text })
    const values = [...cache.entries.values()].map((entry) => entry.value)
    expect(values.length).toBeGreaterThan(4)
    for (const value of values) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(PIECE_BYTES)
    // Each piece is valid UTF-16 on its own (no lone surrogate), as a cache value must be.
    for (const value of values) expect(value).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    expect(takeAnswer(cache, TOKEN)).toEqual({ ok: true, text })
    expect(cache.liveKeys()).toEqual([])
  })

  it('a piece dropped by Apps Script makes the answer missing, and the rest is removed', () => {
    const cache = new FakeCache()
    storeAnswer(cache, TOKEN, { ok: true, text: '汉'.repeat(100_000) })
    const piece = [...cache.entries.keys()].find((key) => key.endsWith('.1'))
    if (piece === undefined) throw new Error('no second piece')
    cache.remove(piece)
    expect(takeAnswer(cache, TOKEN)).toEqual({ missing: true })
    expect(cache.liveKeys()).toEqual([])
  })

  it('an expired answer is missing', () => {
    const cache = new FakeCache()
    let now = 0
    cache.now = () => now
    storeAnswer(cache, TOKEN, { message: '检查完成' })
    now = 1800 * 1000
    expect(takeAnswer(cache, TOKEN)).toEqual({ missing: true })
  })
})

describe('fitText', () => {
  it('leaves a text within the limit alone and cuts a longer one, with a note, within it', () => {
    expect(fitText('说明')).toBe('说明')
    const long = '𠮷'.repeat(TEXT_BYTES / 4 + 10)
    const cut = fitText(long)
    expect(cut.endsWith(CUT_NOTE)).toBe(true)
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(TEXT_BYTES)
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    expect(long.startsWith(cut.slice(0, -CUT_NOTE.length))).toBe(true)
    // A lone surrogate counts as Buffer counts it (the 3 bytes of U+FFFD), so the cut stays within.
    expect(Buffer.byteLength(fitText('\ud800汉'.repeat(20), 60))).toBeLessThanOrEqual(60)
  })

  it('counts UTF-8 bytes as Buffer does', () => {
    for (const text of ['', 'abc', 'é', '汉字', '𠮷', '\ud800', 'a\udc00b', '\ud800汉'])
      expect(utf8Bytes(text), text).toBe(Buffer.byteLength(text))
  })
})

describe('start functions when the cache fails', () => {
  it('answer the failure at once when the cache cannot be written', () => {
    const env = createGasEnvironment()
    env.cacheService.user.put = () => {
      throw new Error('Service invoked too many times: cache')
    }
    const services = servicesOf(env)
    expect(startExplain(services, { tab: '样件台账', key: 'YJ-1' })).toEqual({
      ok: false,
      message: '无法取得说明：Service invoked too many times: cache',
    })
    expect(startCheckFromSidebar(services)).toEqual({
      message: '检查失败：Service invoked too many times: cache',
    })
  })

  it('keep the failure when the answer itself cannot be kept', async () => {
    const env = createGasEnvironment()
    const cache = env.cacheService.user
    const put = cache.put.bind(cache)
    let puts = 0
    cache.put = (key, value, seconds) => {
      // The pending mark goes in; the answer is refused; the failure goes in.
      if (++puts === 2) throw new Error('Argument too large: value')
      put(key, value, seconds)
    }
    const services = servicesOf(env)
    const started = startExplain(services, { tab: '样件台账', key: 'YJ-1' })
    if (!('token' in started)) throw new Error('no token')
    await new Promise((resolve) => setImmediate(resolve))
    expect(takeResult(services, started.token)).toMatchObject({
      ok: false,
      message: '无法取得说明：Argument too large: value',
    })
  })
})
