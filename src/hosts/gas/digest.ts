/**
 * 每日提醒推送 in Sheets: once the daily check is complete, each person of 人员 gets their findings
 * by MailApp, one mail each while getRemainingDailyQuota() lasts, and by UrlFetchApp to their group
 * robot. Off unless 参数 每日提醒推送 is 是. A check split over several runs sends once, at its last
 * run; what counts as new is 提醒汇总 before its first run, kept meanwhile in the document
 * properties (the runs in between rewrite 提醒汇总). Whatever fails here is logged; the check's
 * results are already written.
 */
import { type AlertsSnapshot, digestSwitch, planDigests, snapshotAlerts } from '../../app/digest'
import { deliverDigests, logDelivery, type Mailer } from '../../app/notify'
import type { CheckReport } from '../../app/types'
import type { IsoDate } from '../../core/dates'
import { chunksOf, gunzipJson, gzipJson } from './check-progress'
import { type GasServices, todayIn } from './services'
import type { GasProperties } from './sheets-api'
import type { SheetsWorkbook } from './sheets-workbook'

/** The sender name of the digest mails. */
const MAIL_SENDER = '台账'
/** 提醒汇总 before the first run of a split check: a header, then `.0`, `.1` … chunks of gzipped JSON. */
const SNAPSHOT_PROPERTY = 'taizhang.digestBefore'
/** More than this and the runs after the first treat 提醒汇总 as they find it (a warning says so). */
const SNAPSHOT_BUDGET_CHARS = 80 * 1024

/**
 * 提醒汇总 as it was before today's check, when 每日提醒推送 is on; undefined when it is off. A
 * continuation reads what the first run kept.
 */
export function alertsBefore(
  services: GasServices,
  workbook: SheetsWorkbook,
  continuing: boolean,
): AlertsSnapshot | undefined {
  if (!digestSwitch(workbook).on) return undefined
  const today = todayIn(services, workbook)
  const kept = continuing ? loadSnapshot(services, today) : undefined
  return kept ?? snapshotAlerts(workbook, today)
}

/**
 * No digest is begun this long after the run started: Apps Script ends a run after 6 minutes, and a
 * robot that does not answer can take its fetch timeout three times over. Those left are logged.
 */
export const DIGEST_TIME_BUDGET_MS = 5 * 60 * 1000

/** After each run: a complete check sends; an unfinished one keeps the snapshot for its last run. */
export async function digestAfterRun(
  services: GasServices,
  workbook: SheetsWorkbook,
  report: CheckReport,
  before: AlertsSnapshot,
  actor: string,
  startedAt: number,
): Promise<void> {
  const properties = services.propertiesService?.().getDocumentProperties() ?? null
  if (report.pending.length > 0) {
    if (properties) saveSnapshot(properties, services, report.today, before)
    return
  }
  if (properties) clearSnapshot(properties)
  await sendDigests(services, workbook, report, before, actor, startedAt)
}

async function sendDigests(
  services: GasServices,
  workbook: SheetsWorkbook,
  report: CheckReport,
  before: AlertsSnapshot,
  actor: string,
  startedAt: number,
): Promise<void> {
  const plan = planDigests(workbook, report.findings, before, report.today)
  if (plan.digests.length === 0 && plan.unmatched.length === 0) return
  const mailApp = services.mailApp?.()
  const urlFetchApp = services.urlFetchApp?.()
  const mailer: Mailer | undefined = mailApp && {
    remainingQuota: () => mailApp.getRemainingDailyQuota(),
    send: (to, subject, body) => mailApp.sendEmail({ to, subject, body, name: MAIL_SENDER }),
  }
  const delivered = await deliverDigests(plan, {
    ...(mailer ? { mailer } : {}),
    ...(urlFetchApp
      ? {
          post: (url: string, payload: string) => {
            const response = urlFetchApp.fetch(url, {
              method: 'post',
              contentType: 'application/json; charset=utf-8',
              payload,
              muteHttpExceptions: true,
            })
            return { status: response.getResponseCode(), text: response.getContentText() }
          },
        }
      : {}),
    hmac: (key, message) => {
      const utilities = services.utilities()
      return utilities.base64Encode(utilities.computeHmacSha256Signature(message, key))
    },
    clock: () => services.now().getTime(),
    deadline: () => services.now().getTime() - startedAt > DIGEST_TIME_BUDGET_MS,
    sleep: (ms) => services.utilities().sleep(ms),
  })
  logDelivery(workbook, services.now(), actor, delivered)
}

function saveSnapshot(
  properties: GasProperties,
  services: GasServices,
  today: IsoDate,
  before: AlertsSnapshot,
): void {
  const encoded = gzipJson(services.utilities(), {
    today,
    seen: [...before.seen],
    deferred: [...before.deferred],
  })
  clearSnapshot(properties)
  if (encoded.length > SNAPSHOT_BUDGET_CHARS) {
    console.warn(
      '每日提醒推送：提醒太多，无法保存检查前的“提醒汇总”；分次检查完成后“新增”以最后一次运行前为准',
    )
    return
  }
  const values: Record<string, string> = {}
  const chunks = chunksOf(encoded)
  for (const [index, chunk] of chunks.entries()) values[`${SNAPSHOT_PROPERTY}.${index}`] = chunk
  values[SNAPSHOT_PROPERTY] = JSON.stringify({ today, chunks: chunks.length })
  properties.setProperties(values)
}

function loadSnapshot(services: GasServices, today: IsoDate): AlertsSnapshot | undefined {
  try {
    const stored = services.propertiesService?.().getDocumentProperties()?.getProperties() ?? {}
    const header = JSON.parse(stored[SNAPSHOT_PROPERTY] ?? 'null') as {
      today?: unknown
      chunks?: unknown
    } | null
    if (header?.today !== today || typeof header.chunks !== 'number') return undefined
    const text = Array.from(
      { length: header.chunks },
      (_, index) => stored[`${SNAPSHOT_PROPERTY}.${index}`] ?? '',
    ).join('')
    const value = gunzipJson(services.utilities(), text) as {
      today?: unknown
      seen?: unknown
      deferred?: unknown
    }
    if (value.today !== today || !isStrings(value.seen) || !isStrings(value.deferred)) return undefined
    return { seen: new Set(value.seen), deferred: new Set(value.deferred) }
  } catch (error) {
    console.warn('每日提醒推送：无法读回检查前的“提醒汇总”', error)
    return undefined
  }
}

function clearSnapshot(properties: GasProperties): void {
  for (const key of properties.getKeys())
    if (key === SNAPSHOT_PROPERTY || key.startsWith(`${SNAPSHOT_PROPERTY}.`)) properties.deleteProperty(key)
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
