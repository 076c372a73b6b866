/** 服务登记簿 and 客户意见调查 (客户管理制度 第六–二十条; SPEC §2 items 10–11, §3 Service). */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../src/app/check'
import { TEMPLATES } from '../../../src/app/tabs'
import type { Cell } from '../../../src/core/cells'
import type { IsoDate } from '../../../src/core/dates'
import { d, type Row, tab } from '../../support/ledger-builder'
import { MemoryWorkbook } from '../../support/memory-workbook'

const SERVICES = TEMPLATES.services.name
const SURVEYS = TEMPLATES.surveys.name

/** A request registered, nothing else done yet; override what the case is about. */
function service(fields: Row = {}): Row {
  return { 服务编号: 'FW-1', 登记日期: d('2026-03-16'), 客户名称: '一汽大众汽车有限公司', ...fields }
}

/** A request dispatched, completed, signed and surveyed: nothing due. */
function finished(fields: Row = {}): Row {
  return service({
    派工日期: d('2026-03-17'),
    服务人员: '张伟',
    完成日期: d('2026-03-18'),
    客户签字: '是',
    ...fields,
  })
}

function survey(fields: Row = {}): Row {
  return { 调查编号: 'DC-1', 服务编号: 'FW-1', 日期: d('2026-03-20'), ...fields }
}

async function check(
  services: readonly Row[],
  today: string,
  surveys: readonly Row[] = [],
  extra: Record<string, Cell[][]> = {},
) {
  const book = new MemoryWorkbook({
    [SERVICES]: tab(TEMPLATES.services, services),
    [SURVEYS]: tab(TEMPLATES.surveys, surveys),
    ...extra,
  })
  const report = await runCheck(book, { today: today as IsoDate, actor: 'test' })
  const on = (sheet: string) => report.findings.filter((finding) => finding.sheet === sheet)
  return {
    book,
    report,
    codes: on(SERVICES).map((finding) => finding.code),
    surveyCodes: on(SURVEYS).map((finding) => finding.code),
  }
}

const holidays = (rows: readonly Row[]) => ({ [TEMPLATES.holidays.name]: tab(TEMPLATES.holidays, rows) })
const parameters = (name: string, value: number) => ({
  [TEMPLATES.parameters.name]: tab(TEMPLATES.parameters, [{ 参数: name, 值: value }]),
})

describe('派工期限: the end of the working day after 登记日期 (第十一条)', () => {
  it.each([
    ['2026-09-30', '2026-10-08'], // Wednesday before National Day: the Thursday after it
    ['2026-10-09', '2026-10-10'], // Friday after it: Saturday 10-10 is a make-up working day
    ['2026-02-13', '2026-02-14'], // Friday before Spring Festival: Saturday 02-14 is worked
    ['2026-09-18', '2026-09-20'], // Friday: Sunday 09-20 is worked before Mid-Autumn
    ['2026-09-24', '2026-09-28'], // Thursday before the Mid-Autumn days off (09-25 … 09-27)
    ['2026-03-20', '2026-03-23'], // an ordinary Friday: Monday
  ])('registered %s → 派工期限 %s, written into the owned column', async (registered, deadline) => {
    const { book } = await check([service({ 登记日期: d(registered) })], '2020-01-01')
    expect(book.cell(SERVICES, 2, '派工期限')).toEqual(d(deadline))
  })

  it('counts the company days of the 节假日 tab over the holiday data', async () => {
    // Saturday 03-21 worked: due that day
    const worked = await check([service({ 登记日期: d('2026-03-20') })], '2026-03-22', [], {
      ...holidays([{ 日期: d('2026-03-21'), 类型: '上班', 说明: '年会调休' }]),
    })
    expect(worked.book.cell(SERVICES, 2, '派工期限')).toEqual(d('2026-03-21'))
    expect(worked.codes).toEqual(['SERVICE_NOT_DISPATCHED'])
    // Monday 03-23 a company rest day: due Tuesday, not yet late on it
    const rest = await check([service({ 登记日期: d('2026-03-20') })], '2026-03-24', [], {
      ...holidays([{ 日期: d('2026-03-23'), 类型: '休息', 说明: '公司年会' }]),
    })
    expect(rest.book.cell(SERVICES, 2, '派工期限')).toEqual(d('2026-03-24'))
    expect(rest.codes).toEqual([])
    // a 上班 row overrides a public holiday too
    const holiday = await check([service({ 登记日期: d('2026-09-30') })], '2026-10-02', [], {
      ...holidays([{ 日期: d('2026-10-01'), 类型: '上班', 说明: '值班' }]),
    })
    expect(holiday.book.cell(SERVICES, 2, '派工期限')).toEqual(d('2026-10-01'))
    expect(holiday.codes).toEqual(['SERVICE_NOT_DISPATCHED'])
  })

  it('follows the 派工期限(工作日) parameter: 0 is the day of registration', async () => {
    const { book, codes } = await check([service({ 登记日期: d('2026-03-20') })], '2026-03-21', [], {
      ...parameters('派工期限(工作日)', 0),
    })
    expect(book.cell(SERVICES, 2, '派工期限')).toEqual(d('2026-03-20'))
    expect(codes).toEqual(['SERVICE_NOT_DISPATCHED'])
  })
})

