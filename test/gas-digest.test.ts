/**
 * 每日提醒推送 in Sheets: the daily trigger's check, then MailApp within its quota and UrlFetchApp to
 * the robots, over the stand-ins of gas-fakes.ts; a check split over several runs sends once, at
 * its end. The bundle test (gas-bundle.test.ts) runs the same through dist/Code.js.
 */
import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { createHandlers } from '../src/hosts/gas/handlers'
import { CONTINUE_HANDLER } from '../src/hosts/gas/triggers'
import { demoWithPeople } from './support/gas-digest-environment'
import type { GasEnvironment } from './support/gas-fakes'
import { servicesOf } from './support/gas-services'

const SEVEN_AM = Date.parse('2026-03-04T23:00:00Z')
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=chen'

const THREE_BY_MAIL_ONE_BY_ROBOT = [
  ['王立', '质量部', 'wang@example.com', ''],
  ['赵敏', '质量部', 'zhao@example.com', ''],
  ['刘洋', '销售部', 'liu@example.com', ''],
  ['陈志远', '销售部', '', WECOM],
]

function digestLogLines(env: GasEnvironment): string[] {
  return env.spreadsheet
    .sheet(TEMPLATES.log.name)
    .snapshot()
    .filter((line) => line[1] === '每日提醒推送')
    .map((line) => String(line[3]))
}

/** Services whose clock moves on by `step` ms at each reading (setStep changes it). */
function ticking(env: GasEnvironment, step: number) {
  let now = SEVEN_AM
  let by = step
  const services = servicesOf(env, {
    now: () => {
      const instant = new Date(now)
      now += by
      return instant
    },
  })
  return Object.assign(services, {
    setStep: (next: number) => {
      by = next
    },
  })
}

const pending = (env: GasEnvironment): boolean =>
  env.scriptApp.triggers.some((trigger) => trigger.handler === CONTINUE_HANDLER)

