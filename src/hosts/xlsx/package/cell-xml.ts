/**
 * One <c> element to the core's `Cell` (what the user sees), and a value the tool writes to the
 * XML of a cell. Dates travel as calendar dates: a serial is split into its day and minutes as
 * written, whatever the time zone of the machine (SPEC §2).
 */
import { type Cell, type DateCell, isUncalculatedFormula, type OutputCell } from '../../../core/cells'
import { type IsoDate, isoDate, isoDateToSerial } from '../../../core/dates'
import type { CellSpan } from './sheet-scanner'
import { findTag, quickAttribute } from './sheet-scanner'
import type { StyleBook } from './styles'
import { decodeXml, escapeText, runText } from './xml-text'

const MS_PER_DAY = 86_400_000
/** Days from 1899-12-30 (the 1900 date system's day 0) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569
const DAYS_1900_TO_1904 = 1462

export interface ReadContext {
  readonly prefix: string
  readonly strings: readonly string[]
  readonly styles: StyleBook
  readonly date1904: boolean
  /**
   * Gives the text of a cell written in the sheet itself (an inline string, a formula's text
   * result) a string of its own: without it the text is a slice of the sheet's XML and keeps the
   * whole chunk it was cut from in memory for as long as the value lives (xlsx-package.ts interns).
   */
  readonly own?: (text: string) => string
}

/** The value a cell shows, or null when it is empty. */
export function cellValue(rowText: string, span: CellSpan, context: ReadContext): Cell {
  if (span.selfClosing) return null
  const { prefix: p } = context
  const type = quickAttribute(rowText, 't', span.start, span.tagEnd)
  if (type === 'inlineStr') {
    const is = rowText.indexOf(`<${p}is`, span.tagEnd)
    if (is < 0 || is >= span.end) return valueText(rowText, span, p, context, type)
    return owned(runText(rowText.slice(is, span.end), p), context)
  }
  return valueText(rowText, span, p, context, type)
}

function owned(text: string, context: ReadContext): string {
  return context.own === undefined ? text : context.own(text)
}

function valueText(
  rowText: string,
  span: CellSpan,
  p: string,
  context: ReadContext,
  type: string | undefined,
): Cell {
  const open = `<${p}v`
  let v = rowText.indexOf(open, span.tagEnd)
  // <v> and not <vm…>: the next character ends the name.
  while (v >= 0 && v < span.end) {
    const next = rowText.charCodeAt(v + open.length)
    if (next === 62 || next === 32 || next === 47) break
    v = rowText.indexOf(open, v + open.length)
  }
  if (v < 0 || v >= span.end) return uncalculated(rowText, span, p)
  const vEnd = rowText.indexOf('>', v)
  if (rowText.charCodeAt(vEnd - 1) === 47) return null
  const close = rowText.indexOf(`</${p}v>`, vEnd)
  if (close < 0 || close > span.end) return null
  const raw = rowText.slice(vEnd + 1, close)
  switch (type) {
    case 's':
      return context.strings[Number(raw)] ?? null
    case 'str':
    case 'e':
    case 'inlineStr':
      return owned(decodeXml(raw), context)
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true'
    case 'd':
      return isoDateTimeCell(decodeXml(raw).trim())
    default: {
      const number = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(number)) return owned(decodeXml(raw), context)
      const style = quickAttribute(rowText, 's', span.start, span.tagEnd)
      if (style !== undefined && context.styles.isDateStyle(Number(style)))
        return dateFromSerial(number, context.date1904)
      return number
    }
  }
}

/**
 * A cell without a <v>: empty, unless it holds a formula (<f>) whose result the file does not have
 * (written by a program that does not calculate). Such a cell is no empty cell: what it shows is
 * unknown until Excel or WPS calculates it.
 */
function uncalculated(rowText: string, span: CellSpan, p: string): Cell {
  const f = findTag(rowText.slice(span.tagEnd, span.end), `<${p}f`, 0)
  if (f < 0) return null
  const body = rowText.slice(span.tagEnd + f, span.end)
  const open = body.indexOf('>')
  if (open < 0 || body.charCodeAt(open - 1) === 47) return { formula: '' } // <f t="shared" si="0"/>
  const close = body.indexOf(`</${p}f>`, open)
  return { formula: close < 0 ? '' : decodeXml(body.slice(open + 1, close)) }
}

