/**
 * `taizhang check --notify` end to end: the demo workbook, 人员 rows added with openpyxl (as a user's
 * Excel would), and a local HTTP server standing in for the group robots.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { displayCell } from '../src/core/cells'
import { hasControls } from '../src/core/printable'
import { openWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { inProcess } from './support/cli-process'
import { PYTHON } from './support/openpyxl'

const NOW = new Date('2026-03-05T00:30:00Z')

interface Post {
  readonly path: string
  readonly body: Record<string, unknown>
}

let dir: string
let server: Server
let base: string
const posts: Post[] = []

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'taizhang-notify-'))
  server = createServer((request, response) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      text += chunk
    })
    request.on('end', () => {
      posts.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown> })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        request.url?.startsWith('/open-apis') ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}',
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

/** A demo workbook whose 人员 names 王立 (企业微信), 李娜 (钉钉), 陈志远 (飞书) and 刘洋 (mail only). */
async function demoWithPeople(name: string, switchValue: string | null): Promise<string> {
  const file = path.join(dir, name)
  const made = await inProcess(NOW, 'init', file, '--demo')
  expect(made.status).toBe(0)
  const people = [
    ['王立', '质量部', '', `${base}/cgi-bin/webhook/send?key=wang`],
    ['李娜', '销售部', '', `${base}/robot/send?access_token=li`],
    ['陈志远', '销售部', '', `${base}/open-apis/bot/v2/hook/chen`],
    ['刘洋', '销售部', 'liu@example.com', ''],
  ]
  execFileSync(PYTHON, [
    '-c',
    `
import json, sys, openpyxl
path, people, value = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
wb = openpyxl.load_workbook(path)
for row in people: wb['人员'].append(row)
ws = wb['参数']
for row in ws.iter_rows(min_row=2):
    if row[0].value == '每日提醒推送': row[1].value = value
wb.save(path)
`,
    file,
    JSON.stringify(people),
    JSON.stringify(switchValue),
  ])
  return file
}

async function logLines(file: string): Promise<string[][]> {
  const workbook = await openWorkbookFile(file, { readOnly: true })
  return (workbook.readTab('操作日志')?.rows ?? []).map((row) => row.map((cell) => displayCell(cell)))
}

