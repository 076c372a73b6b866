/**
 * The one ExcelJS 4.4 internal the xlsx host patches (see data-validations.ts): the parser of a
 * sheet's <dataValidations>, left out of ExcelJS's published types.
 */
declare module 'exceljs/lib/xlsx/xform/sheet/data-validations-xform.js' {
  import type ExcelJS from 'exceljs'

  class DataValidationsXform {
    model: Record<string, ExcelJS.DataValidation | undefined>
    _address: string
    _dataValidation: ExcelJS.DataValidation
    parseClose(name: string): boolean
  }
  export default DataValidationsXform
}
