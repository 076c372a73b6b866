/**
 * Which ledgers a workbook keeps, so that a kept ledger whose tab was renamed (样件台帐) or deleted is
 * unusable input rather than a ledger silently skipped. A ledger is kept when any of its tabs is in
 * the workbook; a workbook that never had a ledger's tabs is not told about it.
 */
import type { Ledger } from '../core/ledger'
import { closestTabName, isNearTabName } from '../core/tab-names'
import { UnusableTabError } from '../core/table'
import { LEDGERS } from '../ledgers'
import { ALL_TEMPLATES } from './tabs'
import { initCommandOf, type WorkbookPort } from './workbook-port'

const TEMPLATE_NAMES: ReadonlySet<string> = new Set(ALL_TEMPLATES.map((template) => template.name))

/** What is wrong with each kept ledger whose check tab is missing, one message per tab. */
export function missingLedgerTabs(
  names: readonly string[],
  initCommand: string,
  ledgers: readonly Ledger[] = LEDGERS,
): { tab: string; message: string }[] {
  const present = new Set(names)
  // Tabs that are not the tool's: where a renamed ledger tab would be.
  const foreign = names.filter((name) => !TEMPLATE_NAMES.has(name))
  const problems: { tab: string; message: string }[] = []
  const seen = new Set<string>()
  const renamedTab = (tab: string, near: string) => ({
    tab,
    message: `缺少工作表“${tab}”：“${near}”是不是“${tab}”？请把工作表“${near}”改名为“${tab}”后再检查`,
  })
  for (const ledger of ledgers) {
    // Any ledger tab of the user's with a slip in its name (样件检验纪录 too, not only the check's tab).
    for (const template of Object.values(ledger.tabs)) {
      const tab = template.name
      if (template.kind !== 'ledger' || present.has(tab) || seen.has(tab)) continue
      const near = foreign.find((name) => isNearTabName(tab, name))
      if (near === undefined) continue
      seen.add(tab)
      problems.push(renamedTab(tab, near))
    }
    const main = ledger.check?.tab.name
    if (main === undefined || present.has(main) || seen.has(main)) continue
    seen.add(main)
    const siblings = Object.values(ledger.tabs)
      .map((template) => template.name)
      .filter((name) => name !== main && present.has(name))
    if (siblings.length === 0) continue
    const closest = closestTabName(main, foreign)
    const renamed = closest === undefined ? '' : `“${closest}”是不是“${main}”？如是，请把它改名为“${main}”；`
    problems.push({
      tab: main,
      message: `缺少工作表“${main}”，而同一台账的${siblings.map((name) => `“${name}”`).join('、')}还在：${renamed}若“${main}”被删除了，请恢复它，或运行“${initCommand}”新建空表`,
    })
  }
  return problems
}

/** Throws UnusableTabError (the CLI exits 1, Sheets shows an alert) when a kept ledger's tab is missing. */
export function requireKeptLedgerTabs(port: WorkbookPort): void {
  const problems = missingLedgerTabs(port.tabNames(), initCommandOf(port))
  const first = problems[0]
  if (first === undefined) return
  throw new UnusableTabError(first.tab, problems.map((problem) => problem.message).join('\n'))
}
