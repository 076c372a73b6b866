/**
 * The "why" of a record (issue 14: taizhang why, the sidebar's 为什么): each finding on it with its
 * rule's conditions in words, the regulation clause, the facts the rules read with their values and
 * sources, how its derived dates came about (with the working days counted), and the parameters in
 * force. Everything comes from what the check computed (the facts it handed the rules, the findings
 * it raised); the conditions are decided again by the same comparisons the rule engine uses, so an
 * explanation cannot drift from the check. No value of a confidential column ever appears in one.
 */
import type { RuleProperties } from 'json-rules-engine'
import { columnLetter } from './a1'
import type { Calendar } from './calendar'
import { addDays, type IsoDate, weekday } from './dates'
import type { CountedDay, DayCount, Derivation, DeriveInput, FactNote, LedgerExplainer } from './explainer'
import { type Finding, SEVERITY_LABEL, type Severity } from './findings'
import type { ParameterDefinition, Parameters } from './parameters'
import { Comparison, type LeafCondition } from './rules/comparison'
import type { Facts, FactValue } from './rules/facts'
import type { FieldValue, TableRecord } from './table'
import type { TabTemplate } from './template'
import { clipQuoted } from './text'

/** Shown instead of a confidential value (客户信息保密管理制度). */
export const CONFIDENTIAL_MARK = '（保密，不显示）'

export interface ConditionLine {
  /** 0 for a rule's top group, 1 for its conditions, … */
  readonly depth: number
  readonly text: string
  readonly passed: boolean
}

export interface RuleExplanation {
  readonly code: string
  readonly label: string
  /** The regulation clause the rule implements (rules.json event params `clause`). */
  readonly clause: string | null
  readonly conditions: readonly ConditionLine[]
}

export interface FindingExplanation {
  readonly code: string
  readonly severity: Severity
  /** 错误 / 警告 / 提示. */
  readonly level: string
  /** The short text of the row's 提醒 cell. */
  readonly label: string
  readonly message: string
  readonly due: IsoDate | null
  /** The rule that raised it; null for a problem with the data itself (DATA_INVALID). */
  readonly rule: RuleExplanation | null
  /** What users wrote beside it in 提醒汇总 (处理情况, 暂缓至), when they wrote anything. */
  readonly followUp?: FollowUp
}

export interface FollowUp {
  /** 处理情况. */
  readonly note: string | null
  /** 暂缓至, when it is a date. */
  readonly deferredUntil: IsoDate | null
  /** 暂缓至 is today or later: the finding shows as 已暂缓 and is not counted. */
  readonly deferred: boolean
}

export interface FactExplanation {
  readonly name: string
  readonly label: string
  /** The value as shown: 2026-11-30, 是, （无）, or CONFIDENTIAL_MARK. */
  readonly value: string
  /** Where it came from: Q 列“有效期至”, or 计算：… */
  readonly source: string
}

export interface ParameterExplanation {
  readonly key: string
  readonly name: string
  readonly value: number
  readonly default: number
  /** 默认, or “参数”表第 3 行. */
  readonly source: string
  readonly description: string
}

export interface RecordExplanation {
  readonly row: number
  readonly key: string
  readonly findings: readonly FindingExplanation[]
  readonly derivations: readonly Derivation[]
  readonly facts: readonly FactExplanation[]
  readonly parameters: readonly ParameterExplanation[]
  /** The rules that did not fire, each with its conditions (the failing ones say why). */
  readonly notFired: readonly RuleExplanation[]
}

export interface Explanation {
  readonly sheet: string
  readonly key: string
  readonly today: IsoDate
  readonly records: readonly RecordExplanation[]
}

/** What a ledger's rules saw of one record, and what they raised on it. */
export interface RuleSection {
  readonly rules: readonly RuleProperties[]
  readonly parameters: readonly ParameterDefinition[]
  readonly explain?: LedgerExplainer
  readonly facts: Facts
  /** The findings the rules raised on the record (codes of this section's rules). */
  readonly findings: readonly (Finding & { readonly label?: string })[]
}

