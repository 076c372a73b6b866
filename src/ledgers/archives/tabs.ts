/** The tab of the customer archive, from its `*.tab.json` description. */
import { defineTemplate } from '../../core/template'
import customers from './customers.tab.json'

/** 客户档案: kept by the archive review, read by the VIP tiers and the half-year metrics. */
export const CUSTOMERS = defineTemplate(customers)
