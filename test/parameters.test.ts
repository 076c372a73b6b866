/**
 * Parameters (src/core/parameters.ts): the defaults of each ledger's parameters.json, overridden by name in
 * the 参数 tab; a bad override is a DATA_INVALID finding and the default stays in force.
 */
import { describe, expect, test } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import type { Cell } from '../src/core/cells'
import { defaultParameters, resolveParameters, resolveTextParameters } from '../src/core/parameters'
import { readTable } from '../src/core/table'
import { PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../src/ledgers'

const SHEET = TEMPLATES.parameters.name

// SPEC §2–3 and the regulations they cite.
const DEFAULTS = {
  'validityMonths.冲压件': 12, // 标准样件管理规定 4.3
  'validityMonths.标准件': 12,
  'validityMonths.塑料件': 6,
  'validityMonths.橡胶件': 3,
  'validityMonths.其他': 12, // 样件管理规范 5.2.3
  calibrationCycleMonths: 12, // 样件管理办法 4.3.3
  reminderDays: 30,
  temporaryMaxDays: 90,
  sealNoticeWorkingHours: 4, // 封样件管理规定 / 封样件管理办法 5.1.2：提前半天
  workMorningStart: 830, // 8:30–12:00, 13:30–17:30 (SPEC §3)
  workMorningEnd: 1200,
  workAfternoonStart: 1330,
  workAfternoonEnd: 1730,
  sealTrialMinutes: 1440, // 封样件管理规定 5.1.3：一天内 (封样件管理办法: 90)
  sealRectificationDays: 30,
  replyWorkingDays: 5, // 重要客户管理规定 附录4
  replyReminderWorkingDays: 1,
  noProgressDays: 30, // SPEC §2 重要客户开发
  archiveReviewMonths: 6, // 客户信息管理制度：每半年全面检查
  churnMaxPercent: 10, // SPEC §4 老客户流失率上限
  'vipThreshold.A': 500, // 万元; vip客户管理制度 names the tiers, the thresholds are ours
  'vipThreshold.B': 100,
  'vipThreshold.C': 20,
  dispatchWorkingDays: 1, // 客户管理制度 第十一条：次日优先派工
  surveyDays: 7, // SPEC: survey due 7 days after the service
  localLeadHours: 1, // 分销商客户管理规定 2：本地客户提前1小时报备
  remoteLeadHours: 24, // 异地客户原则上提前1天
  unvisitedProtectionDays: 7, // 自次日起统一保护期7天
  visitedProtectionDays: 45, // 如客户到访，保护期为45天
  bulkExtensionDays: 45, // 大宗客户经同意再延期45天，共计90天
  protectionReminderDays: 3,
  violationsToStop: 2, // 第一次罚款5万，第二次停止合作
  followUpSharePercent: 50, // 集团客服部对于成交客户进行抽样50%回访
  // 供应商管理办法 gives headings, not numbers: automotive conventions (README 供应商管理)
  supplierCertNoticeDays: 60,
  'supplierAuditMonths.A': 12,
  'supplierAuditMonths.B': 6,
  'supplierAuditMonths.C': 3,
  ppapDefaultLevel: 3, // AIAG PPAP 4th edition: level 3 unless the customer says otherwise
  ppapInterimNoticeDays: 14,
  'supplierWeight.quality': 40,
  'supplierWeight.delivery': 30,
  'supplierWeight.service': 20,
  'supplierWeight.price': 10,
  supplierClaimDeduction: 5,
  'supplierGrade.A': 90,
  'supplierGrade.B': 80,
  'supplierGrade.C': 70,
  supplierLowScore: 70,
  claimReplyWorkingDays: 5,
}

/** The 参数 tab as a host hands it over: header 参数 · 值 · 说明 unless given, then [参数, 值] rows. */
function resolve(rows: readonly (readonly Cell[])[], header: readonly Cell[] = ['参数', '值', '说明']) {
  const nameAt = header.indexOf('参数')
  const valueAt = header.indexOf('值')
  const table = {
    name: SHEET,
    header,
    rows: rows.map(([name, value]) => {
      const cells: Cell[] = header.map(() => null)
      cells[nameAt] = name ?? null
      cells[valueAt] = value ?? null
      return cells
    }),
  }
  const read = readTable(TEMPLATES.parameters, table)
  const resolved = resolveParameters(PARAMETER_DEFINITIONS, SHEET, read)
  return {
    values: resolved.values,
    findings: [...read.findings, ...resolved.findings],
    overrides: resolved.overrides,
  }
}

describe('defaults', () => {
  test('ship in the ledgers’ parameters.json with the values the regulations give', () => {
    expect(defaultParameters(PARAMETER_DEFINITIONS)).toEqual(DEFAULTS)
  })

  test('apply when the workbook has no 参数 tab', () => {
    expect(resolveParameters(PARAMETER_DEFINITIONS, SHEET, undefined)).toEqual({
      values: DEFAULTS,
      findings: [],
      overrides: {},
    })
  })

  test('apply when the 参数 tab is empty', () => {
    expect(resolve([])).toEqual({ values: DEFAULTS, findings: [], overrides: {} })
  })

  test('every default lies within its own bounds and every name is unique', () => {
    for (const definition of PARAMETER_DEFINITIONS) {
      expect(definition.default).toBeGreaterThanOrEqual(definition.min)
      expect(definition.default).toBeLessThanOrEqual(definition.max)
    }
    expect(new Set(PARAMETER_DEFINITIONS.map((definition) => definition.name)).size).toBe(
      PARAMETER_DEFINITIONS.length,
    )
  })
})

describe('a valid override replaces its default and nothing else', () => {
  test.each<[Cell, Cell, string, number]>([
    ['有效期(月)-塑料件', '9', 'validityMonths.塑料件', 9],
    ['有效期(月)-塑料件', 9, 'validityMonths.塑料件', 9],
    ['有效期（月）-塑料件', '9', 'validityMonths.塑料件', 9], // full-width brackets
    ['有效期（月）－塑料件', '9', 'validityMonths.塑料件', 9], // and a full-width dash
    [' 有效期 (月) - 塑料件 ', '9', 'validityMonths.塑料件', 9],
    ['有效期(月)—橡胶件', '2', 'validityMonths.橡胶件', 2],
    ['校准周期(月)', ' 24 ', 'calibrationCycleMonths', 24],
    ['校准周期（月）', '２４', 'calibrationCycleMonths', 24], // full-width digits
    ['校准周期(月)', '24.0', 'calibrationCycleMonths', 24],
    ['提前提醒天数', 0, 'reminderDays', 0], // the minimum
    ['提前提醒天数', '365', 'reminderDays', 365], // the maximum
    ['有效期(月)-其他', 1, 'validityMonths.其他', 1],
    ['有效期(月)-冲压件', 120, 'validityMonths.冲压件', 120],
    ['临时样件最长天数', '3650', 'temporaryMaxDays', 3650],
  ])('%j = %j sets %s to %i', (name, value, key, expected) => {
    const { values, findings } = resolve([[name, value]])
    expect(findings).toEqual([])
    expect(values).toEqual({ ...DEFAULTS, [key]: expected })
  })

  test('several overrides at once, with the columns reordered', () => {
    const { values, findings, overrides } = resolve(
      [
        ['有效期(月)-橡胶件', '4'],
        ['提前提醒天数', '15'],
      ],
      ['说明', '值', '我的备注', '参数'],
    )
    expect(findings).toEqual([])
    expect(values).toEqual({ ...DEFAULTS, 'validityMonths.橡胶件': 4, reminderDays: 15 })
    // The row of each override, for taizhang why (“参数”表第 3 行).
    expect(overrides).toEqual({ 'validityMonths.橡胶件': 2, reminderDays: 3 })
  })

  test.each<[Cell]>([[null], [''], ['   '], ['\u3000']])(
    'a blank value (%j) keeps the default, silently',
    (blank) => {
      expect(resolve([['有效期(月)-塑料件', blank]])).toEqual({
        values: DEFAULTS,
        findings: [],
        overrides: {},
      })
    },
  )
})

describe('a bad override is one DATA_INVALID finding and the default stays', () => {
  // [name, value as typed, value as shown, default, min, max]
  test.each<[string, Cell, string, number, number, number]>([
    ['有效期(月)-塑料件', '12.5', '12.5', 6, 1, 120],
    ['有效期(月)-塑料件', 12.5, '12.5', 6, 1, 120],
    ['有效期(月)-塑料件', '0', '0', 6, 1, 120], // below the minimum
    ['有效期(月)-塑料件', '121', '121', 6, 1, 120], // above the maximum
    ['有效期(月)-塑料件', '-6', '-6', 6, 1, 120],
    ['有效期(月)-塑料件', '6个月', '6个月', 6, 1, 120],
    ['有效期(月)-塑料件', 'abc', 'abc', 6, 1, 120],
    ['有效期(月)-塑料件', '0x10', '0x10', 6, 1, 120], // not a decimal number
    ['有效期(月)-塑料件', '1e1', '1e1', 6, 1, 120],
    ['有效期(月)-塑料件', true, 'TRUE', 6, 1, 120],
    ['提前提醒天数', '366', '366', 30, 0, 365],
    ['提前提醒天数', '-1', '-1', 30, 0, 365],
    ['临时样件最长天数', 'Infinity', 'Infinity', 90, 1, 3650],
  ])('%s = %j', (name, value, shown, fallback, min, max) => {
    const { values, findings } = resolve([
      ['校准周期(月)', '24'],
      [name, value],
    ])
    expect(values).toEqual({ ...DEFAULTS, calibrationCycleMonths: 24 })
    expect(findings).toEqual([
      {
        sheet: '参数',
        row: 3,
        key: name,
        code: 'DATA_INVALID',
        severity: 'error',
        message: `第 3 行 B 列“值”的值“${shown}”不是参数“${name}”的有效值，请填写 ${min} 到 ${max} 之间的整数；暂按默认值 ${fallback} 计算`,
        due: null,
      },
    ])
  })

  test.each([['有效期-铝件'], ['有效期(月)'], ['reminderDays'], ['提前提醒']])(
    'an unknown name %j',
    (name) => {
      const { values, findings } = resolve([[name, '5']])
      expect(values).toEqual(DEFAULTS)
      expect(findings).toEqual([
        {
          sheet: '参数',
          row: 2,
          key: name,
          code: 'DATA_INVALID',
          severity: 'error',
          message: `第 2 行 A 列“参数”的值“${name}”不是台账认识的参数，请检查名称（可用参数见 README）`,
          due: null,
        },
      ])
    },
  )

  test('the column letter follows the header, wherever the user moved it', () => {
    const { findings } = resolve([['提前提醒天数', 'x']], ['说明', '参数', '备注', '值'])
    expect(findings).toHaveLength(1)
    expect(findings[0]?.message.startsWith('第 2 行 D 列“值”的值“x”')).toBe(true)
  })

  test('a value without a name is reported once, as a missing name', () => {
    const { values, findings } = resolve([[null, '5']])
    expect(values).toEqual(DEFAULTS)
    expect(findings.map((finding) => finding.message)).toEqual([
      '第 2 行 A 列“参数”未填写，这是必填项，请补上',
    ])
  })

  test('a parameter named twice: the first row is in force, the second is reported once', () => {
    const { values, findings } = resolve([
      ['有效期(月)-塑料件', '9'],
      ['有效期(月)-塑料件', '4'],
    ])
    expect(values).toEqual({ ...DEFAULTS, 'validityMonths.塑料件': 9 })
    expect(findings.map((finding) => [finding.row, finding.message])).toEqual([
      [3, '第 3 行 A 列“参数”的值“有效期(月)-塑料件”与第 2 行重复，编号必须唯一，请改用新编号'],
    ])
  })

  test('a parameter named twice in different spellings: the first row is in force, the second is reported', () => {
    const { values, findings } = resolve([
      ['有效期(月)-塑料件', '9'],
      ['有效期（月）-塑料件', '4'],
    ])
    expect(values).toEqual({ ...DEFAULTS, 'validityMonths.塑料件': 9 })
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ row: 3, key: '有效期（月）-塑料件', code: 'DATA_INVALID' })
    expect(findings[0]?.message).toBe(
      '第 3 行 A 列“参数”的值“有效期（月）-塑料件”与第 2 行是同一个参数，按第 2 行计算，请删除其中一行',
    )
  })

  test('bad rows do not disturb good ones', () => {
    const { values, findings } = resolve([
      ['有效期(月)-橡胶件', '2'],
      ['有效期-铝件', '5'],
      ['提前提醒天数', '999'],
      ['临时样件最长天数', '60'],
    ])
    expect(values).toEqual({ ...DEFAULTS, 'validityMonths.橡胶件': 2, temporaryMaxDays: 60 })
    expect(findings.map((finding) => finding.row)).toEqual([3, 4])
  })
})

