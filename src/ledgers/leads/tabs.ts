/** The tabs of 渠道报备, from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import commissions from './commissions.tab.json'
import distributors from './distributors.tab.json'
import followUps from './follow-ups.tab.json'
import leads from './leads.tab.json'

export const LEADS = defineTemplate(leads)
/** 分销商名录: each distributor's status and violations, kept by the channel office. */
export const DISTRIBUTORS = defineTemplate(distributors)
/** 佣金提报 (tool): one row per payable commission; the monthly submission is a filter on 月份. */
export const COMMISSIONS = defineTemplate(commissions)
/** 回访抽样 (tool): the signed customers the customer service calls back, with their 回访结果. */
export const FOLLOW_UPS = defineTemplate(followUps)
