/**
 * Sends the digests (digest.ts): one e-mail per person where the host can send mail (Sheets:
 * MailApp, within its daily quota), and one group-robot message per person (split into parts when
 * long) to the person's 企业微信, 钉钉 or 飞书 webhook. Both hosts hand in how to post and how to
 * wait, so this module runs, and is tested, without Node or Apps Script. 操作日志 gets one line
 * saying who was reached and who not; never a message body.
 */
import type { IsoDate } from '../core/dates'
import { cutText, plainLine } from '../core/printable'
import { type DigestPlan, digestMail, digestMarkdown, type PersonDigest } from './digest'
import { appendLog } from './log'
import type { WorkbookPort } from './workbook-port'

export type Platform = 'wecom' | 'dingtalk' | 'feishu'

export const PLATFORM_LABEL: Record<Platform, string> = {
  wecom: '企业微信',
  dingtalk: '钉钉',
  feishu: '飞书',
}

/**
 * The platform of a webhook address, by its host, or by the path each platform's robots use (a
 * private deployment or a relay keeps the path): 企业微信 /cgi-bin/webhook/send?key=…, 钉钉
 * /robot/send?access_token=…, 飞书 and Lark /open-apis/bot/v2/hook/…. No URL class: Apps Script lacks it.
 */
export function platformOf(webhook: string): Platform | undefined {
  const match = /^https?:\/\/([^/?#:]+)(?::\d+)?([^?#]*)/i.exec(webhook.trim())
  if (!match) return undefined
  const host = (match[1] ?? '').toLowerCase()
  const path = match[2] ?? ''
  if (host === 'qyapi.weixin.qq.com' || path.startsWith('/cgi-bin/webhook/send')) return 'wecom'
  if (host === 'oapi.dingtalk.com' || path.startsWith('/robot/send')) return 'dingtalk'
  if (
    host === 'open.feishu.cn' ||
    host === 'open.larksuite.com' ||
    path.startsWith('/open-apis/bot/v2/hook/')
  )
    return 'feishu'
  return undefined
}

/**
 * The request body of one markdown message:
 * - 企业微信 群机器人 (developer.work.weixin.qq.com/document/path/91770): {"msgtype":"markdown",
 *   "markdown":{"content":…}}, content at most 4096 bytes of UTF-8 — digestMarkdown keeps parts below.
 * - 钉钉 自定义机器人 (open.dingtalk.com/document/robots/custom-robot-access): {"msgtype":"markdown",
 *   "markdown":{"title":…,"text":…}}; the title shows in the notification.
 * - 飞书 自定义机器人 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot): a message card,
 *   {"msg_type":"interactive","card":{"header":…,"elements":[{"tag":"div","text":{"tag":"lark_md",…}}]}}.
 */
export function webhookPayload(
  platform: Platform,
  title: string,
  markdown: string,
  signature?: Readonly<Record<string, string>>,
): string {
  if (platform === 'wecom') return JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } })
  if (platform === 'dingtalk')
    return JSON.stringify({ msgtype: 'markdown', markdown: { title, text: markdown } })
  // The card's header shows the title: the body drops the markdown heading line.
  const body = markdown.replace(/^### .*\n+/, '')
  return JSON.stringify({
    ...signature,
    msg_type: 'interactive',
    card: {
      header: { title: { tag: 'plain_text', content: title }, template: 'orange' },
      elements: [{ tag: 'div', text: { tag: 'lark_md', content: body } }],
    },
  })
}

/**
 * The signature of a robot with a secret. 钉钉 加签 (open.dingtalk.com/document/robots/customize-robot-security-settings):
 * timestamp in milliseconds, sign = Base64(HmacSHA256(key = secret, timestamp + "\n" + secret)), both
 * in the query string, the sign URL-encoded. 飞书 签名校验 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot):
 * timestamp in seconds, sign = Base64(HmacSHA256(key = timestamp + "\n" + secret, empty message)), both
 * in the JSON body.
 */
function sign(
  platform: Platform,
  secret: string,
  hmac: HmacSha256Base64,
  clock: () => number,
): { query?: string; body?: Record<string, string> } {
  if (platform === 'dingtalk') {
    const timestamp = String(clock())
    return {
      query: `timestamp=${timestamp}&sign=${encodeURIComponent(hmac(secret, `${timestamp}\n${secret}`))}`,
    }
  }
  if (platform === 'wecom') return {}
  const timestamp = String(Math.floor(clock() / 1000))
  return { body: { timestamp, sign: hmac(`${timestamp}\n${secret}`, '') } }
}

export interface HttpResult {
  readonly status: number
  readonly text: string
}

/** One POST of a JSON body; throws when no response came (network error, timeout). */
export type HttpPost = (url: string, body: string) => Promise<HttpResult> | HttpResult

/** Mail as Sheets sends it (MailApp). */
export interface Mailer {
  /** Messages the account may still send today. */
  remainingQuota(): number
  send(to: string, subject: string, body: string): void
}

