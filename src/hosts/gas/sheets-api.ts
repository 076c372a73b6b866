/**
 * The slice of the Apps Script services that the Sheets host uses, as plain interfaces. The real
 * `SpreadsheetApp`, `ScriptApp`, … objects satisfy them (main.ts, type-checked against
 * @types/google-apps-script, is where that is proven), and test/support/gas-fakes.ts implements them
 * in memory. Every method here is a round trip to Google in production: keeping this list short
 * keeps the number of Sheets calls visible.
 */

export interface GasRange {
  getValues(): unknown[][]
  setValues(values: unknown[][]): GasRange
  setNumberFormat(numberFormat: string): GasRange
  setNotes(notes: (string | null)[][]): GasRange
  setBackgrounds(colors: (string | null)[][]): GasRange
  setFontWeight(fontWeight: 'bold' | 'normal' | null): GasRange
  /** Long text wraps within the column and the row grows (说明 of 提醒汇总). */
  setWrap(isWrapEnabled: boolean): GasRange
  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): GasRange
  setDataValidation(rule: GasDataValidation | null): GasRange
  /** A cell's text with a link (a letter's Google Doc in 答复单). */
  setRichTextValue(value: GasRichTextValue): GasRange
  /** Where the user's selection is (生成答复单 reads the selected visit row). */
  getRow(): number
  getNumRows(): number
  getSheet(): GasSheet
  /** Selects the range and shows its sheet (the sidebar's jump to a finding). */
  activate(): GasRange
  /** A new protection of this range (初始化台账's warning on the tool's columns). */
  protect(): GasProtection
}

/**
 * A protected range or sheet. The tool's are warning-only and told apart from the user's by their
 * description (tool-protections.ts).
 */
export interface GasProtection {
  getDescription(): string
  setDescription(description: string): GasProtection
  /** Editing is allowed after a warning, for everyone: nothing is blocked. */
  setWarningOnly(warningOnly: boolean): GasProtection
  /** Of a sheet protection only: the ranges left free to edit (a tool tab's user columns). */
  setUnprotectedRanges(ranges: GasRange[]): GasProtection
  remove(): void
}

/** SpreadsheetApp.ProtectionType: its values are handed to getProtections as they are. */
export interface GasProtectionTypes {
  readonly RANGE: unknown
  readonly SHEET: unknown
}

// biome-ignore lint/suspicious/noEmptyInterface: an opaque value handed from the builder to the range
export interface GasRichTextValue {}

export interface GasRichTextValueBuilder {
  setText(text: string): GasRichTextValueBuilder
  setLinkUrl(linkUrl: string | null): GasRichTextValueBuilder
  build(): GasRichTextValue
}

export interface GasRangeList {
  setNumberFormat(numberFormat: string): GasRangeList
}

export interface GasSheet {
  getName(): string
  /** Shows this sheet (the sidebar's jump to a finding). */
  activate(): GasSheet
  getDataRange(): GasRange
  getRange(row: number, column: number, numRows: number, numColumns: number): GasRange
  /** Ranges in A1 notation, e.g. `P2:Q120`. */
  getRangeList(a1Notations: string[]): GasRangeList
  getLastRow(): number
  getLastColumn(): number
  getMaxRows(): number
  getMaxColumns(): number
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet
  setFrozenRows(rows: number): void
  setColumnWidth(column: number, width: number): GasSheet
  /** Clears values but keeps formats, notes and validations. */
  clearContents(): GasSheet
  /** The sheet's conditional-format rules, first (highest priority) first. */
  getConditionalFormatRules(): GasConditionalFormatRule[]
  /** Replaces the whole list: a rule left out is deleted. */
  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void
  /** The embedded charts (the 半年评估 trend chart); clearContents() keeps them. */
  getCharts(): GasEmbeddedChart[]
  newChart(): GasEmbeddedChartBuilder
  insertChart(chart: GasEmbeddedChart): void
  updateChart(chart: GasEmbeddedChart): void
  /** Protects the whole sheet; a sheet has at most one sheet protection. */
  protect(): GasProtection
  /** The sheet's protections of one type (SpreadsheetApp.ProtectionType.RANGE or SHEET). */
  getProtections(type: unknown): GasProtection[]
}

