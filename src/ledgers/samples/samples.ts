/**
 * The sample ledger (样件台账) with its inspection records (样件检验记录): each sample's 有效期至 and
 * 下次校准日期, and the facts the SAMPLE_* rules read.
 */

import { addDays, addMonths, daysBetween, type IsoDate, withinCalendar } from '../../core/dates'
import { recordFields } from '../../core/fields'
import type { Finding } from '../../core/findings'
import type { LedgerContext } from '../../core/ledger'
import type { Parameters } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import { cellProblem, type ReadResult } from '../../core/table'
import { clipQuoted, idKey, toHalfWidth } from '../../core/text'
import { INSPECTIONS, SAMPLES } from './tabs'

const SAMPLE_FIELDS = recordFields(SAMPLES)
const INSPECTION_FIELDS = recordFields(INSPECTIONS)

const INACTIVE_STATUSES: readonly string[] = ['失效', '已销毁']

export interface Sample {
  readonly row: number
  readonly id: string
  readonly name: string
  readonly partNumber: string
  readonly customer: string
  readonly nature: string | undefined
  readonly material: string | undefined
  readonly status: string | undefined
  readonly confirmationDate: IsoDate | undefined
  readonly validityMonths: number | undefined
  readonly lastCalibrationDate: IsoDate | undefined
  readonly calibrationCycleMonths: number | undefined
  readonly department: string
  readonly custodian: string
  readonly expiryDate: IsoDate | undefined
  readonly nextCalibrationDate: IsoDate | undefined
  readonly latestInspection: Inspection | undefined
  readonly active: boolean
  /** For a 临时样件 在用: the 在用 封样样件 of the same 零件号 that has taken its place. */
  readonly supersededBy: string | undefined
  /**
   * Every required cell filled in, none invalid, and the first row of its id: what an annual plan
   * may list (a bad row is a DATA_INVALID finding of the check, not a plan entry).
   */
  readonly valid: boolean
}

export interface Inspection {
  readonly row: number
  readonly id: string
  readonly sampleId: string
  readonly date: IsoDate
  readonly passed: boolean
}

export interface SampleLedger {
  readonly samples: readonly Sample[]
  readonly findings: readonly Finding[]
}

/** 标准样件管理规定 4.3 by material (parameters validityMonths.*); 样件管理规范 5.2.3: otherwise one year. */
export function validityMonthsFor(material: string | undefined, params: Parameters): number | undefined {
  return params[`validityMonths.${material ?? '其他'}`] ?? params['validityMonths.其他']
}

/** The sample ledger of the workbook, or undefined when it keeps none. */
export function readSampleLedger(context: LedgerContext): SampleLedger | undefined {
  const samples = context.tabs.read(SAMPLES)
  if (!samples) return undefined
  const inspections = context.tabs.require(INSPECTIONS, '样件的校准日期取自检验记录')
  return buildSampleLedger(samples, inspections, context.params, context.today)
}

