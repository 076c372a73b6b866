/** A spreadsheet on the Apps Script fakes holding the reply-letter fixtures, typed as users type them. */
import { TEMPLATES } from '../../src/app/tabs'
import { isDateCell } from '../../src/core/cells'
import type { TabTemplate } from '../../src/core/template'
import { createGasEnvironment, type GasEnvironment } from './gas-fakes'
import type { Row } from './ledger-builder'
import { CUSTOMERS, QUESTIONS, VISITS } from './letter-fixtures'

/** Rows as a user types them into Sheets: dates as text, a leading = kept as text with an apostrophe. */
export function typedRows(template: TabTemplate, rows: readonly Row[]): unknown[][] {
  const headers = template.columns.map((column) => column.header)
  return [
    headers,
    ...rows.map((row) =>
      headers.map((header) => {
        const cell = row[header] ?? ''
        if (isDateCell(cell)) return cell.date
        if (typeof cell === 'string' && /^[=+\-@]/.test(cell)) return `'${cell}`
        return cell
      }),
    ),
  ]
}

export function letterEnvironment(parameters: readonly (readonly string[])[] = []): GasEnvironment {
  const env = createGasEnvironment()
  env.spreadsheet.addSheet(TEMPLATES.visits.name, typedRows(TEMPLATES.visits, VISITS))
  env.spreadsheet.addSheet(TEMPLATES.visitQuestions.name, typedRows(TEMPLATES.visitQuestions, QUESTIONS))
  env.spreadsheet.addSheet(TEMPLATES.customers.name, typedRows(TEMPLATES.customers, CUSTOMERS))
  env.spreadsheet.addSheet(TEMPLATES.parameters.name, [['参数', '值', '说明'], ...parameters])
  return env
}
