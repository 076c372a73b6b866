/**
 * Issue 13 item 11: a multi-line 答复 in the Word letter. Each line break of a value starts a
 * paragraph of its own with the paragraph's properties (its indentation), the run's formatting going
 * on; a numbered paragraph keeps <w:br/>; a section's properties stay on its last paragraph only.
 */
import { describe, expect, it } from 'vitest'
import { splitParagraphs } from '../src/hosts/xlsx/docx-letter'

const BREAK = '\uE000'
const P_PR = '<w:pPr><w:spacing w:after="0"/><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr>'
const R_PR = '<w:rPr><w:b/></w:rPr>'

describe('splitParagraphs', () => {
  it('starts a paragraph per line, with the same paragraph and run properties', () => {
    const xml = `<w:body><w:p w:rsidR="1">${P_PR}<w:r>${R_PR}<w:t xml:space="preserve">答复：一${BREAK}二${BREAK}三</w:t></w:r></w:p></w:body>`
    expect(splitParagraphs(xml)).toBe(
      `<w:body>${['答复：一', '二', '三']
        .map(
          (line) => `<w:p w:rsidR="1">${P_PR}<w:r>${R_PR}<w:t xml:space="preserve">${line}</w:t></w:r></w:p>`,
        )
        .join('')}</w:body>`,
    )
  })

  it('keeps the runs after the break in the last paragraph, and leaves other paragraphs alone', () => {
    const other = '<w:p><w:r><w:t>前一段</w:t><w:br/><w:t>模板自己的换行</w:t></w:r></w:p>'
    const xml = `${other}<w:p>${P_PR}<w:r><w:t>答复：</w:t></w:r><w:r>${R_PR}<w:t xml:space="preserve">甲${BREAK}乙</w:t></w:r><w:r><w:t>（完）</w:t></w:r></w:p>`
    expect(splitParagraphs(xml)).toBe(
      `${other}<w:p>${P_PR}<w:r><w:t>答复：</w:t></w:r><w:r>${R_PR}<w:t xml:space="preserve">甲</w:t></w:r></w:p>` +
        `<w:p>${P_PR}<w:r>${R_PR}<w:t xml:space="preserve">乙</w:t></w:r><w:r><w:t>（完）</w:t></w:r></w:p>`,
    )
  })

  it('in a numbered paragraph, a line break (which lines up under the item’s text)', () => {
    const numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    const xml = `<w:p>${numbered}<w:r><w:t xml:space="preserve">一${BREAK}二</w:t></w:r></w:p>`
    expect(splitParagraphs(xml)).toBe(
      `<w:p>${numbered}<w:r><w:t xml:space="preserve">一</w:t><w:br/><w:t xml:space="preserve">二</w:t></w:r></w:p>`,
    )
  })

  it('keeps a section’s properties on the last of the paragraphs', () => {
    const section = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    const xml = `<w:p><w:pPr><w:jc w:val="right"/>${section}</w:pPr><w:r><w:t>一${BREAK}二</w:t></w:r></w:p>`
    expect(splitParagraphs(xml)).toBe(
      `<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>一</w:t></w:r></w:p>` +
        `<w:p><w:pPr><w:jc w:val="right"/>${section}</w:pPr><w:r><w:t xml:space="preserve">二</w:t></w:r></w:p>`,
    )
  })
})
