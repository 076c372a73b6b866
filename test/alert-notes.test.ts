/**
 * 处理情况 and 暂缓至 of 提醒汇总: the user's columns follow their finding (台账, 编号, 代码) across
 * checks, drop (logged) when it is gone, and a 暂缓至 of today or later shows the finding as 已暂缓
 * and counts it apart.
 */
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import type ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import { columnLetter } from '../src/core/a1'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { UnusableTabError } from '../src/core/table'
import { columnWidth, column as templateColumn, textWidth } from '../src/core/template'
import { findingsInAlerts } from '../src/hosts/gas/alerts-read-back'
import { openWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { CODE_LABELS, codeLabel } from '../src/ledgers'
import { taizhang } from './support/cli-process'
import { MemoryWorkbook } from './support/memory-workbook'
import { readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TODAY = '2026-03-05' as IsoDate
const NOW = new Date(Date.parse('2026-03-04T23:00:00Z'))
const ALERTS = TEMPLATES.alerts.name
const at = (header: string): number => TEMPLATES.alerts.columns.findIndex((c) => c.header === header)
const [SHEET, KEY, CODE, LEVEL, NOTE, UNTIL] = ['台账', '编号', '代码', '级别', '处理情况', '暂缓至'].map(
  at,
) as [number, number, number, number, number, number]

function demoWorkbook(): MemoryWorkbook {
  const port = new MemoryWorkbook()
  runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) }, NOW)
  return port
}

/** A demo .xlsx checked once through the CLI (child processes), and its 提醒汇总 as ExcelJS reads it. */
async function checkedDemoFile(): Promise<{
  file: string
  book: ExcelJS.Workbook
  sheet: ExcelJS.Worksheet
}> {
  const file = path.join(await temporaryDirectory(), '台账.xlsx')
  expect((await taizhang('init', file, '--demo')).status).toBe(0)
  expect((await taizhang('check', file, '--today', TODAY)).status).toBe(0)
  const book = await readBack(file)
  const sheet = book.getWorksheet(ALERTS)
  if (!sheet) throw new Error('no 提醒汇总')
  return { file, book, sheet }
}

function alertRows(port: MemoryWorkbook): Cell[][] {
  return (port.tabs.get(ALERTS) ?? []).slice(1)
}

function identity(row: readonly Cell[]): string {
  return [row[SHEET], row[KEY], row[CODE]].join('|')
}

/** Rows of findings with a record key whose identity is the only one of its kind, so that a note names one row. */
function uniqueRows(port: MemoryWorkbook): Cell[][] {
  const rows = alertRows(port)
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(identity(row), (counts.get(identity(row)) ?? 0) + 1)
  return rows.filter((row) => row[KEY] !== '' && counts.get(identity(row)) === 1)
}

function setCell(row: Cell[], index: number, value: Cell): void {
  while (row.length <= index) row.push(null)
  row[index] = value
}

function rowOf(port: MemoryWorkbook, id: string): Cell[] | undefined {
  return alertRows(port).find((row) => identity(row) === id)
}

async function check(port: MemoryWorkbook, today = TODAY) {
  return runCheck(port, { today, actor: 'test' }, NOW)
}

