/**
 * Delivery of the digests against a local HTTP server standing in for each platform's robot, and
 * against a mailer with a quota.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type DigestPlan, digestMail, type Person, type PersonDigest } from '../src/app/digest'
import {
  type DeliveryOptions,
  deliverDigests,
  deliverySummary,
  type HttpPost,
  type Mailer,
  platformOf,
} from '../src/app/notify'
import type { IsoDate } from '../src/core/dates'
import { hasControls } from '../src/core/printable'

const TODAY = '2026-03-05' as IsoDate

interface Received {
  readonly path: string
  readonly contentType: string
  readonly body: unknown
}

/** A robot on 127.0.0.1: answers each request with the next of `replies` (the last one repeats). */
async function robot(replies: readonly { status: number; body: string }[]): Promise<{
  base: string
  received: Received[]
  requests: () => number
}> {
  const received: Received[] = []
  let requests = 0
  const server = createServer((request: IncomingMessage, response) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      text += chunk
    })
    request.on('end', () => {
      const reply = replies[Math.min(requests, replies.length - 1)] ?? { status: 200, body: '{}' }
      requests += 1
      if (reply.status < 300)
        received.push({
          path: request.url ?? '',
          contentType: String(request.headers['content-type']),
          body: JSON.parse(text),
        })
      response.writeHead(reply.status, { 'content-type': 'application/json' })
      response.end(reply.body)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { base: `http://127.0.0.1:${port}`, received, requests: () => requests }
}

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

const fetchPost: HttpPost = async (url, body) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  return { status: response.status, text: await response.text() }
}

const OK_WECOM = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' }
const OK_FEISHU = { status: 200, body: '{"code":0,"msg":"success","data":{}}' }

function person(name: string, fields: Partial<Person> = {}): Person {
  return { name, department: '', email: '', webhook: '', secret: '', ...fields }
}

function digestFor(who: Person): PersonDigest {
  return {
    person: who,
    items: [
      {
        finding: {
          sheet: '样件台账',
          row: 2,
          key: 'YJ-1',
          code: 'SAMPLE_EXPIRED',
          severity: 'error',
          message: '样件已过有效期',
          due: '2026-03-01' as IsoDate,
        },
        isNew: true,
      },
    ],
    deferred: 0,
  }
}

function plan(...people: Person[]): DigestPlan {
  return { today: TODAY, digests: people.map(digestFor), unmatched: [] }
}

function options(extra: Partial<DeliveryOptions> = {}): DeliveryOptions & { waits: number[] } {
  const waits: number[] = []
  return { post: fetchPost, sleep: (ms) => void waits.push(ms), waits, ...extra }
}

