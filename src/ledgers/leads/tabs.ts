/** The tabs of 渠道报备, from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import leads from './leads.tab.json'

export const LEADS = defineTemplate(leads)
