/** 服务登记簿 and 客户意见调查 (客户管理制度 第六–二十条): the tabs are kept; their rules are still to come. */
import { defineLedger } from '../../core/ledger'
import { defineTemplate } from '../../core/template'
import services from './services.tab.json'
import surveys from './surveys.tab.json'

export const servicesLedger = defineLedger({
  id: 'services',
  tabs: { services: defineTemplate(services), surveys: defineTemplate(surveys) },
})
