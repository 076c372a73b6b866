import { describe, expect, it } from 'vitest'
import { ALL_TEMPLATES, TEMPLATES } from '../src/app/tabs'
import type { OutputCell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { isoDateToSerial } from '../src/core/dates'
import { CONFIDENTIAL_COLUMN_NOTE, OWNED_COLUMN_NOTE } from '../src/core/template'
import { protectText, toSheetValue, ZonedCalendar } from '../src/hosts/gas/cell-values'
import { OWNED_HEADER_COLOR, SheetsWorkbook, USER_HEADER_COLOR } from '../src/hosts/gas/sheets-workbook'
import {
  FakeDataValidation,
  FakeDataValidationBuilder,
  FakeSpreadsheet,
  serialToInstant,
} from './support/gas-fakes'

const day = (text: string) => text as IsoDate

function workbookOver(spreadsheet: FakeSpreadsheet): SheetsWorkbook {
  return new SheetsWorkbook(spreadsheet, () => new FakeDataValidationBuilder(spreadsheet.log))
}

const SAMPLE_HEADERS = TEMPLATES.samples.columns.map((column) => column.header)

describe('protectText: text stays text in Google Sheets', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+123', "'+123"],
    ['-5', "'-5"],
    ['@user', "'@user"],
    ["'quoted", "''quoted"],
    ['#N/A', "'#N/A"],
    ['123', "'123"],
    ['0012', "'0012"],
    ['1,280.50', "'1,280.50"],
    ['12%', "'12%"],
    ['$12', "'$12"],
    ['1e5', "'1e5"],
    ['2026-03-05', "'2026-03-05"],
    ['3/5', "'3/5"],
    ['14:30', "'14:30"],
    ['2026年3月5日', "'2026年3月5日"],
    ['TRUE', "'TRUE"],
    ['false', "'false"],
    ['Mar 5', "'Mar 5"],
    ['5 March 2026', "'5 March 2026"],
    [' =1+1', "' =1+1"],
  ])('%s is written as %s', (text, written) => {
    expect(protectText(text)).toBe(written)
  })

  it.each(['YJ-2026-001', '样件已过期，请更换', '有效期至 2026-03-05，已过期', 'A', 'march madness', ''])(
    '%s is written unchanged',
    (text) => {
      expect(protectText(text)).toBe(text)
    },
  )
})

describe('ZonedCalendar: instants from getValues() as calendar dates of the spreadsheet', () => {
  it.each([
    ['Asia/Shanghai', '2026-03-05T16:00:00Z', { date: '2026-03-06' }],
    ['Asia/Shanghai', '2026-03-05T15:59:00Z', { date: '2026-03-05', minutes: 1439 }],
    ['Asia/Shanghai', '2026-03-05T15:59:59.999Z', { date: '2026-03-06' }], // a serial a millisecond short
    ['Asia/Shanghai', '2026-03-05T06:30:00Z', { date: '2026-03-05', minutes: 870 }],
    ['America/Los_Angeles', '2026-03-08T08:00:00Z', { date: '2026-03-08' }], // the day DST starts
    ['America/Los_Angeles', '2026-11-01T07:00:00Z', { date: '2026-11-01' }], // the day DST ends
    ['UTC', '2024-02-29T00:00:00Z', { date: '2024-02-29' }],
  ])('%s %s', (timeZone, instant, cell) => {
    expect(new ZonedCalendar(timeZone).cellOf(new Date(instant))).toEqual(cell)
  })

  it('shows a bare time of day as text, so that the core reports it as no date', () => {
    const calendar = new ZonedCalendar('Asia/Shanghai')
    expect(calendar.cellOf(serialToInstant(0.5, 'Asia/Shanghai'))).toBe('12:00')
  })

  it('round-trips every day of a leap year through a serial in several time zones', () => {
    for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Pacific/Kiritimati']) {
      const calendar = new ZonedCalendar(timeZone)
      for (
        let serial = isoDateToSerial(day('2028-01-01'));
        serial <= isoDateToSerial(day('2028-12-31'));
        serial++
      ) {
        const cell = calendar.cellOf(serialToInstant(serial, timeZone))
        expect(toSheetValue(cell)).toBe(serial)
      }
    }
  })
})

