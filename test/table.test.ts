/**
 * Reading a tab through its template (src/core/table.ts) with the real templates: columns by header
 * text, typed values, and a DATA_INVALID finding (never an exception) for every bad cell.
 */
import { describe, expect, test } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { type Cell, type DateCell, displayCell, isBlank } from '../src/core/cells'
import { type IsoDate, isIsoDate } from '../src/core/dates'
import type { Finding } from '../src/core/findings'
import {
  cellToDateTime,
  columnLetter,
  locateColumns,
  normalizeHeader,
  parseCell,
  readTable,
  requireColumns,
  type SheetTable,
  showDateTime,
  UnusableTabError,
} from '../src/core/table'
import { column, type TabTemplate } from '../src/core/template'
import { toHalfWidth } from '../src/core/text'

const samples = TEMPLATES.samples
const inspections = TEMPLATES.inspections
const sealReviews = TEMPLATES.sealReviews

type RowValues = Readonly<Record<string, Cell>>

/** A tab with the given header row, each data row given by header (missing headers are empty). */
function tab(template: TabTemplate, header: readonly Cell[], rows: readonly RowValues[]): SheetTable {
  const names = header.map((cell) => normalizeHeader(cell))
  return {
    name: template.name,
    header,
    rows: rows.map((row) => {
      const byName = new Map(Object.entries(row).map(([key, cell]) => [normalizeHeader(key), cell]))
      return names.map((name) => byName.get(name) ?? null)
    }),
  }
}

const headersOf = (template: TabTemplate): string[] => template.columns.map((column) => column.header)

function sample(id: string, changes: RowValues = {}): RowValues {
  return {
    样件编号: id,
    样件名称: `样件 ${id}`,
    零件号: 'P-100',
    客户: '一汽',
    样件类型: '参考性样件',
    样件性质: '标准样件',
    材料类别: '塑料件',
    确认日期: { date: '2026-03-05' as IsoDate },
    '有效期(月)': 6,
    上次校准日期: '2026-03-05',
    '校准周期(月)': 12,
    保管部门: '质量部',
    保管人: '张三',
    存放位置: 'A-1',
    状态: '在用',
    ...changes,
  }
}

const SAMPLE_LETTERS: Record<string, string> = {
  样件编号: 'A',
  样件名称: 'B',
  零件号: 'C',
  样件类型: 'E',
  样件性质: 'F',
  材料类别: 'G',
  确认日期: 'H',
  '有效期(月)': 'I',
  上次校准日期: 'J',
  '校准周期(月)': 'K',
  状态: 'O',
}

describe('columnLetter', () => {
  test.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'], // Excel's last column
  ])('column %i is %s', (index, expected) => {
    expect(columnLetter(index)).toBe(expected)
  })
})

describe('cells', () => {
  test.each([
    [null, true],
    ['', true],
    ['   ', true],
    ['\u3000', true],
    ['\n\t', true],
    ['0', false],
    [0, false],
    [false, false],
    [{ date: '2026-03-05' as IsoDate }, false],
  ])('isBlank(%j) is %s', (cell, expected) => {
    expect(isBlank(cell)).toBe(expected)
  })

  test.each([
    [null, ''],
    ['文本', '文本'],
    [12, '12'],
    [-0, '0'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [{ date: '2026-03-05' as IsoDate }, '2026-03-05'],
    [{ date: '2026-03-05' as IsoDate, minutes: 870 }, '2026-03-05 14:30'],
    [{ date: '2026-03-05' as IsoDate, minutes: 5 }, '2026-03-05 00:05'],
  ])('displayCell(%j) is %j', (cell, expected) => {
    expect(displayCell(cell)).toBe(expected)
  })

  test.each([
    ['２０２６／３／５', '2026/3/5'],
    ['１２', '12'],
    ['－５', '-5'],
    ['１４：３０', '14:30'],
    ['有效期（月）', '有效期(月)'],
    ['a\u3000b', 'a b'],
    ['２０２６年３月５日', '2026年3月5日'],
    ['plain', 'plain'],
  ])('toHalfWidth(%j) is %j', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected)
  })
})

describe('normalizeHeader', () => {
  test.each([
    ['有效期（月）', '有效期(月)'],
    [' 状态 ', '状态'],
    ['样件\u3000编号', '样件编号'],
    ['校准周期 ( 月 )', '校准周期(月)'],
    [null, ''],
  ])('%j means %j', (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected)
  })
})

