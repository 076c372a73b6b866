/**
 * The parts of a tab the tool adds from its template: the worksheet (a bold, frozen, filterable
 * header, the tool's columns in a colour of their own, dropdowns on enum columns, date formats on
 * date columns, widths from the template) and its header notes (a comments part and the VML drawing
 * Excel and WPS show notes with).
 */
import type { Cell } from '../../../core/cells'
import {
  type ColumnTemplate,
  columnWidth,
  dateEntryHint,
  headerNote,
  isToolColumn,
  type TabTemplate,
  takesDateValidation,
} from '../../../core/template'
import { cellXml, type WriteContext } from './cell-xml'
import { headerFooterXml, pageSetupXml, sheetPropertiesXml } from './print-setup'
import type { StyleBook } from './styles'
import { columnLetters, escapeAttribute, escapeText } from './xml-text'

/** The namespaces of a package: Transitional (what Excel saves by default) or Strict Open XML. */
export interface Namespaces {
  readonly main: string
  /** Of r:id attributes, and, with a slash, the start of every relationship type. */
  readonly relationships: string
}

export const TRANSITIONAL: Namespaces = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  relationships: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
}

export const STRICT: Namespaces = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  relationships: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
}

/** Dropdowns and formats reach this far down a new tab; rows below it are typed without a dropdown. */
export const DEFAULT_LAYOUT_ROWS = 5000

const USER_HEADER = { fontColor: 'FF1F1F1F', fill: 'FFE2EFDA', border: 'FFA6A6A6' } // light green
export const OWNED_HEADER = { fontColor: 'FF44546A', fill: 'FFD6DCE4', border: 'FFA6A6A6' } // grey-blue
const TOOL_TAB_COLOR = 'FF8EA9DB'

export function headerStyle(styles: StyleBook, template: TabTemplate, column: ColumnTemplate): number {
  return styles.headerStyle(isToolColumn(template, column) ? OWNED_HEADER : USER_HEADER)
}

/** The dropdown of a user's enum column, rows 2 to `layoutRows`. */
export function validationXml(
  p: string,
  column: ColumnTemplate,
  columnIndex: number,
  layoutRows: number,
): string | undefined {
  if (column.type !== 'enum' || !column.options || column.owned) return undefined
  const letter = columnLetters(columnIndex)
  const list = column.options.join(',')
  return (
    `<${p}dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop"` +
    ` errorTitle="${escapeAttribute(`“${column.header}”的值无效`)}"` +
    ` error="${escapeAttribute(`请从下拉列表中选择：${column.options.join('、')}`)}"` +
    ` sqref="${letter}2:${letter}${layoutRows}"><${p}formula1>${escapeText(`"${list}"`)}</${p}formula1></${p}dataValidation>`
  )
}

/**
 * The date check of a user's date column, rows 2 to `layoutRows`: Excel and WPS warn the moment a
 * clerk types something that is not a date (明天, 2026-02-30) and let them keep it, as the check
 * still reports it (DATA_INVALID); the validation is an aid, the check stays the authority. Any
 * date after 1900-01-01 passes, a time of day included. The tool's own date columns get none: the
 * tool writes them, and nobody is meant to type there.
 */
export function dateValidationXml(
  p: string,
  template: TabTemplate,
  column: ColumnTemplate,
  columnIndex: number,
  layoutRows: number,
): string | undefined {
  if (!takesDateValidation(template, column)) return undefined
  const letter = columnLetters(columnIndex)
  return (
    `<${p}dataValidation type="date" operator="greaterThan" allowBlank="1" showErrorMessage="1" errorStyle="warning"` +
    ` errorTitle="${escapeAttribute(`“${column.header}”应填写日期`)}"` +
    ` error="${escapeAttribute(dateEntryHint(column))}"` +
    ` sqref="${letter}2:${letter}${layoutRows}"><${p}formula1>1</${p}formula1></${p}dataValidation>`
  )
}

/** The validations a column of a tab the tool lays out gets: a dropdown or a date check, or none. */
export function columnValidationXml(
  p: string,
  template: TabTemplate,
  column: ColumnTemplate,
  columnIndex: number,
  layoutRows: number,
): string | undefined {
  return (
    validationXml(p, column, columnIndex, layoutRows) ??
    dateValidationXml(p, template, column, columnIndex, layoutRows)
  )
}