export interface GasEmbeddedChart {
  modify(): GasEmbeddedChartBuilder
}

/** The chart builder; `asComboChart()` gives bars and lines on two axes, set through options. */
export interface GasEmbeddedChartBuilder {
  asComboChart(): GasEmbeddedChartBuilder
  addRange(range: GasRange): GasEmbeddedChartBuilder
  clearRanges(): GasEmbeddedChartBuilder
  setNumHeaders(headers: number): GasEmbeddedChartBuilder
  setOption(option: string, value: unknown): GasEmbeddedChartBuilder
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): GasEmbeddedChartBuilder
  build(): GasEmbeddedChart
}

export interface GasSpreadsheet {
  /** The Drive id of the spreadsheet (its folder is where letters go by default). */
  getId(): string
  getSpreadsheetTimeZone(): string
  /** The selection: the active range of the active sheet, null when there is none. */
  getActiveRange(): GasRange | null
  getSheets(): GasSheet[]
  getSheetByName(name: string): GasSheet | null
  insertSheet(sheetName: string, sheetIndex: number): GasSheet
  toast(msg: string, title: string, timeoutSeconds: number | null): void
  /** Every protection of one type in the spreadsheet, on any sheet. */
  getProtections(type: unknown): GasProtection[]
}

export interface GasDataValidation {
  getCriteriaValues(): unknown[]
}

/** The condition of a rule that has one (a gradient rule has none). */
export interface GasBooleanCondition {
  /** A BooleanCriteria enum value: it reads as its name (CUSTOM_FORMULA). */
  getCriteriaType(): unknown
  /** A custom formula rule's one value is its formula, with its '='. */
  getCriteriaValues(): unknown[]
}

/** A conditional-format rule of a sheet; rules the tool did not make are handed back untouched. */
export interface GasConditionalFormatRule {
  getBooleanCondition(): GasBooleanCondition | null
}

export interface GasConditionalFormatRuleBuilder {
  whenFormulaSatisfied(formula: string): GasConditionalFormatRuleBuilder
  /** '#rrggbb'. */
  setBackground(color: string | null): GasConditionalFormatRuleBuilder
  setFontColor(color: string | null): GasConditionalFormatRuleBuilder
  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder
  build(): GasConditionalFormatRule
}

export interface GasDataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): GasDataValidationBuilder
  /** Any date (a date with a time of day included). */
  requireDate(): GasDataValidationBuilder
  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder
  setHelpText(helpText: string): GasDataValidationBuilder
  build(): GasDataValidation
}

export interface GasMenu {
  addItem(caption: string, functionName: string): GasMenu
  addSeparator(): GasMenu
  addToUi(): void
}

export interface GasPromptResponse {
  getResponseText(): string
  getSelectedButton(): unknown
}

export interface GasUi {
  readonly Button: { readonly OK: unknown; readonly CANCEL: unknown; readonly CLOSE: unknown }
  readonly ButtonSet: { readonly OK: unknown; readonly OK_CANCEL: unknown }
  createMenu(caption: string): GasMenu
  alert(title: string, prompt: string, buttons: unknown): unknown
  prompt(title: string, prompt: string, buttons: unknown): GasPromptResponse
  /** Opens the page in the 300 px sidebar (今日提醒). */
  showSidebar(userInterface: GasHtmlOutput): void
}

/** A page of HtmlService, e.g. dist/Sidebar.html pushed as the project file Sidebar. */
export interface GasHtmlOutput {
  setTitle(title: string): GasHtmlOutput
  getTitle(): string
}

export interface GasHtmlService {
  /** The project's HTML file of that name (without .html); throws when there is none. */
  createHtmlOutputFromFile(filename: string): GasHtmlOutput
}

export interface GasTrigger {
  getHandlerFunction(): string
}

export interface GasClockTriggerBuilder {
  /** A one-off trigger (a check that ran out of time continues a minute later). */
  after(milliseconds: number): GasClockTriggerBuilder
  everyDays(n: number): GasClockTriggerBuilder
  atHour(hour: number): GasClockTriggerBuilder
  inTimezone(timezone: string): GasClockTriggerBuilder
  create(): GasTrigger
}

