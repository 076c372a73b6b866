/**
 * taizhang why: for a finding of every ledger, the explanation names the rule and its conditions
 * (each decided on the record's facts), the regulation clause, the facts with their sources, the
 * derived dates with the working days counted, and the parameters in force; no confidential value
 * of any ledger ever shows.
 */
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import { prepareWhy, runWhy } from '../src/app/why'
import { Calendar } from '../src/core/calendar'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { CONFIDENTIAL_MARK, type Explanation, explainRecord } from '../src/core/explain'
import { explanationText } from '../src/core/explain-text'
import type { Ledger } from '../src/core/ledger'
import { UnusableTabError } from '../src/core/table'
import { LEDGERS } from '../src/ledgers'
import { d, sample, sampleWorkbook, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-11-28' as IsoDate

function demoWorkbook(): MemoryWorkbook {
  const port = new MemoryWorkbook()
  runInit(port, { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) })
  return port
}

function textOf(explanation: Explanation): string {
  return explanationText(explanation)
}

/** One finding of every ledger with a check, on the demo workbook (npm start). */
const ONE_FINDING_PER_LEDGER: readonly (readonly [
  ledger: string,
  tab: string,
  code: string,
  condition: string,
  derived: RegExp,
])[] = [
  [
    'samples',
    '样件台账',
    'SAMPLE_EXPIRED',
    '距有效期至的天数 小于 0',
    /^有效期至 \d{4}-\d\d-\d\d = 确认日期 \d{4}-\d\d-\d\d \+ \d+ 个月（.+），月末对齐$/,
  ],
  [
    'seal-reviews',
    '封样评审',
    'SEAL_NOTICE_TOO_LATE',
    '通知提前的工作分钟数 小于 应提前的工作分钟数',
    /^通知提前 .+ 工作时间：.+只算工作日 8:30–12:00、13:30–17:30 之间的分钟/,
  ],
  [
    'archives',
    '客户档案',
    'ARCHIVE_UNAPPROVED',
    '已审批（审批人、审批日期都已填写） 为 否',
    /^档案复查期限 \S+ = 最近更新日期 \S+ \+ 6 个月（参数“档案复查周期\(月\)”=6（默认）），月末对齐/,
  ],
  [
    'vip',
    '客户档案',
    'VIP_TIER_MISMATCH',
    '登记的“VIP等级” 不为 建议VIP等级',
    /^建议 [ABCD] 级：.+ 交易金额 /,
  ],
  [
    'development',
    '重要客户开发',
    'DEV_NO_PROGRESS',
    '没有进展的天数 大于 开发无进展天数',
    /^下次进展期限 \S+ = (最近进展|计划开始) \S+ \+ 30 天（参数“开发无进展天数”=30（默认））$/,
  ],
  [
    'visits',
    '客户走访记录',
    'VISIT_REPLY_OVERDUE',
    '今天超过答复期限的天数 大于 0',
    /^答复期限 \S+ = 走访日期 \S+ 之后第 5 个工作日/,
  ],
  [
    'metrics',
    '半年评估',
    'METRIC_CHURN_HIGH',
    '老客户流失率(%) 大于 老客户流失率上限(%)',
    /老客户流失率 30% = 本期没有销售的 3 家/,
  ],
  [
    'services',
    '服务登记簿',
    'SERVICE_NOT_DISPATCHED',
    '尚未派工（派工日期、完成日期都未填） 为 是',
    /^派工期限 \S+ = 登记日期 \S+ 之后第 1 个工作日/,
  ],
  [
    'suppliers',
    '供应商名录',
    'SUPPLIER_AUDIT_DUE',
    '今天超过下次审核日期的天数 不小于 0（实际 61）',
    /^下次审核 2026-09-28 = 上次审核日期 2026-06-28 \+ 3 个月（C 类，参数“审核周期\(月\)-C类”=3（默认）），月末对齐；今天 2026-11-28 距下次审核已过 61 天$/,
  ],
  [
    'suppliers',
    '供应商名录',
    'SUPPLIER_CERT_EXPIRING',
    '距证书有效期至的天数 不大于 证书到期提醒(天)（实际 30，证书到期提醒(天) 60）',
    /^证书到期提醒自 2026-10-29 起 = 证书有效期至 2026-12-28 − 60 天（参数“证书到期提醒\(天\)”=60（默认））；今天 2026-11-28 距到期还有 30 天$/,
  ],
  [
    'suppliers',
    'PPAP提交',
    'PPAP_INCOMPLETE',
    '缺少的元素数 大于 0（实际 3）',
    /^已提交的元素 1,2,9,10,18（“元素”列）；缺少 3 项：12 合格实验室文件、13 外观批准报告、14 生产件样品$/,
  ],
  [
    'suppliers',
    'PPAP提交',
    'PPAP_INTERIM_EXPIRING',
    '距临时批准有效期至的天数 不大于 临时批准到期提醒(天)（实际 7，临时批准到期提醒(天) 14）',
    /^临时批准到期提醒自 2026-11-21 起 = 临时批准有效期至 2026-12-05 − 14 天（参数“临时批准到期提醒\(天\)”=14（默认））；今天 2026-11-28 距到期还有 7 天$/,
  ],
  [
    'suppliers',
    '供应商月度评定',
    'SUPPLIER_RATING_LOW',
    '最近两个月都低于评定整改线 为 是（实际 是）',
    /^综合 60 = \(质量 60×40 \+ 交付 65×30 \+ 服务 70×20 \+ 价格 75×10\) ÷ 100 − 索赔扣分 5 = 65 − 5，不低于 0，保留一位小数（权重：参数“评定权重\(%\)-质量”=40（默认）、/,
  ],
  [
    'suppliers',
    '供应商月度评定',
    'SUPPLIER_RATING_LOW',
    '最近两个月都低于评定整改线 为 是（实际 是）',
    /^连续低分：上月 2026年9月 综合 65\.4 分（第 \d+ 行，低于整改线）、本月 2026年10月 综合 60 分（低于整改线），评定整改线 70 分（参数“评定整改线”=70（默认））：连续两个月低于整改线$/,
  ],
  [
    'suppliers',
    '索赔',
    'CLAIM_REPLY_OVERDUE',
    '今天超过回复期限的天数 大于 0（实际 2）',
    /^回复期限 2026-11-26 = 发生日期 2026-11-18 之后第 5 个工作日（参数“索赔回复期限\(工作日\)”=5（默认）；发生当天不算，供应商管理办法 九 索赔管理）：$/,
  ],
  [
    'leads',
    '渠道报备',
    'LEAD_DUPLICATE',
    '判定（valid 有效 / natural 自然到访 / duplicate 重复报备 / violation 违约报备） 为 “duplicate”（实际 duplicate）',
    /^归属结论：重复报备：已由报备 \S+（.+）保护至 \d{4}-\d\d-\d\d$/,
  ],
]

