/** 渠道报备 (分销商客户管理规定): the tab is kept; its rules are still to come. */
import { defineLedger } from '../../core/ledger'
import { defineTemplate } from '../../core/template'
import leads from './leads.tab.json'

export const leadsLedger = defineLedger({
  id: 'leads',
  tabs: { leads: defineTemplate(leads) },
})