describe('SheetsWorkbook.readTab', () => {
  it('reads a tab with one getValues and converts its cells', () => {
    const spreadsheet = new FakeSpreadsheet('Asia/Shanghai')
    spreadsheet.addSheet('样件台账', [
      ['样件编号', '确认日期', '有效期(月)', '备注', '在用'],
      ["'0012", '2026-03-05', 12, '', true],
      ['S-2', '2026-03-05 14:30', '6', 'x', false],
    ])
    spreadsheet.addSheet('其他', [['a']])
    const workbook = workbookOver(spreadsheet)
    spreadsheet.log.reset()

    const table = workbook.readTab('样件台账')

    expect(table?.header).toEqual(['样件编号', '确认日期', '有效期(月)', '备注', '在用'])
    expect(table?.rows).toEqual([
      ['0012', { date: '2026-03-05' }, 12, null, true],
      ['S-2', { date: '2026-03-05', minutes: 870 }, 6, 'x', false],
    ])
    expect(workbook.readTab('没有这张表')).toBeUndefined()
    workbook.readTab('其他')
    expect(spreadsheet.log.byMethod()).toEqual({
      'Range.getValues': 2,
      'Sheet.getDataRange': 2,
      'Sheet.getName': 2,
      'Spreadsheet.getSheets': 1,
    })
  })

  it('reads an empty tab as a blank header and no rows', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('空表')
    expect(workbookOver(spreadsheet).readTab('空表')).toEqual({ name: '空表', header: [null], rows: [] })
  })

  it('lists the tabs in order', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('A')
    spreadsheet.addSheet('B')
    expect(workbookOver(spreadsheet).tabNames()).toEqual(['A', 'B'])
  })
})

function sampleRows(count: number): unknown[][] {
  const rows: unknown[][] = [SAMPLE_HEADERS]
  for (let i = 1; i <= count; i++) {
    const row: unknown[] = SAMPLE_HEADERS.map(() => '')
    row[0] = `YJ-${i}`
    row[1] = `样件${i}`
    row[5] = '标准样件'
    row[6] = '冲压件'
    row[7] = '2026-01-15'
    row[14] = '在用'
    rows.push(row)
  }
  return rows
}

function ownedWrites(count: number, expiry: OutputCell, note: string) {
  const column = (header: string) => SAMPLE_HEADERS.indexOf(header)
  return [
    { column: column('提醒'), values: Array.from({ length: count }, () => note) },
    { column: column('有效期至'), values: Array.from({ length: count }, () => expiry) },
    { column: column('下次校准日期'), values: Array.from({ length: count }, () => null) },
  ]
}

