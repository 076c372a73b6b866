/**
 * The 今日提醒 sidebar's server functions in the built Apps Script bundle, against the stand-ins:
 * showTodaySidebar opens dist/Sidebar.html, sidebarFindings reads 提醒汇总 (by header) and the owners
 * (one column of each ledger) without checking or writing anything, jumpToFinding selects a row,
 * checkNowFromSidebar runs the check and answers its outcome instead of showing a dialog, and the page
 * gets that outcome through startCheckFromSidebar and takeResult (start → continuation → take).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { type IsoDate, isoDateToSerial } from '../src/core/dates'
import type { JumpAnswer, SidebarData, SidebarFinding } from '../src/hosts/gas/sidebar/protocol'
import { bundleSource, type LoadedBundle, loadGasBundle, ROOT } from './support/gas-bundle'
import { createGasEnvironment, type FakeRange, type GasEnvironment } from './support/gas-fakes'

/** 2026-03-05 08:30 in Asia/Shanghai. */
const NOW = new Date('2026-03-05T00:30:00Z')
const SAMPLE_HEADERS = TEMPLATES.samples.columns.map((column) => column.header)
const HOSTILE = '<script>alert(1)</script>=HYPERLINK("http://evil.example","点我")'

let source: string
beforeAll(() => {
  source = bundleSource()
}, 120_000)

function sample(fields: Record<string, string>): string[] {
  return SAMPLE_HEADERS.map((header) => fields[header] ?? '')
}

/** 样件台账 with YJ-1 (expired, kept by 王立) and YJ-2 (fine, kept by 李娜), and 样件检验记录. */
function ledgerEnvironment(): GasEnvironment {
  const env = createGasEnvironment()
  const base = { 样件性质: '标准样件', 材料类别: '塑料件', 状态: '在用' }
  env.spreadsheet.addSheet(TEMPLATES.samples.name, [
    SAMPLE_HEADERS,
    sample({ ...base, 样件编号: 'YJ-1', 样件名称: '前门铰链', 确认日期: '2025-08-31', 保管人: '王立' }),
    sample({ ...base, 样件编号: 'YJ-2', 样件名称: '后门铰链', 确认日期: '2026-02-01', 保管人: '李娜' }),
  ])
  env.spreadsheet.addSheet(TEMPLATES.inspections.name, [
    TEMPLATES.inspections.columns.map((column) => column.header),
  ])
  return env
}

function bundle(env: GasEnvironment): LoadedBundle {
  return loadGasBundle(env, { now: NOW, source })
}

async function findingsOf(env: GasEnvironment): Promise<Extract<SidebarData, { ok: true }>> {
  const data = (await bundle(env).call('sidebarFindings')) as SidebarData
  if (!data.ok) throw new Error(data.message)
  return data
}

function writes(env: GasEnvironment): string[] {
  return Object.keys(env.calls.byMethod()).filter((method) =>
    /\.(set|insert|append|delete|clear|activate)/.test(method),
  )
}

