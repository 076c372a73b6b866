/**
 * 每日提醒推送: after the daily check, each person named in a ledger as the one responsible for a
 * record (保管人, 开发负责人, 走访人 …) is told that record's findings, and only those. Who is whom
 * is the 人员 tab. A digest holds what 提醒汇总 holds (tab, 编号, level, 说明, 期限), never a value of
 * a confidential column, and a phone number only masked (客户信息保密管理制度, privacy.ts). This
 * module decides what is sent to whom; notify.ts sends it.
 */
import { displayCell } from '../core/cells'
import type { IsoDate } from '../core/dates'
import { type Finding, SEVERITY_LABEL } from '../core/findings'
import { resolveTextParameters } from '../core/parameters'
import { cutText, cutToBytes, markdownText, plainLine } from '../core/printable'
import { maskPhone } from '../core/privacy'
import { PARAMETERS, TOOL_TEXT_PARAMETERS } from '../core/settings-tabs'
import { cellToDate, FIRST_DATA_ROW, locateColumns, readTable } from '../core/table'
import type { TabTemplate } from '../core/template'
import { TEMPLATES } from './tabs'
import { identityOf } from './tool-tabs'
import type { WorkbookPort } from './workbook-port'

/** The value of 参数 每日提醒推送 that turns the digests on; anything else (blank, 否) leaves them off. */
export const DIGEST_ON = '是'
export const DIGEST_SWITCH = TOOL_TEXT_PARAMETERS[0]?.name ?? '每日提醒推送'

/**
 * The column that names who answers for a record, per ledger tab. 封样评审 names no person, only
 * the 申请部门: its findings go to everyone of that 部门 in 人员. Tabs not listed here (交易记录, the
 * supplier tabs, 客户意见调查 whose 服务人员 is the one the complaint is about, 参数, 提醒汇总) name
 * nobody responsible: their findings stay in 提醒汇总 only.
 */
const OWNERS: readonly { template: TabTemplate; header: string; by: 'name' | 'department' }[] = [
  { template: TEMPLATES.samples, header: '保管人', by: 'name' },
  { template: TEMPLATES.inspections, header: '检验人', by: 'name' },
  { template: TEMPLATES.sealReviews, header: '申请部门', by: 'department' },
  { template: TEMPLATES.customers, header: '档案管理人', by: 'name' },
  { template: TEMPLATES.keyDevelopment, header: '开发负责人', by: 'name' },
  { template: TEMPLATES.visits, header: '走访人', by: 'name' },
  { template: TEMPLATES.visitQuestions, header: '答复人', by: 'name' },
  { template: TEMPLATES.services, header: '服务人员', by: 'name' },
  { template: TEMPLATES.leads, header: '分销商', by: 'name' },
  { template: TEMPLATES.distributors, header: '分销商', by: 'name' },
]

/** The owner column of a ledger tab, for README and tests. */
export function ownerColumnOf(tab: string): string | undefined {
  return OWNERS.find((owner) => owner.template.name === tab)?.header
}

export interface Person {
  readonly name: string
  readonly department: string
  readonly email: string
  readonly webhook: string
  /** 钉钉 加签 / 飞书 签名校验 secret of the webhook, or empty. */
  readonly secret: string
}

export interface DigestItem {
  readonly finding: Finding
  /** Not in 提醒汇总 before this check: new since the last one. */
  readonly isNew: boolean
}

export interface PersonDigest {
  readonly person: Person
  /** New findings first, each group in 提醒汇总's order. */
  readonly items: readonly DigestItem[]
  /** Their findings under 暂缓至 (today or later): counted, not listed. */
  readonly deferred: number
}

export interface DigestPlan {
  readonly today: IsoDate
  readonly digests: readonly PersonDigest[]
  /** Owner names (or 部门 “…”) that match no row of 人员, each once. */
  readonly unmatched: readonly string[]
}

/** 提醒汇总 as it was before a check: which findings it held, and which of them were deferred. */
export interface AlertsSnapshot {
  readonly seen: ReadonlySet<string>
  readonly deferred: ReadonlySet<string>
}

/**
 * A finding's identity in 提醒汇总: 台账, 编号 and 代码 (its identity columns, in their order), compared
 * as the check carries the user's 处理情况 and 暂缓至 by them: ids as ids, so that a finding on YJ-001 is
 * the one 提醒汇总 held as yj-001 or ＹＪ－００１, neither new nor out of its deferral.
 */
export function findingIdentity(finding: Pick<Finding, 'sheet' | 'key' | 'code'>): string {
  return identityOf([finding.sheet, finding.key, finding.code]) ?? ''
}

