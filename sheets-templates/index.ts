import { defineTemplate, type TabTemplate } from '../src/core/template'
import alerts from './alerts.json'
import customers from './customers.json'
import halfYear from './half-year.json'
import holidays from './holidays.json'
import inspectionPlan from './inspection-plan.json'
import inspections from './inspections.json'
import keyDevelopment from './key-development.json'
import leads from './leads.json'
import log from './log.json'
import parameters from './parameters.json'
import replacementPlan from './replacement-plan.json'
import samples from './samples.json'
import sealReviews from './seal-reviews.json'
import services from './services.json'
import surveys from './surveys.json'
import transactions from './transactions.json'
import visitQuestions from './visit-questions.json'
import visits from './visits.json'

/** Every tab of SPEC §2, in the order a new workbook shows them. */
export const TEMPLATES = {
  samples: defineTemplate(samples),
  inspections: defineTemplate(inspections),
  sealReviews: defineTemplate(sealReviews),
  inspectionPlan: defineTemplate(inspectionPlan),
  replacementPlan: defineTemplate(replacementPlan),
  customers: defineTemplate(customers),
  keyDevelopment: defineTemplate(keyDevelopment),
  visits: defineTemplate(visits),
  visitQuestions: defineTemplate(visitQuestions),
  transactions: defineTemplate(transactions),
  services: defineTemplate(services),
  surveys: defineTemplate(surveys),
  leads: defineTemplate(leads),
  parameters: defineTemplate(parameters),
  holidays: defineTemplate(holidays),
  alerts: defineTemplate(alerts),
  halfYear: defineTemplate(halfYear),
  log: defineTemplate(log),
} satisfies Record<string, TabTemplate>

export type TabId = keyof typeof TEMPLATES

export const ALL_TEMPLATES: readonly TabTemplate[] = Object.values(TEMPLATES)