describe('why explains a finding of every ledger (the demo workbook)', () => {
  it('covers every ledger that has a check', () => {
    const checked = (LEDGERS as readonly Ledger[]).filter((ledger) => ledger.check).map((ledger) => ledger.id)
    expect([...new Set(ONE_FINDING_PER_LEDGER.map(([ledger]) => ledger))].sort()).toEqual([...checked].sort())
  })

  it.each(ONE_FINDING_PER_LEDGER)('%s: %s %s (%s)', async (ledgerId, sheet, code, shows, derived) => {
    const port = demoWorkbook()
    const report = await runCheck(port, { today: TODAY, actor: 'test', dryRun: true })
    const finding = report.findings.find((candidate) => candidate.sheet === sheet && candidate.code === code)
    expect(finding, `the demo workbook has a ${code}`).toBeDefined()
    if (!finding) return
    const explanation = await runWhy(port, { tab: sheet, key: finding.key, today: TODAY })
    expect(explanation.records).toHaveLength(1)
    const [record] = explanation.records
    const explained = record?.findings.find((candidate) => candidate.code === code)
    // The finding as the check raised it: same message, same due date.
    expect(explained?.message).toBe(finding.message)
    expect(explained?.due).toBe(finding.due)
    const rule = explained?.rule
    const ledger = (LEDGERS as readonly Ledger[]).find((candidate) => candidate.id === ledgerId)
    const written = ledger?.rules.find((candidate) => candidate.event.type === code)
    expect(rule?.clause).toBe((written?.event.params as { clause?: string } | undefined)?.clause)
    // The rule fired, so its top group and every condition of an all-group passed.
    expect(rule?.conditions[0]?.passed).toBe(true)
    expect(rule?.conditions.map((line) => line.text).join('\n')).toContain(shows)
    // Every fact the rule reads is listed with its value and where it came from.
    for (const [, name] of JSON.stringify(written?.conditions).matchAll(/"fact":"(\w+)"/g)) {
      const fact = record?.facts.find((candidate) => candidate.name === name)
      expect(fact?.source.length, name).toBeGreaterThan(0)
    }
    const inForce = record?.parameters.map((parameter) => parameter.key)
    for (const parameter of ledger?.parameters ?? []) expect(inForce).toContain(parameter.key)
    expect(record?.derivations.map((line) => line.text)).toContainEqual(expect.stringMatching(derived))
    const text = textOf(explanation)
    expect(text).toContain(`【${explained?.level}】${code}`)
    expect(text).toContain(`依据：${rule?.clause}`)
    expect(text).toContain(`✓ ${shows}`)
  })

  it('metrics findings are keyed by the half-year checked, and another half-year is not found', async () => {
    const port = demoWorkbook()
    const explanation = await runWhy(port, { tab: '半年评估', key: '2026h1', today: TODAY })
    expect(explanation.records[0]?.findings.map((finding) => finding.code)).toEqual([
      'METRIC_CHURN_HIGH',
      'METRIC_GROWTH_NEGATIVE',
    ])
    expect(textOf(explanation)).toContain('老客户流失率 30% = 本期没有销售的 3 家')
    await expect(runWhy(port, { tab: '半年评估', key: '2025H2', today: TODAY })).rejects.toThrow(
      '“半年评估”中没有编号为“2025H2”的记录；相近的编号：2026H1',
    )
  })

  it('客户档案 has the archive review and the VIP tier in one explanation', async () => {
    const port = demoWorkbook()
    const explainer = await prepareWhy(port, TODAY)
    const key = (await runCheck(port, { today: TODAY, actor: 'test', dryRun: true })).findings.find(
      (finding) => finding.code === 'VIP_TIER_MISMATCH',
    )?.key
    const explanation = await explainer.explain('客户档案', key ?? '')
    const names = explanation.records[0]?.parameters.map((parameter) => parameter.name)
    expect(names).toContain('档案复查周期(月)')
    expect(names).toContain('VIP-A门槛(万元)')
  })
})

