/**
 * json-rules-engine as the Apps Script build (scripts/build.mjs) bundles it, 55 KiB lighter.
 * engineShims: it brings four packages the tool never needs in full, replaced by small stand-ins
 * (src/hosts/gas/shims/):
 *   eventemitter2  Engine and Rule extend it but call only `on` and `emitAsync`
 *   jsonpath-plus  only for a condition's `path`, which no rules.json uses
 *   hash-it        keys the cache of fact values; the tool's facts are uncached
 *   clone          copies a rule's conditions and event into each result
 * engineDist: each of its files defines Babel's class helpers again, and calls a debug log that
 * Apps Script never shows.
 * test/engine-shims.test.ts runs every ledger's rules through an engine built with these and one
 * built without, and compares what they decide and emit.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
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

const HELPERS = [
  '_typeof',
  '_createClass',
  '_interopRequireDefault',
  '_classCallCheck',
  '_possibleConstructorReturn',
  '_inherits',
]
const HELPERS_MODULE = 'json-rules-engine/babel-helpers'
const helperLine = new RegExp(
  `^(?:var (${HELPERS.join('|')}) = |function (${HELPERS.join('|')})\\().*$`,
  'gm',
)

/** A statement calling json-rules-engine's debug log (debug.js). */
const debugCall = /^(\s*)\(0, _debug2\.default\)\(/gm

/**
 * json-rules-engine's dist files, trimmed for Apps Script:
 * - each defines Babel's helpers (_createClass, _classCallCheck, …), one line each, the same text in
 *   every file. Each file gets them from one module instead, defined by those very lines, taken at
 *   the top of the file where its own would be hoisted or assigned; a helper whose text differs
 *   between files is left in place.
 * - its debug log (debug.js) writes only where `process.env.DEBUG` or a browser's
 *   `localStorage.debug` names it, and Apps Script has neither: each call, a statement of its own
 *   whose arguments only read values, becomes `false && …`, which the minifier drops with its text.
 */
export const engineDist = {
  name: 'engine-dist',
  setup(build) {
    const dist = path.join(path.dirname(createRequire(import.meta.url).resolve('json-rules-engine')))
    const texts = new Map()
    for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
      for (const [line, asVar, asFunction] of readFileSync(path.join(dist, file), 'utf8').matchAll(
        helperLine,
      )) {
        const name = asVar ?? asFunction
        texts.set(name, [...(texts.get(name) ?? []), line])
      }
    }
    const shared = new Map(
      [...texts].filter(([, lines]) => new Set(lines).size === 1).map(([name, lines]) => [name, lines[0]]),
    )
    build.onResolve({ filter: new RegExp(`^${HELPERS_MODULE}$`) }, () => ({
      path: HELPERS_MODULE,
      namespace: 'engine-dist',
    }))
    build.onLoad({ filter: /.*/, namespace: 'engine-dist' }, () => ({
      contents: `'use strict';\n${[...shared.values()].join('\n')}\nmodule.exports = { ${[...shared.keys()].join(', ')} };\n`,
      loader: 'js',
    }))
    build.onLoad({ filter: /[\\/]node_modules[\\/]json-rules-engine[\\/]dist[\\/][^\\/]+\.js$/ }, (args) => {
      const used = []
      const source = readFileSync(args.path, 'utf8')
        .replace(helperLine, (line, asVar, asFunction) => {
          const name = asVar ?? asFunction
          if (shared.get(name) !== line) return line
          used.push(name)
          return ''
        })
        .replace(debugCall, '$1false && (0, _debug2.default)(')
      if (used.length === 0) return { contents: source, loader: 'js' }
      const take = `var { ${used.join(', ')} } = require('${HELPERS_MODULE}');`
      const [first, ...rest] = source.split('\n')
      const contents =
        first.trim() === "'use strict';" ? [first, take, ...rest].join('\n') : `${take}\n${source}`
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) }
    })
  },
}
