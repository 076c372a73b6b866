/**
 * google.script.run behind promises, typed by the server functions the page may call
 * (protocol.ts). Apps Script provides `google.script.run` in every HtmlService page; each call sets
 * both handlers on the runner it gets, so nothing is shared between calls.
 */
import type { SidebarServer } from './protocol'

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner
}

declare const google: { readonly script: { readonly run: ScriptRunner } }

export type ServerName = keyof SidebarServer

/** Calls a server function; resolves with its answer, rejects with an Error in words. */
export function callServer<Name extends ServerName>(
  name: Name,
  ...args: Parameters<SidebarServer[Name]>
): Promise<ReturnType<SidebarServer[Name]> | null | undefined> {
  return new Promise((resolve, reject) => {
    let runner: ScriptRunner
    try {
      runner = google.script.run
        .withSuccessHandler((value) => resolve(value as ReturnType<SidebarServer[Name]> | null | undefined))
        .withFailureHandler((error) =>
          reject(
            error instanceof Error
              ? error
              : new Error(String((error as { message?: unknown })?.message ?? error)),
          ),
        )
    } catch {
      reject(new Error('此页面需要在 Google 表格的侧边栏中打开'))
      return
    }
    const call = (runner as unknown as Record<string, (...values: unknown[]) => void>)[name]
    if (typeof call !== 'function') {
      reject(new Error(`脚本中没有函数 ${name}：请重新推送台账脚本`))
      return
    }
    call.apply(runner, args)
  })
}

/** How long the page waits for an answer kept by token: `tries` takeResult calls, `delayMs` apart. */
export interface Waiting {
  readonly delayMs: number
  readonly tries: number
  /** Said (as the Error's message) when the answer is still not there after the last try. */
  readonly tooLate: string
}

type StartName = 'startExplain' | 'startCheckFromSidebar'

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Calls a start function (commands/sidebar-answers.ts) and resolves with its answer: the one it
 * returns when that is already an answer (`isAnswer`), else the one takeResult hands over for the
 * token it returns, asked again while it says pending.
 */
export async function callAndWait<Name extends StartName, Answer>(
  name: Name,
  args: Parameters<SidebarServer[Name]>,
  isAnswer: (value: unknown) => value is Answer,
  waiting: Waiting,
): Promise<Answer> {
  const started: unknown = await callServer(name, ...args)
  if (isAnswer(started)) return started
  const token = (started as { token?: unknown } | null | undefined)?.token
  if (typeof token !== 'string' || token === '') throw new Error('服务器没有应答，请重试')
  for (let attempt = 0; attempt < waiting.tries; attempt++) {
    await pause(waiting.delayMs)
    const taken: unknown = await callServer('takeResult', token)
    if (isAnswer(taken)) return taken
    if ((taken as { pending?: unknown } | null | undefined)?.pending === true) continue
    throw new Error('结果已失效（可能已被清除），请重试')
  }
  throw new Error(waiting.tooLate)
}
