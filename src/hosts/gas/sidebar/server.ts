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
