/**
 * taizhang why on the supplier tabs: each derivation with its real numbers (the certificate window,
 * the next audit by 分类, the elements a PPAP level requires against those submitted, 综合 from the
 * weighted scores less the claim deduction, the two months of SUPPLIER_RATING_LOW, 回复期限 day by
 * day), the parameters named with their source, and the composite keys of PPAP提交 and 供应商月度评定.
 */
import { describe, expect, it } from 'vitest'
import { runWhy } from '../../../src/app/why'
import type { IsoDate } from '../../../src/core/dates'
import type { RecordExplanation } from '../../../src/core/explain'
import { explanationText } from '../../../src/core/explain-text'
import { d, type Row } from '../../support/ledger-builder'
import { CLAIMS, PPAP, RATINGS, SUPPLIERS, supplier, type Tabs, workbook } from './support'

const TODAY = '2026-06-15' as IsoDate

async function explained(tabs: Tabs, sheet: string, key: string, today = TODAY): Promise<RecordExplanation> {
  const explanation = await runWhy(workbook(tabs), { tab: sheet, key, today })
  expect(explanation.records).toHaveLength(1)
  return explanation.records[0] as RecordExplanation
}

const texts = (record: RecordExplanation) => record.derivations.map((line) => line.text)
const codes = (record: RecordExplanation) => record.findings.map((finding) => finding.code)

describe('供应商名录: the certificate window and the next audit', () => {
  const suppliers: Row[] = [
    supplier(),
    supplier({ 供应商编号: 'GYS-2', 分类: 'C', 上次审核日期: null }),
    supplier({ 供应商编号: 'GYS-3', 状态: '暂停', 上次审核日期: d('2025-01-01') }),
    supplier({ 供应商编号: 'GYS-4', 上次审核日期: d('2025-12-31') }),
    supplier({ 供应商编号: 'GYS-5', 体系认证: '无', 证书有效期至: null }),
  ]
  const parameters: Row[] = [{ 参数: '审核周期(月)-C类', 值: '2' }]

  it('证书有效期至 − the window, and 上次审核日期 + the months of the 分类', async () => {
    const record = await explained({ suppliers, parameters }, SUPPLIERS, 'GYS-1')
    expect(codes(record)).toEqual([])
    expect(texts(record)).toEqual([
      '证书到期提醒自 2027-11-02 起 = 证书有效期至 2028-01-01 − 60 天（参数“证书到期提醒(天)”=60（默认））；今天 2026-06-15 距到期还有 565 天',
      '下次审核 2026-11-01 = 上次审核日期 2026-05-01 + 6 个月（B 类，参数“审核周期(月)-B类”=6（默认）），月末对齐；今天 2026-06-15 距下次审核还有 139 天',
    ])
  })

  it('month end aligned: 2025-12-31 + 6 months is 2026-06-30', async () => {
    const record = await explained({ suppliers, parameters }, SUPPLIERS, 'gys-4')
    expect(texts(record)[1]).toBe(
      '下次审核 2026-06-30 = 上次审核日期 2025-12-31 + 6 个月（B 类，参数“审核周期(月)-B类”=6（默认）），月末对齐；今天 2026-06-15 距下次审核还有 15 天',
    )
  })

  it('never audited: due at once, with the cycle of its 分类 from the 参数 tab', async () => {
    const record = await explained({ suppliers, parameters }, SUPPLIERS, 'GYS-2')
    expect(codes(record)).toEqual(['SUPPLIER_AUDIT_DUE'])
    expect(texts(record)[1]).toBe(
      '下次审核：没有审核记录（“上次审核日期”未填），应立即安排审核；之后每 2 个月一次（C 类，参数“审核周期(月)-C类”=2（“参数”表第 2 行））',
    )
    expect(record.findings[0]?.rule?.clause).toBe(
      '供应商管理办法 八 供应商审核（1 审核类别、2 审核实施）；按分类的审核周期(月)为惯例，办法未规定',
    )
  })

  it('a 暂停 supplier is not audited, and one without certification has no window', async () => {
    expect(texts(await explained({ suppliers, parameters }, SUPPLIERS, 'GYS-3'))[1]).toBe(
      '下次审核：状态为“暂停”，不安排审核',
    )
    const uncertified = await explained({ suppliers, parameters }, SUPPLIERS, 'GYS-5')
    expect(codes(uncertified)).toEqual(['SUPPLIER_UNCERTIFIED'])
    expect(texts(uncertified)[0]).toBe('证书到期：体系认证为“无”，没有第三方认证证书，不提醒到期')
  })
})

