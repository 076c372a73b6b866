/** 初始化台账: creates the missing tabs and headers, and says what it did and what to do next. */
import { runInit } from '../../../app/init'
import type { InitReport } from '../../../app/types'
import { menuCommand } from '../menu-command'
import { type GasServices, menuRun, openWorkbook } from '../services'

export function initLedgers(services: GasServices): Promise<void> {
  return menuCommand(services, '初始化台账', () => {
    const workbook = openWorkbook(services)
    const report = runInit(workbook, menuRun(services, workbook), services.now())
    return describeInit(report)
  })
}

export function describeInit(report: InitReport): string {
  const lines: string[] = []
  if (report.createdTabs.length > 0) {
    lines.push(`已新建 ${report.createdTabs.length} 个工作表：${report.createdTabs.join('、')}`)
  }
  if (report.addedHeaders.length > 0) {
    lines.push('已在现有工作表末尾补齐表头（原有数据未改动）：')
    for (const { tab, headers } of report.addedHeaders) lines.push(`· ${tab}：${headers.join('、')}`)
  }
  if (lines.length === 0) lines.push(report.summary)
  lines.push(
    '工具计算的列和工具生成的工作表已设为“仅警告”保护：在那里输入时会先提示，确认后仍可修改；新建的日期列里输入的不是日期时也会提示。',
  )
  lines.push('', '下一步：在“样件台账”等工作表中填写数据，然后点击“台账 → 立即检查”。')
  return lines.join('\n')
}
