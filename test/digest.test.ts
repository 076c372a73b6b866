import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/app/check'
import {
  type AlertsSnapshot,
  digestMail,
  digestMarkdown,
  digestSwitch,
  ownerColumnOf,
  planDigests,
  snapshotAlerts,
  utf8Bytes,
} from '../src/app/digest'
import { TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import type { Finding } from '../src/core/findings'
import type { TabTemplate } from '../src/core/template'
import { d, type Row, sample, sampleWorkbook, tab } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'

const TODAY = '2026-03-05' as IsoDate
const NOTHING_BEFORE: AlertsSnapshot = { seen: new Set(), deferred: new Set() }

function people(...rows: Row[]): Record<string, ReturnType<typeof tab>> {
  return { [TEMPLATES.people.name]: tab(TEMPLATES.people, rows) }
}

function finding(sheet: string, key: string, code = 'SOME_RULE', row = 2, message = '需要处理'): Finding {
  return { sheet, row, key, code, severity: 'warning', message, due: null }
}

describe('who is told about which findings', () => {
  it('gives each person only the findings of the samples they keep', async () => {
    const workbook = sampleWorkbook(
      [
        sample({ 样件编号: 'YJ-1', 确认日期: d('2025-01-10'), 保管人: '张三' }), // expired
        sample({ 样件编号: 'YJ-2', 确认日期: d('2025-02-10'), 保管人: '李四' }), // expired
        sample({ 样件编号: 'YJ-3', 确认日期: d('2025-02-20'), 保管人: '张三' }), // expired
        sample({ 样件编号: 'YJ-4', 确认日期: d('2025-02-20'), 保管人: '' }), // nobody to tell
      ],
      [],
      people(
        { 姓名: '张三', 邮箱: 'zhang@example.com' },
        { 姓名: '李四', webhook: 'https://x' },
        { 姓名: '王五' },
      ),
    )
    const report = await runCheck(workbook, { today: TODAY, actor: 'test', dryRun: true })
    const plan = planDigests(workbook, report.findings, NOTHING_BEFORE, TODAY)
    const keysOf = (name: string): string[] => [
      ...new Set(
        plan.digests.find((digest) => digest.person.name === name)?.items.map((item) => item.finding.key) ??
          [],
      ),
    ]
    expect(keysOf('张三')).toEqual(['YJ-1', 'YJ-3'])
    expect(keysOf('李四')).toEqual(['YJ-2'])
    // 王五 keeps nothing that has a finding: no digest at all.
    expect(plan.digests.map((digest) => digest.person.name)).toEqual(['张三', '李四'])
    expect(plan.unmatched).toEqual([])
  })

  const OWNED: readonly [TabTemplate, string, Row][] = [
    [TEMPLATES.samples, '保管人', { 样件编号: 'K-1' }],
    [TEMPLATES.inspections, '检验人', { 记录编号: 'K-1' }],
    [TEMPLATES.customers, '档案管理人', { 客户编号: 'K-1' }],
    [TEMPLATES.keyDevelopment, '开发负责人', { 客户编号: 'K-1' }],
    [TEMPLATES.visits, '走访人', { 走访编号: 'K-1' }],
    [TEMPLATES.visitQuestions, '答复人', { 走访编号: 'K-1' }],
    [TEMPLATES.services, '服务人员', { 服务编号: 'K-1' }],
    [TEMPLATES.leads, '分销商', { 报备编号: 'K-1' }],
    [TEMPLATES.distributors, '分销商', { 分销商: '张三' }],
  ]

  it.each(OWNED)('reads the owner of a %s finding from its %s column', (template, header, row) => {
    expect(ownerColumnOf(template.name)).toBe(header)
    const workbook = new MemoryWorkbook({
      [template.name]: tab(template, [
        { ...row, [header]: '张三' },
        { ...row, [header]: '李四' },
      ]),
      ...people({ 姓名: '张三' }, { 姓名: '李四' }),
    })
    const plan = planDigests(workbook, [finding(template.name, 'K-1', 'RULE', 3)], NOTHING_BEFORE, TODAY)
    expect(plan.digests.map((digest) => digest.person.name)).toEqual(['李四'])
  })

  it('sends a 封样评审 finding to everyone of the 申请部门', () => {
    const workbook = new MemoryWorkbook({
      [TEMPLATES.sealReviews.name]: tab(TEMPLATES.sealReviews, [{ 申请编号: 'FY-1', 申请部门: '质量部' }]),
      ...people(
        { 姓名: '张三', 部门: '质量部' },
        { 姓名: '李四', 部门: '技术部' },
        { 姓名: '王五', 部门: '质量部' },
      ),
    })
    const plan = planDigests(workbook, [finding(TEMPLATES.sealReviews.name, 'FY-1')], NOTHING_BEFORE, TODAY)
    expect(plan.digests.map((digest) => digest.person.name)).toEqual(['张三', '王五'])
  })

  it('tells nobody about a ledger that names no one responsible', () => {
    const workbook = new MemoryWorkbook({
      [TEMPLATES.suppliers.name]: tab(TEMPLATES.suppliers, [{ 供应商编号: 'GY-1' }]),
      ...people({ 姓名: '张三' }),
    })
    expect(ownerColumnOf(TEMPLATES.suppliers.name)).toBeUndefined()
    const plan = planDigests(workbook, [finding(TEMPLATES.suppliers.name, 'GY-1')], NOTHING_BEFORE, TODAY)
    expect(plan.digests).toEqual([])
  })

  it('names an owner missing from 人员 once, and splits a cell naming two people', () => {
    const workbook = sampleWorkbook(
      [sample({ 样件编号: 'YJ-1', 保管人: '张三、赵六' }), sample({ 样件编号: 'YJ-2', 保管人: '赵六' })],
      [],
      people({ 姓名: '张三' }),
    )
    const sheet = TEMPLATES.samples.name
    const plan = planDigests(
      workbook,
      [finding(sheet, 'YJ-1', 'A', 2), finding(sheet, 'YJ-2', 'A', 3), finding(sheet, 'YJ-2', 'B', 3)],
      NOTHING_BEFORE,
      TODAY,
    )
    expect(plan.digests.map((digest) => [digest.person.name, digest.items.length])).toEqual([['张三', 1]])
    expect(plan.unmatched).toEqual(['赵六'])
  })

  it('lists new findings first and counts deferred ones without listing them', () => {
    const sheet = TEMPLATES.samples.name
    const workbook = sampleWorkbook(
      [sample({ 样件编号: 'YJ-1', 保管人: '张三' }), sample({ 样件编号: 'YJ-2', 保管人: '张三' })],
      [],
      {
        ...people({ 姓名: '张三' }),
        [TEMPLATES.alerts.name]: tab(TEMPLATES.alerts, [
          { 台账: sheet, 行: 2, 编号: 'YJ-1', 代码: 'OLD', 级别: '警告' },
          { 台账: sheet, 行: 3, 编号: 'YJ-2', 代码: 'LATER', 级别: '警告', 暂缓至: d('2026-03-10') },
          { 台账: sheet, 行: 3, 编号: 'YJ-2', 代码: 'LAPSED', 级别: '警告', 暂缓至: d('2026-03-04') },
        ]),
      },
    )
    const before = snapshotAlerts(workbook, TODAY)
    const plan = planDigests(
      workbook,
      [
        finding(sheet, 'YJ-1', 'OLD', 2),
        finding(sheet, 'YJ-1', 'FRESH', 2),
        finding(sheet, 'YJ-2', 'LATER', 3),
        finding(sheet, 'YJ-2', 'LAPSED', 3),
      ],
      before,
      TODAY,
    )
    const [digest] = plan.digests
    expect(digest?.items.map((item) => [item.finding.code, item.isNew])).toEqual([
      ['FRESH', true],
      ['OLD', false],
      ['LAPSED', false],
    ])
    expect(digest?.deferred).toBe(1)
    const mail = digestMail(digest ?? never(), TODAY)
    expect(mail.subject).toBe('台账每日提醒（2026-03-05）：3 条，新增 1 条')
    expect(mail.body.indexOf('【新增】')).toBeLessThan(mail.body.indexOf('【此前已有】'))
    expect(mail.body).toContain('另有 1 条已暂缓，未列出')
  })
})

describe('a finding whose id was retyped is the one 提醒汇总 held', () => {
  const SAMPLES = TEMPLATES.samples.name
  const ALERTS = TEMPLATES.alerts.name

  /** Sets a cell of a tab by header, as a user typing into it. */
  function type(workbook: MemoryWorkbook, name: string, row: number, header: string, value: Cell): void {
    const rows = workbook.tabs.get(name) ?? never()
    const cells = rows[row - 1] ?? never()
    cells[(rows[0] ?? []).indexOf(header)] = value
  }

  /**
   * 提醒汇总 written by a check when 样件台账 said yj-001 (and YJ-002), deferred to `until` on the
   * rows of yj-001; then the user retypes the id as `retyped`. The digest of the next check.
   */
  async function digestAfterRetyping(retyped: string, until: Cell) {
    const workbook = sampleWorkbook(
      [
        sample({ 样件编号: 'yj-001', 确认日期: d('2025-01-10'), 保管人: '张三' }), // expired
        sample({ 样件编号: 'YJ-002', 确认日期: d('2025-01-10'), 保管人: '张三' }), // expired
      ],
      [],
      people({ 姓名: '张三' }),
    )
    await runCheck(workbook, { today: TODAY, actor: 'test' })
    const alerts = workbook.tabs.get(ALERTS) ?? never()
    const held = alerts.flatMap((cells, index) => (cells[2] === 'yj-001' ? [index + 1] : []))
    expect(held.length).toBeGreaterThan(0)
    for (const row of held) type(workbook, ALERTS, row, '暂缓至', until)
    type(workbook, SAMPLES, 2, '样件编号', retyped)
    const before = snapshotAlerts(workbook, TODAY)
    const report = await runCheck(workbook, { today: TODAY, actor: 'test' })
    const [digest] = planDigests(workbook, report.findings, before, TODAY).digests
    const retypedFindings = report.findings.filter((finding) => finding.key === retyped)
    expect(retypedFindings).toHaveLength(held.length)
    return { digest: digest ?? never(), report, retypedFindings, workbook }
  }

  it.each(['YJ-001', 'ＹＪ－００１'])('yj-001 retyped %s is not new', async (retyped) => {
    const { digest, report } = await digestAfterRetyping(retyped, null)
    expect(digest.items.map((item) => [item.finding.key, item.isNew])).toEqual(
      report.findings.filter((finding) => finding.sheet === SAMPLES).map((finding) => [finding.key, false]),
    )
    expect(digest.deferred).toBe(0)
    expect(digestMail(digest, TODAY).subject).toMatch(/新增 0 条$/)
  })

  it.each([
    ['YJ-001', TODAY],
    ['ＹＪ－００１', '2026-03-20'],
  ])(
    'yj-001 retyped %s and deferred to %s is counted as deferred, as 提醒汇总 shows it',
    async (retyped, until) => {
      const { digest, retypedFindings, workbook } = await digestAfterRetyping(retyped, d(until))
      expect(digest.deferred).toBe(retypedFindings.length)
      expect(digest.items.map((item) => item.finding.key)).not.toContain(retyped)
      expect(digest.items.every((item) => !item.isNew)).toBe(true)
      // The check carried 暂缓至 to the retyped id's rows too: the digest and 提醒汇总 agree.
      const alerts = workbook.tabs.get(ALERTS) ?? never()
      const levels = alerts.filter((cells) => cells[2] === retyped).map((cells) => String(cells[5]))
      expect(levels).toHaveLength(retypedFindings.length)
      for (const level of levels) expect(level).toContain(`已暂缓至 ${until}`)
    },
  )

  it('a 暂缓至 that has passed is no deferral: the retyped id is listed, not new', async () => {
    const { digest, retypedFindings } = await digestAfterRetyping('YJ-001', d('2026-03-04'))
    expect(digest.deferred).toBe(0)
    const listed = digest.items.filter((item) => item.finding.key === 'YJ-001')
    expect(listed.map((item) => item.isNew)).toEqual(retypedFindings.map(() => false))
  })
})

describe('what a digest never shows', () => {
  it('masks a phone number and hides a confidential value that a message quotes', () => {
    const workbook = new MemoryWorkbook({
      [TEMPLATES.leads.name]: tab(TEMPLATES.leads, [
        { 报备编号: 'BB-1', 分销商: '华东经销', 客户电话: '13812345678' },
      ]),
      [TEMPLATES.customers.name]: tab(TEMPLATES.customers, [
        { 客户编号: 'KH-1', 档案管理人: '张三', 联系人: '刘建国', 地址: '滨江路 88 号', 资质资料: '缺失' },
      ]),
      ...people({ 姓名: '华东经销' }, { 姓名: '张三' }),
    })
    const plan = planDigests(
      workbook,
      [
        finding(TEMPLATES.leads.name, 'BB-1', 'DUP', 2, '与 13812345678 的报备重复'),
        finding(TEMPLATES.customers.name, 'KH-1', 'OLD', 2, '联系人刘建国（滨江路 88 号）的档案资质资料缺失'),
      ],
      NOTHING_BEFORE,
      TODAY,
    )
    const texts = plan.digests.flatMap((digest) => [
      digestMail(digest, TODAY).body,
      ...digestMarkdown(digest, TODAY).parts,
    ])
    expect(texts.join('\n')).toContain('138****5678')
    // A dropdown's option is no secret: the finding still says what is missing.
    expect(texts.join('\n')).toContain('联系人****（****）的档案资质资料缺失')
    for (const text of texts) {
      expect(text).not.toContain('13812345678')
      expect(text).not.toContain('刘建国')
      expect(text).not.toContain('滨江路')
    }
  })
})

describe('a confidential value typed where it does not belong', () => {
  it('is hidden in the 编号 too, and an address holding a phone is hidden whole', () => {
    const workbook = new MemoryWorkbook({
      [TEMPLATES.customers.name]: tab(TEMPLATES.customers, [
        // The clerk used the customer's mobile as 客户编号, and wrote a phone into 地址.
        {
          客户编号: '13912345678',
          档案管理人: '张三',
          电话: '13912345678',
          地址: '滨江路 88 号 13812345678',
        },
        // And the contact's name as 客户编号 of another.
        { 客户编号: '刘建国', 档案管理人: '张三', 联系人: '刘建国' },
      ]),
      ...people({ 姓名: '张三' }),
    })
    const plan = planDigests(
      workbook,
      [
        finding(TEMPLATES.customers.name, '13912345678', 'OLD', 2, '地址“滨江路 88 号 13812345678”不全'),
        finding(TEMPLATES.customers.name, '刘建国', 'OLD', 3, '档案资质资料缺失'),
      ],
      NOTHING_BEFORE,
      TODAY,
    )
    const [digest] = plan.digests
    const texts = [
      digestMail(digest ?? never(), TODAY).body,
      ...digestMarkdown(digest ?? never(), TODAY).parts,
    ]
    // The markdown shows the mask's stars full-width, as it shows every * (markdownText).
    for (const text of texts.map((text) => text.replaceAll('＊', '*'))) {
      expect(text).toContain('客户档案 139****5678：地址“****”不全')
      expect(text).toContain('客户档案 ****：档案资质资料缺失')
      for (const secret of ['13912345678', '13812345678', '8888', '滨江路', '刘建国'])
        expect(text).not.toContain(secret)
    }
  })
})

describe('a phone number however it is typed', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['＋８６ １３８－１２３４－５６７８', '138****5678'],
  ])('%s in a 说明 is shown as %s', (typed, masked) => {
    const workbook = sampleWorkbook(
      [sample({ 样件编号: 'YJ-1', 保管人: '张三' })],
      [],
      people({ 姓名: '张三' }),
    )
    const [digest] = planDigests(
      workbook,
      [finding(TEMPLATES.samples.name, 'YJ-1', 'SOME_RULE', 2, `联系 ${typed} 处理`)],
      NOTHING_BEFORE,
      TODAY,
    ).digests
    const texts = [
      digestMail(digest ?? never(), TODAY).body,
      ...digestMarkdown(digest ?? never(), TODAY).parts,
    ]
    for (const text of texts) {
      expect(text.replaceAll('＊', '*')).toContain(`联系 ${masked} 处理`)
      expect(text).not.toContain(typed)
    }
  })
})

