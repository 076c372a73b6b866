/**
 * A check done in several runs (Apps Script ends an execution after 6 minutes): each run checks the
 * ledgers it has time for, writes them, and the next run continues; the workbook it ends with is the
 * one a single uninterrupted check writes. Clocks are fakes: no test waits or measures time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TEMPLATES } from '../sheets-templates'
import { runCheck } from '../src/app/check'
import { runInit } from '../src/app/init'
import { LEDGER_CHECKS } from '../src/app/ledgers'
import type { CheckProgress } from '../src/app/types'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { demoRows } from '../src/demo/demo-data'
import { createHandlers } from '../src/hosts/gas/handlers'
import { CHECK_TIME_BUDGET_MS, PROGRESS_PROPERTY, readProgress } from '../src/hosts/gas/resumable-check'
import type { GasServices } from '../src/hosts/gas/services'
import { SheetsWorkbook } from '../src/hosts/gas/sheets-workbook'
import { CONTINUE_AFTER_MS, CONTINUE_HANDLER } from '../src/hosts/gas/triggers'
import { bundleSource, loadGasBundle } from './support/gas-bundle'
import {
  createGasEnvironment,
  FakeDataValidationBuilder,
  FakeProperties,
  type GasEnvironment,
} from './support/gas-fakes'
import { servicesOf } from './support/gas-services'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-03-05' as IsoDate
/** 2026-03-05 07:00 in Asia/Shanghai, when the daily trigger fires. */
const SEVEN_AM = Date.parse('2026-03-04T23:00:00Z')
const NOW = new Date(SEVEN_AM)

/** Tabs of the ledger groups in the order the check runs them (ledgers sharing a tab run together). */
const UNITS = [...new Set(LEDGER_CHECKS.map((ledger) => ledger.tab.name))]

function demoWorkbook(): MemoryWorkbook {
  const port = new MemoryWorkbook()
  runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
  return port
}

function tabsWithoutLog(port: MemoryWorkbook): Map<string, Cell[][]> {
  return new Map([...port.tabs].filter(([name]) => name !== TEMPLATES.log.name))
}

/** The 操作日志 lines of checks (init writes one too). */
function checkLogLines(port: MemoryWorkbook): Cell[][] {
  return (port.tabs.get(TEMPLATES.log.name) ?? [])
    .slice(1)
    .filter((line) => String(line[1]).startsWith('检查'))
}

describe('runCheck in several runs', () => {
  it('needs several ledger groups for these tests to mean anything', () => {
    expect(UNITS.length).toBeGreaterThan(2)
  })

  it('checks one ledger group per run when time is always up, and ends with the workbook of one whole check', async () => {
    const whole = demoWorkbook()
    const complete = await runCheck(whole, { today: TODAY, actor: 'test' }, NOW)
    expect(complete.pending).toEqual([])
    expect(complete.progress.done).toEqual(UNITS)

    const split = demoWorkbook()
    const deadline = (): boolean => true
    let report = await runCheck(split, { today: TODAY, actor: 'test', deadline }, NOW)
    const runs = [report]
    while (report.pending.length > 0) {
      report = await runCheck(split, { today: TODAY, actor: 'test', deadline, resume: report.progress }, NOW)
      runs.push(report)
      expect(runs.length).toBeLessThanOrEqual(UNITS.length)
    }
    expect(runs.map((run) => run.progress.done.length)).toEqual(UNITS.map((_, index) => index + 1))
    expect(runs.map((run) => run.pending.length)).toEqual(UNITS.map((_, index) => UNITS.length - index - 1))
    expect(tabsWithoutLog(split)).toEqual(tabsWithoutLog(whole))
    expect(report.findings).toEqual(complete.findings)
    expect(report.summary).toBe(complete.summary)
    // Every run says in 操作日志 what it did and what is left.
    const lines = checkLogLines(split)
    expect(lines).toHaveLength(UNITS.length)
    for (const [index, line] of lines.entries()) {
      const last = index === lines.length - 1
      expect(String(line[3])).toContain(last ? '已检查' : `尚未检查：${UNITS.slice(index + 1).join('、')}`)
    }
  })

  it('stops only at a ledger group boundary, when the deadline says so', async () => {
    const port = demoWorkbook()
    let asked = 0
    const report = await runCheck(port, { today: TODAY, actor: 'test', deadline: () => ++asked > 2 }, NOW)
    expect(report.progress.done).toEqual(UNITS.slice(0, 3))
    expect(report.pending).toEqual(UNITS.slice(3))
  })

  it('does not resume the progress of another day: that check starts afresh', async () => {
    const port = demoWorkbook()
    const stale: CheckProgress = { today: '2026-03-04' as IsoDate, done: UNITS.slice(0, 2), records: {} }
    const report = await runCheck(port, { today: TODAY, actor: 'test', resume: stale }, NOW)
    expect(report.progress.done).toEqual(UNITS)
    expect(report.pending).toEqual([])
  })

  it('writes the owned columns of the ledgers done so far and keeps the rest of 提醒汇总 for later', async () => {
    const port = demoWorkbook()
    const report = await runCheck(port, { today: TODAY, actor: 'test', deadline: () => true }, NOW)
    const alerts = (port.tabs.get(TEMPLATES.alerts.name) ?? []).slice(1)
    const sheets = new Set(alerts.map((row) => row[0]))
    // Only findings of the first group's tabs (and of tabs every run reads, such as 参数) so far.
    expect(sheets.has(TEMPLATES.samples.name)).toBe(true)
    expect(report.pending).toContain(TEMPLATES.visits.name)
    expect(sheets.has(TEMPLATES.visits.name)).toBe(false)
    expect(port.writes.some((write) => write === `columns:${TEMPLATES.samples.name}`)).toBe(true)
    expect(port.writes.some((write) => write === `columns:${TEMPLATES.visits.name}`)).toBe(false)
  })
})