describe('SERVICE_NOT_DISPATCHED and SERVICE_DISPATCHED_LATE (SPEC §3 Service)', () => {
  it.each([
    ['2026-09-30', '2026-09-30', {}, []], // the day of registration
    ['2026-09-30', '2026-10-07', {}, []], // inside the holiday
    ['2026-09-30', '2026-10-08', {}, []], // the deadline itself: until the end of the day
    ['2026-09-30', '2026-10-09', {}, ['SERVICE_NOT_DISPATCHED']], // flagged from the day after
    ['2026-10-09', '2026-10-10', {}, []], // due on the make-up Saturday
    ['2026-10-09', '2026-10-11', {}, ['SERVICE_NOT_DISPATCHED']], // the Sunday after it
    ['2026-09-30', '2026-10-20', { 派工日期: d('2026-10-08') }, []], // dispatched on the last allowed day
    ['2026-09-30', '2026-10-20', { 派工日期: d('2026-10-09') }, ['SERVICE_DISPATCHED_LATE']], // the day after
    ['2026-09-30', '2026-10-09', { 派工日期: d('2026-10-09') }, ['SERVICE_DISPATCHED_LATE']],
    // completed without a 派工日期: the work was done, nothing to dispatch
    ['2026-09-30', '2026-10-20', { 完成日期: d('2026-10-08'), 客户签字: '是' }, ['SERVICE_SURVEY_DUE']],
    ['2026-10-12', '2026-10-09', {}, []], // registered after today
  ])('registered %s, today %s, %j → %j', async (registered, today, fields, codes) => {
    expect((await check([service({ 登记日期: d(registered), ...fields })], today)).codes).toEqual(codes)
  })

  it('says when it was registered, by when it was due and how long it has waited', async () => {
    const { report } = await check([service({ 登记日期: d('2026-09-30') })], '2026-10-10')
    expect(report.findings[0]).toMatchObject({
      sheet: SERVICES,
      row: 2,
      key: 'FW-1',
      code: 'SERVICE_NOT_DISPATCHED',
      severity: 'warning',
      due: '2026-10-08',
      message: expect.stringContaining('2026-09-30 登记的“一汽大众汽车有限公司”服务请求应于 2026-10-08'),
    })
    // 10-08, 10-09 and the make-up Saturday 10-10
    expect(report.findings[0]?.message).toContain('已等待 3 个工作日')
  })
})

describe('SERVICE_REMOTE_UNAPPROVED: 异地服务 needs an approved 异地服务申请单 (第十二条)', () => {
  it.each([
    ['是', '是', []],
    ['是', '否', ['SERVICE_REMOTE_UNAPPROVED']],
    ['是', null, ['SERVICE_REMOTE_UNAPPROVED']],
    ['否', null, []],
    [null, null, []],
    [null, '是', []],
  ])('异地服务 %s, 异地申请已批准 %s → %j', async (remote, approved, codes) => {
    const row = finished({ 异地服务: remote, 异地申请已批准: approved })
    expect((await check([row], '2026-03-20', [survey()])).codes).toEqual(codes)
  })
})

