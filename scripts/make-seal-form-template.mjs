#!/usr/bin/env node
/**
 * Writes src/ledgers/seal-reviews/seal-form.docx, the default Word template of `taizhang seal-form`:
 * the 《封样件评审表》 (封样件管理规定 5.2.5) with placeholders that docxtemplater fills. Its wording
 * comes from SEAL_FORM_LAYOUT in src/ledgers/seal-reviews/seal-form.ts; the OOXML is
 * scripts/docx-template.mjs. Users may edit the template in Word or WPS.
 *
 *   node scripts/make-seal-form-template.mjs [--out FILE]
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { paragraph, ROOT, sourceModule, writeTemplate } from './docx-template.mjs'

const { values: args } = parseArgs({ options: { out: { type: 'string' } } })
const OUT = path.resolve(ROOT, args.out ?? 'src/ledgers/seal-reviews/seal-form.docx')

const { SEAL_FORM_LAYOUT, EVIDENCE_LOOP } = await sourceModule('src/ledgers/seal-reviews/seal-form.ts')

const body = [
  paragraph(SEAL_FORM_LAYOUT.title, { align: 'center', title: true, spaceAfter: 240 }),
  ...SEAL_FORM_LAYOUT.part.map((line) => paragraph(line)),
  ...SEAL_FORM_LAYOUT.dates.map((line) => paragraph(line)),
  paragraph(SEAL_FORM_LAYOUT.evidenceHeading),
  // The evidence block: the marker paragraphs disappear, the line between repeats per report.
  paragraph(`{#${EVIDENCE_LOOP}}`),
  paragraph(SEAL_FORM_LAYOUT.evidence, { indent: true }),
  paragraph(`{/${EVIDENCE_LOOP}}`),
  ...SEAL_FORM_LAYOUT.outcome.map((line) => paragraph(line)),
  paragraph(''),
  ...SEAL_FORM_LAYOUT.signatures.map((line) => paragraph(line, { align: 'right' })),
].join('')

await writeTemplate(OUT, body, {
  title: '封样件评审表（模板）',
  description:
    '封样件管理规定 5.2.5。花括号中的占位符由 taizhang seal-form 填写，可用的占位符见 README“封样评审表”一节。',
})