describe('PPAP提交: the elements a level requires against those submitted', () => {
  const ppap: Row[] = [
    // 提交等级 blank: the default level, from the 参数 tab; level 2 rewritten by PPAP等级矩阵
    { 零件号: 'P-1', 供应商编号: 'GYS-1', 提交日期: d('2026-06-01'), 状态: '已提交', 元素: '1' },
    { 零件号: 'P-2', 供应商编号: 'GYS-1', 提交等级: 3, 要求提交日期: d('2026-06-01'), 状态: '待提交' },
    {
      零件号: 'P-3',
      供应商编号: 'GYS-1',
      提交等级: 3,
      提交日期: d('2026-05-01'),
      状态: '临时批准',
      临时批准有效期至: d('2026-06-20'),
      元素: '全部',
    },
  ]
  const parameters: Row[] = [
    { 参数: 'PPAP默认提交等级', 值: '2' },
    { 参数: 'PPAP等级矩阵', 值: '{"2": "1,2,18"}' },
  ]

  it('the level from the 参数 tab, its elements from the PPAP等级矩阵 override, and what is missing', async () => {
    const record = await explained({ ppap, parameters }, PPAP, 'P-1/GYS-1')
    expect(codes(record)).toEqual(['PPAP_INCOMPLETE'])
    expect(texts(record)).toEqual([
      '须提交的元素 1,2,18：提交等级 2 级（“提交等级”留空或有误，取参数“PPAP默认提交等级”=2（“参数”表第 2 行）），按“参数”表的参数“PPAP等级矩阵”改写的 2 级',
      '已提交的元素 1（“元素”列）；缺少 2 项：2 工程更改文件、18 零件提交保证书(PSW)',
    ])
    expect(record.findings[0]?.rule?.clause).toBe(
      '附件2 PPAP管理办法；各提交等级须提交的元素为惯例（AIAG PPAP 第4版 表 4.2）',
    )
  })

  it('a level the override leaves alone takes the default matrix; not submitted yet', async () => {
    const record = await explained({ ppap, parameters }, PPAP, 'P-2/GYS-1')
    expect(codes(record)).toEqual(['PPAP_OVERDUE'])
    expect(texts(record)).toEqual([
      '须提交的元素 1-14,17,18：提交等级 3 级（“提交等级”列），按默认等级矩阵 ppap-levels.json：惯例（AIAG PPAP 第4版）表 4.2',
      '“元素”列未填；尚未提交，提交后再核对元素',
      '要求提交日期 2026-06-01，尚未提交：今天 2026-06-15 距要求提交日期已过 14 天',
    ])
  })

  it('the interim approval: 有效期至 − the window', async () => {
    const record = await explained({ ppap, parameters }, PPAP, 'P-3/GYS-1')
    expect(codes(record)).toEqual(['PPAP_INTERIM_EXPIRING'])
    expect(texts(record)).toEqual([
      '须提交的元素 1-14,17,18：提交等级 3 级（“提交等级”列），按默认等级矩阵 ppap-levels.json：惯例（AIAG PPAP 第4版）表 4.2',
      '已提交的元素 1-18（“元素”列）；须提交的元素齐全',
      '临时批准到期提醒自 2026-06-06 起 = 临时批准有效期至 2026-06-20 − 14 天（参数“临时批准到期提醒(天)”=14（默认））；今天 2026-06-15 距到期还有 5 天',
    ])
  })

  it('the key is 零件号/供应商编号 as 提醒汇总 shows it; case, width and spaces around the slash do not matter', async () => {
    for (const typed of ['P-1/GYS-1', 'p-1/gys-1', ' P-1 / GYS-1 ', 'Ｐ－１／ＧＹＳ－１']) {
      const record = await explained({ ppap, parameters }, PPAP, typed)
      expect(record.key, typed).toBe('P-1/GYS-1')
    }
    await expect(runWhy(workbook({ ppap }), { tab: PPAP, key: 'P-1', today: TODAY })).rejects.toThrow(
      '“PPAP提交”中没有编号为“P-1”的记录；相近的编号：P-1/GYS-1',
    )
  })
})