describe('columns are found by header text', () => {
  test('in template order every column is at its own index', () => {
    const columns = locateColumns(samples, headersOf(samples))
    expect([...columns.entries()]).toEqual(headersOf(samples).map((header, index) => [header, index]))
  })

  test('reordered columns with extra user columns read the right cells', () => {
    const header = ['备注（自用）', ...headersOf(samples).reverse(), '照片链接']
    header.splice(5, 0, '我的列')
    const result = readTable(
      samples,
      tab(samples, header, [sample('S-001', { '备注（自用）': '不读', 照片链接: 'x' })]),
    )
    expect(result.findings).toEqual([])
    expect(result.columns.get('样件编号')).toBe(header.indexOf('样件编号'))
    expect(result.columns.get('提醒')).toBe(header.indexOf('提醒'))
    expect(result.columns.has('备注（自用）')).toBe(false)
    expect(result.columns.size).toBe(samples.columns.length)
    const record = result.records[0]
    expect(record?.key).toBe('S-001')
    expect(Object.fromEntries(record?.values ?? [])).toEqual({
      样件编号: 'S-001',
      样件名称: '样件 S-001',
      零件号: 'P-100',
      客户: '一汽',
      样件类型: '参考性样件',
      样件性质: '标准样件',
      材料类别: '塑料件',
      确认日期: '2026-03-05',
      '有效期(月)': 6,
      上次校准日期: '2026-03-05',
      '校准周期(月)': 12,
      保管部门: '质量部',
      保管人: '张三',
      存放位置: 'A-1',
      状态: '在用',
    })
  })

  test('inspections with reordered columns', () => {
    const header = ['检验结果', '备注', '样件编号', '记录编号', '检验日期', '自定义']
    const result = readTable(
      inspections,
      tab(inspections, header, [
        { 记录编号: 'R-1', 样件编号: 'S-001', 检验日期: '2026/3/5', 检验结果: '合格' },
      ]),
    )
    expect(result.findings).toEqual([])
    expect(result.records[0]?.key).toBe('R-1')
    expect(result.records[0]?.values.get('检验日期')).toBe('2026-03-05')
    expect(result.records[0]?.values.get('检验结果')).toBe('合格')
    expect(result.columns.has('检验类型')).toBe(false) // optional and absent
  })

  test('full-width brackets and stray spaces in headers still match', () => {
    const header = headersOf(samples).map((h) =>
      h === '有效期(月)' ? '有效期（月）' : h === '状态' ? ' 状态 ' : h === '样件编号' ? '样件\u3000编号' : h,
    )
    header[header.indexOf('校准周期(月)')] = '校准周期 （月）'
    const result = readTable(
      samples,
      tab(samples, header, [sample('S-001', { '有效期(月)': '3', 状态: '隔离' })]),
    )
    expect(result.findings).toEqual([])
    expect(result.columns.get('有效期(月)')).toBe(8)
    expect(result.columns.get('状态')).toBe(14)
    expect(result.records[0]?.values.get('有效期(月)')).toBe(3)
    expect(result.records[0]?.values.get('状态')).toBe('隔离')
    expect(result.records[0]?.values.get('校准周期(月)')).toBe(12)
  })

  test('a missing optional column is fine', () => {
    const header = headersOf(samples).filter((h) => h !== '零件号' && h !== '客户')
    const result = readTable(samples, tab(samples, header, [sample('S-001')]))
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.has('零件号')).toBe(false)
  })

  test.each([
    [samples, '确认日期'], // required
    [samples, '样件编号'], // the key
    [inspections, '检验结果'],
    [sealReviews, '申请编号'],
  ])('%#: without “%s” the tab is unusable, and the error names tab and header', (template, missing) => {
    const header = headersOf(template).filter((h) => h !== missing)
    let error: unknown
    try {
      readTable(template, tab(template, header, []))
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UnusableTabError)
    expect((error as UnusableTabError).sheet).toBe(template.name)
    expect((error as UnusableTabError).message).toContain(`工作表“${template.name}”`)
    expect((error as UnusableTabError).message).toContain(`“${missing}”`)
  })

  test('every missing header is named at once', () => {
    expect(() => readTable(samples, tab(samples, ['样件编号', '样件名称'], []))).toThrow(
      /“样件性质”、“材料类别”、“确认日期”、“状态”，/,
    )
  })

  test.each([['提醒'], ['有效期至'], ['下次校准日期', '提醒']])(
    'without the tool column %s the tab is still read, and one finding names what is missing',
    (...missing) => {
      const header = headersOf(samples).filter((h) => !missing.includes(h))
      const result = readTable(samples, tab(samples, header, [sample('S-001')]))
      expect(result.records).toHaveLength(1)
      expect(result.findings).toHaveLength(1)
      expect(result.findings[0]).toMatchObject({ sheet: samples.name, row: 1, code: 'DATA_INVALID' })
      expect(result.findings[0]?.message).toContain(missing.map((h) => `“${h}”`).join('、'))
      expect(result.columns.has(missing[0] ?? '')).toBe(false)
    },
  )

  test('a reader that needs columns the template does not require names them as locateColumns does', () => {
    const alerts = TEMPLATES.alerts
    const header = headersOf(alerts).filter((h) => h !== '代码' && h !== '级别')
    // 提醒汇总 requires nothing: readTable reads it, and the reader says what it cannot do without.
    const { columns } = readTable(alerts, tab(alerts, header, []))
    expect(() => requireColumns(alerts, columns, ['台账', '代码', '级别'], '台账 → 初始化台账')).toThrow(
      new UnusableTabError(
        alerts.name,
        '工作表“提醒汇总”缺少列 “代码”、“级别”，请在第 1 行补上表头（可运行“台账 → 初始化台账”自动补齐）',
      ),
    )
    expect(() => requireColumns(alerts, columns, ['台账', '说明'])).not.toThrow()
  })

  test('an empty header row is unusable', () => {
    expect(() => readTable(samples, { name: samples.name, header: [], rows: [] })).toThrow(UnusableTabError)
  })

  test('a duplicated header is unusable, and the error names both column letters', () => {
    const header = [...headersOf(samples), ' 状态']
    expect(header.indexOf('状态')).toBe(14)
    expect(header.length - 1).toBe(18)
    expect(() => readTable(samples, tab(samples, header, []))).toThrow(UnusableTabError)
    expect(() => readTable(samples, tab(samples, header, []))).toThrow('有两列都叫“状态”（第 O 列和第 S 列）')
  })

  test('a duplicated header that differs only in brackets is still a duplicate', () => {
    const header = ['有效期（月）', ...headersOf(samples)]
    expect(() => readTable(samples, tab(samples, header, []))).toThrow('第 A 列和第 J 列')
  })

  test('a duplicated extra user column is not the tool’s business', () => {
    const result = readTable(
      samples,
      tab(samples, [...headersOf(samples), '备注', '备注'], [sample('S-001')]),
    )
    expect(result.findings).toEqual([])
  })
})

