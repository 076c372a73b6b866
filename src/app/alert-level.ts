/**
 * The 级别 cell of 提醒汇总: a severity's label, and for a finding under 暂缓至 the date it is deferred
 * to, as check.ts writes it (警告（已暂缓至 2026-12-10）) and the GAS host reads it back.
 */
import type { IsoDate } from '../core/dates'
import { SEVERITY_LABEL, type Severity } from '../core/findings'

const SEVERITY_BY_LABEL: ReadonlyMap<string, Severity> = new Map(
  (Object.entries(SEVERITY_LABEL) as [Severity, string][]).map(([severity, label]) => [label, severity]),
)

export function alertLevel(severity: Severity, deferredUntil?: IsoDate): string {
  return deferredUntil === undefined
    ? SEVERITY_LABEL[severity]
    : `${SEVERITY_LABEL[severity]}（已暂缓至 ${deferredUntil}）`
}

/** The severity a 级别 cell names: the label before the bracket; undefined for any other text. */
export function severityOfLevel(level: string): Severity | undefined {
  return SEVERITY_BY_LABEL.get(level.split('（')[0]?.trim() ?? '')
}
