/** PPAP提交 (供应商管理办法 三; 附件2 PPAP管理办法): the level matrix, deadlines and interim approvals. */
import { describe, expect, it } from 'vitest'
import { createContext } from '../../../src/app/context'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import type { Finding } from '../../../src/core/findings'
import {
  DEFAULT_LEVEL_MATRIX,
  formatElements,
  levelMatrix,
  parseElements,
} from '../../../src/ledgers/suppliers/ppap-matrix'
import { readSupplierLedger } from '../../../src/ledgers/suppliers/suppliers'
import { d, type Row } from '../../support/ledger-builder'
import { check, PPAP, workbook } from './support'

const ALL = Array.from({ length: 18 }, (_, index) => index + 1)

function ppap(fields: Row = {}): Row {
  return {
    零件号: 'HJ-200-01',
    供应商编号: 'GYS-1',
    提交等级: 3,
    要求提交日期: d('2026-06-01'),
    提交日期: d('2026-05-28'),
    状态: '批准',
    元素: '全部',
    ...fields,
  }
}

describe('the level matrix (AIAG PPAP 4th edition, table 4.2: the elements marked S)', () => {
  it('requires by default, level by level', () => {
    expect(Object.fromEntries(DEFAULT_LEVEL_MATRIX)).toEqual({
      1: [18],
      2: [1, 2, 9, 10, 12, 13, 14, 18],
      3: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18],
      4: [18],
      5: ALL,
    })
  })

  it.each([
    [1, '18', []],
    [1, '', [18]],
    [2, '1,2,9,10,18', [12, 13, 14]],
    [3, '1-14,17,18', []],
    [3, '1-14,18', [17]],
    [4, 'PSW', []],
    [5, '1-14,17,18', [15, 16]],
    [5, '全部', []],
  ])('level %i with 元素 “%s” misses %j', async (level, elements, missing) => {
    const { book, on } = await check({ ppap: [ppap({ 提交等级: level, 元素: elements })] }, '2026-06-15')
    expect(on(PPAP).map((f) => f.code)).toEqual(missing.length > 0 ? ['PPAP_INCOMPLETE'] : [])
    expect(book.cell(PPAP, 2, '缺少元素')).toBe(missing.length > 0 ? formatElements(missing) : null)
  })

  it('takes the default level 3 when 提交等级 is blank, and the 参数 default when set', async () => {
    const blank = await check({ ppap: [ppap({ 提交等级: null, 元素: '1-14,18' })] }, '2026-06-15')
    expect(blank.book.cell(PPAP, 2, '缺少元素')).toBe('17')
    const two = await check(
      {
        ppap: [ppap({ 提交等级: null, 元素: '1,2,9,10,12-14,18' })],
        parameters: [{ 参数: 'PPAP默认提交等级', 值: 2 }],
      },
      '2026-06-15',
    )
    expect(two.codes(PPAP)).toEqual([])
  })

  it('a level outside 1–5 is DATA_INVALID', async () => {
    const { on } = await check({ ppap: [ppap({ 提交等级: 6 })] }, '2026-06-15')
    expect(on(PPAP).map((f) => f.code)).toEqual(['DATA_INVALID'])
    expect(on(PPAP)[0]?.message).toContain('C 列“提交等级”的值“6”大于允许的最大值 5')
  })

  it('is overridden per level by the 参数 text parameter PPAP等级矩阵', async () => {
    const override = '{"4": "1,2,9,10,18", "2": [1, 2, 9, 18]}'
    const { book, codes } = await check(
      {
        ppap: [
          ppap({ 提交等级: 4, 元素: '18' }),
          ppap({ 零件号: 'HJ-2', 提交等级: 2, 元素: '1,2,9,18' }),
          ppap({ 零件号: 'HJ-3', 提交等级: 3, 元素: '1-14,18' }),
        ],
        parameters: [{ 参数: 'PPAP等级矩阵', 值: override }],
      },
      '2026-06-15',
    )
    expect(codes(PPAP)).toEqual(['PPAP_INCOMPLETE', 'PPAP_INCOMPLETE'])
    expect(book.cell(PPAP, 2, '缺少元素')).toBe('1,2,9,10')
    expect(book.cell(PPAP, 3, '缺少元素')).toBe(null)
    expect(book.cell(PPAP, 4, '缺少元素')).toBe('17') // level 3 as by default
  })

  it.each([
    ['{"4": "1,2', '不是有效的 JSON'],
    ['[1, 2]', '应是以提交等级为键的 JSON 对象'],
    ['{"6": "18"}', '的键“6”不是提交等级 1–5'],
    ['{"4": "18,19"}', '中 4 级的元素“19”不是 1–18 的元素编号'],
  ])('a bad override %s is DATA_INVALID on 参数, and the default stays', async (override, message) => {
    const { on, book } = await check(
      {
        ppap: [ppap({ 提交等级: 4, 元素: '' })],
        parameters: [{ 参数: 'PPAP等级矩阵', 值: override }],
      },
      '2026-06-15',
    )
    const problems = on(TEMPLATES.parameters.name)
    expect(problems.map((f) => [f.code, f.row])).toEqual([['DATA_INVALID', 2]])
    expect(problems[0]?.message).toContain('“值”')
    expect(problems[0]?.message).toContain(message)
    expect(book.cell(PPAP, 2, '缺少元素')).toBe('18')
    expect(levelMatrix(override).matrix).toBe(DEFAULT_LEVEL_MATRIX)
  })
})