export function columnStyle(styles: StyleBook, column: ColumnTemplate): number | undefined {
  if (column.type === 'date') return styles.columnDateStyle(false)
  if (column.type === 'datetime') return styles.columnDateStyle(true)
  if (column.wrap === true) return styles.topStyle(true)
  return undefined
}

export interface HeaderNote {
  readonly reference: string
  readonly text: string
}

/** The notes of a new tab's header, by cell reference. */
export function tabNotes(template: TabTemplate): HeaderNote[] {
  return template.columns
    .map((column, index) => ({
      reference: `${columnLetters(index)}1`,
      text: headerNote(template, column, index),
    }))
    .filter((note): note is HeaderNote => note.text !== undefined)
}

/**
 * A worksheet for a template, with seed rows (in template column order). `legacyDrawingId` is the
 * relationship id of its notes' drawing, when it has notes.
 */
export function newSheetXml(
  template: TabTemplate,
  seedRows: readonly (readonly Cell[])[],
  context: WriteContext,
  layoutRows: number,
  legacyDrawingId: string | undefined,
  ns: Namespaces,
): string {
  const { styles } = context
  const lastColumn = template.columns.length - 1
  const lastLetter = columnLetters(lastColumn)
  const columnStyles = template.columns.map((column) => columnStyle(styles, column))
  const cols = template.columns
    .map((column, index) => {
      const style = columnStyles[index]
      return `<col min="${index + 1}" max="${index + 1}" width="${columnWidth(column)}"${style === undefined ? '' : ` style="${style}"`} customWidth="1"/>`
    })
    .join('')
  const header = template.columns
    .map((column, index) =>
      cellXml(`${columnLetters(index)}1`, headerStyle(styles, template, column), column.header, context),
    )
    .join('')
  const rows = [`<row r="1" ht="22" customHeight="1">${header}</row>`]
  seedRows.forEach((cells, index) => {
    const row = index + 2
    const body = template.columns
      .map((_, column) =>
        cellXml(`${columnLetters(column)}${row}`, columnStyles[column], cells[column] ?? null, context),
      )
      .join('')
    if (body.length > 0) rows.push(`<row r="${row}">${body}</row>`)
  })
  const validations = template.columns
    .map((column, index) => columnValidationXml('', template, column, index, layoutRows))
    .filter((xml) => xml !== undefined)
  const lastRow = Math.max(1, seedRows.length + 1)
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${ns.main}" xmlns:r="${ns.relationships}">` +
    sheetPropertiesXml('', template.kind === 'tool' ? TOOL_TAB_COLOR : undefined) +
    `<dimension ref="A1:${lastLetter}${lastRow}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A1:${lastLetter}1"/>` +
    (validations.length > 0
      ? `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>`
      : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    pageSetupXml('') +
    headerFooterXml('') +
    (legacyDrawingId === undefined ? '' : `<legacyDrawing r:id="${legacyDrawingId}"/>`) +
    '</worksheet>'
  return xml
}

export function commentsXml(notes: readonly HeaderNote[], ns: Namespaces): string {
  const list = notes
    .map(
      (note) =>
        `<comment ref="${note.reference}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr>` +
        `<t xml:space="preserve">${escapeText(note.text)}</t></r></text></comment>`,
    )
    .join('')
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<comments xmlns="${ns.main}"><authors><author>台账</author></authors><commentList>${list}</commentList></comments>`
  )
}

/**
 * The VML drawing that shows notes in Excel and WPS. `idBlock` must be unique in the workbook:
 * shape ids are numbered from idBlock × 1024.
 */
export function notesVml(notes: readonly HeaderNote[], idBlock: number): string {
  const shapes = notes
    .map((note, index) => {
      const column = columnIndex(note.reference)
      return (
        `<v:shape id="_x0000_s${idBlock * 1024 + index + 1}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:${index + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${column + 1}, 15, 0, 2, ${column + 4}, 15, 4, 16</x:Anchor>` +
        `<x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
      )
    })
    .join('')
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idBlock}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes}</xml>`
  )
}

function columnIndex(reference: string): number {
  let column = 0
  for (const char of reference) {
    const code = char.charCodeAt(0)
    if (code < 65 || code > 90) break
    column = column * 26 + (code - 64)
  }
  return column - 1
}