export interface ExplainInput {
  readonly template: TabTemplate | undefined
  /** Header → 0-based column index of the tab as read. */
  readonly columns: ReadonlyMap<string, number>
  /** The row as read; undefined for a finding about a whole tab (半年评估 row 1). */
  readonly record: TableRecord | undefined
  readonly row: number
  readonly key: string
  /** One section per ledger whose rules ran on the record (客户档案: archives and VIP tiers). */
  readonly sections: readonly RuleSection[]
  /** The record's other findings: bad cells (DATA_INVALID) and what only a ledger's reader sees. */
  readonly otherFindings: readonly Finding[]
  readonly params: Parameters
  /** The 参数 tab's row of each overridden parameter. */
  readonly overrides: Readonly<Record<string, number>>
  readonly calendar: Calendar
  readonly today: IsoDate
}

export async function explainRecord(input: ExplainInput): Promise<RecordExplanation> {
  const confidential = new Set(
    (input.template?.columns ?? []).filter((column) => column.confidential).map((column) => column.header),
  )
  const value = (header: string): FieldValue | undefined =>
    confidential.has(header) ? undefined : input.record?.values.get(header)
  const where = (header: string): string => {
    const index = input.columns.get(header)
    return index === undefined ? `“${header}”列` : `${columnLetter(index)} 列“${header}”`
  }
  const definitions = new Map(
    input.sections.flatMap((section) => section.parameters).map((definition) => [definition.key, definition]),
  )
  const parameterSource = (key: string): string => {
    const row = input.overrides[key]
    return row === undefined ? '默认' : `“参数”表第 ${row} 行`
  }
  const parameter = (key: string): string =>
    `参数“${definitions.get(key)?.name ?? key}”=${input.params[key] ?? '（无）'}（${parameterSource(key)}）`
  const deriveInput = (facts: Facts): DeriveInput => ({
    facts,
    today: input.today,
    calendar: input.calendar,
    value,
    cell: (header) => {
      if (confidential.has(header)) return `${header}${CONFIDENTIAL_MARK}`
      const shown = value(header)
      return shown === undefined ? `${header}（未填）` : `${header} ${displayFieldValue(shown)}`
    },
    parameter,
    parameterValue: (key) => input.params[key],
    parameterAmount: (key, unit) => `${input.params[key]} ${unit}（${parameter(key)}）`,
    workingDays: (from, to) => countWorkingDays(input.calendar, from, to),
  })

  const findings: FindingExplanation[] = input.otherFindings.map((finding) => ({
    ...findingHead(finding, finding.code === 'DATA_INVALID' ? '数据有误' : ''),
    rule: null,
  }))
  const derivations: Derivation[] = []
  const facts: FactExplanation[] = []
  const notFired: RuleExplanation[] = []
  const shownFacts = new Set<string>()
  for (const section of input.sections) {
    const notes = section.explain?.facts ?? {}
    const label = (name: string): string => {
      const note = notes[name]
      return note?.label ?? note?.column ?? note?.parameter ?? name
    }
    const hidden = (name: string): boolean => {
      const column = notes[name]?.column
      return column !== undefined && confidential.has(column)
    }
    const show = (name: string): string =>
      hidden(name) ? CONFIDENTIAL_MARK : displayFact(factOf(section.facts, name))
    const rules = rulesOfRecord(section)
    for (const rule of rules) {
      const code = rule.event.type
      const params = (rule.event.params ?? {}) as { label?: string; clause?: string }
      const explained: RuleExplanation = {
        code,
        label: params.label ?? code,
        clause: params.clause ?? null,
        conditions: await conditionLines(rule.conditions, section.facts, label, show),
      }
      const raised = section.findings.filter((finding) => finding.code === code)
      if (raised.length === 0) notFired.push(explained)
      for (const finding of raised)
        findings.push({ ...findingHead(finding, finding.label ?? explained.label), rule: explained })
    }
    derivations.push(...(section.explain?.derive?.(deriveInput(section.facts)) ?? []))
    for (const name of factsToShow(section, rules)) {
      if (shownFacts.has(name)) continue
      shownFacts.add(name)
      facts.push({ name, label: label(name), value: show(name), source: factSource(notes[name], where) })
    }
  }
  const parameters = [...definitions.values()].map((definition) => ({
    key: definition.key,
    name: definition.name,
    value: input.params[definition.key] ?? definition.default,
    default: definition.default,
    source: parameterSource(definition.key),
    description: definition.description,
  }))
  const explanation: RecordExplanation = {
    row: input.row,
    key: input.key,
    findings,
    derivations,
    facts,
    parameters,
    notFired,
  }
  const typed = (input.template?.columns ?? []).filter(
    (column) => column.confidential && column.type === 'text',
  )
  return redact(
    explanation,
    confidentialTexts(
      input.record,
      typed.map((column) => column.header),
    ),
  )
}

