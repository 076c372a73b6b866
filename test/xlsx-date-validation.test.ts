/**
 * Date columns a clerk types into get a date check in Excel and WPS (a warning, not a refusal), on
 * the tabs the tool creates and under the headers it appends; the user's own validations stay as
 * they were. Read back with openpyxl, an independent reader.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { dateEntryHint } from '../src/core/template'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { newWorkbook } from '../src/hosts/xlsx/workbook-file'
import { PYTHON } from './support/openpyxl'
import { packageOf, removeTemporaryDirectories, sheetXml, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const SAMPLES = TEMPLATES.samples

interface ReadValidation {
  readonly sqref: string
  readonly type: string | null
  readonly operator: string | null
  readonly formula1: string | null
  readonly errorStyle: string | null
  readonly allowBlank: boolean
  readonly showErrorMessage: boolean
  readonly errorTitle: string | null
  readonly error: string | null
}

const DUMP_VALIDATIONS = `
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
out = {}
for sheet in book.worksheets:
    out[sheet.title] = [dict(sqref=str(v.sqref), type=v.type, operator=v.operator, formula1=v.formula1,
        errorStyle=v.errorStyle, allowBlank=bool(v.allow_blank), showErrorMessage=bool(v.showErrorMessage),
        errorTitle=v.errorTitle, error=v.error) for v in sheet.data_validations.dataValidation]
print(json.dumps(out, ensure_ascii=False))
`

async function validationsByTab(bytes: Uint8Array): Promise<Record<string, ReadValidation[]>> {
  const file = path.join(await temporaryDirectory(), 'book.xlsx')
  await fs.writeFile(file, bytes)
  const output = execFileSync(PYTHON, ['-c', DUMP_VALIDATIONS, file], { encoding: 'utf8' })
  return JSON.parse(output) as Record<string, ReadValidation[]>
}

/** The column letter of a header in a template laid out by the tool (template order). */
function letterOf(header: string, template = SAMPLES): string {
  const index = template.columns.findIndex((column) => column.header === header)
  if (index < 0) throw new Error(`no ${header}`)
  return String.fromCharCode(65 + index)
}

const dateCheck = (sqref: string, header: string, type: 'date' | 'datetime' = 'date') => ({
  sqref,
  type: 'date',
  operator: 'greaterThan',
  formula1: '1',
  errorStyle: 'warning',
  allowBlank: true,
  showErrorMessage: true,
  errorTitle: `“${header}”应填写日期`,
  error: dateEntryHint({ header, type }),
})

describe('taizhang init: date checks in a workbook it creates', () => {
  it("puts a warning date check on each user date column, none on the tool's", async () => {
    const port = newWorkbook()
    runInit(port, { actor: '测试', today: '2026-03-05' as IsoDate }, new Date('2026-03-05T00:30:00Z'))
    const tabs = await validationsByTab(await port.toBuffer())
    const samples = tabs[SAMPLES.name] ?? []
    const dates = samples.filter((validation) => validation.type === 'date')
    const confirmed = letterOf('确认日期')
    const calibrated = letterOf('上次校准日期')
    expect(dates).toEqual([
      dateCheck(`${confirmed}2:${confirmed}5000`, '确认日期'),
      dateCheck(`${calibrated}2:${calibrated}5000`, '上次校准日期'),
    ])
    // 有效期至 and 下次校准日期 are the tool's: no check where nobody is meant to type.
    for (const header of ['有效期至', '下次校准日期'])
      expect(samples.some((validation) => validation.sqref.startsWith(letterOf(header)))).toBe(false)
    const alerts = tabs[TEMPLATES.alerts.name] ?? []
    const deferred = letterOf('暂缓至', TEMPLATES.alerts)
    expect(alerts).toEqual([dateCheck(`${deferred}2:${deferred}5000`, '暂缓至')])
    const leads = (tabs[TEMPLATES.leads.name] ?? []).filter((validation) => validation.type === 'date')
    const reported = letterOf('报备时间', TEMPLATES.leads)
    expect(leads[0]).toEqual(dateCheck(`${reported}2:${reported}5000`, '报备时间', 'datetime'))
    expect(leads[0]?.error).toContain('14:30')
  })
})

describe('taizhang init: date checks on an existing tab', () => {
  it("adds one under an appended header only, and keeps the user's validations as they were", async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet(SAMPLES.name)
    const headers = SAMPLES.columns.map((column) => column.header).filter((h) => h !== '上次校准日期')
    sheet.getRow(1).values = headers
    sheet.getRow(2).values = headers.map((header) => (header === '样件编号' ? 'YJ-1' : null))
    const confirmed = String.fromCharCode(65 + headers.indexOf('确认日期'))
    const model = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model
    // The user's own: a stricter date check on 确认日期 and a list on 样件编号.
    model[`${confirmed}2:${confirmed}300`] = {
      type: 'date',
      operator: 'greaterThan',
      formulae: [new Date(Date.UTC(2020, 0, 1))],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: '质量部：确认日期不能早于 2020 年',
    }
    model['A2:A50'] = { type: 'textLength', operator: 'lessThan', formulae: [20], showErrorMessage: true }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const before = await validationsByTab(bytes)
    const port = await packageOf(workbook)
    expect(port.ensureTab(SAMPLES).addedHeaders).toEqual(['上次校准日期'])
    const saved = await port.toBuffer()
    const after = (await validationsByTab(saved))[SAMPLES.name] ?? []
    const users = before[SAMPLES.name] ?? []
    expect(users).toHaveLength(2)
    expect(after.slice(0, users.length)).toEqual(users)
    const appended = String.fromCharCode(65 + headers.length)
    expect(after.slice(users.length)).toEqual([dateCheck(`${appended}2:${appended}5000`, '上次校准日期')])
    // Byte for byte: the user's elements are kept as the file had them.
    const elements = (xml: string) =>
      [...xml.matchAll(/<dataValidation\s[\s\S]*?<\/dataValidation>/g)].map((m) => m[0])
    const original = elements(sheetXml(bytes, SAMPLES.name))
    expect(elements(sheetXml(saved, SAMPLES.name)).slice(0, original.length)).toEqual(original)
    // A second init adds nothing more.
    const again = XlsxPackage.fromBytes(saved)
    expect(again.ensureTab(SAMPLES).addedHeaders).toEqual([])
    expect((await validationsByTab(await again.toBuffer()))[SAMPLES.name]).toEqual(after)
  })
})
