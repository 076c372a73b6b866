/** What `taizhang report` prints for people (not for --json): each rate with what it is made of. */
import type { ReportResult } from '../app/report'
import { SEVERITY_LABEL } from '../core/findings'
import { formatPeriod, periodLabel, periodRange } from '../core/periods'
import { formatRate, formatYuan, idList } from '../ledgers/metrics/metrics'

/** DATA_INVALID findings listed one by one; the rest are left to 提醒汇总. */
const SHOWN_FINDINGS = 10

export function reportText(result: ReportResult, file: string, chartFile: string): string {
  const { metrics } = result
  const range = periodRange(metrics.period)
  const before = periodRange(metrics.previous)
  const previousActive = metrics.activePrevious.count
  const lines = [
    `半年评估：${periodLabel(metrics.period)}（${formatPeriod(metrics.period)}，${range.from} 至 ${range.to}）`,
    `对比上期：${periodLabel(metrics.previous)}（${formatPeriod(metrics.previous)}，${before.from} 至 ${before.to}）`,
  ]
  if (range.to >= result.today)
    lines.push(`注意：本期尚未结束，数字截至 ${result.today}；未结束的半年不作流失率、增长率提醒。`)
  lines.push(
    '',
    `重要客户销售收入增长率  ${formatRate(metrics.keyRevenueGrowth)}`,
    `  = (本期 ${formatYuan(metrics.keyRevenueFen)} − 上期 ${formatYuan(metrics.previousKeyRevenueFen)}) ÷ 上期`,
    `  重要客户 ${metrics.keyCustomers.count} 家（客户档案“重要客户”为“是”）：${idList(metrics.keyCustomers.ids, 20)}`,
    `新客户开发率            ${formatRate(metrics.newCustomerRate)}`,
    `  = 新客户 ${metrics.newCustomers.count} 家（首笔交易在本期：${idList(metrics.newCustomers.ids, 20)}）÷ 上期活跃客户 ${previousActive} 家`,
    `老客户流失率            ${formatRate(metrics.churnRate)}`,
    `  = 流失客户 ${metrics.churned.count} 家（上期有销售、本期没有：${idList(metrics.churned.ids, 20)}）÷ 上期活跃客户 ${previousActive} 家`,
    `客户保持率              ${formatRate(metrics.retentionRate)}`,
    `  = 保持客户 ${metrics.retained.count} 家 ÷ 上期活跃客户 ${previousActive} 家（= 1 − 流失率）`,
    '',
    `上期活跃客户 ${previousActive} 家：${idList(metrics.activePrevious.ids, 20)}`,
    `本期活跃客户 ${metrics.activeCurrent.count} 家：${idList(metrics.activeCurrent.ids, 20)}`,
    '（“活跃”= 期间内至少有一笔金额大于 0 的交易；退款冲减收入，但不算作交易往来）',
    `计入交易：本期 ${metrics.transactionsCurrent} 笔，上期 ${metrics.transactionsPrevious} 笔`,
  )
  if (metrics.leftOutRows.length > 0) {
    lines.push(
      `未计入交易 ${metrics.leftOutRows.length} 条（交易记录第 ${metrics.leftOutRows.join('、')} 行）：`,
    )
    for (const finding of result.findings.slice(0, SHOWN_FINDINGS)) {
      lines.push(`  [${SEVERITY_LABEL[finding.severity]}] ${finding.sheet}：${finding.message}`)
    }
    if (result.findings.length > SHOWN_FINDINGS) {
      lines.push(`  …… 其余 ${result.findings.length - SHOWN_FINDINGS} 条运行 taizhang check 后见“提醒汇总”`)
    }
  }
  if (result.alerts.length > 0) {
    lines.push('', '需要处理：')
    for (const alert of result.alerts) lines.push(`  [${SEVERITY_LABEL[alert.severity]}] ${alert.message}`)
  }
  if (result.backfilled.length > 0) {
    lines.push('', `“半年评估”中此前没有的 ${result.backfilled.join('、')} 已一并补算，便于看趋势。`)
  }
  lines.push('', result.summary, `趋势图：${chartFile}`, `工作簿：${file}（已写入“半年评估”和“操作日志”）`)
  return lines.join('\n')
}
