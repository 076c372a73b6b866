/**
 * 生成答复单 in Google Sheets: the reply letter as a Google Doc in a Drive folder. With a template
 * (参数 答复单模板文档) the template is copied and its placeholders filled; without one the built-in
 * layout is made from LETTER_LAYOUT, like the default Word template of the local tool.
 *
 * Placeholders are filled by editing each paragraph's text in place, one pass per paragraph, instead of
 * body.replaceText: replaceText takes a regular expression and its replacement text is not literal,
 * and a second pass would expand a placeholder that a customer's answer happens to contain.
 */
import type { PreparedReplyLetter } from '../../app/reply-letter'
import { LetterRefusedError } from '../../app/reply-letter'
import {
  KNOWN_PLACEHOLDERS,
  LETTER_FIELDS,
  PLACEHOLDER,
  QUESTION_FIELDS,
  QUESTION_LOOP,
  type ReplyLetter,
  unknownPlaceholders,
} from '../../ledgers/visits/reply-letter'
import type {
  GasBody,
  GasContainer,
  GasDocElement,
  GasDocument,
  GasDocumentApp,
  GasDriveApp,
  GasDriveFolder,
  GasParagraph,
} from './docs-api'

export interface LetterDocumentServices {
  readonly documentApp: GasDocumentApp
  readonly driveApp: GasDriveApp
  /** The spreadsheet's Drive id: letters go to its folder when 参数 names none. */
  readonly spreadsheetId: string
}

export interface LetterDocumentSettings {
  /** 参数 答复单模板文档 */
  readonly templateId?: string
  /** 参数 答复单文件夹 */
  readonly folderId?: string
}

export interface LetterDocument {
  readonly name: string
  readonly url: string
  readonly folderName: string
}

const START_MARKER = `{#${QUESTION_LOOP}}`
const END_MARKER = `{/${QUESTION_LOOP}}`
/** Body text 12 pt (小四), title 16 pt (三号); a first-line indent of two characters. */
const BODY_POINTS = 12
const TITLE_POINTS = 16
const INDENT_POINTS = 2 * BODY_POINTS
/** Page margins of a Chinese official letter: 2.54 cm top and bottom, 3.17 cm left and right. */
const MARGIN_VERTICAL = 72
const MARGIN_HORIZONTAL = 90

export function writeLetterDocument(
  services: LetterDocumentServices,
  prepared: PreparedReplyLetter,
  settings: LetterDocumentSettings,
): LetterDocument {
  const { documentApp, driveApp } = services
  const folder = destinationFolder(services, settings.folderId)
  let document: GasDocument
  if (settings.templateId !== undefined) {
    const template = openTemplate(documentApp, settings.templateId)
    const block = questionBlock(template.getBody(), documentApp)
    checkPlaceholders(template, documentApp, block)
    const copy = driveApp.getFileById(settings.templateId).makeCopy(prepared.fileName, folder)
    document = documentApp.openById(copy.getId())
    fillTemplate(document, documentApp, prepared.letter)
  } else {
    document = documentApp.create(prepared.fileName)
    layOut(document.getBody(), documentApp, prepared.letter)
    driveApp.getFileById(document.getId()).moveTo(folder)
  }
  const letter = { name: document.getName(), url: document.getUrl(), folderName: folder.getName() }
  document.saveAndClose()
  return letter
}

/** The folder 参数 names, else the spreadsheet's own folder, else My Drive. */
export function destinationFolder(
  services: LetterDocumentServices,
  folderId: string | undefined,
): GasDriveFolder {
  const { driveApp } = services
  if (folderId !== undefined) {
    try {
      return driveApp.getFolderById(folderId)
    } catch {
      throw new LetterRefusedError(
        '无法打开参数“答复单文件夹”中的云端硬盘文件夹：请确认链接正确、该文件夹没有被删除，并且您有编辑权限；留空则存放在本表格所在的文件夹',
      )
    }
  }
  try {
    const parents = driveApp.getFileById(services.spreadsheetId).getParents()
    if (parents.hasNext()) return parents.next()
  } catch {
    // A spreadsheet shared with the user may sit in a folder the user cannot see: My Drive instead.
  }
  return driveApp.getRootFolder()
}

