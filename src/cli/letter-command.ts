/**
 * `taizhang letter <book.xlsx> --visit <走访编号>` (SPEC §5): the 客户意见答复单 of one visit as a
 * .docx next to the workbook (or in --out), recorded in the visit's row (答复单, 答复日期) and in
 * 操作日志, the workbook saved atomically under its lock like `check`.
 *
 * A letter is never overwritten. A visit whose 答复单 is already recorded is refused unless --force;
 * then the new letter is 第2版 (第3版 …) in its file name and 操作日志 (the title the customer reads
 * stays 客户意见答复单), the old file stays as it
 * is, 答复单 points to the new one, and stderr and 操作日志 say which letter it replaces.
 */

import { randomBytes } from 'node:crypto'
import { constants, type Stats } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import {
  LetterRefusedError,
  type PreparedReplyLetter,
  prepareReplyLetter,
  recordReplyLetter,
} from '../app/reply-letter'
import { dateInTimeZone, type IsoDate } from '../core/dates'
import { readLetterTemplate, renderLetterDocx } from '../hosts/xlsx/docx-letter'
import { errorCode, UnusableFileError } from '../hosts/xlsx/file-safety'
import { openWorkbookFile, saveWorkbookFile } from '../hosts/xlsx/workbook-file'
import { letterFileName, letterFileNameNote } from '../ledgers/visits/reply-letter'
import type { CommandIo } from './command-io'

export interface LetterOptions {
  readonly visit: string
  readonly out?: string
  readonly today?: IsoDate
  readonly template: string
  readonly force?: boolean
}

const DOCX = '.docx'
/** Revisions tried before giving up on finding a free file name. */
const MAX_REVISION = 999

/** Runs inside the workbook's lock. */
export async function runLetterCommand(target: string, options: LetterOptions, io: CommandIo): Promise<void> {
  const outDirectory = path.resolve(options.out ?? path.dirname(target))
  const template = await readLetterTemplate(options.template)
  io.progress(`正在读取 ${target} …`)
  const workbook = await openWorkbookFile(target)
  const port = workbook
  const today = options.today ?? dateInTimeZone(io.now(), port.timeZone)
  let prepared = prepareReplyLetter(port, { id: options.visit }, { today })
  const { visit } = prepared
  if (visit.previousLetter !== '' && !options.force) {
    throw new LetterRefusedError(
      `走访 ${visit.id} 已生成过答复单“${visit.previousLetter}”${visit.replyDate ? `（答复日期 ${visit.replyDate}）` : ''}，本次未生成。\n如需重新生成（例如修改了答复），请加 --force：将生成第 ${prepared.letter.revision} 版“${prepared.fileName}${DOCX}”，原答复单保留不动，“答复单”一栏改记新版本，答复日期不变。`,
    )
  }

  await makeDirectory(outDirectory)
  const nameNote = letterFileNameNote(visit.id)
  if (nameNote) io.progress(`注意：${nameNote}`)
  let revision = prepared.letter.revision
  while (await exists(path.join(outDirectory, letterFileName(visit.id, revision) + DOCX))) {
    if (!options.force) {
      throw new LetterRefusedError(
        `走访 ${visit.id} 的答复单：文件“${path.join(outDirectory, letterFileName(visit.id, revision) + DOCX)}”已经存在，但“客户走访记录”中没有记下它（也许上次生成后工作簿没有保存，或“答复单”一栏被清空了）。为免覆盖，本次未生成；请确认后移走该文件，或加 --force 生成新的版本`,
      )
    }
    revision += 1
    if (revision > MAX_REVISION)
      throw new LetterRefusedError(`走访 ${visit.id} 的答复单版本已超过 ${MAX_REVISION} 个`)
  }
  if (revision !== prepared.letter.revision) {
    prepared = prepareReplyLetter(port, { id: options.visit }, { today, minimumRevision: revision })
  }

  const bytes = renderLetterDocx(template, options.template, prepared.letter)
  const letterFile = path.join(outDirectory, prepared.fileName + DOCX)
  await writeNewFile(
    letterFile,
    bytes,
    `走访 ${visit.id} 的答复单：文件“${letterFile}”已经存在（另一个台账进程可能刚刚生成了它），本次未生成，以免覆盖`,
  )
  const recordedName = recordedPath(target, letterFile)
  const recorded = recordReplyLetter(
    port,
    prepared,
    { text: recordedName, link: recordedName },
    { actor: io.actor(workbook), now: io.now() },
  )
  io.progress(`正在写入 ${target} …`)
  try {
    await saveWorkbookFile(workbook, target)
  } catch (error) {
    // The workbook does not record the letter: remove it, so that the next run starts clean.
    await fs.rm(letterFile, { force: true })
    throw error
  }
  if (visit.previousLetter !== '') {
    io.progress(
      `注意：走访 ${visit.id} 原有答复单“${visit.previousLetter}”；本次生成的是第 ${prepared.letter.revision} 版，原文件保留未动，请以新版本为准。`,
    )
  }
  if (prepared.lateNotice) io.progress(prepared.lateNotice)
  io.line(letterSummary(prepared, letterFile, recorded.replyDateWritten))
}

