/**
 * json-rules-engine as the Apps Script build (scripts/build.mjs) bundles it, over 55 KiB lighter.
 * engineShims: it brings four packages the tool never needs in full, replaced by small stand-ins
 * (src/hosts/gas/shims/):
 *   eventemitter2  Engine and Rule extend it but call only `on` and `emitAsync`
 *   jsonpath-plus  only for a condition's `path`, which no rules.json uses
 *   hash-it        keys the cache of fact values; the tool's facts are uncached
 *   clone          copies a rule's conditions and event into each result
 * engineDist: each of its files defines Babel's class helpers again, and calls a debug log that
 * Apps Script never shows; its classes have methods nobody calls here (UNUSED_METHODS); and Babel
 * wrote its ES modules as CommonJS, which the bundler cannot join into one scope (asEsModule).
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

/**
 * Public methods of json-rules-engine's classes that neither the tool (src/core/rules/) nor the
 * engine itself calls: the tool builds each Engine from its rules and only runs it. A method the
 * engine does call, or that is not written where it is expected, fails the build (slimmedFiles).
 */
export const UNUSED_METHODS = {
  'engine.js': [
    'updateRule',
    'removeRule',
    'setCondition',
    'removeCondition',
    'removeOperator',
    'removeOperatorDecorator',
    'removeFact',
    'stop',
  ],
  'operator-map.js': ['removeOperator', 'removeOperatorDecorator'],
  'rule.js': ['getEvent', 'getPriority', 'getConditions', 'getEngine', 'toJSON'],
  'condition.js': ['toJSON'],
  'rule-result.js': ['toJSON'],
  'almanac.js': ['addRuntimeFact'],
  'fact.js': ['isDynamic'],
}

/** Code without its comments, for the checks that what is left calls or exports nothing unexpected. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
}

/** A line between two of Babel's method entries: blank, or the JSDoc of the next method. */
const betweenMethods = /^(?:\s*| {4}\/\*\*.*| +\*.*)$/

/**
 * `source` (a dist file, as Babel writes a class) without the entry `{ key: 'name', value: function
 * name(…) {…} }` of each method named, found by the text Babel writes:
 *     _createClass(Engine, [{          or    }, {
 *       key: 'name',
 *       value: function name(…) {
 *         …                                  (indented deeper)
 *       }
 *                                            (blank lines, the next method's JSDoc)
 *     }, {                             or    }]);  }], [{
 * Throws, naming the file, when a method is not written so (a json-rules-engine other than 7.3's).
 */
