/**
 * Loads the built Apps Script bundle (dist/Code.js) the way Apps Script does: one script in a fresh
 * V8 context whose only globals are the language built-ins and the Apps Script services, here the
 * fakes of gas-fakes.ts. No setTimeout, setInterval, process, require or Buffer.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import type { GasEnvironment } from './gas-fakes'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BUNDLE_PATH = path.join(ROOT, 'dist', 'Code.js')
const SOURCES = ['src', 'scripts', 'package-lock.json']

function newestSource(entry: string): number {
  const stats = statSync(entry)
  if (!stats.isDirectory()) return stats.mtimeMs
  return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))))
}

/** The bundle's source, built first when dist/Code.js is missing or older than the sources. */
export function bundleSource(): string {
  const builtAt = existsSync(BUNDLE_PATH) ? statSync(BUNDLE_PATH).mtimeMs : 0
  const changedAt = Math.max(...SOURCES.map((entry) => newestSource(path.join(ROOT, entry))))
  if (changedAt > builtAt) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' })
  return readFileSync(BUNDLE_PATH, 'utf8')
}

export interface LoadedBundle {
  readonly context: vm.Context
  /** Calls a top-level function of the bundle (a menu item or trigger handler) and awaits it. */
  call(name: string, ...args: unknown[]): Promise<unknown>
  /** `typeof name` inside the bundle's context. */
  typeOf(name: string): string
}

/**
 * A context holding `env.globals`, with the clock stopped at `now` when given (new Date() and
 * Date.now() inside the bundle return it), and the bundle loaded into it.
 */
export function loadGasBundle(
  env: GasEnvironment,
  options: { now?: Date; source?: string } = {},
): LoadedBundle {
  const context = vm.createContext({ ...env.globals })
  if (options.now !== undefined) {
    vm.runInContext(
      `(() => {
        const RealDate = Date
        const now = ${options.now.getTime()}
        class StoppedDate extends RealDate {
          constructor(...args) { if (args.length === 0) super(now); else super(...args) }
          static now() { return now }
        }
        globalThis.Date = StoppedDate
      })()`,
      context,
    )
  }
  vm.runInContext(options.source ?? bundleSource(), context, { filename: 'Code.js' })
  return {
    context,
    call: async (name, ...args) => {
      const handler = context[name]
      if (typeof handler !== 'function') throw new Error(`the bundle has no top-level function ${name}`)
      return await handler(...args)
    },
    typeOf: (name) => vm.runInContext(`typeof ${name}`, context) as string,
  }
}
