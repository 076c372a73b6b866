#!/usr/bin/env node
/**
 * Builds the Apps Script project into dist/ for `clasp push`:
 *   dist/Code.js          src/hosts/gas/main.ts bundled as one IIFE (global `Taizhang`), followed by
 *                         a top-level stub per exported handler, so that menus, triggers and the
 *                         editor's function list can see it: function onOpen(e) { return Taizhang.onOpen(e) }
 *   dist/appsscript.json  from src/hosts/gas/manifest.json
 *   dist/Sidebar.html     the 今日提醒 sidebar: src/hosts/gas/sidebar/page.ts bundled for the browser and
 *                         inlined into src/hosts/gas/sidebar/sidebar.html (HtmlService serves one file;
 *                         the server opens it as createHtmlOutputFromFile('Sidebar'))
 * The build fails when Node-only code (a Node built-in, exceljs, …) reaches the bundle, or when the
 * bundle does not load in a bare V8 context: Apps Script has no setTimeout, process, require or Buffer.
 * The bundle must stay under 300,000 bytes (test/gas-bundle.test.ts; issue 14 asks 250,000):
 * json-rules-engine is slimmed by engine-shims.mjs, the JSON by json-modules.mjs, the holiday table and
 * demo rows below; none of it changes what the code does.
 * `--entry FILE --outdir DIR` build another entry elsewhere (the tests check that the guard holds);
 * `--sizes` lists what each file of the bundle weighs in it.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import vm from 'node:vm'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import { engineDist, engineShims } from './engine-shims.mjs'
import { compactJson } from './json-modules.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: { entry: { type: 'string' }, outdir: { type: 'string' }, sizes: { type: 'boolean' } },
})
const DIST = path.resolve(ROOT, args.outdir ?? 'dist')
const ENTRY = args.entry ?? 'src/hosts/gas/main.ts'
const MANIFEST = 'src/hosts/gas/manifest.json'
const GLOBAL_NAME = 'Taizhang'
const SIDEBAR_ENTRY = 'src/hosts/gas/sidebar/page.ts'
const SIDEBAR_TEMPLATE = 'src/hosts/gas/sidebar/sidebar.html'
const SIDEBAR_PLACEHOLDER = '<!-- SCRIPT -->'
/** Packages of the local tool that must never reach Apps Script. */
const NODE_ONLY_PACKAGES = new Set([
  'exceljs',
  'commander',
  'docx',
  'docxtemplater',
  'pizzip',
  'jszip',
  'archiver',
  'unzipper',
])
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

function packageOf(specifier) {
  const [scope, name] = specifier.split('/')
  return specifier.startsWith('@') ? `${scope}/${name}` : scope
}

/** Fails the build on any import of Node-only code, naming the file that imports it. */
const appsScriptOnly = {
  name: 'apps-script-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageOf(args.path)
      if (!NODE_BUILTINS.has(args.path) && !NODE_BUILTINS.has(name) && !NODE_ONLY_PACKAGES.has(name))
        return undefined
      const importer = path.relative(ROOT, args.importer) || '(entry)'
      return {
        errors: [
          { text: `"${args.path}" is Node-only and cannot run in Apps Script (imported by ${importer})` },
        ],
      }
    })
  },
}

/**
 * chinese-days' holiday table describes each date in English and Chinese; the working-day calendar
 * (src/core/calendar.ts) reads only which dates it lists, so Apps Script gets the dates alone, as
 * runs: "2026 01-01~03 02-15~23" is 2026-01-01 to 2026-01-03 and 2026-02-15 to 2026-02-23 (a 4-digit
 * word starts a year). The module rebuilds the same objects, keys in the package's order, each
 * value ''; the build checks that and fails if the table ever reads otherwise.
 */