describe('元素 as typed', () => {
  it.each([
    ['1-14,17,18', [...ALL.slice(0, 14), 17, 18], []],
    ['1、2、9；10 / 18', [1, 2, 9, 10, 18], []],
    ['１～３，ＰＳＷ', [1, 2, 3, 18], []],
    ['全部', ALL, []],
    ['0, 19, 设计, 5-3', [], ['0', '19', '设计', '5-3']],
  ])('“%s” → %j, unknown %j', (text, elements, unknown) => {
    const parsed = parseElements(text)
    expect([...parsed.elements].sort((a, b) => a - b)).toEqual(elements)
    expect(parsed.unknown).toEqual(unknown)
  })

  it('an element that is none is DATA_INVALID naming the cell, and the others still count', async () => {
    const { on, book } = await check({ ppap: [ppap({ 提交等级: 1, 元素: '18, 19' })] }, '2026-06-15')
    expect(on(PPAP).map((f) => f.code)).toEqual(['DATA_INVALID'])
    expect(on(PPAP)[0]?.message).toMatch(/^第 2 行 H 列“元素”中的“19”不是 PPAP 元素编号/)
    expect(book.cell(PPAP, 2, '缺少元素')).toBe(null)
  })
})

describe('PPAP_OVERDUE: not submitted after 要求提交日期', () => {
  it.each([
    ['2026-06-15', '待提交', null, []], // due today
    ['2026-06-14', '待提交', null, ['PPAP_OVERDUE']],
    ['2026-06-14', null, null, ['PPAP_OVERDUE']],
    ['2026-06-14', '已提交', null, ['PPAP_INCOMPLETE']], // submitted, nothing listed
    ['2026-06-14', '待提交', d('2026-06-14'), ['PPAP_INCOMPLETE']], // a 提交日期 is a submission
  ])('required %s, 状态 %s, 提交日期 %j → %j', async (required, status, submitted, expected) => {
    const { codes } = await check(
      { ppap: [ppap({ 要求提交日期: d(required), 状态: status, 提交日期: submitted, 元素: null })] },
      '2026-06-15',
    )
    expect(codes(PPAP)).toEqual(expected)
  })
})

describe('临时批准: valid on its last day, reminded within 临时批准到期提醒(天) = 14', () => {
  it.each([
    ['2026-06-14', ['PPAP_INTERIM_EXPIRED']],
    ['2026-06-15', ['PPAP_INTERIM_EXPIRING']],
    ['2026-06-29', ['PPAP_INTERIM_EXPIRING']],
    ['2026-06-30', []],
  ])('有效期至 %s, today 2026-06-15 → %j', async (until, expected) => {
    const { codes } = await check(
      { ppap: [ppap({ 状态: '临时批准', 临时批准有效期至: d(until) })] },
      '2026-06-15',
    )
    expect(codes(PPAP)).toEqual(expected)
  })

  it('临时批准 without 有效期至 is DATA_INVALID; 有效期至 on an approved part means nothing', async () => {
    const { on } = await check(
      {
        ppap: [
          ppap({ 状态: '临时批准' }),
          ppap({ 零件号: 'HJ-2', 状态: '批准', 临时批准有效期至: d('2026-01-01') }),
        ],
      },
      '2026-06-15',
    )
    expect(on(PPAP).map((f) => [f.code, f.row])).toEqual([['DATA_INVALID', 2]])
    expect(on(PPAP)[0]?.message).toContain('G 列“临时批准有效期至”未填写')
  })
})

describe('小批量认可 通过 without 批准 (三.2)', () => {
  it.each([
    ['批准', []],
    ['临时批准', []],
    ['已提交', ['PPAP_VOLUME_UNAPPROVED']],
    ['待提交', ['PPAP_VOLUME_UNAPPROVED']],
    ['拒收', ['PPAP_VOLUME_UNAPPROVED']],
    [null, ['PPAP_VOLUME_UNAPPROVED']],
  ])('状态 %s → %j', async (status, expected) => {
    const { codes } = await check(
      {
        ppap: [
          ppap({ 状态: status, 小批量认可: '通过', 临时批准有效期至: d('2026-12-31'), 要求提交日期: null }),
        ],
      },
      '2026-06-15',
    )
    expect(codes(PPAP)).toEqual(expected)
  })

  it('小批量认可 未通过 is no flag', async () => {
    const { codes } = await check({ ppap: [ppap({ 状态: '已提交', 小批量认可: '未通过' })] }, '2026-06-15')
    expect(codes(PPAP)).toEqual([])
  })
})

