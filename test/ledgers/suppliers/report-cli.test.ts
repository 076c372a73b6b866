/** `taizhang report <book> --year 2026 --suppliers`: 年度评定 in the file, the user's 分类 untouched. */
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import { EXIT_OK, EXIT_USAGE } from '../../../src/cli/main'
import { openWorkbookFile } from '../../../src/hosts/xlsx/workbook-file'
import { inProcess } from '../../support/cli-process'
import { demoBook } from '../../support/demo-book'
import { removeTemporaryDirectories } from '../../xlsx-helpers'

afterAll(removeTemporaryDirectories)

const NOW = new Date('2026-12-02T02:00:00Z')

describe('taizhang report --year --suppliers', () => {
  it('writes 年度评定 into the demo workbook and prints each supplier', async () => {
    const file = await demoBook(NOW)
    const before = (await openWorkbookFile(file)).readTab(TEMPLATES.suppliers.name)
    const run = await inProcess(NOW, 'report', file, '--year', '2026', '--suppliers')
    expect(run.status, run.stderr).toBe(EXIT_OK)
    expect(run.stdout).toContain('2026 年供应商年度评定')
    expect(run.stdout).toContain('名录里的“分类”没有改动')
    const book = await openWorkbookFile(file)
    const annual = book.readTab(TEMPLATES.supplierAnnual.name)
    expect(annual?.rows.map((row) => row[1])).toEqual([
      'GYS-001',
      'GYS-002',
      'GYS-003',
      'GYS-004',
      'GYS-005',
      'GYS-006',
    ])
    expect(book.readTab(TEMPLATES.suppliers.name)?.rows).toEqual(before?.rows)

    const json = await inProcess(NOW, 'report', file, '--year', '2026', '--suppliers', '--json')
    expect(json.status, json.stderr).toBe(EXIT_OK)
    const parsed = JSON.parse(json.stdout) as { suppliers: { id: string; months: (number | null)[] }[] }
    // GYS-004 was not rated three months before December: its September is empty, not 0.
    expect(parsed.suppliers.find((s) => s.id === 'GYS-004')?.months[8]).toBe(null)
  }, 60_000)

  it.each([
    [['--suppliers'], '--year <年份> --suppliers'],
    [['--year', '2026', '--suppliers', '--survey'], '不与 --survey、--period 同用'],
    [['--year', '2026', '--suppliers', '--period', '2026H1'], '不与 --survey、--period 同用'],
  ])('%j is a usage error', async (options, message) => {
    const run = await inProcess(NOW, 'report', 'x.xlsx', ...options)
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(message)
  })
})
