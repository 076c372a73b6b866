/**
 * How `taizhang why` words the SUPPLIER_*, PPAP_* and CLAIM_* facts of the four supplier tabs, and
 * how their derived values came about: the certificate's reminder window and the next audit (供应商名录),
 * the elements a level requires against those submitted and the interim approval (PPAP提交), 综合 and
 * the two months of SUPPLIER_RATING_LOW (供应商月度评定), and 回复期限 day by day (索赔).
 */
import type { IsoDate } from '../../core/dates'
import type { Derivation, DeriveInput, LedgerExplainer } from '../../core/explainer'
import type { FactValue } from '../../core/rules/facts'
import { toHalfWidth } from '../../core/text'
import { parseMonth } from './months'
import { ppapKey, ratingKey, SCORE_ITEMS, WEIGHT_KEYS } from './suppliers'
import { PPAP, SUPPLIER_RATINGS } from './tabs'

export const suppliersExplainer: LedgerExplainer = {
  facts: {
    recordType: {
      label: '记录类别（supplier 供应商名录 / ppap PPAP提交 / rating 供应商月度评定 / claim 索赔）',
    },
    supplierName: { label: '供应商', how: '“供应商名录”中该供应商编号的名称（名称未填时为编号）' },
    status: { column: '状态' },
    // 供应商名录
    certification: { column: '体系认证' },
    certified: { label: '有第三方体系认证（体系认证为 IATF 16949 或 ISO 9001）', column: '体系认证' },
    certExpiry: { column: '证书有效期至' },
    daysToCertExpiry: {
      label: '距证书有效期至的天数',
      how: '证书有效期至 − 今天（有第三方认证、状态不是淘汰时）',
    },
    certNoticeDays: { parameter: '证书到期提醒(天)' },
    certNoticeFrom: { label: '证书到期提醒起始日', how: '证书有效期至 − 证书到期提醒(天)' },
    category: { column: '分类' },
    lastAudit: { column: '上次审核日期' },
    auditMonths: { label: '审核周期(月)', how: '按分类取参数“审核周期(月)-A类 / B类 / C类”' },
    auditDue: {
      label: '下次审核日期',
      how: '上次审核日期 + 审核周期(月)，月末对齐；只审核状态为合格、试用或未填且填了分类的供应商',
    },
    daysPastAuditDue: {
      label: '今天超过下次审核日期的天数',
      how: '今天 − 下次审核日期；没有审核记录时为 0（应立即审核）',
    },
    auditNote: { label: '审核情况', how: '上次审核日期、分类的审核周期和下次审核日期' },
    // PPAP提交
    part: { column: '零件号' },
    level: { column: '提交等级', how: '留空或有误时取参数“PPAP默认提交等级”' },
    submitted: {
      label: '已提交（填了提交日期，或状态为已提交、批准、临时批准、拒收）',
      column: '提交日期',
    },
    requiredDate: { column: '要求提交日期' },
    daysPastRequired: { label: '今天超过要求提交日期的天数', how: '今天 − 要求提交日期（尚未提交时）' },
    requiredList: {
      label: '按提交等级须提交的元素',
      how: 'PPAP 等级矩阵：默认 ppap-levels.json（惯例（AIAG PPAP 第4版）表 4.2），参数“PPAP等级矩阵”可改写某几级',
    },
    submittedList: { label: '已提交的元素', column: '元素' },
    missingCount: { label: '缺少的元素数', how: '须提交的元素中“元素”列没有的个数（已提交时才检查）' },
    missingElements: { label: '缺少的元素', how: '须提交的元素 − 已提交的元素，附元素名称' },
    missingList: { label: '缺少的元素编号', column: '缺少元素' },
    requiredOverridden: {
      label: '本级元素取自参数“PPAP等级矩阵”',
      how: '“参数”表的“PPAP等级矩阵”写了这一级',
    },
    interimUntil: { column: '临时批准有效期至' },
    daysToInterimEnd: {
      label: '距临时批准有效期至的天数',
      how: '临时批准有效期至 − 今天（状态为临时批准时）',
    },
    interimNoticeDays: { parameter: '临时批准到期提醒(天)' },
    interimNoticeFrom: { label: '临时批准到期提醒起始日', how: '临时批准有效期至 − 临时批准到期提醒(天)' },
    volumeUnapproved: {
      label: '小批量认可已通过而 PPAP 未批准（状态不是批准或临时批准）',
      column: '小批量认可',
    },
    // 供应商月度评定
    month: { column: '月份' },
    composite: {
      column: '综合',
      how: '四项评分按参数权重加权平均 − 索赔扣分，不低于 0，保留一位小数',
    },
    grade: { column: '等级', how: '综合按参数“评定等级线-A / B / C”' },
    weightedAverage: {
      label: '加权平均（扣分前）',
      how: '各项评分 × 权重之和 ÷ 权重之和（权重为 0 的项不计）',
    },
    claimsInMonth: { label: '本月索赔件数', how: '“索赔”表中该供应商发生日期在本月的索赔' },
    claimDeduction: {
      column: '索赔扣分',
      how: '本月索赔件数 × 参数“索赔扣分(每件)”',
    },
    counted: { label: '计入连续低分和年度评定（不是同一供应商同月的重复行）' },
    latestMonth: { label: '该供应商最近评定的月份', how: '“供应商月度评定”中该供应商有综合分的最近月份' },
    previousMonth: { label: '上月', how: '月份的前一个月' },
    previousComposite: { label: '上月综合', how: '“供应商月度评定”中该供应商上月的综合' },
    previousRow: { label: '上月评定所在的行' },
    lowStreak: {
      label: '最近两个月都低于评定整改线',
      how: '该供应商最近评定的月份与其上月的综合都低于参数“评定整改线”',
    },
    lowScore: { parameter: '评定整改线' },
    // 索赔
    claimId: { column: '索赔编号' },
    occurred: { column: '发生日期' },
    deadline: {
      column: '回复期限',
      how: '发生日期之后第 N 个工作日（参数“索赔回复期限(工作日)”），按法定节假日、调休和“节假日”表',
    },
    replied: { label: '已回复（填了回复日期，或状态为已回复、已结案）', column: '回复日期' },
    replyDate: { column: '回复日期' },
    daysPastDeadline: { label: '今天超过回复期限的天数', how: '今天 − 回复期限（未回复时）' },
    workingDaysWaiting: {
      label: '发生后已过的工作日',
      how: '发生日期之后到今天（含）的工作日数（未回复时）',
    },
    replyWorkingDays: { parameter: '索赔回复期限(工作日)' },
  },
  keyOf(sheet, typed) {
    const text = toHalfWidth(typed).trim()
    if (sheet === PPAP.name) {
      // 零件号/供应商编号, as 提醒汇总's 编号 shows it; spaces around the slash do not matter.
      const parts = text.split('/')
      const [part, supplier] = parts.map((item) => item.trim())
      return parts.length === 2 && part && supplier ? ppapKey(part, supplier) : undefined
    }
    if (sheet === SUPPLIER_RATINGS.name) {
      // 供应商编号 and 月份, the month however the tab has it typed: GYS-005 2026年10月 is GYS-005 2026-10.
      const match = /^(\S+)\s+(.+)$/.exec(text)
      const month = match?.[2] === undefined ? undefined : parseMonth(match[2])
      return match?.[1] !== undefined && month !== undefined ? ratingKey(match[1], month) : undefined
    }
    return undefined
  },
  derive(input) {
    switch (input.facts.recordType) {
      case 'supplier':
        return supplierLines(input)
      case 'ppap':
        return ppapLines(input)
      case 'rating':
        return ratingLines(input)
      case 'claim':
        return claimLines(input)
      default:
        return []
    }
  },
}

