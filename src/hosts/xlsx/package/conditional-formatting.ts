/**
 * The tool's row colours as worksheet conditional formats. The user's <conditionalFormatting>
 * elements are copied as they were, character for character (their order, priorities, ranges,
 * dxfIds, and the x14 rules in <extLst>, which the tool never takes out); only the tool's own
 * expression rules, known by their formula (row-colours.ts), are taken out and written afresh
 * after them, with priorities after every priority of the user's.
 */
import type { PlacedRowColour } from '../../../core/row-colours'
import { attributes, decodeXml, escapeAttribute, escapeText } from './xml-text'

export interface ToolRowColours {
  /** Whether an expression rule's formula is one the tool wrote (on this tab's scheme). */
  readonly isTool: (formula: string) => boolean
  /** The rules to write, each with the dxf (styles.xml) of its look. */
  readonly rules: readonly (PlacedRowColour & { readonly dxfId: number })[]
}

/**
 * The text after <sheetData> without the tool's earlier rules, and the XML of its rules now (empty
 * when there are none). The caller puts the XML where the schema orders <conditionalFormatting>.
 */
export function replaceToolRowColours(
  text: string,
  p: string,
  colours: ToolRowColours,
): { text: string; xml: string } {
  // The worksheet's own elements, in its namespace: the x14 ones in <extLst> are named otherwise
  // (x14:conditionalFormatting) and never match. An <extLst> may also sit inside a rule (a data
  // bar's link to its x14 half), so the text is not cut at the first one.
  const element = new RegExp(
    `<${p}conditionalFormatting(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${p}conditionalFormatting>)`,
    'g',
  )
  const kept = text.replace(element, (whole) => withoutToolRules(whole, p, colours.isTool))
  let priority = 0
  for (const match of kept.matchAll(/<(?:[\w.-]+:)?cfRule\s[^>]*?\bpriority\s*=\s*"(\d+)"/g))
    priority = Math.max(priority, Number(match[1]))
  const bySqref = new Map<string, string[]>()
  for (const rule of colours.rules) {
    priority += 1
    const list = bySqref.get(rule.range) ?? []
    list.push(
      `<${p}cfRule type="expression" dxfId="${rule.dxfId}" priority="${priority}">` +
        `<${p}formula>${escapeText(rule.formula)}</${p}formula></${p}cfRule>`,
    )
    bySqref.set(rule.range, list)
  }
  const xml = [...bySqref]
    .map(
      ([sqref, rules]) =>
        `<${p}conditionalFormatting sqref="${escapeAttribute(sqref)}">${rules.join('')}</${p}conditionalFormatting>`,
    )
    .join('')
  return { text: kept, xml }
}

/** One <conditionalFormatting> element without the tool's rules: as it was when it has none, gone when it had only those. */
function withoutToolRules(element: string, p: string, isTool: (formula: string) => boolean): string {
  const rule = new RegExp(`<${p}cfRule(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${p}cfRule>)`, 'g')
  let removed = 0
  let rules = 0
  const rest = element.replace(rule, (whole) => {
    rules += 1
    if (!isToolRule(whole, p, isTool)) return whole
    removed += 1
    return ''
  })
  if (removed === 0) return element
  return removed === rules ? '' : rest
}

function isToolRule(rule: string, p: string, isTool: (formula: string) => boolean): boolean {
  const open = attributes(rule.slice(0, rule.indexOf('>') + 1))
  if (open.get('type') !== 'expression') return false
  const formulas = [...rule.matchAll(new RegExp(`<${p}formula>([^<]*)</${p}formula>`, 'g'))]
  return formulas.length === 1 && isTool(decodeXml(formulas[0]?.[1] ?? ''))
}
