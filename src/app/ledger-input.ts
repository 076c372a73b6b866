/**
 * Reading the tabs a command needs, once each, through their templates.
 */

import { PARAMETER_DEFINITIONS } from '../../rules'
import { TEMPLATES } from '../../sheets-templates'
import type { IsoDate } from '../core/dates'
import type { Finding } from '../core/findings'
import { type Parameters, resolveParameters } from '../core/parameters'
import { type ReadResult, readTable, UnusableTabError } from '../core/table'
import type { TabTemplate } from '../core/template'
import type { WorkbookPort } from '../hosts/workbook'
import { buildSampleLedger, type SampleLedger } from '../ledgers/samples'

export interface LedgerInput {
  readonly params: Parameters
  /** Undefined when the workbook keeps no sample ledger. */
  readonly samples: { readonly table: ReadResult; readonly ledger: SampleLedger } | undefined
  /** DATA_INVALID findings of every tab read. */
  readonly findings: readonly Finding[]
  readonly records: Readonly<Record<string, number>>
}

function readIfPresent(port: WorkbookPort, template: TabTemplate): ReadResult | undefined {
  const table = port.readTab(template.name)
  return table === undefined ? undefined : readTable(template, table)
}

function requireTab(port: WorkbookPort, template: TabTemplate, because: string): ReadResult {
  const result = readIfPresent(port, template)
  if (!result) {
    throw new UnusableTabError(
      template.name,
      `缺少工作表“${template.name}”（${because}），请运行“初始化台账”（taizhang init）补齐`,
    )
  }
  return result
}

export function readLedgers(port: WorkbookPort, today: IsoDate): LedgerInput {
  const findings: Finding[] = []
  const records: Record<string, number> = {}
  const note = (template: TabTemplate, result: ReadResult | undefined): void => {
    if (!result) return
    findings.push(...result.findings)
    records[template.name] = result.records.length
  }

  const parameterTable = readIfPresent(port, TEMPLATES.parameters)
  findings.push(...(parameterTable?.findings ?? []))
  const parameters = resolveParameters(PARAMETER_DEFINITIONS, TEMPLATES.parameters.name, parameterTable)
  findings.push(...parameters.findings)

  const sampleTable = readIfPresent(port, TEMPLATES.samples)
  let samples: LedgerInput['samples']
  if (sampleTable) {
    const inspectionTable = requireTab(port, TEMPLATES.inspections, '样件的校准日期取自检验记录')
    note(TEMPLATES.samples, sampleTable)
    note(TEMPLATES.inspections, inspectionTable)
    const ledger = buildSampleLedger(sampleTable, inspectionTable, parameters.values, today)
    findings.push(...ledger.findings)
    samples = { table: sampleTable, ledger }
  }

  if (!samples) {
    throw new UnusableTabError(
      TEMPLATES.samples.name,
      `工作簿里没有台账工作表（例如“${TEMPLATES.samples.name}”），请先运行“初始化台账”（taizhang init）`,
    )
  }
  return { params: parameters.values, samples, findings, records }
}