describe('the derived dates, in words', () => {
  it('有效期至 from the material, its parameter and the clause, month end aligned', async () => {
    const port = sampleWorkbook([
      sample({ 样件编号: 'YJ-001', 材料类别: '塑料件', 确认日期: d('2026-05-31') }),
    ])
    const explanation = await runWhy(port, { tab: '样件台账', key: 'YJ-001', today: '2026-06-01' as IsoDate })
    const [record] = explanation.records
    expect(record?.derivations[0]?.text).toBe(
      '有效期至 2026-11-30 = 确认日期 2026-05-31 + 6 个月（塑料件，参数“有效期(月)-塑料件”=6（默认），标准样件管理规定 4.3），月末对齐',
    )
    // No finding: said so, with the computed dates.
    expect(record?.findings).toEqual([])
    const text = textOf(explanation)
    expect(text).toContain('没有提醒。')
    expect(text).toContain('- 有效期至 = 2026-11-30（P 列“有效期至”；计算：确认日期 + 有效期(月)，月末对齐）')
    expect(text).toContain('- SAMPLE_EXPIRED 已过期：✗ 距有效期至的天数 小于 0（实际 182）')
  })

  it('a parameter from the 参数 tab is named with its row, and changes the date', async () => {
    const port = sampleWorkbook(
      [sample({ 样件编号: 'YJ-001', 材料类别: '塑料件', 确认日期: d('2026-05-31') })],
      [],
      {
        [TEMPLATES.parameters.name]: tab(TEMPLATES.parameters, [
          { 参数: '提前提醒天数', 值: '' },
          { 参数: '有效期(月)-塑料件', 值: '4' },
        ]),
      },
    )
    const explanation = await runWhy(port, { tab: '样件台账', key: 'yj-001', today: '2026-09-20' as IsoDate })
    const [record] = explanation.records
    expect(record?.derivations[0]?.text).toBe(
      '有效期至 2026-09-30 = 确认日期 2026-05-31 + 4 个月（塑料件，参数“有效期(月)-塑料件”=4（“参数”表第 3 行），标准样件管理规定 4.3），月末对齐',
    )
    expect(record?.parameters.find((parameter) => parameter.key === 'validityMonths.塑料件')).toMatchObject({
      value: 4,
      default: 6,
      source: '“参数”表第 3 行',
    })
    // A row naming a parameter without a value leaves the default in force.
    expect(record?.parameters.find((parameter) => parameter.key === 'reminderDays')?.source).toBe('默认')
    expect(record?.findings.map((finding) => finding.code)).toEqual(['SAMPLE_EXPIRING'])
    expect(textOf(explanation)).toContain('- 有效期(月)-塑料件 = 4（“参数”表第 3 行；默认 6）')
  })

  it('答复期限 counts the make-up working day and skips National Day, day by day', async () => {
    const port = new MemoryWorkbook({
      [TEMPLATES.visits.name]: tab(TEMPLATES.visits, [
        {
          走访编号: 'ZF-1',
          客户编号: 'KH-1',
          客户名称: '甲公司',
          走访日期: d('2025-09-26'),
          走访方式: '走访',
        },
      ]),
      [TEMPLATES.visitQuestions.name]: tab(TEMPLATES.visitQuestions, []),
    })
    const explanation = await runWhy(port, {
      tab: '客户走访记录',
      key: 'ZF-1',
      today: '2025-10-13' as IsoDate,
    })
    const [record] = explanation.records
    expect(record?.findings.map((finding) => finding.code)).toEqual(['VISIT_REPLY_OVERDUE'])
    const deadline = record?.derivations[0]
    expect(deadline?.text).toContain('答复期限 2025-10-10 = 走访日期 2025-09-26 之后第 5 个工作日')
    const days = deadline?.days?.days.map((day) => [day.date, day.working, day.reason, day.count ?? null])
    expect(days).toEqual([
      ['2025-09-27', false, '周末', null],
      ['2025-09-28', true, '调休上班（国庆节）', 1],
      ['2025-09-29', true, '工作日', 2],
      ['2025-09-30', true, '工作日', 3],
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => [
        `2025-10-${day}`,
        false,
        expect.stringMatching(/^法定节假日/),
        null,
      ]),
      ['2025-10-09', true, '工作日', 4],
      ['2025-10-10', true, '工作日', 5],
    ])
    const text = textOf(explanation)
    expect(text).toContain('2025-09-28 周日 计第 1 个工作日：调休上班（国庆节）')
    expect(text).toContain('2025-10-01 周三 跳过：法定节假日（国庆节）')
  })

  it('派工期限 counts a 节假日 row and a make-up Saturday', async () => {
    const service = (id: string, registered: string) => ({
      服务编号: id,
      登记日期: d(registered),
      客户名称: '乙公司',
      服务类别: '免费',
    })
    const port = new MemoryWorkbook({
      [TEMPLATES.services.name]: tab(TEMPLATES.services, [
        service('FW-1', '2026-10-09'),
        service('FW-2', '2026-11-05'),
      ]),
      [TEMPLATES.surveys.name]: tab(TEMPLATES.surveys, []),
      [TEMPLATES.holidays.name]: tab(TEMPLATES.holidays, [
        { 日期: d('2026-11-06'), 类型: '休息', 说明: '厂庆' },
      ]),
    })
    const explainer = await prepareWhy(port, '2026-11-20' as IsoDate)
    const saturday = (await explainer.explain('服务登记簿', 'FW-1')).records[0]?.derivations[0]
    expect(saturday?.text).toContain('派工期限 2026-10-10 = 登记日期 2026-10-09 之后第 1 个工作日')
    expect(saturday?.days?.days).toEqual([
      {
        date: '2026-10-10',
        weekday: '周六',
        working: true,
        reason: expect.stringMatching(/^调休上班/),
        count: 1,
      },
    ])
    const holiday = (await explainer.explain('服务登记簿', 'FW-2')).records[0]?.derivations[0]
    expect(holiday?.days?.days.map((day) => [day.date, day.reason])).toEqual([
      ['2026-11-06', '“节假日”表：休息，厂庆'],
      ['2026-11-07', '周末'],
      ['2026-11-08', '周末'],
      ['2026-11-09', '工作日'],
    ])
  })

  it('a bad cell is explained as a data problem, with the rules that still ran', async () => {
    const port = sampleWorkbook([sample({ 样件编号: 'YJ-001', 确认日期: '2026-13-45' })])
    const explanation = await runWhy(port, { tab: '样件台账', key: 'YJ-001', today: TODAY })
    const [record] = explanation.records
    expect(record?.findings.map((finding) => [finding.code, finding.label, finding.rule])).toEqual([
      ['DATA_INVALID', '数据有误', null],
    ])
    expect(record?.derivations[0]?.text).toBe('有效期至：无法计算（确认日期（未填）；确认日期须是有效日期）')
  })
})

