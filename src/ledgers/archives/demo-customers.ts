/**
 * The demo's customers, shared by every customer ledger of the demo (archives, development,
 * visits, transactions) so that their ids agree.
 */
export interface DemoCustomer {
  readonly id: string
  readonly name: string
  /** 重要客户 = 是 */
  readonly key: boolean
  readonly status: '潜在' | '合作中' | '已流失'
  readonly vip: 'A' | 'B' | 'C' | 'D' | null
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { id: 'KH-001', name: '一汽大众汽车有限公司', key: true, status: '合作中', vip: 'A' },
  { id: 'KH-002', name: '上汽通用汽车有限公司', key: true, status: '合作中', vip: 'A' },
  { id: 'KH-003', name: '长城汽车股份有限公司', key: true, status: '合作中', vip: 'B' },
  { id: 'KH-004', name: '比亚迪汽车工业有限公司', key: true, status: '合作中', vip: 'B' },
  { id: 'KH-005', name: '吉利汽车集团有限公司', key: false, status: '合作中', vip: 'C' },
  { id: 'KH-006', name: '奇瑞汽车股份有限公司', key: false, status: '合作中', vip: 'C' },
  { id: 'KH-007', name: '江淮汽车集团股份有限公司', key: false, status: '合作中', vip: 'D' },
  { id: 'KH-008', name: '东风柳州汽车有限公司', key: false, status: '已流失', vip: 'D' },
  { id: 'KH-009', name: '广汽埃安新能源汽车有限公司', key: true, status: '潜在', vip: null },
  { id: 'KH-010', name: '理想汽车有限公司', key: false, status: '潜在', vip: null },
  { id: 'KH-011', name: '宁波拓普集团股份有限公司', key: false, status: '合作中', vip: 'C' },
  { id: 'KH-012', name: '重庆长安汽车股份有限公司', key: true, status: '合作中', vip: 'B' },
]

export function demoCustomerName(id: string): string {
  const customer = DEMO_CUSTOMERS.find((candidate) => candidate.id === id)
  if (!customer) throw new Error(`no demo customer ${id}`)
  return customer.name
}