function openTemplate(documentApp: GasDocumentApp, templateId: string): GasDocument {
  try {
    return documentApp.openById(templateId)
  } catch {
    throw new LetterRefusedError(
      '无法打开参数“答复单模板文档”中的 Google 文档：请确认链接正确、文档没有被删除，并且您至少有查看权限；留空则使用内置格式',
    )
  }
}

/**
 * Where the question block is among the body's children. Positions, not element objects: Apps Script
 * hands out a new wrapper object on every getChild(), so objects cannot be compared.
 */
interface QuestionBlock {
  /** Index of the {#问题列表} paragraph. */
  readonly start: number
  /** Index of the {/问题列表} paragraph. */
  readonly end: number
  /** The paragraphs repeated for each question. */
  readonly elements: readonly GasDocElement[]
}

/** The block between the paragraphs {#问题列表} and {/问题列表} of the body. */
function questionBlock(body: GasBody, documentApp: GasDocumentApp): QuestionBlock {
  const { ElementType } = documentApp
  const children = Array.from({ length: body.getNumChildren() }, (_, index) => body.getChild(index))
  const markerAt = (marker: string): number[] =>
    children.flatMap((child, index) => (textOf(child, documentApp)?.trim() === marker ? [index] : []))
  const starts = markerAt(START_MARKER)
  const ends = markerAt(END_MARKER)
  const [start] = starts
  const [end] = ends
  if (
    starts.length !== 1 ||
    ends.length !== 1 ||
    start === undefined ||
    end === undefined ||
    end <= start + 1
  ) {
    throw templateProblem(
      `问题块须由单独成段的 ${START_MARKER} 开始、单独成段的 ${END_MARKER} 结束，中间是每个问题重复的段落（例如“问题{序号}：{问题}”和“答复：{答复}”），且只能有一个问题块`,
    )
  }
  const elements = children.slice(start + 1, end)
  for (const element of elements) {
    const type = element.getType()
    if (type !== ElementType.PARAGRAPH && type !== ElementType.LIST_ITEM) {
      throw templateProblem(
        `问题块（${START_MARKER} 与 ${END_MARKER} 之间）只能是段落或列表项，不能有表格、图片等`,
      )
    }
  }
  return { start, end, elements }
}

/** Every placeholder must be one the letter fills; question fields only inside the block. */
function checkPlaceholders(document: GasDocument, documentApp: GasDocumentApp, block: QuestionBlock): void {
  const outside = new Set(Object.keys(LETTER_FIELDS))
  const problems: string[] = []
  for (const paragraph of paragraphsOf(document, documentApp, block)) {
    for (const tag of unknownPlaceholders(paragraph.getText(), outside)) {
      const name = tag.slice(1, -1)
      problems.push(
        KNOWN_PLACEHOLDERS.has(name) ? `${tag}（只能用在问题块内）` : `${tag}（不是答复单认识的占位符）`,
      )
    }
    for (const match of paragraph.getText().matchAll(PLACEHOLDER)) {
      if (match[1] !== '') problems.push(`${match[0]}（问题块的标记须单独成段）`)
    }
  }
  for (const element of block.elements) {
    for (const tag of unknownPlaceholders(textOf(element, documentApp) ?? '', KNOWN_PLACEHOLDERS)) {
      problems.push(`${tag}（不是答复单认识的占位符）`)
    }
  }
  if (problems.length > 0) {
    throw templateProblem(
      `有无法填写的占位符：${[...new Set(problems)].join('、')}。可用的占位符：${[...Object.keys(LETTER_FIELDS), ...Object.keys(QUESTION_FIELDS).map((name) => `${name}（问题块内）`)].join('、')}`,
    )
  }
}

