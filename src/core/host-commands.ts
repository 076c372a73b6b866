/**
 * The name of 初始化台账 as the user of each host runs it: a message that says what to run names the
 * command of the host in use (a CLI user has no menu, a Sheets user no shell).
 */

/** `taizhang init` in a terminal. */
export const CLI_INIT_COMMAND = 'taizhang init'

/** The menu item in Google Sheets. */
export const SHEETS_INIT_COMMAND = '台账 → 初始化台账'
