/**
 * The demo's suppliers, dated back from today so that every finding shows whatever the day: a
 * certificate about to expire and one expired, a 合格 supplier without certification, an audit due,
 * a PPAP overdue, one incomplete, an interim approval about to expire and one expired, a part in
 * volume without approval, two consecutive low months, and a claim not replied in time. Six months
 * of ratings (one month left unrated) fill 年度评定; the months are typed in the ways people type them.
 */
import { Calendar, CHINESE_DAYS } from '../../core/calendar'
import { type Cell, dateCell } from '../../core/cells'
import { addDays, addMonths, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { CLAIMS, PPAP, SUPPLIER_RATINGS, SUPPLIERS } from './tabs'

const FULL_LEVEL_3 = '1-14,17,18'

function suppliers(today: IsoDate): Cell[][] {
  const row = (
    id: string,
    name: string,
    goods: string,
    category: string,
    certification: string,
    expiry: IsoDate | undefined,
    status: string,
    audited: IsoDate | undefined,
  ) =>
    templateRow(SUPPLIERS, {
      供应商编号: id,
      名称: name,
      供货类别: goods,
      分类: category,
      体系认证: certification,
      证书编号:
        certification === '无' ? null : `CN-${id.slice(-3)}-${certification.startsWith('IATF') ? 'T' : 'Q'}`,
      证书有效期至: expiry ? dateCell(expiry) : null,
      状态: status,
      上次审核日期: audited ? dateCell(audited) : null,
    })
  const months = (n: number) => addMonths(today, n)
  return [
    row(
      'GYS-001',
      '长春金鹏冲压件有限公司',
      '冲压件',
      'A',
      'IATF 16949',
      addDays(today, 400),
      '合格',
      months(-2),
    ),
    // SUPPLIER_CERT_EXPIRING: 30 days left (提醒 60 days ahead)
    row(
      'GYS-002',
      '吉林华宇塑料制品有限公司',
      '塑料件',
      'B',
      'IATF 16949',
      addDays(today, 30),
      '合格',
      months(-1),
    ),
    // SUPPLIER_CERT_EXPIRED
    row(
      'GYS-003',
      '天津恒通橡胶有限公司',
      '橡胶件',
      'B',
      'ISO 9001',
      addDays(today, -10),
      '合格',
      months(-1),
    ),
    // SUPPLIER_UNCERTIFIED: 合格 without third-party certification
    row('GYS-004', '宁波力拓紧固件有限公司', '标准件', 'C', '无', undefined, '合格', months(-1)),
    // SUPPLIER_AUDIT_DUE: a C supplier last audited five months ago (every 3 months)
    row(
      'GYS-005',
      '苏州精锐模具有限公司',
      '定制件',
      'C',
      'IATF 16949',
      addDays(today, 500),
      '试用',
      months(-5),
    ),
    // 暂停: no audit due
    row(
      'GYS-006',
      '沈阳北方铸造有限公司',
      '铸件',
      'B',
      'IATF 16949',
      addDays(today, 300),
      '暂停',
      months(-9),
    ),
  ]
}

function ppaps(today: IsoDate): Cell[][] {
  const row = (fields: Record<string, Cell>) => templateRow(PPAP, fields)
  return [
    row({
      零件号: 'HJ-200-01',
      供应商编号: 'GYS-001',
      提交等级: 3,
      要求提交日期: dateCell(addDays(today, -90)),
      提交日期: dateCell(addDays(today, -95)),
      状态: '批准',
      元素: FULL_LEVEL_3,
      小批量认可: '通过',
    }),
    // PPAP_OVERDUE
    row({
      零件号: 'NS-310-02',
      供应商编号: 'GYS-002',
      提交等级: 3,
      要求提交日期: dateCell(addDays(today, -10)),
      状态: '待提交',
    }),
    // PPAP_INCOMPLETE: level 2 without 12, 13, 14
    row({
      零件号: 'HJ-200-05',
      供应商编号: 'gys-001',
      提交等级: 2,
      要求提交日期: dateCell(addDays(today, -5)),
      提交日期: dateCell(addDays(today, -6)),
      状态: '已提交',
      元素: '1、2、9、10、18',
    }),
    // PPAP_INTERIM_EXPIRING: a week left
    row({
      零件号: 'MF-118-01',
      供应商编号: 'GYS-003',
      提交日期: dateCell(addDays(today, -60)),
      状态: '临时批准',
      临时批准有效期至: dateCell(addDays(today, 7)),
      元素: FULL_LEVEL_3,
      小批量认可: '通过',
    }),
    // PPAP_INTERIM_EXPIRED
    row({
      零件号: 'LS-M8-20',
      供应商编号: 'GYS-004',
      提交等级: 1,
      提交日期: dateCell(addDays(today, -100)),
      状态: '临时批准',
      临时批准有效期至: dateCell(addDays(today, -3)),
      元素: 'PSW',
    }),
    // PPAP_VOLUME_UNAPPROVED: delivered in volume, PPAP only submitted
    row({
      零件号: 'MJ-550-03',
      供应商编号: 'GYS-005',
      提交等级: 1,
      提交日期: dateCell(addDays(today, -20)),
      状态: '已提交',
      元素: '18',
      小批量认可: '通过',
    }),
    // DATA_INVALID: a supplier that is not in 供应商名录
    row({ 零件号: 'ZC-900-01', 供应商编号: 'GYS-099', 提交等级: 3, 状态: '待提交' }),
  ]
}

/** Month n before today's, typed three ways: 2026年11月, 2026-11, 2026/11. */
function typedMonth(today: IsoDate, n: number, style: number): Cell {
  const date = addMonths(`${today.slice(0, 7)}-01` as IsoDate, -n)
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))]
  if (style % 3 === 0) return `${year}年${month}月`
  if (style % 3 === 1) return `${year}-${String(month).padStart(2, '0')}`
  return `${year}/${month}`
}