describe('ids', () => {
  it('matches 供应商编号 case- and width-insensitively; an unknown one is DATA_INVALID', async () => {
    const { on } = await check(
      { ppap: [ppap({ 供应商编号: 'ｇｙｓ－１' }), ppap({ 零件号: 'HJ-2', 供应商编号: 'GYS-9' })] },
      '2026-06-15',
    )
    expect(on(PPAP).map((f) => [f.code, f.row, f.key])).toEqual([['DATA_INVALID', 3, 'HJ-2/GYS-9']])
    expect(on(PPAP)[0]?.message).toBe(
      '第 3 行 B 列“供应商编号”的值“GYS-9”在“供应商名录”中不存在，请核对供应商编号或先在名录中登记该供应商',
    )
  })

  it('the same part and supplier twice is DATA_INVALID on the second row', async () => {
    const { on } = await check(
      { ppap: [ppap(), ppap({ 零件号: 'hj-200-01', 供应商编号: 'gys-1' })] },
      '2026-06-15',
    )
    expect(on(PPAP).map((f) => [f.code, f.row])).toEqual([['DATA_INVALID', 3]])
    expect(on(PPAP)[0]?.message).toContain('已在第 2 行登记')
  })
})

describe('PPAP等级矩阵 under any spelling of its name that the 参数 tab accepts', () => {
  const TODAY = '2026-06-15' as IsoDate
  const PARAMETERS_TAB = TEMPLATES.parameters.name
  // A first row of another parameter, so that the matrix sits on row 3.
  const DEFAULT_LEVEL = { 参数: 'PPAP默认提交等级', 值: 3 }
  const located = (findings: readonly Finding[]) =>
    findings
      .filter((finding) => finding.sheet === PARAMETERS_TAB)
      .map((finding) => [
        finding.code,
        finding.row,
        finding.message.match(/^第 \d+ 行 [A-Z]+ 列“[^”]+”/)?.[0],
      ])

  it.each(['ＰＰＡＰ等级矩阵', 'PPAP 等级矩阵', ' ＰＰＡＰ等级矩阵 ', 'ＰＰＡＰ　等级矩阵'])(
    'a bad value under “%s” is DATA_INVALID on its own 值 cell, read directly and by the check',
    async (name) => {
      const tabs = {
        ppap: [ppap({ 提交等级: 4, 元素: '' })],
        parameters: [DEFAULT_LEVEL, { 参数: name, 值: '{"4": "1,2' }],
      }
      const ledger = readSupplierLedger(createContext(workbook(tabs), TODAY))
      expect(located(ledger?.findings ?? [])).toEqual([['DATA_INVALID', 3, '第 3 行 B 列“值”']])
      expect(ledger?.findings[0]?.message).toContain('不是有效的 JSON')
      expect(ledger?.matrix).toBe(DEFAULT_LEVEL_MATRIX)

      const { report, book } = await check(tabs, TODAY)
      expect(located(report.findings)).toEqual([['DATA_INVALID', 3, '第 3 行 B 列“值”']])
      expect(book.cell(PPAP, 2, '缺少元素')).toBe('18') // the default level 4
    },
  )

  it('a good value under the full-width name is applied', async () => {
    const { report, book } = await check(
      {
        ppap: [ppap({ 提交等级: 4, 元素: '18' })],
        parameters: [DEFAULT_LEVEL, { 参数: 'ＰＰＡＰ等级矩阵', 值: '{"4": "1,2,9,10,18"}' }],
      },
      TODAY,
    )
    expect(located(report.findings)).toEqual([])
    expect(book.cell(PPAP, 2, '缺少元素')).toBe('1,2,9,10')
  })

  it('of two rows naming it, the first is in force and its bad value is reported there, not on the other', async () => {
    const { report, book } = await check(
      {
        ppap: [ppap({ 提交等级: 4, 元素: '' })],
        parameters: [
          { 参数: 'ＰＰＡＰ等级矩阵', 值: '[1, 2]' },
          { 参数: 'PPAP等级矩阵', 值: '{"4": "1,18"}' },
        ],
      },
      TODAY,
    )
    expect(located(report.findings)).toEqual([
      ['DATA_INVALID', 2, '第 2 行 B 列“值”'],
      ['DATA_INVALID', 3, '第 3 行 A 列“参数”'],
    ])
    expect(report.findings.find((finding) => finding.row === 3)?.message).toContain(
      '与第 2 行是同一个参数，按第 2 行计算',
    )
    expect(book.cell(PPAP, 2, '缺少元素')).toBe('18') // the default: the first row's value is bad
  })

  it('of two rows naming it, a bad second row is only a repeat: the first row’s good value is in force', async () => {
    const { report, book } = await check(
      {
        ppap: [ppap({ 提交等级: 4, 元素: '' })],
        parameters: [
          { 参数: 'PPAP等级矩阵', 值: '{"4": "1,18"}' },
          { 参数: 'ＰＰＡＰ等级矩阵', 值: '[1, 2]' },
        ],
      },
      TODAY,
    )
    expect(located(report.findings)).toEqual([['DATA_INVALID', 3, '第 3 行 A 列“参数”']])
    expect(book.cell(PPAP, 2, '缺少元素')).toBe('1,18')
  })
})
