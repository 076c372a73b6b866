/**
 * 服务登记簿 and 客户意见调查 (客户管理制度 第六–二十条): the dispatch deadline on the working-day
 * calendar, SERVICE_* findings on the register, COMPLAINT_ESCALATE on the surveys, and the tool tabs
 * 今日派工 and 服务评分.
 */
import { dateCell } from '../../core/cells'
import { defineLedger, type OwnedColumns } from '../../core/ledger'
import { demoRows } from './demo'
import { servicesExplainer } from './explain'
import parameters from './parameters.json'
import rules from './rules.json'
import { readServices, serviceFacts, surveyedServices, surveyFacts } from './services'
import { DISPATCH_LIST, SATISFACTION_REPORT, SERVICE_SCORES, SERVICES, SURVEYS } from './tabs'
import { dispatchDetails, dispatchListRows, serviceScoreRows } from './tool-tabs'

export const servicesLedger = defineLedger({
  id: 'services',
  explain: servicesExplainer,
  tabs: {
    services: SERVICES,
    surveys: SURVEYS,
    dispatchList: DISPATCH_LIST,
    serviceScores: SERVICE_SCORES,
    satisfactionReport: SATISFACTION_REPORT,
  },
  rules,
  parameters,
  demoRows,
  check: {
    tab: SERVICES,
    async run(context, rules) {
      const ledger = readServices(context)
      const register = context.tabs.read(SERVICES)
      if (!ledger || !register) return undefined
      const surveyTable = context.tabs.read(SURVEYS)
      const { calendar, params, today } = context
      const surveyed = surveyedServices(ledger.surveys)
      const serviceFindings = await rules.findings(
        SERVICES.name,
        ledger.services.map((service) => ({
          row: service.row,
          key: service.id,
          facts: serviceFacts(service, surveyed, calendar, params, today),
        })),
      )
      const surveyFindings = await rules.findings(
        SURVEYS.name,
        ledger.surveys.map((survey) => ({ row: survey.row, key: survey.id, facts: surveyFacts(survey) })),
      )
      const byRow = new Map(ledger.services.map((service) => [service.row, service]))
      const owned: OwnedColumns[] = [
        {
          template: SERVICES,
          table: register,
          values: { 派工期限: (row) => dateCell(byRow.get(row)?.dispatchDeadline) },
        },
      ]
      // The surveys' 提醒 column is filled from their findings.
      if (surveyTable) owned.push({ template: SURVEYS, table: surveyTable, values: {} })
      return {
        findings: [...ledger.findings, ...serviceFindings, ...surveyFindings],
        owned,
        toolTabs: [
          {
            template: DISPATCH_LIST,
            rows: dispatchListRows(ledger.services, dispatchDetails(register), calendar, today),
          },
          { template: SERVICE_SCORES, rows: serviceScoreRows(ledger.services, ledger.surveys, today) },
        ],
      }
    },
  },
})