describe('blank rows', () => {
  test('are skipped but counted, and row numbers stay sheet rows', () => {
    const table = tab(samples, headersOf(samples), [
      sample('S-001'),
      {},
      { 样件编号: '   ', 样件名称: '\u3000', 零件号: null },
      sample('S-002'),
    ])
    const result = readTable(samples, table)
    expect(result.findings).toEqual([])
    expect(result.records.map((record) => [record.row, record.key])).toEqual([
      [2, 'S-001'],
      [5, 'S-002'],
    ])
    expect(result.rowCount).toBe(4)
  })

  test('a row shorter than the header is read as ending in empty cells', () => {
    const header = headersOf(samples)
    const full = tab(samples, header, [sample('S-001')]).rows[0] ?? []
    const short = full.slice(0, header.indexOf('状态') + 1)
    const result = readTable(samples, { name: samples.name, header, rows: [short] })
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.get('状态')).toBe('在用')
  })

  test('a row holding only what the tool wrote earlier is blank (the user cleared it)', () => {
    const table = tab(samples, headersOf(samples), [
      sample('S-001'),
      { 有效期至: { date: '2026-09-05' as IsoDate }, 提醒: '已过期' },
    ])
    const result = readTable(samples, table)
    expect(result.findings).toEqual([])
    expect(result.records.map((record) => record.row)).toEqual([2])
    expect(result.rowCount).toBe(2)
  })

  test('a row holding only an extra user column is blank for the tool', () => {
    const result = readTable(samples, tab(samples, [...headersOf(samples), '备注'], [{ 备注: '待补' }]))
    expect(result.records).toEqual([])
    expect(result.findings).toEqual([])
  })

  test('owned columns are never read as input', () => {
    const result = readTable(
      samples,
      tab(samples, headersOf(samples), [sample('S-001', { 有效期至: 'garbage' })]),
    )
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.has('有效期至')).toBe(false)
  })
})