describe('SERVICE_UNSIGNED: a completed service carries the customer signature (第八条)', () => {
  it.each([
    [{}, []],
    [{ 客户签字: '否' }, ['SERVICE_UNSIGNED']],
    [{ 客户签字: null }, ['SERVICE_UNSIGNED']],
    [{ 完成日期: null, 客户签字: null }, []], // not completed yet
  ])('%j → %j', async (fields, codes) => {
    expect((await check([finished(fields)], '2026-03-20', [survey()])).codes).toEqual(codes)
  })
})

describe('SERVICE_SURVEY_DUE: every completed service gets a survey (第十六条)', () => {
  // completed 2026-03-18: the survey is due by 03-25 (7 days, parameter)
  it.each([
    ['2026-03-25', [], []],
    ['2026-03-26', [], ['SERVICE_SURVEY_DUE']],
    ['2026-03-26', [survey()], []],
    [
      '2026-03-26',
      [survey({ 服务编号: 'FW-2' }), survey({ 调查编号: 'DC-2', 服务编号: null })],
      ['SERVICE_SURVEY_DUE'],
    ],
  ])('today %s with surveys %j → %j', async (today, surveys, codes) => {
    const services = [finished(), finished({ 服务编号: 'FW-2' })]
    const { report } = await check(services, today, surveys)
    expect(report.findings.filter((f) => f.key === 'FW-1').map((f) => f.code)).toEqual(codes)
  })

  it('follows 意见调查期限(天) and names the due date', async () => {
    const { report } = await check([finished()], '2026-03-22', [], { ...parameters('意见调查期限(天)', 3) })
    expect(report.findings).toMatchObject([{ code: 'SERVICE_SURVEY_DUE', due: '2026-03-21' }])
  })
})

describe('COMPLAINT_ESCALATE: a 严重 complaint until handled and the customer told (第十八条)', () => {
  it.each([
    ['严重', null, null, ['COMPLAINT_ESCALATE'], '尚未处理（处理结果）、函告客户（告知客户日期）'],
    ['严重', '已更换总成', null, ['COMPLAINT_ESCALATE'], '尚未函告客户（告知客户日期）'],
    ['严重', null, d('2026-03-22'), ['COMPLAINT_ESCALATE'], '尚未处理（处理结果）：'],
    ['严重', '已更换总成', d('2026-03-22'), [], ''],
    ['一般', null, null, [], ''],
    [null, null, null, [], ''],
  ])('严重程度 %s, 处理结果 %s, 告知客户日期 %j → %j', async (severity, handling, told, codes, missing) => {
    const complaint = survey({
      建议或抱怨: '同一故障再次出现',
      严重程度: severity,
      处理结果: handling,
      告知客户日期: told,
    })
    const { report, surveyCodes } = await check([finished()], '2026-06-30', [complaint])
    expect(surveyCodes).toEqual(codes)
    if (codes.length > 0)
      expect(report.findings.find((f) => f.sheet === SURVEYS)).toMatchObject({
        row: 2,
        key: 'DC-1',
        severity: 'error',
        message: expect.stringContaining(`“一汽大众汽车有限公司”（服务编号 FW-1）的严重抱怨${missing}`),
      })
  })

  it('is no timer: an old open complaint stays flagged, and its 提醒 cell says so', async () => {
    const complaint = survey({ 严重程度: '严重', 处理结果: '已处理' })
    const { book, surveyCodes } = await check([finished()], '2027-12-31', [complaint])
    expect(surveyCodes).toEqual(['COMPLAINT_ESCALATE'])
    expect(book.cell(SURVEYS, 2, '提醒')).toContain('严重抱怨待处理')
  })
})

