/**
 * A check done in several runs (Apps Script ends an execution after 6 minutes): each run checks the
 * ledgers it has time for, writes them, and the next run continues; the workbook it ends with is the
 * one a single uninterrupted check writes. Clocks are fakes: no test waits or measures time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { CheckProgress } from '../src/app/types'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { loadProgress, PROGRESS_PROPERTY } from '../src/hosts/gas/check-progress'
import { createHandlers } from '../src/hosts/gas/handlers'
import { CHECK_TIME_BUDGET_MS } from '../src/hosts/gas/resumable-check'
import type { GasServices } from '../src/hosts/gas/services'
import { CONTINUE_AFTER_MS, CONTINUE_HANDLER } from '../src/hosts/gas/triggers'
import { LEDGERS } from '../src/ledgers'
import { bundleSource, loadGasBundle } from './support/gas-bundle'
import { demoSpreadsheet } from './support/gas-digest-environment'
import {
  createGasEnvironment,
  type FakeSheet,
  type GasEnvironment,
  PROPERTY_STORE_LIMIT,
} from './support/gas-fakes'
import { servicesOf } from './support/gas-services'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-03-05' as IsoDate
/** 2026-03-05 07:00 in Asia/Shanghai, when the daily trigger fires. */
const SEVEN_AM = Date.parse('2026-03-04T23:00:00Z')
const NOW = new Date(SEVEN_AM)

/** Tabs of the ledger groups in the order the check runs them (ledgers sharing a tab run together). */
const ALERT_HEADERS = TEMPLATES.alerts.columns.map((column) => column.header)
const LEVEL = ALERT_HEADERS.indexOf('级别')
const MESSAGE = ALERT_HEADERS.indexOf('说明')
const LABEL = ALERT_HEADERS.indexOf('事项')
const NOTE = ALERT_HEADERS.indexOf('处理情况')

/** 提醒汇总 as a version before the 事项 column wrote it: the same rows without that column. */
function withoutLabelColumn(rows: unknown[][]): unknown[][] {
  return rows.map((row) => row.filter((_, column) => column !== LABEL))
}

const UNITS = [...new Set(LEDGERS.flatMap((ledger) => (ledger.check ? [ledger.check.tab.name] : [])))]

function demoWorkbook(): MemoryWorkbook {
  const port = new MemoryWorkbook()
  runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
  return port
}

function tabsWithoutLog(port: MemoryWorkbook): Map<string, Cell[][]> {
  return new Map([...port.tabs].filter(([name]) => name !== TEMPLATES.log.name))
}

/** The 操作日志 lines of checks (init writes one too). */
function checkLogLines(workbook: MemoryWorkbook | GasEnvironment): unknown[][] {
  const log =
    workbook instanceof MemoryWorkbook
      ? workbook.tabs.get(TEMPLATES.log.name)
      : workbook.spreadsheet.sheet(TEMPLATES.log.name).snapshot()
  return (log ?? []).slice(1).filter((line) => String(line[1]).startsWith('检查'))
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
    // Each run's progress holds all found so far: what it wrote into 提醒汇总.
    for (const run of runs) expect(run.progress.findings).toEqual(run.findings)
    expect(runs.map((run) => run.progress.done.length)).toEqual(UNITS.map((_, index) => index + 1))
    expect(runs.map((run) => run.pending.length)).toEqual(UNITS.map((_, index) => UNITS.length - index - 1))
    expect(tabsWithoutLog(split)).toEqual(tabsWithoutLog(whole))
    expect(report.findings).toEqual(complete.findings)
    expect(report.progress.findings).toEqual(complete.findings)
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
    const stale: CheckProgress = {
      today: '2026-03-04' as IsoDate,
      done: UNITS.slice(0, 2),
      records: {},
      findings: [],
    }
    const report = await runCheck(port, { today: TODAY, actor: 'test', resume: stale }, NOW)
    expect(report.progress.done).toEqual(UNITS)
    expect(report.pending).toEqual([])
  })

  it('continues with the findings of its progress, not with 提醒汇总, whatever the user did to it', async () => {
    const whole = demoWorkbook()
    const complete = await runCheck(whole, { today: TODAY, actor: 'test' }, NOW)
    const split = demoWorkbook()
    const deadline = (): boolean => true
    let report = await runCheck(split, { today: TODAY, actor: 'test', deadline }, NOW)
    while (report.pending.length > 0) {
      // 提醒汇总 is read for the user's 处理情况 and 暂缓至 only: emptied, it changes no finding.
      split.tabs.set(TEMPLATES.alerts.name, [])
      report = await runCheck(split, { today: TODAY, actor: 'test', deadline, resume: report.progress }, NOW)
    }
    expect(report.findings).toEqual(complete.findings)
    expect(split.tabs.get(TEMPLATES.alerts.name)).toEqual(whole.tabs.get(TEMPLATES.alerts.name))
  }, 30_000)

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