/** Services over the fakes whose clock moves on by `step` milliseconds each time it is read. */
function tickingServices(env: GasEnvironment, step: number): { services: GasServices; clock: () => number } {
  let now = SEVEN_AM
  return {
    clock: () => now,
    services: servicesOf(env, {
      now: () => {
        const instant = new Date(now)
        now += step
        return instant
      },
    }),
  }
}

function demoSpreadsheet(): GasEnvironment {
  const env = createGasEnvironment()
  const workbook = new SheetsWorkbook(env.spreadsheet, () => new FakeDataValidationBuilder(env.calls))
  runInit(workbook, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
  return env
}

function continuations(env: GasEnvironment): number[] {
  return env.scriptApp.triggers
    .filter((trigger) => trigger.handler === CONTINUE_HANDLER)
    .map((trigger) => trigger.schedule.after ?? -1)
}

describe('the daily check against the Apps Script time limit (fake clock)', () => {
  // The handlers report to the Apps Script log (console): kept out of the test output.
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('a check inside the budget runs whole and leaves no progress or continuation behind', async () => {
    const env = demoSpreadsheet()
    await createHandlers(tickingServices(env, 1000).services).dailyCheck()
    expect(continuations(env)).toEqual([])
    expect(env.properties.document.getProperty(PROGRESS_PROPERTY)).toBeNull()
  })

  it('stops before the budget, keeps its progress, continues a minute later and ends as one whole check', async () => {
    const whole = demoSpreadsheet()
    await createHandlers(tickingServices(whole, 0).services).dailyCheck()

    const env = demoSpreadsheet()
    // Each reading of the clock is a minute later: the budget runs out after a few ledgers.
    const { services, clock } = tickingServices(env, 60_000)
    const handlers = createHandlers(services)
    await handlers.dailyCheck()
    expect(continuations(env)).toEqual([CONTINUE_AFTER_MS])
    const kept = readProgress(env.properties.document)
    expect(kept?.today).toBe(TODAY)
    expect(kept?.done.length).toBeGreaterThan(0)
    expect(kept?.done.length).toBeLessThan(UNITS.length)
    let runs = 1
    while (continuations(env).length > 0) {
      await handlers.continueCheck()
      runs += 1
      expect(runs).toBeLessThanOrEqual(UNITS.length)
    }
    expect(runs).toBeGreaterThan(1)
    expect(clock() - SEVEN_AM).toBeGreaterThan(CHECK_TIME_BUDGET_MS)
    expect(env.properties.document.getProperty(PROGRESS_PROPERTY)).toBeNull()
    expect(env.lockService.lock).toMatchObject({ acquired: runs, released: runs, held: false })
    const alerts = (e: GasEnvironment): unknown[][] => e.spreadsheet.sheet(TEMPLATES.alerts.name).snapshot()
    expect(alerts(env)).toEqual(alerts(whole))
    for (const name of UNITS) {
      expect(env.spreadsheet.sheet(name).snapshot(), name).toEqual(whole.spreadsheet.sheet(name).snapshot())
    }
  })

  it('a new daily check does not resume yesterday’s unfinished one', async () => {
    const env = demoSpreadsheet()
    env.properties.document.setProperty(
      PROGRESS_PROPERTY,
      JSON.stringify({ today: '2026-03-04', done: UNITS.slice(0, 3), records: {} }),
    )
    await createHandlers(tickingServices(env, 0).services).dailyCheck()
    expect(env.properties.document.getProperty(PROGRESS_PROPERTY)).toBeNull()
    const sheets = new Set(
      env.spreadsheet
        .sheet(TEMPLATES.alerts.name)
        .snapshot()
        .slice(1)
        .map((row) => row[0]),
    )
    expect(sheets.has(TEMPLATES.samples.name)).toBe(true)
  })

  it('the bundle exposes the continuation as a top-level function, as the trigger needs', () => {
    const bundle = loadGasBundle(createGasEnvironment(), { source: bundleSource() })
    expect(bundle.typeOf(CONTINUE_HANDLER)).toBe('function')
  })

  it.each([
    ['not JSON', '{'],
    ['another shape', JSON.stringify({ today: 'yesterday', done: 'all' })],
    ['a number where a count goes', JSON.stringify({ today: TODAY, done: [], records: { 样件台账: 'x' } })],
  ])('ignores progress that is %s', (_, text) => {
    const properties = new FakeProperties()
    properties.setProperty(PROGRESS_PROPERTY, text)
    expect(readProgress(properties)).toBeUndefined()
  })
})