describe('bad input: DATA_INVALID with tab, row and column; the rest still checked', () => {
  it('派工日期 before 登记日期: not judged late, nothing else lost', async () => {
    const rows = [
      finished({ 派工日期: d('2026-03-10') }),
      service({ 服务编号: 'FW-2', 登记日期: d('2026-03-16') }),
    ]
    const { report } = await check(rows, '2026-03-20', [survey()])
    expect(report.findings.map((f) => [f.sheet, f.row, f.code])).toEqual([
      [SERVICES, 2, 'DATA_INVALID'],
      [SERVICES, 3, 'SERVICE_NOT_DISPATCHED'],
    ])
    expect(report.findings[0]?.message).toMatch(
      /^第 2 行 K 列“派工日期”的值 2026-03-10 早于登记日期 2026-03-16/,
    )
  })

  it('完成日期 before 派工日期: the completion still counts', async () => {
    const { report } = await check([finished({ 完成日期: d('2026-03-16'), 客户签字: '否' })], '2026-03-20', [
      survey(),
    ])
    expect(report.findings.map((f) => [f.row, f.code])).toEqual([
      [2, 'DATA_INVALID'],
      [2, 'SERVICE_UNSIGNED'],
    ])
    expect(report.findings[0]?.message).toMatch(
      /^第 2 行 M 列“完成日期”的值 2026-03-16 早于派工日期 2026-03-17/,
    )
  })

  it('a survey naming a 服务编号 not in the register, and a rating outside the four levels', async () => {
    const surveys = [
      survey({ 服务编号: 'FW-9', 严重程度: '严重' }),
      survey({ 调查编号: 'DC-2', 态度: '很好', 技术: '满意' }),
    ]
    const { report, book } = await check([finished()], '2026-03-21', surveys)
    const onSurveys = report.findings.filter((f) => f.sheet === SURVEYS)
    expect(onSurveys.map((f) => `${f.row} ${f.code}`).sort()).toEqual([
      '2 COMPLAINT_ESCALATE',
      '2 DATA_INVALID',
      '3 DATA_INVALID',
    ])
    const invalid = onSurveys.filter((f) => f.code === 'DATA_INVALID').map((f) => f.message)
    expect(invalid[0]).toContain('第 2 行 B 列“服务编号”的值“FW-9”在“服务登记簿”中不存在')
    expect(invalid[1]).toContain('第 3 行 E 列“态度”')
    // 很好 is not scored; 满意 is
    const scores = book.tabs.get(TEMPLATES.serviceScores.name) ?? []
    expect(scores[1]?.slice(0, 10)).toEqual(['2026-03', '张伟', 1, 1, null, 3, null, null, 3, 0])
  })
})

describe('今日派工: the requests waiting for dispatch, oldest first (第十一条)', () => {
  it('lists undispatched, uncompleted requests registered up to today with the working days waited', async () => {
    const rows = [
      service({ 服务编号: 'FW-3', 登记日期: d('2026-03-18'), 电话: '0431-85901234', 商品型号: 'HJ-200' }),
      service({ 服务编号: 'FW-1', 登记日期: d('2026-03-13') }),
      service({ 服务编号: 'FW-4', 登记日期: d('2026-03-20') }),
      service({ 服务编号: 'FW-5', 登记日期: d('2026-03-23') }), // registered after today
      finished({ 服务编号: 'FW-6' }),
      service({ 服务编号: 'FW-7', 登记日期: d('2026-03-19'), 派工日期: d('2026-03-19') }),
      service({ 服务编号: 'FW-2', 登记日期: d('2026-03-19') }),
    ]
    const { book } = await check(rows, '2026-03-20', [survey({ 服务编号: 'FW-6' })])
    const list = book.tabs.get(TEMPLATES.dispatchList.name) ?? []
    expect(list[0]).toEqual(TEMPLATES.dispatchList.columns.map((column) => column.header))
    expect(list.slice(1).map((row) => row.slice(0, 6))).toEqual([
      [1, 'FW-1', d('2026-03-13'), d('2026-03-16'), 5, '已逾期'],
      [2, 'FW-3', d('2026-03-18'), d('2026-03-19'), 2, '已逾期'],
      [3, 'FW-2', d('2026-03-19'), d('2026-03-20'), 1, '今天必须派工'],
      [4, 'FW-4', d('2026-03-20'), d('2026-03-23'), 0, '今天登记'],
    ])
    expect(list[2]?.slice(6, 9)).toEqual(['一汽大众汽车有限公司', '0431-****1234', 'HJ-200'])
  })

  it('is empty when nothing waits', async () => {
    const { book } = await check([finished()], '2026-03-20', [survey()])
    expect(book.tabs.get(TEMPLATES.dispatchList.name)?.length).toBe(1)
  })
})

