/**
 * `taizhang check --notify`: after the check has written the workbook, the digests go to the group
 * robots of 人员 (the CLI sends no e-mail). Off unless 参数 每日提醒推送 is 是. A send that fails is
 * logged and told on stderr; it never changes the check's exit status, since the check itself did
 * its work. `--dry-run --notify` prints what would be sent and sends nothing.
 */
import { createHmac } from 'node:crypto'
import {
  type AlertsSnapshot,
  DIGEST_ON,
  DIGEST_SWITCH,
  digestMarkdown,
  digestSwitch,
  planDigests,
} from '../app/digest'
import { deliverDigests, type HttpPost, logDelivery, PLATFORM_LABEL, platformOf } from '../app/notify'
import { TEMPLATES } from '../app/tabs'
import type { CheckReport } from '../app/types'
import type { WorkbookPort } from '../app/workbook-port'

/** One request may take this long before it counts as a network error (and is retried). */
const REQUEST_TIMEOUT_MS = 15_000

export interface NotifyIo {
  readonly progress: (text: string) => void
  readonly line: (text: string) => void
  readonly now: () => Date
  readonly actor: string
}

/** Sends (or, on a dry run, prints) the digests; returns whether the workbook has a new 操作日志 line to save. */
export async function notifyAfterCheck(
  workbook: WorkbookPort,
  report: CheckReport,
  before: AlertsSnapshot,
  dryRun: boolean,
  io: NotifyIo,
): Promise<boolean> {
  const switched = digestSwitch(workbook)
  if (!switched.on) {
    const value = switched.value === '' ? '未填写' : `为“${switched.value}”`
    io.progress(`参数“${DIGEST_SWITCH}”${value}，不推送提醒（填“${DIGEST_ON}”才推送）`)
    return false
  }
  if (!workbook.tabNames().includes(TEMPLATES.people.name))
    io.progress(`工作簿没有“${TEMPLATES.people.name}”工作表，请先运行“taizhang init”补齐，再填写收件人`)
  const plan = planDigests(workbook, report.findings, before, report.today)
  for (const name of plan.unmatched) io.progress(`未找到联系人：${name}（“人员”表中没有这个姓名）`)
  if (plan.digests.length === 0) {
    io.progress('没有需要推送给个人的提醒')
    if (dryRun || plan.unmatched.length === 0) return false
  }
  if (dryRun) {
    for (const digest of plan.digests) {
      const platform = platformOf(digest.person.webhook)
      const to = platform
        ? PLATFORM_LABEL[platform]
        : digest.person.webhook === ''
          ? '（没有 webhook，不发送）'
          : '（webhook 地址无法识别，不发送）'
      io.line(`\n—— 将推送给 ${digest.person.name} ${to} ——`)
      for (const part of digestMarkdown(digest, report.today).parts) io.line(part)
    }
    return false
  }
  io.progress(`正在推送提醒给 ${plan.digests.length} 人…`)
  const delivered = await deliverDigests(plan, {
    post: nodePost,
    hmac: (key, message) => createHmac('sha256', key).update(message, 'utf8').digest('base64'),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  })
  for (const outcome of delivered.outcomes)
    io.progress(
      outcome.reached
        ? `已推送：${outcome.name}（${outcome.channel}）`
        : `未送达：${outcome.name}（${outcome.channel}）：${outcome.reason ?? ''}`,
    )
  logDelivery(workbook, io.now(), io.actor, delivered)
  return true
}

const nodePost: HttpPost = async (url, body) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  return { status: response.status, text: await response.text() }
}