export function buildSampleLedger(
  samples: ReadResult,
  inspections: ReadResult | undefined,
  params: Parameters,
  today: IsoDate,
): SampleLedger {
  const { date, integer, optionalText, text } = SAMPLE_FIELDS
  const findings: Finding[] = []
  const knownIds = new Set(samples.records.map((record) => idKey(record.key)).filter((id) => id !== ''))
  const latestByKind = collectInspections(inspections, knownIds, today, findings)
  const required = SAMPLES.columns.filter((column) => column.required && !column.owned)

  const built = samples.records.map((record): Sample => {
    const material = optionalText(record, '材料类别')
    const confirmationDate = date(record, '确认日期')
    const validityMonths = integer(record, '有效期(月)') ?? validityMonthsFor(material, params)
    const calibrationCycleMonths = integer(record, '校准周期(月)') ?? params.calibrationCycleMonths
    const status = optionalText(record, '状态')
    const latest = latestByKind.get(idKey(record.key))
    // 样件管理办法 4.3: the newest passing inspection is the last calibration; a date typed into
    // 上次校准日期 counts too (calibrations done before the ledger was kept), and a sample never
    // calibrated counts from its confirmation.
    const calibrationBase = latestOf(date(record, '上次校准日期'), latest?.passed?.date) ?? confirmationDate
    // A date so late that the derived one passes 9999-12-31 is a typing mistake (9999-12-31 for
    // 不限期): no derived date, and the source cell is reported.
    const reported = new Set<string>()
    const derived = (base: IsoDate | undefined, months: number | undefined, what: string) => {
      if (base === undefined || months === undefined) return undefined
      const result = withinCalendar(addMonths(base, months))
      if (result === undefined) {
        const source =
          base === confirmationDate
            ? '确认日期'
            : base === date(record, '上次校准日期')
              ? '上次校准日期'
              : undefined
        if (source !== undefined && !reported.has(source)) {
          reported.add(source)
          findings.push(
            cellProblem(
              SAMPLES.name,
              samples.columns,
              record,
              source,
              `的值 ${base} 加上 ${months} 个月后超出 9999-12-31，无法计算${what}，请核对日期`,
            ),
          )
        }
      }
      return result
    }
    const firstOfId = record.key !== '' && record.duplicateOf === undefined
    const valid =
      firstOfId && record.invalid.size === 0 && required.every((column) => record.values.has(column.header))
    return {
      row: record.row,
      id: record.key,
      name: text(record, '样件名称'),
      partNumber: text(record, '零件号'),
      customer: text(record, '客户'),
      nature: optionalText(record, '样件性质'),
      material,
      status,
      confirmationDate,
      validityMonths,
      lastCalibrationDate: calibrationBase,
      calibrationCycleMonths,
      department: text(record, '保管部门'),
      custodian: text(record, '保管人'),
      expiryDate: derived(confirmationDate, validityMonths, '有效期至'),
      nextCalibrationDate: derived(calibrationBase, calibrationCycleMonths, '下次校准日期'),
      latestInspection: latest?.newest,
      // A status the rules cannot read (blank or invalid) is treated as in use, so nothing goes unflagged.
      active: !INACTIVE_STATUSES.includes(status ?? ''),
      supersededBy: undefined,
      valid: valid && reported.size === 0,
    }
  })
  return { samples: withSupersededTemporaries(built), findings }
}

/** 零件号 as compared across rows and ledgers: full-width letters, spaces and case do not count. */
export function partKey(partNumber: string): string {
  return toHalfWidth(partNumber).replace(/\s+/g, '').toUpperCase()
}

/** The 零件号 (partKey) of every 封样样件 in 样件台账, whatever its status. */
export function sealedSampleParts(samples: ReadResult): Set<string> {
  const { optionalText, text } = SAMPLE_FIELDS
  const parts = new Set<string>()
  for (const record of samples.records) {
    const part = partKey(text(record, '零件号'))
    if (part !== '' && optionalText(record, '样件性质') === '封样样件') parts.add(part)
  }
  return parts
}

/**
 * 样件管理办法 4: a 临时样件 stands in until the tooling is accepted and the 封样样件 is made; once
 * a 封样样件 of the part is 在用, a 临时样件 still 在用 is one sample too many.
 */
function withSupersededTemporaries(samples: readonly Sample[]): Sample[] {
  const inUse = (sample: Sample, nature: string) =>
    sample.nature === nature && sample.status === '在用' && partKey(sample.partNumber) !== ''
  const sealedByPart = new Map<string, string>()
  for (const sample of samples) {
    const part = partKey(sample.partNumber)
    if (inUse(sample, '封样样件') && !sealedByPart.has(part))
      sealedByPart.set(part, sample.id || `第 ${sample.row} 行`)
  }
  return samples.map((sample) =>
    inUse(sample, '临时样件')
      ? { ...sample, supersededBy: sealedByPart.get(partKey(sample.partNumber)) }
      : sample,
  )
}

interface LatestInspections {
  newest: Inspection
  passed?: Inspection
}