function dateRuns(dates) {
  const words = []
  const day = (number) => String(number).padStart(2, '0')
  let year = ''
  let run // { month, first, last } of the days being gathered
  const endRun = () => {
    if (run) words.push(`${run.month}-${day(run.first)}${run.last === run.first ? '' : `~${day(run.last)}`}`)
  }
  for (const date of dates) {
    const [y, month, d] = date.split('-')
    if (y === year && month === run?.month && Number(d) === run.last + 1) {
      run.last += 1
      continue
    }
    endRun()
    if (y !== year) words.push(y)
    year = y
    run = { month, first: Number(d), last: Number(d) }
  }
  endRun()
  return words.join(' ')
}

const EXPAND_DATE_RUNS = `function dates(runs) {
  const table = {}
  let year = ''
  for (const word of runs.split(' ')) {
    if (word.length === 4) {
      year = word
      continue
    }
    const [first, last = first.slice(3)] = word.split('~')
    for (let day = Number(first.slice(3)); day <= Number(last); day++) {
      table[\`\${year}-\${first.slice(0, 2)}-\${String(day).padStart(2, '0')}\`] = ''
    }
  }
  return table
}`

const holidayDatesOnly = {
  name: 'holiday-dates-only',
  setup(build) {
    build.onLoad({ filter: /chinese-days[\\/]dist[\\/]chinese-days\.json$/ }, async (args) => {
      const data = JSON.parse(await readFile(args.path, 'utf8'))
      const expand = new Function(`${EXPAND_DATE_RUNS}; return dates`)()
      const tables = ['holidays', 'workdays'].map((name) => {
        const runs = dateRuns(Object.keys(data[name]))
        const wanted = JSON.stringify(Object.fromEntries(Object.keys(data[name]).map((date) => [date, ''])))
        if (JSON.stringify(expand(runs)) !== wanted)
          throw new Error(`chinese-days' ${name} do not survive as runs`)
        return `export const ${name} = dates('${runs}')`
      })
      return { contents: `${EXPAND_DATE_RUNS}\n${tables.join('\n')}\n`, loader: 'js' }
    })
  },
}

/**
 * The demo workbook (each ledger's demo.ts, `taizhang init --demo`) is a local feature: Apps Script
 * gets a `demoRows` that is undefined, and 16 KiB of made-up rows stay out of the bundle.
 */
const noDemoRows = {
  name: 'no-demo-rows',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]ledgers[\\/][^\\/]+[\\/]demo\.ts$/ }, () => ({
      contents: 'export const demoRows = undefined',
      loader: 'ts',
    }))
  },
}

/** What the bundle and the sidebar's script are both built as: one minified browser script, in memory. */
const SCRIPT_BUILD = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  charset: 'utf8',
  write: false,
  logLevel: 'warning',
}

async function bundle() {
  const result = await esbuild.build({
    ...SCRIPT_BUILD,
    entryPoints: [ENTRY],
    outfile: path.join(DIST, 'Code.js'),
    globalName: GLOBAL_NAME,
    // The browser builds of dependencies (jsonpath-plus) need no Node built-ins.
    mainFields: ['browser', 'module', 'main'],
    plugins: [appsScriptOnly, engineShims, engineDist, holidayDatesOnly, compactJson, noDemoRows],
    metafile: true,
  })
  const [output] = result.outputFiles
  // Apps Script has no timers: a call would fail only when it runs (eventemitter2 read setTimeout
  // until the build gave json-rules-engine a stand-in, scripts/engine-shims.mjs).
  const timer = /\b(setTimeout|setInterval|setImmediate)\b/.exec(output.text)
  if (timer) throw new Error(`the bundle does not load or run in Apps Script: it calls ${timer[1]}`)
  if (/Dynamic require of /.test(output.text)) {
    throw new Error('the bundle still calls require(): a dependency was not bundled for the browser')
  }
  return { code: output.text, metafile: result.metafile }
}

/**
 * Loads the bundle in a fresh V8 context holding only the language built-ins, as Apps Script does
 * when a file is loaded, and returns the names of the exported handlers.
 */
