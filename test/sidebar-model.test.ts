/** The sidebar page's list without the DOM (src/hosts/gas/sidebar/model.ts): filters, groups, pages. */
import { describe, expect, it } from 'vitest'
import {
  filterFindings,
  groupedRows,
  type ListRow,
  NO_OWNER,
  pageRows,
  valueCounts,
} from '../src/hosts/gas/sidebar/model'
import type { SidebarFinding } from '../src/hosts/gas/sidebar/protocol'

function finding(fields: Partial<SidebarFinding>): SidebarFinding {
  return {
    tab: '样件台账',
    row: 2,
    key: 'YJ-1',
    code: 'SAMPLE_EXPIRED',
    item: '已过期',
    level: 'error',
    deferredUntil: null,
    message: '样件“前门铰链”已过有效期',
    due: '',
    handling: '',
    owner: '王立',
    ownerHeader: '保管人',
    ...fields,
  }
}

const FINDINGS: readonly SidebarFinding[] = [
  finding({ key: 'YJ-1' }),
  finding({
    key: 'GYS-1',
    tab: '供应商名录',
    level: 'warning',
    owner: '',
    ownerHeader: '',
    item: '证书将到期',
  }),
  finding({ key: 'YJ-2', level: 'warning', deferredUntil: '2026-12-10', owner: '李娜' }),
  finding({ key: 'YJ-3', level: 'info', message: '应在 3 月底前校准', item: '待校准' }),
  finding({ key: 'YJ-4', level: 'error', message: '样件“后门铰链”已过有效期' }),
]

const keys = (list: readonly SidebarFinding[]) => list.map((f) => f.key)
const shape = (rows: readonly ListRow[]) =>
  rows.map((row) =>
    row.kind === 'tab'
      ? `# ${row.tab} ${row.count}`
      : row.kind === 'group'
        ? `## ${row.group} ${row.count}`
        : row.finding.key,
  )

describe('filterFindings', () => {
  const all = { level: '', tab: '', owner: '', search: '' } as const

  it('by level: a deferred finding counts as 已暂缓, not as its level', () => {
    expect(keys(filterFindings(FINDINGS, { ...all, level: 'warning' }))).toEqual(['GYS-1'])
    expect(keys(filterFindings(FINDINGS, { ...all, level: 'deferred' }))).toEqual(['YJ-2'])
  })

  it('by tab and by owner, with a choice for findings without one', () => {
    expect(keys(filterFindings(FINDINGS, { ...all, tab: '供应商名录' }))).toEqual(['GYS-1'])
    expect(keys(filterFindings(FINDINGS, { ...all, owner: '李娜' }))).toEqual(['YJ-2'])
    expect(keys(filterFindings(FINDINGS, { ...all, owner: NO_OWNER }))).toEqual(['GYS-1'])
  })

  it('searches id, 说明 and 事项, ignoring case; every word must match', () => {
    expect(keys(filterFindings(FINDINGS, { ...all, search: 'yj-4' }))).toEqual(['YJ-4'])
    expect(keys(filterFindings(FINDINGS, { ...all, search: '校准' }))).toEqual(['YJ-3'])
    expect(keys(filterFindings(FINDINGS, { ...all, search: '证书将到期' }))).toEqual(['GYS-1'])
    expect(keys(filterFindings(FINDINGS, { ...all, search: '铰链 后门' }))).toEqual(['YJ-4'])
    expect(keys(filterFindings(FINDINGS, { ...all, search: '<script>' }))).toEqual([])
  })
})

describe('groupedRows and pageRows', () => {
  it('groups by tab in order of appearance, then level, deferred last', () => {
    expect(shape(groupedRows(FINDINGS))).toEqual([
      '# 样件台账 4',
      '## error 2',
      'YJ-1',
      'YJ-4',
      '## info 1',
      'YJ-3',
      '## deferred 1',
      'YJ-2',
      '# 供应商名录 1',
      '## warning 1',
      'GYS-1',
    ])
  })

  it('a page holds the first findings with their headings, never a heading without findings', () => {
    const rows = groupedRows(FINDINGS)
    expect(shape(pageRows(rows, 2))).toEqual(['# 样件台账 4', '## error 2', 'YJ-1', 'YJ-4'])
    expect(shape(pageRows(rows, 3))).toEqual([
      '# 样件台账 4',
      '## error 2',
      'YJ-1',
      'YJ-4',
      '## info 1',
      'YJ-3',
    ])
    expect(pageRows(rows, 0)).toEqual([])
    expect(shape(pageRows(rows, 100))).toEqual(shape(rows))
  })

  it('counts the values of a field, most frequent first', () => {
    expect(valueCounts(FINDINGS, (f) => f.tab)).toEqual([
      ['样件台账', 4],
      ['供应商名录', 1],
    ])
  })
})