/** 还有 30 天 / 就是今天 / 已过 10 天. */
function daysLeft(days: FactValue | undefined): string {
  if (typeof days !== 'number') return ''
  if (days > 0) return `还有 ${days} 天`
  if (days === 0) return '就是今天'
  return `已过 ${-days} 天`
}

function supplierLines({ facts, today, parameter, parameterAmount }: DeriveInput): Derivation[] {
  const lines: Derivation[] = []
  const expiry = facts.certExpiry
  if (facts.certified !== true)
    lines.push({ text: `证书到期：体系认证为“${facts.certification}”，没有第三方认证证书，不提醒到期` })
  else if (typeof expiry !== 'string')
    lines.push({ text: '证书到期：无法计算（“证书有效期至”未填或不是日期）' })
  else {
    const left =
      facts.daysToCertExpiry === undefined
        ? '状态为淘汰，不再提醒'
        : `今天 ${today} 距到期${daysLeft(facts.daysToCertExpiry)}`
    lines.push({
      text: `证书到期提醒自 ${facts.certNoticeFrom} 起 = 证书有效期至 ${expiry} − ${parameterAmount('supplierCertNoticeDays', '天')}；${left}`,
    })
  }
  const category = facts.category
  if (facts.daysPastAuditDue === undefined) {
    lines.push({
      text:
        facts.status === '暂停' || facts.status === '淘汰'
          ? `下次审核：状态为“${facts.status}”，不安排审核`
          : '下次审核：“分类”未填或不是 A / B / C，无法按分类确定审核周期',
    })
  } else if (typeof facts.lastAudit !== 'string') {
    lines.push({
      text: `下次审核：没有审核记录（“上次审核日期”未填），应立即安排审核；之后每 ${facts.auditMonths} 个月一次（${category} 类，${parameter(`supplierAuditMonths.${category}`)}）`,
    })
  } else {
    lines.push({
      text: `下次审核 ${facts.auditDue} = 上次审核日期 ${facts.lastAudit} + ${facts.auditMonths} 个月（${category} 类，${parameter(`supplierAuditMonths.${category}`)}），月末对齐；今天 ${today} 距下次审核${daysLeft(-(facts.daysPastAuditDue as number))}`,
    })
  }
  return lines
}

