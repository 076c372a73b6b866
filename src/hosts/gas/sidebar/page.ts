/**
 * The 今日提醒 sidebar page (dist/Sidebar.html, built by scripts/build.mjs into sidebar.html's
 * skeleton). It shows what the last check wrote into 提醒汇总: counts per level, filters, a search
 * box and the findings grouped by ledger and level, a page at a time so that thousands stay quick.
 * Clicking a finding selects its row in the sheet; 为什么 shows its explanation. Every text from
 * the sheets is set as text (textContent), never as HTML: a 说明 may hold `<script>` or a formula.
 */
import {
  type Filters,
  filterFindings,
  GROUP_ORDER,
  groupedRows,
  LEVEL_NAMES,
  type LevelFilter,
  type ListRow,
  NO_OWNER,
  PAGE_SIZE,
  pageRows,
  valueCounts,
} from './model'
import type { CheckAnswer, SidebarData, SidebarFinding, WhyText } from './protocol'
import { callAndWait, callServer, type Waiting } from './server'

const SEARCH_DELAY_MS = 150
/** An explanation takes a second or two; the check up to six minutes (Apps Script's limit per run). */
const WHY_WAITING: Waiting = {
  delayMs: 300,
  tries: 20,
  tooLate: '服务器还没有算好（或已中断），请稍后再点“为什么”',
}
const CHECK_WAITING: Waiting = {
  delayMs: 2000,
  tries: 150,
  tooLate: '等了 6 分钟以上：检查可能仍在进行或已中断，请稍后查看“提醒汇总”和“操作日志”',
}

const isWhyText = (value: unknown): value is WhyText =>
  typeof (value as { ok?: unknown } | null | undefined)?.ok === 'boolean'
const isCheckAnswer = (value: unknown): value is CheckAnswer =>
  typeof (value as { message?: unknown } | null | undefined)?.message === 'string'

interface State {
  data: Extract<SidebarData, { ok: true }> | undefined
  shown: readonly SidebarFinding[]
  rows: ListRow[]
  limit: number
  current: SidebarFinding | undefined
  checking: boolean
}

const state: State = {
  data: undefined,
  shown: [],
  rows: [],
  limit: PAGE_SIZE,
  current: undefined,
  checking: false,
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`sidebar.html has no #${id}`)
  return element as T
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = '',
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (className !== '') element.className = className
  if (text !== '') element.textContent = text
  return element
}

const ui = {
  checked: byId<HTMLElement>('checked'),
  check: byId<HTMLButtonElement>('check'),
  checkStatus: byId<HTMLElement>('check-status'),
  counts: byId<HTMLElement>('counts'),
  level: byId<HTMLSelectElement>('f-level'),
  tab: byId<HTMLSelectElement>('f-tab'),
  owner: byId<HTMLSelectElement>('f-owner'),
  search: byId<HTMLInputElement>('f-search'),
  summary: byId<HTMLElement>('summary'),
  list: byId<HTMLElement>('list'),
  status: byId<HTMLElement>('status'),
  why: byId<HTMLElement>('why'),
  whyTitle: byId<HTMLElement>('why-title'),
  whyText: byId<HTMLElement>('why-text'),
  whyClose: byId<HTMLButtonElement>('why-close'),
}

function filters(): Filters {
  return {
    level: ui.level.value as LevelFilter,
    tab: ui.tab.value,
    owner: ui.owner.value,
    search: ui.search.value.trim(),
  }
}

let statusTimer: number | undefined

/** A short message over the list (where a jump went, what failed). */
function tell(message: string, kind: 'ok' | 'error' = 'ok'): void {
  ui.status.textContent = message
  ui.status.className = `toast ${kind}`
  ui.status.hidden = false
  if (statusTimer !== undefined) window.clearTimeout(statusTimer)
  statusTimer = window.setTimeout(() => {
    ui.status.hidden = true
  }, 6000)
}

function fillSelect(select: HTMLSelectElement, all: string, options: readonly [string, string][]): void {
  const kept = select.value
  const fragment = document.createDocumentFragment()
  fragment.append(new Option(all, ''))
  for (const [value, label] of options) fragment.append(new Option(label, value))
  select.replaceChildren(fragment)
  select.value = options.some(([value]) => value === kept) ? kept : ''
}

