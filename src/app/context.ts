/**
 * What every ledger check shares: the day, the parameters, and the workbook's tabs read once each
 * through their templates (their DATA_INVALID findings collected once, whoever asks first).
 */
import { PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../../rules'
import { TEMPLATES } from '../../sheets-templates'
import { Calendar, CHINESE_DAYS, calendarOverrides } from '../core/calendar'
import type { IsoDate } from '../core/dates'
import type { Finding } from '../core/findings'
import {
  type Parameters,
  resolveParameters,
  resolveTextParameters,
  type TextParameters,
} from '../core/parameters'
import { type ReadResult, readTable, UnusableTabError } from '../core/table'
import type { TabTemplate } from '../core/template'
import type { WorkbookPort } from '../hosts/workbook'
import { Stages } from './stages'

export class TabReader {
  private readonly results = new Map<string, ReadResult | undefined>()
  /** DATA_INVALID findings of every tab read so far. */
  readonly findings: Finding[] = []
  /** Records read per ledger tab, for the summary. */
  readonly records: Record<string, number> = {}

  constructor(
    private readonly port: WorkbookPort,
    private readonly stages = new Stages(),
  ) {}

  /** The tab read through its template, or undefined when the workbook has no such tab. */
  read(template: TabTemplate): ReadResult | undefined {
    if (this.results.has(template.name)) return this.results.get(template.name)
    const table = this.stages.during('read', () => this.port.readTab(template.name))
    const result =
      table === undefined ? undefined : this.stages.during('parse', () => readTable(template, table))
    this.results.set(template.name, result)
    if (result) {
      // Not push(...findings): a tab of bad cells can hold more findings than the call stack has room for.
      for (const finding of result.findings) this.findings.push(finding)
      if (template.kind === 'ledger') this.records[template.name] = result.records.length
    }
    return result
  }

  /** A tab the ledger cannot do without; `because` tells the user why it is needed. */
  require(template: TabTemplate, because: string): ReadResult {
    const result = this.read(template)
    if (!result) {
      throw new UnusableTabError(
        template.name,
        `缺少工作表“${template.name}”（${because}），请运行“初始化台账”（taizhang init）补齐`,
      )
    }
    return result
  }
}

export interface LedgerContext {
  readonly today: IsoDate
  readonly params: Parameters
  /** Text parameters (答复单落款, the letter template's Google Doc…) by key; blank ones are absent. */
  readonly texts: TextParameters
  readonly tabs: TabReader
  /** DATA_INVALID findings that are not about a single tab's cells (parameters, cross-tab references). */
  readonly findings: Finding[]
  /** Working days: the holiday data overridden by the 节假日 tab, read on first use. */
  readonly calendar: Calendar
  /** Where the check is, for timing: a ledger runs its rules in `stages.duringAsync('rules', …)`. */
  readonly stages: Stages
}

export function createContext(port: WorkbookPort, today: IsoDate, stages = new Stages()): LedgerContext {
  const tabs = new TabReader(port, stages)
  const parameterTab = tabs.read(TEMPLATES.parameters)
  const parameters = resolveParameters(
    PARAMETER_DEFINITIONS,
    TEMPLATES.parameters.name,
    parameterTab,
    TEXT_PARAMETER_DEFINITIONS.map((definition) => definition.name),
  )
  const texts = resolveTextParameters(TEXT_PARAMETER_DEFINITIONS, TEMPLATES.parameters.name, parameterTab)
  let calendar: Calendar | undefined
  return {
    today,
    params: parameters.values,
    texts: texts.values,
    tabs,
    findings: [...parameters.findings, ...texts.findings],
    stages,
    get calendar() {
      calendar ??= new Calendar(CHINESE_DAYS, calendarOverrides(tabs.read(TEMPLATES.holidays)))
      return calendar
    },
  }
}
