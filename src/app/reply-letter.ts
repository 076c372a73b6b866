/**
 * 生成答复单 (SPEC §5 `letter`, §6): find the visit, refuse what cannot be answered yet, build the
 * letter model; after the host has written the document, record it in the visit's row and in
 * 操作日志. Both hosts run this; only the document format differs.
 *
 * What is recorded (the only user cells a letter writes, SPEC §5):
 * - 答复单: the current letter (file name, or the Google Doc as a link).
 * - 答复日期: the date of the first reply. A letter that replaces an earlier one (第2版 …) leaves it
 *   as it is: the customer was answered on that day, and VISIT_REPLY_LATE is about that day. A date
 *   the user typed in before generating is kept too.
 */
import type { IsoDate } from '../core/dates'
import { recordFields } from '../core/fields'
import type { Finding } from '../core/findings'
import type { TextParameters } from '../core/parameters'
import { type ReadResult, UnusableTabError } from '../core/table'
import { clipQuoted, idKey } from '../core/text'
import { CUSTOMERS } from '../ledgers/archives/tabs'
import {
  buildReplyLetter,
  letterFileName,
  type ReplyLetter,
  revisionOf,
} from '../ledgers/visits/reply-letter'
import { VISIT_QUESTIONS, VISITS } from '../ledgers/visits/tabs'
import { readVisits, type Visit } from '../ledgers/visits/visits'
import { createContext } from './context'
import { appendLog } from './log'
import { initCommandOf, type LinkedText, type WorkbookPort } from './workbook-port'

const CUSTOMER_FIELDS = recordFields(CUSTOMERS)

/** A visit the letter cannot be written for: the CLI exits 1, Sheets shows an alert. */
export class LetterRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LetterRefusedError'
  }
}

/** An id that names no visit: the input is unusable (SPEC §5, exit 1). */
export class UnknownVisitError extends LetterRefusedError {
  constructor(message: string) {
    super(message)
    this.name = 'UnknownVisitError'
  }
}

export type VisitSelector = { readonly id: string } | { readonly row: number }

export interface PreparedReplyLetter {
  readonly letter: ReplyLetter
  /** The letter's file or document name without extension (…-第2版 for a revision). */
  readonly fileName: string
  readonly visit: {
    readonly id: string
    /** 1-based row in 客户走访记录. */
    readonly row: number
    /** 答复单 as recorded before this letter, '' for none. */
    readonly previousLetter: string
    readonly replyDate: IsoDate | undefined
    readonly replyDeadline: IsoDate | undefined
  }
  /** Set when the letter goes out after 答复期限 (5 working days after the visit). */
  readonly lateNotice: string | undefined
  readonly columns: { readonly replyDate: number; readonly replyDocument: number }
  /** The text parameters (the Google Doc template and Drive folder of Sheets), by key. */
  readonly settings: TextParameters
}

export interface PrepareOptions {
  readonly today: IsoDate
  /** At least this revision (the local tool skips file names already taken). */
  readonly minimumRevision?: number
}

export function prepareReplyLetter(
  port: WorkbookPort,
  selector: VisitSelector,
  options: PrepareOptions,
): PreparedReplyLetter {
  const context = createContext(port, options.today)
  const table = context.tabs.require(VISITS, '答复单按走访记录生成')
  const ledger = readVisits(context)
  if (!ledger) throw new Error('客户走访记录 was read but is missing')
  const replyDateColumn = table.columns.get('答复日期')
  const replyDocumentColumn = table.columns.get('答复单')
  if (replyDateColumn === undefined || replyDocumentColumn === undefined) {
    const missing = ['答复日期', '答复单'].filter((header) => !table.columns.has(header))
    throw new UnusableTabError(
      VISITS.name,
      `工作表“${VISITS.name}”缺少列 ${missing.map((header) => `“${header}”`).join('、')}，生成答复单后要记在这里；请在第 1 行补上表头（可运行“${initCommandOf(port)}”自动补齐）`,
    )
  }

  const visit = selectVisit(ledger.visits, selector)
  const problems = [...context.tabs.findings, ...context.findings, ...ledger.findings].filter((finding) =>
    concernsVisit(finding, visit),
  )
  if (problems.length > 0) {
    throw new LetterRefusedError(
      `走访 ${visit.id} 的记录有误，改正后才能生成答复单：\n${problems.map((finding) => `· ${finding.sheet}${finding.message}`).join('\n')}`,
    )
  }
  if (visit.visitDate === undefined) throw new Error(`visit ${visit.id} has no date but no finding either`)
  if (options.today < visit.visitDate) {
    throw new LetterRefusedError(
      `答复单的日期 ${options.today} 早于走访 ${visit.id} 的走访日期 ${visit.visitDate}，请核对走访日期或答复日期`,
    )
  }
  if (visit.questions.length === 0) {
    throw new LetterRefusedError(
      `走访 ${visit.id} 在“${VISIT_QUESTIONS.name}”中还没有记录客户的问题，答复单无从写起；请先在“${VISIT_QUESTIONS.name}”中按走访编号 ${visit.id} 登记问题和答复`,
    )
  }
  const unanswered = visit.questions.filter((question) => question.answer.trim() === '')
  if (unanswered.length > 0) {
    throw new LetterRefusedError(
      `走访 ${visit.id} 还有 ${unanswered.length} 个问题没有答复，不能生成答复单：\n${unanswered
        .map(
          (question) =>
            `· “${VISIT_QUESTIONS.name}”第 ${question.row} 行，序号 ${question.number ?? '（未填）'}：${shortened(question.question)}`,
        )
        .join('\n')}\n请在“答复”列填写答复后再生成。`,
    )
  }

  const customerName = visit.customerName || archivedName(context.tabs.read(CUSTOMERS), visit)
  if (customerName === '') {
    throw new LetterRefusedError(
      `走访 ${visit.id}（“${VISITS.name}”第 ${visit.row} 行）没有客户名称，答复单不知寄给谁；请填写“客户名称”，或填写在“${CUSTOMERS.name}”中登记过的“客户编号”`,
    )
  }

  const previousLetter = visit.replyDocument
  const revision = Math.max(
    previousLetter === '' ? 1 : revisionOf(previousLetter) + 1,
    options.minimumRevision ?? 1,
  )
  const letter = buildReplyLetter({
    visitId: visit.id,
    customerName,
    visitDate: visit.visitDate,
    letterDate: options.today,
    revision,
    signature: context.texts['replyLetter.signature'] ?? '',
    questions: visit.questions,
  })
  const late =
    visit.replyDate === undefined && visit.replyDeadline !== undefined && options.today > visit.replyDeadline
  return {
    letter,
    fileName: letterFileName(visit.id, revision),
    visit: {
      id: visit.id,
      row: visit.row,
      previousLetter,
      replyDate: visit.replyDate,
      replyDeadline: visit.replyDeadline,
    },
    lateNotice: late
      ? `注意：答复期限是 ${visit.replyDeadline}（走访后第 ${context.params.replyWorkingDays ?? 5} 个工作日），这份答复单已经晚了；每日检查会把它记为逾期答复`
      : undefined,
    columns: { replyDate: replyDateColumn, replyDocument: replyDocumentColumn },
    settings: context.texts,
  }
}

