#!/usr/bin/env node
/**
 * Writes src/ledgers/visits/reply-letter.docx, the default Word template of `taizhang letter`: the
 * seed's 附录4 客户意见答复单 with placeholders that docxtemplater fills. Its wording comes from
 * LETTER_LAYOUT in src/ledgers/visits/reply-letter.ts (bundled here with esbuild), so the Word template and
 * the built-in Google Docs layout cannot drift apart. The OOXML is scripts/docx-template.mjs.
 *
 *   node scripts/make-letter-template.mjs [--out FILE]
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { paragraph, ROOT, sourceModule, writeTemplate } from './docx-template.mjs'

const { values: args } = parseArgs({ options: { out: { type: 'string' } } })
const OUT = path.resolve(ROOT, args.out ?? 'src/ledgers/visits/reply-letter.docx')

const { LETTER_LAYOUT, QUESTION_LOOP } = await sourceModule('src/ledgers/visits/reply-letter.ts')

const body = [
  paragraph(LETTER_LAYOUT.title, { align: 'center', title: true, spaceAfter: 240 }),
  paragraph(LETTER_LAYOUT.salutation),
  paragraph(LETTER_LAYOUT.opening, { indent: true }),
  // The question block: the marker paragraphs disappear, the lines between repeat per question.
  paragraph(`{#${QUESTION_LOOP}}`),
  ...LETTER_LAYOUT.question.map((line) => paragraph(line, { indent: true })),
  paragraph(`{/${QUESTION_LOOP}}`),
  ...LETTER_LAYOUT.closing.map((line) => paragraph(line, { indent: true })),
  paragraph(''),
  paragraph(LETTER_LAYOUT.signature, { align: 'right' }),
  paragraph(LETTER_LAYOUT.date, { align: 'right' }),
].join('')

await writeTemplate(OUT, body, {
  title: '客户意见答复单（模板）',
  description:
    '重要客户管理规定 附录4。花括号中的占位符由 taizhang letter 填写，可用的占位符见 README“答复单”一节。',
})
