/**
 * The 今日提醒 sidebar's server side (issue 14): the menu item that opens the page (dist/Sidebar.html,
 * built from sidebar/page.ts) and the functions the page calls through google.script.run. The page
 * shows what the last check wrote into 提醒汇总 (no check runs when it opens), read by readTable as
 * every reader of that tab reads it, with each record's owner read from its ledger tab; 立即检查 is commands/check.ts. Answers are plain data
 * (sidebar/protocol.ts), and every function but the check is read-only and takes no lock.
 */
import { severityOfLevel } from '../../../app/alert-level'
import { ownerColumnOf } from '../../../app/digest'
import { TEMPLATES } from '../../../app/tabs'
import { displayCell } from '../../../core/cells'
import { dateInTimeZone, type IsoDate } from '../../../core/dates'
import { SHEETS_INIT_COMMAND } from '../../../core/host-commands'
import { normalizeHeader, readTable, UnusableTabError } from '../../../core/table'
import type { TabTemplate } from '../../../core/template'
import { idKey } from '../../../core/text'
import { sheetTable, toCell, ZonedCalendar } from '../cell-values'
import { type GasServices, messageOf } from '../services'
import type { GasSheet } from '../sheets-api'
import type { JumpAnswer, JumpRequest, SidebarCounts, SidebarData, SidebarFinding } from '../sidebar/protocol'

export const SIDEBAR_TITLE = '今日提醒'
/** The project file clasp pushes from dist/Sidebar.html (scripts/build.mjs). */
export const SIDEBAR_FILE = 'Sidebar'

/** 操作 of a check's line in 操作日志 (app/check.ts): 检查（截至 2026-03-05）. */
const CHECK_LOG = /^检查（截至 (\d{4}-\d{2}-\d{2})）/
/** How far back 操作日志 is searched for the last check. */
const LOG_ROWS_READ = 200
const HEADER_ROW = 1
const FIRST_DATA_ROW = 2

/** 台账 → 今日提醒: opens the sidebar. */
export function showTodaySidebar(services: GasServices): void {
  const page = services.htmlService().createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE)
  services.ui().showSidebar(page)
}

/** The findings of the last check as 提醒汇总 holds them now, with owners, counts and the check's date. */
export function sidebarFindings(services: GasServices): SidebarData {
  try {
    const spreadsheet = services.spreadsheet()
    const timeZone = spreadsheet.getSpreadsheetTimeZone()
    const calendar = new ZonedCalendar(timeZone)
    const { checkedAt, checkedThrough } = lastCheck(spreadsheet.getSheetByName(TEMPLATES.log.name), calendar)
    const alerts = spreadsheet.getSheetByName(TEMPLATES.alerts.name)
    const counts: SidebarCounts = { error: 0, warning: 0, info: 0, deferred: 0 }
    if (alerts === null) {
      const notice = `还没有“${TEMPLATES.alerts.name}”工作表：请点“立即检查”，或在菜单“台账”中运行“初始化台账”。`
      return { ok: true, findings: [], counts, checkedAt, checkedThrough, notice }
    }
    const findings = readAlerts(alerts, calendar, dateInTimeZone(services.now(), timeZone))
    const withOwners = addOwners(findings, (tab) => spreadsheet.getSheetByName(tab), calendar)
    const tally = { ...counts }
    for (const finding of withOwners) {
      if (finding.deferredUntil !== null) tally.deferred++
      else tally[finding.level]++
    }
    return { ok: true, findings: withOwners, counts: tally, checkedAt, checkedThrough, notice: '' }
  } catch (error) {
    // A 提醒汇总 without a column it needs, or with two of one: the message says which and how to mend it.
    if (error instanceof UnusableTabError) return { ok: false, message: error.message }
    console.error('读取今日提醒失败', error)
    return { ok: false, message: `无法读取“${TEMPLATES.alerts.name}”：${messageOf(error)}` }
  }
}

