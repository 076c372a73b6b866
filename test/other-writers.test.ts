/**
 * Workbooks saved by other programs, round the tool's own: init, then another program opens and saves
 * the file (as a user would in Excel or WPS), then check. openpyxl (Python) stands in for them here;
 * files that openpyxl saved with cell notes were called corrupt by the old host.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT_OK } from '../src/cli/main'
import { inProcess } from './support/cli-process'
import { packageLosses } from './support/package-diff'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

/** Debian's python3 with python3-openpyxl (.ci/run installs it). */
const PYTHON = '/usr/bin/python3'

describe('a workbook another program saved', () => {
  it('checks a workbook openpyxl saved with notes, formulas and a merge, and keeps them', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const NOW = new Date('2026-12-01T02:00:00Z')
    const init = await inProcess(NOW, 'init', file, '--demo')
    expect(init.status, init.stderr).toBe(EXIT_OK)
    execFileSync(PYTHON, [
      '-c',
      `import openpyxl,sys
from openpyxl.comments import Comment
wb=openpyxl.load_workbook(sys.argv[1])
ws=wb['样件台账']
ws['B2'].comment=Comment('用户的批注','王立')
ws['T1']='我的公式'
ws['T2']='=A2&"-"&B2'
ws.merge_cells('S5:S6')
wb.save(sys.argv[1])`,
      file,
    ])
    const check = await inProcess(NOW, 'check', file, '--today', '2026-12-01')
    expect(check.status, check.stderr).toBe(EXIT_OK)
    const seen = JSON.parse(
      execFileSync(PYTHON, [
        '-c',
        `import openpyxl,sys,json
wb=openpyxl.load_workbook(sys.argv[1])
ws=wb['样件台账']
print(json.dumps({'comment': ws['B2'].comment.text if ws['B2'].comment else None, 'formula': ws['T2'].value,
  'merged': [str(r) for r in ws.merged_cells.ranges], 'expiry': str(ws['P2'].value), 'alerts': wb['提醒汇总'].max_row}))`,
        file,
      ]).toString(),
    )
    expect(seen.comment).toBe('用户的批注')
    expect(seen.formula).toBe('=A2&"-"&B2')
    expect(seen.merged).toContain('S5:S6')
    expect(seen.expiry).toMatch(/^\d{4}-\d{2}-\d{2}/)
    expect(seen.alerts).toBeGreaterThan(10)
  }, 60_000)
})

describe('a ledger tab the user made by hand', () => {
  it('gets the missing headers (colour, note, dropdown) and its tool columns, losing nothing', async () => {
    const file = path.join(await temporaryDirectory(), '手工台账.xlsx')
    execFileSync(PYTHON, [
      '-c',
      `import openpyxl,sys,datetime
from openpyxl.styles import Font
wb=openpyxl.Workbook()
ws=wb.active
ws.title='样件台账'
ws.append(['样件编号','样件名称','样件性质','材料类别','确认日期','状态','我的备注'])
ws.append(['YJ-1','前门铰链','标准样件','冲压件',datetime.date(2025,1,15),'在用','A 柜'])
ws['A1'].font=Font(bold=True,color='FF0000')
ws.freeze_panes='A2'
wb.save(sys.argv[1])`,
      file,
    ])
    const original = await fs.readFile(file)
    const NOW = new Date('2026-12-01T02:00:00Z')
    const init = await inProcess(NOW, 'init', file)
    expect(init.status, init.stderr).toBe(EXIT_OK)
    const check = await inProcess(NOW, 'check', file, '--today', '2026-12-01')
    expect(check.status, check.stderr).toBe(EXIT_OK)
    const result = await fs.readFile(file)
    expect(packageLosses(original, result)).toEqual([])
    const seen = JSON.parse(
      execFileSync(PYTHON, [
        '-c',
        `import openpyxl,sys,json
ws=openpyxl.load_workbook(sys.argv[1])['样件台账']
head=[c.value for c in ws[1]]
col=lambda h: head.index(h)+1
print(json.dumps({'head': head, 'note': ws.cell(1, col('有效期至')).comment.text if ws.cell(1, col('有效期至')).comment else None,
  'expiry': str(ws.cell(2, col('有效期至')).value), 'mine': ws.cell(2, col('我的备注')).value, 'alert': ws.cell(2, col('提醒')).value,
  'red': ws['A1'].font.color.rgb, 'freeze': ws.freeze_panes}))`,
        file,
      ]).toString(),
    )
    expect(seen.head.slice(0, 7)).toEqual([
      '样件编号',
      '样件名称',
      '样件性质',
      '材料类别',
      '确认日期',
      '状态',
      '我的备注',
    ])
    expect(seen.head).toContain('有效期至')
    expect(seen.note).toContain('由台账工具自动计算')
    expect(seen.expiry).toMatch(/^2026-01-15/)
    expect(seen.mine).toBe('A 柜')
    expect(seen.alert).toContain('已过期')
    expect(seen.red).toBe('00FF0000')
    expect(seen.freeze).toBe('A2')
  }, 60_000)
})
