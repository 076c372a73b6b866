/** 操作日志: one line per thing done to the workbook — when, what, who, and what came of it. */
import { defineTemplate } from '../core/template'
import logTab from './tabs/log.tab.json'
import type { WorkbookPort } from './workbook-port'

export const LOG = defineTemplate(logTab)

/**
 * Appends the line, and after it one line per `details` (same time, operation and actor), in one
 * write; every command and both hosts log through here.
 */
export function appendLog(
  port: WorkbookPort,
  now: Date,
  operation: string,
  actor: string,
  result: string,
  details: readonly string[] = [],
): void {
  const time = logTimestamp(now, port.timeZone)
  port.appendRows(
    LOG,
    [result, ...details].map((text) => [time, operation, actor, text]),
  )
}

/** A timestamp for 操作日志 in the workbook's time zone, to the second. */
export function logTimestamp(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`
}
