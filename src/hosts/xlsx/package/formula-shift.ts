/**
 * A formula moved to another cell, as Excel moves it when a formula is filled or copied: relative
 * references shift by the distance, absolute ones ($A$1) stay. A shared formula is written once in
 * its first cell and read in the others this way; when the tool replaces that first cell (an owned
 * column), each cell that still shares it gets its own copy, moved.
 *
 * Text in quotes, quoted sheet names and anything in brackets (structured references, external
 * workbooks) is left alone. A reference moved off the sheet becomes #REF!, as in Excel.
 */
import { columnLetters, parseReference } from './xml-text'

const MAX_COLUMN = 16384
const MAX_ROW = 1048576

export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula
  let out = ''
  let at = 0
  while (at < formula.length) {
    const char = formula[at] as string
    if (char === '"' || char === "'") {
      const end = closingQuote(formula, at, char)
      out += formula.slice(at, end)
      at = end
      continue
    }
    if (char === '[') {
      const end = closingBracket(formula, at)
      out += formula.slice(at, end)
      at = end
      continue
    }
    if (/[A-Za-z0-9_$\\.]/.test(char)) {
      const previous = at === 0 ? '' : (formula[at - 1] as string)
      const rest = formula.slice(at)
      const token = /^[A-Za-z0-9_$\\.]+/.exec(rest)?.[0] ?? char
      const startsName = !/[A-Za-z0-9_.]/.test(previous)
      const moved = startsName ? shiftReference(rest, rows, columns) : undefined
      if (moved) {
        out += moved.text
        at += moved.length
      } else {
        out += token
        at += token.length
      }
      continue
    }
    out += char
    at += 1
  }
  return out
}

function closingQuote(text: string, start: number, quote: string): number {
  let at = start + 1
  while (at < text.length) {
    if (text[at] === quote) {
      if (text[at + 1] === quote) at += 2
      else return at + 1
    } else at += 1
  }
  return text.length
}

function closingBracket(text: string, start: number): number {
  let depth = 0
  for (let at = start; at < text.length; at++) {
    if (text[at] === '[') depth += 1
    else if (text[at] === ']') {
      depth -= 1
      if (depth === 0) return at + 1
    }
  }
  return text.length
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_.(!])/
const COLUMNS = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!])/
const ROWS = /^(\$?)(\d+):(\$?)(\d+)(?![A-Za-z0-9_.(!])/

/** The reference at the start of `text`, moved; undefined when `text` does not start with one. */
function shiftReference(
  text: string,
  rows: number,
  columns: number,
): { text: string; length: number } | undefined {
  const columnRange = COLUMNS.exec(text)
  if (columnRange) {
    const first = moveColumn(columnRange[1] as string, columnRange[2] as string, columns)
    const last = moveColumn(columnRange[3] as string, columnRange[4] as string, columns)
    if (first === undefined || last === undefined) return { text: '#REF!', length: columnRange[0].length }
    return { text: `${first}:${last}`, length: columnRange[0].length }
  }
  const rowRange = ROWS.exec(text)
  if (rowRange) {
    const first = moveRow(rowRange[1] as string, rowRange[2] as string, rows)
    const last = moveRow(rowRange[3] as string, rowRange[4] as string, rows)
    if (first === undefined || last === undefined) return { text: '#REF!', length: rowRange[0].length }
    return { text: `${first}:${last}`, length: rowRange[0].length }
  }
  const cell = CELL.exec(text)
  if (!cell) return undefined
  const letters = cell[2] as string
  if (columnNumber(letters) > MAX_COLUMN) return undefined // a name such as ABCD1, not a cell
  const column = moveColumn(cell[1] as string, letters, columns)
  const row = moveRow(cell[3] as string, cell[4] as string, rows)
  if (column === undefined || row === undefined) return { text: '#REF!', length: cell[0].length }
  return { text: `${column}${row}`, length: cell[0].length }
}

function moveColumn(dollar: string, letters: string, by: number): string | undefined {
  if (dollar === '$') return `$${letters}`
  const moved = columnNumber(letters) + by
  if (moved < 1 || moved > MAX_COLUMN) return undefined
  return columnName(moved)
}

function moveRow(dollar: string, digits: string, by: number): string | undefined {
  if (dollar === '$') return `$${digits}`
  const moved = Number(digits) + by
  if (moved < 1 || moved > MAX_ROW) return undefined
  return String(moved)
}

function columnNumber(letters: string): number {
  return parseReference(letters).column + 1
}

function columnName(number: number): string {
  return columnLetters(number - 1)
}
