/**
 * 初始化台账's guard on what the tool writes: each block of adjacent owned columns of a ledger tab
 * (from row 2 down) and each tool tab but its user columns get a warning-only protection, so a clerk
 * who types there is asked to confirm and nothing is ever blocked. The tool's protections are told
 * apart by their description: each init removes its own and places them again where the columns
 * are now (a user may have moved them); every protection of the user's is left as it is.
 */
import { adjacentColumnRuns } from '../../core/a1'
import { isToolColumn, type TabTemplate } from '../../core/template'
import type { GasProtection, GasProtectionTypes, GasSheet } from './sheets-api'

/** The description of the tool's protection of owned columns, followed by their headers. */
export const TOOL_COLUMNS_PROTECTION = '台账工具列：'
/** The description of the tool's protection of a tool tab, followed by its name. */
export const TOOL_TAB_PROTECTION = '台账工具表：'

const HEADER_ROW = 1
const FIRST_DATA_ROW = 2

export function isToolProtection(protection: GasProtection): boolean {
  const description = protection.getDescription()
  return description.startsWith(TOOL_COLUMNS_PROTECTION) || description.startsWith(TOOL_TAB_PROTECTION)
}

/** The tool's range protections, on any sheet, removed: a few calls for the whole spreadsheet. */
export function removeToolRangeProtections(protections: readonly GasProtection[]): void {
  for (const protection of protections) if (isToolProtection(protection)) protection.remove()
}

/**
 * Protects the owned columns of a ledger tab, found at `positions` (0-based, by header): one
 * protection per block of adjacent columns, rows 2 to the sheet's last row.
 */
export function protectOwnedColumns(
  sheet: GasSheet,
  template: TabTemplate,
  positions: ReadonlyMap<string, number>,
): void {
  const owned = template.columns
    .filter((column) => column.owned === true)
    .flatMap((column) => {
      const at = positions.get(column.header)
      return at === undefined ? [] : [{ header: column.header, at }]
    })
  if (owned.length === 0) return
  const dataRows = Math.max(1, sheet.getMaxRows() - HEADER_ROW)
  for (const block of adjacentColumnRuns(owned, (column) => column.at)) {
    const first = block[0]?.at ?? 0
    sheet
      .getRange(FIRST_DATA_ROW, first + 1, dataRows, block.length)
      .protect()
      .setWarningOnly(true)
      .setDescription(`${TOOL_COLUMNS_PROTECTION}${block.map((column) => column.header).join('、')}`)
  }
}

/**
 * Protects a tool tab as a whole, its user columns (处理情况, 回访结果) left free from row 2 down.
 * The tool's old sheet protection is removed first; a tab the user protected keeps theirs alone
 * (a sheet has one sheet protection).
 */
export function protectToolTab(
  sheet: GasSheet,
  template: TabTemplate,
  positions: ReadonlyMap<string, number>,
  types: GasProtectionTypes,
): void {
  let usersOwn = false
  for (const protection of sheet.getProtections(types.SHEET)) {
    if (isToolProtection(protection)) protection.remove()
    else usersOwn = true
  }
  if (usersOwn) return
  const dataRows = Math.max(1, sheet.getMaxRows() - HEADER_ROW)
  const free = template.columns
    .filter((column) => !isToolColumn(template, column))
    .flatMap((column) => {
      const at = positions.get(column.header)
      return at === undefined ? [] : [sheet.getRange(FIRST_DATA_ROW, at + 1, dataRows, 1)]
    })
  const protection = sheet
    .protect()
    .setWarningOnly(true)
    .setDescription(`${TOOL_TAB_PROTECTION}${template.name}（由工具生成，请勿手工修改）`)
  if (free.length > 0) protection.setUnprotectedRanges(free)
}
