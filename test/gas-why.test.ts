/**
 * The sidebar's 为什么 in the built Apps Script bundle: explainFinding (for google.script.run) reads
 * the sheets, explains a record as `taizhang why` does, and writes nothing; the page gets it through
 * startExplain and takeResult.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { bundleSource, type LoadedBundle, loadGasBundle } from './support/gas-bundle'
import { createGasEnvironment, type GasEnvironment } from './support/gas-fakes'

/** 2026-03-05 08:30 in Asia/Shanghai. */
const NOW = new Date('2026-03-05T00:30:00Z')
const SAMPLE_HEADERS = TEMPLATES.samples.columns.map((column) => column.header)

let source: string
beforeAll(() => {
  source = bundleSource()
}, 120_000)

function environment(): GasEnvironment {
  const env = createGasEnvironment()
  const row = (fields: Record<string, string>) => SAMPLE_HEADERS.map((header) => fields[header] ?? '')
  env.spreadsheet.addSheet(TEMPLATES.samples.name, [
    SAMPLE_HEADERS,
    row({
      样件编号: 'YJ-1',
      样件名称: '前门铰链',
      样件性质: '标准样件',
      材料类别: '塑料件',
      确认日期: '2025-08-31',
      状态: '在用',
    }),
  ])
  env.spreadsheet.addSheet(TEMPLATES.inspections.name, [
    TEMPLATES.inspections.columns.map((column) => column.header),
  ])
  return env
}

describe('explainFinding (Apps Script)', () => {
  it('answers with the explanation and its text, writing nothing', async () => {
    const env = environment()
    const before = JSON.stringify(env.spreadsheet.sheets.map((sheet) => sheet.headerRow()))
    const answer = (await loadGasBundle(env, { now: NOW, source }).call('explainFinding', {
      tab: '样件台账',
      key: 'yj-1',
    })) as { ok: boolean; text: string; explanation: { records: { findings: { code: string }[] }[] } }
    expect(answer.ok).toBe(true)
    expect(answer.explanation.records[0]?.findings.map((finding) => finding.code)).toEqual(['SAMPLE_EXPIRED'])
    expect(answer.text).toContain(
      '有效期至 2026-02-28 = 确认日期 2025-08-31 + 6 个月（塑料件，参数“有效期(月)-塑料件”=6（默认），标准样件管理规定 4.3），月末对齐',
    )
    // A plain object google.script.run can hand to the page.
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer)
    expect(JSON.stringify(env.spreadsheet.sheets.map((sheet) => sheet.headerRow()))).toBe(before)
    const writes = Object.keys(env.calls.byMethod()).filter((method) =>
      /\.(set|insert|append|delete|clear)/.test(method),
    )
    expect(writes).toEqual([])
    expect(env.calls.total, 'the stand-ins count the reads').toBeGreaterThan(0)
    expect(env.spreadsheet.sheets.map((sheet) => sheet.getName())).toEqual(['样件台账', '样件检验记录'])
  })

  it('an unknown id is a message, not an exception', async () => {
    const answer = await loadGasBundle(environment(), { now: NOW, source }).call('explainFinding', {
      tab: '样件台账',
      key: 'YJ-2',
    })
    expect(answer).toEqual({ ok: false, message: '“样件台账”中没有编号为“YJ-2”的记录；相近的编号：YJ-1' })
    expect(await loadGasBundle(environment(), { now: NOW, source }).call('explainFinding')).toMatchObject({
      ok: false,
    })
  })
})

/**
 * How the page really asks 为什么 (commands/sidebar-answers.ts): startExplain answers a token at once,
 * the explanation is made in the continuations Apps Script runs before the execution ends, and
 * takeResult hands it over once. Only the user's cache is written, never the spreadsheet.
 */
describe('startExplain → takeResult (Apps Script)', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve))
  const sync = (loaded: LoadedBundle, name: string, ...args: unknown[]): unknown =>
    (loaded.context[name] as (...values: unknown[]) => unknown)(...args)

  it('answers a token, then the text of the explanation, writing nothing to the spreadsheet', async () => {
    const env = environment()
    const before = JSON.stringify(env.spreadsheet.sheets.map((sheet) => sheet.headerRow()))
    const loaded = loadGasBundle(env, { now: NOW, source })
    const started = sync(loaded, 'startExplain', { tab: '样件台账', key: 'yj-1' }) as { token: string }
    expect(JSON.parse(JSON.stringify(started))).toEqual({ token: expect.any(String) })
    expect(sync(loaded, 'takeResult', started.token)).toEqual({ pending: true })
    await settle()
    const answer = sync(loaded, 'takeResult', started.token) as { ok: boolean; text: string }
    expect(Object.keys(answer)).toEqual(['ok', 'text'])
    expect(answer.ok).toBe(true)
    expect(answer.text).toContain('有效期至 2026-02-28 = 确认日期 2025-08-31 + 6 个月')
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer)
    expect(sync(loaded, 'takeResult', started.token)).toEqual({ missing: true })
    expect(env.cacheService.user.liveKeys()).toEqual([])
    expect(JSON.stringify(env.spreadsheet.sheets.map((sheet) => sheet.headerRow()))).toBe(before)
    const writes = Object.keys(env.calls.byMethod()).filter((method) =>
      /\.(set|insert|append|delete|clear)/.test(method),
    )
    expect(writes).toEqual([])
  })

  it('an unusable request is answered at once; an unknown id is the message taken', async () => {
    const env = environment()
    const loaded = loadGasBundle(env, { now: NOW, source })
    expect(sync(loaded, 'startExplain')).toEqual({
      ok: false,
      message: '请指明工作表和编号（例如 样件台账、YJ-001）',
    })
    expect(sync(loaded, 'startExplain', { tab: '样件台账', key: 7 })).toMatchObject({ ok: false })
    expect(env.cacheService.user.calls).toEqual([])
    const { token } = sync(loaded, 'startExplain', { tab: '样件台账', key: 'YJ-2' }) as { token: string }
    await settle()
    expect(sync(loaded, 'takeResult', token)).toEqual({
      ok: false,
      message: '“样件台账”中没有编号为“YJ-2”的记录；相近的编号：YJ-1',
    })
  })
})
