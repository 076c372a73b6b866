/** 样件管理办法 4: a 临时样件 stands in until the 封样样件 of its part exists, not beside it. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { d, type Row, sample, sampleWorkbook } from '../../support/ledger-builder'

const SAMPLES = TEMPLATES.samples.name

describe('SAMPLE_TEMPORARY_SUPERSEDED: a 临时样件 在用 beside a 封样样件 在用 of the same part', () => {
  const temporary = sample({
    样件编号: 'YJ-1',
    零件号: 'QM-1',
    样件性质: '临时样件',
    确认日期: d('2026-02-20'),
  })
  const sealed = sample({ 样件编号: 'YJ-2', 零件号: 'QM-1', 样件性质: '封样样件', 确认日期: d('2026-02-25') })

  async function superseded(samples: readonly Row[]) {
    const book = sampleWorkbook(samples)
    const report = await runCheck(book, { today: '2026-03-03' as IsoDate, actor: 'test' })
    return { book, findings: report.findings.filter((f) => f.code === 'SAMPLE_TEMPORARY_SUPERSEDED') }
  }

  it('is a finding on the temporary sample’s row, labelled in its 提醒 cell', async () => {
    const { book, findings } = await superseded([temporary, sealed])
    expect(findings).toEqual([
      expect.objectContaining({ sheet: SAMPLES, row: 2, key: 'YJ-1', severity: 'warning' }),
    ])
    expect(findings[0]?.message).toContain('YJ-2')
    expect(book.cell(SAMPLES, 2, '提醒')).toBe('【警告】临时样件应停用')
    expect(book.cell(SAMPLES, 3, '提醒') ?? null).toBeNull()
  })

  it.each([
    ['the sealed sample is not in use', [temporary, { ...sealed, 状态: '隔离' }]],
    ['the temporary sample is already retired', [{ ...temporary, 状态: '失效' }, sealed]],
    ['the sealed sample is of another part', [temporary, { ...sealed, 零件号: 'QM-2' }]],
    ['the other sample is not a sealed one', [temporary, { ...sealed, 样件性质: '标准样件' }]],
    [
      'there is no part number to compare',
      [
        { ...temporary, 零件号: null },
        { ...sealed, 零件号: null },
      ],
    ],
  ])('nothing when %s', async (_, samples) => {
    expect((await superseded(samples)).findings).toEqual([])
  })
})