/** Shows the finding's tab and selects its row; the record is looked up by id when rows moved. */
export function jumpToFinding(services: GasServices, request: JumpRequest | undefined): JumpAnswer {
  if (typeof request?.tab !== 'string' || request.tab === '' || !Number.isInteger(request.row))
    return { ok: false, message: '请指明工作表和行号' }
  const { tab } = request
  try {
    const spreadsheet = services.spreadsheet()
    const sheet = spreadsheet.getSheetByName(tab)
    if (sheet === null)
      return { ok: false, message: `找不到工作表“${tab}”：它可能已被改名或删除。请点“立即检查”更新提醒。` }
    const lastRow = sheet.getLastRow()
    const key = typeof request.key === 'string' ? request.key.trim() : ''
    let row = request.row
    let message = ''
    const keyHeader = templateOf(tab)?.key
    if (key !== '' && keyHeader !== undefined && row >= FIRST_DATA_ROW) {
      const calendar = new ZonedCalendar(spreadsheet.getSpreadsheetTimeZone())
      const [keys] = readColumns(sheet, [keyHeader], calendar, lastRow)
      const index = keys === undefined ? undefined : recordFinder(keys)(key, row - FIRST_DATA_ROW)
      if (index !== undefined && index !== row - FIRST_DATA_ROW) {
        if (index < 0)
          return {
            ok: false,
            message: `“${tab}”中已找不到编号为“${key}”的记录（可能已被删除或改了编号）。请点“立即检查”更新提醒。`,
          }
        row = index + FIRST_DATA_ROW
        message = `编号“${key}”现在在第 ${row} 行（检查时在第 ${request.row} 行）。`
      }
    }
    if (row < HEADER_ROW || row > Math.max(lastRow, HEADER_ROW))
      return {
        ok: false,
        message: `“${tab}”没有第 ${row} 行（可能已被删除）。请点“立即检查”更新提醒。`,
      }
    sheet.activate()
    sheet.getRange(row, 1, 1, Math.max(sheet.getLastColumn(), 1)).activate()
    return { ok: true, tab, row, message }
  } catch (error) {
    console.error('跳转到提醒失败', error)
    return { ok: false, message: `无法跳转到“${tab}”第 ${request.row} 行：${messageOf(error)}` }
  }
}

function templateOf(tab: string): TabTemplate | undefined {
  return Object.values(TEMPLATES).find((template) => template.name === tab)
}

/** The headers of row 1, as normalizeHeader spells them, by column index. */
function headerIndex(header: readonly unknown[]): Map<string, number> {
  const index = new Map<string, number>()
  header.forEach((value, column) => {
    const name = normalizeHeader(typeof value === 'string' ? value : String(value ?? ''))
    if (name !== '' && !index.has(name)) index.set(name, column)
  })
  return index
}

/**
 * The data rows (from row 2 to `lastRow`) of the columns with these headers, as text; undefined for a
 * header the tab lacks. One read of row 1, then one read per column found.
 */
function readColumns(
  sheet: GasSheet,
  headers: readonly string[],
  calendar: ZonedCalendar,
  lastRow = sheet.getLastRow(),
): (string[] | undefined)[] {
  const lastColumn = sheet.getLastColumn()
  if (lastColumn < 1) return headers.map(() => undefined)
  const index = headerIndex(sheet.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()[0] ?? [])
  const rows = lastRow - HEADER_ROW
  return headers.map((header) => {
    const column = index.get(normalizeHeader(header))
    if (column === undefined) return undefined
    if (rows < 1) return []
    return sheet
      .getRange(FIRST_DATA_ROW, column + 1, rows, 1)
      .getValues()
      .map(([value]) => displayCell(toCell(value, calendar)).trim())
  })
}

/** When the last check ran, from the newest 检查（截至 D） line among the last lines of 操作日志. */
function lastCheck(
  log: GasSheet | null,
  calendar: ZonedCalendar,
): { checkedAt: string; checkedThrough: string } {
  const none = { checkedAt: '', checkedThrough: '' }
  if (log === null) return none
  const lastRow = log.getLastRow()
  const lastColumn = log.getLastColumn()
  if (lastRow <= HEADER_ROW || lastColumn < 1) return none
  const index = headerIndex(log.getRange(HEADER_ROW, 1, 1, lastColumn).getValues()[0] ?? [])
  const time = index.get('时间')
  const operation = index.get('操作')
  if (time === undefined || operation === undefined) return none
  const first = Math.max(FIRST_DATA_ROW, lastRow - LOG_ROWS_READ + 1)
  const rows = log.getRange(first, 1, lastRow - first + 1, lastColumn).getValues()
  for (let i = rows.length - 1; i >= 0; i--) {
    const match = CHECK_LOG.exec(displayCell(toCell(rows[i]?.[operation], calendar)))
    if (match?.[1] !== undefined)
      return { checkedAt: displayCell(toCell(rows[i]?.[time], calendar)), checkedThrough: match[1] }
  }
  return none
}

/**
 * The columns of 提醒汇总 a line cannot be shown or jumped to without. The template requires none
 * (the check rewrites the tab whole); 事项, 期限, 处理情况 and 暂缓至 may be missing (an older layout,
 * a user who deleted them) and read as blank.
 */
const NEEDED_ALERT_COLUMNS = ['台账', '行', '编号', '代码', '级别', '说明']

