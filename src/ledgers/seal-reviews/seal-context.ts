/**
 * What every review's facts share: the working hours of the 参数 tab, and the sealed samples that
 * 样件台账 registers (read through the sample ledger's template).
 */
import type { LedgerContext } from '../../core/ledger'
import { defaultParameters, parameter } from '../../core/parameters'
import { PARAMETERS } from '../../core/settings-tabs'
import { cellProblem } from '../../core/table'
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
  // The defaults are in order: at least one of the four is overridden, and the first such row is
  // named, whatever the spelling of its name (the resolver's row, not a match of names here).
  const overridden = WORKING_HOURS_KEYS.flatMap((key) => {
    const row = context.parameterRows[key]
    return row === undefined ? [] : [row]
  })
  const row = Math.min(...overridden)
  const table = context.tabs.read(PARAMETERS)
  const record = table?.records.find((candidate) => candidate.row === row)
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
