/**
 * 生成封样评审表 in Google Sheets: the 《封样件评审表》 as a Google Doc in the spreadsheet's folder, in
 * the built-in layout made from SEAL_FORM_LAYOUT (the local tool's default Word template says the
 * same). Each paragraph is appended as text: a `{结论}` typed into a cell stays `{结论}`.
 */
import type { PreparedSealForm } from '../../app/seal-form'
import { SEAL_FORM_LAYOUT, sealFormParagraphs } from '../../ledgers/seal-reviews/seal-form'
import {
  destinationFolder,
  type LetterDocument,
  type LetterDocumentServices,
  plainLayout,
} from './docs-letter'

export function writeSealFormDocument(
  services: LetterDocumentServices,
  prepared: PreparedSealForm,
): LetterDocument {
  const { documentApp, driveApp } = services
  const folder = destinationFolder(services, undefined)
  const document = documentApp.create(prepared.fileName)
  const layout = plainLayout(document.getBody(), documentApp)
  const [title = '', ...lines] = sealFormParagraphs(prepared.form)
  const signatures = lines.splice(lines.length - SEAL_FORM_LAYOUT.signatures.length)
  layout.title(title)
  // A line break inside a cell (问题点) is a paragraph of its own, as in the reply letter.
  for (const line of lines) for (const part of line.split('\n')) layout.add(part)
  layout.add('')
  for (const line of signatures) layout.add(line, { align: 'RIGHT' })
  layout.finish()
  driveApp.getFileById(document.getId()).moveTo(folder)
  const written = { name: document.getName(), url: document.getUrl(), folderName: folder.getName() }
  document.saveAndClose()
  return written
}