describe('处理情况 in 提醒汇总', () => {
  it('follows its finding when the user re-sorts the tab, and stays off the other rows', async () => {
    const port = demoWorkbook()
    await check(port)
    const [first, second] = uniqueRows(port)
    if (!first || !second) throw new Error('the demo has too few findings')
    setCell(first, NOTE, '王立：12/3 前送检')
    setCell(second, NOTE, '已电话通知')
    // The user sorts the tab upside down.
    const tab = port.tabs.get(ALERTS) ?? []
    port.tabs.set(ALERTS, [tab[0] ?? [], ...tab.slice(1).reverse()])
    const report = await check(port)
    expect(rowOf(port, identity(first))?.[NOTE]).toBe('王立：12/3 前送检')
    expect(rowOf(port, identity(second))?.[NOTE]).toBe('已电话通知')
    const noted = alertRows(port).filter((row) => row[NOTE] !== null && row[NOTE] !== undefined)
    expect(noted).toHaveLength(2)
    expect(report.summary).not.toContain('已暂缓')
  })

  it('keeps each note of two findings on one row with different codes', async () => {
    const port = demoWorkbook()
    await check(port)
    const rows = uniqueRows(port)
    const pair = rows.flatMap((a) =>
      rows.filter((b) => b !== a && b[SHEET] === a[SHEET] && b[KEY] === a[KEY]).map((b) => [a, b] as const),
    )[0]
    if (!pair) throw new Error('the demo has no record with two codes')
    const [a, b] = pair
    expect(a[CODE]).not.toBe(b[CODE])
    setCell(a, NOTE, `备注 ${String(a[CODE])}`)
    setCell(b, NOTE, `备注 ${String(b[CODE])}`)
    await check(port)
    expect(rowOf(port, identity(a))?.[NOTE]).toBe(`备注 ${String(a[CODE])}`)
    expect(rowOf(port, identity(b))?.[NOTE]).toBe(`备注 ${String(b[CODE])}`)
  })

  it('drops the note of a finding that is gone, and logs it', async () => {
    const port = demoWorkbook()
    await check(port)
    const tab = port.tabs.get(ALERTS) ?? []
    tab.push([
      '样件台账',
      99,
      'YJ-999',
      'SAMPLE_EXPIRED',
      '已过期',
      '警告',
      '已处理的旧提醒',
      null,
      '已送检',
      null,
    ])
    const report = await check(port)
    expect(alertRows(port).some((row) => row[KEY] === 'YJ-999')).toBe(false)
    expect(alertRows(port).some((row) => row[NOTE] === '已送检')).toBe(false)
    const log = port.tabs.get(TEMPLATES.log.name) ?? []
    expect(String(log.at(-1)?.[3])).toContain(`“${ALERTS}”中 1 格用户填写的内容因对应记录已不在而移除`)
    expect(report.findings.some((finding) => finding.key === 'YJ-999')).toBe(false)
  })
})

describe('a 提醒汇总 whose notes cannot follow their findings', () => {
  // A clerk typed over the header 代码: the rows keep their codes, but no reader can find them.
  function withCodeHeaderTypedOver(port: MemoryWorkbook): void {
    const header = port.tabs.get(ALERTS)?.[0]
    if (!header) throw new Error('no 提醒汇总')
    header[CODE] = '编码'
  }

  /** A checked demo with a note beside one finding, then 代码 typed over: the note's row is returned. */
  async function notedThenTypedOver(note: string): Promise<{ port: MemoryWorkbook; noted: Cell[] }> {
    const port = demoWorkbook()
    await check(port)
    const [noted] = uniqueRows(port)
    if (!noted) throw new Error('the demo has no findings')
    setCell(noted, NOTE, note)
    withCodeHeaderTypedOver(port)
    return { port, noted }
  }

  it('stops the check with nothing written when 处理情况 holds notes, naming the tab and the header', async () => {
    const { port, noted: first } = await notedThenTypedOver('王立：12/3 前送检')
    const before = structuredClone([...port.tabs])
    const error = await check(port).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(UnusableTabError)
    expect((error as UnusableTabError).sheet).toBe(ALERTS)
    expect((error as Error).message).toBe(
      `工作表“${ALERTS}”第 1 行找不到“代码”列，无法把“处理情况”中填写的内容对应到各条记录；` +
        '为免丢失，本次没有写入检查结果。请把该列第 1 行的表头改回“代码”后再运行',
    )
    // Nothing of the workbook changed: not the ledgers' 提醒 columns, not 提醒汇总, not 操作日志.
    expect([...port.tabs]).toEqual(before)
    // Once the header reads 代码 again, the note is still there and follows its finding.
    const header = port.tabs.get(ALERTS)?.[0]
    if (header) header[CODE] = '代码'
    await check(port)
    expect(rowOf(port, identity(first))?.[NOTE]).toBe('王立：12/3 前送检')
  })

  it('is refused by init too, which would otherwise append 代码 far from the rows’ codes', async () => {
    const { port } = await notedThenTypedOver('已送检')
    const before = structuredClone([...port.tabs])
    expect(() => runInit(port, { actor: 'test', today: TODAY }, NOW)).toThrow(
      `工作表“${ALERTS}”第 1 行找不到“代码”列`,
    )
    expect([...port.tabs]).toEqual(before)
  })

  it('rewrites the tab as before when no user column holds anything: there is nothing to lose', async () => {
    const port = demoWorkbook()
    await check(port)
    withCodeHeaderTypedOver(port)
    await check(port)
    expect(port.tabs.get(ALERTS)?.[0]?.[CODE]).toBe('代码')
    expect(alertRows(port).length).toBeGreaterThan(10)
  })

  it('leaves an .xlsx byte for byte as it was and exits 1 through the CLI', async () => {
    const { file, book, sheet } = await checkedDemoFile()
    sheet.getRow(2).getCell(NOTE + 1).value = '已电话通知'
    sheet.getRow(1).getCell(CODE + 1).value = '编码'
    await book.xlsx.writeFile(file)
    const bytes = await readFile(file)
    const run = await taizhang('check', file, '--today', TODAY)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`错误：工作表“${ALERTS}”第 1 行找不到“代码”列`)
    expect((await readFile(file)).equals(bytes)).toBe(true)
  }, 60_000)
})

