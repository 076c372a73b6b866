/**
 * The reply letter to a visited customer (重要客户管理规定 3.5, 附录4 客户意见答复单), as a pure model
 * that both hosts render: the local tool into a Word template (.docx), Google Sheets into a Google
 * Doc (a copy of a template, or the built-in layout built from `LETTER_LAYOUT`).
 *
 * The wording is the seed's template with its blanks filled: 尊敬的____ → the customer's name,
 * ____年__月__日 (the visit) → 2025年9月26日, one 问题n/答复 pair per question in order, and the
 * letter's date at the end. Choices where the template leaves one open:
 * - 您(你们): the template offers both; the letter says 您 throughout.
 * - The template's footnote (注：客户走访结束后，公司应在5个工作日内……) instructs the company, not
 *   the customer: it is not printed; the daily check enforces the deadline instead.
 * - Questions are numbered 1, 2, 3 … in letter order (the 序号 column, then the row), so a gap in
 *   序号 never shows in a letter to a customer.
 * - The template has no sender line; the optional text parameter 答复单落款 (e.g. the company name)
 *   adds one above the date.
 * 客户信息保密管理制度: the only customer information a letter carries is the customer's name.
 */
import { formatChineseDate, type IsoDate } from '../../core/dates'

export const LETTER_TITLE = '客户意见答复单'

/** The repeated block of a template: one copy per question, in order. */
export const QUESTION_LOOP = '问题列表'

/** The placeholders a letter template may use, with what they become; `{#问题列表}…{/问题列表}` repeats. */
export const LETTER_FIELDS = {
  标题: '客户意见答复单（重新生成的答复单标题不变，第2版只写在文件名和操作日志里）',
  客户名称: '客户名称（客户走访记录，空白时取客户档案）',
  走访日期: '走访日期，写作 2025年9月26日',
  走访编号: '走访编号',
  答复日期: '答复单的日期，写作 2026年3月5日',
  落款: '参数“答复单落款”，未填写时为空',
} as const

/** The placeholders inside the question block. */
export const QUESTION_FIELDS = {
  序号: '问题在答复单中的序号：1、2、3…',
  问题: '客户提出的问题（意见与答复）',
  答复: '公司的答复（意见与答复）',
} as const

export type LetterField = keyof typeof LETTER_FIELDS
export type QuestionField = keyof typeof QUESTION_FIELDS

/**
 * The letter's paragraphs, in order, as templates over the fields above: the default Word template
 * (scripts/make-letter-template.mjs) and the built-in Google Docs layout are both made from it.
 */
export const LETTER_LAYOUT = {
  title: '{标题}',
  salutation: '尊敬的{客户名称}：',
  opening:
    '为提高服务质量和水平，我公司于{走访日期}进行了客户走访，得到了您的热情相助，感谢您对我们工作的支持和配合，对您提出的问题和建议我们进行了认真的商议，现将意见汇总并答复如下：',
  question: ['问题{序号}：{问题}', '答复：{答复}'],
  closing: [
    '“有帮助才会有提高，有鞭策才会有进步”，衷心希望大家在今后的工作中继续提出宝贵意见和建议。',
    '谢谢！',
  ],
  signature: '{落款}',
  date: '{答复日期}',
} as const

export interface ReplyLetterInput {
  readonly visitId: string
  readonly customerName: string
  readonly visitDate: IsoDate
  readonly letterDate: IsoDate
  /** 1 for the first letter of a visit; 2, 3 … for the letters that replace it. */
  readonly revision: number
  /** 答复单落款, '' for none. */
  readonly signature: string
  /** In letter order; every answer filled in. */
  readonly questions: readonly { readonly question: string; readonly answer: string }[]
}

export interface LetterQuestion {
  readonly number: number
  readonly question: string
  readonly answer: string
  readonly fields: Readonly<Record<QuestionField, string>>
  /** LETTER_LAYOUT.question filled in. */
  readonly lines: readonly string[]
}

export interface ReplyLetter {
  readonly visitId: string
  readonly revision: number
  readonly title: string
  readonly salutation: string
  readonly opening: string
  readonly questions: readonly LetterQuestion[]
  readonly closing: readonly string[]
  /** '' when there is no sender line. */
  readonly signature: string
  readonly date: string
  readonly letterDate: IsoDate
  /** The values of LETTER_FIELDS, for templates. */
  readonly fields: Readonly<Record<LetterField, string>>
}

export function buildReplyLetter(input: ReplyLetterInput): ReplyLetter {
  if (!Number.isInteger(input.revision) || input.revision < 1) {
    throw new RangeError(`revision must be a positive integer: ${input.revision}`)
  }
  const fields: Record<LetterField, string> = {
    // The customer reads the letter; which version of it we sent is ours to know (file name, 操作日志).
    标题: LETTER_TITLE,
    客户名称: letterText(input.customerName),
    走访日期: formatChineseDate(input.visitDate),
    走访编号: letterText(input.visitId),
    答复日期: formatChineseDate(input.letterDate),
    落款: letterText(input.signature),
  }
  const questions = input.questions.map((item, index): LetterQuestion => {
    const questionFields: Record<QuestionField, string> = {
      序号: String(index + 1),
      问题: letterText(item.question),
      答复: letterText(item.answer),
    }
    const all = { ...fields, ...questionFields }
    return {
      number: index + 1,
      question: questionFields.问题,
      answer: questionFields.答复,
      fields: questionFields,
      lines: LETTER_LAYOUT.question.map((line) => fillPlaceholders(line, all)),
    }
  })
  return {
    visitId: input.visitId,
    revision: input.revision,
    title: fields.标题,
    salutation: fillPlaceholders(LETTER_LAYOUT.salutation, fields),
    opening: fillPlaceholders(LETTER_LAYOUT.opening, fields),
    questions,
    closing: LETTER_LAYOUT.closing.map((line) => fillPlaceholders(line, fields)),
    signature: fields.落款,
    date: fields.答复日期,
    letterDate: input.letterDate,
    fields,
  }
}