describe('SheetsWorkbook.writeColumns', () => {
  it('writes adjacent owned columns as one block, dates as serials with a date format', () => {
    const spreadsheet = new FakeSpreadsheet()
    const sheet = spreadsheet.addSheet('样件台账', sampleRows(3))
    const workbook = workbookOver(spreadsheet)
    const before = sheet.snapshot().map((row) => row.slice(0, 15))
    spreadsheet.log.reset()

    workbook.writeColumns(
      '样件台账',
      ownedWrites(3, { date: day('2027-01-15') }, '=HYPERLINK("http://x","y")'),
    )

    expect(spreadsheet.log.byMethod()).toEqual({
      'Range.setValues': 1,
      'RangeList.setNumberFormat': 1,
      'Sheet.getRange': 1,
      'Sheet.getRangeList': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.getName': 1,
    })
    const expiryColumn = SAMPLE_HEADERS.indexOf('有效期至') + 1
    for (let row = 2; row <= 4; row++) {
      expect(sheet.cells[row - 1]?.[expiryColumn - 1]).toBe(isoDateToSerial(day('2027-01-15')))
      expect(sheet.formatAt(row, expiryColumn)).toBe('yyyy-mm-dd')
      expect(sheet.valueAt(row, expiryColumn + 2)).toBe('=HYPERLINK("http://x","y")')
    }
    expect(sheet.formulas.size).toBe(0)
    expect(sheet.snapshot().map((row) => row.slice(0, 15))).toEqual(before)
    expect(workbook.readTab('样件台账')?.rows[0]?.slice(15)).toEqual([
      { date: '2027-01-15' },
      null,
      '=HYPERLINK("http://x","y")',
    ])
  })

  it('splits columns that are not adjacent into separate blocks', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('T', [
      ['a', 'b', 'c', 'd'],
      [1, 2, 3, 4],
    ])
    const workbook = workbookOver(spreadsheet)
    spreadsheet.log.reset()
    workbook.writeColumns('T', [
      { column: 3, values: ['x'] },
      { column: 0, values: ['y'] },
      { column: 2, values: ['z'] },
    ])
    expect(spreadsheet.log.of('Range.setValues')).toBe(2)
    expect(spreadsheet.sheet('T').snapshot()).toEqual([
      ['a', 'b', 'c', 'd'],
      ['y', 2, 'z', 'x'],
    ])
  })

  it('makes the same number of Sheets calls for 10 and for 10,000 rows', () => {
    const counts = [10, 10_000].map((count) => {
      const spreadsheet = new FakeSpreadsheet()
      spreadsheet.addSheet('样件台账', sampleRows(count))
      const workbook = workbookOver(spreadsheet)
      workbook.readTab('样件台账')
      workbook.writeColumns('样件台账', ownedWrites(count, { date: day('2027-01-15') }, '即将到期'))
      return spreadsheet.log.byMethod()
    })
    expect(counts[1]).toEqual(counts[0])
  })

  it('rejects a column written twice (a bug in the caller)', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('T', [['a'], [1]])
    expect(() =>
      workbookOver(spreadsheet).writeColumns('T', [
        { column: 0, values: ['x'] },
        { column: 0, values: ['y'] },
      ]),
    ).toThrow(/twice/)
  })
})

describe('SheetsWorkbook.replaceToolTab', () => {
  const alerts = TEMPLATES.alerts

  it('creates the tab from its template and writes header and rows at once', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    workbook.replaceToolTab(alerts, [
      ['样件台账', 2, '+123', 'SAMPLE_EXPIRED', '已过期', '错误', '已过期', { date: day('2026-03-05') }],
      ['样件台账', 3, '=HYPERLINK("http://x","y")', 'SAMPLE_EXPIRING', '即将到期', '警告', '即将到期', null],
    ])
    const sheet = spreadsheet.sheet('提醒汇总')
    expect(sheet.snapshot()).toEqual([
      ['台账', '行', '编号', '代码', '事项', '级别', '说明', '期限', '处理情况', '暂缓至'],
      [
        '样件台账',
        2,
        '+123',
        'SAMPLE_EXPIRED',
        '已过期',
        '错误',
        '已过期',
        serialToInstant(isoDateToSerial(day('2026-03-05')), 'Asia/Shanghai'),
        '',
        '',
      ],
      [
        '样件台账',
        3,
        '=HYPERLINK("http://x","y")',
        'SAMPLE_EXPIRING',
        '即将到期',
        '警告',
        '即将到期',
        '',
        '',
        '',
      ],
    ])
    expect(sheet.formulas.size).toBe(0)
    expect(sheet.frozenRows).toBe(1)
  })

  it('replaces the old rows: fewer rows leave nothing behind, more rows grow the sheet', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    const row = (n: number): OutputCell[] => [
      '样件台账',
      n,
      `YJ-${n}`,
      'SAMPLE_EXPIRED',
      '已过期',
      '错误',
      '已过期',
      null,
    ]
    workbook.replaceToolTab(
      alerts,
      Array.from({ length: 1500 }, (_, i) => row(i + 2)),
    )
    const sheet = spreadsheet.sheet('提醒汇总')
    expect(sheet.lastRow()).toBe(1501)
    expect(sheet.maxRows).toBeGreaterThanOrEqual(1501)

    workbook.replaceToolTab(alerts, [row(9)])
    expect(sheet.lastRow()).toBe(2)
    expect(sheet.snapshot()[1]?.[2]).toBe('YJ-9')

    workbook.replaceToolTab(alerts, [])
    expect(sheet.snapshot()).toEqual([
      ['台账', '行', '编号', '代码', '事项', '级别', '说明', '期限', '处理情况', '暂缓至'],
    ])
  })

  it('wraps 说明 (found by its header), reads each row from the top and freezes the header again', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    const long = '样件“前门铰链总成（左）”已于 2026-11-02 过期，请停止使用并重新封样。'.repeat(3)
    const row = (text: string): OutputCell[] => ['样件台账', 2, 'YJ-1', 'SAMPLE_EXPIRED', '错误', text, null]
    workbook.replaceToolTab(alerts, [row(long), row('短')])
    const sheet = spreadsheet.sheet('提醒汇总')
    // A user unfroze the header (the print dialog repeats only frozen rows): the next write freezes it.
    sheet.frozenRows = 0
    workbook.replaceToolTab(alerts, [row(long), row('短'), row(long)])
    expect(sheet.frozenRows).toBe(1)
    const header = sheet.snapshot()[0] ?? []
    const explanation = header.indexOf('说明')
    const wraps = (column: number) => [2, 3, 4].map((r) => sheet.wrapAt(r, column + 1))
    expect(wraps(explanation)).toEqual([true, true, true])
    expect(wraps(header.indexOf('代码'))).toEqual([false, false, false])
    expect(sheet.verticalAlignmentAt(4, header.indexOf('台账') + 1)).toBe('top')
  })
})