describe('showTodaySidebar (台账 → 今日提醒)', () => {
  it('opens the built page in the sidebar, titled 今日提醒', async () => {
    const env = createGasEnvironment()
    const page = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8')
    env.htmlService.files.set('Sidebar', page)
    await bundle(env).call('showTodaySidebar')
    expect(env.ui.sidebars).toHaveLength(1)
    expect(env.ui.sidebars[0]?.getTitle()).toBe('今日提醒')
    expect(env.ui.sidebars[0]?.getContent()).toBe(page)
    expect(env.calls.total, 'opening reads no sheet').toBe(0)
  })

  it('the page is a file of its own: none of its code is in the server bundle', () => {
    const page = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8')
    expect(page).toContain('google.script.run')
    expect(source).not.toContain('google.script.run')
    expect(source).not.toContain('再显示')
  })

  it('clasp pushes every file the build writes, the page included (.claspignore)', () => {
    const kept = readFileSync(path.join(ROOT, '.claspignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).trim())
    expect(readdirSync(path.join(ROOT, 'dist')).sort()).toEqual([
      'Code.js',
      'Sidebar.html',
      'appsscript.json',
    ])
    expect(kept.sort()).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json'])
  })

  it('fails loudly when the page was not pushed', async () => {
    await expect(bundle(createGasEnvironment()).call('showTodaySidebar')).rejects.toThrow(
      'No HTML file named Sidebar was found.',
    )
  })
})

describe('sidebarFindings', () => {
  it('reads what the check wrote, with each record’s owner and the check’s date, writing nothing', async () => {
    const env = ledgerEnvironment()
    await bundle(env).call('checkNow')
    env.calls.reset()
    const data = await findingsOf(env)
    const expired = data.findings.find((finding) => finding.key === 'YJ-1')
    expect(expired).toMatchObject({
      tab: '样件台账',
      row: 2,
      code: 'SAMPLE_EXPIRED',
      level: 'error',
      deferredUntil: null,
      owner: '王立',
      ownerHeader: '保管人',
    })
    expect(expired?.message).toContain('前门铰链')
    expect(data.checkedThrough).toBe('2026-03-05')
    expect(data.checkedAt).toBe('2026-03-05 08:30:00')
    expect(data.counts.error).toBe(data.findings.filter((f) => f.level === 'error').length)
    // Plain data google.script.run can hand to the page.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
    // No check on open, nothing written: 提醒汇总 in one read, the ledger by its columns only.
    expect(writes(env)).toEqual([])
    expect(env.calls.of('Sheet.getDataRange')).toBe(1)
    expect(env.calls.of('Range.getValues')).toBeLessThanOrEqual(6)
    // 21 before 提醒汇总 was read through readTable: the shared reader costs no call more.
    expect(env.calls.total).toBeLessThanOrEqual(21)
  })

  it('reads 提醒汇总 by header: 事项, 暂缓, moved rows, tabs without owners, hostile text', async () => {
    const env = ledgerEnvironment()
    // YJ-1 moved down a row since the check.
    const samples = env.spreadsheet.sheet(TEMPLATES.samples.name)
    samples.enterRows([sample({ 样件编号: 'YJ-0', 样件名称: '新样件', 保管人: '张伟' })], 2)
    samples.enterRows([sample({ 样件编号: 'YJ-1', 样件名称: '前门铰链', 保管人: '王立' })], 3)
    env.spreadsheet.addSheet(TEMPLATES.alerts.name, [
      ['说明', '编号', '台账', '行', '代码', '事项', '级别', '期限', '处理情况', '暂缓至'],
      [HOSTILE, 'YJ-1', '样件台账', 2, 'SAMPLE_EXPIRED', '已过期', '错误', '2026-02-28', '', ''],
      [
        '将到期',
        'yj-0',
        '样件台账',
        2,
        'SAMPLE_EXPIRING',
        '即将到期',
        '警告（已暂缓至 2026-12-10）',
        '',
        '等新样件',
        '2026-12-10',
      ],
      ['证书将到期', 'GYS-1', '供应商名录', 2, 'SUPPLIER_CERT_EXPIRING', '', '提示', '', '', ''],
      ['', '', '', '', '', '', '', '', '', ''],
      ['不是提醒', 'X', '样件台账', 2, '', '', '错误', '', '', ''],
    ])
    const data = await findingsOf(env)
    const byKey = new Map<string, SidebarFinding>(data.findings.map((finding) => [finding.key, finding]))
    expect([...byKey.keys()]).toEqual(['YJ-1', 'yj-0', 'GYS-1'])
    expect(byKey.get('YJ-1')).toEqual({
      tab: '样件台账',
      row: 2,
      key: 'YJ-1',
      code: 'SAMPLE_EXPIRED',
      item: '已过期',
      level: 'error',
      deferredUntil: null,
      message: HOSTILE,
      due: '2026-02-28',
      handling: '',
      owner: '王立',
      ownerHeader: '保管人',
    })
    expect(byKey.get('yj-0')).toMatchObject({
      level: 'warning',
      deferredUntil: '2026-12-10',
      handling: '等新样件',
      owner: '张伟',
    })
    expect(byKey.get('GYS-1')).toMatchObject({ level: 'info', item: '', owner: '', ownerHeader: '' })
    expect(data.counts).toEqual({ error: 1, warning: 0, info: 1, deferred: 1 })
    expect(data.checkedAt).toBe('')
    expect(data.notice).toBe('')
  })

  it('without 提醒汇总 says what to do', async () => {
    const data = await findingsOf(createGasEnvironment())
    expect(data.findings).toEqual([])
    expect(data.notice).toBe('还没有“提醒汇总”工作表：请点“立即检查”，或在菜单“台账”中运行“初始化台账”。')
  })
})

describe('jumpToFinding', () => {
  const jump = async (env: GasEnvironment, request?: unknown) =>
    (await bundle(env).call('jumpToFinding', request)) as JumpAnswer
  const selection = (env: GasEnvironment) => {
    const range = env.spreadsheet.activeRange as FakeRange | null
    return (
      range && { tab: range.sheet.sheetName, row: range.row, rows: range.numRows, columns: range.numColumns }
    )
  }

  it('shows the tab and selects the whole row', async () => {
    const env = ledgerEnvironment()
    expect(await jump(env, { tab: '样件台账', row: 3, key: 'YJ-2' })).toEqual({
      ok: true,
      tab: '样件台账',
      row: 3,
      message: '',
    })
    expect(selection(env)).toEqual({ tab: '样件台账', row: 3, rows: 1, columns: SAMPLE_HEADERS.length })
    expect(env.calls.of('Sheet.activate')).toBe(1)
    expect(env.calls.of('Range.activate')).toBe(1)
  })

  it('follows a record that moved, and says so', async () => {
    const env = ledgerEnvironment()
    const samples = env.spreadsheet.sheet(TEMPLATES.samples.name)
    samples.enterRows([sample({ 样件编号: 'YJ-0' }), sample({ 样件编号: 'YJ-1' })], 2)
    expect(await jump(env, { tab: '样件台账', row: 2, key: 'yj-1' })).toEqual({
      ok: true,
      tab: '样件台账',
      row: 3,
      message: '编号“yj-1”现在在第 3 行（检查时在第 2 行）。',
    })
    expect(selection(env)?.row).toBe(3)
  })

  it('a tab, row or record that is gone is a message in Chinese, and nothing is selected', async () => {
    const env = ledgerEnvironment()
    expect(await jump(env, { tab: '旧台账', row: 2 })).toEqual({
      ok: false,
      message: '找不到工作表“旧台账”：它可能已被改名或删除。请点“立即检查”更新提醒。',
    })
    expect(await jump(env, { tab: '样件台账', row: 40 })).toEqual({
      ok: false,
      message: '“样件台账”没有第 40 行（可能已被删除）。请点“立即检查”更新提醒。',
    })
    expect(await jump(env, { tab: '样件台账', row: 2, key: 'YJ-9' })).toEqual({
      ok: false,
      message: '“样件台账”中已找不到编号为“YJ-9”的记录（可能已被删除或改了编号）。请点“立即检查”更新提醒。',
    })
    expect(await jump(env, { tab: '样件台账', row: 'two' })).toEqual({
      ok: false,
      message: '请指明工作表和行号',
    })
    expect(await jump(env)).toEqual({ ok: false, message: '请指明工作表和行号' })
    expect(env.spreadsheet.activeRange).toBeNull()
  })
})

describe('checkNowFromSidebar', () => {
  it('runs the check and answers its outcome instead of showing a dialog', async () => {
    const env = ledgerEnvironment()
    const answer = (await bundle(env).call('checkNowFromSidebar')) as { message: string }
    expect(answer.message).toContain('检查日期：2026-03-05')
    expect(env.ui.alerts).toEqual([])
    expect(env.spreadsheet.sheetNames()).toContain(TEMPLATES.alerts.name)
    expect(env.lockService.lock.released).toBe(1)
    const data = await findingsOf(env)
    expect(data.findings.some((finding) => finding.key === 'YJ-1' && finding.code === 'SAMPLE_EXPIRED')).toBe(
      true,
    )
  })

  it('waits for nobody: a running check is a message', async () => {
    const env = ledgerEnvironment()
    env.lockService.lock.heldElsewhere = true
    expect(await bundle(env).call('checkNowFromSidebar')).toEqual({
      message: '另一项台账操作（例如每日检查）正在进行，请稍后再试。',
    })
    expect(env.spreadsheet.sheetNames()).not.toContain(TEMPLATES.alerts.name)
  })
})

/**
 * How the page really runs 立即检查 (commands/sidebar-answers.ts): a synchronous start that answers a
 * token, the check finishing in the continuations Apps Script runs before the execution ends, and
 * takeResult handing the answer over once.
 */
describe('startCheckFromSidebar → takeResult', () => {
  /** What Apps Script does before the execution ends: run every pending continuation. */
  const settle = () => new Promise((resolve) => setImmediate(resolve))
  const sync = (loaded: LoadedBundle, name: string, ...args: unknown[]): unknown => {
    const handler = loaded.context[name] as (...values: unknown[]) => unknown
    return handler(...args)
  }

  it('answers a token at once, and the check’s outcome once the check has run', async () => {
    const env = ledgerEnvironment()
    const loaded = bundle(env)
    const started = sync(loaded, 'startCheckFromSidebar') as { token: string }
    // Not a Promise: a value google.script.run can hand the page as it is.
    expect(typeof (started as { then?: unknown }).then).toBe('undefined')
    expect(JSON.parse(JSON.stringify(started))).toEqual({ token: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(sync(loaded, 'takeResult', started.token)).toEqual({ pending: true })
    await settle()
    const answer = sync(loaded, 'takeResult', started.token) as { message: string }
    expect(answer.message).toContain('检查日期：2026-03-05')
    expect(env.ui.alerts).toEqual([])
    expect(env.lockService.lock.released).toBe(1)
    expect(env.spreadsheet.sheetNames()).toContain(TEMPLATES.alerts.name)
    // Taken once: the cache is empty again, and the token answers missing.
    expect(env.cacheService.user.liveKeys()).toEqual([])
    expect(sync(loaded, 'takeResult', started.token)).toEqual({ missing: true })
  })

  it('a running check is the answer taken; an unknown or bad token is missing', async () => {
    const env = ledgerEnvironment()
    env.lockService.lock.heldElsewhere = true
    const loaded = bundle(env)
    const { token } = sync(loaded, 'startCheckFromSidebar') as { token: string }
    await settle()
    expect(sync(loaded, 'takeResult', token)).toEqual({
      message: '另一项台账操作（例如每日检查）正在进行，请稍后再试。',
    })
    for (const bad of ['00000000-0000-4000-8000-000000000000', '', '../x', 42, undefined])
      expect(sync(loaded, 'takeResult', bad)).toEqual({ missing: true })
  })

  it('an answer Apps Script dropped from the cache is missing, not pending for ever', async () => {
    const env = ledgerEnvironment()
    const loaded = bundle(env)
    const { token } = sync(loaded, 'startCheckFromSidebar') as { token: string }
    await settle()
    env.cacheService.user.drop()
    expect(sync(loaded, 'takeResult', token)).toEqual({ missing: true })
  })
})

/** A line of 提醒汇总 by header; the columns are laid out by `alertsTab`. */
type AlertLine = Readonly<Record<string, unknown>>
const ALERT_HEADERS = TEMPLATES.alerts.columns.map((column) => column.header)

/** 提醒汇总 with these headers, in this order, and these lines. */
function alertsTab(env: GasEnvironment, headers: readonly string[], lines: readonly AlertLine[]): void {
  env.spreadsheet.addSheet(TEMPLATES.alerts.name, [
    headers,
    ...lines.map((line) => headers.map((header) => line[header] ?? '')),
  ])
}

function line(fields: AlertLine): AlertLine {
  return { 台账: '样件台账', 行: 2, 级别: '警告', 说明: '将到期', ...fields }
}

async function answerOf(env: GasEnvironment): Promise<SidebarData> {
  return (await bundle(env).call('sidebarFindings')) as SidebarData
}

describe('sidebarFindings reads 提醒汇总 as every reader of it does (readTable)', () => {
  const LINES: readonly AlertLine[] = [
    line({
      编号: 'YJ-1',
      代码: 'SAMPLE_EXPIRED',
      事项: '已过期',
      级别: '错误',
      说明: '前门铰链已过期',
      期限: '2026-02-28',
      备注: '急',
    }),
    // 暂缓至 typed after the check, as text: 级别 still reads as the check wrote it.
    line({
      编号: 'YJ-2',
      行: 3,
      代码: 'SAMPLE_EXPIRING',
      事项: '即将到期',
      暂缓至: "'2026-12-31",
      处理情况: '等新样件',
    }),
    line({
      台账: '供应商名录',
      编号: 'GYS-1',
      代码: 'SUPPLIER_CERT_EXPIRING',
      级别: '提示',
      说明: '证书将到期',
      备注: '已电话',
    }),
  ]

  it('finds the columns wherever they are and ignores a user column between them', async () => {
    const asWritten = ledgerEnvironment()
    alertsTab(asWritten, ALERT_HEADERS, LINES)
    const expected = await findingsOf(asWritten)
    // 说明 moved before 台账, the user's 备注 between them, 行 and 编号 swapped, 事项 last.
    const reordered = ledgerEnvironment()
    alertsTab(
      reordered,
      ['说明', '备注', '台账', '编号', '行', '代码', '级别', '期限', '处理情况', '暂缓至', '事项'],
      LINES,
    )
    const data = await findingsOf(reordered)
    expect(data.findings).toEqual(expected.findings)
    expect(data.counts).toEqual({ error: 1, warning: 0, info: 1, deferred: 1 })
    expect(
      data.findings.map(({ tab, row, key, level, deferredUntil, item, handling, owner }) => ({
        tab,
        row,
        key,
        level,
        deferredUntil,
        item,
        handling,
        owner,
      })),
    ).toEqual([
      {
        tab: '样件台账',
        row: 2,
        key: 'YJ-1',
        level: 'error',
        deferredUntil: null,
        item: '已过期',
        handling: '',
        owner: '王立',
      },
      {
        tab: '样件台账',
        row: 3,
        key: 'YJ-2',
        level: 'warning',
        deferredUntil: '2026-12-31',
        item: '即将到期',
        handling: '等新样件',
        owner: '李娜',
      },
      {
        tab: '供应商名录',
        row: 2,
        key: 'GYS-1',
        level: 'info',
        deferredUntil: null,
        item: '',
        handling: '',
        owner: '',
      },
    ])
    expect(data.findings[0]?.message).toBe('前门铰链已过期')
    expect(data.findings[0]?.due).toBe('2026-02-28')
    expect(writes(reordered)).toEqual([])
  })

  it('暂缓至 as text, as a date or as a day serial defers until that day, inclusive; 级别 alone does not', async () => {
    const env = ledgerEnvironment()
    const deferredTo = (key: string, until: unknown, level = '警告') =>
      line({ 编号: key, 代码: 'SAMPLE_EXPIRING', 级别: level, 暂缓至: until })
    alertsTab(env, ALERT_HEADERS, [
      deferredTo('TEXT', "'2026-12-31"),
      deferredTo('DATE', '2026-12-31'),
      deferredTo('SERIAL', isoDateToSerial('2026-12-31' as IsoDate)),
      deferredTo('SERIAL-TEXT', `'${isoDateToSerial('2026-12-31' as IsoDate)}`),
      deferredTo('TODAY', '2026-03-05'),
      deferredTo('YESTERDAY', '2026-03-04', '警告（已暂缓至 2026-03-04）'),
      // The check's label stays until the next check, though the user cleared 暂缓至 since.
      deferredTo('CLEARED', '', '警告（已暂缓至 2026-12-10）'),
      deferredTo('NOT-A-DATE', '下周'),
    ])
    const data = await findingsOf(env)
    expect(Object.fromEntries(data.findings.map((finding) => [finding.key, finding.deferredUntil]))).toEqual({
      TEXT: '2026-12-31',
      DATE: '2026-12-31',
      SERIAL: '2026-12-31',
      'SERIAL-TEXT': '2026-12-31',
      TODAY: '2026-03-05',
      YESTERDAY: null,
      CLEARED: null,
      'NOT-A-DATE': null,
    })
    expect(data.findings.every((finding) => finding.level === 'warning')).toBe(true)
    expect(data.counts).toEqual({ error: 0, warning: 3, info: 0, deferred: 5 })
  })

  it('a header it needs that is missing or doubled is a message in Chinese, not a wrong list', async () => {
    const withoutCode = ledgerEnvironment()
    alertsTab(
      withoutCode,
      ALERT_HEADERS.filter((header) => header !== '代码'),
      [line({ 编号: 'YJ-1', 代码: 'SAMPLE_EXPIRED' })],
    )
    expect(await answerOf(withoutCode)).toEqual({
      ok: false,
      message: '工作表“提醒汇总”第 1 行找不到“代码”列：请把该列的表头改回原样后再打开“今日提醒”',
    })
    expect(writes(withoutCode)).toEqual([])

    const twoLevels = ledgerEnvironment()
    alertsTab(twoLevels, [...ALERT_HEADERS, '级别'], [line({ 编号: 'YJ-1', 代码: 'SAMPLE_EXPIRED' })])
    const answer = await answerOf(twoLevels)
    expect(answer).toEqual({
      ok: false,
      message: '工作表“提醒汇总”有两列都叫“级别”（第 F 列和第 K 列），请删除或改名其中一列',
    })
  })

  it('a 提醒汇总 without 事项, 期限, 处理情况 or 暂缓至 (an older layout) is still listed', async () => {
    const env = ledgerEnvironment()
    alertsTab(
      env,
      ['台账', '行', '编号', '代码', '级别', '说明'],
      [line({ 编号: 'YJ-1', 代码: 'SAMPLE_EXPIRED' })],
    )
    const data = await findingsOf(env)
    expect(data.findings).toEqual([
      expect.objectContaining({
        key: 'YJ-1',
        code: 'SAMPLE_EXPIRED',
        item: '',
        due: '',
        handling: '',
        deferredUntil: null,
      }),
    ])
  })
})