/** Whole days read (dateFromSerial) by their time in ms: their date, or null for none. */
const wholeDays = new Map<number, IsoDate | null>()
const WHOLE_DAYS_LIMIT = 50_000

/**
 * A serial date read the way the Google Sheets host reads its dates: rounded to the second (serial
 * fractions come back a millisecond short now and then), the seconds then dropped. A time-only cell
 * (day 0) is no calendar date and is read as the time it shows.
 */
export function dateFromSerial(serial: number, date1904: boolean): Cell {
  const days = serial - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1900_TO_1904 : 0)
  const ms = Math.round((days * MS_PER_DAY) / 1000) * 1000
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return serial
  if (ms % MS_PER_DAY === 0) {
    // A whole day, as most ledger dates are: its date is remembered (a ledger has a few thousand).
    let date = wholeDays.get(ms)
    if (date === undefined) {
      const instant = new Date(ms)
      date = isoDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate()) ?? null
      if (wholeDays.size >= WHOLE_DAYS_LIMIT) wholeDays.clear()
      wholeDays.set(ms, date)
    }
    return date === null ? clockText(0) : { date }
  }
  const instant = new Date(ms)
  const minutes = instant.getUTCHours() * 60 + instant.getUTCMinutes()
  const date = isoDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate())
  if (date === undefined || instant.getUTCFullYear() < 1900) return clockText(minutes)
  return minutes === 0 ? { date } : { date, minutes }
}

function isoDateTimeCell(text: string): Cell {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text)
  if (!match) return text
  const date = isoDate(Number(match[1]), Number(match[2]), Number(match[3]))
  if (date === undefined) return text
  const minutes = match[4] === undefined ? 0 : Number(match[4]) * 60 + Number(match[5])
  return minutes === 0 ? { date } : { date, minutes }
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

const daySerials = new Map<string, number>()

export function serialFromDate(cell: DateCell, date1904: boolean): number {
  const minutes = cell.minutes ?? 0
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 1440)
    throw new RangeError(`minutes out of range: ${minutes}`)
  // A ledger repeats a few hundred dates thousands of times.
  let day = daySerials.get(cell.date)
  if (day === undefined) {
    day = isoDateToSerial(cell.date)
    daySerials.set(cell.date, day)
  }
  return day - (date1904 ? DAYS_1900_TO_1904 : 0) + minutes / 1440
}

export interface WriteContext {
  readonly prefix: string
  readonly styles: StyleBook
  readonly date1904: boolean
}

/**
 * The XML of a cell the tool writes, its style kept (a date gets a style that shows dates). Text
 * stays text: a string that starts with "=" is an inline string, never a formula, so nothing a user
 * typed can become one. An empty value leaves an empty cell that keeps its style.
 */
export function cellXml(
  reference: string,
  style: number | undefined,
  value: OutputCell | Cell,
  context: WriteContext,
): string {
  const p = context.prefix
  const styled = (s: number | undefined): string => (s === undefined || s === 0 ? '' : ` s="${s}"`)
  if (value === null || value === '')
    return style === undefined || style === 0 ? '' : `<${p}c r="${reference}"${styled(style)}/>`
  if (typeof value === 'string') {
    const text = escapeText(value)
    const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : ''
    return `<${p}c r="${reference}"${styled(style)} t="inlineStr"><${p}is><${p}t${space}>${text}</${p}t></${p}is></${p}c>`
  }
  if (typeof value === 'boolean')
    return `<${p}c r="${reference}"${styled(style)} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a cell`)
    return `<${p}c r="${reference}"${styled(style)}><${p}v>${value}</${p}v></${p}c>`
  }
  // A formula read without its result is written back as it was: the formula, no value.
  if (isUncalculatedFormula(value))
    return `<${p}c r="${reference}"${styled(style)}><${p}f>${escapeText(value.formula)}</${p}f></${p}c>`
  const dateStyle = context.styles.dateStyle(style, value.minutes !== undefined)
  return `<${p}c r="${reference}"${styled(dateStyle)}><${p}v>${serialFromDate(value, context.date1904)}</${p}v></${p}c>`
}