function templateProblem(message: string): LetterRefusedError {
  return new LetterRefusedError(
    `答复单模板文档不能使用：${message}。请修改模板文档，或清空参数“答复单模板文档”改用内置格式。`,
  )
}

function fillTemplate(document: GasDocument, documentApp: GasDocumentApp, letter: ReplyLetter): void {
  const body = document.getBody()
  const block = questionBlock(body, documentApp)
  for (const paragraph of paragraphsOf(document, documentApp, block)) fillParagraph(paragraph, letter.fields)
  let index = block.end + 1
  for (const question of letter.questions) {
    const values = { ...letter.fields, ...question.fields }
    for (const element of block.elements) {
      const listItem = element.getType() === documentApp.ElementType.LIST_ITEM
      const inserted = listItem
        ? body.insertListItem(index, element.asListItem().copy())
        : body.insertParagraph(index, element.asParagraph().copy())
      // A multi-line 答复 in a paragraph: a paragraph per line, each with the paragraph's first-line
      // indent (after a line break the indent would be lost). A list item keeps its line breaks,
      // which line up under its text.
      fillParagraph(inserted, values, listItem ? LINE_BREAK : PARAGRAPH_BREAK)
      index += listItem ? 1 : splitAtBreaks(body, index, inserted)
    }
  }
  // The template's block goes; the copies after it move up.
  for (let index = block.start; index <= block.end; index++) body.removeChild(body.getChild(block.start))
}

/**
 * Replaces the paragraph's placeholders, last first so that earlier offsets hold. The value goes in
 * after the placeholder's first character and that character then goes, so the value keeps the
 * placeholder's formatting (a bold {客户名称} gives a bold name).
 */
export function fillParagraph(
  paragraph: GasParagraph,
  values: Readonly<Record<string, string>>,
  lineBreak = LINE_BREAK,
): void {
  const text = paragraph.editAsText()
  const matches = [...text.getText().matchAll(PLACEHOLDER)].filter(
    (match) => match[1] === '' && Object.hasOwn(values, match[2] ?? ''),
  )
  for (const match of matches.reverse()) {
    const start = match.index ?? 0
    const end = start + match[0].length - 1
    const value = (values[match[2] ?? ''] ?? '').replaceAll(PARAGRAPH_BREAK, '').replace(/\n/g, lineBreak)
    if (value === '') {
      text.deleteText(start, end)
      continue
    }
    text.insertText(start + 1, value)
    text.deleteText(start + 1 + value.length, end + value.length)
    text.deleteText(start, start)
  }
}

/** A line break inside a paragraph is \r in Google Docs (\n would start a new paragraph). */
const LINE_BREAK = '\r'
/**
 * Where a value's line break splits its paragraph (splitAtBreaks): a private-use character, which
 * no answer holds (it is taken out of values), so that a line break of the template itself stays.
 */
const PARAGRAPH_BREAK = '\uE000'

/**
 * Splits the paragraph at `index` of the body at each PARAGRAPH_BREAK into paragraphs of its own,
 * each a copy (its attributes, its first-line indent, the formatting of its text); says how many
 * paragraphs it is now.
 */
function splitAtBreaks(body: GasBody, index: number, paragraph: GasParagraph): number {
  let current = paragraph
  let count = 1
  for (;;) {
    const text = current.getText()
    const at = text.indexOf(PARAGRAPH_BREAK)
    if (at < 0) return count
    const rest = body.insertParagraph(index + count, current.copy())
    current.editAsText().deleteText(at, text.length - 1)
    rest.editAsText().deleteText(0, at)
    current = rest
    count += 1
  }
}

