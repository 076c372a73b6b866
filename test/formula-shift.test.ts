import { describe, expect, it } from 'vitest'
import { shiftFormula } from '../src/hosts/xlsx/package/formula-shift'

describe('a formula moved to another cell, as Excel fills it', () => {
  it.each([
    ['A1+B2', 1, 0, 'A2+B3'],
    ['A1+B2', 0, 2, 'C1+D2'],
    ['$A1+A$1+$A$1', 2, 3, '$A3+D$1+$A$1'],
    ['SUM(A1:B2)*2', 3, 0, 'SUM(A4:B5)*2'],
    ["Sheet1!A1+'My Sheet'!B2", 1, 1, "Sheet1!B2+'My Sheet'!C3"],
    ['"A1 text"&A1', 1, 0, '"A1 text"&A2'],
    ['LOG10(A1)+ATAN2(1,2)', 1, 0, 'LOG10(A2)+ATAN2(1,2)'],
    ['SUM(A:A)+SUM(1:1)', 1, 1, 'SUM(B:B)+SUM(2:2)'],
    ['Table1[[#This Row],[A1]]+A1', 1, 0, 'Table1[[#This Row],[A1]]+A2'],
    ['1.5E+3+A1', 1, 0, '1.5E+3+A2'],
    ['TRUE+A1', 0, 1, 'TRUE+B1'],
    ['A1', -1, 0, '#REF!'],
    ['XFD1', 0, 1, '#REF!'],
  ])('%s moved %i rows and %i columns is %s', (formula, rows, columns, expected) => {
    expect(shiftFormula(formula, rows, columns)).toBe(expected)
  })
})