describe('SheetsWorkbook.replaceToolTab over a tab of an older layout', () => {
  it('rewrites 提醒汇总 laid out before 事项 in template order, its header notes on the columns they belong to', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    const old = ['台账', '行', '编号', '代码', '级别', '说明', '期限', '处理情况', '暂缓至']
    const sheet = spreadsheet.addSheet('提醒汇总', [
      old,
      ['样件台账', 2, 'YJ-1', 'SAMPLE_EXPIRED', '错误', '已过期', '', '王立：送检', ''],
    ])
    // The notes the older version gave its user columns (H, I).
    sheet.getRange(1, 8, 1, 2).setNotes([['由您填写：处理情况', '由您填写：暂缓至']])
    const row: OutputCell[] = [
      '样件台账',
      2,
      'YJ-1',
      'SAMPLE_EXPIRED',
      '已过期',
      '错误',
      '已过期',
      null,
      '王立：送检',
      null,
    ]
    // The check reads the tab (for its notes) before it rewrites it.
    expect(workbook.readTab('提醒汇总')?.header).toEqual(old)
    workbook.replaceToolTab(TEMPLATES.alerts, [row])
    const headers = TEMPLATES.alerts.columns.map((column) => column.header)
    expect(sheet.snapshot()[0]).toEqual(headers)
    expect(sheet.snapshot()[1]?.[headers.indexOf('处理情况')]).toBe('王立：送检')
    const noteOf = (header: string) => sheet.noteAt(1, headers.indexOf(header) + 1) ?? ''
    expect(noteOf('期限')).not.toContain('由您填写')
    expect(noteOf('处理情况')).toContain('由您填写')
    expect(noteOf('暂缓至')).toContain('由您填写')
    // A tab already in the template's layout is not restyled on every run, and costs no extra call.
    const next = workbookOver(spreadsheet)
    next.readTab('提醒汇总')
    spreadsheet.log.reset()
    next.replaceToolTab(TEMPLATES.alerts, [row])
    expect(spreadsheet.log.byMethod()['Range.setNotes']).toBeUndefined()
    expect(spreadsheet.log.byMethod()['Range.getValues']).toBeUndefined()
  })
})

