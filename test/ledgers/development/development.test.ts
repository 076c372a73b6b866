import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const SHEET = TEMPLATES.keyDevelopment.name
const GOOD: Row = { 信用状况: '良好', 经营业绩: '佳', 合作态度: '积极', 影响程度: '重大' }

function plan(fields: Row = {}): Row {
  return { 客户编号: 'KH-009', 客户名称: '广汽埃安新能源汽车有限公司', ...fields }
}

/** An approved plan in progress: its own dates keep DEV_* quiet unless the case changes them. */
function approved(fields: Row = {}): Row {
  return plan({
    ...GOOD,
    审批状态: '已批准',
    审批人: '陈志远',
    开发负责人: '刘洋',
    计划开始: d('2026-01-05'),
    计划完成: d('2026-06-30'),
    开发阶段: '报价',
    最近进展日期: d('2026-06-01'),
    ...fields,
  })
}

async function check(plans: readonly Row[], today: string, extra = {}) {
  const book = new MemoryWorkbook({ [SHEET]: tab(TEMPLATES.keyDevelopment, plans), ...extra })
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  return { book, report, codes: report.findings.map((finding) => finding.code) }
}

describe('筛选结论 (重要客户管理规定 3.2)', () => {
  it.each([
    [GOOD, '建议列为重点开发对象'],
    [{ ...GOOD, 经营业绩: '一般' }, '暂不列入：经营业绩一般'],
    [{ ...GOOD, 信用状况: '较差', 合作态度: '消极' }, '暂不列入：信用状况较差、合作态度消极'],
    [{ ...GOOD, 影响程度: '一般' }, '暂不列入：影响程度一般'],
    [{ ...GOOD, 影响程度: null }, '待评价：请填写影响程度'],
    [{}, '待评价：请填写信用状况、经营业绩、合作态度、影响程度'],
    // one failing condition is enough, whatever is still missing
    [{ 信用状况: '一般' }, '暂不列入：信用状况一般'],
  ])('%j → %s', async (fields, conclusion) => {
    const { book } = await check([plan(fields)], '2026-06-01')
    expect(book.cell(SHEET, 2, '筛选结论')).toBe(conclusion)
  })

  it.each([
    [undefined, ['DEV_RECOMMENDED']],
    ['待审批', ['DEV_RECOMMENDED']],
    ['已批准', []], // decided: not raised again
    ['已否决', []],
  ])('a recommended customer with 审批状态 %s → %j', async (status, codes) => {
    const { codes: found } = await check([approved({ 审批状态: status ?? null })], '2026-06-01')
    expect(found).toEqual(codes)
  })

  it('DEV_RECOMMENDED names the customer and asks for approval, without quoting the ratings', async () => {
    const { report, book } = await check([plan(GOOD)], '2026-06-01')
    expect(report.findings[0]).toMatchObject({ sheet: SHEET, row: 2, key: 'KH-009', severity: 'info' })
    expect(report.findings[0]?.message).toContain('客户“广汽埃安新能源汽车有限公司”')
    expect(report.findings[0]?.message).toContain('请报公司主管领导审核批准')
    expect(report.findings[0]?.message).not.toContain('良好')
    expect(book.cell(SHEET, 2, '提醒')).toBe('建议重点开发')
  })

  it('a customer that is not recommended raises nothing', async () => {
    expect(
      (await check([plan({ ...GOOD, 合作态度: '一般', 审批状态: '待审批' })], '2026-06-01')).codes,
    ).toEqual([])
  })
})

