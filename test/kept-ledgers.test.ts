import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { missingLedgerTabs } from '../src/app/kept-ledgers'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { SHEETS_INIT_COMMAND } from '../src/core/host-commands'
import { UnusableTabError } from '../src/core/table'
import { sample, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const SAMPLES = TEMPLATES.samples.name
const INSPECTIONS = TEMPLATES.inspections.name
const today = '2026-11-28' as IsoDate

function check(workbook: MemoryWorkbook) {
  return runCheck(workbook, { today, actor: 'test' })
}

describe('a kept ledger whose tab was renamed or deleted is unusable, not skipped', () => {
  it.each([
    ['样件台帐', '账/帐'],
    ['样件台账 ', 'a trailing space'],
    ['样件台账\u3000', 'a full-width space'],
  ])('renamed to “%s” (%s): exit 1 naming both names, nothing written', async (renamed) => {
    const workbook = new MemoryWorkbook({
      [renamed]: tab(TEMPLATES.samples, [sample()]),
      [INSPECTIONS]: tab(TEMPLATES.inspections, []),
    })
    const run = check(workbook)
    await expect(run).rejects.toThrow(UnusableTabError)
    await expect(run).rejects.toThrow(`“${renamed}”是不是“${SAMPLES}”？`)
    expect(workbook.writes).toEqual([])
  })

  it('renamed while it is the only ledger tab: the slip is named, not “no ledger”', async () => {
    const workbook = new MemoryWorkbook({ 样件台帐: tab(TEMPLATES.samples, [sample()]) })
    await expect(check(workbook)).rejects.toThrow('“样件台帐”是不是“样件台账”？')
  })

  it('deleted while 样件检验记录 is still there: names the tab and the sibling', async () => {
    const workbook = new MemoryWorkbook({
      [INSPECTIONS]: tab(TEMPLATES.inspections, []),
      [TEMPLATES.customers.name]: tab(TEMPLATES.customers, []),
    })
    const run = check(workbook)
    await expect(run).rejects.toThrow(UnusableTabError)
    await expect(run).rejects.toThrow(`缺少工作表“${SAMPLES}”，而同一台账的“${INSPECTIONS}”还在`)
    await expect(run).rejects.toThrow('taizhang init')
  })

  it('renamed beyond a slip (样件台账（旧）) with its sibling there: the closest name is offered', () => {
    const [problem] = missingLedgerTabs(['样件台账（旧）', INSPECTIONS, 'Sheet1'], SHEETS_INIT_COMMAND)
    expect(problem?.tab).toBe(SAMPLES)
    expect(problem?.message).toContain('“样件台账（旧）”是不是“样件台账”？')
    expect(problem?.message).toContain(`“${SHEETS_INIT_COMMAND}”`)
  })

  it('a ledger the workbook never kept is not nagged about', async () => {
    const workbook = new MemoryWorkbook({
      [SAMPLES]: tab(TEMPLATES.samples, [sample()]),
      [INSPECTIONS]: tab(TEMPLATES.inspections, []),
      Sheet1: [['随手记']],
    })
    const report = await check(workbook)
    expect(report.records).toHaveProperty(SAMPLES, 1)
    expect(report.records).not.toHaveProperty(TEMPLATES.leads.name)
    expect(missingLedgerTabs([SAMPLES, INSPECTIONS, 'Sheet1'], 'taizhang init')).toEqual([])
  })

  it('tool tabs named like a ledger are not taken for a renamed ledger tab', () => {
    expect(missingLedgerTabs([SAMPLES, INSPECTIONS, TEMPLATES.alerts.name], 'taizhang init')).toEqual([])
  })
})

describe('messages name the command of the host in use', () => {
  it('taizhang init locally, the menu item in Sheets', async () => {
    const empty = (): MemoryWorkbook => new MemoryWorkbook({ Sheet1: [['a']] })
    await expect(check(empty())).rejects.toThrow('请先运行“taizhang init”')
    const sheets = Object.assign(empty(), { initCommand: SHEETS_INIT_COMMAND })
    await expect(check(sheets)).rejects.toThrow(`请先运行“${SHEETS_INIT_COMMAND}”`)
    await expect(check(sheets)).rejects.not.toThrow('taizhang')
  })
})

describe('a slip in the name of a ledger tab that is not the check’s own', () => {
  it('样件检验纪录 for 样件检验记录 is named too', () => {
    const problems = missingLedgerTabs([SAMPLES, '样件检验纪录'], 'taizhang init')
    expect(problems).toEqual([
      { tab: INSPECTIONS, message: expect.stringContaining('“样件检验纪录”是不是“样件检验记录”？') },
    ])
  })

  it('one message per missing tab, even when it is both renamed and the check’s tab', () => {
    const problems = missingLedgerTabs(['样件台帐', INSPECTIONS], 'taizhang init')
    expect(problems.map((problem) => problem.tab)).toEqual([SAMPLES])
  })
})
