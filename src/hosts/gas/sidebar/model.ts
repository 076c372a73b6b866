/**
 * What the 今日提醒 sidebar lists, without the DOM: the filters, the grouping (ledger, then level;
 * deferred findings last in their ledger) and the rows of one page. page.ts draws it.
 */
import type { SidebarFinding, SidebarLevel } from './protocol'

/** A level filter value: a level, 已暂缓, or '' for all. */
export type LevelFilter = SidebarLevel | 'deferred' | ''

export interface Filters {
  readonly level: LevelFilter
  /** A tab, or '' for all. */
  readonly tab: string
  /** An owner, NO_OWNER for findings without one, or '' for all. */
  readonly owner: string
  readonly search: string
}

export const NO_OWNER = '\u0000none'

export const LEVEL_NAMES: Readonly<Record<SidebarLevel | 'deferred', string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
  deferred: '已暂缓',
}

/** How many findings one page of the list shows; 再显示 adds as many again. */
export const PAGE_SIZE = 100

export type Group = SidebarLevel | 'deferred'

/** The levels in the order the list, the counts and the level filter show them; 已暂缓 last. */
export const GROUP_ORDER: readonly Group[] = ['error', 'warning', 'info', 'deferred']

export function groupOf(finding: SidebarFinding): Group {
  return finding.deferredUntil === null ? finding.level : 'deferred'
}

function searchable(finding: SidebarFinding): string {
  return [finding.key, finding.message, finding.item, finding.code, finding.owner, finding.handling]
    .join('\n')
    .toLowerCase()
}

/** The findings the filters let through, in the order of 提醒汇总. */
export function filterFindings(
  findings: readonly SidebarFinding[],
  filters: Filters,
): readonly SidebarFinding[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean)
  return findings.filter((finding) => {
    if (filters.level !== '' && groupOf(finding) !== filters.level) return false
    if (filters.tab !== '' && finding.tab !== filters.tab) return false
    if (
      filters.owner === NO_OWNER
        ? finding.owner !== ''
        : filters.owner !== '' && finding.owner !== filters.owner
    )
      return false
    if (words.length === 0) return true
    const text = searchable(finding)
    return words.every((word) => text.includes(word))
  })
}

export type ListRow =
  | { readonly kind: 'tab'; readonly tab: string; readonly count: number }
  | { readonly kind: 'group'; readonly tab: string; readonly group: Group; readonly count: number }
  | { readonly kind: 'finding'; readonly finding: SidebarFinding; readonly index: number }

/**
 * The findings grouped by ledger (in the order they first appear) and level, as the rows of the
 * list: a heading per ledger and per level with its count, then its findings. `index` numbers the
 * findings in that order, so that a page is the findings with index below its limit.
 */
export function groupedRows(findings: readonly SidebarFinding[]): ListRow[] {
  const tabs = new Map<string, Map<Group, SidebarFinding[]>>()
  for (const finding of findings) {
    let groups = tabs.get(finding.tab)
    if (groups === undefined) {
      groups = new Map()
      tabs.set(finding.tab, groups)
    }
    const group = groupOf(finding)
    const list = groups.get(group)
    if (list === undefined) groups.set(group, [finding])
    else list.push(finding)
  }
  const rows: ListRow[] = []
  let index = 0
  for (const [tab, groups] of tabs) {
    let count = 0
    for (const list of groups.values()) count += list.length
    rows.push({ kind: 'tab', tab, count })
    for (const group of GROUP_ORDER) {
      const list = groups.get(group)
      if (list === undefined) continue
      rows.push({ kind: 'group', tab, group, count: list.length })
      for (const finding of list) rows.push({ kind: 'finding', finding, index: index++ })
    }
  }
  return rows
}

/** The rows of the first `limit` findings, with the headings above them. */
export function pageRows(rows: readonly ListRow[], limit: number): ListRow[] {
  const page: ListRow[] = []
  let pending: ListRow[] = []
  for (const row of rows) {
    if (row.kind !== 'finding') {
      if (row.kind === 'tab') pending = []
      pending.push(row)
      continue
    }
    if (row.index >= limit) break
    page.push(...pending, row)
    pending = []
  }
  return page
}

/** The values of one field, most frequent first, with how many findings have each. */
export function valueCounts(
  findings: readonly SidebarFinding[],
  field: (finding: SidebarFinding) => string,
): [value: string, count: number][] {
  const counts = new Map<string, number>()
  for (const finding of findings) {
    const value = field(finding)
    counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
}
