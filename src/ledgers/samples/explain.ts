/** How `taizhang why` words the SAMPLE_* facts and the two derived dates of 样件台账. */
import type { Derivation, LedgerExplainer } from '../../core/explainer'

export const samplesExplainer: LedgerExplainer = {
  facts: {
    active: { label: '样件有效（状态不是失效、已销毁）', column: '状态' },
    status: { column: '状态' },
    nature: { column: '样件性质' },
    confirmationDate: { column: '确认日期' },
    expiryDate: { column: '有效期至', how: '确认日期 + 有效期(月)，月末对齐' },
    daysUntilExpiry: { label: '距有效期至的天数', how: '有效期至 − 今天' },
    nextCalibrationDate: {
      column: '下次校准日期',
      how: '最近一次校准 + 校准周期(月)，月末对齐',
    },
    daysUntilCalibration: { label: '距下次校准日期的天数', how: '下次校准日期 − 今天' },
    reminderDays: { parameter: '提前提醒天数' },
    latestInspectionFailed: {
      label: '最近一次检验不合格',
      how: '“样件检验记录”中该样件最新的一条记录为不合格（同一天先看不合格）',
    },
    failedInspectionDate: { label: '不合格检验的日期', how: '“样件检验记录”的检验日期' },
    daysSinceConfirmation: { label: '自确认日期起的天数', how: '今天 − 确认日期' },
    temporaryMaxDays: { parameter: '临时样件最长天数' },
    temporaryDeadline: { label: '临时样件期限', how: '确认日期 + 临时样件最长天数' },
    temporarySuperseded: {
      label: '已有同零件号的封样样件在用',
      how: '本样件为在用的临时样件，且样件台账中同一零件号的封样样件在用',
    },
    supersededBy: { label: '取代它的封样样件', how: '样件台账中同一零件号、在用的封样样件' },
    validityMonths: { column: '有效期(月)', how: '留空则按材料类别取参数' },
    calibrationBase: {
      label: '最近一次校准',
      how: '“上次校准日期”与最近一条合格检验记录中较晚的一个；都没有时为确认日期',
    },
    calibrationCycleMonths: {
      column: '校准周期(月)',
      how: '留空则取参数“校准周期(月)”',
    },
  },
  derive({ facts, value, cell, parameter, parameterAmount }) {
    const lines: Derivation[] = []
    const confirmed = facts.confirmationDate
    if (typeof facts.expiryDate === 'string' && typeof confirmed === 'string') {
      const material = String(value('材料类别') ?? '其他')
      const source =
        value('有效期(月)') !== undefined
          ? '“有效期(月)”列填写的值'
          : material in MATERIAL_CLAUSE
            ? `${material}，${parameter(`validityMonths.${material}`)}，${MATERIAL_CLAUSE[material]}`
            : `材料类别“${material}”，${parameter('validityMonths.其他')}，样件管理规范 5.2.3`
      lines.push({
        text: `有效期至 ${facts.expiryDate} = 确认日期 ${confirmed} + ${facts.validityMonths} 个月（${source}），月末对齐`,
      })
    } else lines.push({ text: `有效期至：无法计算（${cell('确认日期')}；确认日期须是有效日期）` })
    if (typeof facts.nextCalibrationDate === 'string' && typeof facts.calibrationBase === 'string') {
      const base = facts.calibrationBase
      const from =
        value('上次校准日期') === base
          ? `“上次校准日期”列的 ${base}`
          : base === confirmed
            ? `尚无校准记录，取确认日期 ${base}`
            : `“样件检验记录”中最近一次合格检验 ${base}`
      const cycle =
        value('校准周期(月)') !== undefined
          ? '“校准周期(月)”列填写的值'
          : `${parameter('calibrationCycleMonths')}，样件管理办法 4.3.3`
      lines.push({
        text: `下次校准日期 ${facts.nextCalibrationDate} = 最近一次校准（${from}）+ ${facts.calibrationCycleMonths} 个月（${cycle}），月末对齐`,
      })
    }
    if (facts.nature === '临时样件' && typeof facts.temporaryDeadline === 'string') {
      lines.push({
        text: `临时样件期限 ${facts.temporaryDeadline} = 确认日期 ${confirmed} + ${parameterAmount('temporaryMaxDays', '天')}`,
      })
    }
    return lines
  },
}

/** 标准样件管理规定 4.3 by material; anything else is 样件管理规范 5.2.3's one year. */
const MATERIAL_CLAUSE: Readonly<Record<string, string>> = {
  冲压件: '标准样件管理规定 4.3',
  标准件: '标准样件管理规定 4.3',
  塑料件: '标准样件管理规定 4.3',
  橡胶件: '标准样件管理规定 4.3',
  其他: '样件管理规范 5.2.3',
}
