/**
 * What every review's facts share: the working hours of the 参数 tab, and the sealed samples that
 * 样件台账 registers (read through the sample ledger's template).
 */
import type { LedgerContext } from '../../core/ledger'
import { defaultParameters, parameter } from '../../core/parameters'
import { PARAMETERS } from '../../core/settings-tabs'
import { cellProblem } from '../../core/table'
import { toHalfWidth } from '../../core/text'
import { formatWorkingHours, type WorkingHours, workingHoursFromClock } from '../../core/working-hours'
import { sealedSampleParts } from '../samples/samples'
import { SAMPLES } from '../samples/tabs'
import parameters from './parameters.json'
import { type SealContext, WORKING_HOURS_KEYS } from './reviews'

export function sealContext(context: LedgerContext): SealContext {
  const samples = context.tabs.read(SAMPLES)
  return {
    calendar: context.calendar,
    params: context.params,
    today: context.today,
    hours: workingHours(context),
    sealedParts: samples && sealedSampleParts(samples),
  }
}

/**
 * The four clock times of the 参数 tab as working hours. Each is a valid number on its own; a set
 * out of order (下午上班 before 上午下班) is a DATA_INVALID finding, and the defaults stay in force.
 */
function workingHours(context: LedgerContext): WorkingHours {
  const read = workingHoursFromClock(WORKING_HOURS_KEYS.map((key) => parameter(context.params, key)))
  if ('hours' in read) return read.hours
  const defaults = defaultParameters(parameters)
  const fallback = workingHoursFromClock(WORKING_HOURS_KEYS.map((key) => parameter(defaults, key)))
  if (!('hours' in fallback)) throw new Error(`the default working hours are wrong: ${fallback.problem}`)
  const names = new Set(
    parameters
      .filter((definition) => (WORKING_HOURS_KEYS as readonly string[]).includes(definition.key))
      .map((definition) => sameName(definition.name)),
  )
  const table = context.tabs.read(PARAMETERS)
  const record = table?.records.find((candidate) => names.has(sameName(candidate.key)))
  context.findings.push(
    cellProblem(
      PARAMETERS.name,
      table?.columns ?? new Map(),
      record ?? { row: 1, key: '' },
      '值',
      `：工作时间 ${read.problem}；暂按默认的 ${formatWorkingHours(fallback.hours)} 计算`,
    ),
  )
  return fallback.hours
}

/** 上午下班（时分） with full-width brackets or spaces names the same parameter. */
function sameName(name: string): string {
  return toHalfWidth(name).replace(/\s+/g, '')
}