export interface RecordedReplyLetter {
  /** Whether 答复日期 was written (false when the visit already had one). */
  readonly replyDateWritten: boolean
  /** The 操作日志 line's result, also shown to the user. */
  readonly summary: string
}

export function recordReplyLetter(
  port: WorkbookPort,
  prepared: PreparedReplyLetter,
  document: LinkedText,
  options: { readonly actor: string; readonly now: Date },
): RecordedReplyLetter {
  const { visit, letter, columns } = prepared
  const replyDateWritten = visit.replyDate === undefined
  port.writeCells(VISITS.name, [
    { row: visit.row, column: columns.replyDocument, value: document },
    ...(replyDateWritten
      ? [{ row: visit.row, column: columns.replyDate, value: { date: letter.letterDate } }]
      : []),
  ])
  const parts = [`走访 ${visit.id}：${document.text}（${letter.questions.length} 个问题）`]
  if (visit.previousLetter !== '')
    parts.push(`第 ${letter.revision} 版，替代“${visit.previousLetter}”（原答复单保留未动）`)
  parts.push(
    replyDateWritten
      ? `答复日期记为 ${letter.letterDate}`
      : `答复日期保留原值 ${visit.replyDate}（首次答复的日期）`,
  )
  const summary = parts.join('；')
  appendLog(port, options.now, '生成答复单', options.actor, summary)
  return { replyDateWritten, summary }
}

function selectVisit(visits: readonly Visit[], selector: VisitSelector): Visit {
  if ('row' in selector) {
    const found = visits.find((visit) => visit.row === selector.row)
    if (!found) {
      throw new LetterRefusedError(
        `“${VISITS.name}”第 ${selector.row} 行没有走访记录，请选中一条走访记录所在的行`,
      )
    }
    if (found.id === '') {
      throw new LetterRefusedError(`“${VISITS.name}”第 ${selector.row} 行没有走访编号，请先填写走访编号`)
    }
    return found
  }
  // --visit yj-017 is the visit YJ-017 (idKey); the letter is named after the id as the row has it.
  const id = selector.id.trim()
  const matches = visits.filter((visit) => visit.id !== '' && idKey(visit.id) === idKey(id))
  if (matches.length === 0) {
    const known = visits.map((visit) => visit.id).filter((visitId) => visitId !== '')
    const hint =
      known.length === 0
        ? `“${VISITS.name}”中还没有走访记录`
        : `已有的走访编号：${known.slice(0, 10).join('、')}${known.length > 10 ? ` 等 ${known.length} 个` : ''}`
    throw new UnknownVisitError(`“${VISITS.name}”中没有走访编号为“${shortened(id)}”的记录（${hint}）`)
  }
  if (matches.length > 1) {
    throw new LetterRefusedError(
      `走访编号“${id}”在“${VISITS.name}”中出现了 ${matches.length} 次（第 ${matches.map((visit) => visit.row).join('、')} 行），请先改为不同的编号`,
    )
  }
  return matches[0] as Visit
}

function concernsVisit(finding: Finding, visit: Visit): boolean {
  if (finding.code !== 'DATA_INVALID') return false
  if (finding.sheet === VISITS.name) return finding.row === visit.row
  if (finding.sheet === VISIT_QUESTIONS.name)
    return visit.questions.some((question) => question.row === finding.row)
  return false
}

/** 客户名称 of the visit's 客户编号 in 客户档案 — the name only (客户信息保密管理制度). */
function archivedName(archive: ReadResult | undefined, visit: Visit): string {
  if (!archive || visit.customerId === '') return ''
  const customerId = idKey(visit.customerId)
  const record = archive.records.find((candidate) => idKey(candidate.key) === customerId)
  return record ? CUSTOMER_FIELDS.text(record, '客户名称') : ''
}

/** A value quoted in a message: on one line, cut as every quoted value is. */
function shortened(value: string): string {
  return clipQuoted(value.replace(/\s+/g, ' ').trim())
}