describe('records that are not one row each', () => {
  it('an id on two rows explains both, the second with its duplicate finding', async () => {
    const port = sampleWorkbook([
      sample({ 样件编号: 'YJ-1' }),
      sample({ 样件编号: 'yj-1', 材料类别: '橡胶件' }),
    ])
    const explanation = await runWhy(port, { tab: '样件台账', key: 'YJ-1', today: TODAY })
    expect(explanation.records.map((record) => [record.row, record.key])).toEqual([
      [2, 'YJ-1'],
      [3, 'yj-1'],
    ])
    expect(explanation.records[1]?.findings.map((finding) => finding.code)).toContain('DATA_INVALID')
    expect(explanation.records[1]?.derivations[0]?.text).toContain('+ 3 个月（橡胶件')
    expect(textOf(explanation)).toContain('“样件台账”第 3 行，编号 yj-1')
  })

  it('a tab whose rows have no rules of their own shows their data problems', async () => {
    const port = sampleWorkbook(
      [sample({ 样件编号: 'YJ-1' })],
      [{ 记录编号: 'JY-1', 样件编号: 'YJ-404', 检验日期: d('2026-03-01'), 检验结果: '合格' }],
    )
    const explanation = await runWhy(port, { tab: '样件检验记录', key: 'JY-1', today: TODAY })
    expect(explanation.records[0]?.findings.map((finding) => [finding.code, finding.rule])).toEqual([
      ['DATA_INVALID', null],
    ])
    expect(textOf(explanation)).toContain('这一格按未填处理，其余各格照常检查')
  })
})

