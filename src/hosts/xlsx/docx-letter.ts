/**
 * The reply letter as a Word document (Node only): a .docx template with placeholders, filled by
 * docxtemplater. The default template, src/ledgers/visits/reply-letter.docx, is made by
 * scripts/make-letter-template.mjs; users may edit it in Word or WPS, or give their own (--template).
 *
 * docxtemplater inserts values as text: a `{客户名称}` or `{#问题列表}` typed into an answer is printed
 * as typed, never read as a placeholder, and `<`, `&` and `=HYPERLINK(...)` stay plain text.
 *
 * A value's line breaks (a multi-line 答复) become paragraphs of their own with the paragraph's
 * properties, so that each line keeps the paragraph's indentation: after a <w:br/> the first-line
 * indent of Chinese prose would be lost. In a numbered or bulleted paragraph they stay <w:br/>,
 * which lines up under the item's text.
 */
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import type Docxtemplater from 'docxtemplater'
import type PizZip from 'pizzip'
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
  /** A value's line breaks start paragraphs of their own (see the top of this file), not <w:br/>. */
  readonly paragraphPerLine?: boolean
}

const LETTER_TEMPLATE: DocxTemplateSpec = {
  kind: '答复单',
  loop: QUESTION_LOOP,
  loopName: '问题块',
  fields: Object.keys(LETTER_FIELDS),
  loopFields: Object.keys(QUESTION_FIELDS),
  paragraphPerLine: true,
}

/**
 * docxtemplater and pizzip, loaded when a letter is first made: loading them takes about 60 ms of
 * CPU, which every `check` paid at start for no letter.
 */
function wordLibraries(): { Docxtemplater: typeof Docxtemplater; PizZip: typeof PizZip } {
  const require = createRequire(import.meta.url)
  return {
    Docxtemplater: require('docxtemplater') as typeof Docxtemplater,
    PizZip: require('pizzip') as typeof PizZip,
  }
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
  data: TemplateData,
): Buffer {
  const { Docxtemplater, PizZip } = wordLibraries()
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
    document.render(spec.paragraphPerLine ? withParagraphBreaks(data) : data)
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
  const filled = document.getZip()
  for (const name of Object.keys(filled.files)) {
    if (!/^word\/(document|header\d*|footer\d*)\.xml$/.test(name)) continue
    const xml = filled.file(name)?.asText()
    if (xml?.includes(PARAGRAPH_BREAK)) filled.file(name, splitParagraphs(xml))
  }
  return filled.generate({ type: 'nodebuffer', compression: 'DEFLATE' })
}

/**
 * Where a value's line break goes, until splitParagraphs turns it into paragraphs: a private-use
 * character, taken out of the values first, so that a <w:br/> of the template itself stays.
 */
const PARAGRAPH_BREAK = '\uE000'

type TemplateData = Readonly<Record<string, string | readonly Readonly<Record<string, string>>[]>>

function withParagraphBreaks(data: TemplateData): TemplateData {
  const mark = (value: string): string =>
    value.replaceAll(PARAGRAPH_BREAK, '').replace(/\n/g, PARAGRAPH_BREAK)
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => [
      name,
      typeof value === 'string'
        ? mark(value)
        : value.map((item) =>
            Object.fromEntries(Object.entries(item).map(([key, text]) => [key, mark(text)])),
          ),
    ]),
  )
}

const LINE_BREAK_XML = '</w:t><w:br/><w:t xml:space="preserve">'

/** Each <w:p> holding a PARAGRAPH_BREAK, split there (a paragraph with a nested one is left to it). */
export function splitParagraphs(xml: string): string {
  return xml
    .replace(/<w:p\b[^>]*>(?:(?!<w:p\b)[\s\S])*?<\/w:p>/g, (paragraph) =>
      paragraph.includes(PARAGRAPH_BREAK) ? splitParagraph(paragraph) : paragraph,
    )
    .replaceAll(PARAGRAPH_BREAK, LINE_BREAK_XML)
}

function splitParagraph(paragraph: string): string {
  const open = /^<w:p\b[^>]*>/.exec(paragraph)?.[0] ?? '<w:p>'
  const properties =
    /^<w:pPr\b[^>]*\/>|^<w:pPr\b[^>]*>[\s\S]*?<\/w:pPr>/.exec(paragraph.slice(open.length))?.[0] ?? ''
  // A list item's continuation lines up under its text after a line break; a new paragraph would
  // be numbered again.
  if (properties.includes('<w:numPr')) return paragraph.replaceAll(PARAGRAPH_BREAK, LINE_BREAK_XML)
  // The section's properties belong to its last paragraph only.
  const leading = properties.replace(/<w:sectPr\b[\s\S]*?<\/w:sectPr>|<w:sectPr\b[^>]*\/>/g, '')
  const parts = paragraph.split(PARAGRAPH_BREAK)
  const first = parts[0] ?? ''
  const paragraphs = [`${open}${leading}${first.slice(open.length + properties.length)}`]
  let before = first
  for (const part of parts.slice(1)) {
    // The run and the <w:t> the break is in: the next paragraph goes on with the same formatting.
    const runAt = Math.max(before.lastIndexOf('<w:r>'), before.lastIndexOf('<w:r '))
    const run = runAt < 0 ? '' : before.slice(runAt)
    const runOpen = /^<w:r\b[^>]*>/.exec(run)?.[0] ?? '<w:r>'
    const runProperties = /^<w:rPr\b[^>]*>[\s\S]*?<\/w:rPr>/.exec(run.slice(runOpen.length))?.[0] ?? ''
    paragraphs.push(`${runOpen}${runProperties}<w:t xml:space="preserve">${part}`)
    before += PARAGRAPH_BREAK + part
  }
  // Every paragraph but the last has the properties without the section's; the last has them all.
  const last = paragraphs.length - 1
  return paragraphs
    .map((text, index) => (index === 0 ? text : `${open}${index === last ? properties : leading}${text}`))
    .join('</w:t></w:r></w:p>')
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
