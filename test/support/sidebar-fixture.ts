/**
 * Findings as sidebarFindings() answers them, for the sidebar page's browser test: `count` plausible
 * ones spread over the ledgers and levels (the same for the same count), some deferred, one with a
 * hostile 说明.
 */
import type { SidebarData, SidebarFinding, SidebarLevel } from '../../src/hosts/gas/sidebar/protocol'

interface Kind {
  readonly tab: string
  readonly prefix: string
  readonly ownerHeader: string
  readonly owners: readonly string[]
  readonly rules: readonly (readonly [code: string, item: string, level: SidebarLevel, message: string])[]
}

const KINDS: readonly Kind[] = [
  {
    tab: '样件台账',
    prefix: 'YJ',
    ownerHeader: '保管人',
    owners: ['王立', '李娜', '张伟'],
    rules: [
      [
        'SAMPLE_EXPIRED',
        '已过期',
        'error',
        '样件“{}”已于 2026-02-{day} 过有效期，请停止使用、标识隔离并重新签样更换',
      ],
      ['SAMPLE_EXPIRING', '即将到期', 'warning', '样件“{}”的有效期至 2026-03-{day}，请安排重新签样'],
      ['SAMPLE_CALIBRATION_DUE', '待校准', 'info', '样件“{}”应在 2026-03-{day} 前校准'],
    ],
  },
  {
    tab: '重要客户开发',
    prefix: 'KH',
    ownerHeader: '开发负责人',
    owners: ['陈静', '刘洋'],
    rules: [
      ['DEV_PLAN_OVERDUE', '计划超期', 'error', '“东风某主机厂”的开发计划节点“样品确认”已超期 6 个工作日'],
      ['DEV_NO_PROGRESS', '无进展', 'warning', '“华北某经销商”已 45 天没有开发进展记录'],
    ],
  },
  {
    tab: '客户走访记录',
    prefix: 'ZF',
    ownerHeader: '走访人',
    owners: ['赵敏', '孙浩'],
    rules: [
      ['VISIT_REPLY_OVERDUE', '答复超期', 'error', '客户意见未在 5 个工作日内答复（走访日期 2026-02-{day}）'],
      ['VISIT_REPLY_DUE_SOON', '即将到期', 'warning', '客户意见应在 2026-03-{day} 前答复'],
    ],
  },
  {
    tab: '服务登记簿',
    prefix: 'FW',
    ownerHeader: '服务人员',
    owners: ['周强', '吴磊'],
    rules: [
      ['SERVICE_NOT_DISPATCHED', '未派工', 'error', '报修已过 24 小时仍未派工'],
      ['SERVICE_SURVEY_DUE', '待回访', 'info', '服务完成 7 天内应做满意度回访'],
    ],
  },
  {
    tab: '渠道报备',
    prefix: 'BB',
    ownerHeader: '分销商',
    owners: ['华东汽配', '鑫达贸易'],
    rules: [
      ['LEAD_PROTECTION_EXPIRING', '保护期将满', 'warning', '报备保护期将于 2026-03-15 届满'],
      ['LEAD_DUPLICATE', '重复报备', 'info', '与报备 BB-0031 的客户相同'],
    ],
  },
  {
    tab: '供应商名录',
    prefix: 'GYS',
    ownerHeader: '',
    owners: [''],
    rules: [['SUPPLIER_CERT_EXPIRING', '证书将到期', 'warning', 'IATF 16949 证书将于 2026-04-01 到期']],
  },
]

export const HOSTILE_MESSAGE =
  '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>=HYPERLINK("http://evil.example","点我")'
export const HOSTILE_KEY = 'YJ-HOSTILE'

/** Names put into the messages (the {} of a rule's message), in turn. */
const NAMES = ['前门铰链', '后视镜支架', '仪表台骨架', '座椅滑轨', '门锁扣', '雨刮臂', '油箱盖', '保险杠支架']

export function sidebarFixture(count: number): Extract<SidebarData, { ok: true }> {
  const findings: SidebarFinding[] = []
  const numbers = new Map<string, number>()
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % 7 < 3 ? 0 : (i % 7) - 2] ?? (KINDS[0] as Kind)
    const rule = kind.rules[Math.floor(i / 7) % kind.rules.length] ?? (kind.rules[0] as Kind['rules'][number])
    const number = (numbers.get(kind.tab) ?? 0) + 1
    numbers.set(kind.tab, number)
    const deferred = i % 23 === 5
    const day = String((i % 27) + 1).padStart(2, '0')
    findings.push({
      tab: kind.tab,
      row: number + 1,
      key: `${kind.prefix}-${String(number).padStart(4, '0')}`,
      code: rule[0],
      item: rule[1],
      level: rule[2],
      deferredUntil: deferred ? '2026-12-10' : null,
      message: rule[3].replace('{}', NAMES[i % NAMES.length] ?? '').replace('{day}', day),
      due: rule[2] === 'info' ? '' : `2026-0${rule[2] === 'error' ? 2 : 3}-${day}`,
      handling: deferred ? '已联系供应商，12 月统一更换' : i % 11 === 0 ? '王立：3/9 前送检' : '',
      owner: kind.owners[Math.floor(i / 7) % kind.owners.length] ?? '',
      ownerHeader: kind.ownerHeader,
    })
  }
  findings.push({
    tab: '样件台账',
    row: 9999,
    key: HOSTILE_KEY,
    code: 'SAMPLE_EXPIRED',
    item: '已过期',
    level: 'error',
    deferredUntil: null,
    message: HOSTILE_MESSAGE,
    due: '',
    handling: '',
    owner: '王立',
    ownerHeader: '保管人',
  })
  // The order of 提醒汇总: most severe first, then by tab.
  const order: Record<SidebarLevel, number> = { error: 0, warning: 1, info: 2 }
  const tabOrder = (tab: string) => KINDS.findIndex((kind) => kind.tab === tab)
  findings.sort((a, b) => order[a.level] - order[b.level] || tabOrder(a.tab) - tabOrder(b.tab))
  const counts = { error: 0, warning: 0, info: 0, deferred: 0 }
  for (const finding of findings) {
    if (finding.deferredUntil !== null) counts.deferred++
    else counts[finding.level]++
  }
  return {
    ok: true,
    findings,
    counts,
    checkedAt: '2026-03-05 08:30:12',
    checkedThrough: '2026-03-05',
    notice: '',
  }
}