describe('checking only the ledgers that keep the tab', () => {
  it('explains every record of the demo workbook as a check of every ledger does', async () => {
    const port = demoWorkbook()
    const everything = await prepareWhy(port, TODAY)
    let compared = 0
    for (const [sheet, keys] of everything.keys()) {
      for (const key of keys) {
        const alone = await runWhy(port, { tab: sheet, key, today: TODAY })
        expect(alone, `${sheet} ${key}`).toEqual(await everything.explain(sheet, key))
        compared += 1
      }
    }
    expect(compared).toBeGreaterThan(100)
  })

  it('does not read the tabs of other ledgers', async () => {
    const port = demoWorkbook()
    const read: string[] = []
    const readTab = port.readTab.bind(port)
    port.readTab = (name) => {
      read.push(name)
      return readTab(name)
    }
    await runWhy(port, { tab: '客户走访记录', key: 'ZF-2026-001', today: TODAY })
    expect(read).toContain('客户走访记录')
    expect(read).not.toContain('样件台账')
    expect(read).not.toContain('渠道报备')
  })
})

describe('what users wrote beside a finding in 提醒汇总', () => {
  it('shows 处理情况 and whether 暂缓至 is still in force', async () => {
    const port = sampleWorkbook([
      sample({ 样件编号: 'YJ-1', 确认日期: d('2025-01-10') }),
      sample({ 样件编号: 'YJ-2', 确认日期: d('2025-01-20') }),
    ])
    await runCheck(port, { today: TODAY, actor: 'test' })
    const alerts = port.tabs.get(TEMPLATES.alerts.name) ?? []
    const header = (alerts[0] ?? []).map(String)
    const at = (header_: string) => header.indexOf(header_)
    for (const row of alerts.slice(1)) {
      if (row[at('代码')] !== 'SAMPLE_EXPIRED') continue
      row[at('处理情况')] = row[at('编号')] === 'YJ-1' ? '王立：12/3 前送检' : null
      row[at('暂缓至')] = row[at('编号')] === 'YJ-1' ? d('2026-12-10') : d('2026-11-01')
    }
    const explainer = await prepareWhy(port, TODAY)
    const first = (await explainer.explain('样件台账', 'YJ-1')).records[0]?.findings
    expect(first?.find((finding) => finding.code === 'SAMPLE_EXPIRED')?.followUp).toEqual({
      note: '王立：12/3 前送检',
      deferredUntil: '2026-12-10',
      deferred: true,
    })
    // Another code of the same record has its own entries (none here).
    const calibration = first?.find((finding) => finding.code === 'SAMPLE_CALIBRATION_OVERDUE')
    expect(calibration).toBeDefined()
    expect(calibration?.followUp).toBeUndefined()
    const second = await explainer.explain('样件台账', 'YJ-2')
    expect(
      second.records[0]?.findings.find((finding) => finding.code === 'SAMPLE_EXPIRED')?.followUp,
    ).toEqual({
      note: null,
      deferredUntil: '2026-11-01',
      deferred: false,
    })
    expect(textOf(await explainer.explain('样件台账', 'YJ-1'))).toContain(
      '处理情况（提醒汇总）：王立：12/3 前送检\n   已暂缓至 2026-12-10（提醒汇总的“暂缓至”）',
    )
    expect(textOf(second)).toContain('暂缓至 2026-11-01 已过，恢复计数')
  })
})