function renderHead(data: Extract<SidebarData, { ok: true }>): void {
  ui.checked.textContent =
    data.checkedAt === ''
      ? data.findings.length > 0
        ? '上次检查时间不详（操作日志中没有记录）'
        : '尚无检查记录'
      : `上次检查 ${data.checkedAt.slice(0, 16)}${data.checkedThrough !== '' && !data.checkedAt.startsWith(data.checkedThrough) ? `（截至 ${data.checkedThrough}）` : ''}`
  const chips = document.createDocumentFragment()
  for (const level of GROUP_ORDER) {
    const chip = el('button', `chip chip-${level}`)
    chip.type = 'button'
    chip.dataset.level = level
    chip.append(
      el('span', 'chip-name', LEVEL_NAMES[level]),
      el('span', 'chip-count', String(data.counts[level])),
    )
    chip.title = `只看${LEVEL_NAMES[level]}`
    chips.append(chip)
  }
  ui.counts.replaceChildren(chips)
  fillSelect(
    ui.level,
    '全部级别',
    GROUP_ORDER.map((level) => [level, `${LEVEL_NAMES[level]}（${data.counts[level]}）`]),
  )
  fillSelect(
    ui.tab,
    '全部台账',
    valueCounts(data.findings, (finding) => finding.tab).map(([tab, count]) => [tab, `${tab}（${count}）`]),
  )
  const owners = valueCounts(data.findings, (finding) => finding.owner)
  fillSelect(
    ui.owner,
    '全部负责人',
    owners.map(([owner, count]) => [
      owner === '' ? NO_OWNER : owner,
      `${owner || '（无负责人）'}（${count}）`,
    ]),
  )
}

function findingElement(finding: SidebarFinding, index: number): HTMLElement {
  const deferred = finding.deferredUntil !== null
  const item = el('div', `item level-${finding.level}${deferred ? ' deferred' : ''}`)
  item.dataset.index = String(index)
  item.tabIndex = 0
  item.setAttribute('role', 'button')
  if (finding === state.current) item.classList.add('current')
  const line = el('div', 'line1')
  line.append(el('span', 'key', finding.key || finding.tab))
  line.append(el('span', 'what', finding.item || finding.code))
  item.append(line)
  if (deferred)
    item.append(
      el('div', 'deferred-note', finding.deferredUntil ? `已暂缓至 ${finding.deferredUntil}` : '已暂缓'),
    )
  item.append(el('div', 'msg', finding.message))
  if (finding.handling !== '') item.append(el('div', 'handling', `处理情况：${finding.handling}`))
  const meta = el('div', 'meta')
  const facts = el('span', 'facts')
  const parts: string[] = []
  if (finding.owner !== '') parts.push(`${finding.ownerHeader || '负责人'} ${finding.owner}`)
  if (finding.due !== '') parts.push(`期限 ${finding.due}`)
  if (finding.row > 0) parts.push(`第 ${finding.row} 行`)
  facts.textContent = parts.join(' · ')
  meta.append(facts)
  if (finding.key !== '') {
    const why = el('button', 'why-button', '为什么')
    why.type = 'button'
    why.title = '这条提醒是怎么算出来的'
    meta.append(why)
  }
  item.append(meta)
  return item
}

function renderList(): void {
  const data = state.data
  if (data === undefined) return
  const fragment = document.createDocumentFragment()
  if (data.notice !== '') fragment.append(el('p', 'empty', data.notice))
  else if (data.findings.length === 0) fragment.append(el('p', 'empty', '今天没有提醒。'))
  else if (state.shown.length === 0) fragment.append(el('p', 'empty', '没有符合筛选条件的提醒。'))
  for (const row of pageRows(state.rows, state.limit)) {
    if (row.kind === 'tab') {
      const heading = el('div', 'tab-heading')
      heading.append(el('span', 'tab-name', row.tab), el('span', 'tab-count', `${row.count} 条`))
      fragment.append(heading)
    } else if (row.kind === 'group') {
      fragment.append(el('div', `group-heading group-${row.group}`, `${LEVEL_NAMES[row.group]} ${row.count}`))
    } else {
      fragment.append(findingElement(row.finding, row.index))
    }
  }
  const rest = state.shown.length - state.limit
  if (rest > 0) {
    const more = el('button', 'more', `再显示 ${Math.min(rest, PAGE_SIZE)} 条（还有 ${rest} 条）`)
    more.type = 'button'
    more.id = 'more'
    fragment.append(more)
  }
  ui.list.replaceChildren(fragment)
  const total = data.findings.length
  ui.summary.textContent =
    state.shown.length === total ? `共 ${total} 条` : `筛选出 ${state.shown.length} 条（共 ${total} 条）`
}

/** Applies the filters: the list starts again at its first page. */
function refilter(): void {
  const data = state.data
  if (data === undefined) return
  state.shown = filterFindings(data.findings, filters())
  state.rows = groupedRows(state.shown)
  state.limit = PAGE_SIZE
  ui.list.scrollTop = 0
  for (const chip of ui.counts.querySelectorAll<HTMLElement>('.chip'))
    chip.classList.toggle('active', chip.dataset.level === ui.level.value)
  renderList()
}

