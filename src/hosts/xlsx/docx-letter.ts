/**
 * The reply letter as a Word document (Node only): a .docx template with placeholders, filled by
 * docxtemplater. The default template, src/ledgers/visits/reply-letter.docx, is made by
 * scripts/make-letter-template.mjs; users may edit it in Word or WPS, or give their own (--template).
 *
 * docxtemplater inserts values as text: a `{客户名称}` or `{#问题列表}` typed into an answer is printed
 * as typed, never read as a placeholder, and `<`, `&` and `=HYPERLINK(...)` stay plain text.
 */
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import Docxtemplater from 'docxtemplater'
import PizZip from 'pizzip'
import {
  KNOWN_PLACEHOLDERS,
  LETTER_FIELDS,
  QUESTION_FIELDS,
  QUESTION_LOOP,
  type ReplyLetter,
} from '../../ledgers/visits/reply-letter'

export const DEFAULT_TEMPLATE_NAME = 'reply-letter.docx'
const DEFAULT_TEMPLATE_PATH = path.join('src', 'ledgers', 'visits', DEFAULT_TEMPLATE_NAME)

/** A template that cannot be filled: the CLI names the file and exits 1. */
export class LetterTemplateError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message)
    this.name = 'LetterTemplateError'
  }
}

/** The visits ledger's reply-letter.docx, found upwards from this module (src/hosts/xlsx/ or build/). */
export function defaultTemplatePath(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(directory, DEFAULT_TEMPLATE_PATH)
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(directory)
    if (parent === directory) throw new Error(`${DEFAULT_TEMPLATE_PATH} not found`)
    directory = parent
  }
}

export async function readLetterTemplate(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new LetterTemplateError(
      file,
      code === 'ENOENT'
        ? `找不到答复单模板“${file}”，请检查路径`
        : code === 'EISDIR'
          ? `“${file}”是一个文件夹，请指定 .docx 模板文件`
          : `无法读取答复单模板“${file}”（${code ?? String(error)}）`,
    )
  }
}

/** The filled letter as .docx bytes. */
export function renderLetterDocx(template: Buffer, templateFile: string, letter: ReplyLetter): Buffer {
  let zip: PizZip
  try {
    zip = new PizZip(template)
  } catch {
    throw new LetterTemplateError(
      templateFile,
      `答复单模板“${templateFile}”不是 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx 后再用`,
    )
  }
  const unknown = new Set<string>()
  let document: Docxtemplater
  try {
    document = new Docxtemplater(zip, {
      // {#问题列表} and {/问题列表} on paragraphs of their own repeat whole paragraphs and vanish.
      paragraphLoop: true,
      linebreaks: true,
      stripInvalidXMLChars: true,
      nullGetter(part) {
        unknown.add(part.module === 'loop' ? `{#${part.value}}` : `{${part.value}}`)
        return ''
      },
    })
  } catch (error) {
    throw new LetterTemplateError(templateFile, `答复单模板“${templateFile}”有错：${templateErrors(error)}`)
  }
  const data = {
    ...letter.fields,
    [QUESTION_LOOP]: letter.questions.map((question) => question.fields),
  }
  try {
    document.render(data)
  } catch (error) {
    throw new LetterTemplateError(templateFile, `答复单模板“${templateFile}”有错：${templateErrors(error)}`)
  }
  if (unknown.size > 0) {
    const described = [...unknown].map((tag) => {
      const name = tag.replace(/^\{#?|\}$/g, '')
      return KNOWN_PLACEHOLDERS.has(name)
        ? `${tag}（只能用在问题块 {#${QUESTION_LOOP}}…{/${QUESTION_LOOP}} 内）`
        : tag
    })
    throw new LetterTemplateError(
      templateFile,
      `答复单模板“${templateFile}”中有无法填写的占位符：${described.join('、')}。可用的占位符：${availablePlaceholders()}`,
    )
  }
  return document.toBuffer({ compression: 'DEFLATE' })
}

export function availablePlaceholders(): string {
  const fields = Object.keys(LETTER_FIELDS).map((name) => `{${name}}`)
  const inBlock = Object.keys(QUESTION_FIELDS).map((name) => `{${name}}`)
  return `${fields.join(' ')}；问题块 {#${QUESTION_LOOP}}…{/${QUESTION_LOOP}} 内：${inBlock.join(' ')}`
}

interface TemplateErrorDetail {
  readonly properties?: {
    readonly id?: string
    readonly xtag?: string
    readonly explanation?: string
    readonly errors?: readonly TemplateErrorDetail[]
  }
  readonly message?: string
}

/** docxtemplater's (English) template errors, in Chinese and naming the tag at fault. */
function templateErrors(error: unknown): string {
  const detail = error as TemplateErrorDetail
  const list = detail.properties?.errors ?? [detail]
  return list
    .map((item) => {
      const tag = item.properties?.xtag ?? ''
      switch (item.properties?.id) {
        case 'unopened_tag':
          return `“${tag}”前缺少“{”`
        case 'unclosed_tag':
          return `“${tag}”后缺少“}”`
        case 'duplicate_open_tag':
          return `“${tag}”中有两个“{”`
        case 'duplicate_close_tag':
          return `“${tag}”中有两个“}”`
        case 'unclosed_loop':
          return `{#${tag}} 没有对应的 {/${tag}}`
        case 'unopened_loop':
          return `{/${tag}} 没有对应的 {#${tag}}`
        case 'closing_tag_does_not_match_opening_tag':
        case 'unbalanced_loop_tags':
          return '问题块的开始和结束标记不配对'
        default:
          return item.properties?.explanation ?? item.message ?? String(error)
      }
    })
    .join('；')
}
