/**
 * What every ledger check shares: the day, the parameters, and the workbook's tabs read once each
 * through their templates (their DATA_INVALID findings collected once, whoever asks first).
 */
import { PARAMETER_DEFINITIONS } from '../../rules'
import { TEMPLATES } from '../../sheets-templates'
import type { IsoDate } from '../core/dates'
import type { Finding } from '../core/findings'
import { type Parameters, resolveParameters } from '../core/parameters'
import { type ReadResult, readTable, UnusableTabError } from '../core/table'
import type { TabTemplate } from '../core/template'
import type { WorkbookPort } from '../hosts/workbook'

export class TabReader {
  private readonly results = new Map<string, ReadResult | undefined>()
  /** DATA_INVALID findings of every tab read so far. */
  readonly findings: Finding[] = []
  /** Records read per ledger tab, for the summary. */
  readonly records: Record<string, number> = {}

  constructor(private readonly port: WorkbookPort) {}

  /** The tab read through its template, or undefined when the workbook has no such tab. */
  read(template: TabTemplate): ReadResult | undefined {
    if (this.results.has(template.name)) return this.results.get(template.name)
    const table = this.port.readTab(template.name)
    const result = table === undefined ? undefined : readTable(template, table)
    this.results.set(template.name, result)
    if (result) {
      this.findings.push(...result.findings)
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
  readonly tabs: TabReader
  /** DATA_INVALID findings that are not about a single tab's cells (parameters, cross-tab references). */
  readonly findings: Finding[]
}

export function createContext(port: WorkbookPort, today: IsoDate): LedgerContext {
  const tabs = new TabReader(port)
  const parameters = resolveParameters(
    PARAMETER_DEFINITIONS,
    TEMPLATES.parameters.name,
    tabs.read(TEMPLATES.parameters),
  )
  return { today, params: parameters.values, tabs, findings: [...parameters.findings] }
}
