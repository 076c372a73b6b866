/**
 * What a user typed into an owned column (issue 13 item 3): a note in 提醒, text in a date column.
 * The cell is the tool's: the check writes its own value there, but not without a word — an
 * OWNED_CELL_OVERWRITTEN warning names the cell and quotes what it held (cut to 60 characters), and
 * 操作日志 keeps the whole of it. What the tool wrote itself it rewrites as usual.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { TEMPLATES } from '../src/app/tabs'
import { columnLetter } from '../src/core/a1'
import type { IsoDate } from '../src/core/dates'
import { openWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { codeLabel } from '../src/ledgers'
import { inProcess } from './support/cli-process'
import { demoBook } from './support/demo-book'
import { d, sample, sampleWorkbook } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'
import { readBack, removeTemporaryDirectories } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const SHEET = TEMPLATES.samples.name
const letterOf = (header: string): string =>
  columnLetter(TEMPLATES.samples.columns.findIndex((column) => column.header === header))

async function check(rows: Parameters<typeof sampleWorkbook>[0], dryRun = false) {
  const workbook = sampleWorkbook(rows)
  const report = await runCheck(workbook, { today: '2026-11-28' as IsoDate, actor: 'test', dryRun })
  const foreign = report.findings.filter((finding) => finding.code === 'OWNED_CELL_OVERWRITTEN')
  const log = (workbook.tabs.get(TEMPLATES.log.name) ?? []).slice(1).map((row) => String(row[3]))
  return { workbook, foreign, log, report }
}

describe('owned cells that hold what the tool did not write', () => {
  it('overwrites a note typed into 提醒 with a warning naming the cell, and logs what it held', async () => {
    const { workbook, foreign, log } = await check([
      sample({ 确认日期: d('2025-01-15'), 提醒: '王立：12/3 前送检' }),
    ])
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】已过期；校准逾期')
    expect(foreign).toHaveLength(1)
    expect(foreign[0]).toMatchObject({ sheet: SHEET, row: 2, key: 'YJ-1', severity: 'warning' })
    expect(foreign[0]?.message).toMatch(
      new RegExp(`^第 2 行 ${letterOf('提醒')} 列“提醒”是台账工具写入的列，其中填写的“王立：12/3 前送检”`),
    )
    expect(
      log.some(
        (line) =>
          line.includes(`“${SHEET}”${letterOf('提醒')}2“提醒”`) && line.includes('“王立：12/3 前送检”'),
      ),
    ).toBe(true)
    expect(codeLabel('OWNED_CELL_OVERWRITTEN')).toBe('工具列被改写')
  })

  it('quotes a long note cut to 60 characters in the finding, and whole in 操作日志', async () => {
    const note = `${'送检记录'.repeat(20)}完`
    const { foreign, log } = await check([sample({ 提醒: note })])
    expect(foreign[0]?.message).toContain(`“${Array.from(note).slice(0, 60).join('')}…”`)
    expect(foreign[0]?.message).not.toContain(note)
    expect(log.some((line) => line.includes(`“${note}”`))).toBe(true)
  })

  it('rewrites what the tool itself wrote into 提醒 on an earlier run, without a word', async () => {
    const { workbook, foreign, log } = await check([
      sample({ 确认日期: d('2025-01-15'), 提醒: '【错误】已过期；校准逾期' }),
    ])
    expect(foreign).toHaveLength(0)
    expect(log).toHaveLength(1)
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】已过期；校准逾期')
    // Labels without the level mark, as versions before it wrote them.
    const { workbook: cleared } = await check([sample({ 提醒: '已过期' })])
    expect(cleared.cell(SHEET, 2, '提醒')).toBeNull()
  })

  it('overwrites, with a warning, a note that only starts like the tool’s level mark', async () => {
    const { workbook, foreign, log } = await check([
      sample({ 确认日期: d('2025-01-15'), 提醒: '【错误】王立来电说已送检' }),
    ])
    expect(foreign).toHaveLength(1)
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('【错误】已过期；校准逾期')
    expect(log.some((line) => line.includes('“【错误】王立来电说已送检”'))).toBe(true)
  })

  it('replaces text in a date column the tool owns (有效期至) by the date, with a warning', async () => {
    const { workbook, foreign, log } = await check([sample({ 有效期至: '见合同' })])
    expect(workbook.cell(SHEET, 2, '有效期至')).toEqual(d('2027-01-15'))
    expect(foreign.map((finding) => finding.message)).toEqual([
      expect.stringContaining(`${letterOf('有效期至')} 列“有效期至”是台账工具写入的列，其中填写的“见合同”`),
    ])
    expect(log.filter((line) => line.includes('“见合同”'))).toHaveLength(1)
    // A date there is the tool's own: it is recomputed without a word.
    const { workbook: recomputed, foreign: none } = await check([sample({ 有效期至: d('2020-01-01') })])
    expect(recomputed.cell(SHEET, 2, '有效期至')).toEqual(d('2027-01-15'))
    expect(none).toEqual([])
  })

  it('a dry run reports the cell and changes nothing', async () => {
    const { workbook, foreign, log } = await check([sample({ 提醒: '王立：12/3 前送检' })], true)
    expect(foreign).toHaveLength(1)
    expect(workbook.cell(SHEET, 2, '提醒')).toBe('王立：12/3 前送检')
    expect(log).toEqual([])
  })
})

describe('a note typed into 提醒 of an .xlsx, through the CLI', () => {
  it('is replaced by the tool, named in 提醒汇总 and kept in 操作日志', async () => {
    const now = new Date(Date.parse('2026-12-02T01:00:00Z'))
    const file = await demoBook(now)
    const book = await readBack(file)
    const sheet = book.getWorksheet(SHEET)
    if (!sheet) throw new Error('no 样件台账')
    const column = TEMPLATES.samples.columns.findIndex((c) => c.header === '提醒') + 1
    sheet.getRow(3).getCell(column).value = '王立：12/3 前送检'
    await book.xlsx.writeFile(file)
    const run = await inProcess(now, 'check', file, '--today', '2026-12-02')
    expect(run, run.stderr).toMatchObject({ status: 0 })
    expect(run.stdout).toContain('OWNED_CELL_OVERWRITTEN')
    const port = await openWorkbookFile(file)
    const cell = port.readTab(SHEET)?.rows[1]?.[column - 1]
    expect(cell).not.toBe('王立：12/3 前送检')
    const alerts = port.readTab(TEMPLATES.alerts.name)?.rows ?? []
    const alert = alerts.find((row) => row.includes('OWNED_CELL_OVERWRITTEN'))
    expect(alert?.slice(0, 2)).toEqual([SHEET, 3])
    expect(alert).toContain('工具列被改写')
    expect(alert).toContain('警告')
    const log = (port.readTab(TEMPLATES.log.name)?.rows ?? []).map((row) => String(row[3]))
    expect(log).toContain(
      `“${SHEET}”${letterOf('提醒')}3“提醒”原有的内容已被工具的值替换，原内容：“王立：12/3 前送检”`,
    )
  }, 60_000)
})

describe('a tab made before a tool column was added to its template', () => {
  it('is still checked; the missing column is reported and the others are written', async () => {
    const header = TEMPLATES.samples.columns
      .map((column) => column.header)
      .filter((h) => h !== '下次校准日期')
    const book = new MemoryWorkbook({
      [TEMPLATES.samples.name]: [
        header,
        header.map((h) =>
          h === '样件编号' ? 'YJ-1' : h === '材料类别' ? '塑料件' : h === '确认日期' ? d('2026-01-31') : null,
        ),
      ],
      [TEMPLATES.inspections.name]: [TEMPLATES.inspections.columns.map((column) => column.header)],
    })
    const report = await runCheck(book, { today: '2026-03-05' as IsoDate, actor: 'test' })
    const missing = report.findings.filter((finding) => finding.message.includes('缺少工具列'))
    expect(missing).toMatchObject([{ sheet: TEMPLATES.samples.name, row: 1, code: 'DATA_INVALID' }])
    expect(missing[0]?.message).toContain('“下次校准日期”')
    const written = book.tabs.get(TEMPLATES.samples.name) ?? []
    expect(written[1]?.[header.indexOf('有效期至')]).toEqual({ date: '2026-07-31' })
    expect(written[0]).toEqual(header)
  })
})