/** Row 3 holds the bad cell, between two good rows. */
function readWithBadRow(template: TabTemplate, rows: readonly RowValues[]) {
  return readTable(template, tab(template, headersOf(template), rows))
}

function expectOneProblem(findings: readonly Finding[], sheet: string, row: number, key: string): Finding {
  expect(findings).toHaveLength(1)
  const finding = findings[0] as Finding
  expect(finding).toMatchObject({ sheet, row, key, code: 'DATA_INVALID', severity: 'error', due: null })
  return finding
}

describe('every bad cell is one DATA_INVALID finding, and the rest still parses', () => {
  // [header, bad cell, the value as the user sees it, what the message must say about it]
  test.each<[string, Cell, string, string]>([
    ['确认日期', '2026-3-5x', '2026-3-5x', '不是有效日期，请填写日期，例如 2026-03-05'],
    ['确认日期', '2026-02-30', '2026-02-30', '不是有效日期，请填写日期，例如 2026-03-05'],
    ['确认日期', '2026-13-01', '2026-13-01', '不是有效日期'],
    ['确认日期', '3/5/2026', '3/5/2026', '不是有效日期'],
    ['确认日期', '2026-03-05 25:00', '2026-03-05 25:00', '不是有效日期'],
    ['确认日期', true, 'TRUE', '不是有效日期'],
    ['确认日期', 60, '60', '不是有效日期'], // below the first serial
    ['确认日期', 2_958_466, '2958466', '不是有效日期'],
    ['确认日期', 2026, '2026', '不是有效日期'], // a year typed alone is not serial 2026 (1905-07-18)
    ['确认日期', 9_999, '9999', '不是有效日期'],
    ['确认日期', 100_000, '100000', '不是有效日期'],
    ['确认日期', 46_086.5, '46086.5', '不是有效日期'], // a fraction is not a date as displayed
    ['确认日期', '4608', '4608', '不是有效日期'], // four digits are not a serial
    ['确认日期', '460860', '460860', '不是有效日期'],
    ['确认日期', '=TODAY()', '=TODAY()', '不是有效日期'],
    ['确认日期', { date: '2026-02-30' as IsoDate }, '2026-02-30', '不是有效日期'], // a host bug
    ['上次校准日期', '2026年2月30日', '2026年2月30日', '不是有效日期'],
    ['样件性质', '正式样件', '正式样件', '不在可选值之内，请从下拉列表中选择：临时样件、封样样件、标准样件'],
    ['材料类别', '铝件', '铝件', '请从下拉列表中选择：冲压件、标准件、塑料件、橡胶件、其他'],
    ['状态', true, 'TRUE', '请从下拉列表中选择：在用、隔离、失效、已销毁'],
    ['状态', 1, '1', '不在可选值之内'],
    ['样件类型', '参考样件', '参考样件', '请从下拉列表中选择：参考性样件、指导性样件'],
    ['有效期(月)', '6个月', '6个月', '不是整数，请填写数字，例如 12'],
    ['有效期(月)', '12.5', '12.5', '不是整数，请填写整数，例如 12'],
    ['有效期(月)', 12.5, '12.5', '不是整数，请填写整数，例如 12'],
    ['有效期(月)', 0, '0', '小于允许的最小值 1，请填写 1 到 120 之间的整数'],
    ['有效期(月)', -3, '-3', '小于允许的最小值 1，请填写 1 到 120 之间的整数'],
    ['有效期(月)', 121, '121', '大于允许的最大值 120，请填写 1 到 120 之间的整数'],
    ['有效期(月)', '1e3', '1e3', '不是整数'],
    ['有效期(月)', Number.NaN, 'NaN', '不是数字，请填写数字'],
    ['有效期(月)', Number.POSITIVE_INFINITY, 'Infinity', '不是数字，请填写数字'],
    ['有效期(月)', 1e300, '1e+300', '大于允许的最大值 120'],
    ['有效期(月)', true, 'TRUE', '不是整数'],
    ['有效期(月)', { date: '2026-03-05' as IsoDate }, '2026-03-05', '不是整数'],
    ['校准周期(月)', 'abc', 'abc', '不是整数'],
  ])('%s = %j', (header, bad, shown, says) => {
    const result = readWithBadRow(samples, [
      sample('S-001'),
      sample('S-002', { [header]: bad }),
      sample('S-003'),
    ])
    const finding = expectOneProblem(result.findings, '样件台账', 3, 'S-002')
    expect(finding.message.startsWith(`第 3 行 ${SAMPLE_LETTERS[header]} 列“${header}”的值“${shown}”`)).toBe(
      true,
    )
    expect(finding.message).toContain(says)
    expect(finding.message).toContain('请') // says how to fix it
    expect(result.records.map((record) => record.key)).toEqual(['S-001', 'S-002', 'S-003'])
    expect(result.records[0]?.values.size).toBe(15)
    expect(result.records[2]?.values.size).toBe(15)
    // the rest of the bad row reads as it would without the bad cell
    const badRecord = result.records[1]
    expect([...(badRecord?.invalid ?? [])]).toEqual([header])
    const good = readWithBadRow(samples, [sample('S-002')]).records[0]
    const expected = new Map(good?.values)
    expected.delete(header)
    expect(badRecord?.values).toEqual(expected)
    expect(badRecord?.values.size).toBe(14)
  })

  test.each([
    ['样件名称', null],
    ['样件名称', ''],
    ['确认日期', '   '],
    ['样件性质', '\u3000'],
    ['材料类别', null],
    ['状态', null],
  ])('a required %s left empty (%j)', (header, empty) => {
    const result = readWithBadRow(samples, [
      sample('S-001'),
      sample('S-002', { [header]: empty }),
      sample('S-003'),
    ])
    const finding = expectOneProblem(result.findings, '样件台账', 3, 'S-002')
    expect(finding.message).toBe(`第 3 行 ${SAMPLE_LETTERS[header]} 列“${header}”未填写，这是必填项，请补上`)
    expect(result.records).toHaveLength(3)
    expect(result.records[1]?.values.has(header)).toBe(false)
    expect(result.records[1]?.invalid.size).toBe(0) // empty, not invalid
  })

  test('a missing key leaves the record without a key', () => {
    const result = readWithBadRow(samples, [sample('S-001'), sample('', { 样件编号: null })])
    const finding = expectOneProblem(result.findings, '样件台账', 3, '')
    expect(finding.message).toBe('第 3 行 A 列“样件编号”未填写，这是必填项，请补上')
    expect(result.records[1]?.key).toBe('')
  })

  test('optional cells may be empty', () => {
    const result = readWithBadRow(samples, [
      sample('S-001', { '有效期(月)': null, 上次校准日期: '', 零件号: null, 样件类型: ' ' }),
    ])
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.size).toBe(11)
  })

  test('several bad cells in one row give one finding each, in column order', () => {
    const result = readWithBadRow(samples, [
      sample('S-001', { 确认日期: 'x', 状态: '报废', '有效期(月)': 0, 样件名称: null }),
    ])
    expect(result.findings.map((finding) => finding.message.split('“')[0])).toEqual([
      '第 2 行 B 列',
      '第 2 行 H 列',
      '第 2 行 I 列',
      '第 2 行 O 列',
    ])
    expect([...(result.records[0]?.invalid ?? [])]).toEqual(['确认日期', '有效期(月)', '状态'])
  })

  test('a duplicate key names the first row, once per later row', () => {
    const result = readWithBadRow(samples, [
      sample('S-001'),
      sample('S-002'),
      sample(' S-001 '),
      sample('S-001'),
    ])
    expect(result.findings).toHaveLength(2)
    expect(result.findings[0]).toMatchObject({
      row: 4,
      key: 'S-001',
      code: 'DATA_INVALID',
      severity: 'error',
    })
    expect(result.findings[0]?.message).toBe(
      '第 4 行 A 列“样件编号”的值“S-001”与第 2 行重复，编号必须唯一，请改用新编号',
    )
    expect(result.findings[1]?.row).toBe(5)
    expect(result.findings[1]?.message).toContain('与第 2 行重复')
  })

  test('keys that differ are not duplicates; case and full-width do not make a key differ', () => {
    const result = readWithBadRow(samples, [
      sample('S-001'),
      sample('S-0010'),
      sample('s-001'),
      sample('Ｓ－００１'),
    ])
    expect(result.findings.map((finding) => finding.row)).toEqual([4, 5])
    expect(result.findings[0]?.message).toContain('的值“s-001”与第 2 行重复')
  })

  test('a very long bad value is quoted short in the message', () => {
    const long = `坏${'x'.repeat(100_000)}`
    const result = readWithBadRow(samples, [sample('S-001', { 确认日期: long })])
    const finding = expectOneProblem(result.findings, '样件台账', 2, 'S-001')
    expect(finding.message).toContain(`“坏${'x'.repeat(59)}…”`)
    expect(finding.message.length).toBeLessThan(200)
  })
})