describe('SheetsWorkbook.appendRows', () => {
  it('wraps 结果 of 操作日志 in the rows it appends', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    const log = TEMPLATES.log
    const line = (result: string): OutputCell[] => ['2026-12-02 09:00:00', '检查', '王立', result]
    workbook.appendRows(log, [line('已检查样件台账 30 条、'.repeat(8))])
    workbook.appendRows(log, [line('短'), line('短')])
    const sheet = spreadsheet.sheet(log.name)
    const result = (sheet.snapshot()[0] ?? []).indexOf('结果') + 1
    expect([2, 3, 4].map((row) => sheet.wrapAt(row, result))).toEqual([true, true, true])
    expect(sheet.wrapAt(3, 1)).toBe(false)
    expect(sheet.verticalAlignmentAt(4, 1)).toBe('top')
  })

  it('appends after the last row with one setValues, creating the tab when missing', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    workbook.appendRows(TEMPLATES.log, [['2026-03-05 07:00', '每日检查', 'a@example.com', '完成']])
    spreadsheet.log.reset()
    workbook.appendRows(TEMPLATES.log, [['2026-03-06 07:00', '每日检查', 'a@example.com', '完成']])
    expect(spreadsheet.sheet('操作日志').snapshot()).toEqual([
      ['时间', '操作', '执行人', '结果'],
      ['2026-03-05 07:00', '每日检查', 'a@example.com', '完成'],
      ['2026-03-06 07:00', '每日检查', 'a@example.com', '完成'],
    ])
    expect(spreadsheet.log.of('Range.setValues')).toBe(1)
  })

  it('follows the headers of a tab whose columns the user moved, adding missing ones', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('操作日志', [
      ['执行人', '时间', '我的备注', '操作'],
      ['b@example.com', "'2026-03-01 08:00", '手写', '初始化台账'],
    ])
    workbookOver(spreadsheet).appendRows(TEMPLATES.log, [
      ['2026-03-05 07:00', '每日检查', 'a@example.com', '完成'],
    ])
    expect(spreadsheet.sheet('操作日志').snapshot()).toEqual([
      ['执行人', '时间', '我的备注', '操作', '结果'],
      ['b@example.com', '2026-03-01 08:00', '手写', '初始化台账', ''],
      ['a@example.com', '2026-03-05 07:00', '', '每日检查', '完成'],
    ])
  })

  it('does nothing for no rows', () => {
    const spreadsheet = new FakeSpreadsheet()
    workbookOver(spreadsheet).appendRows(TEMPLATES.log, [])
    expect(spreadsheet.sheets).toEqual([])
  })
})