/** The letter's text, paragraph by paragraph, as a reader sees it (blank sender line left out). */
export function letterParagraphs(letter: ReplyLetter): string[] {
  return [
    letter.title,
    letter.salutation,
    letter.opening,
    ...letter.questions.flatMap((question) => question.lines),
    ...letter.closing,
    ...(letter.signature === '' ? [] : [letter.signature]),
    letter.date,
  ]
}

/** A placeholder: `{客户名称}`, or a block marker `{#问题列表}` / `{/问题列表}`. */
export const PLACEHOLDER = /\{([#/]?)([^{}\s]{1,20})\}/g

/**
 * Fills `{name}` placeholders in one pass: text a value brings in (a customer who typed
 * `{客户名称}` into an answer) is never read as a placeholder again. Unknown names are kept as they
 * are; `unknownPlaceholders` finds them.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, marker: string, name: string) =>
    marker === '' && Object.hasOwn(values, name) ? (values[name] ?? '') : whole,
  )
}

/** The placeholders of a template text that `known` does not name, e.g. ['{联系人}']. */
export function unknownPlaceholders(template: string, known: ReadonlySet<string>): string[] {
  const unknown: string[] = []
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [whole, marker, name = ''] = match
    if (marker === '' && !known.has(name)) unknown.push(whole)
  }
  return unknown
}

/** Every placeholder a letter template may use, block markers aside. */
export const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set([
  ...Object.keys(LETTER_FIELDS),
  ...Object.keys(QUESTION_FIELDS),
])

/**
 * A cell's text as a letter prints it: Windows line ends become \n, and control characters that no
 * document format can hold (Excel lets a pasted one through) are dropped. Tabs and line breaks stay.
 */
export function letterText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
}

/** A letter's file name, its extension (.docx, 5 bytes) included, stays within this many UTF-8 bytes. */
export const LETTER_NAME_MAX_BYTES = 200
/** Characters of the visit id kept in a file name. */
const LETTER_ID_MAX_CHARACTERS = 60
const EXTENSION_BYTES = 5

/**
 * The letter's file name without extension: 客户意见答复单-ZF-2026-001, then -第2版 for a revision.
 * The visit id is the user's text: characters no file system accepts (/ \ : * ? " < > |) become _,
 * and a long id is cut to 60 characters and to LETTER_NAME_MAX_BYTES for the whole name. An id so
 * changed gets `-<8 hex of a hash of the whole id>`, so that ids such as a/b and a_b, or two ids
 * sharing their first 60 characters, never share a letter file.
 */
export function letterFileName(visitId: string, revision: number): string {
  return letterFileNameOf(visitId, revision).name
}

/** Why the letter's file name does not show the visit id as it is, or undefined when it does. */
export function letterFileNameNote(visitId: string): string | undefined {
  const { name, altered } = letterFileNameOf(visitId, 1)
  if (!altered) return undefined
  return `走访编号“${visitId}”含有文件名不能使用的字符，或太长（文件名不超过 ${LETTER_NAME_MAX_BYTES} 字节），答复单的文件名改为“${name}”，末尾的 ${name.slice(-8)} 用来区分不同的走访`
}

/** The same file name for another document (封样件评审表-FY-001): its title, then the record's id. */
export function documentFileName(title: string, id: string): string {
  return letterFileNameOf(id, 1, title).name
}

function letterFileNameOf(
  visitId: string,
  revision: number,
  title = LETTER_TITLE,
): { name: string; altered: boolean } {
  const safeId = letterText(visitId)
    .replace(/[\\/:*?"<>|\n\t]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  const prefix = `${title}-`
  const suffix = revision > 1 ? `-第${revision}版` : ''
  const plain = Array.from(safeId).slice(0, LETTER_ID_MAX_CHARACTERS).join('')
  const fits = utf8Length(prefix + plain + suffix) + EXTENSION_BYTES <= LETTER_NAME_MAX_BYTES
  if (plain !== '' && plain === visitId && fits) return { name: prefix + plain + suffix, altered: false }
  const hash = `-${fnv1a(visitId)}`
  const budget = LETTER_NAME_MAX_BYTES - EXTENSION_BYTES - utf8Length(prefix + hash + suffix)
  let id = ''
  for (const character of plain) {
    if (utf8Length(id + character) > budget) break
    id += character
  }
  return { name: `${prefix}${id || '未命名走访'}${hash}${suffix}`, altered: true }
}

function utf8Length(text: string): number {
  let bytes = 0
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

/** FNV-1a (32 bits) of the text's UTF-16 code units, as 8 hex digits: the same in both hosts. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/** The revision of a letter from its recorded name or link: 第3版 → 3; any other letter counts as 1. */
export function revisionOf(recorded: string): number {
  const match = /第(\d{1,4})版/.exec(recorded)
  return match ? Number(match[1]) : 1
}