function collectInspections(
  inspections: ReadResult | undefined,
  knownIds: ReadonlySet<string>,
  today: IsoDate,
  findings: Finding[],
): Map<string, LatestInspections> {
  const { date, optionalText, text } = INSPECTION_FIELDS
  const latest = new Map<string, LatestInspections>()
  for (const record of inspections?.records ?? []) {
    const sampleId = text(record, '样件编号')
    const inspectionDate = date(record, '检验日期')
    const result = optionalText(record, '检验结果')
    if (sampleId === '' || !inspectionDate || !result) continue // already a DATA_INVALID finding
    const problem = (header: string, message: string): void => {
      findings.push(cellProblem(INSPECTIONS.name, inspections?.columns ?? new Map(), record, header, message))
    }
    const sampleKey = idKey(sampleId)
    if (!knownIds.has(sampleKey)) {
      problem('样件编号', `的值“${clipQuoted(sampleId)}”在样件台账中不存在，请核对编号`)
      continue
    }
    if (inspectionDate > today) {
      problem('检验日期', `的值 ${inspectionDate} 晚于今天 ${today}，请核对日期；该记录暂不计入`)
      continue
    }
    const inspection: Inspection = {
      row: record.row,
      id: record.key,
      sampleId,
      date: inspectionDate,
      passed: result === '合格',
    }
    const entry = latest.get(sampleKey)
    if (!entry) {
      latest.set(sampleKey, { newest: inspection, ...(inspection.passed ? { passed: inspection } : {}) })
      continue
    }
    // On the same day a failed record outranks a passing one: the sample stays flagged until a later 合格.
    if (isNewer(inspection, entry.newest)) entry.newest = inspection
    if (inspection.passed && (!entry.passed || inspection.date > entry.passed.date)) entry.passed = inspection
  }
  return latest
}

function isNewer(candidate: Inspection, current: Inspection): boolean {
  if (candidate.date !== current.date) return candidate.date > current.date
  return !candidate.passed && current.passed
}

function latestOf(a: IsoDate | undefined, b: IsoDate | undefined): IsoDate | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return a > b ? a : b
}

/** The facts the SAMPLE_* rules read; parameters are merged in by the caller. */
export function sampleFacts(sample: Sample, params: Parameters, today: IsoDate): Facts {
  const failed =
    sample.latestInspection && !sample.latestInspection.passed ? sample.latestInspection : undefined
  return {
    sampleName: sample.name || sample.id,
    status: sample.status ?? null,
    nature: sample.nature ?? null,
    active: sample.active,
    expiryDate: sample.expiryDate ?? null,
    daysUntilExpiry: sample.expiryDate ? daysBetween(today, sample.expiryDate) : undefined,
    expiryCountdown: sample.expiryDate ? countdown(today, sample.expiryDate) : null,
    nextCalibrationDate: sample.nextCalibrationDate ?? null,
    daysUntilCalibration: sample.nextCalibrationDate
      ? daysBetween(today, sample.nextCalibrationDate)
      : undefined,
    calibrationCountdown: sample.nextCalibrationDate ? countdown(today, sample.nextCalibrationDate) : null,
    confirmationDate: sample.confirmationDate ?? null,
    // What the derived dates were computed from (taizhang why words them).
    validityMonths: sample.validityMonths ?? null,
    calibrationBase: sample.lastCalibrationDate ?? null,
    calibrationCycleMonths: sample.calibrationCycleMonths ?? null,
    daysSinceConfirmation: sample.confirmationDate ? daysBetween(sample.confirmationDate, today) : undefined,
    temporaryDeadline:
      sample.confirmationDate && params.temporaryMaxDays !== undefined
        ? (withinCalendar(addDays(sample.confirmationDate, params.temporaryMaxDays)) ?? null)
        : null,
    latestInspectionFailed: failed !== undefined,
    failedInspectionDate: failed?.date ?? null,
    failedInspectionId: failed ? failed.id || `第 ${failed.row} 行` : null,
    reminderDays: params.reminderDays,
    temporaryMaxDays: params.temporaryMaxDays,
    partNumber: sample.partNumber || null,
    temporarySuperseded: sample.supersededBy !== undefined,
    supersededBy: sample.supersededBy ?? null,
  }
}

/** 今天到期 / 还剩 11 天, for messages about a date that is not past yet. */
function countdown(today: IsoDate, due: IsoDate): string {
  const days = daysBetween(today, due)
  return days === 0 ? '今天到期' : `还剩 ${days} 天`
}
