/** The tabs of 渠道报备, from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import distributors from './distributors.tab.json'
import leads from './leads.tab.json'

export const LEADS = defineTemplate(leads)
/** 分销商名录: each distributor's status and violations, kept by the channel office. */
export const DISTRIBUTORS = defineTemplate(distributors)