function letterSummary(prepared: PreparedReplyLetter, letterFile: string, replyDateWritten: boolean): string {
  const { letter, visit } = prepared
  return [
    `已生成答复单：${letterFile}`,
    `走访 ${visit.id}，致 ${letter.fields.客户名称}，${letter.questions.length} 个问题及答复，日期 ${letter.date}${letter.revision > 1 ? `（第 ${letter.revision} 版）` : ''}`,
    `已在“客户走访记录”第 ${visit.row} 行记下答复单${replyDateWritten ? `和答复日期 ${letter.letterDate}` : `（答复日期保留原值 ${visit.replyDate}）`}`,
  ].join('\n')
}

/** The letter as the workbook records it: relative to the workbook's folder when inside it. */
function recordedPath(workbookFile: string, letterFile: string): string {
  const relative = path.relative(path.dirname(workbookFile), letterFile)
  const outside = relative.startsWith('..') || path.isAbsolute(relative)
  return (outside ? letterFile : relative).split(path.sep).join('/')
}

/**
 * Makes the letter's folder, one level at a time from the nearest existing one: Node's recursive
 * mkdir never returns for a path under /proc (it retries ENOENT forever), and each level's failure
 * is named here.
 */
export async function makeDirectory(directory: string, what = '答复单'): Promise<void> {
  const missing: string[] = []
  let current = directory
  for (;;) {
    let stat: Stats
    try {
      stat = await fs.stat(current)
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw directoryError(directory, current, error, what)
      missing.unshift(current)
      const parent = path.dirname(current)
      if (parent === current) break
      current = parent
      continue
    }
    if (!stat.isDirectory())
      throw new UnusableFileError(
        directory,
        `无法使用${what}文件夹“${directory}”：“${current}”不是文件夹，请用 --out 指定文件夹`,
      )
    break
  }
  for (const level of missing) {
    try {
      await fs.mkdir(level)
    } catch (error) {
      if (errorCode(error) === 'EEXIST' && (await fs.stat(level).catch(() => undefined))?.isDirectory())
        continue
      throw directoryError(directory, level, error, what)
    }
  }
}

function directoryError(directory: string, level: string, error: unknown, what: string): UnusableFileError {
  const code = errorCode(error) ?? String(error)
  const where = level === directory ? '' : `：在“${path.dirname(level)}”中无法建立“${path.basename(level)}”`
  return new UnusableFileError(
    directory,
    `无法创建${what}文件夹“${directory}”${where}（${code}），请用 --out 指定可写的文件夹`,
  )
}

/** Whether the name is taken, a symbolic link (even a dangling one) included. */
export async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  )
}

/**
 * Writes a file that must not exist yet, whole or not at all: a temporary file in the same folder,
 * then a hard link to the final name (which fails if the name is taken), so that neither a crash nor
 * another run ever leaves half a letter or replaces one. Where hard links are not supported (some
 * network shares), an exclusive copy does the same but for the crash.
 */
export async function writeNewFile(
  file: string,
  bytes: Uint8Array,
  /** Why nothing was written when the name was taken meanwhile. */
  taken: string,
  what = '答复单',
): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    await fs.writeFile(temporary, bytes, {
      flag: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    })
    try {
      await fs.link(temporary, file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') throw error
      await fs.copyFile(temporary, file, constants.COPYFILE_EXCL)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      throw new LetterRefusedError(taken)
    }
    throw new UnusableFileError(
      file,
      `无法写入${what}“${file}”（${code ?? String(error)}），请检查文件夹是否可写、磁盘是否已满`,
    )
  } finally {
    await fs.rm(temporary, { force: true })
  }
}