describe('text parameters named twice', () => {
  /** Both resolvers over one 参数 tab, as a check runs them, with the table's own findings. */
  function resolveBoth(rows: readonly (readonly Cell[])[]) {
    const read = readTable(TEMPLATES.parameters, {
      name: SHEET,
      header: ['参数', '值', '说明'],
      rows: rows.map(([name, value]) => [name ?? null, value ?? null, null]),
    })
    const names = TEXT_PARAMETER_DEFINITIONS.map((definition) => definition.name)
    const numbers = resolveParameters(PARAMETER_DEFINITIONS, SHEET, read, names)
    const texts = resolveTextParameters(TEXT_PARAMETER_DEFINITIONS, SHEET, read)
    return {
      texts,
      findings: [...read.findings, ...numbers.findings, ...texts.findings].map((finding) => [
        finding.row,
        finding.message,
      ]),
    }
  }

  test.each([
    // [the row in force, the repeat under another spelling, the key]
    [['PPAP等级矩阵', '{"4": "18"}'], ['PPAP 等级矩阵', '{"4": "1,18"}'], 'ppapLevelMatrix'],
    [['PPAP等级矩阵', '{"4": "18"}'], ['ＰＰＡＰ等级矩阵', '[1, 2]'], 'ppapLevelMatrix'],
    [['答复单落款', 'XX汽车配件有限公司'], ['答复单 落款', '另一家公司'], 'replyLetter.signature'],
  ])(
    'under another spelling: the first row is in force, the repeat %j · %j is reported',
    (first, repeat, key) => {
      const { texts, findings } = resolveBoth([['执行人', '王立'], first, repeat])
      expect(findings).toEqual([
        [4, `第 4 行 A 列“参数”的值“${repeat[0]}”与第 3 行是同一个参数，按第 3 行计算，请删除其中一行`],
      ])
      expect(texts.values[key]).toBe(first[1])
      expect(texts.rows[key]).toBe(3)
    },
  )

  test('under the same spelling: the table reports it once, the first row is in force', () => {
    const { texts, findings } = resolveBoth([
      ['PPAP等级矩阵', '{"4": "18"}'],
      ['PPAP等级矩阵', '{"4": "1,18"}'],
    ])
    expect(findings).toEqual([
      [3, '第 3 行 A 列“参数”的值“PPAP等级矩阵”与第 2 行重复，编号必须唯一，请改用新编号'],
    ])
    expect(texts.values.ppapLevelMatrix).toBe('{"4": "18"}')
    expect(texts.rows.ppapLevelMatrix).toBe(2)
  })

  test('a blank first row still claims the name: the second is reported, not used', () => {
    const { texts, findings } = resolveBoth([
      ['PPAP等级矩阵', null],
      ['ＰＰＡＰ等级矩阵', '{"4": "1,18"}'],
    ])
    expect(findings.map(([row]) => row)).toEqual([3])
    expect(texts.values.ppapLevelMatrix).toBeUndefined()
    expect(texts.rows.ppapLevelMatrix).toBeUndefined()
  })
})
