/** The demo workbook in the fake spreadsheet, and with 人员 filled in for the tests of 每日提醒推送. */
import { demoRows } from '../../src/app/demo'
import { runInit } from '../../src/app/init'
import { TEMPLATES } from '../../src/app/tabs'
import type { IsoDate } from '../../src/core/dates'
import { SheetsWorkbook } from '../../src/hosts/gas/sheets-workbook'
import { createGasEnvironment, FakeDataValidationBuilder, type GasEnvironment } from './gas-fakes'

const TODAY = '2026-03-05' as IsoDate

/** The demo workbook made by 初始化台账 in the fake spreadsheet (today 2026-03-05, 07:00 in Shanghai). */
export function demoSpreadsheet(): GasEnvironment {
  const env = createGasEnvironment()
  const workbook = new SheetsWorkbook(env.spreadsheet, () => new FakeDataValidationBuilder(env.calls))
  runInit(
    workbook,
    { actor: 'test', today: TODAY, seedRows: demoRows(TODAY) },
    new Date('2026-03-04T23:00:00Z'),
  )
  return env
}

/** The demo workbook in the fake spreadsheet, with 人员 filled in and 每日提醒推送 set to `switchValue`. */
export function demoWithPeople(switchValue: string, people: string[][]): GasEnvironment {
  const env = demoSpreadsheet()
  if (people.length > 0)
    env.spreadsheet.sheet(TEMPLATES.people.name).getRange(2, 1, people.length, 4).setValues(people)
  const parameters = env.spreadsheet.sheet(TEMPLATES.parameters.name)
  const row = parameters.snapshot().findIndex((cells) => cells[0] === '每日提醒推送')
  parameters.getRange(row + 1, 2, 1, 1).setValues([[switchValue]])
  return env
}