function findingHead(finding: Finding, label: string): Omit<FindingExplanation, 'rule'> {
  return {
    code: finding.code,
    severity: finding.severity,
    level: SEVERITY_LABEL[finding.severity],
    label,
    message: finding.message,
    due: finding.due,
  }
}

function factOf(facts: Facts, name: string): FactValue | undefined {
  return Object.hasOwn(facts, name) ? facts[name] : undefined
}

/**
 * The facts the section's rules about the record (rulesOfRecord) read, then the others its ledger
 * has a note for, in the notes' order.
 */
function factsToShow(section: RuleSection, rules: readonly RuleProperties[]): string[] {
  const names: string[] = []
  const add = (name: string): void => {
    if (!names.includes(name)) names.push(name)
  }
  for (const rule of rules) {
    visitLeaves(rule.conditions, (leaf) => {
      add(leaf.fact)
      const reference = factReference(leaf.value)
      if (reference !== undefined) add(reference)
    })
    const due = (rule.event.params as { due?: string } | undefined)?.due
    if (due !== undefined) add(due)
  }
  for (const name of Object.keys(section.explain?.facts ?? {}))
    if (Object.hasOwn(section.facts, name)) add(name)
  return names
}

/**
 * The rules about this kind of record: a ledger of two tabs (服务登记簿 and 客户意见调查) gives each
 * record the facts of its own rules only, so a rule reading a fact the record does not have is
 * another tab's. A fact that does not apply is still there, as undefined.
 */
function rulesOfRecord(section: RuleSection): RuleProperties[] {
  return section.rules.filter((rule) => {
    let own = true
    visitLeaves(rule.conditions, (leaf) => {
      const reference = factReference(leaf.value)
      if (!Object.hasOwn(section.facts, leaf.fact)) own = false
      if (reference !== undefined && !Object.hasOwn(section.facts, reference)) own = false
    })
    return own || section.findings.some((finding) => finding.code === rule.event.type)
  })
}

function factSource(note: FactNote | undefined, where: (header: string) => string): string {
  const how = note?.how ?? (note?.parameter === undefined ? undefined : `参数“${note.parameter}”`)
  const parts = [
    ...(note?.column !== undefined ? [where(note.column)] : []),
    ...(how !== undefined ? [`计算：${how}`] : []),
  ]
  return parts.length === 0 ? '检查时计算' : parts.join('；')
}

type Condition = RuleProperties['conditions'] | LeafCondition

function visitLeaves(condition: Condition, visit: (leaf: LeafCondition) => void): void {
  if ('all' in condition) for (const child of condition.all) visitLeaves(child as Condition, visit)
  else if ('any' in condition) for (const child of condition.any) visitLeaves(child as Condition, visit)
  else if ('not' in condition) visitLeaves(condition.not as Condition, visit)
  else if ('fact' in condition) visit(condition as LeafCondition)
}

function factReference(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'fact' in value && typeof value.fact === 'string'
    ? value.fact
    : undefined
}

const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  equal: '为',
  notEqual: '不为',
  lessThan: '小于',
  lessThanInclusive: '不大于',
  greaterThan: '大于',
  greaterThanInclusive: '不小于',
  in: '属于',
  notIn: '不属于',
  contains: '包含',
  doesNotContain: '不包含',
}

/**
 * A rule's conditions in words, each decided on the record's facts by json-rules-engine (the same
 * comparison the rule set runs): ✓ or ✗ per line.
 */