describe('the webhook payload of each platform, as its robot receives it', () => {
  it('企业微信: msgtype markdown with content', async () => {
    const server = await robot([OK_WECOM])
    const webhook = `${server.base}/cgi-bin/webhook/send?key=abc`
    const report = await deliverDigests(plan(person('张三', { webhook })), options())
    expect(report.outcomes).toEqual([{ name: '张三', channel: '企业微信', reached: true }])
    const [message] = server.received
    expect(message?.path).toBe('/cgi-bin/webhook/send?key=abc')
    expect(message?.contentType).toMatch(/^application\/json/)
    expect(message?.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.any(String) } })
    const content = (message?.body as { markdown?: { content: string } } | undefined)?.markdown?.content
    expect(content).toMatch(/^### 台账每日提醒 · 张三（2026-03-05）/)
    expect(content).toContain('[错误] 样件台账 YJ-1：样件已过有效期（期限 2026-03-01）')
  })

  it('钉钉: msgtype markdown with title and text', async () => {
    const server = await robot([OK_WECOM])
    const webhook = `${server.base}/robot/send?access_token=t0k`
    await deliverDigests(plan(person('李四', { webhook })), options())
    const body = server.received[0]?.body as { msgtype: string; markdown: { title: string; text: string } }
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown'])
    expect(body.msgtype).toBe('markdown')
    expect(body.markdown.title).toBe('台账每日提醒 · 李四（2026-03-05）')
    expect(body.markdown.text).toContain('样件已过有效期')
  })

  it('飞书: an interactive card whose header is the title and whose body is lark_md', async () => {
    const server = await robot([OK_FEISHU])
    const webhook = `${server.base}/open-apis/bot/v2/hook/0a1b`
    const report = await deliverDigests(plan(person('王五', { webhook })), options())
    expect(report.outcomes[0]).toMatchObject({ channel: '飞书', reached: true })
    const body = server.received[0]?.body as {
      msg_type: string
      card: {
        header: { title: { tag: string; content: string } }
        elements: { tag: string; text: { tag: string; content: string } }[]
      }
    }
    expect(body.msg_type).toBe('interactive')
    expect(body.card.header.title).toEqual({
      tag: 'plain_text',
      content: '台账每日提醒 · 王五（2026-03-05）',
    })
    expect(body.card.elements[0]?.text.tag).toBe('lark_md')
    expect(body.card.elements[0]?.text.content).toContain('样件已过有效期')
    expect(body.card.elements[0]?.text.content).not.toContain('###')
  })

  it('knows each platform by its host or its path, and nothing else', () => {
    expect(platformOf('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1')).toBe('wecom')
    expect(platformOf('https://oapi.dingtalk.com/robot/send?access_token=1')).toBe('dingtalk')
    expect(platformOf('https://open.feishu.cn/open-apis/bot/v2/hook/1')).toBe('feishu')
    expect(platformOf('https://open.larksuite.com/open-apis/bot/v2/hook/1')).toBe('feishu')
    expect(platformOf('https://example.com/hook')).toBeUndefined()
    expect(platformOf('ftp://qyapi.weixin.qq.com/x')).toBeUndefined()
    expect(platformOf('张三@example.com')).toBeUndefined()
  })
})

describe('加签: robots with a secret', () => {
  const hmac = (key: string, message: string): string =>
    createHmac('sha256', key).update(message, 'utf8').digest('base64')
  const CLOCK = Date.parse('2026-03-05T00:30:00Z')

  it('钉钉: timestamp (ms) and the URL-encoded sign in the query string', async () => {
    const server = await robot([OK_WECOM])
    const secret = 'SECabc+/='
    const webhook = `${server.base}/robot/send?access_token=t0k`
    const report = await deliverDigests(
      plan(person('李四', { webhook, secret })),
      options({ hmac, clock: () => CLOCK }),
    )
    expect(report.outcomes[0]?.reached).toBe(true)
    const query = new URLSearchParams(server.received[0]?.path.split('?')[1])
    expect(query.get('access_token')).toBe('t0k')
    expect(query.get('timestamp')).toBe(String(CLOCK))
    // The server side of 加签: the same HMAC over timestamp + "\n" + secret, keyed by the secret.
    expect(query.get('sign')).toBe(
      createHmac('sha256', secret).update(`${CLOCK}\n${secret}`).digest('base64'),
    )
  })

  it('飞书: timestamp (s) and sign in the body', async () => {
    const server = await robot([OK_FEISHU])
    const secret = 'feishu-secret'
    const report = await deliverDigests(
      plan(person('王五', { webhook: `${server.base}/open-apis/bot/v2/hook/0a1b`, secret })),
      options({ hmac, clock: () => CLOCK }),
    )
    expect(report.outcomes[0]?.reached).toBe(true)
    const body = server.received[0]?.body as { timestamp: string; sign: string; msg_type: string }
    const seconds = String(CLOCK / 1000)
    expect(body.timestamp).toBe(seconds)
    expect(body.sign).toBe(createHmac('sha256', `${seconds}\n${secret}`).update('').digest('base64'))
    expect(body.msg_type).toBe('interactive')
  })

  it('sends nothing unsigned when a secret is given but cannot be used', async () => {
    const server = await robot([OK_WECOM])
    const report = await deliverDigests(
      plan(
        person('张三', { webhook: `${server.base}/cgi-bin/webhook/send?key=k`, secret: 'x' }),
        person('李四', { webhook: `${server.base}/robot/send?access_token=t`, secret: 'SECx' }),
      ),
      options(),
    )
    expect(server.requests()).toBe(0)
    expect(report.outcomes.map((o) => o.reason)).toEqual(['企业微信机器人不用加签密钥，请清空', '无法加签'])
  })
})