/** Base64 of HMAC-SHA256 of `message` under `key` (node:crypto; Utilities.computeHmacSha256Signature). */
export type HmacSha256Base64 = (key: string, message: string) => string

export interface DeliveryOptions {
  readonly post?: HttpPost
  readonly mailer?: Mailer
  /** Signs the messages of a robot whose 加签密钥 is filled in. */
  readonly hmac?: HmacSha256Base64
  /** Milliseconds since 1970 for the signature's timestamp (Date.now). */
  readonly clock?: () => number
  /** Waits before a retry: setTimeout in Node, Utilities.sleep in Apps Script, nothing in tests. */
  readonly sleep: (ms: number) => Promise<void> | void
  /** Tries per message, the first included (default 3). */
  readonly attempts?: number
  /** Asked before each person: true when no time is left (Apps Script ends a run after 6 minutes). */
  readonly deadline?: () => boolean
}

export interface Outcome {
  readonly name: string
  /** 邮件, 企业微信, 钉钉, 飞书 or webhook. */
  readonly channel: string
  readonly reached: boolean
  /** Why not (or how far a message in parts got). */
  readonly reason?: string
}

export interface DeliveryReport {
  readonly outcomes: readonly Outcome[]
  readonly unmatched: readonly string[]
}

/** A 5xx, or no response at all: tried again; anything else is final. */
const BACKOFF_MS = 2000
const DEFAULT_ATTEMPTS = 3

/** Sends every digest of the plan: e-mail first (the quota is checked before each), then the webhook. */
export async function deliverDigests(plan: DigestPlan, options: DeliveryOptions): Promise<DeliveryReport> {
  const outcomes: Outcome[] = []
  let quotaLeft = true
  const robots: Robots = { down: new Map(), sent: new Map() }
  for (const digest of plan.digests) {
    const { person } = digest
    if (options.deadline?.()) {
      outcomes.push({ name: person.name, channel: '—', reached: false, reason: '本次运行的时间已用完' })
      continue
    }
    const channels = outcomes.length
    if (person.email !== '' && options.mailer) {
      if (quotaLeft && safeQuota(options.mailer) < 1) quotaLeft = false
      if (!quotaLeft) {
        outcomes.push({ name: person.name, channel: '邮件', reached: false, reason: '今日邮件配额已用完' })
      } else {
        const { subject, body } = digestMail(digest, plan.today)
        try {
          options.mailer.send(person.email, subject, body)
          outcomes.push({ name: person.name, channel: '邮件', reached: true })
        } catch (error) {
          outcomes.push({ name: person.name, channel: '邮件', reached: false, reason: reasonOf(error) })
        }
      }
    }
    if (person.webhook !== '' && options.post)
      outcomes.push(await sendWebhook(digest, plan.today, options, robots))
    if (outcomes.length === channels) {
      const reason =
        person.email !== '' && person.webhook === ''
          ? '只填了邮箱，命令行不发邮件（请填 webhook）'
          : '“人员”表中没有邮箱或 webhook'
      outcomes.push({ name: person.name, channel: '—', reached: false, reason })
    }
  }
  return { outcomes, unmatched: plan.unmatched }
}

function safeQuota(mailer: Mailer): number {
  try {
    return mailer.remainingQuota()
  } catch {
    return 0
  }
}

async function sendWebhook(
  digest: PersonDigest,
  today: IsoDate,
  options: DeliveryOptions,
  robots: Robots,
): Promise<Outcome> {
  const { name, webhook } = digest.person
  const platform = platformOf(webhook)
  if (platform === undefined)
    return { name, channel: 'webhook', reached: false, reason: '不是企业微信、钉钉或飞书群机器人的地址' }
  const channel = PLATFORM_LABEL[platform]
  const known = robots.down.get(webhook)
  if (known !== undefined) return { name, channel, reached: false, reason: known }
  const { secret } = digest.person
  if (secret !== '' && (platform === 'wecom' || !options.hmac))
    return {
      name,
      channel,
      reached: false,
      reason: platform === 'wecom' ? '企业微信机器人不用加签密钥，请清空' : '无法加签',
    }
  const { title, parts } = digestMarkdown(digest, today)
  for (const [index, part] of parts.entries()) {
    await keepToRateLimit(robots, webhook, options)
    const signed =
      secret === '' || !options.hmac
        ? undefined
        : sign(platform, secret, options.hmac, options.clock ?? Date.now)
    const url = signed?.query ? `${webhook}${webhook.includes('?') ? '&' : '?'}${signed.query}` : webhook
    const failure = await postOnce(url, webhookPayload(platform, title, part, signed?.body), options)
    if (failure?.retried) robots.down.set(webhook, failure.reason)
    if (failure !== undefined) {
      const sent = index > 0 ? `（共 ${parts.length} 段，已发 ${index} 段）` : ''
      return { name, channel, reached: false, reason: `${failure.reason}${sent}` }
    }
  }
  return { name, channel, reached: true }
}