describe('暂缓至 in 提醒汇总', () => {
  it('shows a finding deferred to today or later as 已暂缓 and counts it apart; a past date counts again', async () => {
    const port = demoWorkbook()
    const before = await check(port)
    const warnings = uniqueRows(port).filter((row) => row[LEVEL] === '警告')
    const [future, today, past] = warnings
    if (!future || !today || !past) throw new Error('the demo has too few warnings')
    setCell(future, UNTIL, { date: '2026-12-10' as IsoDate })
    setCell(today, UNTIL, { date: TODAY })
    setCell(past, UNTIL, { date: '2026-03-04' as IsoDate })
    const report = await check(port)
    expect(rowOf(port, identity(future))?.[LEVEL]).toBe('警告（已暂缓至 2026-12-10）')
    expect(rowOf(port, identity(today))?.[LEVEL]).toBe(`警告（已暂缓至 ${TODAY}）`)
    expect(rowOf(port, identity(past))?.[LEVEL]).toBe('警告')
    // The user's dates stay as they were typed.
    expect(rowOf(port, identity(future))?.[UNTIL]).toEqual({ date: '2026-12-10' })
    expect(rowOf(port, identity(past))?.[UNTIL]).toEqual({ date: '2026-03-04' })
    const warningsOf = (summary: string): number => Number(/警告 (\d+)/.exec(summary)?.[1])
    expect(warningsOf(report.summary)).toBe(warningsOf(before.summary) - 2)
    expect(report.summary).toContain('已暂缓 2')
    expect(report.findings).toHaveLength(before.findings.length)
    // The next day, the one deferred to today counts again.
    const tomorrow = await check(port, '2026-03-06' as IsoDate)
    expect(rowOf(port, identity(today))?.[LEVEL]).toBe('警告')
    expect(tomorrow.summary).toContain('已暂缓 1')
  })

  it('reports a 暂缓至 that is not a date, naming its row and column, and keeps it as typed', async () => {
    const port = demoWorkbook()
    const before = await check(port)
    const [row] = uniqueRows(port).filter((r) => r[LEVEL] === '警告')
    if (!row) throw new Error('the demo has no warning')
    setCell(row, UNTIL, '下周')
    const report = await check(port)
    const problem = report.findings.find((finding) => finding.sheet === ALERTS)
    expect(problem).toMatchObject({ code: 'DATA_INVALID', severity: 'error' })
    expect(problem?.message).toContain(
      `第 ${problem?.row} 行 ${columnLetter(UNTIL)} 列“暂缓至”的值“下周”不是日期`,
    )
    const rows = port.tabs.get(ALERTS) ?? []
    const noted = rows[(problem?.row ?? 0) - 1]
    expect(noted && identity(noted)).toBe(identity(row))
    expect(noted?.[UNTIL]).toBe('下周')
    expect(noted?.[LEVEL]).toBe('警告')
    expect(report.findings).toHaveLength(before.findings.length + 1)
    // The same problem on the next run, not a second one.
    const again = await check(port)
    expect(again.findings.filter((finding) => finding.sheet === ALERTS)).toEqual([problem])
  })

  it('keeps notes and deferrals across a check split over several runs', async () => {
    const port = demoWorkbook()
    await check(port)
    const [noted, deferred] = uniqueRows(port).filter((row) => row[LEVEL] === '警告')
    if (!noted || !deferred) throw new Error('the demo has too few warnings')
    setCell(noted, NOTE, '王立：12/3 前送检')
    setCell(deferred, UNTIL, { date: '2026-12-10' as IsoDate })
    const deadline = (): boolean => true
    let report = await runCheck(port, { today: TODAY, actor: 'test', deadline }, NOW)
    let runs = 1
    while (report.pending.length > 0) {
      report = await runCheck(port, { today: TODAY, actor: 'test', deadline, resume: report.progress }, NOW)
      runs += 1
    }
    expect(runs).toBeGreaterThan(2)
    expect(rowOf(port, identity(noted))?.[NOTE]).toBe('王立：12/3 前送检')
    expect(rowOf(port, identity(deferred))?.[LEVEL]).toBe('警告（已暂缓至 2026-12-10）')
    expect(report.summary).toContain('已暂缓 1')
  }, 30_000)
})