describe('what why refuses', () => {
  it('an unknown tab names the closest one', async () => {
    const port = sampleWorkbook([sample()])
    const refusal = runWhy(port, { tab: '样件台帐', key: 'YJ-1', today: TODAY })
    await expect(refusal).rejects.toBeInstanceOf(UnusableTabError)
    await expect(refusal).rejects.toThrow('没有可以解释的工作表“样件台帐”。“样件台帐”是不是“样件台账”？')
  })

  it('a ledger tab the workbook does not keep', async () => {
    const port = sampleWorkbook([sample()])
    await expect(runWhy(port, { tab: '渠道报备', key: 'BB-1', today: TODAY })).rejects.toThrow(
      '工作簿里没有工作表“渠道报备”',
    )
  })

  it('an unknown id names the tab and suggests near ids', async () => {
    const port = sampleWorkbook([
      sample({ 样件编号: 'YJ-001' }),
      sample({ 样件编号: 'YJ-010' }),
      sample({ 样件编号: 'AB-777' }),
    ])
    await expect(runWhy(port, { tab: '样件台账', key: 'YJ-01', today: TODAY })).rejects.toThrow(
      '“样件台账”中没有编号为“YJ-01”的记录；相近的编号：YJ-001、YJ-010',
    )
    await expect(runWhy(port, { tab: '样件台账', key: ' ', today: TODAY })).rejects.toThrow(
      '没有编号为“（空）”的记录',
    )
  })

  it.each(['交易记录', '意见与答复'])(
    'a tab without an id column (%s) says its records have no 编号, not that it has none',
    async (tab) => {
      await expect(runWhy(demoWorkbook(), { tab, key: '1', today: TODAY })).rejects.toThrow(
        `“${tab}”的记录没有编号（这张表没有编号列），不能按编号解释；它的提醒写明了行号，见“提醒汇总”`,
      )
    },
  )

  it('explaining writes nothing', async () => {
    const port = demoWorkbook()
    const before = JSON.stringify([...port.tabs])
    const writes = port.writes.length
    await runWhy(port, { tab: '样件台账', key: 'YJ-009', today: TODAY })
    expect(port.writes.length).toBe(writes)
    expect(JSON.stringify([...port.tabs])).toBe(before)
  })
})