/** The paragraphs of the body, header and footer, tables included, except those of the question block. */
function paragraphsOf(
  document: GasDocument,
  documentApp: GasDocumentApp,
  block: QuestionBlock,
): GasParagraph[] {
  const { ElementType } = documentApp
  const found: GasParagraph[] = []
  const walk = (container: GasContainer, isBody: boolean): void => {
    for (let index = 0; index < container.getNumChildren(); index++) {
      if (isBody && index >= block.start && index <= block.end) continue
      const child = container.getChild(index)
      const type = child.getType()
      if (type === ElementType.PARAGRAPH) found.push(child.asParagraph())
      else if (type === ElementType.LIST_ITEM) found.push(child.asListItem())
      else if (type === ElementType.TABLE) walk(child.asTable(), false)
      else if (type === ElementType.TABLE_ROW) walk(child.asTableRow(), false)
      else if (type === ElementType.TABLE_CELL) walk(child.asTableCell(), false)
    }
  }
  walk(document.getBody(), true)
  for (const section of [document.getHeader(), document.getFooter()]) if (section) walk(section, false)
  return found
}

function textOf(element: GasDocElement, documentApp: GasDocumentApp): string | undefined {
  const type = element.getType()
  if (type === documentApp.ElementType.PARAGRAPH) return element.asParagraph().getText()
  if (type === documentApp.ElementType.LIST_ITEM) return element.asListItem().getText()
  return undefined
}

/** The built-in layout: the seed's 附录4 as a plain letter, one paragraph per line. */
function layOut(body: GasBody, documentApp: GasDocumentApp, letter: ReplyLetter): void {
  const layout = plainLayout(body, documentApp)
  layout.title(letter.title)
  layout.add(letter.salutation)
  layout.add(letter.opening, { indent: true })
  for (const question of letter.questions) {
    for (const line of question.lines) for (const part of line.split('\n')) layout.add(part, { indent: true })
  }
  for (const line of letter.closing) layout.add(line, { indent: true })
  layout.add('')
  if (letter.signature !== '') layout.add(letter.signature, { align: 'RIGHT' })
  layout.add(letter.date, { align: 'RIGHT' })
  layout.finish()
}

export interface PlainLayout {
  /** Centred, bold, 16 pt (三号), a line of space after. */
  title(text: string): void
  /** 12 pt (小四), 1.5 lines; `indent` is the two-character first-line indent of Chinese prose. */
  add(text: string, options?: { readonly indent?: boolean; readonly align?: 'LEFT' | 'RIGHT' }): void
  /** Removes the empty paragraph a new document starts with, once the text is in. */
  finish(): void
}

/** A new document's body written paragraph by paragraph, on the pages of a Chinese official letter. */
export function plainLayout(body: GasBody, documentApp: GasDocumentApp): PlainLayout {
  const { HorizontalAlignment } = documentApp
  body
    .setMarginTop(MARGIN_VERTICAL)
    .setMarginBottom(MARGIN_VERTICAL)
    .setMarginLeft(MARGIN_HORIZONTAL)
    .setMarginRight(MARGIN_HORIZONTAL)
  const placeholder = body.getChild(0)
  const add = (text: string, indent: boolean, alignment: unknown): GasParagraph => {
    const paragraph = body.appendParagraph(text)
    paragraph
      .setAlignment(alignment)
      .setIndentFirstLine(indent ? INDENT_POINTS : 0)
      .setLineSpacing(1.5)
    paragraph.editAsText().setFontSize(BODY_POINTS).setBold(false)
    return paragraph
  }
  return {
    title(text) {
      const title = add(text, false, HorizontalAlignment.CENTER).setSpacingAfter(BODY_POINTS)
      title.editAsText().setFontSize(TITLE_POINTS).setBold(true)
    },
    add(text, options = {}) {
      add(
        text,
        options.indent ?? false,
        options.align === 'RIGHT' ? HorizontalAlignment.RIGHT : HorizontalAlignment.LEFT,
      )
    },
    finish() {
      body.removeChild(placeholder)
    },
  }
}
