/**
 * What every ledger check shares: the day, the parameters, and the workbook's tabs read once each
 * through their templates (their DATA_INVALID findings collected once, whoever asks first).
 */
import { Calendar, CHINESE_DAYS, calendarOverrides } from '../core/calendar'
import type { IsoDate } from '../core/dates'
import type { Finding } from '../core/findings'
import type { LedgerContext, TabSource } from '../core/ledger'
import { resolveParameters, resolveTextParameters } from '../core/parameters'
import { HOLIDAYS, PARAMETERS } from '../core/settings-tabs'
import { Stages } from '../core/stages'
import { type ReadResult, readTable, UnusableTabError } from '../core/table'
import type { TabTemplate } from '../core/template'
import { PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../ledgers'
import { halfYearCommandOf, initCommandOf, type WorkbookPort } from './workbook-port'

export class TabReader implements TabSource {
  private readonly results = new Map<string, ReadResult | undefined>()
  /** DATA_INVALID findings of every tab read so far. */
  readonly findings: Finding[] = []
  /** Records read per ledger tab, for the summary. */
  readonly records: Record<string, number> = {}

  constructor(
    private readonly port: WorkbookPort,
    private readonly stages = new Stages(),
  ) {}

  read(template: TabTemplate): ReadResult | undefined {
    if (this.results.has(template.name)) return this.results.get(template.name)
    const table = this.stages.during('read', () => this.port.readTab(template.name))
    const result =
      table === undefined
        ? undefined
        : this.stages.during('parse', () => readTable(template, table, initCommandOf(this.port)))
    this.results.set(template.name, result)
    if (result) {
      // Not push(...findings): a tab of bad cells can hold more findings than the call stack has room for.
      for (const finding of result.findings) this.findings.push(finding)
      if (template.kind === 'ledger') this.records[template.name] = result.records.length
    }
    return result
  }

  require(template: TabTemplate, because: string): ReadResult {
    const result = this.read(template)
    if (!result) {
      throw new UnusableTabError(
        template.name,
        `缺少工作表“${template.name}”（${because}），请运行“${initCommandOf(this.port)}”补齐`,
      )
    }
    return result
  }
}

/** The context of a check run: the ledgers' view, and the tab reader with what it collected. */
export interface CheckContext extends LedgerContext {
  readonly tabs: TabReader
}

export function createContext(port: WorkbookPort, today: IsoDate, stages = new Stages()): CheckContext {
  const tabs = new TabReader(port, stages)
  const parameterTab = tabs.read(PARAMETERS)
  const parameters = resolveParameters(
    PARAMETER_DEFINITIONS,
    PARAMETERS.name,
    parameterTab,
    TEXT_PARAMETER_DEFINITIONS.map((definition) => definition.name),
  )
  const texts = resolveTextParameters(TEXT_PARAMETER_DEFINITIONS, PARAMETERS.name, parameterTab)
  let calendar: Calendar | undefined
  return {
    today,
    params: parameters.values,
    parameterRows: parameters.overrides,
    texts: texts.values,
    textRows: texts.rows,
    tabs,
    findings: [...parameters.findings, ...texts.findings],
    stages,
    halfYearCommand: halfYearCommandOf(port),
    get calendar() {
      calendar ??= new Calendar(CHINESE_DAYS, calendarOverrides(tabs.read(HOLIDAYS)))
      return calendar
    },
  }
}