/** Reads 提醒汇总 before the check writes it; an unreadable tab is an empty snapshot (everything is new). */
export function snapshotAlerts(port: WorkbookPort, today: IsoDate): AlertsSnapshot {
  const seen = new Set<string>()
  const deferred = new Set<string>()
  const table = port.readTab(TEMPLATES.alerts.name)
  if (!table) return { seen, deferred }
  try {
    for (const { values } of readTable(TEMPLATES.alerts, table).records) {
      const text = (header: string): string => displayCell(values.get(header) ?? null).trim()
      const id = findingIdentity({ sheet: text('台账'), key: text('编号'), code: text('代码') })
      if (text('代码') === '') continue
      seen.add(id)
      const until = values.get('暂缓至')
      const date = until === undefined ? undefined : cellToDate(until)
      if (date !== undefined && date >= today) deferred.add(id)
    }
  } catch {
    // 提醒汇总 without its headers: the check reports it; the digest treats every finding as new.
  }
  return { seen, deferred }
}

/** Whether 参数 每日提醒推送 is 是, and what it holds (for the message when it is not). */
export function digestSwitch(port: WorkbookPort): { readonly on: boolean; readonly value: string } {
  const table = port.readTab(PARAMETERS.name)
  if (!table) return { on: false, value: '' }
  try {
    const { values } = resolveTextParameters(
      TOOL_TEXT_PARAMETERS,
      PARAMETERS.name,
      readTable(PARAMETERS, table),
    )
    const value = values['digest.enabled'] ?? ''
    return { on: value === DIGEST_ON, value }
  } catch {
    return { on: false, value: '' }
  }
}

/** The rows of 人员 that name someone; a tab that is missing or unreadable has nobody. */
export function readPeople(port: WorkbookPort): Person[] {
  const table = port.readTab(TEMPLATES.people.name)
  if (!table) return []
  try {
    return readTable(TEMPLATES.people, table).records.flatMap(({ values }) => {
      const text = (header: string): string => displayCell(values.get(header) ?? null).trim()
      const person = {
        name: text('姓名'),
        department: text('部门'),
        email: text('邮箱'),
        webhook: text('webhook'),
        secret: text('加签密钥'),
      }
      return person.name === '' ? [] : [person]
    })
  } catch {
    return []
  }
}