describe('供应商月度评定: 综合 and the two months', () => {
  const ratings: Row[] = [
    { 月份: '2026年3月', 供应商编号: 'GYS-1', 质量: 60, 交付: 60, 服务: 60, 价格: 60 },
    // 价格 blank: its weight is 0 (参数)
    { 月份: '2026-05', 供应商编号: 'GYS-1', 质量: 80, 交付: 70, 服务: 60 },
  ]
  const claims: Row[] = [
    {
      索赔编号: 'SP-1',
      供应商编号: 'GYS-1',
      发生日期: d('2026-05-20'),
      回复日期: d('2026-05-21'),
      状态: '已回复',
    },
  ]
  const parameters: Row[] = [{ 参数: '评定权重(%)-价格', 值: '0' }]

  it('the weighted average of the weighted scores less the claims of the month, by hand', async () => {
    // (80×40 + 70×30 + 60×20) ÷ 90 = 72.22…; one claim in May: − 5 → 67.2, below C's 70: D.
    const record = await explained({ ratings, claims, parameters }, RATINGS, 'GYS-1 2026-05')
    expect(texts(record)).toEqual([
      '综合 67.2 = (质量 80×40 + 交付 70×30 + 服务 60×20) ÷ 90 − 索赔扣分 5 = 72.22 − 5，不低于 0，保留一位小数（权重：参数“评定权重(%)-质量”=40（默认）、参数“评定权重(%)-交付”=30（默认）、参数“评定权重(%)-服务”=20（默认）、参数“评定权重(%)-价格”=0（“参数”表第 2 行）；价格权重为 0，不计）',
      '索赔扣分 5 = 本月索赔 1 件（“索赔”表按发生日期）× 参数“索赔扣分(每件)”=5（默认）',
      '等级 D：综合 67.2 对照评定等级线（参数“评定等级线-A”=90（默认）、参数“评定等级线-B”=80（默认）、参数“评定等级线-C”=70（默认）；更低为 D 级）',
      '连续低分：上月 2026年4月 没有综合分（未评定或评分不全），不算连续两个月；评定整改线 70 分（参数“评定整改线”=70（默认））',
    ])
    expect(codes(record)).toEqual([])
  })

  it('two low months in a row: both months with their 综合 and row', async () => {
    const april = { 月份: '2026/4', 供应商编号: 'GYS-1', 质量: 65, 交付: 65, 服务: 65 }
    const record = await explained(
      { ratings: [...ratings, april], claims, parameters },
      RATINGS,
      'GYS-1 2026-05',
    )
    expect(codes(record)).toEqual(['SUPPLIER_RATING_LOW'])
    expect(texts(record)[3]).toBe(
      '连续低分：上月 2026年4月 综合 65 分（第 4 行，低于整改线）、本月 2026年5月 综合 67.2 分（低于整改线），评定整改线 70 分（参数“评定整改线”=70（默认））：连续两个月低于整改线',
    )
    expect(record.findings[0]?.rule?.clause).toBe(
      '供应商管理办法 十一.2 供应商月度评定；连续两个月低于整改线即整改、整改线的分数为惯例，办法未规定',
    )
  })

  it('an earlier month is not compared, and a row with a score missing has no 综合', async () => {
    const march = await explained({ ratings, claims, parameters }, RATINGS, 'GYS-1 2026-03')
    expect(texts(march)[0]).toBe(
      '综合 60 = (质量 60×40 + 交付 60×30 + 服务 60×20) ÷ 90 − 索赔扣分 0 = 60 − 0，不低于 0，保留一位小数（权重：参数“评定权重(%)-质量”=40（默认）、参数“评定权重(%)-交付”=30（默认）、参数“评定权重(%)-服务”=20（默认）、参数“评定权重(%)-价格”=0（“参数”表第 2 行）；价格权重为 0，不计）',
    )
    expect(texts(march)[3]).toBe(
      '连续低分：只看该供应商最近评定的月份（2026年5月）和它的上月；本行的 2026年3月 不是最近的月份',
    )
    const unrated = await explained(
      { ratings: [{ 月份: '2026-06', 供应商编号: 'GYS-1', 质量: 80 }] },
      RATINGS,
      'GYS-1 2026-06',
    )
    expect(texts(unrated)).toEqual([
      '综合：留空，有权重的评分未填或有误（“交付”、“服务”、“价格”），本月不算已评定，不按 0 分计',
      '连续低分：本月没有综合分，不参与判断',
    ])
  })

  it('the key is 供应商编号 and 月份 as 提醒汇总 shows it, or with the month typed as in the tab', async () => {
    for (const typed of ['GYS-1 2026-05', 'gys-1 2026年5月', 'GYS-1  2026/5', 'ＧＹＳ－１　２０２６－０５']) {
      const record = await explained({ ratings, claims, parameters }, RATINGS, typed)
      expect(record.key, typed).toBe('GYS-1 2026-05')
    }
    await expect(
      runWhy(workbook({ ratings }), { tab: RATINGS, key: 'GYS-1 2026-04', today: TODAY }),
    ).rejects.toThrow(
      '“供应商月度评定”中没有编号为“GYS-1 2026-04”的记录；相近的编号：GYS-1 2026-03、GYS-1 2026-05',
    )
  })
})