/** What this delivery knows about each robot, by webhook address. */
interface Robots {
  /** A robot that did not answer after its retries is not tried for the next person: its failure stands. */
  readonly down: Map<string, string>
  /** When each of the last messages to it was posted (ms). */
  readonly sent: Map<string, number[]>
}

/** 企业微信 and 钉钉 take at most 20 messages a minute from one robot (and then refuse for a while). */
const MESSAGES_PER_MINUTE = 20
const MINUTE_MS = 60_000

/** Waits, when the robot has had its 20 messages in the last minute, until it takes another. */
async function keepToRateLimit(robots: Robots, webhook: string, options: DeliveryOptions): Promise<void> {
  const clock = options.clock ?? Date.now
  const recent = (robots.sent.get(webhook) ?? []).filter((at) => clock() - at < MINUTE_MS)
  if (recent.length >= MESSAGES_PER_MINUTE) {
    const oldest = recent[recent.length - MESSAGES_PER_MINUTE] ?? clock()
    await options.sleep(Math.max(0, oldest + MINUTE_MS - clock()) + 1000)
  }
  recent.push(clock())
  robots.sent.set(webhook, recent.slice(-MESSAGES_PER_MINUTE))
}

/**
 * Posts one message; undefined when it was delivered. A 5xx or a network error is retried with a
 * growing wait; a 2xx is never sent again, even when the platform's JSON says it refused the
 * message (errcode ≠ 0: a bad key, a missing keyword, the rate limit of 20 a minute).
 */
async function postOnce(
  url: string,
  body: string,
  options: DeliveryOptions,
): Promise<{ reason: string; retried: boolean } | undefined> {
  const post = options.post
  if (!post) return { reason: '无法发送', retried: false }
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS)
  let failure = ''
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await options.sleep(BACKOFF_MS * 2 ** (attempt - 2))
    let result: HttpResult
    try {
      result = await post(url, body)
    } catch (error) {
      failure = `网络错误：${reasonOf(error)}`
      continue
    }
    if (result.status >= 500) {
      failure = `服务器错误 HTTP ${result.status}`
      continue
    }
    if (result.status < 200 || result.status >= 300)
      return { reason: `HTTP ${result.status}：${brief(result.text)}`, retried: false }
    const refused = platformError(result.text)
    return refused === undefined ? undefined : { reason: refused, retried: false }
  }
  return { reason: `${failure}（已重试 ${attempts - 1} 次）`, retried: true }
}

/** 企业微信 and 钉钉 answer {"errcode":0,"errmsg":"ok"}; 飞书 {"code":0,"msg":"success"} (older: StatusCode). */
function platformError(text: string): string | undefined {
  let answer: unknown
  try {
    answer = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof answer !== 'object' || answer === null) return undefined
  const fields = answer as Record<string, unknown>
  const code = fields.errcode ?? fields.code ?? fields.StatusCode
  if (code === undefined || code === 0) return undefined
  const message = fields.errmsg ?? fields.msg ?? fields.StatusMessage ?? ''
  return `平台拒收（错误码 ${String(code)}：${brief(String(message))}）`
}

/** Short and without any address: a webhook's key is a password to its group. */
function brief(text: string): string {
  const flat = text
    .replace(/https?:\/\/\S+/gi, '（地址略）')
    .replace(/\s+/g, ' ')
    .trim()
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat
}

function reasonOf(error: unknown): string {
  return brief(error instanceof Error ? error.message : String(error))
}

/**
 * The 操作日志 result: who was reached and who not, on which channel; the names that match nobody.
 * A name is what someone typed into 人员 or an owner column: on one line and cut short, so that 50
 * of them stay far below what a cell holds (Excel 32,767 characters).
 */
export function deliverySummary(report: DeliveryReport): string {
  const reached = report.outcomes.filter((outcome) => outcome.reached)
  const missed = report.outcomes.filter((outcome) => !outcome.reached)
  const parts = [
    `送达 ${reached.length} 条：${list(reached.map((o) => `${nameOf(o.name)}（${o.channel}）`))}`,
    ...(missed.length > 0
      ? [
          `未送达 ${missed.length} 条：${list(missed.map((o) => `${nameOf(o.name)}（${o.channel}：${o.reason ?? ''}）`))}`,
        ]
      : []),
    ...(report.unmatched.length > 0 ? [`未找到联系人：${list(report.unmatched.map(nameOf))}`] : []),
  ]
  return parts.join('；')
}

const LOGGED_NAME_MAX_CHARS = 40

function nameOf(name: string): string {
  return cutText(plainLine(name).trim(), LOGGED_NAME_MAX_CHARS)
}

function list(items: readonly string[]): string {
  if (items.length === 0) return '无'
  return items.length > 50 ? `${items.slice(0, 50).join('、')} 等 ${items.length} 项` : items.join('、')
}

export const DIGEST_ACTION = '每日提醒推送'

export function logDelivery(port: WorkbookPort, now: Date, actor: string, report: DeliveryReport): void {
  appendLog(port, now, DIGEST_ACTION, actor, deliverySummary(report))
}
