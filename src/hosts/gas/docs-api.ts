/**
 * The slice of DocumentApp and DriveApp that 生成答复单 uses, as plain interfaces (see sheets-api.ts
 * for why): main.ts proves that the real services satisfy them, test/support/gas-fakes.ts fakes them.
 */

/** Text of a paragraph, edited in place so that the template's formatting around a placeholder stays. */
export interface GasText {
  getText(): string
  deleteText(startOffset: number, endOffsetInclusive: number): GasText
  insertText(offset: number, text: string): GasText
  setBold(bold: boolean): GasText
  setFontSize(size: number): GasText
}

/** A Paragraph or a ListItem: what a letter's lines are. */
export interface GasParagraph {
  getText(): string
  editAsText(): GasText
  setAlignment(alignment: unknown): GasParagraph
  /** In points. */
  setIndentFirstLine(indent: number): GasParagraph
  setSpacingAfter(spacing: number): GasParagraph
  setLineSpacing(multiplier: number): GasParagraph
  copy(): GasParagraph
}

/** Any element of a document; `getType()` says which `asX()` applies. */
export interface GasDocElement {
  getType(): unknown
  asParagraph(): GasParagraph
  asListItem(): GasParagraph
  asTable(): GasContainer
  asTableRow(): GasContainer
  asTableCell(): GasContainer
}

/** An element with children: the body, a header or footer, a table, its rows and cells. */
export interface GasContainer {
  getNumChildren(): number
  getChild(childIndex: number): GasDocElement
}

export interface GasBody extends GasContainer {
  insertParagraph(childIndex: number, paragraph: GasParagraph): GasParagraph
  insertListItem(childIndex: number, listItem: GasParagraph): GasParagraph
  appendParagraph(text: string): GasParagraph
  removeChild(child: GasDocElement): GasBody
  /** Page margins in points. */
  setMarginTop(margin: number): GasBody
  setMarginBottom(margin: number): GasBody
  setMarginLeft(margin: number): GasBody
  setMarginRight(margin: number): GasBody
}

export interface GasDocument {
  getId(): string
  getUrl(): string
  getName(): string
  getBody(): GasBody
  getHeader(): GasContainer | null
  getFooter(): GasContainer | null
  saveAndClose(): void
}

export interface GasDocumentApp {
  readonly ElementType: {
    readonly PARAGRAPH: unknown
    readonly LIST_ITEM: unknown
    readonly TABLE: unknown
    readonly TABLE_ROW: unknown
    readonly TABLE_CELL: unknown
  }
  readonly HorizontalAlignment: { readonly LEFT: unknown; readonly CENTER: unknown; readonly RIGHT: unknown }
  create(name: string): GasDocument
  openById(id: string): GasDocument
}

export interface GasDriveFolder {
  getId(): string
  getName(): string
}

export interface GasFolderIterator {
  hasNext(): boolean
  next(): GasDriveFolder
}

export interface GasDriveFile {
  getId(): string
  getName(): string
  getParents(): GasFolderIterator
  makeCopy(name: string, destination: GasDriveFolder): GasDriveFile
  moveTo(destination: GasDriveFolder): GasDriveFile
}

export interface GasDriveApp {
  getFileById(id: string): GasDriveFile
  getFolderById(id: string): GasDriveFolder
  getRootFolder(): GasDriveFolder
}