describe('good cells of every kind', () => {
  test.each<[string, Cell, string | number]>([
    // formula-like text is text: kept verbatim, never evaluated
    ['零件号', '=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")'],
    ['零件号', '+1', '+1'],
    ['零件号', '@SUM(A1)', '@SUM(A1)'],
    ['零件号', '  P-1  ', 'P-1'],
    ['零件号', { date: '2026-03-05' as IsoDate }, '2026-03-05'], // a part number Excel turned into a date
    ['零件号', { date: '2026-03-05' as IsoDate, minutes: 870 }, '2026-03-05 14:30'],
    ['零件号', 12_345, '12345'],
    ['零件号', true, 'TRUE'],
    ['客户', '😀 客户\u{20000}', '😀 客户\u{20000}'],
    // dates
    ['确认日期', { date: '2026-03-05' as IsoDate }, '2026-03-05'],
    ['确认日期', { date: '2026-03-05' as IsoDate, minutes: 600 }, '2026-03-05'],
    ['确认日期', 46_086, '2026-03-05'], // Excel serial
    ['确认日期', 45_658, '2025-01-01'],
    ['确认日期', 10_000, '1927-05-18'], // the first five-digit serial
    ['确认日期', 99_999, '2173-10-13'],
    ['确认日期', '46086', '2026-03-05'], // a serial pasted as text
    ['确认日期', ' 46086 ', '2026-03-05'],
    ['确认日期', '４６０８６', '2026-03-05'],
    ['确认日期', '2026/3/5', '2026-03-05'],
    ['确认日期', '2026.3.5', '2026-03-05'],
    ['确认日期', '2026年3月5日', '2026-03-05'],
    ['确认日期', '2026年3月5号', '2026-03-05'],
    ['确认日期', '2026-03-05 14:30', '2026-03-05'],
    ['确认日期', '２０２６-03-05', '2026-03-05'],
    ['确认日期', '２０２６／３／５', '2026-03-05'],
    // integers
    ['有效期(月)', 1, 1],
    ['有效期(月)', 120, 120],
    ['有效期(月)', '12', 12],
    ['有效期(月)', ' 12 ', 12],
    ['有效期(月)', '12.0', 12],
    ['有效期(月)', '１２', 12],
    ['有效期(月)', 6.0, 6],
    // enums
    ['状态', ' 在用 ', '在用'],
    ['材料类别', '橡胶件', '橡胶件'],
  ])('%s = %j reads as %j', (header, cell, expected) => {
    const result = readWithBadRow(samples, [sample('S-001', { [header]: cell })])
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.get(header)).toBe(expected)
  })
})