async function conditionLines(
  root: Condition,
  facts: Facts,
  label: (name: string) => string,
  show: (name: string) => string,
): Promise<ConditionLine[]> {
  const lines: ConditionLine[] = []
  const visit = async (condition: Condition, depth: number): Promise<boolean> => {
    if ('all' in condition || 'any' in condition || 'not' in condition) {
      const at = lines.length
      lines.push({ depth, text: '', passed: false })
      let passed: boolean
      let text: string
      if ('not' in condition) {
        text = '以下条件不成立：'
        passed = !(await visit(condition.not as Condition, depth + 1))
      } else {
        const all = 'all' in condition
        const children = (all ? condition.all : condition.any) as Condition[]
        text = all ? '以下条件全部满足：' : '以下条件满足其一：'
        const outcomes: boolean[] = []
        // Every child is decided (not only up to the first decisive one): an auditor reads them all.
        for (const child of children) outcomes.push(await visit(child, depth + 1))
        passed = children.length === 0 ? true : all ? outcomes.every(Boolean) : outcomes.some(Boolean)
      }
      lines[at] = { depth, text, passed }
      return passed
    }
    const leaf = condition as LeafCondition
    const passed = await new Comparison(leaf).decide(facts)
    lines.push({ depth, text: leafText(leaf, label, show), passed })
    return passed
  }
  await visit(root, 0)
  return lines
}

function leafText(
  leaf: LeafCondition,
  label: (name: string) => string,
  show: (name: string) => string,
): string {
  const operator = OPERATOR_WORDS[leaf.operator] ?? leaf.operator
  const reference = factReference(leaf.value)
  if (reference !== undefined) {
    return `${label(leaf.fact)} ${operator} ${label(reference)}（实际 ${show(leaf.fact)}，${label(reference)} ${show(reference)}）`
  }
  return `${label(leaf.fact)} ${operator} ${expectedValue(leaf.value)}（实际 ${show(leaf.fact)}）`
}

function expectedValue(value: unknown): string {
  if (Array.isArray(value)) return `${value.map((item) => expectedValue(item)).join('、')} 之一`
  if (typeof value === 'string') return `“${value}”`
  return displayFact(value as FactValue)
}

/** A fact's value as shown: 是 / 否, （无） for a fact that does not apply. */
export function displayFact(value: FactValue | undefined): string {
  if (value === undefined || value === null || value === '') return '（无）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') return clipQuoted(value)
  // A growth of -26.257430693069306 % reads as -26.2574.
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)))
}

function displayFieldValue(value: FieldValue): string {
  // A date and time to the minute (YYYY-MM-DDTHH:mm) reads with a space.
  return typeof value === 'string' ? clipQuoted(value.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ')) : String(value)
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

/** Day by day, the working days after `from` up to and including `to`, with why each day counts or not. */
export function countWorkingDays(calendar: Calendar, from: IsoDate, to: IsoDate): DayCount {
  const days: CountedDay[] = []
  let count = 0
  for (let date = addDays(from, 1); date <= to && days.length < 400; date = addDays(date, 1)) {
    const day = calendar.describeDay(date)
    const named = (text: string): string => (day.note === '' ? text : `${text}（${day.note}）`)
    const reason =
      day.reason === 'tab'
        ? `“节假日”表：${day.working ? '上班' : '休息'}${day.note === '' ? '' : `，${day.note}`}`
        : day.reason === 'makeUp'
          ? named('调休上班')
          : day.reason === 'holiday'
            ? named('法定节假日')
            : day.reason === 'weekend'
              ? '周末'
              : '工作日'
    if (day.working) count += 1
    days.push({
      date,
      weekday: WEEKDAYS[weekday(date) % 7] ?? '',
      working: day.working,
      reason,
      ...(day.working ? { count } : {}),
    })
  }
  return { from, to, workingDays: count, days }
}

/**
 * The values of the record's confidential columns that could show through a fact or a message (a
 * name typed into 联系人, a phone number): every string of the explanation is cleared of them.
 */
function confidentialTexts(record: TableRecord | undefined, textColumns: readonly string[]): string[] {
  const texts: string[] = []
  // Dropdown columns (资质资料 缺失, 信用状况 良好) hold words of the rules' own text: their facts are
  // hidden by their notes' column instead.
  for (const header of textColumns) {
    const value = record?.values.get(header)
    if (typeof value === 'string' && Array.from(value).length >= 2) texts.push(value)
  }
  return texts.sort((a, b) => b.length - a.length)
}

function redact<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value
  const clean = (item: unknown): unknown => {
    if (typeof item === 'string') {
      let text = item
      for (const secret of secrets) text = text.split(secret).join(CONFIDENTIAL_MARK)
      return text
    }
    if (Array.isArray(item)) return item.map(clean)
    if (typeof item === 'object' && item !== null)
      return Object.fromEntries(Object.entries(item).map(([name, inner]) => [name, clean(inner)]))
    return item
  }
  return clean(value) as T
}