describe('SheetsWorkbook.ensureTab', () => {
  it('creates every template tab with header, colours, notes, dropdowns and formats', () => {
    const spreadsheet = new FakeSpreadsheet()
    const workbook = workbookOver(spreadsheet)
    for (const template of ALL_TEMPLATES) {
      expect(workbook.ensureTab(template)).toEqual({ created: true, addedHeaders: [] })
    }
    expect(spreadsheet.sheetNames()).toEqual(ALL_TEMPLATES.map((template) => template.name))

    const sheet = spreadsheet.sheet('样件台账')
    expect(sheet.headerRow()).toEqual(SAMPLE_HEADERS)
    expect(sheet.frozenRows).toBe(1)
    const at = (header: string) => SAMPLE_HEADERS.indexOf(header) + 1
    expect(sheet.fontWeightAt(1, 1)).toBe('bold')
    expect(sheet.backgroundAt(1, at('样件编号'))).toBe(USER_HEADER_COLOR)
    expect(sheet.backgroundAt(1, at('有效期至'))).toBe(OWNED_HEADER_COLOR)
    expect(sheet.noteAt(1, at('有效期至'))).toBe(OWNED_COLUMN_NOTE)
    expect(sheet.noteAt(1, at('有效期(月)'))).toBe('留空则按材料类别取默认有效期')
    expect(sheet.noteAt(1, at('样件编号'))).toBeUndefined()
    const customers = spreadsheet.sheet('客户档案')
    const phone = TEMPLATES.customers.columns.findIndex((column) => column.header === '电话') + 1
    expect(customers.noteAt(1, phone)).toBe(CONFIDENTIAL_COLUMN_NOTE)
    expect(sheet.formatAt(2, at('确认日期'))).toBe('yyyy-mm-dd')
    expect(sheet.formatAt(1000, at('有效期至'))).toBe('yyyy-mm-dd')
    expect(sheet.formatAt(2, at('样件编号'))).toBe('@')
    expect(sheet.formatAt(2, at('提醒'))).toBeUndefined()
    const rule = sheet.validationAt(500, at('材料类别'))
    expect(rule).toBeInstanceOf(FakeDataValidation)
    expect((rule as FakeDataValidation).values).toEqual(['冲压件', '标准件', '塑料件', '橡胶件', '其他'])
    expect(sheet.validationAt(1, at('材料类别'))).toBeUndefined()
    expect(sheet.validationAt(2, at('样件编号'))).toBeUndefined()
    expect(spreadsheet.sheet('封样评审').formatAt(2, 5)).toBe('yyyy-mm-dd hh:mm')
  })

  it('writes seed rows into a new tab', () => {
    const spreadsheet = new FakeSpreadsheet()
    workbookOver(spreadsheet).ensureTab(TEMPLATES.parameters, [
      ['提醒窗口(天)', '30', '到期前多少天开始提醒'],
    ])
    expect(spreadsheet.sheet('参数').snapshot()).toEqual([
      ['参数', '值', '说明'],
      ['提醒窗口(天)', '30', '到期前多少天开始提醒'],
    ])
  })

  it('appends only the missing headers after the last column of an existing tab', () => {
    const spreadsheet = new FakeSpreadsheet()
    const rows = [
      ['样件名称', '我的列', '样件编号', '', '状态'],
      ['卡扣', '自己的备注', 'YJ-1', '', '在用'],
      ['', '', '', '', '', '', '第 G 列也有东西'],
    ]
    const sheet = spreadsheet.addSheet('样件台账', rows)
    const before = sheet.snapshot()
    const result = workbookOver(spreadsheet).ensureTab(TEMPLATES.samples)

    const missing = SAMPLE_HEADERS.filter((header) => !['样件名称', '样件编号', '状态'].includes(header))
    expect(result).toEqual({ created: false, addedHeaders: missing })
    const after = sheet.snapshot()
    expect(after[0]).toEqual([...(before[0] ?? []), ...missing])
    expect(after.slice(1).map((row) => row.slice(0, 7))).toEqual(before.slice(1))
    expect(after.slice(1).every((row) => row.slice(7).every((value) => value === ''))).toBe(true)
    expect(sheet.backgroundAt(1, 1)).toBeUndefined()
    expect(sheet.backgroundAt(1, 8)).toBe(USER_HEADER_COLOR)
  })

  it('accepts headers typed with full-width brackets and spaces', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('样件台账', [
      SAMPLE_HEADERS.map((header) => header.replace('(', '（').replace(')', '） ')),
    ])
    expect(workbookOver(spreadsheet).ensureTab(TEMPLATES.samples).addedHeaders).toEqual([])
  })

  it('lays out an existing empty tab like a new one', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('节假日')
    const result = workbookOver(spreadsheet).ensureTab(TEMPLATES.holidays)
    expect(result).toEqual({ created: false, addedHeaders: ['日期', '类型', '说明'] })
    expect(spreadsheet.sheet('节假日').frozenRows).toBe(1)
  })

  it('leaves a complete tab alone', () => {
    const spreadsheet = new FakeSpreadsheet()
    spreadsheet.addSheet('节假日', [['日期', '类型', '说明']])
    const workbook = workbookOver(spreadsheet)
    spreadsheet.log.reset()
    expect(workbook.ensureTab(TEMPLATES.holidays)).toEqual({ created: false, addedHeaders: [] })
    expect(spreadsheet.log.of('Range.setValues')).toBe(0)
  })
})