describe('no confidential value in any explanation (客户信息保密管理制度)', () => {
  /** Each ledger tab's confidential columns, with a value no other cell holds. */
  function secretWorkbook(): { port: MemoryWorkbook; secrets: string[]; dropdowns: Map<string, string[]> } {
    const port = demoWorkbook()
    const secrets: string[] = []
    const dropdowns = new Map<string, string[]>()
    let serial = 0
    for (const template of Object.values(TEMPLATES)) {
      const rows = port.tabs.get(template.name)
      if (!rows) continue
      const header = (rows[0] ?? []).map((cell: Cell) => String(cell ?? ''))
      for (const column of template.columns.filter((candidate) => candidate.confidential)) {
        const at = header.indexOf(column.header)
        expect(at, `${template.name} ${column.header}`).toBeGreaterThanOrEqual(0)
        if (column.type === 'enum') {
          dropdowns.set(template.name, [...(dropdowns.get(template.name) ?? []), column.header])
          continue
        }
        rows.slice(1).forEach((row, index) => {
          if (column.header.includes('电话')) {
            // A phone number: only its masked form (139****0042) may show.
            const phone = `139${String(70000000 + serial).padStart(8, '0')}`
            serial += 1
            row[at] = phone
            secrets.push(phone)
            return
          }
          const secret = `机密${template.id}${column.header}${index}号`
          row[at] = secret
          secrets.push(secret)
        })
      }
    }
    return { port, secrets, dropdowns }
  }

  it('no text or JSON of any record of any tab holds one', async () => {
    const { port, secrets, dropdowns } = secretWorkbook()
    expect(secrets.length).toBeGreaterThan(20)
    const explainer = await prepareWhy(port, TODAY)
    let explained = 0
    for (const [sheet, keys] of explainer.keys()) {
      for (const key of keys) {
        const explanation = await explainer.explain(sheet, key)
        explained += 1
        const shown = `${JSON.stringify(explanation)}\n${textOf(explanation)}`
        for (const secret of secrets) expect(shown, `${sheet} ${key}`).not.toContain(secret)
        // A dropdown column's value (信用状况 良好, 资质资料 缺失) is hidden wherever a fact reads it.
        for (const header of dropdowns.get(sheet) ?? []) {
          for (const record of explanation.records) {
            for (const fact of record.facts.filter((candidate) => candidate.source.includes(`“${header}”`)))
              expect(fact.value, `${sheet} ${key} ${fact.name}`).toBe(CONFIDENTIAL_MARK)
          }
        }
      }
    }
    expect(explained).toBeGreaterThan(100)
  })

  it('a confidential text that a fact carried is masked all the same', async () => {
    const template = TEMPLATES.customers
    const record = {
      row: 2,
      key: 'KH-1',
      values: new Map<string, string>([
        ['客户编号', 'KH-1'],
        ['联系人', '张三丰'],
      ]),
      invalid: new Set<string>(),
    }
    const explanation = await explainRecord({
      template,
      columns: new Map([['联系人', 5]]),
      record,
      row: 2,
      key: 'KH-1',
      sections: [
        {
          rules: [
            {
              conditions: { all: [{ fact: 'contact', operator: 'equal', value: '张三丰' }] },
              event: {
                type: 'TEST',
                params: { severity: 'info', label: '测试', message: '联系人 {contact}' },
              },
            },
          ],
          parameters: [],
          explain: { facts: { contact: { label: '联系人', how: '从联系人复制' } } },
          facts: { contact: '张三丰' },
          findings: [
            {
              sheet: '客户档案',
              row: 2,
              key: 'KH-1',
              code: 'TEST',
              severity: 'info',
              message: '联系人 张三丰',
              due: null,
            },
          ],
        },
      ],
      otherFindings: [],
      params: {},
      overrides: {},
      calendar: new Calendar(),
      today: TODAY,
    })
    expect(JSON.stringify(explanation)).not.toContain('张三丰')
    expect(explanation.findings[0]?.message).toBe(`联系人 ${CONFIDENTIAL_MARK}`)
  })
})

