/**
 * What the 今日提醒 sidebar (sidebar/page.ts, a browser page) and the bundle's server functions
 * (commands/sidebar.ts) hand each other through google.script.run: plain data only (no Date, no Map),
 * since google.script.run passes values as JSON-like data. Types only, no DOM and no Apps Script, so
 * that both sides compile against it.
 */

export type SidebarLevel = 'error' | 'warning' | 'info'

/** One line of 提醒汇总 as the sidebar shows it. */
export interface SidebarFinding {
  /** The tab the finding is about (台账). */
  readonly tab: string
  /** Its row in that tab (行); 0 when the finding is about the tab as a whole. */
  readonly row: number
  /** 编号; '' for a finding about the tab. */
  readonly key: string
  /** 代码, e.g. SAMPLE_EXPIRED. */
  readonly code: string
  /** 事项 (a short label of the rule) when 提醒汇总 has that column, else ''. */
  readonly item: string
  readonly level: SidebarLevel
  /** The last day (ISO date) the finding is deferred to (暂缓至), or null when it is not deferred. */
  readonly deferredUntil: string | null
  /** 说明, as text. */
  readonly message: string
  /** 期限 as an ISO date, or ''. */
  readonly due: string
  /** 处理情况, as the users wrote it. */
  readonly handling: string
  /** 保管人 / 开发负责人 / 走访人 / 服务人员 / 分销商 of the record, or '' when the tab has none. */
  readonly owner: string
  /** Which column the owner comes from (保管人 …), or ''. */
  readonly ownerHeader: string
}

export interface SidebarCounts {
  readonly error: number
  readonly warning: number
  readonly info: number
  /** Deferred findings (counted here only, not in their level). */
  readonly deferred: number
}

export type SidebarData =
  | {
      readonly ok: true
      readonly findings: readonly SidebarFinding[]
      readonly counts: SidebarCounts
      /** When the last check ran (操作日志 时间), or '' when 操作日志 names none. */
      readonly checkedAt: string
      /** The date the last check checked through (检查（截至 D）), or ''. */
      readonly checkedThrough: string
      /** Something to tell the user instead of a list (no 提醒汇总 yet …), or ''. */
      readonly notice: string
    }
  | { readonly ok: false; readonly message: string }

export interface JumpRequest {
  readonly tab: string
  readonly row: number
  /** The record's id: when rows moved since the check, the jump goes to where the id is now. */
  readonly key?: string
}

export type JumpAnswer =
  | {
      readonly ok: true
      readonly tab: string
      readonly row: number
      /** Said when the record was found on another row than 提醒汇总 says, else ''. */
      readonly message: string
    }
  | { readonly ok: false; readonly message: string }

export interface WhyRequest {
  /** The tab as users see it: 样件台账, 半年评估 … */
  readonly tab: string
  /** The record's id; for 半年评估 the half-year (2026H1). */
  readonly key: string
}

/** The part of explainFinding's answer (commands/why.ts) the page reads. */
export type WhyText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string }

export interface CheckAnswer {
  readonly message: string
}

/**
 * What a start function answers when its answer is not ready yet: the token to hand takeResult
 * (commands/sidebar-answers.ts says why the page never waits on a Promise of the server).
 */
export interface Started {
  readonly token: string
}

/** takeResult: the work still runs. */
export interface Pending {
  readonly pending: true
}

/** takeResult: no answer under the token (taken already, expired, or dropped from the cache). */
export interface Missing {
  readonly missing: true
}

export type TakenAnswer = WhyText | CheckAnswer | Pending | Missing

/**
 * The server functions the page calls, by name, with what they answer. Each answers synchronously:
 * the async 为什么 and 立即检查 are started, and their answers taken by token.
 */
export interface SidebarServer {
  sidebarFindings(): SidebarData
  jumpToFinding(request: JumpRequest): JumpAnswer
  startExplain(request: WhyRequest): WhyText | Started
  startCheckFromSidebar(): CheckAnswer | Started
  takeResult(token: string): TakenAnswer
}
