/**
 * 客户信息保密管理制度: a customer's phone number is compared in full and shown masked everywhere the
 * tool writes — findings, `--json`, the printed summary, 提醒汇总, 操作日志 and the tool columns.
 */
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import { EXIT_OK } from '../../../src/cli/main'
import { displayCell, type OutputCell } from '../../../src/core/cells'
import { toHalfWidth } from '../../../src/core/text'
import { openWorkbookFile, saveWorkbookFile } from '../../../src/hosts/xlsx/workbook-file'
import { normalizePhone } from '../../../src/ledgers/leads/attribution'
import { demoRows } from '../../../src/ledgers/leads/demo'
import { inProcess } from '../../support/cli-process'
import { d } from '../../support/ledger-builder'
import { removeTemporaryDirectories, temporaryDirectory } from '../../xlsx-helpers'
import { at, checkLeads, LEADS, lead } from './support'

afterAll(removeTemporaryDirectories)

/** 2026-03-10 08:00 in Asia/Shanghai. */
const NOW = new Date('2026-03-10T00:00:00Z')

/** Phones of bad cells and of valid ones, as typed. */
const TYPED = [
  '13812341234',
  '+86 139-0000-1111',
  '１３７００００２２２２',
  '1381234123',
  '13812341234567',
  '010-62345678',
]

/** Every full number a typed phone could leak as: the text, its digits, its normalised form. */
function fullNumbers(typed: readonly string[]): string[] {
  return typed.flatMap((text) => {
    const normalised = normalizePhone(text)
    return [text, toHalfWidth(text).replace(/\D/g, ''), ...(normalised ? [normalised] : [])].filter(
      (n) => n.length >= 7,
    )
  })
}

function expectNoFullNumber(output: string, numbers: readonly string[], where: string): void {
  const digits = output.replace(/[\s\-‐–—]/g, '')
  for (const number of numbers) {
    expect(output, `${where} shows ${number}`).not.toContain(number)
    expect(digits, `${where} shows ${number}`).not.toContain(toHalfWidth(number).replace(/\D/g, ''))
  }
}

// L-1 is visited and signed: its commission is listed in 佣金提报 and called back in 回访抽样.
const leads = TYPED.map((phone, index) =>
  lead({
    报备编号: `L-${index + 1}`,
    客户电话: phone,
    报备时间: at(`2026-03-0${index + 1} 10:00`),
    ...(index === 0 ? { 到访时间: at('2026-03-01 12:00'), 网签日期: d('2026-03-05') } : {}),
  }),
)

/** The tabs the tool writes whole. */
const TOOL_TABS = [
  TEMPLATES.alerts.name,
  TEMPLATES.log.name,
  TEMPLATES.commissions.name,
  TEMPLATES.followUps.name,
]

describe('no full phone number in anything the tool writes', () => {
  it('in findings, 提醒汇总, 操作日志 and the tool columns', async () => {
    const withDuplicate = [
      ...leads,
      lead({ 报备编号: 'L-9', 分销商: '乙', 报备时间: at('2026-03-02 09:00') }),
    ]
    // April: L-1's commission month, so it is in 回访抽样 too
    const { book, findings } = await checkLeads(withDuplicate, '2026-04-02')
    expect(findings.map((finding) => finding.code)).toContain('LEAD_DUPLICATE')
    expect(findings.filter((finding) => finding.code === 'DATA_INVALID')).toHaveLength(2)
    const numbers = fullNumbers(TYPED)
    expectNoFullNumber(JSON.stringify(findings), numbers, 'findings')
    for (const name of TOOL_TABS) {
      const rows = book.tabs.get(name) ?? []
      expect(rows.length, name).toBeGreaterThan(1)
      expectNoFullNumber(
        rows
          .flat()
          .map((cell) => displayCell(cell))
          .join('\n'),
        numbers,
        name,
      )
    }
    const header = book.tabs.get(LEADS)?.[0] ?? []
    const owned = TEMPLATES.leads.columns
      .filter((column) => column.owned)
      .map((column) => header.indexOf(column.header))
    const ownedText = (book.tabs.get(LEADS) ?? []).flatMap((row) =>
      owned.map((index) => displayCell(row[index] ?? null)),
    )
    expectNoFullNumber(ownedText.join('\n'), numbers, 'the tool columns')
    // the phone is shown, masked
    expect(JSON.stringify(findings)).toContain('138****1234')
  })

  it('in `taizhang check` and its --json, on a real workbook', { timeout: 60_000 }, async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    expect((await inProcess(NOW, 'init', file, '--demo')).status).toBe(EXIT_OK)
    const workbook = await openWorkbookFile(file)
    const table = workbook.readTab(LEADS)
    const header = table?.header ?? []
    const start = (table?.rows.length ?? 0) + 2
    workbook.writeCells(
      LEADS,
      leads.flatMap((row, index) =>
        Object.entries(row).map(([column, value]) => ({
          row: start + index,
          column: header.indexOf(column),
          value: value as OutputCell,
        })),
      ),
    )
    await saveWorkbookFile(workbook, file)
    const demoPhones = (demoRows('2026-03-10' as never).leads ?? []).map((row) => String(row[3]))
    const numbers = fullNumbers([...TYPED, ...demoPhones])
    const json = await inProcess(NOW, 'check', file, '--json')
    expect(json.status, json.stderr).toBe(EXIT_OK)
    expect(json.stdout).toContain('LEAD_DUPLICATE')
    expect(json.stdout).toContain('138****1234')
    expectNoFullNumber(json.stdout + json.stderr, numbers, '--json')
    const text = await inProcess(NOW, 'check', file)
    expectNoFullNumber(text.stdout + text.stderr, numbers, 'the printed summary')
    const saved = await openWorkbookFile(file)
    for (const name of TOOL_TABS) {
      const tab = saved.readTab(name)
      expect(tab?.rows.length, name).toBeGreaterThan(0)
      expectNoFullNumber(
        (tab?.rows ?? [])
          .flat()
          .map((cell) => displayCell(cell))
          .join('\n'),
        numbers,
        name,
      )
    }
  })
})