describe('datetime cells (封样评审 通知时间, column E)', () => {
  const review = (id: string, notice: Cell): RowValues => ({ 申请编号: id, 通知时间: notice })
  const minutes = (hours: number, mins: number): number => (hours * 60 + mins) / 1440

  test.each<[Cell, string]>([
    ['2026-03-05 14:30', '2026-03-05T14:30'],
    ['2026-03-05T14:30', '2026-03-05T14:30'],
    ['2026/3/5 9:05', '2026-03-05T09:05'],
    ['2026年3月5日 14:30', '2026-03-05T14:30'],
    ['2026年3月5日14:30', '2026-03-05T14:30'],
    ['2026-03-05 14:30:45', '2026-03-05T14:30'], // seconds dropped
    ['2026-03-05 00:00', '2026-03-05T00:00'],
    ['2026-03-05 23:59', '2026-03-05T23:59'],
    ['２０２６-03-05 １４：３０', '2026-03-05T14:30'],
    ['2026-03-05', '2026-03-05T00:00'], // a date alone is its midnight
    [46_086.5, '2026-03-05T12:00'],
    [46_086, '2026-03-05T00:00'],
    [46_086 + minutes(14, 30), '2026-03-05T14:30'],
    [46_086 + minutes(23, 59), '2026-03-05T23:59'],
    [46_086.999_9, '2026-03-06T00:00'], // 23:59:51 rounds to the next midnight
    [{ date: '2026-03-05' as IsoDate, minutes: 870 }, '2026-03-05T14:30'],
    [{ date: '2026-03-05' as IsoDate }, '2026-03-05T00:00'],
  ])('%j reads as %s', (cell, expected) => {
    const result = readWithBadRow(sealReviews, [review('F-1', cell)])
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.get('通知时间')).toBe(expected)
  })

  test.each<[Cell, string]>([
    ['2026-03-05 25:00', '2026-03-05 25:00'],
    ['2026-03-05 14:60', '2026-03-05 14:60'],
    ['2026年3月5日 25:00', '2026年3月5日 25:00'],
    ['2026-02-30 10:00', '2026-02-30 10:00'],
    ['下午两点', '下午两点'],
    [true, 'TRUE'],
    [60.5, '60.5'],
    [Number.NaN, 'NaN'],
    [{ date: '2026-03-05' as IsoDate, minutes: 1440 }, '2026-03-05 24:00'],
  ])('%j is one finding', (cell, shown) => {
    const result = readWithBadRow(sealReviews, [review('F-1', '2026-03-05 09:00'), review('F-2', cell)])
    const finding = expectOneProblem(result.findings, '封样评审', 3, 'F-2')
    expect(finding.message).toBe(
      `第 3 行 E 列“通知时间”的值“${shown}”不是有效的日期时间，请填写例如 2026-03-05 14:30`,
    )
    expect(result.records[0]?.values.get('通知时间')).toBe('2026-03-05T09:00')
    expect(result.records[1]?.invalid.has('通知时间')).toBe(true)
  })
})

