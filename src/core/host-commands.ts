/**
 * The name of 初始化台账 as the user of each host runs it: a message that says what to run names the
 * command of the host in use (a CLI user has no menu, a Sheets user no shell).
 */

/** `taizhang init` in a terminal. */
export const CLI_INIT_COMMAND = 'taizhang init'

/** The menu item in Google Sheets. */
export const SHEETS_INIT_COMMAND = '台账 → 初始化台账'

/** How a user writes one half-year into 半年评估 (生成半年评估), by host. */
export type HalfYearCommand = (period: string) => string

/** `taizhang report … --period 2026H1` in a terminal. */
export const cliHalfYearCommand: HalfYearCommand = (period) => `taizhang report <工作簿> --period ${period}`

/** The menu item in Google Sheets, with the half-year to type into its prompt. */
export const sheetsHalfYearCommand: HalfYearCommand = (period) => `台账 → 生成半年评估（输入 ${period}）`
