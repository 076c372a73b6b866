/**
 * How a tab the tool makes prints: landscape A4, as wide as one page (as many pages down as it
 * needs), the header row repeated on every page, the tab's name and the page number in the footer.
 * These go into the tabs the tool creates and into a tool tab each time the tool writes it; a tab
 * of the user's keeps the print settings its user gave it (nothing here is called for it).
 */
import { findTag } from './sheet-scanner'
import { attributes, endOfFirst, escapeText, withAttribute } from './xml-text'

/** The footer: the tab's name on the left, 第 1 页 / 共 3 页 on the right (Excel's &A, &P, &N codes). */
export const FOOTER = '&L&A&R第 &P 页 / 共 &N 页'

const PRINT_TITLES = '_xlnm.Print_Titles'

/** A4 (paperSize 9), landscape, one page wide; fitToHeight 0 lets it run onto as many pages as it needs. */
export function pageSetupXml(p: string): string {
  return `<${p}pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`
}

export function headerFooterXml(p: string): string {
  return `<${p}headerFooter><${p}oddFooter>${escapeText(FOOTER)}</${p}oddFooter></${p}headerFooter>`
}

/** The <sheetPr> of a new tab: its tab colour (tool tabs) and the switch that makes fitToWidth count. */
export function sheetPropertiesXml(p: string, tabColor: string | undefined): string {
  const color = tabColor === undefined ? '' : `<${p}tabColor rgb="${tabColor}"/>`
  return `<${p}sheetPr>${color}<${p}pageSetUpPr fitToPage="1"/></${p}sheetPr>`
}

/**
 * The text before <sheetData> of a worksheet with fitToPage set in its <sheetPr>, the rest of which
 * (tab colour, outline settings, code name) stays as it was.
 */
export function withFitToPage(text: string, p: string): string {
  const fit = `<${p}pageSetUpPr fitToPage="1"/>`
  const start = findTag(text, `<${p}sheetPr`, 0)
  if (start < 0) {
    // <sheetPr> is the first child of <worksheet>.
    const root = findTag(text, `<${p}worksheet`, 0)
    if (root < 0) return text
    const rootEnd = text.indexOf('>', root) + 1
    return `${text.slice(0, rootEnd)}<${p}sheetPr>${fit}</${p}sheetPr>${text.slice(rootEnd)}`
  }
  const tagEnd = text.indexOf('>', start)
  if (text.charCodeAt(tagEnd - 1) === 47) {
    const open = text.slice(start, tagEnd - 1).trimEnd()
    return `${text.slice(0, start)}${open}>${fit}</${p}sheetPr>${text.slice(tagEnd + 1)}`
  }
  const close = text.indexOf(`</${p}sheetPr>`, tagEnd)
  if (close < 0) return text
  const inner = text.slice(tagEnd + 1, close)
  const existing = findTag(inner, `<${p}pageSetUpPr`, 0)
  let updated: string
  if (existing < 0) {
    // pageSetUpPr is the last child of sheetPr (after tabColor and outlinePr).
    updated = inner + fit
  } else {
    const end = inner.indexOf('>', existing)
    const tag = withAttribute(inner.slice(existing, end + 1), 'fitToPage', '1', 'first')
    updated = inner.slice(0, existing) + tag + inner.slice(end + 1)
  }
  return text.slice(0, tagEnd + 1) + updated + text.slice(close)
}

/**
 * workbook.xml with the header row of the tab at `sheetIndex` (its position in <sheets>, which is
 * what localSheetId counts) printed on every page. A tab that has print titles keeps them.
 */
export function withPrintTitles(workbook: string, p: string, sheetIndex: number, sheetName: string): string {
  for (const match of workbook.matchAll(/<(?:[\w.-]+:)?definedName\s[^>]*>/g)) {
    const found = attributes(match[0])
    if (
      found.get('name')?.toLowerCase() === PRINT_TITLES.toLowerCase() &&
      Number(found.get('localSheetId')) === sheetIndex
    )
      return workbook
  }
  const reference = `'${sheetName.replaceAll("'", "''")}'!$1:$1`
  const element = `<${p}definedName name="${PRINT_TITLES}" localSheetId="${sheetIndex}">${escapeText(reference)}</${p}definedName>`
  const close = workbook.indexOf(`</${p}definedNames>`)
  if (close >= 0) return workbook.slice(0, close) + element + workbook.slice(close)
  const empty = new RegExp(`<${p}definedNames\\s*/>`).exec(workbook)
  if (empty)
    return `${workbook.slice(0, empty.index)}<${p}definedNames>${element}</${p}definedNames>${workbook.slice(empty.index + empty[0].length)}`
  // definedNames follows these elements in CT_Workbook: it goes right after the last one present.
  const at = endOfFirst(workbook, p, ['externalReferences', 'functionGroups', 'sheets'])
  if (at < 0) return workbook
  return `${workbook.slice(0, at)}<${p}definedNames>${element}</${p}definedNames>${workbook.slice(at)}`
}