describe('retries', () => {
  it('tries again after a 5xx and delivers the message exactly once', async () => {
    const server = await robot([{ status: 502, body: 'bad gateway' }, { status: 503, body: '' }, OK_WECOM])
    const opts = options()
    const report = await deliverDigests(
      plan(person('张三', { webhook: `${server.base}/cgi-bin/webhook/send?key=k` })),
      opts,
    )
    expect(report.outcomes[0]?.reached).toBe(true)
    expect(server.requests()).toBe(3)
    expect(server.received).toHaveLength(1)
    expect(opts.waits).toEqual([2000, 4000])
  })

  it('gives up after three tries and says so', async () => {
    const server = await robot([{ status: 500, body: '' }])
    const report = await deliverDigests(
      plan(person('张三', { webhook: `${server.base}/robot/send?access_token=t` })),
      options(),
    )
    expect(server.requests()).toBe(3)
    expect(report.outcomes[0]).toMatchObject({ reached: false, reason: '服务器错误 HTTP 500（已重试 2 次）' })
  })

  it('never sends again what got a 2xx, even when the platform refused it', async () => {
    const server = await robot([
      { status: 200, body: '{"errcode":310000,"errmsg":"keywords not in content"}' },
    ])
    const report = await deliverDigests(
      plan(person('李四', { webhook: `${server.base}/robot/send?access_token=t` })),
      options(),
    )
    expect(server.requests()).toBe(1)
    expect(report.outcomes[0]).toMatchObject({
      channel: '钉钉',
      reached: false,
      reason: '平台拒收（错误码 310000：keywords not in content）',
    })
  })

  it('does not try a robot again for the next person once it failed after its retries', async () => {
    const server = await robot([{ status: 500, body: '' }])
    const webhook = `${server.base}/cgi-bin/webhook/send?key=shared`
    const report = await deliverDigests(
      plan(person('张三', { webhook }), person('李四', { webhook })),
      options(),
    )
    expect(server.requests()).toBe(3)
    expect(report.outcomes.map((o) => [o.name, o.reached, o.reason])).toEqual([
      ['张三', false, '服务器错误 HTTP 500（已重试 2 次）'],
      ['李四', false, '服务器错误 HTTP 500（已重试 2 次）'],
    ])
  })

  it('begins no digest once the deadline has passed, and says who is left', async () => {
    const server = await robot([OK_WECOM])
    const webhook = `${server.base}/cgi-bin/webhook/send?key=k`
    let asked = 0
    const report = await deliverDigests(
      plan(person('张三', { webhook }), person('李四', { webhook }), person('王五', { webhook })),
      options({ deadline: () => ++asked > 1 }),
    )
    expect(server.requests()).toBe(1)
    expect(deliverySummary(report)).toBe(
      '送达 1 条：张三（企业微信）；未送达 2 条：李四（—：本次运行的时间已用完）、王五（—：本次运行的时间已用完）',
    )
  })

  it('keeps to 20 messages a minute for one robot, waiting for the 21st', async () => {
    let now = 0
    const postedAt: number[] = []
    const post: HttpPost = () => {
      postedAt.push(now)
      now += 500
      return { status: 200, text: '{"errcode":0,"errmsg":"ok"}' }
    }
    const webhook = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=shared'
    const people = Array.from({ length: 25 }, (_, index) => person(`员工${index + 1}`, { webhook }))
    const report = await deliverDigests(plan(...people), {
      post,
      clock: () => now,
      sleep: (ms) => {
        now += ms
      },
    })
    expect(report.outcomes.every((o) => o.reached)).toBe(true)
    expect(postedAt).toHaveLength(25)
    // Any 21 posts in a row span more than a minute.
    for (let first = 0; first + 20 < postedAt.length; first++)
      expect((postedAt[first + 20] ?? 0) - (postedAt[first] ?? 0)).toBeGreaterThanOrEqual(60_000)
    expect(postedAt[19]).toBe(19 * 500)
  })

  it('does not retry a 4xx', async () => {
    const server = await robot([{ status: 404, body: 'not found' }])
    const report = await deliverDigests(
      plan(person('张三', { webhook: `${server.base}/cgi-bin/webhook/send?key=k` })),
      options(),
    )
    expect(server.requests()).toBe(1)
    expect(report.outcomes[0]?.reason).toBe('HTTP 404：not found')
  })

  it('never names the webhook address (its key) in the reason of a failure', async () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY'
    const post: HttpPost = () => {
      throw new Error(`Address unavailable: ${url}`)
    }
    const report = await deliverDigests(plan(person('张三', { webhook: url })), options({ post }))
    expect(deliverySummary(report)).toContain('网络错误：Address unavailable: （地址略）')
    expect(deliverySummary(report)).not.toContain('SECRET-KEY')
  })

  it('retries a network error', async () => {
    let calls = 0
    const post: HttpPost = () => {
      calls += 1
      if (calls === 1) throw new Error('ECONNRESET')
      return { status: 200, text: '{"errcode":0,"errmsg":"ok"}' }
    }
    const report = await deliverDigests(
      plan(person('张三', { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' })),
      options({ post }),
    )
    expect(calls).toBe(2)
    expect(report.outcomes[0]?.reached).toBe(true)
  })
})

class QuotaMailer implements Mailer {
  readonly sent: { to: string; subject: string; body: string }[] = []
  constructor(private quota: number) {}
  remainingQuota(): number {
    return this.quota
  }
  send(to: string, subject: string, body: string): void {
    if (this.quota < 1) throw new Error('Service invoked too many times for one day: email.')
    this.quota -= 1
    this.sent.push({ to, subject, body })
  }
}

describe('e-mail within the daily quota', () => {
  it('stops cleanly when the quota runs out and names who was not reached', async () => {
    const mailer = new QuotaMailer(2)
    const report = await deliverDigests(
      plan(
        person('张三', { email: 'a@example.com' }),
        person('李四', { email: 'b@example.com' }),
        person('王五', { email: 'c@example.com' }),
      ),
      options({ mailer, post: undefined }),
    )
    expect(mailer.sent.map((mail) => mail.to)).toEqual(['a@example.com', 'b@example.com'])
    expect(report.outcomes.map((o) => [o.name, o.reached])).toEqual([
      ['张三', true],
      ['李四', true],
      ['王五', false],
    ])
    expect(deliverySummary(report)).toBe(
      '送达 2 条：张三（邮件）、李四（邮件）；未送达 1 条：王五（邮件：今日邮件配额已用完）',
    )
  })

  it('sends each person one mail holding all their findings, and still posts to a webhook after the quota', async () => {
    const server = await robot([OK_WECOM])
    const mailer = new QuotaMailer(0)
    const report = await deliverDigests(
      plan(person('张三', { email: 'a@example.com', webhook: `${server.base}/cgi-bin/webhook/send?key=k` })),
      options({ mailer }),
    )
    expect(report.outcomes.map((o) => [o.channel, o.reached])).toEqual([
      ['邮件', false],
      ['企业微信', true],
    ])
  })

  it('says why someone without a usable contact was not reached', async () => {
    const report = await deliverDigests(
      {
        today: TODAY,
        digests: [digestFor(person('赵六')), digestFor(person('孙七', { email: 'x@example.com' }))],
        unmatched: ['周八'],
      },
      options({ post: fetchPost }),
    )
    expect(deliverySummary(report)).toBe(
      '送达 0 条：无；未送达 2 条：赵六（—：“人员”表中没有邮箱或 webhook）、孙七（—：只填了邮箱，命令行不发邮件（请填 webhook））；未找到联系人：周八',
    )
  })
})

/**
 * What a clerk may type or paste into a 样件编号, a 说明 or a 姓名: markdown and each platform's own
 * syntax, line breaks, terminal escapes, the right-to-left override, emoji, a page of text.
 */
const HOSTILE = [
  '[点我](http://evil.example)',
  '![x](http://evil/img)',
  '<font color="warning">红字</font>',
  '<at user_id="all">所有人</at>',
  '<@zhangsan>',
  '@all',
  '\n# 标题\n> 引用\n- 列表',
  '**粗体** __下划线__ ~~删除~~',
  '`代码` ```块```',
  '\u202egnp.exe',
  '\u001b[31m红\u001b[0m',
  '| a | b |\r\n|---|---|',
  'A&lt;b&gt; \\*x\\*',
].join(' ')

function hostileDigest(who: Person, count: number, message: string): PersonDigest {
  return {
    person: who,
    items: Array.from({ length: count }, (_, index) => ({
      finding: {
        sheet: '样件台账',
        row: index + 2,
        key: `YJ-${index}${HOSTILE}`,
        code: `RULE_${index}`,
        severity: 'warning' as const,
        message: `第 ${index} 条：${message}`,
        due: null,
      },
      isNew: index % 2 === 0,
    })),
    deferred: 0,
  }
}

/** The markdown a robot received, by platform. */
function markdownOf(body: unknown): string {
  const fields = body as {
    markdown?: { content?: string; text?: string }
    card?: { elements: { text: { content: string } }[] }
  }
  return fields.markdown?.content ?? fields.markdown?.text ?? fields.card?.elements[0]?.text.content ?? ''
}

/** A long 说明 repeats this: letters, a family emoji (a ZWJ sequence), an e with its accent. */
const UNIT = '很长的说明👨‍👩‍👧‍👦e\u0301'
/** Where a cut may fall within UNIT: between whole characters only. */
const UNIT_PREFIXES = ['', '很', '很长', '很长的', '很长的说', '很长的说明', '很长的说明👨‍👩‍👧‍👦']

const ROBOTS = [
  { label: '企业微信', path: '/cgi-bin/webhook/send?key=k', reply: OK_WECOM },
  { label: '钉钉', path: '/robot/send?access_token=t', reply: OK_WECOM },
  { label: '飞书', path: '/open-apis/bot/v2/hook/h', reply: OK_FEISHU },
] as const

describe('hostile user text in a robot message', () => {
  for (const { label, path, reply } of ROBOTS) {
    it(`${label}: makes no link, image, mention, tag, heading or emphasis, and stays one line per finding`, async () => {
      const server = await robot([reply])
      const who = person(`张三${HOSTILE}`, { webhook: `${server.base}${path}` })
      const report = await deliverDigests(
        { today: TODAY, digests: [hostileDigest(who, 3, HOSTILE)], unmatched: [] },
        options(),
      )
      expect(report.outcomes[0]).toMatchObject({ reached: true })
      expect(server.received).toHaveLength(1)
      const text = markdownOf(server.received[0]?.body)
      const lines = text.split('\n')
      // The tool's own lines only: its heading (not on 飞书, whose card header is the title), the
      // count, one line per finding, its closing quote.
      const findings = lines.filter((line) => line.startsWith('- '))
      expect(findings).toHaveLength(3)
      expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(label === '飞书' ? 0 : 1)
      expect(lines.filter((line) => line.startsWith('>'))).toEqual(['> 详情见工作簿“提醒汇总”'])
      expect(lines.length).toBe(findings.length + (label === '飞书' ? 2 : 4))
      // Past the tool's own markup (**新增**, [警告]), no markdown character is left.
      const typed = findings.map((line) => line.replace(/^- (\*\*新增\*\* )?\[(错误|警告|提示)\] /, ''))
      for (const line of [...typed, lines[0] ?? '']) expect(line).not.toMatch(/[<>[\]`|\\@&*_~]/)
      expect(text).not.toMatch(/https?:\/\//)
      expect(hasControls(text.replaceAll('\n', ''))).toBe(false)
      // What was typed is still there to read.
      expect(text).toContain('［点我］(http：//evil.example)')
      expect(text).toContain('＜at user＿id="all"＞所有人＜/at＞')
      expect(text).toContain('＠all')
      expect(text).toContain('gnp.exe')
    })
  }

  it('钉钉 and 飞书: the title is the name on one line, without its controls', async () => {
    const dingtalk = await robot([OK_WECOM])
    const feishu = await robot([OK_FEISHU])
    const name = '张三\u202e\n<at user_id="all">'
    await deliverDigests(
      {
        today: TODAY,
        digests: [
          hostileDigest(person(name, { webhook: `${dingtalk.base}/robot/send?access_token=t` }), 1, 'x'),
          hostileDigest(person(name, { webhook: `${feishu.base}/open-apis/bot/v2/hook/h` }), 1, 'x'),
        ],
        unmatched: [],
      },
      options(),
    )
    const title = (dingtalk.received[0]?.body as { markdown?: { title: string } } | undefined)?.markdown
      ?.title
    expect(title).toBe('台账每日提醒 · 张三 <at user_id="all">（2026-03-05）')
    const card = feishu.received[0]?.body as { card: { header: { title: { tag: string; content: string } } } }
    // 飞书 shows a plain_text header as it is: nothing in it is markup.
    expect(card.card.header.title).toEqual({ tag: 'plain_text', content: title })
  })

  it('a long digest: each message within the platform limits, at most 5, and the rest counted', async () => {
    const longName = '名'.repeat(4000)
    const longMessage = UNIT.repeat(800)
    for (const { label, path, reply } of ROBOTS) {
      const server = await robot([reply])
      const who = person(longName, { webhook: `${server.base}${path}` })
      const report = await deliverDigests(
        { today: TODAY, digests: [hostileDigest(who, 400, longMessage)], unmatched: [] },
        options(),
      )
      expect(report.outcomes[0], label).toMatchObject({ reached: true })
      expect(server.received.length, label).toBeGreaterThan(1)
      expect(server.received.length, label).toBeLessThanOrEqual(5)
      let listed = 0
      for (const { body } of server.received) {
        const text = markdownOf(body)
        // 企业微信: markdown.content at most 4096 bytes; 钉钉: a body of at most 20,000 bytes; 飞书: 20 KB.
        expect(Buffer.byteLength(text, 'utf8'), label).toBeLessThanOrEqual(4096)
        expect(Buffer.byteLength(JSON.stringify(body), 'utf8'), label).toBeLessThanOrEqual(20_000)
        listed += text.split('\n').filter((line) => line.startsWith('- ')).length
        // A cut never splits an emoji, a ZWJ sequence or a letter from its accent.
        for (const line of text.split('\n'))
          if (line.endsWith('…')) {
            const cut =
              line
                .slice(line.indexOf('条：') + 2, -1)
                .split(UNIT)
                .at(-1) ?? ''
            expect(UNIT_PREFIXES, label).toContain(cut)
          }
        expect(text).not.toContain('\ufffd')
      }
      const last = markdownOf(server.received[server.received.length - 1]?.body)
      expect(last.split('\n').at(-1), label).toBe(`> 还有 ${400 - listed} 条，请打开台账查看“提醒汇总”`)
      expect(listed, label).toBeGreaterThan(0)
    }
  })
})

describe('hostile user text in a mail', () => {
  it('is plain text on one line per finding, without controls or direction overrides', () => {
    const { subject, body } = digestMail(hostileDigest(person(`张三${HOSTILE}`), 2, HOSTILE), TODAY)
    expect(subject).toBe('台账每日提醒（2026-03-05）：2 条，新增 1 条')
    const lines = body.split('\n')
    expect(lines.filter((line) => /^\d+\. /.test(line))).toHaveLength(2)
    expect(lines).toHaveLength(2 + 5 + 2 + 2)
    expect(hasControls(body.replaceAll('\n', ''))).toBe(false)
    // Plain text shows markdown as typed: nothing renders it.
    expect(body).toContain('[点我](http://evil.example)')
  })
})

describe('the 操作日志 line of a delivery', () => {
  it('stays one line, far below a cell’s 32,767 characters, however long the names typed', async () => {
    const long = (index: number): string => `${index}${'名'.repeat(4000)}\n第二行`
    const report = await deliverDigests(
      {
        today: TODAY,
        digests: Array.from({ length: 60 }, (_, index) => digestFor(person(long(index)))),
        unmatched: Array.from({ length: 60 }, (_, index) => long(index)),
      },
      options({ post: fetchPost }),
    )
    const summary = deliverySummary(report)
    expect(summary.length).toBeLessThan(10_000)
    expect(summary).not.toContain('\n')
    expect(summary).toContain('未送达 60 条：0名')
    expect(summary).toContain('等 60 项')
  })
})
