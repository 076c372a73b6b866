/**
 * A full garbage collection between the big steps of a save. Rewriting a worksheet makes large
 * short-lived strings (its XML in chunks), which V8 puts straight into its old generation and, with
 * memory to spare, collects late: the peak memory of a 50,000-row check doubled while nothing of it
 * was alive. Collecting after each rewritten part keeps the peak near what is really in use, for a
 * few tens of milliseconds each time.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let collect: (() => void) | null | undefined

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      collect = runInNewContext('gc') as () => void
    } catch {
      collect = null
    }
  }
  collect?.()
}