describe('datetime cells that must hold a time of day (渠道报备 报备时间, timeRequired)', () => {
  const leads = TEMPLATES.leads
  const report = (time: Cell): RowValues => ({
    报备编号: 'BB-1',
    分销商: '甲',
    客户电话: '13812341234',
    报备时间: time,
    客户属地: '本地',
  })

  test.each<[Cell, string]>([
    ['2026-03-05 14:30', '2026-03-05T14:30'],
    ['2026-03-05 00:00', '2026-03-05T00:00'], // typed as text, midnight is a time
    [46_086.5, '2026-03-05T12:00'],
    [{ date: '2026-03-05' as IsoDate, minutes: 1 }, '2026-03-05T00:01'],
  ])('%j reads as %s', (cell, expected) => {
    const result = readTable(leads, tab(leads, headersOf(leads), [report(cell)]))
    expect(result.findings).toEqual([])
    expect(result.records[0]?.values.get('报备时间')).toBe(expected)
  })

  test.each<[Cell, string]>([
    ['2026-03-05', '2026-03-05'],
    ['2026年3月5日', '2026年3月5日'],
    [46_086, '46086'],
    [{ date: '2026-03-05' as IsoDate }, '2026-03-05'], // a date cell: the hosts hand midnight over like this
  ])('%j is one finding: no time of day', (cell, shown) => {
    const result = readTable(leads, tab(leads, headersOf(leads), [report(cell)]))
    expect(result.findings.map((finding) => finding.message)).toEqual([
      `第 2 行 E 列“报备时间”的值“${shown}”只有日期、没有时刻：这一列要精确到分钟，请填写例如 2026-03-05 14:30`,
    ])
    expect(result.records[0]?.invalid.has('报备时间')).toBe(true)
  })
})

// --- property: arbitrary cells never make readTable throw ---

