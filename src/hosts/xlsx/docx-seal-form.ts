/**
 * The 《封样件评审表》 as a Word document (Node only), filled like the reply letter: the default
 * template src/ledgers/seal-reviews/seal-form.docx (scripts/make-seal-form-template.mjs) or the
 * user's own (--template). Values are inserted as text, never read as placeholders.
 */
import * as path from 'node:path'
import {
  EVIDENCE_FIELDS,
  EVIDENCE_LOOP,
  SEAL_FORM_FIELDS,
  type SealForm,
} from '../../ledgers/seal-reviews/seal-form'
import { type DocxTemplateSpec, findUpwards, renderDocx } from './docx-letter'

export const SEAL_FORM_KIND = '封样评审表'

const SEAL_FORM_TEMPLATE: DocxTemplateSpec = {
  kind: SEAL_FORM_KIND,
  loop: EVIDENCE_LOOP,
  loopName: '资料块',
  fields: Object.keys(SEAL_FORM_FIELDS),
  loopFields: Object.keys(EVIDENCE_FIELDS),
}

export function defaultSealFormTemplatePath(): string {
  return findUpwards(path.join('src', 'ledgers', 'seal-reviews', 'seal-form.docx'))
}

export function renderSealFormDocx(template: Buffer, templateFile: string, form: SealForm): Buffer {
  return renderDocx(template, templateFile, SEAL_FORM_TEMPLATE, {
    ...form.fields,
    [EVIDENCE_LOOP]: form.evidence,
  })
}
