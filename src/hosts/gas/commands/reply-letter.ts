/**
 * 生成答复单 for the visit row selected in 客户走访记录: the letter as a Google Doc (docs-letter.ts),
 * linked in the row's 答复单 cell.
 */

import { prepareReplyLetter, recordReplyLetter } from '../../../app/reply-letter'
import { TEMPLATES } from '../../../app/tabs'
import { writeLetterDocument } from '../docs-letter'
import { MENU_TITLE } from '../menu'
import { alert, askingCommand, TOAST_SECONDS } from '../menu-command'
import { type GasServices, menuActor, openWorkbook, todayIn } from '../services'

export const generateReplyLetter = askingCommand('生成答复单', askVisit, writeLetter)

/** The row to write the letter for, and its 答复单 when the user confirmed (a letter made since is not replaced unasked). */
interface LetterRequest {
  readonly row: number
  readonly previousLetter: string
}

function askVisit(services: GasServices, title: string): LetterRequest | undefined {
  const selected = selectedVisitRow(services)
  if (typeof selected !== 'number') {
    alert(services, title, selected.problem)
    return undefined
  }
  const row = selected
  // Read before taking the lock: a refusal, or the question whether to replace an earlier
  // letter, is a dialog.
  const workbook = openWorkbook(services)
  const prepared = prepareReplyLetter(workbook, { row }, { today: todayIn(services, workbook) })
  const previousLetter = prepared.visit.previousLetter
  if (previousLetter !== '') {
    const ui = services.ui()
    const answer = ui.alert(
      title,
      `走访 ${prepared.visit.id} 已有答复单“${previousLetter}”${prepared.visit.replyDate ? `（答复日期 ${prepared.visit.replyDate}）` : ''}。\n\n重新生成会新建“${prepared.fileName}”（第 ${prepared.letter.revision} 版），原答复单保留不动；“答复单”一栏改为新版本，答复日期不变。\n\n确定要重新生成吗？`,
      ui.ButtonSet.OK_CANCEL,
    )
    if (answer !== ui.Button.OK) return undefined
  }
  return { row, previousLetter }
}

function writeLetter(services: GasServices, { row, previousLetter }: LetterRequest): string {
  const workbook = openWorkbook(services)
  const prepared = prepareReplyLetter(workbook, { row }, { today: todayIn(services, workbook) })
  if (prepared.visit.previousLetter !== previousLetter) {
    return '在您确认期间，这条走访记录的答复单已被更新（可能是其他同事刚刚生成）。请查看“答复单”一栏，需要时再点一次“生成答复单”。'
  }
  const spreadsheet = services.spreadsheet()
  spreadsheet.toast(`正在生成答复单“${prepared.fileName}”…`, MENU_TITLE, TOAST_SECONDS)
  const document = writeLetterDocument(
    {
      documentApp: services.documentApp(),
      driveApp: services.driveApp(),
      spreadsheetId: spreadsheet.getId(),
    },
    prepared,
    {
      templateId: prepared.settings['replyLetter.templateDocId'],
      folderId: prepared.settings['replyLetter.folderId'],
    },
  )
  const recorded = recordReplyLetter(
    workbook,
    prepared,
    { text: document.name, link: document.url },
    { actor: menuActor(services), now: services.now() },
  )
  const lines = [
    `已生成答复单“${document.name}”，保存在云端硬盘文件夹“${document.folderName}”：`,
    document.url,
    '',
    `已在“客户走访记录”第 ${prepared.visit.row} 行的“答复单”一栏写入链接（点击即可打开）；${
      recorded.replyDateWritten
        ? `答复日期记为 ${prepared.letter.letterDate}。`
        : `答复日期保留原值 ${prepared.visit.replyDate}。`
    }`,
  ]
  if (previousLetter !== '')
    lines.push(`原答复单“${previousLetter}”保留未动，请以第 ${prepared.letter.revision} 版为准。`)
  if (prepared.lateNotice) lines.push('', prepared.lateNotice)
  return lines.join('\n')
}

/** The visit row the user selected in 客户走访记录, or what to tell them about the selection. */
export function selectedVisitRow(services: GasServices): number | { problem: string } {
  return selectedRow(services, {
    sheet: TEMPLATES.visits.name,
    record: '走访记录',
    wanted: '要答复的那条走访记录',
    command: '生成答复单',
  })
}

export interface RowSelection {
  readonly sheet: string
  /** What a row is (走访记录), which row to pick (要答复的那条走访记录), and the menu item. */
  readonly record: string
  readonly wanted: string
  readonly command: string
}

/** The one data row the user selected in `sheet`, or what to tell them about the selection. */
export function selectedRow(services: GasServices, selection: RowSelection): number | { problem: string } {
  const { sheet, record, wanted, command } = selection
  const range = services.spreadsheet().getActiveRange()
  if (range === null || range === undefined || range.getSheet().getName() !== sheet) {
    return {
      problem: `请先打开“${sheet}”工作表，点选${wanted}（该行任一单元格），再点击“台账 → ${command}”。`,
    }
  }
  if (range.getNumRows() !== 1) {
    return { problem: `一次只能为一条${record}${command}：请只选中一行，再点击“台账 → ${command}”。` }
  }
  if (range.getRow() < 2) {
    return { problem: `第 1 行是表头。请点选${wanted}所在的行，再点击“台账 → ${command}”。` }
  }
  return range.getRow()
}
