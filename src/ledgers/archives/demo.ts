/**
 * The demo's 客户档案: every demo customer with made-up contacts, licences and dates, so that archive
 * reviews fall due, approvals are missing and licence papers are lacking.
 */
import { type Cell, dateCell } from '../../core/cells'
import { addMonths, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'
import { templateRow } from '../../core/template'
import { DEMO_CUSTOMERS, type DemoCustomer } from './demo-customers'
import { CUSTOMERS } from './tabs'

/** Confidential archive contents: made-up contacts, numbers and addresses in the shapes people type. */
interface ArchiveDetails {
  readonly category: string
  readonly contact: string
  readonly phone: string
  readonly website: string
  readonly address: string
  readonly licence: '齐全' | '缺失' | null
  readonly credit: '良好' | '一般' | '较差'
  readonly scale: string
  readonly keeper: string
  readonly approver: string | null
  /** 审批日期 and 最近更新日期 as months before today, null for blank. */
  readonly approvedMonthsAgo: number | null
  readonly updatedMonthsAgo: number | null
}

const ARCHIVES: Readonly<Record<string, ArchiveDetails>> = {
  'KH-001': {
    category: '业务客户',
    contact: '周建国',
    phone: '13804315627',
    website: 'www.faw-vw.com',
    address: '吉林省长春市汽车经济技术开发区东风大街 18 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 60 万辆；冲压、焊装、涂装、总装四大工艺',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 20,
    updatedMonthsAgo: 2,
  },
  'KH-002': {
    category: '业务客户',
    contact: '沈丽华',
    phone: '021-5032 8899',
    website: 'www.saic-gm.com',
    address: '上海市浦东新区申江路 1500 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 50 万辆；全工艺整车制造',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 18,
    updatedMonthsAgo: 3,
  },
  'KH-003': {
    category: '业务客户',
    contact: '高伟',
    phone: '+86 139 3125 4410',
    website: 'www.gwm.com.cn',
    address: '河北省保定市莲池区朝阳南大街 2266 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 30 万辆；皮卡与 SUV 平台',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 16,
    updatedMonthsAgo: 1,
  },
  'KH-004': {
    category: '业务客户',
    contact: '黄晓东',
    phone: '0755-8988 8888',
    website: 'www.byd.com',
    address: '广东省深圳市坪山区比亚迪路 3009 号',
    licence: '齐全',
    credit: '良好',
    scale: '新能源整车与动力电池；一体化压铸',
    keeper: '王立',
    approver: '陈志远',
    approvedMonthsAgo: 12,
    updatedMonthsAgo: 4,
  },
  'KH-005': {
    category: '业务客户',
    contact: '孙丽',
    phone: '15857112345',
    website: 'www.geely.com',
    address: '浙江省杭州市滨江区江陵路 1760 号',
    licence: '齐全',
    credit: '一般',
    scale: '年产整车 40 万辆；模块化架构',
    keeper: '王立',
    approver: '陈志远',
    approvedMonthsAgo: 14,
    updatedMonthsAgo: 5,
  },
  // ARCHIVE_REVIEW_DUE: not updated for 8 months
  'KH-006': {
    category: '业务客户',
    contact: '钱峰',
    phone: '0553-5962 100',
    website: 'www.chery.cn',
    address: '安徽省芜湖市经济技术开发区长春路 8 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 20 万辆；发动机自制',
    keeper: '王立',
    approver: '陈志远',
    approvedMonthsAgo: 24,
    updatedMonthsAgo: 8,
  },
  'KH-007': {
    category: '业务客户',
    contact: '吴桂芳',
    phone: '18655178901',
    website: 'www.jac.com.cn',
    address: '安徽省合肥市东流路 176 号',
    licence: '齐全',
    credit: '一般',
    scale: '商用车与乘用车；轻卡底盘',
    keeper: '赵敏',
    approver: '陈志远',
    approvedMonthsAgo: 10,
    updatedMonthsAgo: 2,
  },
  // 已流失: no review reminder for a customer the company no longer deals with
  'KH-008': {
    category: '业务客户',
    contact: '郑强',
    phone: '0772-3750 521',
    website: 'www.dflzm.com',
    address: '广西壮族自治区柳州市屏山大道 286 号',
    licence: '齐全',
    credit: '较差',
    scale: '商用车与 MPV；冲焊涂总',
    keeper: '赵敏',
    approver: '陈志远',
    approvedMonthsAgo: 30,
    updatedMonthsAgo: 14,
  },
  // ARCHIVE_INCOMPLETE (缺失) and ARCHIVE_UNAPPROVED (approver without a date)
  'KH-009': {
    category: '业务客户',
    contact: '冯嘉怡',
    phone: '020-3926 5000',
    website: 'www.gac-aion.com',
    address: '广东省广州市番禺区汉兴中路 1 号',
    licence: '缺失',
    credit: '良好',
    scale: '纯电动整车；电驱与电池包装配',
    keeper: '刘洋',
    approver: '陈志远',
    approvedMonthsAgo: null,
    updatedMonthsAgo: 1,
  },
  // ARCHIVE_INCOMPLETE (blank) and ARCHIVE_UNAPPROVED (never approved)
  'KH-010': {
    category: '业务客户',
    contact: '许晨',
    phone: '13601234567 / 010-8765 4321',
    website: 'www.lixiang.com',
    address: '北京市顺义区后沙峪镇安庆大街 11 号',
    licence: null,
    credit: '良好',
    scale: '增程式与纯电整车；常州基地',
    keeper: '刘洋',
    approver: null,
    approvedMonthsAgo: null,
    updatedMonthsAgo: 2,
  },
  // ARCHIVE_REVIEW_DUE: 最近更新日期 never filled in
  'KH-011': {
    category: '供应商',
    contact: '蒋文斌',
    phone: '0574-8680 0288',
    website: 'www.tuopu.com',
    address: '浙江省宁波市北仑区育王山路 268 号',
    licence: '齐全',
    credit: '良好',
    scale: '减震器、内饰件与底盘件；铝合金压铸',
    keeper: '赵敏',
    approver: '陈志远',
    approvedMonthsAgo: 9,
    updatedMonthsAgo: null,
  },
  'KH-012': {
    category: '业务客户',
    contact: '何敏',
    phone: '023-6759 4008',
    website: 'www.changan.com.cn',
    address: '重庆市江北区建新东路 260 号',
    licence: '齐全',
    credit: '良好',
    scale: '年产整车 70 万辆；乘用车与微车',
    keeper: '李娜',
    approver: '陈志远',
    approvedMonthsAgo: 15,
    updatedMonthsAgo: 2,
  },
}

function archiveRows(today: IsoDate): Cell[][] {
  const monthsAgo = (months: number | null): Cell =>
    months === null ? null : dateCell(addMonths(today, -months))
  return DEMO_CUSTOMERS.map((customer: DemoCustomer) => {
    const details = ARCHIVES[customer.id]
    if (!details) throw new Error(`no demo archive for ${customer.id}`)
    return templateRow(CUSTOMERS, {
      客户编号: customer.id,
      客户名称: customer.name,
      客户类别: details.category,
      重要客户: customer.key ? '是' : '否',
      VIP等级: customer.vip,
      联系人: details.contact,
      电话: details.phone,
      网址: details.website,
      地址: details.address,
      资质资料: details.licence,
      信用状况: details.credit,
      生产规模与工艺: details.scale,
      档案管理人: details.keeper,
      审批人: details.approver,
      审批日期: monthsAgo(details.approvedMonthsAgo),
      最近更新日期: monthsAgo(details.updatedMonthsAgo),
      状态: customer.status,
    })
  })
}

export function demoRows(today: IsoDate): SeedRows {
  return { customers: archiveRows(today) }
}