describe('taizhang check --notify', () => {
  it('posts each owner their own findings, once, and logs who was reached', async () => {
    posts.length = 0
    const file = await demoWithPeople('on.xlsx', '是')
    const run = await inProcess(NOW, 'check', file, '--today', '2026-03-05', '--notify', '--actor', '周敏')
    expect(run.status).toBe(0)
    const paths = posts.map((post) => post.path.split('?')[0])
    expect(new Set(paths)).toEqual(
      new Set(['/cgi-bin/webhook/send', '/robot/send', '/open-apis/bot/v2/hook/chen']),
    )
    // One message per person (the demo's digests fit in one part each).
    expect(paths).toHaveLength(3)
    const wang = posts.find((post) => post.path.includes('key=wang'))?.body as {
      markdown: { content: string }
    }
    expect(wang.markdown.content).toContain('台账每日提醒 · 王立（2026-03-05）')
    expect(wang.markdown.content).not.toContain('李娜')
    expect(run.stderr).toContain('已推送：王立（企业微信）')
    expect(run.stderr).toContain('未送达：刘洋（—）：只填了邮箱，命令行不发邮件（请填 webhook）')
    const lines = await logLines(file)
    const last = lines.at(-1) ?? []
    expect(last[1]).toBe('每日提醒推送')
    // The check's line and the digests' line name the same 执行人.
    expect([lines.at(-2)?.[1], lines.at(-2)?.[2], last[2]]).toEqual([
      '检查（截至 2026-03-05）',
      '周敏',
      '周敏',
    ])
    expect(last[3]).toMatch(/^送达 3 条：.*王立（企业微信）/)
    expect(last[3]).toContain('未找到联系人：')
    expect(last[3]).not.toContain('样件')
  })

  it('sends nothing and says why when 每日提醒推送 is not 是', async () => {
    posts.length = 0
    const file = await demoWithPeople('off.xlsx', null)
    const run = await inProcess(NOW, 'check', file, '--today', '2026-03-05', '--notify')
    expect(run.status).toBe(0)
    expect(posts).toEqual([])
    expect(run.stderr).toContain('参数“每日提醒推送”未填写，不推送提醒（填“是”才推送）')
    expect((await logLines(file)).some((line) => line[1] === '每日提醒推送')).toBe(false)
  })

  it('sends nothing without --notify, though the switch is on', async () => {
    posts.length = 0
    const file = await demoWithPeople('no-flag.xlsx', '是')
    expect((await inProcess(NOW, 'check', file, '--today', '2026-03-05')).status).toBe(0)
    expect(posts).toEqual([])
  })

  it('--dry-run --notify prints what would be sent and sends nothing', async () => {
    posts.length = 0
    const file = await demoWithPeople('dry.xlsx', '是')
    const run = await inProcess(NOW, 'check', file, '--today', '2026-03-05', '--notify', '--dry-run')
    expect(run.status).toBe(0)
    expect(posts).toEqual([])
    expect(run.stdout).toContain('—— 将推送给 王立 企业微信 ——')
    expect(run.stdout).toContain('### 台账每日提醒 · 王立（2026-03-05）')
    expect((await logLines(file)).some((line) => line[1] === '每日提醒推送')).toBe(false)
  })

  it('--json --dry-run --notify keeps stdout for the JSON and shows the preview on stderr', async () => {
    posts.length = 0
    const file = await demoWithPeople('json.xlsx', '是')
    const run = await inProcess(
      NOW,
      'check',
      file,
      '--today',
      '2026-03-05',
      '--notify',
      '--dry-run',
      '--json',
    )
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ today: '2026-03-05' })
    expect(run.stderr).toContain('—— 将推送给 王立 企业微信 ——')
    expect(posts).toEqual([])
  })

  it('says so when the workbook has no 人员 tab (made before it existed)', async () => {
    posts.length = 0
    const file = await demoWithPeople('old.xlsx', '是')
    execFileSync(PYTHON, [
      '-c',
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
del wb['人员']
wb.save(sys.argv[1])
`,
      file,
    ])
    const run = await inProcess(NOW, 'check', file, '--today', '2026-03-05', '--notify')
    expect(run.status).toBe(0)
    expect(posts).toEqual([])
    expect(run.stderr).toContain('工作簿没有“人员”工作表，请先运行“taizhang init”补齐，再填写收件人')
    expect(run.stderr).toContain('未找到联系人：王立')
  })

  it('keeps the exit status of the check when no robot answers', async () => {
    const file = await demoWithPeople('down.xlsx', '是')
    execFileSync(PYTHON, [
      '-c',
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for row in wb['人员'].iter_rows(min_row=2):
    if row[3].value: row[3].value = 'http://127.0.0.1:9/cgi-bin/webhook/send?key=closed'
wb.save(sys.argv[1])
`,
      file,
    ])
    const run = await inProcess(NOW, 'check', file, '--today', '2026-03-05', '--notify')
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/未送达：王立（企业微信）：网络错误/)
  }, 60_000)

  it('a 姓名 holding terminal controls is printed escaped, and reaches the robot without them', async () => {
    posts.length = 0
    const file = await demoWithPeople('controls.xlsx', '是')
    // 王立, wherever the workbook names him, becomes 王立 + an 8-bit CSI “clear screen” + RTL override.
    execFileSync(PYTHON, [
      '-c',
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == '王立': cell.value = '王立\u009b2J\u202e'
wb.save(sys.argv[1])
`,
      file,
    ])
    const run = await inProcess(NOW, 'check', file, '--today', '2026-03-05', '--notify')
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('已推送：王立\\u009b2J\\u202e（企业微信）')
    expect(hasControls(run.stderr.replaceAll('\n', ''))).toBe(false)
    expect(hasControls(run.stdout.replaceAll('\n', ''))).toBe(false)
    const wang = posts.find((post) => post.path.includes('key=wang'))?.body as {
      markdown: { content: string }
    }
    expect(wang.markdown.content).toContain('台账每日提醒 · 王立2J（2026-03-05）')
    const last = (await logLines(file)).at(-1) ?? []
    expect(last[3]).toContain('王立2J（企业微信）')
  })
})