function ratings(today: IsoDate): Cell[][] {
  const rows: Cell[][] = []
  const scores: Record<string, readonly (readonly [number, number, number, number] | null)[]> = {
    // month 1 … 6 before today's
    'GYS-001': [
      [95, 92, 90, 85],
      [93, 95, 90, 88],
      [96, 94, 92, 85],
      [92, 90, 95, 90],
      [94, 93, 91, 86],
      [95, 96, 90, 88],
    ],
    // one low month only: no 整改
    'GYS-002': [
      [62, 70, 75, 80],
      [85, 88, 80, 82],
      [86, 84, 82, 80],
      [88, 86, 85, 80],
      [84, 85, 80, 82],
      [86, 88, 84, 85],
    ],
    'GYS-003': [
      [78, 80, 75, 82],
      [80, 82, 78, 80],
      [76, 78, 80, 84],
      [79, 81, 77, 80],
      [82, 80, 79, 78],
      [80, 79, 81, 80],
    ],
    // month 3 not rated: empty in 年度评定, not 0
    'GYS-004': [
      [88, 85, 80, 90],
      [86, 84, 82, 88],
      null,
      [87, 83, 85, 86],
      [85, 86, 84, 88],
      [86, 85, 83, 87],
    ],
    // SUPPLIER_RATING_LOW: the last two months below 70
    'GYS-005': [
      [60, 65, 70, 75],
      [62, 66, 68, 72],
      [75, 78, 72, 80],
      [78, 80, 75, 78],
      [80, 78, 76, 80],
      [79, 80, 78, 82],
    ],
  }
  for (const [supplier, months] of Object.entries(scores)) {
    months.forEach((value, index) => {
      if (!value) return
      const [quality, delivery, service, price] = value
      rows.push(
        templateRow(SUPPLIER_RATINGS, {
          月份: typedMonth(today, index + 1, rows.length),
          供应商编号: supplier,
          质量: quality,
          交付: delivery,
          服务: service,
          价格: price,
        }),
      )
    })
  }
  return rows
}

function claims(today: IsoDate, calendar: Calendar): Cell[][] {
  const row = (fields: Record<string, Cell>) => templateRow(CLAIMS, fields)
  const lastMonth = addDays(`${today.slice(0, 7)}-01` as IsoDate, -10)
  return [
    // counted in GYS-005's rating of last month
    row({
      索赔编号: 'SP-001',
      供应商编号: 'GYS-005',
      发生日期: dateCell(lastMonth),
      零件号: 'MJ-550-03',
      数量: 120,
      金额: 3600,
      回复日期: dateCell(addDays(lastMonth, 2)),
      状态: '已结案',
    }),
    // CLAIM_REPLY_OVERDUE: eight working days, no reply
    row({
      索赔编号: 'SP-002',
      供应商编号: 'GYS-005',
      发生日期: dateCell(calendar.addWorkingDays(today, -8)),
      零件号: 'MJ-550-03',
      数量: 40,
      金额: 1200,
      状态: '待回复',
    }),
    // reply due within the working days still left
    row({
      索赔编号: 'SP-003',
      供应商编号: 'GYS-002',
      发生日期: dateCell(calendar.addWorkingDays(today, -1)),
      零件号: 'NS-310-01',
      数量: 15,
      金额: 450,
      状态: '待回复',
    }),
  ]
}

export function demoRows(today: IsoDate): SeedRows {
  const calendar = new Calendar(CHINESE_DAYS)
  return {
    suppliers: suppliers(today),
    ppap: ppaps(today),
    supplierRatings: ratings(today),
    claims: claims(today, calendar),
  }
}
