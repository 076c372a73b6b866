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
  return findUpwards(DEFAULT_TEMPLATE_PATH)
}

/** A file shipped in src/, found upwards from this module (src/hosts/xlsx/ or build/). */
export function findUpwards(relative: string): string {
  let directory = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(directory, relative)
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(directory)
    if (parent === directory) throw new Error(`${relative} not found`)
    directory = parent
  }
}

export async function readLetterTemplate(file: string, kind = '答复单'): Promise<Buffer> {
  try {
    return await fs.readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new LetterTemplateError(
      file,
      code === 'ENOENT'
        ? `找不到${kind}模板“${file}”，请检查路径`
        : code === 'EISDIR'
          ? `“${file}”是一个文件夹，请指定 .docx 模板文件`
          : `无法读取${kind}模板“${file}”（${code ?? String(error)}）`,
    )
  }
}

/** What a Word template holds: its placeholders, and the block that repeats once per item. */
export interface DocxTemplateSpec {
  /** 答复单, 封样评审表: how messages name the document. */
  readonly kind: string
  /** The repeated block's name ({#问题列表}…{/问题列表}) and how messages call it (问题块). */
  readonly loop: string
  readonly loopName: string
  readonly fields: readonly string[]
  readonly loopFields: readonly string[]
}

const LETTER_TEMPLATE: DocxTemplateSpec = {
  kind: '答复单',
  loop: QUESTION_LOOP,
  loopName: '问题块',
  fields: Object.keys(LETTER_FIELDS),
  loopFields: Object.keys(QUESTION_FIELDS),
}

/** The filled letter as .docx bytes. */
export function renderLetterDocx(template: Buffer, templateFile: string, letter: ReplyLetter): Buffer {
  return renderDocx(template, templateFile, LETTER_TEMPLATE, {
    ...letter.fields,
    [QUESTION_LOOP]: letter.questions.map((question) => question.fields),
  })
}

/** A Word template filled with text values, each printed as it is (never read as a placeholder). */
export function renderDocx(
  template: Buffer,
  templateFile: string,
  spec: DocxTemplateSpec,
  data: Readonly<Record<string, string | readonly Readonly<Record<string, string>>[]>>,
): Buffer {
  let zip: PizZip
  try {
    zip = new PizZip(template)
  } catch {
    throw new LetterTemplateError(
      templateFile,
      `${spec.kind}模板“${templateFile}”不是 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx 后再用`,
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
    throw new LetterTemplateError(
      templateFile,
      `${spec.kind}模板“${templateFile}”有错：${templateErrors(error, spec)}`,
    )
  }
  try {
    document.render(data)
  } catch (error) {
    throw new LetterTemplateError(
      templateFile,
      `${spec.kind}模板“${templateFile}”有错：${templateErrors(error, spec)}`,
    )
  }
  if (unknown.size > 0) {
    const inLoop = new Set(spec.loopFields)
    const described = [...unknown].map((tag) => {
      const name = tag.replace(/^\{#?|\}$/g, '')
      return inLoop.has(name) ? `${tag}（只能用在${spec.loopName} {#${spec.loop}}…{/${spec.loop}} 内）` : tag
    })
    throw new LetterTemplateError(
      templateFile,
      `${spec.kind}模板“${templateFile}”中有无法填写的占位符：${described.join('、')}。可用的占位符：${availablePlaceholders(spec)}`,
    )
  }
  return document.toBuffer({ compression: 'DEFLATE' })
}

export function availablePlaceholders(spec: DocxTemplateSpec = LETTER_TEMPLATE): string {
  const fields = spec.fields.map((name) => `{${name}}`)
  const inBlock = spec.loopFields.map((name) => `{${name}}`)
  return `${fields.join(' ')}；${spec.loopName} {#${spec.loop}}…{/${spec.loop}} 内：${inBlock.join(' ')}`
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
function templateErrors(error: unknown, spec: DocxTemplateSpec): string {
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
          return `${spec.loopName}的开始和结束标记不配对`
        default:
          return item.properties?.explanation ?? item.message ?? String(error)
      }
    })
    .join('；')
}