export function withoutMethods(source, file, names) {
  const lines = source.split('\n')
  for (const name of names) {
    const key = lines.indexOf(`    key: '${name}',`)
    const fail = (why) => {
      throw new Error(`json-rules-engine/dist/${file}: cannot leave out ${name}(): ${why}`)
    }
    if (key < 1 || lines.indexOf(`    key: '${name}',`, key + 1) !== -1) fail('not one `key` line for it')
    const open = lines[key - 1]
    if (open !== '  }, {' && !/^ {2}_createClass\(\w+, \[\{$/.test(open))
      fail(`unexpected line before it: ${open}`)
    if (!lines[key + 1].startsWith(`    value: function ${name}(`) || !lines[key + 1].endsWith(') {'))
      fail('its `value` is not a function of that name')
    let end = key + 2
    while (end < lines.length && lines[end] !== '    }') {
      if (lines[end] !== '' && !lines[end].startsWith('      ')) fail(`unexpected line in it: ${lines[end]}`)
      end += 1
    }
    let close = end + 1
    while (close < lines.length && betweenMethods.test(lines[close])) close += 1
    const last = lines[close]
    if (last === '  }, {') lines.splice(key, close - key + 1)
    else if (open === '  }, {' && (last === '  }]);' || last === '  }], [{'))
      lines.splice(key - 1, close - key + 1)
    else fail(`unexpected line after it: ${last}`)
  }
  return lines.join('\n')
}

/**
 * The dist files of UNUSED_METHODS, each without those methods (file name → text). Throws when a
 * file left, of any of them, still names a method left out: json-rules-engine calls it itself.
 */
export function slimmedFiles(dist) {
  const files = readdirSync(dist).filter((name) => name.endsWith('.js'))
  const texts = new Map(files.map((file) => [file, readFileSync(path.join(dist, file), 'utf8')]))
  for (const [file, names] of Object.entries(UNUSED_METHODS)) {
    if (!texts.has(file)) throw new Error(`json-rules-engine/dist/${file} is missing`)
    texts.set(file, withoutMethods(texts.get(file), file, names))
  }
  const code = [...texts].map(([file, text]) => [file, withoutComments(text)])
  for (const name of new Set(Object.values(UNUSED_METHODS).flat())) {
    const caller = code.find(([, text]) => new RegExp(`\\b${name}\\b`).test(text))
    if (caller)
      throw new Error(`json-rules-engine/dist/${caller[0]} calls ${name}(), which the build leaves out`)
  }
  return new Map([...texts].filter(([file]) => UNUSED_METHODS[file]))
}

/**
 * `source`, a dist file as Babel writes CommonJS, as the ES module it was written as, so that the
 * bundler joins the files into one scope (no module wrappers, `_fact2.default` becomes the class
 * itself) and drops what nothing uses:
 *   'use strict';  Object.defineProperty(exports, "__esModule", …);  exports.A = … = undefined;
 *                                                  gone (a module is strict)
 *   var _fact = require('./fact');                 import * as _fact from './fact';
 *   var _fact2 = _interopRequireDefault(_fact);    import * as _fact2 from './fact';
 *   var READY = exports.READY = 'READY';           export var READY = 'READY';
 *   exports.default = Engine;                      export default Engine;
 *   exports.Fact = _fact2.default;                 export var Fact = _fact2.default;
 *   module.exports = require('./json-rules-engine');
 *                                                  export * from …; export { default } from …;
 * `_interopRequireDefault(x)` is x when x marks itself __esModule, as each of these files does, and
 * `{ default: x }` otherwise, which is what `import * as` gives for the stand-ins' default exports.
 * Throws, naming the file, when anything of CommonJS is left (a json-rules-engine written otherwise).
 */
export function asEsModule(source, file) {
  const module = source
    .replace(/^'use strict';\n/, '')
    .replace(/^Object\.defineProperty\(exports, "__esModule", \{\n {2}value: true\n\}\);\n/m, '')
    .replace(/^exports\.\w+(?: = exports\.\w+)* = undefined;\n/m, '')
    .replace(
      /^var (_\w+) = require\(('[^']+')\);\n\nvar \1(2) = _interopRequireDefault\(\1\);$/gm,
      'import * as $1$3 from $2;',
    )
    .replace(/^var (_\w+) = require\(('[^']+')\);$/gm, 'import * as $1 from $2;')
    .replace(/^var (\w+) = exports\.\1 = /gm, 'export var $1 = ')
    .replace(/^exports\.default = /gm, 'export default ')
    .replace(/^exports\.(\w+) = (_\w+\.default;)$/gm, 'export var $1 = $2')
    .replace(/^module\.exports = require\(('[^']+')\);$/m, 'export * from $1;\nexport { default } from $1;')
  const left = /^.*\b(?:require\(|exports\b|module\.exports).*$/m.exec(withoutComments(module))
  if (left)
    throw new Error(`json-rules-engine/dist/${file} is not CommonJS as Babel wrote it in 7.3: ${left[0]}`)
  return module
}

/** A statement calling json-rules-engine's debug log (debug.js). */
const debugCall = /^(\s*)\(0, _debug2\.default\)\(/gm
/** debug.js making the log; with no call left, nothing reads it, and the bundler drops the file. */
const debugLog = /^export default createDebug\(\);$/m
const PURE_DEBUG_LOG = 'export default /* @__PURE__ */ createDebug();'

/**
 * json-rules-engine's dist files, trimmed for Apps Script:
 * - each defines Babel's helpers (_createClass, _classCallCheck, …), one line each, the same text in
 *   every file. Each file gets them from one module instead, defined by those very lines, taken at
 *   the top of the file where its own would be hoisted or assigned; a helper whose text differs
 *   between files is left in place.
 * - its debug log (debug.js) writes only where `process.env.DEBUG` or a browser's
 *   `localStorage.debug` names it, and Apps Script has neither: each call, a statement of its own
 *   whose arguments only read values, becomes `false && …`, which the minifier drops with its text.
 * - the methods of UNUSED_METHODS are left out (slimmedFiles).
 * - each becomes the ES module it was written as (asEsModule), the helpers' module one too.
 */
export const engineDist = {
  name: 'engine-dist',
  setup(build) {
    const dist = path.join(path.dirname(createRequire(import.meta.url).resolve('json-rules-engine')))
    const slimmed = slimmedFiles(dist)
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
      contents: [...shared.values()].map((line) => `export ${line}`).join('\n'),
      loader: 'js',
    }))
    build.onLoad({ filter: /[\\/]node_modules[\\/]json-rules-engine[\\/]dist[\\/][^\\/]+\.js$/ }, (args) => {
      const used = []
      const source = (slimmed.get(path.basename(args.path)) ?? readFileSync(args.path, 'utf8'))
        .replace(helperLine, (line, asVar, asFunction) => {
          const name = asVar ?? asFunction
          if (shared.get(name) !== line) return line
          used.push(name)
          return ''
        })
        .replace(debugCall, '$1false && (0, _debug2.default)(')
      const take = used.length === 0 ? '' : `import { ${used.join(', ')} } from '${HELPERS_MODULE}';\n`
      const contents = take + asEsModule(source, path.basename(args.path)).replace(debugLog, PURE_DEBUG_LOG)
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) }
    })
  },
}