describe('DEV_PLAN_OVERDUE: approved plans past 计划完成 not yet at 合作', () => {
  it.each([
    ['2026-06-30', {}, []], // the finish date itself
    ['2026-07-01', {}, ['DEV_PLAN_OVERDUE']],
    ['2026-07-01', { 开发阶段: '合作' }, []], // done
    ['2026-07-01', { 开发阶段: null }, ['DEV_PLAN_OVERDUE']], // no stage yet
    ['2026-07-01', { 审批状态: '待审批' }, []], // not approved: nothing to follow up
    ['2026-07-01', { 审批状态: '已否决' }, []],
  ])('today %s, %j → %j', async (today, fields, codes) => {
    // recent progress keeps DEV_NO_PROGRESS out of the way
    const { codes: found } = await check([approved({ 最近进展日期: d('2026-06-25'), ...fields })], today)
    expect(found.filter((code) => code !== 'DEV_RECOMMENDED')).toEqual(codes)
  })

  it('says how long overdue and at which stage, due on 计划完成', async () => {
    const { report } = await check(
      [approved({ 最近进展日期: d('2026-06-25'), 开发阶段: '小批' })],
      '2026-07-03',
    )
    expect(report.findings[0]).toMatchObject({
      code: 'DEV_PLAN_OVERDUE',
      severity: 'warning',
      due: '2026-06-30',
    })
    expect(report.findings[0]?.message).toContain(
      '应于 2026-06-30 完成，已逾期 3 天，目前处于“小批”阶段；请开发负责人刘洋',
    )
  })
})

describe('DEV_NO_PROGRESS: approved plans without progress for more than 30 days', () => {
  it.each([
    ['2026-07-01', {}, []], // 30 days after 最近进展日期 2026-06-01
    ['2026-07-02', {}, ['DEV_NO_PROGRESS']], // 31 days
    ['2026-07-02', { 开发阶段: '合作' }, []],
    ['2026-07-02', { 审批状态: '待审批' }, []],
    // no progress yet: counted from 计划开始
    ['2026-02-04', { 最近进展日期: null }, []],
    ['2026-02-05', { 最近进展日期: null }, ['DEV_NO_PROGRESS']],
    // a plan that has not started yet
    ['2026-02-05', { 最近进展日期: null, 计划开始: d('2026-03-01') }, []],
  ])('today %s, %j → %j', async (today, fields, codes) => {
    const { codes: found } = await check([approved({ 计划完成: d('2026-12-31'), ...fields })], today)
    expect(found.filter((code) => code !== 'DEV_RECOMMENDED')).toEqual(codes)
  })

  it('follows the 开发无进展天数 parameter and says since when', async () => {
    const parameters = tab(TEMPLATES.parameters, [{ 参数: '开发无进展天数', 值: 10 }])
    const extra = { [TEMPLATES.parameters.name]: parameters }
    const plans = [approved({ 计划完成: d('2026-12-31') })]
    expect((await check(plans, '2026-06-11', extra)).codes).toEqual([])
    const { report } = await check(plans, '2026-06-12', extra)
    expect(report.findings[0]).toMatchObject({ code: 'DEV_NO_PROGRESS', due: '2026-06-11' })
    expect(report.findings[0]?.message).toContain('自最近进展 2026-06-01 起已 11 天没有进展（上限 10 天）')
    const fromStart = await check(
      [approved({ 计划完成: d('2026-12-31'), 最近进展日期: null })],
      '2026-06-12',
      extra,
    )
    expect(fromStart.report.findings[0]?.message).toContain('自计划开始 2026-01-05 起')
  })
})

describe('bad development rows', () => {
  it('an approved plan without its dates is a DATA_INVALID finding naming the column', async () => {
    const { report } = await check(
      [approved({ 计划开始: null, 计划完成: null, 最近进展日期: null })],
      '2026-06-01',
    )
    expect(report.findings.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'DATA_INVALID',
        expect.stringMatching(/^第 2 行 K 列“计划完成”未填写：已批准的开发计划需要计划完成日期/),
      ],
      ['DATA_INVALID', expect.stringMatching(/^第 2 行 J 列“计划开始”未填写/)],
    ])
  })

  it('a finish before the start is a DATA_INVALID finding', async () => {
    const { report } = await check([approved({ 计划完成: d('2025-12-31') })], '2026-06-01')
    expect(report.findings[0]?.message).toContain('“计划完成”的值 2025-12-31 早于计划开始 2026-01-05')
  })
})
