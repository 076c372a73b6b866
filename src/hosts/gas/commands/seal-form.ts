/**
 * 生成封样评审表 for the review row selected in 封样评审: the 《封样件评审表》 as a Google Doc
 * (docs-seal-form.ts). Nothing is written into the spreadsheet.
 */
import { prepareSealForm } from '../../../app/seal-form'
import { TEMPLATES } from '../../../app/tabs'
import { writeSealFormDocument } from '../docs-seal-form'
import { MENU_TITLE } from '../menu'
import { alert, askingCommand, TOAST_SECONDS } from '../menu-command'
import { type GasServices, openWorkbook, todayIn } from '../services'
import { selectedRow } from './reply-letter'

export const generateSealForm = askingCommand('生成封样评审表', askReview, writeForm)

function askReview(services: GasServices, title: string): number | undefined {
  const selected = selectedRow(services, {
    sheet: TEMPLATES.sealReviews.name,
    record: '封样评审记录',
    wanted: '要生成评审表的那条封样评审记录',
    command: '生成封样评审表',
  })
  if (typeof selected !== 'number') {
    alert(services, title, selected.problem)
    return undefined
  }
  // A refusal (a bad cell in the row) is told before the lock is taken.
  const workbook = openWorkbook(services)
  prepareSealForm(workbook, { row: selected }, todayIn(services, workbook))
  return selected
}

function writeForm(services: GasServices, row: number): string {
  const workbook = openWorkbook(services)
  const prepared = prepareSealForm(workbook, { row }, todayIn(services, workbook))
  const spreadsheet = services.spreadsheet()
  spreadsheet.toast(`正在生成封样评审表“${prepared.fileName}”…`, MENU_TITLE, TOAST_SECONDS)
  const document = writeSealFormDocument(
    {
      documentApp: services.documentApp(),
      driveApp: services.driveApp(),
      spreadsheetId: spreadsheet.getId(),
    },
    prepared,
  )
  return [
    `已生成封样评审表“${document.name}”，保存在云端硬盘文件夹“${document.folderName}”：`,
    document.url,
    '',
    `封样评审 ${prepared.review.id}（“${TEMPLATES.sealReviews.name}”第 ${prepared.review.row} 行）。请打印后由研发和品管签字（封样件管理规定 5.2.5）。`,
  ].join('\n')
}