describe('提醒汇总 read back (the Apps Script fallback of a split check)', () => {
  it('reads a deferred finding with its severity, and not the rows that only hold entries', () => {
    const header = TEMPLATES.alerts.columns.map((c) => c.header)
    const port = new MemoryWorkbook({
      [ALERTS]: [
        header,
        [
          '样件台账',
          3,
          'YJ-1',
          'SAMPLE_EXPIRED',
          '已过期',
          '警告（已暂缓至 2026-12-10）',
          '已过期',
          null,
          '送检中',
          { date: '2026-12-10' as IsoDate },
        ],
        ['客户档案', null, 'KH-1', 'VIP_TIER_MISMATCH', null, null, '检查尚未完成', null, '已电话通知', null],
      ],
    })
    expect(findingsInAlerts(port)).toEqual([
      {
        sheet: '样件台账',
        row: 3,
        key: 'YJ-1',
        code: 'SAMPLE_EXPIRED',
        severity: 'warning',
        message: '已过期',
        due: null,
      },
    ])
  })
})

describe('事项 in 提醒汇总: the Chinese label of each code', () => {
  it('stands right after 代码 in the template and says what each code means', async () => {
    expect(TEMPLATES.alerts.columns.map((c) => c.header).slice(at('代码'), at('代码') + 2)).toEqual([
      '代码',
      '事项',
    ])
    // Wide enough for the longest label (期限按周一至周五推算).
    const widest = Math.max(...[...CODE_LABELS.values()].map(textWidth))
    expect(columnWidth(templateColumn(TEMPLATES.alerts, '事项'))).toBeGreaterThanOrEqual(widest)
    const port = demoWorkbook()
    await check(port)
    const rows = alertRows(port)
    const labelOf = (code: string) => rows.find((row) => row[CODE] === code)?.[at('事项')]
    expect(labelOf('SAMPLE_EXPIRED')).toBe('已过期')
    expect(labelOf('VIP_TIER_MISMATCH')).toBe('VIP等级待复核')
    expect(labelOf('DATA_INVALID')).toBe('数据有误')
    // Every row names its code in words.
    expect(rows.filter((row) => !row[at('事项')]).map((row) => row[CODE])).toEqual([])
  })

  it('is appended to an .xlsx 提醒汇总 laid out before it; the notes stay beside their findings', async () => {
    const { file, book, sheet } = await checkedDemoFile()
    // The layout of the version before 事项: 台账 行 编号 代码 级别 说明 期限 处理情况 暂缓至.
    sheet.spliceColumns(at('事项') + 1, 1)
    const old = ['台账', '行', '编号', '代码', '级别', '说明', '期限', '处理情况', '暂缓至']
    expect(old.map((_, index) => sheet.getRow(1).getCell(index + 1).value)).toEqual(old)
    const noted: string[] = []
    sheet.eachRow((row, number) => {
      if (number === 1 || noted.length >= 2 || !row.getCell(3).value) return
      const id = [1, 3, 4].map((column) => String(row.getCell(column).value ?? '')).join('|')
      row.getCell(8).value = `备注 ${noted.length + 1}`
      noted.push(id)
    })
    await book.xlsx.writeFile(file)
    const run = await taizhang('check', file, '--today', TODAY)
    expect(run, run.stderr).toMatchObject({ status: 0 })
    const table = (await openWorkbookFile(file)).readTab(ALERTS)
    if (!table) throw new Error('no 提醒汇总')
    // The old columns stay where they were; 事项 is appended after them.
    expect(table.header).toEqual([...old, '事项'])
    const byId = (id: string) =>
      table.rows.filter((row) => [0, 2, 3].map((column) => String(row[column] ?? '')).join('|') === id)
    noted.forEach((id, index) => {
      expect(byId(id).map((row) => row[7])).toContain(`备注 ${index + 1}`)
    })
    expect(table.rows.filter((row) => String(row[7] ?? '').startsWith('备注'))).toHaveLength(noted.length)
    // Every finding's row has its label in 事项, the words of the 提醒 cells.
    expect(table.rows.length).toBeGreaterThan(10)
    for (const row of table.rows) expect(row[9], String(row[3])).toBe(codeLabel(String(row[3])))
    expect(table.rows.map((row) => row[9])).toContain('数据有误')
  }, 60_000)
})

