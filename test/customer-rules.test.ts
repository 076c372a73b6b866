import type { RuleProperties } from 'json-rules-engine'
import { describe, expect, it } from 'vitest'
import { ARCHIVE_RULES, DEVELOPMENT_RULES, PARAMETER_DEFINITIONS, VISIT_RULES } from '../rules'
import { TEMPLATES } from '../sheets-templates'
import { Calendar, CHINESE_DAYS } from '../src/core/calendar'
import type { IsoDate } from '../src/core/dates'
import { defaultParameters } from '../src/core/parameters'
import type { Facts } from '../src/core/rules/rule-set'
import { readTable } from '../src/core/table'
import type { TabTemplate } from '../src/core/template'
import { archiveFacts, readArchives } from '../src/ledgers/archives'
import { buildDevelopmentLedger, developmentFacts } from '../src/ledgers/development'
import { buildVisitLedger, visitFacts } from '../src/ledgers/visits'
import { d, type Row, tab } from './support/ledger-builder'

const params = defaultParameters(PARAMETER_DEFINITIONS)
const today = '2026-11-28' as IsoDate
const calendar = new Calendar(CHINESE_DAYS)

function read(template: TabTemplate, rows: readonly Row[]) {
  const cells = tab(template, rows)
  return readTable(template, { name: template.name, header: cells[0] ?? [], rows: cells.slice(1) })
}

function firstFacts(facts: readonly Facts[]): Facts {
  const [first] = facts
  if (!first) throw new Error('no record')
  return first
}

const VISIT_FACTS = firstFacts(
  buildVisitLedger(
    read(TEMPLATES.visits, [{ 走访编号: 'ZF-1', 走访日期: d('2026-11-02') }]),
    undefined,
    calendar,
    params,
  ).visits.map((visit) => visitFacts(visit, calendar, params, today)),
)
const DEVELOPMENT_FACTS = firstFacts(
  buildDevelopmentLedger(
    read(TEMPLATES.keyDevelopment, [{ 客户编号: 'KH-1', 计划开始: d('2026-01-01') }]),
  ).plans.map((plan) => developmentFacts(plan, params, today)),
)
const ARCHIVE_FACTS = firstFacts(
  readArchives(
    read(TEMPLATES.customers, [{ 客户编号: 'KH-1', 客户名称: '甲', 最近更新日期: d('2026-01-01') }]),
  ).map((archive) => archiveFacts(archive, params, today)),
)

describe.each([
  [
    'visits',
    VISIT_RULES,
    VISIT_FACTS,
    ['VISIT_REPLY_OVERDUE', 'VISIT_REPLY_DUE_SOON', 'VISIT_REPLY_LATE', 'CALENDAR_UNKNOWN'],
  ],
  [
    'development',
    DEVELOPMENT_RULES,
    DEVELOPMENT_FACTS,
    ['DEV_RECOMMENDED', 'DEV_PLAN_OVERDUE', 'DEV_NO_PROGRESS'],
  ],
  [
    'archives',
    ARCHIVE_RULES,
    ARCHIVE_FACTS,
    ['ARCHIVE_REVIEW_DUE', 'ARCHIVE_UNAPPROVED', 'ARCHIVE_INCOMPLETE'],
  ],
] as const)(
  'rules/%s.rules.json',
  (_, rules: readonly RuleProperties[], facts: Facts, codes: readonly string[]) => {
    it('has one rule per code of SPEC §3', () => {
      expect(rules.map((rule) => rule.event.type)).toEqual(codes)
    })

    it('every message placeholder, condition and due date names a fact the ledger provides', () => {
      const names = Object.keys(facts)
      for (const rule of rules) {
        const event = rule.event.params as { message: string; due?: string; label: string }
        for (const [, name] of event.message.matchAll(/\{(\w+)\}/g))
          expect(names, rule.event.type).toContain(name)
        for (const [, name] of JSON.stringify(rule.conditions).matchAll(/"fact":"(\w+)"/g))
          expect(names, rule.event.type).toContain(name)
        if (event.due) expect(names).toContain(event.due)
        expect(event.label.length).toBeGreaterThan(0)
      }
    })
  },
)

it('archive facts carry no confidential column', () => {
  const archive = readArchives(
    read(TEMPLATES.customers, [
      {
        客户编号: 'KH-1',
        客户名称: '甲',
        联系人: '乙',
        电话: '13812341234',
        地址: '丙路 1 号',
        信用状况: '较差',
      },
    ]),
  )[0]
  if (!archive) throw new Error('no archive')
  const values = Object.values(archiveFacts(archive, params, today)).map(String)
  expect(values.join('|')).not.toMatch(/乙|13812341234|丙路|较差/)
})
