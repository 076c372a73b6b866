/**
 * Customer archives (客户档案; 客户档案管理制度 4, 客户资料管理制度 5.1.2, 客户信息管理制度): the
 * half-year archive check. An `Archive` holds no confidential field (客户信息保密管理制度): only
 * whether the licence papers are missing, never what they say, so that no rule message can quote one.
 */

import { addMonths, daysBetween, type IsoDate } from '../../core/dates'
import { recordFields } from '../../core/fields'
import { type Parameters, parameter } from '../../core/parameters'
import type { Facts } from '../../core/rules/facts'
import type { ReadResult } from '../../core/table'
import { CUSTOMERS } from './tabs'

const { date, optionalText, text } = recordFields(CUSTOMERS)

export interface Archive {
  readonly row: number
  /** 客户编号 */
  readonly id: string
  /** 客户名称: the one thing about a customer that findings may name. */
  readonly name: string
  readonly status: string | undefined
  /** 档案管理人 */
  readonly keeper: string
  readonly approver: string
  /** Undefined when blank; a date that is not a date is a DATA_INVALID finding and counts as given. */
  readonly approvalDate: IsoDate | undefined
  readonly approvalDateInvalid: boolean
  readonly lastUpdate: IsoDate | undefined
  readonly lastUpdateInvalid: boolean
  /** 资质资料 is 缺失 or blank (营业执照、税务登记 not on file). */
  readonly licenceMissing: boolean
}

export function readArchives(table: ReadResult): Archive[] {
  return table.records.map((record) => {
    const licence = optionalText(record, '资质资料')
    return {
      row: record.row,
      id: record.key,
      name: text(record, '客户名称'),
      status: optionalText(record, '状态'),
      keeper: text(record, '档案管理人'),
      approver: text(record, '审批人'),
      approvalDate: date(record, '审批日期'),
      approvalDateInvalid: record.invalid.has('审批日期'),
      lastUpdate: date(record, '最近更新日期'),
      lastUpdateInvalid: record.invalid.has('最近更新日期'),
      // An invalid entry is already a DATA_INVALID finding; it is not reported twice.
      licenceMissing: licence === '缺失' || (licence === undefined && !record.invalid.has('资质资料')),
    }
  })
}

/** The facts the ARCHIVE_* rules read: names, dates and flags, no confidential value. */
export function archiveFacts(archive: Archive, params: Parameters, today: IsoDate): Facts {
  const months = parameter(params, 'archiveReviewMonths')
  const reviewDue = archive.lastUpdate ? addMonths(archive.lastUpdate, months) : undefined
  const missingApproval = [
    archive.approver === '' ? '审批人' : undefined,
    archive.approvalDate === undefined && !archive.approvalDateInvalid ? '审批日期' : undefined,
  ].filter((item) => item !== undefined)
  return {
    customerName: archive.name || archive.id,
    keeper: archive.keeper,
    // 已流失: no more dealings to keep the archive up to date with (客户档案管理制度 4 b).
    lost: archive.status === '已流失',
    updateMissing: archive.lastUpdate === undefined && !archive.lastUpdateInvalid,
    reviewDue: reviewDue ?? null,
    daysPastReview: reviewDue ? daysBetween(reviewDue, today) : undefined,
    reviewReason: archive.lastUpdate
      ? `自 ${archive.lastUpdate} 更新后已超过 ${months} 个月（应于 ${reviewDue} 前复查更新）`
      : '没有填写“最近更新日期”，无法确认是否按期复查',
    approved: missingApproval.length === 0,
    missingApproval: missingApproval.join('和'),
    licenceMissing: archive.licenceMissing,
  }
}