describe('the label of a fact', () => {
  it('is the note’s label, else the header of its column or the name of its parameter, else its name', async () => {
    const template = TEMPLATES.samples
    const record = {
      row: 2,
      key: 'YJ-1',
      values: new Map<string, string>([
        ['样件编号', 'YJ-1'],
        ['状态', '在用'],
      ]),
      invalid: new Set<string>(),
    }
    const explanation = await explainRecord({
      template,
      columns: new Map([['状态', 7]]),
      record,
      row: 2,
      key: 'YJ-1',
      sections: [
        {
          rules: [
            {
              conditions: {
                all: [
                  { fact: 'status', operator: 'equal', value: '在用' },
                  { fact: 'active', operator: 'equal', value: true },
                  { fact: 'reminderDays', operator: 'equal', value: 30 },
                  { fact: 'unnoted', operator: 'equal', value: 1 },
                ],
              },
              event: { type: 'TEST', params: { severity: 'info', label: '测试', message: '测试' } },
            },
          ],
          parameters: [],
          explain: {
            facts: {
              status: { column: '状态' },
              active: { label: '样件有效', column: '状态' },
              reminderDays: { parameter: '提前提醒天数' },
            },
          },
          facts: { status: '在用', active: true, reminderDays: 30, unnoted: 2 },
          findings: [],
        },
      ],
      otherFindings: [],
      params: {},
      overrides: {},
      calendar: new Calendar(),
      today: TODAY,
    })
    expect(explanation.facts.map(({ name, label }) => [name, label])).toEqual([
      ['status', '状态'],
      ['active', '样件有效'],
      ['reminderDays', '提前提醒天数'],
      ['unnoted', 'unnoted'],
    ])
    expect(explanation.facts.map((fact) => fact.source)).toEqual([
      'H 列“状态”',
      'H 列“状态”',
      '计算：参数“提前提醒天数”',
      '检查时计算',
    ])
    expect(explanation.notFired[0]?.conditions.map((line) => line.text)).toEqual([
      '以下条件全部满足：',
      '状态 为 “在用”（实际 在用）',
      '样件有效 为 是（实际 是）',
      '提前提醒天数 为 30（实际 30）',
      'unnoted 为 1（实际 2）',
    ])
  })
})

describe('what users wrote beside a finding, found as the check carries it', () => {
  it('finds the entries of a record whose id is typed in lower case', async () => {
    const port = sampleWorkbook([sample({ 样件编号: 'yj-1', 确认日期: d('2025-01-10') })])
    await runCheck(port, { today: TODAY, actor: 'test' })
    const alerts = port.tabs.get(TEMPLATES.alerts.name) ?? []
    const header = (alerts[0] ?? []).map(String)
    const at = (header_: string) => header.indexOf(header_)
    for (const row of alerts.slice(1))
      if (row[at('代码')] === 'SAMPLE_EXPIRED') row[at('处理情况')] = '王立：12/3 前送检'
    const explained = await runWhy(port, { tab: '样件台账', key: 'yj-1', today: TODAY })
    const expired = explained.records[0]?.findings.find((finding) => finding.code === 'SAMPLE_EXPIRED')
    expect(expired?.followUp?.note).toBe('王立：12/3 前送检')
  })
})
