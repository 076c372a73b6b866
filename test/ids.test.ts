/** Issue 13 item 10: ids compare as ids (case, full-width), and 合计 rows are no records. */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { prepareReplyLetter } from '../src/app/reply-letter'
import { prepareSealForm } from '../src/app/seal-form'
import { TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { readTable } from '../src/core/table'
import { firstById, idKey } from '../src/core/text'
import { NOT_THIS_CHANNEL, readFollowUpResults } from '../src/ledgers/leads/follow-up'
import { at, lead } from './ledgers/leads/support'
import { d, sample, sampleWorkbook, tab } from './support/ledger-builder'
import { letterWorkbook } from './support/letter-fixtures'
import { MemoryWorkbook } from './support/memory-workbook'

const SAMPLES = TEMPLATES.samples.name

/** Types into a cell by header, as a user would. */
function setCell(book: MemoryWorkbook, name: string, row: number, header: string, value: Cell): void {
  const rows = book.tabs.get(name) ?? []
  const column = (rows[0] ?? []).indexOf(header)
  const cells = rows[row - 1]
  if (column < 0 || !cells) throw new Error(`${name} ${row} ${header}`)
  cells[column] = value
}

describe('ids compare as ids', () => {
  it.each([
    ['yj-017', 'YJ-017'],
    ['ＹＪ－００１', 'YJ-001'],
    [' YJ-001　', 'YJ-001'],
  ])('%s is the id %s', (typed, id) => {
    expect(idKey(typed)).toBe(id)
  })

  it('firstById: the first value of an id counts, whichever way it is typed; blank ids are left out', () => {
    const rows = [
      { row: 2, id: 'sp-001' },
      { row: 3, id: '' },
      { row: 4, id: 'ＳＰ－００１' },
      { row: 5, id: ' SP-002 ' },
      { row: 6, id: '　' },
    ]
    const byId = firstById(rows, (row) => row.id)
    expect([...byId].map(([id, row]) => [id, row.row])).toEqual([
      ['SP-001', 2],
      ['SP-002', 5],
    ])
    expect(byId.get(idKey('Sp-001'))?.row).toBe(2)
  })

  it('yj-017 and YJ-017 in one ledger are a duplicate, shown as typed', () => {
    const table = tab(TEMPLATES.samples, [sample({ 样件编号: 'YJ-017' }), sample({ 样件编号: 'yj-017' })])
    const result = readTable(TEMPLATES.samples, {
      name: SAMPLES,
      header: table[0] ?? [],
      rows: table.slice(1),
    })
    const messages = result.findings.map((f) => f.message)
    expect(messages).toContain('第 3 行 A 列“样件编号”的值“yj-017”与第 2 行重复，编号必须唯一，请改用新编号')
    expect(result.records.map((r) => r.key)).toEqual(['YJ-017', 'yj-017'])
  })

  it('full-width ＹＪ－００１ and the lower-case yj-001 of 样件检验记录 match the sample YJ-001', async () => {
    const book = sampleWorkbook(
      [sample({ 样件编号: 'ＹＪ－００１', 确认日期: d('2025-01-15') })],
      [{ 记录编号: 'JY-1', 样件编号: 'yj-001', 检验日期: d('2026-11-01'), 检验结果: '合格' }],
    )
    const report = await runCheck(book, { today: '2026-12-02' as IsoDate, actor: 'test' })
    expect(report.findings.filter((f) => f.code === 'DATA_INVALID')).toEqual([])
    // calibrated on 2026-11-01 (12 months by default): not due
    expect(book.cell(SAMPLES, 2, '下次校准日期')).toEqual({ date: '2027-11-01' })
  })
})

describe('a 合计 row', () => {
  it('is skipped with one info finding per tab, not reported as bad data', async () => {
    const book = sampleWorkbook([
      sample({ 样件编号: 'YJ-1' }),
      { 样件编号: '合计', 样件名称: '3 件' },
      { 样件编号: '小计：' },
    ])
    const report = await runCheck(book, { today: '2026-06-02' as IsoDate, actor: 'test' })
    expect(report.findings.filter((f) => f.code === 'DATA_INVALID')).toEqual([])
    const skipped = report.findings.filter((f) => f.code === 'ROW_SKIPPED')
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toMatchObject({ sheet: SAMPLES, row: 3, severity: 'info' })
    expect(skipped[0]?.message).toBe(
      '第 3、4 行的“样件编号”是合计、小计或总计：这是合计行，不是一条记录，本次不检查',
    )
  })
})

/** Issue 13 item 10, the other ledgers: every cross-tab match and every lookup compares ids by idKey. */
describe('ids compare as ids in every ledger', () => {
  const today = '2026-03-25' as IsoDate

  it('渠道报备: BB-001 and bb-001 are one id, so the second report is not decided (the first keeps it)', async () => {
    const leads = [
      lead({ 报备编号: 'BB-001', 客户电话: '13812341234' }),
      lead({ 报备编号: 'ｂｂ－００１', 客户电话: '13900001111', 报备时间: at('2026-03-02 10:00') }),
    ]
    const book = new MemoryWorkbook({ [TEMPLATES.leads.name]: tab(TEMPLATES.leads, leads) })
    const report = await runCheck(book, { today: '2026-03-03' as IsoDate, actor: 'test' })
    const duplicate = report.findings.filter((f) => f.sheet === TEMPLATES.leads.name && f.row === 3)
    expect(duplicate.map((f) => f.code)).toEqual(['DATA_INVALID'])
    expect(duplicate[0]?.message).toContain('与第 2 行重复')
    expect(book.cell(TEMPLATES.leads.name, 2, '归属结论')).toMatch(/^有效：归甲/)
    expect(book.cell(TEMPLATES.leads.name, 3, '归属结论')).toBe('未判定：请先改正本行标出的单元格')
  })

  it('回访抽样: a 回访结果 typed on bb-001 is the result of the report BB-001', () => {
    const rows = tab(TEMPLATES.followUps, [{ 报备编号: 'bb-001', 回访结果: NOT_THIS_CHANNEL }])
    const table = readTable(TEMPLATES.followUps, {
      name: TEMPLATES.followUps.name,
      header: rows[0] ?? [],
      rows: rows.slice(1),
    })
    expect([...readFollowUpResults(table)]).toEqual([['BB-001', NOT_THIS_CHANNEL]])
  })

  it('客户意见调查: 服务编号 fw-1 (and ＦＷ－１) is the service FW-1: no unknown id, no survey due', async () => {
    const service = {
      服务编号: 'FW-1',
      登记日期: d('2026-03-16'),
      客户名称: '一汽大众汽车有限公司',
      派工日期: d('2026-03-17'),
      服务人员: '张伟',
      完成日期: d('2026-03-18'),
      客户签字: '是',
    }
    const book = new MemoryWorkbook({
      [TEMPLATES.services.name]: tab(TEMPLATES.services, [service, { ...service, 服务编号: 'FW-2' }]),
      [TEMPLATES.surveys.name]: tab(TEMPLATES.surveys, [
        { 调查编号: 'DC-1', 服务编号: 'fw-1', 日期: d('2026-03-20') },
        { 调查编号: 'DC-2', 服务编号: 'ＦＷ－２', 日期: d('2026-03-20') },
      ]),
    })
    const report = await runCheck(book, { today, actor: 'test' })
    expect(report.findings.filter((f) => f.code === 'DATA_INVALID')).toEqual([])
    expect(report.findings.filter((f) => f.code === 'SERVICE_SURVEY_DUE')).toEqual([])
  })

  it('the reply letter: --visit zf-2026-001 (or full-width) is the visit ZF-2026-001, named as the row has it', () => {
    for (const typed of ['zf-2026-001', 'ＺＦ－２０２６－００１', ' Zf-2026-001 ']) {
      const prepared = prepareReplyLetter(letterWorkbook(), { id: typed }, { today })
      expect(prepared.visit.id).toBe('ZF-2026-001')
      expect(prepared.fileName).toBe('客户意见答复单-ZF-2026-001')
    }
  })

  it('the reply letter: the visit’s 客户编号 kh-003 finds 客户名称 of KH-003 in 客户档案', () => {
    const visits = [{ 走访编号: 'ZF-3', 客户编号: 'kh-003', 走访日期: d('2026-03-02') }]
    const questions = [{ 走访编号: 'zf-3', 序号: 1, 问题: '问', 答复: '答' }]
    const prepared = prepareReplyLetter(letterWorkbook(visits, questions), { id: 'ZF-3' }, { today })
    expect(prepared.letter.salutation).toBe('尊敬的长城汽车股份有限公司：')
  })

  it('the seal form: --review fy-001 is the review FY-001', () => {
    const book = new MemoryWorkbook({
      [TEMPLATES.sealReviews.name]: tab(TEMPLATES.sealReviews, [
        { 申请编号: 'FY-001', 零件号: 'P-1', 零件名称: '门锁扣板' },
      ]),
    })
    expect(prepareSealForm(book, { id: 'ｆｙ－００１' }, today).review.id).toBe('FY-001')
  })

  it('提醒汇总: a 处理情况 note follows its finding when the record’s id is retyped yj-009 for YJ-009', async () => {
    const book = sampleWorkbook([sample({ 样件编号: 'YJ-009', 确认日期: d('2025-01-15') })])
    await runCheck(book, { today, actor: 'test' })
    const alerts = TEMPLATES.alerts.name
    expect(book.cell(alerts, 2, '编号')).toBe('YJ-009')
    setCell(book, alerts, 2, '处理情况', '王立：3/30 前送检')
    setCell(book, SAMPLES, 2, '样件编号', 'yj-009')
    await runCheck(book, { today, actor: 'test' })
    expect(book.cell(alerts, 2, '编号')).toBe('yj-009')
    expect(book.cell(alerts, 2, '处理情况')).toBe('王立：3/30 前送检')
  })
})
