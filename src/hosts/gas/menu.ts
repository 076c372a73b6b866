/** The 台账 menu, built by the onOpen simple trigger; each item calls the global of the same name. */
import type { HandlerName } from './handlers'
import type { GasServices } from './services'

export const MENU_TITLE = '台账'

/** The 台账 menu in order; null is a separator. */
export const MENU: readonly ({ readonly caption: string; readonly handler: HandlerName } | null)[] = [
  { caption: '初始化台账', handler: 'initLedgers' },
  { caption: '今日提醒', handler: 'showTodaySidebar' },
  { caption: '立即检查', handler: 'checkNow' },
  { caption: '生成答复单', handler: 'generateReplyLetter' },
  { caption: '生成封样评审表', handler: 'generateSealForm' },
  { caption: '生成半年评估', handler: 'generateHalfYearReport' },
  { caption: '生成满意度调查报告', handler: 'generateSatisfactionReport' },
  { caption: '生成供应商年度评定', handler: 'generateSupplierReport' },
  { caption: '生成年度计划', handler: 'generatePlan' },
  null,
  { caption: '启用每日检查', handler: 'enableDailyCheck' },
  { caption: '停用每日检查', handler: 'disableDailyCheck' },
]

export function onOpen(services: GasServices): void {
  const menu = services.ui().createMenu(MENU_TITLE)
  for (const item of MENU) {
    if (item === null) menu.addSeparator()
    else menu.addItem(item.caption, item.handler)
  }
  menu.addToUi()
}