export interface GasScriptApp {
  getProjectTriggers(): GasTrigger[]
  deleteTrigger(trigger: GasTrigger): void
  newTrigger(functionName: string): { timeBased(): GasClockTriggerBuilder }
}

export interface GasLock {
  tryLock(timeoutInMillis: number): boolean
  releaseLock(): void
}

export interface GasLockService {
  /** null when the script runs outside a bound document. */
  getDocumentLock(): GasLock | null
}

export interface GasSession {
  getActiveUser(): { getEmail(): string }
  getEffectiveUser(): { getEmail(): string }
}

/**
 * A store of PropertiesService. Apps Script keeps at most 9 KB in one value and 500 KB in one store,
 * and throws when a write goes past either.
 */
export interface GasProperties {
  /** Every key and value in one call. */
  getProperties(): Record<string, string>
  getKeys(): string[]
  /** Sets the values given, in one call; the other properties stay. */
  setProperties(properties: Record<string, string>): GasProperties
  deleteProperty(key: string): GasProperties
}

export interface GasPropertiesService {
  getDocumentProperties(): GasProperties | null
}

// biome-ignore lint/suspicious/noEmptyInterface: a Blob as Utilities takes it; only Utilities reads it
export interface GasBlobSource {}

/** A Blob of bytes; Apps Script's bytes are Java's, -128 to 127. */
export interface GasBlob extends GasBlobSource {
  getBytes(): number[]
  /** The bytes as UTF-8 text. */
  getDataAsString(): string
}

/** Utilities: gzip and base64, which keep a check's progress small in the document properties. */
export interface GasUtilities {
  /** The text as UTF-8 bytes. */
  newBlob(data: string): GasBlob
  newBlob(data: number[], contentType: string): GasBlob
  gzip(blob: GasBlobSource): GasBlob
  /** Takes a blob of content type application/x-gzip. */
  ungzip(blob: GasBlobSource): GasBlob
  base64Encode(data: number[]): string
  base64Decode(encoded: string): number[]
  /** A random UUID (the sidebar's answer tokens). */
  getUuid(): string
  /** HMAC-SHA256 of `value` under `key`, both as UTF-8: the 加签 of a 钉钉/飞书 robot. */
  computeHmacSha256Signature(value: string, key: string): number[]
  /** Blocks for `milliseconds` (Apps Script has no setTimeout): the wait before a webhook retry. */
  sleep(milliseconds: number): void
}

/** MailApp: the digest by e-mail (scope script.send_mail). */
export interface GasMailApp {
  /** Recipients the account may still mail today (100 on consumer accounts, 1,500 on Workspace). */
  getRemainingDailyQuota(): number
  sendEmail(message: { to: string; subject: string; body: string; name?: string }): void
}

export interface GasHttpResponse {
  getResponseCode(): number
  getContentText(): string
}

/** UrlFetchApp: the digest to group robots (scope script.external_request). */
export interface GasUrlFetchApp {
  /** Throws when no response came (DNS, timeout); with muteHttpExceptions a 4xx/5xx is returned. */
  fetch(
    url: string,
    params: { method: 'post'; contentType: string; payload: string; muteHttpExceptions: boolean },
  ): GasHttpResponse
}

/**
 * A cache of CacheService: strings by key for a while. Apps Script keeps at most 100 KB in one value,
 * keys of at most 250 characters, for 1 to 21,600 seconds (600 when not said), and may drop a value
 * before it expires: every read must be ready for null.
 */
export interface GasCache {
  get(key: string): string | null
  /** The values found of these keys; a key not found is left out. */
  getAll(keys: string[]): Record<string, string>
  put(key: string, value: string, expirationInSeconds: number): void
  putAll(values: Record<string, string>, expirationInSeconds: number): void
  removeAll(keys: string[]): void
}

export interface GasCacheService {
  /** The cache of the user who runs the script, for this script only. */
  getUserCache(): GasCache
}
