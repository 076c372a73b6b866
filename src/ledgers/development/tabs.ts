/** The tab of key-customer development, from its `*.tab.json` description. */
import { defineTemplate } from '../../core/template'
import keyDevelopment from './key-development.tab.json'

export const DEVELOPMENT = defineTemplate(keyDevelopment)
