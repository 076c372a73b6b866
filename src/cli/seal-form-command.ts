/**
 * `taizhang seal-form <book.xlsx> --review <申请编号>` (SPEC §5): the 《封样件评审表》 of one review as
 * a .docx next to the workbook (or in --out). The workbook is only read. A form is never
 * overwritten: when the file exists, the command says so and writes nothing.
 */
import * as path from 'node:path'
import { LetterRefusedError } from '../app/reply-letter'
import { prepareSealForm } from '../app/seal-form'
import { dateInTimeZone, type IsoDate } from '../core/dates'
import { readLetterTemplate } from '../hosts/xlsx/docx-letter'
import { renderSealFormDocx, SEAL_FORM_KIND } from '../hosts/xlsx/docx-seal-form'
import { openWorkbookFile } from '../hosts/xlsx/workbook-file'
import { exists, makeDirectory, writeNewFile } from './letter-command'

export interface SealFormOptions {
  readonly review: string
  readonly out?: string
  readonly template: string
  readonly today?: IsoDate
}

export interface SealFormCommandIo {
  readonly line: (text: string) => void
  readonly progress: (text: string) => void
  readonly now: () => Date
}

export async function runSealFormCommand(
  target: string,
  options: SealFormOptions,
  io: SealFormCommandIo,
): Promise<void> {
  const outDirectory = path.resolve(options.out ?? path.dirname(target))
  const template = await readLetterTemplate(options.template, SEAL_FORM_KIND)
  io.progress(`正在读取 ${target} …`)
  const workbook = await openWorkbookFile(target)
  const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
  const prepared = prepareSealForm(workbook, { id: options.review }, today)
  const bytes = renderSealFormDocx(template, options.template, prepared.form)
  await makeDirectory(outDirectory, SEAL_FORM_KIND)
  const file = path.join(outDirectory, `${prepared.fileName}.docx`)
  const taken = `封样评审 ${prepared.review.id} 的评审表：文件“${file}”已经存在，本次未生成，以免覆盖；如需重新生成，请先移走或改名该文件`
  if (await exists(file)) throw new LetterRefusedError(taken)
  await writeNewFile(file, bytes, taken, SEAL_FORM_KIND)
  const { fields } = prepared.form
  io.line(
    [
      `已生成封样评审表：${file}`,
      `封样评审 ${prepared.review.id}（“${prepared.review.partName || prepared.review.partNumber}”，第 ${prepared.review.row} 行），评审时间 ${fields.评审时间 || '未填写'}，结论 ${fields.结论}`,
    ].join('\n'),
  )
}