/**
 * 提醒汇总 through readTable, as the check, the digest and 为什么 read it; lines without 代码 or 级别
 * are skipped. A finding is deferred while its 暂缓至 is today or later, as the check counts it: a
 * 暂缓至 typed since the check counts, one that ran out or was cleared does not, whatever 级别 says.
 */
function readAlerts(sheet: GasSheet, calendar: ZonedCalendar, today: IsoDate): SidebarFinding[] {
  const template = TEMPLATES.alerts
  const table = sheetTable(template.name, sheet.getDataRange().getValues(), calendar)
  const { records, columns } = readTable(template, table, SHEETS_INIT_COMMAND)
  const missing = NEEDED_ALERT_COLUMNS.filter((header) => !columns.has(header)).map((header) => `“${header}”`)
  // Not 初始化台账: a header it appends at the end would leave the rows' codes in a column no reader
  // finds, and the next check could not keep 处理情况 and 暂缓至 beside their findings.
  if (missing.length > 0)
    throw new UnusableTabError(
      template.name,
      `工作表“${template.name}”第 1 行找不到${missing.join('、')}列：请把该列的表头改回原样后再打开“今日提醒”`,
    )
  return records.flatMap(({ values }): SidebarFinding[] => {
    const text = (header: string): string => String(values.get(header) ?? '')
    const level = severityOfLevel(text('级别'))
    const code = text('代码')
    if (level === undefined || code === '') return []
    const row = values.get('行')
    // Date columns hold an IsoDate when the cell is a date (a Date, a day serial, text 2026-12-31).
    const until = values.get('暂缓至')
    const due = values.get('期限')
    return [
      {
        tab: text('台账'),
        row: typeof row === 'number' && row > 0 ? row : 0,
        key: text('编号'),
        code,
        item: text('事项'),
        level,
        deferredUntil: typeof until === 'string' && until >= today ? until : null,
        message: text('说明'),
        due: typeof due === 'string' ? due : '',
        handling: text('处理情况'),
        owner: '',
        ownerHeader: '',
      },
    ]
  })
}

/**
 * Each finding's owner, read from its record's row in its ledger tab (the owner and id columns only);
 * when the row no longer holds the record's id (rows moved since the check), from the row that does.
 */
function addOwners(
  findings: readonly SidebarFinding[],
  sheetOf: (tab: string) => GasSheet | null,
  calendar: ZonedCalendar,
): SidebarFinding[] {
  const byTab = new Map<string, { owners: string[]; find: RecordFinder | undefined } | null>()
  const columnsOf = (tab: string) => {
    if (byTab.has(tab)) return byTab.get(tab) ?? null
    const ownerHeader = ownerColumnOf(tab)
    const keyHeader = templateOf(tab)?.key
    const sheet = ownerHeader === undefined ? null : sheetOf(tab)
    let columns: { owners: string[]; find: RecordFinder | undefined } | null = null
    if (sheet !== null && ownerHeader !== undefined) {
      const [owners, keys] = readColumns(sheet, [ownerHeader, keyHeader ?? ownerHeader], calendar)
      if (owners !== undefined)
        columns = {
          owners,
          find: keyHeader === undefined || keys === undefined ? undefined : recordFinder(keys),
        }
    }
    byTab.set(tab, columns)
    return columns
  }
  return findings.map((finding) => {
    const ownerHeader = ownerColumnOf(finding.tab)
    const columns = ownerHeader === undefined ? null : columnsOf(finding.tab)
    if (columns === null || ownerHeader === undefined) return finding
    let index = finding.row - FIRST_DATA_ROW
    if (columns.find !== undefined && finding.key !== '') index = columns.find(finding.key, index)
    const owner = index >= 0 ? (columns.owners[index] ?? '') : ''
    return { ...finding, owner, ownerHeader }
  })
}

/** The 0-based index of the record `key`: `index` when that row holds it still, else where it is now, or -1. */
type RecordFinder = (key: string, index: number) => number

/**
 * Finds records among the ids of a tab's rows as idKey compares them: the row given when it holds
 * the id, else the first row that does (the ids indexed once, when a record is first found moved).
 */
function recordFinder(keys: readonly string[]): RecordFinder {
  let firstRow: Map<string, number> | undefined
  return (key, index) => {
    const wanted = idKey(key)
    if (idKey(keys[index] ?? '') === wanted) return index
    if (firstRow === undefined) {
      const rows = new Map<string, number>()
      keys.forEach((value, at) => {
        const id = idKey(value)
        if (!rows.has(id)) rows.set(id, at)
      })
      firstRow = rows
    }
    return firstRow.get(wanted) ?? -1
  }
}
