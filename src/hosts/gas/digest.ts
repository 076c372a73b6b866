/**
 * 每日提醒推送 in Sheets: once the daily check is complete (a check split over several runs sends
 * at its last run), each person of 人员 gets their findings by MailApp, one mail each while
 * getRemainingDailyQuota() lasts, and by UrlFetchApp to their group robot. Off unless 参数
 * 每日提醒推送 is 是. Whatever fails here is logged; the check's results are already written.
 */
import { type AlertsSnapshot, digestSwitch, planDigests } from '../../app/digest'
import { deliverDigests, logDelivery, type Mailer } from '../../app/notify'
import type { CheckReport } from '../../app/types'
import type { GasServices } from './services'
import type { SheetsWorkbook } from './sheets-workbook'

/** The sender name of the digest mails. */
const MAIL_SENDER = '台账'

export async function sendDigests(
  services: GasServices,
  workbook: SheetsWorkbook,
  report: CheckReport,
  before: AlertsSnapshot,
  actor: string,
): Promise<void> {
  if (report.pending.length > 0 || !digestSwitch(workbook).on) return
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
    sleep: (ms) => services.utilities().sleep(ms),
  })
  logDelivery(workbook, services.now(), actor, delivered)
}