function continuations(env: GasEnvironment): number[] {
  return env.scriptApp.triggers
    .filter((trigger) => trigger.handler === CONTINUE_HANDLER)
    .map((trigger) => trigger.schedule.after ?? -1)
}

/** The document properties the progress is kept in. */
function progressKeys(env: GasEnvironment): string[] {
  return env.properties.document.getKeys().filter((key) => key.startsWith(PROGRESS_PROPERTY))
}

function alertsOf(env: GasEnvironment): unknown[][] {
  return env.spreadsheet.sheet(TEMPLATES.alerts.name).snapshot()
}

/** Runs the continuations a check scheduled, `between` before each, until the check is complete. */
async function continueToTheEnd(
  env: GasEnvironment,
  services: GasServices,
  between: (env: GasEnvironment) => void = () => undefined,
): Promise<number> {
  const handlers = createHandlers(services)
  let runs = 1
  while (continuations(env).length > 0) {
    between(env)
    await handlers.continueCheck()
    runs += 1
    expect(runs).toBeLessThanOrEqual(2 * UNITS.length)
  }
  return runs
}

/** The workbook a check in several runs must end with: that of one whole check. */
async function expectTheWholeCheck(env: GasEnvironment): Promise<void> {
  const whole = demoSpreadsheet()
  await createHandlers(tickingServices(whole, 0).services).dailyCheck()
  expect(alertsOf(env)).toEqual(alertsOf(whole))
  for (const name of UNITS) {
    expect(env.spreadsheet.sheet(name).snapshot(), name).toEqual(whole.spreadsheet.sheet(name).snapshot())
  }
}

/** Writes the rows into the sheet with setValues, as a user's edit ends up. */
function rewrite(sheet: FakeSheet, rows: unknown[][]): void {
  sheet.clearContents()
  const width = Math.max(...rows.map((row) => row.length))
  if (rows.length > 0) sheet.getRange(1, 1, rows.length, width).setValues(rows)
}