function findingAt(target: EventTarget | null): { finding: SidebarFinding; item: HTMLElement } | undefined {
  const item = (target as HTMLElement | null)?.closest<HTMLElement>('.item')
  if (!item) return undefined
  const index = Number(item.dataset.index)
  const finding = state.rows.find((row) => row.kind === 'finding' && row.index === index)
  return finding?.kind === 'finding' ? { finding: finding.finding, item } : undefined
}

async function jump(finding: SidebarFinding, item: HTMLElement): Promise<void> {
  for (const other of ui.list.querySelectorAll('.item.current')) other.classList.remove('current')
  item.classList.add('current')
  state.current = finding
  try {
    const answer = await callServer('jumpToFinding', {
      tab: finding.tab,
      row: finding.row > 0 ? finding.row : 1,
      key: finding.key,
    })
    if (typeof answer?.ok !== 'boolean') tell('跳转没有结果，请重试', 'error')
    else if (!answer.ok) tell(answer.message, 'error')
    else if (finding.row <= 0) tell(`这条提醒针对整个“${answer.tab}”工作表`)
    else tell(answer.message || `已选中“${answer.tab}”第 ${answer.row} 行`)
  } catch (error) {
    tell(`无法跳转：${(error as Error).message}`, 'error')
  }
}

/** Counts 为什么 clicks: an answer that comes after a later click is not shown. */
let whyAsked = 0

async function explain(finding: SidebarFinding): Promise<void> {
  const asked = ++whyAsked
  ui.whyTitle.textContent = `为什么：${finding.tab} ${finding.key}`
  ui.whyText.textContent = '正在读取说明…'
  ui.why.hidden = false
  let text: string
  try {
    const answer = await callAndWait(
      'startExplain',
      [{ tab: finding.tab, key: finding.key }],
      isWhyText,
      WHY_WAITING,
    )
    text = answer.ok ? answer.text : answer.message
  } catch (error) {
    text = `无法取得说明：${(error as Error).message}`
  }
  if (asked === whyAsked) ui.whyText.textContent = text
}

async function load(): Promise<void> {
  try {
    const data = await callServer('sidebarFindings')
    if (typeof data?.ok !== 'boolean') throw new Error('没有取得提醒，请重试')
    if (!data.ok) {
      ui.list.replaceChildren(el('p', 'empty error', data.message))
      ui.checked.textContent = '读取失败'
      return
    }
    state.data = data
    renderHead(data)
    refilter()
  } catch (error) {
    ui.checked.textContent = '读取失败'
    ui.list.replaceChildren(el('p', 'empty error', `无法读取提醒：${(error as Error).message}`))
  }
}

async function checkNow(): Promise<void> {
  if (state.checking) return
  state.checking = true
  ui.check.disabled = true
  ui.check.textContent = '检查中…'
  ui.checkStatus.hidden = false
  ui.checkStatus.className = 'check-status running'
  ui.checkStatus.textContent = '正在检查全部台账，请稍候（台账大时需要一两分钟）…'
  try {
    const answer = await callAndWait('startCheckFromSidebar', [], isCheckAnswer, CHECK_WAITING)
    ui.checkStatus.className = 'check-status done'
    ui.checkStatus.textContent = answer.message || '检查已结束。'
  } catch (error) {
    ui.checkStatus.className = 'check-status error'
    ui.checkStatus.textContent = `没有取得检查结果：${(error as Error).message}`
  } finally {
    state.checking = false
    ui.check.disabled = false
    ui.check.textContent = '立即检查'
  }
  await load()
}

function start(): void {
  ui.list.addEventListener('click', (event) => {
    const target = event.target as HTMLElement
    if (target.id === 'more') {
      state.limit += PAGE_SIZE
      renderList()
      return
    }
    const found = findingAt(target)
    if (found === undefined) return
    if (target.closest('.why-button')) void explain(found.finding)
    else void jump(found.finding, found.item)
  })
  ui.list.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    const found = findingAt(event.target)
    if (found === undefined || (event.target as HTMLElement).closest('button')) return
    event.preventDefault()
    void jump(found.finding, found.item)
  })
  ui.counts.addEventListener('click', (event) => {
    const chip = (event.target as HTMLElement).closest<HTMLElement>('.chip')
    if (!chip) return
    const level = chip.dataset.level ?? ''
    ui.level.value = ui.level.value === level ? '' : level
    refilter()
  })
  for (const select of [ui.level, ui.tab, ui.owner]) select.addEventListener('change', refilter)
  let searchTimer: number | undefined
  ui.search.addEventListener('input', () => {
    if (searchTimer !== undefined) window.clearTimeout(searchTimer)
    searchTimer = window.setTimeout(refilter, SEARCH_DELAY_MS)
  })
  ui.whyClose.addEventListener('click', () => {
    ui.why.hidden = true
  })
  ui.check.addEventListener('click', () => void checkNow())
  void load()
}

start()