function ppapLines({ facts, today, value, parameter, parameterAmount }: DeriveInput): Derivation[] {
  const lines: Derivation[] = []
  const level = facts.level
  const levelSource =
    value('提交等级') !== undefined
      ? '“提交等级”列'
      : `“提交等级”留空或有误，取${parameter('ppapDefaultLevel')}`
  const matrix =
    facts.requiredOverridden === true
      ? `“参数”表的参数“PPAP等级矩阵”改写的 ${level} 级`
      : '默认等级矩阵 ppap-levels.json：惯例（AIAG PPAP 第4版）表 4.2'
  lines.push({
    text: `须提交的元素 ${facts.requiredList || '（无）'}：提交等级 ${level} 级（${levelSource}），按${matrix}`,
  })
  const submitted = facts.submittedList ? `已提交的元素 ${facts.submittedList}（“元素”列）` : '“元素”列未填'
  lines.push({
    text:
      facts.submitted === true
        ? facts.missingCount === 0
          ? `${submitted}；须提交的元素齐全`
          : `${submitted}；缺少 ${facts.missingCount} 项：${facts.missingElements}`
        : `${submitted}；尚未提交，提交后再核对元素`,
  })
  if (facts.submitted !== true && typeof facts.requiredDate === 'string')
    lines.push({
      text: `要求提交日期 ${facts.requiredDate}，尚未提交：今天 ${today} 距要求提交日期${daysLeft(-(facts.daysPastRequired as number))}`,
    })
  if (facts.status === '临时批准') {
    const until = facts.interimUntil
    lines.push({
      text:
        typeof until === 'string'
          ? `临时批准到期提醒自 ${facts.interimNoticeFrom} 起 = 临时批准有效期至 ${until} − ${parameterAmount('ppapInterimNoticeDays', '天')}；今天 ${today} 距到期${daysLeft(facts.daysToInterimEnd)}`
          : '临时批准：“临时批准有效期至”未填或不是日期，无法判断是否到期',
    })
  }
  return lines
}

/** 92.6, 61.55: a number as a derivation shows it, at most two decimals. */
function shown(value: number): string {
  return String(Number(value.toFixed(2)))
}