describe('the daily check against the Apps Script time limit (fake clock)', () => {
  // The handlers report to the Apps Script log (console): kept out of the test output.
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('a check inside the budget runs whole and leaves no progress or continuation behind', async () => {
    const env = demoSpreadsheet()
    await createHandlers(tickingServices(env, 1000).services).dailyCheck()
    expect(continuations(env)).toEqual([])
    expect(progressKeys(env)).toEqual([])
  })

  it('stops before the budget, keeps its progress and findings, continues a minute later and ends as one whole check', async () => {
    const env = demoSpreadsheet()
    // Each reading of the clock is a minute later: the budget runs out after a few ledgers.
    const { services, clock } = tickingServices(env, 60_000)
    await createHandlers(services).dailyCheck()
    expect(continuations(env)).toEqual([CONTINUE_AFTER_MS])
    const kept = loadProgress(env.properties.document, env.utilities, TODAY)
    expect(kept?.today).toBe(TODAY)
    expect(kept?.done.length).toBeGreaterThan(0)
    expect(kept?.done.length).toBeLessThan(UNITS.length)
    // The progress holds what the run wrote into 提醒汇总.
    expect(kept?.findings?.length).toBeGreaterThan(0)
    expect(kept?.findings).toHaveLength(alertsOf(env).length - 1)
    const runs = await continueToTheEnd(env, services)
    expect(runs).toBeGreaterThan(1)
    expect(clock() - SEVEN_AM).toBeGreaterThan(CHECK_TIME_BUDGET_MS)
    expect(progressKeys(env)).toEqual([])
    expect(env.lockService.lock).toMatchObject({ acquired: runs, released: runs, held: false })
    await expectTheWholeCheck(env)
  }, 30_000)

  it.each<[string, (rows: unknown[][]) => unknown[][]]>([
    ['clears', () => []],
    ['keeps only the header of', (rows) => rows.slice(0, 1)],
    ['sorts', (rows) => [rows[0] ?? [], ...rows.slice(1).reverse()]],
    ['deletes rows of', (rows) => rows.filter((_, index) => index % 2 === 0)],
    [
      'relabels and rewords',
      (rows) => [
        rows[0] ?? [],
        ...rows
          .slice(1)
          .map((row) => row.map((cell, c) => (c === LEVEL ? '提示' : c === MESSAGE ? '已处理' : cell))),
      ],
    ],
  ])(
    'a user who %s 提醒汇总 between the runs does not change what the check ends with',
    async (_, edit) => {
      const env = demoSpreadsheet()
      const { services } = tickingServices(env, 60_000)
      await createHandlers(services).dailyCheck()
      const alerts = env.spreadsheet.sheet(TEMPLATES.alerts.name)
      await continueToTheEnd(env, services, () => rewrite(alerts, edit(alerts.snapshot())))
      await expectTheWholeCheck(env)
    },
    30_000,
  )

  it('an 提醒汇总 laid out before 事项 (with a note) is read back by the continuation; the note stays with its finding', async () => {
    const env = demoSpreadsheet()
    const properties = env.properties.document
    // As below: no room for the findings, so the continuation reads them back from 提醒汇总.
    let index = 0
    while (PROPERTY_STORE_LIMIT - properties.bytes() > 1_500 + 8_000) {
      properties.setProperty(`another.tool.${index++}`, 'x'.repeat(8_000))
    }
    properties.setProperty('another.tool.last', 'x'.repeat(PROPERTY_STORE_LIMIT - properties.bytes() - 1_520))
    const { services } = tickingServices(env, 60_000)
    await createHandlers(services).dailyCheck()
    expect(loadProgress(properties, env.utilities, TODAY)?.findings).toBeNull()
    const alerts = env.spreadsheet.sheet(TEMPLATES.alerts.name)
    const noted = alerts.snapshot().findIndex((row, at) => at > 0 && row[LEVEL] === '错误')
    const id = (row: unknown[] | undefined) => [row?.[0], row?.[2], row?.[3]].join('|')
    const identity = id(alerts.snapshot()[noted])
    let edited = false
    await continueToTheEnd(env, services, () => {
      if (edited) return
      edited = true
      const rows = alerts.snapshot()
      const old = withoutLabelColumn(rows)
      const note = ALERT_HEADERS.indexOf('处理情况') - 1
      const row = old[noted] ?? []
      row[note] = '王立：12/3 前送检'
      rewrite(alerts, old)
    })
    const after = alerts.snapshot()
    expect(after[0]).toEqual(ALERT_HEADERS)
    const rows = after.filter((row) => id(row) === identity)
    expect(rows.map((row) => row[NOTE])).toContain('王立：12/3 前送检')
    expect(after.filter((row) => row[NOTE] === '王立：12/3 前送检')).toHaveLength(1)
    // Apart from the note, the check ends as one whole check would.
    const cleared = after.map((row) =>
      row.map((cell, column) => (column === NOTE && cell === '王立：12/3 前送检' ? '' : cell)),
    )
    const whole = demoSpreadsheet()
    await createHandlers(tickingServices(whole, 0).services).dailyCheck()
    expect(cleared).toEqual(alertsOf(whole))
  }, 30_000)

  it('findings the document properties have no room for are read back from 提醒汇总 by the continuation', async () => {
    const env = demoSpreadsheet()
    const properties = env.properties.document
    // Another tool's properties leave room for the header of the progress, not for its findings.
    let index = 0
    while (PROPERTY_STORE_LIMIT - properties.bytes() > 1_500 + 8_000) {
      properties.setProperty(`another.tool.${index++}`, 'x'.repeat(8_000))
    }
    properties.setProperty('another.tool.last', 'x'.repeat(PROPERTY_STORE_LIMIT - properties.bytes() - 1_520))
    const { services } = tickingServices(env, 60_000)
    await createHandlers(services).dailyCheck()
    expect(continuations(env)).toEqual([CONTINUE_AFTER_MS])
    const kept = loadProgress(properties, env.utilities, TODAY)
    expect(kept?.done.length).toBeGreaterThan(0)
    expect(kept?.findings).toBeNull()
    await continueToTheEnd(env, services)
    expect(progressKeys(env)).toEqual([])
    expect(properties.getProperty('another.tool.last')).not.toBeNull()
    await expectTheWholeCheck(env)
  }, 30_000)

  it.each<[string, (env: GasEnvironment) => void, boolean]>([
    [
      'a damaged chunk',
      (env) => env.properties.document.setProperty(`${PROGRESS_PROPERTY}.0`, 'H4sI####'),
      true,
    ],
    ['a missing chunk', (env) => env.properties.document.deleteProperty(`${PROGRESS_PROPERTY}.0`), true],
    [
      'a header that is not JSON',
      (env) => env.properties.document.setProperty(PROGRESS_PROPERTY, '{"today":'),
      true,
    ],
    [
      'yesterday’s progress',
      (env) => {
        const header = JSON.parse(env.properties.document.getProperty(PROGRESS_PROPERTY) ?? '{}')
        env.properties.document.setProperty(
          PROGRESS_PROPERTY,
          JSON.stringify({ ...header, today: '2026-03-04' }),
        )
      },
      false,
    ],
  ])(
    'a continuation that finds %s starts today’s check afresh and ends as one whole check',
    async (_, damage, warns) => {
      const env = demoSpreadsheet()
      const { services } = tickingServices(env, 60_000)
      await createHandlers(services).dailyCheck()
      damage(env)
      await continueToTheEnd(env, services)
      // The first continuation did what the daily check did, from the first ledger group on.
      const summaries = checkLogLines(env).map((line) => String(line[3]))
      expect(summaries[0]).toContain('尚未检查')
      expect(summaries[1]).toBe(summaries[0])
      expect(vi.mocked(console.warn).mock.calls.length > 0).toBe(warns)
      expect(env.console.lines.filter((line) => line.level === 'error')).toEqual([])
      expect(progressKeys(env)).toEqual([])
      await expectTheWholeCheck(env)
    },
    30_000,
  )

  it('a new daily check does not resume yesterday’s unfinished one', async () => {
    const env = demoSpreadsheet()
    env.properties.document.setProperty(
      PROGRESS_PROPERTY,
      JSON.stringify({ today: '2026-03-04', done: UNITS.slice(0, 3), records: {} }),
    )
    await createHandlers(tickingServices(env, 0).services).dailyCheck()
    expect(progressKeys(env)).toEqual([])
    const sheets = new Set(
      alertsOf(env)
        .slice(1)
        .map((row) => row[0]),
    )
    expect(sheets.has(TEMPLATES.samples.name)).toBe(true)
  })

  it('the bundle exposes the continuation as a top-level function, as the trigger needs', () => {
    const bundle = loadGasBundle(createGasEnvironment(), { source: bundleSource() })
    expect(bundle.typeOf(CONTINUE_HANDLER)).toBe('function')
  })

  it('the bundle continues from the progress and findings kept in the document properties', async () => {
    const env = demoSpreadsheet()
    await createHandlers(tickingServices(env, 60_000).services).dailyCheck()
    expect(loadProgress(env.properties.document, env.utilities, TODAY)?.findings?.length).toBeGreaterThan(0)
    rewrite(env.spreadsheet.sheet(TEMPLATES.alerts.name), [])
    // A stopped clock: the continuation finishes in one run.
    const bundle = loadGasBundle(env, { now: new Date(SEVEN_AM + CONTINUE_AFTER_MS), source: bundleSource() })
    await bundle.call(CONTINUE_HANDLER, {})
    expect(progressKeys(env)).toEqual([])
    expect(env.console.lines.filter((line) => line.level !== 'log')).toEqual([])
    await expectTheWholeCheck(env)
  }, 60_000)
})