describe('处理情况 and 暂缓至 through the CLI on an .xlsx', () => {
  it('keeps the note and the date (a date cell) and exits 0 with the deferral counted apart', async () => {
    const { file, book, sheet } = await checkedDemoFile()
    let target = 0
    sheet.eachRow((row, number) => {
      if (target === 0 && number > 1 && row.getCell(LEVEL + 1).value === '警告' && row.getCell(KEY + 1).value)
        target = number
    })
    const id = [SHEET, KEY, CODE].map((index) => String(sheet.getRow(target).getCell(index + 1).value ?? ''))
    sheet.getRow(target).getCell(NOTE + 1).value = '王立：12/3 前送检'
    sheet.getRow(target).getCell(UNTIL + 1).value = new Date(Date.UTC(2026, 11, 10))
    await book.xlsx.writeFile(file)
    const run = await taizhang('check', file, '--today', TODAY)
    expect(run, run.stderr).toMatchObject({ status: 0 })
    expect(run.stdout + run.stderr).toContain('已暂缓 1')
    const port = await openWorkbookFile(file)
    const rows = port.readTab(ALERTS)?.rows ?? []
    const written = rows.find((row) =>
      [SHEET, KEY, CODE].every((index, i) => String(row[index] ?? '') === id[i]),
    )
    expect(written?.[NOTE]).toBe('王立：12/3 前送检')
    expect(written?.[UNTIL]).toEqual({ date: '2026-12-10' })
    expect(written?.[LEVEL]).toBe('警告（已暂缓至 2026-12-10）')
  }, 60_000)
})