/** mulberry32: a tiny seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const STRINGS: readonly string[] = [
  '',
  ' ',
  '\u3000',
  'S-1',
  'S-2',
  '2026-03-05',
  '2026-02-30',
  '２０２６／３／５',
  '46086',
  '12',
  '12.5',
  '-0',
  '在用',
  '塑料件',
  '标准样件',
  '=HYPERLINK("http://x","y")',
  '📦样件🔧',
  'e\u0301\u0301',
  '\uD800', // a lone surrogate
  'x'.repeat(100_000),
  '2026年3月5日 25:00',
  'null',
  'undefined',
  '__proto__',
  'constructor',
]

function randomCell(random: () => number): Cell {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const kind = Math.floor(random() * 6)
  switch (kind) {
    case 0: {
      if (random() < 0.5) return pick(STRINGS)
      const length = Math.floor(random() * 20)
      return Array.from({ length }, () =>
        String.fromCodePoint(Math.floor(random() * 0x10ffff) & 0xffff),
      ).join('')
    }
    case 1:
      return pick([
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -0,
        0,
        1,
        120,
        121,
        1e300,
        -1e300,
        Number.MAX_SAFE_INTEGER,
        Number.MIN_VALUE,
        46_086,
        46_086.5,
        2_958_466,
        (random() - 0.5) * 1e6,
        Math.floor(random() * 200) - 50,
      ])
    case 2:
      return random() < 0.5
    case 3: {
      const year = 1900 + Math.floor(random() * 200)
      const month = 1 + Math.floor(random() * 12)
      const day = 1 + Math.floor(random() * 28)
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate
      const cell: DateCell = random() < 0.5 ? { date } : { date, minutes: Math.floor(random() * 1440) }
      return random() < 0.05 ? { date: 'not a date' as IsoDate } : cell
    }
    default:
      return null
  }
}

describe('arbitrary cells', () => {
  test.each([1, 2, 3, 20_260_305])(
    'seed %i: 2,000 random rows never throw and every finding is well-formed',
    (seed) => {
      const random = prng(seed)
      const header = [...headersOf(samples), '用户列']
      const rows = Array.from({ length: 2_000 }, () => header.map(() => randomCell(random)))
      const result = readTable(samples, { name: samples.name, header, rows })

      expect(result.rowCount).toBe(2_000)
      expect(result.records.length).toBeGreaterThan(0)
      expect(result.findings.length).toBeGreaterThan(0)
      for (const finding of result.findings) {
        expect(finding.sheet).toBe('样件台账')
        expect(finding.code).toBe('DATA_INVALID')
        expect(finding.severity).toBe('error')
        expect(finding.due).toBeNull()
        expect(Number.isInteger(finding.row)).toBe(true)
        expect(finding.row).toBeGreaterThanOrEqual(2)
        expect(finding.row).toBeLessThanOrEqual(2_001)
        expect(finding.message.startsWith(`第 ${finding.row} 行 `)).toBe(true)
        expect(finding.message.length).toBeLessThan(400)
      }
      const rowsWithRecords = new Set(result.records.map((record) => record.row))
      for (const finding of result.findings) expect(rowsWithRecords.has(finding.row)).toBe(true)

      for (const record of result.records) {
        const findingsOfRow = result.findings.filter((finding) => finding.row === record.row)
        expect(findingsOfRow.length).toBeGreaterThanOrEqual(record.invalid.size)
        for (const [header, value] of record.values) {
          const column = samples.columns.find((c) => c.header === header)
          expect(column?.owned).not.toBe(true)
          expect(record.invalid.has(header)).toBe(false)
          switch (column?.type) {
            case 'date':
              expect(isIsoDate(String(value))).toBe(true)
              break
            case 'integer':
              expect(Number.isInteger(value)).toBe(true)
              expect(value).toBeGreaterThanOrEqual(column.min ?? Number.NEGATIVE_INFINITY)
              expect(value).toBeLessThanOrEqual(column.max ?? Number.POSITIVE_INFINITY)
              break
            case 'enum':
              expect(column.options).toContain(value)
              break
            case 'text':
              expect(typeof value).toBe('string')
              expect(value).not.toBe('')
              break
            default:
              throw new Error(`unexpected column ${header}`)
          }
        }
      }
    },
  )
})

describe('a huge sheet', () => {
  test('20,000 rows parse, and one bad cell deep inside is found', () => {
    const header = headersOf(samples)
    const rows = Array.from({ length: 20_000 }, (_, index) =>
      sample(`S-${index + 1}`, index === 14_999 ? { 确认日期: '2026-02-30' } : {}),
    )
    const result = readTable(samples, tab(samples, header, rows))
    expect(result.records).toHaveLength(20_000)
    expect(result.records[19_999]?.row).toBe(20_001)
    expect(result.records[19_999]?.key).toBe('S-20000')
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]?.row).toBe(15_001)
    expect(result.findings[0]?.key).toBe('S-15000')
  })
})

describe('a checkbox in a 是/否 column', () => {
  const trial = column(TEMPLATES.sealReviews, '需试装')
  test.each<[Cell, string]>([
    [true, '是'],
    [false, '否'],
  ])('%j reads as %s', (cell, expected) => {
    expect(parseCell(trial, cell)).toEqual({ value: expected })
  })

  test('is not a value of a column without 是/否', () => {
    expect(parseCell(column(TEMPLATES.samples, '状态'), true)).toHaveProperty('problem')
  })
})

describe('showDateTime', () => {
  test('a date-time read from a cell reads in messages as the sheet shows it', () => {
    const at = cellToDateTime({ date: '2026-03-01' as IsoDate, minutes: 9 * 60 + 30 })
    expect(at && showDateTime(at)).toBe('2026-03-01 09:30')
    const midnight = cellToDateTime('2026/3/1')
    expect(midnight && showDateTime(midnight)).toBe('2026-03-01 00:00')
  })
})
