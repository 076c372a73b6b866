/** The tabs of after-sales service (客户管理制度 第六–二十条), from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import dispatchList from './dispatch-list.tab.json'
import satisfactionReport from './satisfaction-report.tab.json'
import serviceScores from './service-scores.tab.json'
import services from './services.tab.json'
import surveys from './surveys.tab.json'

/** 服务登记簿 (第七条): every request for service, with its dispatch and completion. */
export const SERVICES = defineTemplate(services)
/** 客户意见调查 (第十四–十八条): the customer's ratings of a service and any complaint. */
export const SURVEYS = defineTemplate(surveys)
/** 今日派工 (第十一条): the requests waiting for dispatch, oldest first. */
export const DISPATCH_LIST = defineTemplate(dispatchList)
/** 服务评分 (第十五条): each staff member's ratings per month, for the monthly review. */
export const SERVICE_SCORES = defineTemplate(serviceScores)
/** 顾客满意度调查分析报告 (客户档案管理制度 6): the year's surveys by item, level and month, and every complaint. */
export const SATISFACTION_REPORT = defineTemplate(satisfactionReport)
