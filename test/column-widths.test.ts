/** A new tab's columns are wide enough for what they typically hold (issue 13 item 6). */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import {
  CONFIDENTIAL_COLUMN_NOTE,
  cellTextWidth,
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

describe('text widths, character by character', () => {
  // The widths as first written, one character (code point) at a time with for…of: the code-unit
  // loops that replaced them must agree, pairs beyond the BMP and lone surrogates included.
  const wideModel = (code: number): boolean =>
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  const textModel = (text: string): number => {
    let width = 0
    for (const char of text) width += wideModel(char.codePointAt(0) ?? 0) ? 2 : 1
    return width
  }
  const cellModel = (text: string): number => {
    let width = 0
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0
      if ((code >= 0x2018 && code <= 0x201d) || code === 0x2026) width += 2
      else if (code >= 0x41 && code <= 0x5a) width += 1.2
      else width += textModel(char)
    }
    return Math.ceil(width)
  }
  const samples = [
    '',
    'YJ-017',
    '样件台账',
    'LEAD_DISTRIBUTOR_STOP_SUGGESTED',
    '“引号”…省略',
    'ＹＪ－０１７　全角',
    '😀 𠀋 表情与扩展汉字',
    '\ud83d',
    '\ude00 孤立的低位',
    'a\ud83db',
    '尾部高位\ud83d',
  ]

  it('agree with the character-by-character widths', () => {
    for (const text of samples) {
      expect(textWidth(text), text).toBe(textModel(text))
      expect(cellTextWidth(text), text).toBe(cellModel(text))
    }
    expect(textWidth('😀𠀋')).toBe(2)
    expect(textWidth('𠀋')).toBe(1)
    expect(cellTextWidth('ABC')).toBe(4)
  })
})