/** Several people in one owner cell: 张三、李四 or 张三/李四. */
function ownerNames(cell: string): string[] {
  return cell
    .split(/[、,，;；/]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
}

interface OwnedRow {
  readonly owners: readonly string[]
  /** The row's confidential values, never to appear in a digest. */
  readonly secrets: readonly string[]
}

/** Owners and confidential values of the rows of one ledger tab, by sheet row; undefined when unreadable. */
function ownedRows(
  port: WorkbookPort,
  template: TabTemplate,
  header: string,
): Map<number, OwnedRow> | undefined {
  const table = port.readTab(template.name)
  if (!table) return undefined
  let columns: Map<string, number>
  try {
    columns = locateColumns(template, table.header)
  } catch {
    return undefined
  }
  const owner = columns.get(header)
  if (owner === undefined) return undefined
  // A dropdown's options are the tool's own words (资质资料缺失 is what a finding says): only what
  // users type into a confidential column is a secret to scrub.
  const secret = template.columns.flatMap((column) => {
    const at = column.confidential && column.type !== 'enum' ? columns.get(column.header) : undefined
    return at === undefined ? [] : [at]
  })
  const rows = new Map<number, OwnedRow>()
  table.rows.forEach((cells, index) => {
    const owners = ownerNames(displayCell(cells[owner] ?? null))
    if (owners.length === 0) return
    const secrets = secret
      .map((at) => displayCell(cells[at] ?? null).trim())
      .filter((text) => text.length >= 2)
    rows.set(index + FIRST_DATA_ROW, { owners, secrets })
  })
  return rows
}

/** A mobile number as it is typed: with +86, spaces or hyphens, in full-width digits from a Chinese IME too. */
const PHONE_BODY =
  '(?:[+＋]?[8８][6６][- －　]?)?[1１][0-9０-９]{2}[- －　]?[0-9０-９]{4}[- －　]?[0-9０-９]{4}'
const PHONE = new RegExp(`(?<![0-9０-９])${PHONE_BODY}(?![0-9０-９])`, 'g')
const WHOLE_PHONE = new RegExp(`^${PHONE_BODY}$`)

/**
 * A finding's 说明 (or 编号) as a digest may show it: a confidential value of its row becomes ****
 * wherever it stands, a mobile number is masked as privacy.ts masks it. The secrets go first, the
 * longest first, so that an address holding a phone is hidden whole rather than shown with its
 * phone masked; a secret that is nothing but a phone number is shown masked.
 */
export function safeMessage(message: string, secrets: readonly string[] = []): string {
  let text = message
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    text = text.split(secret).join(WHOLE_PHONE.test(secret) ? maskPhone(secret) : '****')
  return text.replace(PHONE, (phone) => maskPhone(phone))
}

/**
 * Who is told what: each finding of an owned ledger goes to the people its row names (by 姓名, or by
 * 部门 for 封样评审), new findings first; deferred ones are counted, not listed.
 */
export function planDigests(
  port: WorkbookPort,
  findings: readonly Finding[],
  before: AlertsSnapshot,
  today: IsoDate,
): DigestPlan {
  const people = readPeople(port)
  const byName = groupBy(people, (person) => person.name)
  const byDepartment = groupBy(people, (person) => person.department)
  const lists = new Map<Person, { items: DigestItem[]; deferred: number; told: Set<Finding> }>()
  const unmatched: string[] = []
  const rowsOf = new Map<string, Map<number, OwnedRow> | undefined>()
  for (const finding of findings) {
    const owner = OWNERS.find((entry) => entry.template.name === finding.sheet)
    if (owner === undefined) continue
    if (!rowsOf.has(finding.sheet)) rowsOf.set(finding.sheet, ownedRows(port, owner.template, owner.header))
    const row = rowsOf.get(finding.sheet)?.get(finding.row)
    if (row === undefined) continue
    const id = findingIdentity(finding)
    const item = {
      finding: {
        ...finding,
        key: safeMessage(finding.key, row.secrets),
        message: safeMessage(finding.message, row.secrets),
      },
      isNew: !before.seen.has(id),
    }
    for (const name of row.owners) {
      const recipients = (owner.by === 'name' ? byName : byDepartment).get(name)
      if (recipients === undefined) {
        const label = owner.by === 'name' ? name : `部门“${name}”`
        if (!unmatched.includes(label)) unmatched.push(label)
        continue
      }
      for (const person of recipients) {
        const list = lists.get(person) ?? { items: [], deferred: 0, told: new Set() }
        lists.set(person, list)
        // One finding once per person, though the cell name them twice (张三、张三).
        if (list.told.has(finding)) continue
        list.told.add(finding)
        if (before.deferred.has(id)) list.deferred += 1
        else list.items.push(item)
      }
    }
  }
  const digests = people.flatMap((person) => {
    const list = lists.get(person)
    if (list === undefined || list.items.length === 0) return []
    const items = [...list.items.filter((item) => item.isNew), ...list.items.filter((item) => !item.isNew)]
    return [{ person, items, deferred: list.deferred }]
  })
  return { today, digests, unmatched }
}

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const value of values) {
    const key = keyOf(value)
    if (key === '') continue
    groups.set(key, [...(groups.get(key) ?? []), value])
  }
  return groups
}

function countLine(digest: PersonDigest): string {
  const fresh = digest.items.filter((item) => item.isNew).length
  const deferred = digest.deferred > 0 ? `；另有 ${digest.deferred} 条已暂缓，未列出` : ''
  return `共 ${digest.items.length} 条，其中新增 ${fresh} 条${deferred}`
}

/** How much of a finding's 说明 a digest quotes: enough to know it, not a pasted page. */
const MESSAGE_MAX_CHARS = 300
/** How much of a 编号 or a person's 姓名 a digest shows. */
const NAME_MAX_CHARS = 40

/**
 * What a user typed, on one line (plainLine) and cut short, then made safe for where it goes: as
 * is in a mail, which is plain text; with its markdown characters disarmed in a robot message.
 */
type Disarm = (text: string) => string

function userText(text: string, max: number, disarm: Disarm): string {
  return disarm(cutText(plainLine(text).trim(), max))
}

function itemLine(item: DigestItem, disarm: Disarm): string {
  const { sheet, key, row, severity, message, due } = item.finding
  const where = key === '' ? `${sheet}第 ${row} 行` : `${sheet} ${userText(key, NAME_MAX_CHARS, disarm)}`
  const said = userText(message, MESSAGE_MAX_CHARS, disarm)
  return `[${SEVERITY_LABEL[severity]}] ${where}：${said}${due === null ? '' : `（期限 ${due}）`}`
}

