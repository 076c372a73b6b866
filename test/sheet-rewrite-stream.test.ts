/**
 * A rewritten worksheet streams out in bounded chunks, the rows the tool adds below the last one
 * included: a tool tab (提醒汇总) is all added rows, and held until the end they made a 74,000-row
 * check need half a gigabyte more than it had in use.
 */
import { describe, expect, it } from 'vitest'
import { rewriteSheet, rewriteSheetBytes, type SheetEdits } from '../src/hosts/xlsx/package/sheet-rewrite'
import { MINIMAL_STYLES, StyleBook } from '../src/hosts/xlsx/package/styles'

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const ROWS = 20_000

function edits(values: readonly string[]): SheetEdits {
  return {
    columns: new Map([[0, { start: 2, values, clearBeyond: true }]]),
    cells: new Map(),
    widths: new Map(),
    validations: [],
    hyperlinks: [],
    merged: [],
  }
}

function rewritten(sheet: string, values: readonly string[]): string[] {
  const context = { prefix: '', styles: new StyleBook(MINIMAL_STYLES), date1904: false }
  return [...rewriteSheet([sheet], edits(values), context, { formulaReplaced: false })]
}

describe('rows the tool adds below the last row', () => {
  const values = Array.from({ length: ROWS }, (_, index) => `第 ${index + 1} 条提醒：样件已逾期，请尽快处理`)
  const sheet = `<worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`

  it('come out in chunks of a bounded size, not as one string at the end', () => {
    const chunks = rewritten(sheet, values)
    const whole = chunks.join('')
    expect(whole.length).toBeGreaterThan(1024 * 1024)
    expect(chunks.length).toBeGreaterThan(4)
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(512 * 1024)
  })

  it('are written in order, each once, before the text after the rows', () => {
    const whole = rewritten(sheet, values).join('')
    const rows = [...whole.matchAll(/<row r="(\d+)">/g)].map((match) => Number(match[1]))
    expect(rows).toEqual(Array.from({ length: ROWS + 1 }, (_, index) => index + 1))
    expect(whole).toContain(
      `<row r="${ROWS + 1}"><c r="A${ROWS + 1}" t="inlineStr"><is><t>${values.at(-1)}</t></is></c></row></sheetData><pageMargins`,
    )
    expect(whole).toContain(`<dimension ref="A1:A${ROWS + 1}"/>`)
    expect(whole.endsWith('</worksheet>')).toBe(true)
  })

  it('follow a sheet without rows (an empty <sheetData/>)', () => {
    const empty = `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`
    const chunks = rewritten(empty, values.slice(0, 3))
    expect(chunks.join('')).toBe(
      `<worksheet xmlns="${MAIN}"><sheetData>${values
        .slice(0, 3)
        .map(
          (value, index) =>
            `<row r="${index + 2}"><c r="A${index + 2}" t="inlineStr"><is><t>${value}</t></is></c></row>`,
        )
        .join('')}</sheetData></worksheet>`,
    )
  })
})

describe('the rewritten sheet as bytes (what the package writes)', () => {
  const context = { prefix: '', styles: new StyleBook(MINIMAL_STYLES), date1904: false }
  // Chinese (three bytes each), a character beyond the BMP (a surrogate pair, four bytes), text to
  // escape, and enough rows for several batches.
  const values = Array.from({ length: ROWS }, (_, index) => `第 ${index + 1} 条 <提醒> & 😀 𠀋 样件已逾期`)
  const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明 😀</t></is></c></row></sheetData></worksheet>`

  it('are the UTF-8 of the rewritten text, batch for batch', () => {
    const text = [...rewriteSheet([sheet], edits(values), context, { formulaReplaced: false })]
    const bytes = [...rewriteSheetBytes([sheet], edits(values), context, { formulaReplaced: false })]
    expect(bytes.length).toBe(text.length)
    expect(bytes.length).toBeGreaterThan(4)
    for (const [index, chunk] of bytes.entries())
      expect(chunk.equals(Buffer.from(text[index] as string, 'utf8'))).toBe(true)
    expect(Buffer.concat(bytes).toString('utf8')).toContain(
      `<t>第 ${ROWS} 条 &lt;提醒&gt; &amp; 😀 𠀋 样件已逾期</t>`,
    )
  })
})
