/** A new tab's columns are wide enough for what they typically hold (issue 13 item 6). */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import {
  CONFIDENTIAL_COLUMN_NOTE,
  column,
  columnWidth,
  headerNote,
  OWNED_COLUMN_NOTE,
  type TabTemplate,
  textWidth,
} from '../src/core/template'

describe('column widths of new tabs', () => {
  it.each([
    [TEMPLATES.customers, '客户名称', '一汽大众汽车有限公司'],
    [TEMPLATES.visits, '客户名称', '比亚迪汽车工业有限公司'],
    [TEMPLATES.samples, '样件名称', '前门铰链总成（左）'],
    [TEMPLATES.log, '时间', '2026-12-02 09:28:40'],
    [TEMPLATES.samples, '确认日期', '2026-12-02'],
  ] as [TabTemplate, string, string][])('%s.%s fits “%s”', (template, header, content) => {
    expect(columnWidth(column(template, header))).toBeGreaterThanOrEqual(textWidth(content) + 1)
  })

  it('stays within Excel’s limit and readable for every column of every tab', () => {
    for (const template of Object.values(TEMPLATES)) {
      for (const c of template.columns) {
        const width = columnWidth(c)
        expect(width, `${template.name}.${c.header}`).toBeGreaterThanOrEqual(
          Math.min(50, textWidth(c.header)),
        )
        // A width the template gives (说明 of 提醒汇总) may be wider; a computed one stops at 50.
        expect(width).toBeLessThanOrEqual(c.width ?? 50)
      }
    }
  })
})

describe('header notes, the same in both hosts', () => {
  it('say whose a column is: the tool’s, the user’s in a tool tab, and which are confidential', () => {
    const note = (template: TabTemplate, header: string) =>
      headerNote(template, column(template, header), template.columns.indexOf(column(template, header)))
    expect(note(TEMPLATES.samples, '有效期至')).toBe(OWNED_COLUMN_NOTE)
    expect(note(TEMPLATES.samples, '样件编号')).toBeUndefined()
    expect(note(TEMPLATES.customers, '电话')).toBe(CONFIDENTIAL_COLUMN_NOTE)
    expect(note(TEMPLATES.leads, '客户电话')).toContain(CONFIDENTIAL_COLUMN_NOTE)
    expect(note(TEMPLATES.alerts, '台账')).toContain('整表重写')
    expect(note(TEMPLATES.log, '时间')).toContain('逐条追加')
  })
})