function ratingLines({ facts, value, parameter, parameterValue }: DeriveInput): Derivation[] {
  const lines: Derivation[] = []
  const weighted = SCORE_ITEMS.filter((item) => (parameterValue(WEIGHT_KEYS[item]) ?? 0) !== 0)
  const weights = SCORE_ITEMS.map((item) => parameter(WEIGHT_KEYS[item])).join('、')
  const composite = facts.composite
  const average = facts.weightedAverage
  const deduction = facts.claimDeduction
  if (typeof composite === 'number' && typeof average === 'number' && typeof deduction === 'number') {
    const terms = weighted.map((item) => `${item} ${value(item)}×${parameterValue(WEIGHT_KEYS[item])}`)
    const total = weighted.reduce((sum, item) => sum + (parameterValue(WEIGHT_KEYS[item]) ?? 0), 0)
    const skipped = SCORE_ITEMS.filter((item) => !weighted.includes(item))
    lines.push({
      text: `综合 ${composite} = (${terms.join(' + ')}) ÷ ${total} − 索赔扣分 ${deduction} = ${shown(average)} − ${deduction}，不低于 0，保留一位小数（权重：${weights}${skipped.length > 0 ? `；${skipped.join('、')}权重为 0，不计` : ''}）`,
    })
    lines.push({
      text: `索赔扣分 ${deduction} = 本月索赔 ${facts.claimsInMonth} 件（“索赔”表按发生日期）× ${parameter('supplierClaimDeduction')}`,
    })
    lines.push({
      text: `等级 ${facts.grade}：综合 ${composite} 对照评定等级线（${parameter('supplierGrade.A')}、${parameter('supplierGrade.B')}、${parameter('supplierGrade.C')}；更低为 D 级）`,
    })
  } else if (deduction === null || deduction === undefined) {
    lines.push({ text: '综合：留空（月份无效，或供应商编号不在“供应商名录”中）' })
  } else {
    const blank = weighted.filter((item) => value(item) === undefined)
    lines.push({
      text: `综合：留空，有权重的评分未填或有误（${blank.map((item) => `“${item}”`).join('、') || '权重全为 0'}），本月不算已评定，不按 0 分计`,
    })
  }
  lines.push({ text: lowStreakLine(facts, parameter) })
  return lines
}

/** SUPPLIER_RATING_LOW: the two months compared, or why this row is not compared. */
function lowStreakLine(facts: DeriveInput['facts'], parameter: DeriveInput['parameter']): string {
  const { composite, month, previousMonth, previousComposite, lowScore } = facts
  const line = `评定整改线 ${lowScore} 分（${parameter('supplierLowScore')}）`
  if (facts.counted === false) return '连续低分：本行与同一供应商同月的另一行重复，不计入'
  if (typeof composite !== 'number') return '连续低分：本月没有综合分，不参与判断'
  if (facts.latestMonth !== month)
    return `连续低分：只看该供应商最近评定的月份（${facts.latestMonth}）和它的上月；本行的 ${month} 不是最近的月份`
  if (typeof previousComposite !== 'number')
    return `连续低分：上月 ${previousMonth} 没有综合分（未评定或评分不全），不算连续两个月；${line}`
  const low = (score: number) => (score < (lowScore as number) ? '低于' : '不低于')
  return `连续低分：上月 ${previousMonth} 综合 ${previousComposite} 分（第 ${facts.previousRow} 行，${low(previousComposite)}整改线）、本月 ${month} 综合 ${composite} 分（${low(composite)}整改线），${line}：${facts.lowStreak === true ? '连续两个月低于整改线' : '不是两个月都低于整改线'}`
}

function claimLines({ facts, today, cell, parameter, workingDays }: DeriveInput): Derivation[] {
  const lines: Derivation[] = []
  const { occurred, deadline } = facts
  if (typeof occurred !== 'string' || typeof deadline !== 'string')
    return [{ text: '回复期限：无法计算（发生日期未填或不是日期）' }]
  lines.push({
    text: `回复期限 ${deadline} = 发生日期 ${occurred} 之后第 ${facts.replyWorkingDays} 个工作日（${parameter('claimReplyWorkingDays')}；发生当天不算，供应商管理办法 九 索赔管理）：`,
    days: workingDays(occurred as IsoDate, deadline as IsoDate),
  })
  if (facts.replied === true) lines.push({ text: `已回复：${cell('回复日期')}，${cell('状态')}` })
  else if (typeof facts.workingDaysWaiting === 'number')
    lines.push({
      text: `未回复：发生日期 ${occurred} 之后到今天 ${today} 已过 ${facts.workingDaysWaiting} 个工作日，今天距回复期限${daysLeft(-(facts.daysPastDeadline as number))}`,
    })
  return lines
}
