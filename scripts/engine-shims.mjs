/**
 * json-rules-engine brings four packages the tool never needs in full: the Apps Script build
 * (scripts/build.mjs) gives it small stand-ins instead (src/hosts/gas/shims/), 50 KiB less.
 *   eventemitter2  Engine and Rule extend it but call only `on` and `emitAsync`
 *   jsonpath-plus  only for a condition's `path`, which no rules.json uses
 *   hash-it        keys the cache of fact values; the tool's facts are uncached
 *   clone          copies a rule's conditions and event into each result
 * test/engine-shims.test.ts runs every ledger's rules through an engine built with these and one
 * built without, and compares what they decide and emit.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHIMS = path.join(ROOT, 'src', 'hosts', 'gas', 'shims')

export const ENGINE_SHIMS = {
  eventemitter2: path.join(SHIMS, 'event-emitter.ts'),
  'jsonpath-plus': path.join(SHIMS, 'json-path.ts'),
  'hash-it': path.join(SHIMS, 'hash-key.ts'),
  clone: path.join(SHIMS, 'deep-clone.ts'),
}

/** Resolves json-rules-engine's imports of those packages to the stand-ins. */
export const engineShims = {
  name: 'engine-shims',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(ENGINE_SHIMS).join('|')})$`)
    build.onResolve({ filter }, (args) => {
      if (!/[\\/]node_modules[\\/]json-rules-engine[\\/]/.test(args.importer)) return undefined
      return { path: ENGINE_SHIMS[args.path] }
    })
  },
}