describe('the group-robot message', () => {
  it('is cut into parts of at most 4096 bytes, each with the title', () => {
    const sheet = TEMPLATES.samples.name
    const workbook = sampleWorkbook(
      [sample({ 样件编号: 'YJ-1', 保管人: '张三' })],
      [],
      people({ 姓名: '张三' }),
    )
    const many = Array.from({ length: 120 }, (_, index) =>
      finding(sheet, 'YJ-1', `RULE_${index}`, 2, `样件已过有效期，请尽快安排复检或更换（第 ${index} 条）`),
    )
    const [digest] = planDigests(workbook, many, NOTHING_BEFORE, TODAY).digests
    const { parts } = digestMarkdown(digest ?? never(), TODAY)
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) {
      expect(utf8Bytes(part)).toBeLessThanOrEqual(4096)
      expect(part).toMatch(/^### 台账每日提醒 · 张三（2026-03-05）/)
    }
    expect(parts.join('\n').match(/RULE_|第 \d+ 条/g)).toHaveLength(120)
  })
})

describe('参数 每日提醒推送', () => {
  it('is off by default, on with 是 only', () => {
    const withValue = (value: string | null): MemoryWorkbook =>
      new MemoryWorkbook({
        [TEMPLATES.parameters.name]: tab(TEMPLATES.parameters, [{ 参数: '每日提醒推送', 值: value }]),
      })
    expect(digestSwitch(new MemoryWorkbook()).on).toBe(false)
    expect(digestSwitch(withValue(null)).on).toBe(false)
    expect(digestSwitch(withValue('否')).on).toBe(false)
    expect(digestSwitch(withValue('yes'))).toEqual({ on: false, value: 'yes' })
    expect(digestSwitch(withValue(' 是 ')).on).toBe(true)
  })

  it('is a parameter the check knows: naming it in 参数 is no finding', async () => {
    const workbook = sampleWorkbook([sample()], [], {
      [TEMPLATES.parameters.name]: tab(TEMPLATES.parameters, [{ 参数: '每日提醒推送', 值: '是' }]),
    })
    const report = await runCheck(workbook, { today: TODAY, actor: 'test', dryRun: true })
    expect(report.findings.filter((f) => f.sheet === TEMPLATES.parameters.name)).toEqual([])
  })
})

function never(): never {
  throw new Error('expected a digest')
}