describe('索赔: 回复期限 day by day', () => {
  it('skips National Day and counts the make-up Sunday, as the other working-day deadlines do', async () => {
    const claims: Row[] = [
      { 索赔编号: 'SP-9', 供应商编号: 'GYS-1', 发生日期: d('2025-09-26'), 状态: '待回复' },
    ]
    const explanation = await runWhy(workbook({ claims }), {
      tab: CLAIMS,
      key: 'sp-9',
      today: '2025-10-13' as IsoDate,
    })
    const [record] = explanation.records
    expect(record?.findings.map((finding) => finding.code)).toEqual(['CLAIM_REPLY_OVERDUE'])
    const [deadline, waiting] = record?.derivations ?? []
    expect(deadline?.text).toBe(
      '回复期限 2025-10-10 = 发生日期 2025-09-26 之后第 5 个工作日（参数“索赔回复期限(工作日)”=5（默认）；发生当天不算，供应商管理办法 九 索赔管理）：',
    )
    expect(deadline?.days?.days.filter((day) => day.working).map((day) => [day.date, day.count])).toEqual([
      ['2025-09-28', 1],
      ['2025-09-29', 2],
      ['2025-09-30', 3],
      ['2025-10-09', 4],
      ['2025-10-10', 5],
    ])
    expect(waiting?.text).toBe(
      '未回复：发生日期 2025-09-26 之后到今天 2025-10-13 已过 7 个工作日，今天距回复期限已过 3 天',
    )
    const text = explanationText(explanation)
    expect(text).toContain('2025-09-28 周日 计第 1 个工作日：调休上班（国庆节）')
    expect(text).toContain('2025-10-01 周三 跳过：法定节假日（国庆节）')
    expect(text).toContain(
      '依据：供应商管理办法 九 索赔管理（2 不良件索赔过程）；回复期限的工作日数为惯例，办法未规定',
    )
  })
})