/** The e-mail: subject and plain-Chinese body (MailApp sends it as plain text, not HTML). */
export function digestMail(digest: PersonDigest, today: IsoDate): { subject: string; body: string } {
  const fresh = digest.items.filter((item) => item.isNew)
  const old = digest.items.filter((item) => !item.isNew)
  const asIs: Disarm = (text) => text
  const section = (title: string, items: readonly DigestItem[]): string[] =>
    items.length === 0
      ? []
      : ['', `【${title}】`, ...items.map((item, index) => `${index + 1}. ${itemLine(item, asIs)}`)]
  return {
    subject: `台账每日提醒（${today}）：${digest.items.length} 条，新增 ${fresh.length} 条`,
    body: [
      `${userText(digest.person.name, NAME_MAX_CHARS, asIs)}，您好：`,
      '',
      `${today} 的台账检查中有与您负责的记录有关的提醒，${countLine(digest)}。`,
      ...section('新增', fresh),
      ...section('此前已有', old),
      '',
      '详情与处理情况请在工作簿的“提醒汇总”工作表中查看和填写。本邮件由台账工具自动发送，请勿回复。',
    ].join('\n'),
  }
}

/**
 * At most this many robot messages for one person's digest: 企业微信 and 钉钉 take 20 messages a
 * minute from a robot that a whole group shares, and an Apps Script run ends after 6 minutes. What
 * does not fit is counted in the last one: 还有 N 条，请打开台账查看.
 */
export const MAX_DIGEST_PARTS = 5

/**
 * The group-robot message in markdown, cut into parts of at most `maxBytes` UTF-8 bytes each
 * (企业微信 takes at most 4096 bytes of markdown content; 钉钉 and 飞书 at most 20,000 bytes and 20 KB
 * of request body), and at most MAX_DIGEST_PARTS parts. Each part starts with the title, which
 * carries the keyword 台账 that a 钉钉 robot's 自定义关键词 security setting can ask for. What users
 * typed is one line with its markdown disarmed (markdownText): it cannot link, mention or format.
 * The title (钉钉's notification, 飞书's card header) is plain text.
 */
export function digestMarkdown(
  digest: PersonDigest,
  today: IsoDate,
  maxBytes = 4000,
): { title: string; parts: string[] } {
  const title = `台账每日提醒 · ${userText(digest.person.name, NAME_MAX_CHARS, (text) => text)}（${today}）`
  const shownName = userText(digest.person.name, NAME_MAX_CHARS, markdownText)
  const heading = (index: number): string =>
    `### 台账每日提醒 · ${shownName}（${today}）${index > 0 ? `（续 ${index + 1}）` : ''}`
  // A part is its heading, a blank line, then its lines, joined by line breaks.
  const start = (index: number): number => utf8Bytes(heading(index)) + 1
  const size = (line: string): number => utf8Bytes(line) + 1
  const closingRoom = size('> 还有 99999 条，请打开台账查看“提醒汇总”')
  const widest = maxBytes - start(MAX_DIGEST_PARTS - 1) - closingRoom - size(countLine(digest))
  const items = digest.items.map((item) =>
    cutToBytes(`- ${item.isNew ? '**新增** ' : ''}${itemLine(item, markdownText)}`, widest, utf8Bytes),
  )
  const parts: string[][] = [[countLine(digest)]]
  let used = start(0) + size(countLine(digest))
  let omitted = 0
  for (const [index, line] of items.entries()) {
    if (used + size(line) > maxBytes) {
      if (parts.length === MAX_DIGEST_PARTS) {
        omitted = items.length - index
        break
      }
      parts.push([])
      used = start(parts.length - 1)
    }
    parts[parts.length - 1]?.push(line)
    used += size(line)
  }
  const closing = (): string =>
    omitted > 0 ? `> 还有 ${omitted} 条，请打开台账查看“提醒汇总”` : '> 详情见工作簿“提醒汇总”'
  while (used + size(closing()) > maxBytes) {
    if (omitted === 0 && parts.length < MAX_DIGEST_PARTS) {
      parts.push([])
      used = start(parts.length - 1)
      break
    }
    const last = parts[parts.length - 1] ?? []
    if (last.length <= (parts.length === 1 ? 1 : 0)) break
    used -= size(last.pop() ?? '')
    omitted += 1
  }
  parts[parts.length - 1]?.push(closing())
  return { title, parts: parts.map((part, index) => [heading(index), '', ...part].join('\n')) }
}

/** UTF-8 length without TextEncoder, which Apps Script lacks. */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}