function handlerNames(code) {
  const context = vm.createContext({})
  try {
    vm.runInContext(code, context, { filename: 'Code.js' })
  } catch (error) {
    throw new Error(`the bundle does not load without Node or browser globals: ${error.message}`)
  }
  const exported = context[GLOBAL_NAME]
  const names = Object.keys(exported ?? {}).filter((name) => typeof exported[name] === 'function')
  if (names.length === 0) throw new Error(`${ENTRY} exports no handlers`)
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === GLOBAL_NAME) throw new Error(`bad handler name ${name}`)
  }
  return names
}

/**
 * dist/Sidebar.html: the sidebar page's script, built for the browser (no Apps Script globals but
 * google.script.run), inlined into the page's HTML. Built only with the default entry.
 */
async function sidebarHtml() {
  const result = await esbuild.build({
    ...SCRIPT_BUILD,
    entryPoints: [SIDEBAR_ENTRY],
    plugins: [appsScriptOnly],
  })
  // `</script` inside the script would end the element: `<\/script` means the same in JavaScript.
  const script = result.outputFiles[0].text.trim().replace(/<\/(script)/gi, '<\\/$1')
  const template = await readFile(path.join(ROOT, SIDEBAR_TEMPLATE), 'utf8')
  if (template.split(SIDEBAR_PLACEHOLDER).length !== 2)
    throw new Error(`${SIDEBAR_TEMPLATE} must hold ${SIDEBAR_PLACEHOLDER} once`)
  return template.replace(SIDEBAR_PLACEHOLDER, () => `<script>\n${script}\n</script>`)
}

function stubs(names) {
  return names.map((name) => `function ${name}(e) { return ${GLOBAL_NAME}.${name}(e) }`).join('\n')
}

async function manifest() {
  const source = JSON.parse(await readFile(path.join(ROOT, MANIFEST), 'utf8'))
  return { ...source.manifest, oauthScopes: Object.keys(source.oauthScopes) }
}

function largestInputs(metafile, count) {
  const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {}
  const byPackage = new Map()
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    // A package's file, or a module a plugin makes for it (namespace:package/…).
    const match = /(?:node_modules\/|^[\w-]+:)((?:@[^/]+\/)?[^/]+)/.exec(file)
    const key = match ? match[1] : 'taizhang'
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput)
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${kib(bytes)}`)
    .join(', ')
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`
}

let built
try {
  const { code, metafile } = await bundle()
  const sidebar = args.entry === undefined ? await sidebarHtml() : undefined
  built = { code, metafile, names: handlerNames(code), sidebar }
} catch (error) {
  // esbuild has printed its own errors already.
  if (!error.errors) console.error(`build failed: ${error.message}`)
  process.exit(1)
}
const { code, metafile, names, sidebar } = built
const codeJs = `// Built by scripts/build.mjs from ${ENTRY}; do not edit, run \`npm run build\`.\n${code}${stubs(names)}\n`

// A clean dist/: nothing stale (or pulled by \`clasp create\`) is pushed along.
await rm(DIST, { recursive: true, force: true })
await mkdir(DIST, { recursive: true })
await writeFile(path.join(DIST, 'Code.js'), codeJs)
await writeFile(path.join(DIST, 'appsscript.json'), `${JSON.stringify(await manifest(), null, 2)}\n`)
if (sidebar !== undefined) await writeFile(path.join(DIST, 'Sidebar.html'), sidebar)

const size = Buffer.byteLength(codeJs)
console.log(
  `${path.relative(ROOT, DIST)}/Code.js ${kib(size)} (gzip ${kib(gzipSync(codeJs).length)}); handlers: ${names.join(', ')}`,
)
console.log(`  largest parts: ${largestInputs(metafile, 5)}`)
if (sidebar !== undefined)
  console.log(`${path.relative(ROOT, DIST)}/Sidebar.html ${kib(Buffer.byteLength(sidebar))}`)
if (args.sizes) {
  const inputs = Object.entries(Object.values(metafile.outputs)[0]?.inputs ?? {})
  for (const [file, { bytesInOutput }] of inputs.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
    console.log(`  ${kib(bytesInOutput).padStart(9)}  ${file.replace(/^.*node_modules\//, '')}`)
  }
}
