/**
 * Who 操作日志 says ran a local command (执行人): the name given on the command line, else the 参数
 * row 执行人, else what the host knows (the operating-system user). Sheets logs the e-mail of the
 * account that runs the script and does not ask here.
 */
import { resolveTextParameters } from '../core/parameters'
import { ACTOR_PARAMETER, PARAMETERS } from '../core/settings-tabs'
import { readTable, UnusableTabError } from '../core/table'
import type { WorkbookPort } from './workbook-port'

export function logActor(port: WorkbookPort, given: string | undefined, fallback: string): string {
  if (given !== undefined && given.trim() !== '') return given.trim()
  return configuredActor(port) ?? fallback
}

/** The 参数 row 执行人, when it is filled in and valid (a bad one is the check's DATA_INVALID). */
function configuredActor(port: WorkbookPort): string | undefined {
  const table = port.readTab(PARAMETERS.name)
  if (table === undefined) return undefined
  try {
    const resolved = resolveTextParameters([ACTOR_PARAMETER], PARAMETERS.name, readTable(PARAMETERS, table))
    const name = resolved.values[ACTOR_PARAMETER.key]
    return name === undefined || name === '' ? undefined : name
  } catch (error) {
    // A 参数 tab without its header: the check says so; the log falls back.
    if (error instanceof UnusableTabError) return undefined
    throw error
  }
}