describe('每日提醒推送 after the daily check', () => {
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('mails each person while the quota lasts, posts to the robot, and logs who was not reached', async () => {
    const env = demoWithPeople('是', THREE_BY_MAIL_ONE_BY_ROBOT)
    env.mailApp.quota = 2
    await createHandlers(ticking(env, 0)).dailyCheck()
    expect(env.mailApp.sent.map((mail) => mail.to)).toEqual(['wang@example.com', 'zhao@example.com'])
    expect(env.mailApp.sent[0]?.subject).toMatch(/^台账每日提醒（2026-03-05）：\d+ 条，新增 \d+ 条$/)
    expect(env.mailApp.sent[0]?.body).toMatch(/^王立，您好：/)
    expect(env.mailApp.sent[0]?.body).not.toContain('赵敏')
    expect(env.urlFetchApp.fetched).toHaveLength(1)
    const [fetch] = env.urlFetchApp.fetched
    expect(fetch?.url).toBe(WECOM)
    expect(fetch?.muteHttpExceptions).toBe(true)
    expect(JSON.parse(fetch?.payload ?? '{}')).toMatchObject({ msgtype: 'markdown' })
    const [line] = digestLogLines(env)
    expect(digestLogLines(env)).toHaveLength(1)
    expect(line).toContain('送达 3 条：王立（邮件）、赵敏（邮件）、陈志远（企业微信）')
    expect(line).toContain('未送达 1 条：刘洋（邮件：今日邮件配额已用完）')
    // No message body in 操作日志.
    expect(line).not.toContain('样件台账')
  })

  it('sends nothing while 每日提醒推送 is left blank', async () => {
    const env = demoWithPeople('', THREE_BY_MAIL_ONE_BY_ROBOT)
    await createHandlers(ticking(env, 0)).dailyCheck()
    expect(env.mailApp.sent).toEqual([])
    expect(env.urlFetchApp.fetched).toEqual([])
    expect(digestLogLines(env)).toEqual([])
  })

  it('sends once, when a check split over several runs is complete', async () => {
    const env = demoWithPeople('是', THREE_BY_MAIL_ONE_BY_ROBOT)
    // 40 seconds pass at each reading of the clock: the first run stops after a few ledgers.
    const services = ticking(env, 40_000)
    const handlers = createHandlers(services)
    await handlers.dailyCheck()
    expect(pending(env)).toBe(true)
    expect(env.mailApp.sent).toEqual([])
    // The continuation has time enough for the rest and for the digests.
    services.setStep(0)
    await handlers.continueCheck()
    expect(pending(env)).toBe(false)
    expect(env.mailApp.sent).toHaveLength(3)
    expect(env.urlFetchApp.fetched).toHaveLength(1)
    expect(digestLogLines(env)).toHaveLength(1)
  })

  it('calls new, in a split check, what 提醒汇总 lacked before its first run', async () => {
    const env = demoWithPeople('是', [['陈志远', '销售部', 'chen@example.com', '']])
    await createHandlers(ticking(env, 0)).dailyCheck()
    expect(env.mailApp.sent[0]?.subject).toBe('台账每日提醒（2026-03-05）：3 条，新增 3 条')
    env.mailApp.sent.length = 0
    // Someone empties 提醒汇总: every finding is new again. The check then needs several runs, and the
    // runs before the last rewrite 提醒汇总 with 客户走访记录's findings.
    const alerts = env.spreadsheet.sheet(TEMPLATES.alerts.name)
    const header = alerts.snapshot()[0] ?? []
    alerts.clearContents()
    alerts.getRange(1, 1, 1, header.length).setValues([header])
    const services = ticking(env, 40_000)
    const handlers = createHandlers(services)
    await handlers.dailyCheck()
    // What the test is about: the first run wrote 客户走访记录's findings, and the check goes on.
    expect(pending(env)).toBe(true)
    expect(alerts.snapshot().some((row) => row[0] === TEMPLATES.visits.name)).toBe(true)
    services.setStep(0)
    await handlers.continueCheck()
    expect(pending(env)).toBe(false)
    expect(env.mailApp.sent.map((mail) => mail.subject)).toEqual([
      '台账每日提醒（2026-03-05）：3 条，新增 3 条',
    ])
    expect(
      env.properties.document.getKeys().filter((key) => key.startsWith('taizhang.digestBefore')),
    ).toEqual([])
  })

  it('takes a finding 提醒汇总 held under its id as typed before (yj-001 for YJ-001) for no new one', async () => {
    const env = demoWithPeople('是', [['陈志远', '销售部', 'chen@example.com', '']])
    await createHandlers(ticking(env, 0)).dailyCheck()
    const [first] = env.mailApp.sent
    expect(first?.subject).toBe('台账每日提醒（2026-03-05）：3 条，新增 3 条')
    // The first finding of the mail, as `1. [级别] 台账 编号：…`.
    const [, sheet, key] = /^1\. \[[^\]]+\] (\S+) (\S+)：/m.exec(first?.body ?? '') ?? []
    expect(key).toMatch(/[A-Z]/)
    env.mailApp.sent.length = 0
    // 提醒汇总 as a check left it when the ids were typed in lower case, the first finding deferred.
    const alerts = env.spreadsheet.sheet(TEMPLATES.alerts.name)
    const [header = [], ...rows] = alerts.snapshot()
    const at = (name: string): number => header.indexOf(name)
    rows.forEach((cells, index) => {
      const ours = cells[at('台账')] === sheet && cells[at('编号')] === key
      alerts.getRange(index + 2, at('编号') + 1, 1, 1).setValues([[String(cells[at('编号')]).toLowerCase()]])
      if (ours) alerts.getRange(index + 2, at('暂缓至') + 1, 1, 1).setValues([['2026-03-05']])
    })
    await createHandlers(ticking(env, 0)).dailyCheck()
    const [second] = env.mailApp.sent
    expect(second?.subject).toBe('台账每日提醒（2026-03-05）：2 条，新增 0 条')
    expect(second?.body).toContain('另有 1 条已暂缓，未列出')
    expect(second?.body).not.toContain(`${sheet} ${key}：`)
  })

  it('signs a 钉钉 robot with its 加签密钥 through Utilities.computeHmacSha256Signature', async () => {
    const secret = 'SEC0123456789'
    const env = demoWithPeople('是', [
      ['陈志远', '', '', 'https://oapi.dingtalk.com/robot/send?access_token=t'],
    ])
    env.spreadsheet
      .sheet(TEMPLATES.people.name)
      .getRange(1, 5, 2, 1)
      .setValues([['加签密钥'], [secret]])
    await createHandlers(ticking(env, 0)).dailyCheck()
    const query = new URLSearchParams(env.urlFetchApp.fetched[0]?.url.split('?')[1])
    expect(query.get('timestamp')).toBe(String(SEVEN_AM))
    expect(query.get('sign')).toBe(
      createHmac('sha256', secret).update(`${SEVEN_AM}\n${secret}`).digest('base64'),
    )
  })

  it('retries a robot that answers 5xx and delivers once', async () => {
    const env = demoWithPeople('是', [['陈志远', '', '', WECOM]])
    env.urlFetchApp.replies = [
      { status: 503, body: 'busy' },
      { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
    ]
    await createHandlers(ticking(env, 0)).dailyCheck()
    expect(env.urlFetchApp.fetched).toHaveLength(2)
    expect(env.utilities.sleeps).toEqual([2000])
    expect(digestLogLines(env)).toHaveLength(1)
    expect(digestLogLines(env)[0]).toMatch(/^送达 1 条：陈志远（企业微信）/)
  })

  it('a hostile 样件编号 reaches the robot as text and the mail as plain text, on one line', async () => {
    const env = demoWithPeople('是', [
      ['王立', '质量部', 'wang@example.com', ''],
      ['陈志远', '销售部', '', WECOM],
    ])
    // Every sample: an id a clerk pasted (a link, a mention, a tag, a line break, an RTL override),
    // kept by 陈志远 (robot) or 王立 (mail).
    const samples = env.spreadsheet.sheet(TEMPLATES.samples.name)
    const header = samples.snapshot()[0] ?? []
    const id = header.indexOf('样件编号') + 1
    const keeper = header.indexOf('保管人') + 1
    const count = samples.snapshot().length - 1
    for (let row = 2; row <= count + 1; row++) {
      samples.getRange(row, id, 1, 1).setValues([[`YJ${row}[x](http://e.x)<at id=all>\n#标\u202e题`]])
      samples.getRange(row, keeper, 1, 1).setValues([[row % 2 === 0 ? '陈志远' : '王立']])
    }
    await createHandlers(ticking(env, 0)).dailyCheck()

    const [fetch] = env.urlFetchApp.fetched
    const content =
      (JSON.parse(fetch?.payload ?? '{}') as { markdown?: { content?: string } }).markdown?.content ?? ''
    expect(content).toMatch(/样件台账 YJ\d+［x］\(http：\/\/e\.x\)＜at id=all＞ ＃标题：/)
    expect(content).not.toMatch(/\]\(|<at|https?:\/\/|\u202e|^# /m)
    const [mail] = env.mailApp.sent
    expect(mail).not.toHaveProperty('htmlBody')
    expect(mail?.body).toMatch(/样件台账 YJ\d+\[x\]\(http:\/\/e\.x\)<at id=all> #标题：/)
    expect(mail?.body).not.toMatch(/\u202e|^# /m)
  })
})