describe('服务评分: per staff member and month (第十五、十七条)', () => {
  it('averages each item, 综合 over every rating, 较差 counted; no survey → empty, not 0', async () => {
    const services = [
      finished({ 服务编号: 'FW-1', 服务人员: '张伟', 完成日期: d('2026-03-18') }),
      finished({ 服务编号: 'FW-2', 服务人员: '张伟', 完成日期: d('2026-03-19') }),
      finished({ 服务编号: 'FW-3', 服务人员: '李强', 完成日期: d('2026-03-19') }),
      finished({ 服务编号: 'FW-4', 服务人员: '张伟', 完成日期: d('2026-03-30') }),
    ]
    const surveys = [
      // 4, 3, 2, 1
      survey({ 服务编号: 'FW-1', 态度: '非常满意', 技术: '满意', 到达时间: '一般', 承诺事项: '较差' }),
      // 3, 3, 1, — ; 服务人员 from the register
      survey({
        调查编号: 'DC-2',
        服务编号: 'FW-2',
        日期: d('2026-03-25'),
        态度: '满意',
        技术: '满意',
        到达时间: '较差',
      }),
      // filed in April: April's row
      survey({
        调查编号: 'DC-3',
        服务编号: 'FW-4',
        服务人员: '张伟',
        日期: d('2026-04-02'),
        态度: '满意',
        技术: '非常满意',
        到达时间: '满意',
        承诺事项: '满意',
      }),
      // no 日期: the month its service was completed
      survey({
        调查编号: 'DC-4',
        服务编号: 'FW-3',
        服务人员: '王芳',
        日期: null,
        态度: '一般',
        技术: '一般',
        到达时间: '一般',
        承诺事项: '一般',
      }),
    ]
    const { book } = await check(services, '2026-04-10', surveys)
    const scores = book.tabs.get(TEMPLATES.serviceScores.name) ?? []
    expect(scores.slice(1)).toEqual([
      ['2026-04', '张伟', 0, 1, 3, 4, 3, 3, 3.25, 0, d('2026-04-10')],
      // newest month first, then by name; 李强 completed FW-3 but was not rated (the survey names 王芳)
      ['2026-03', '张伟', 3, 2, 3.5, 3, 1.5, 1, 2.43, 2, d('2026-04-10')], // 17 / 7 = 2.428…
      ['2026-03', '李强', 1, 0, null, null, null, null, null, null, d('2026-04-10')],
      ['2026-03', '王芳', 0, 1, 2, 2, 2, 2, 2, 0, d('2026-04-10')],
    ])
  })
})

describe('客户信息保密: the register’s 电话 and 地址', () => {
  const PHONE = '13912345678'
  const ADDRESS = '吉林省长春市绿园区西新镇 99 号'

  it('are marked confidential in the template', () => {
    const confidential = TEMPLATES.services.columns.filter((column) => column.confidential)
    expect(confidential.map((column) => column.header)).toEqual(['地址', '电话'])
  })

  it('never reach a finding, 提醒汇总, 操作日志 or a tool tab; 今日派工 shows the phone masked', async () => {
    const rows = [
      service({ 电话: PHONE, 地址: ADDRESS, 异地服务: '是' }),
      finished({ 服务编号: 'FW-2', 电话: PHONE, 地址: ADDRESS, 客户签字: '否', 派工日期: d('2026-03-10') }),
    ]
    const { book, report } = await check(rows, '2026-03-30', [survey({ 服务编号: 'FW-2', 严重程度: '严重' })])
    expect(report.findings.length).toBeGreaterThan(3)
    const written = JSON.stringify([...book.tabs].filter(([name]) => name !== SERVICES))
    const findings = JSON.stringify(report.findings)
    for (const secret of [PHONE, ADDRESS, '12345678', '绿园区']) {
      expect(findings).not.toContain(secret)
      expect(written).not.toContain(secret)
    }
    expect(book.tabs.get(TEMPLATES.dispatchList.name)?.[1]?.[7]).toBe('139****5678')
  })
})
