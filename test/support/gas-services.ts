/** The services the Apps Script handlers get, over the fakes of one environment, as main.ts wires the real ones. */
import type { GasServices } from '../../src/hosts/gas/services'
import {
  FAKE_PROTECTION_TYPE,
  FakeConditionalFormatRuleBuilder,
  FakeDataValidationBuilder,
  FakeRichTextValueBuilder,
  type GasEnvironment,
} from './gas-fakes'

export interface ServicesOptions {
  /**
   * The clock: an instant that stands still, or a function read at each services.now() (a clock that
   * moves on). By default 2026-03-05 08:30 in Asia/Shanghai.
   */
  readonly now?: Date | (() => Date)
}

export function servicesOf(env: GasEnvironment, options: ServicesOptions = {}): GasServices {
  const { now = new Date('2026-03-05T00:30:00Z') } = options
  return {
    spreadsheet: () => env.spreadsheet,
    ui: () => env.ui,
    newDataValidation: () => new FakeDataValidationBuilder(env.calls),
    newRichTextValue: () => new FakeRichTextValueBuilder(),
    newConditionalFormatRule: () => new FakeConditionalFormatRuleBuilder(env.calls),
    documentApp: () => env.documentApp,
    driveApp: () => env.driveApp,
    scriptApp: () => env.scriptApp,
    lockService: () => env.lockService,
    session: () => env.session,
    propertiesService: () => env.properties,
    utilities: () => env.utilities,
    htmlService: () => env.htmlService,
    mailApp: () => env.mailApp,
    urlFetchApp: () => env.urlFetchApp,
    cacheService: () => env.cacheService,
    protectionType: () => FAKE_PROTECTION_TYPE,
    now: typeof now === 'function' ? now : () => now,
  }
}
