#!/usr/bin/env node
// The `taizhang` command. It runs straight after `npm ci`: when build/cli.mjs is missing or older
// than any source it is built from, it is rebuilt here with esbuild (a fraction of a second), into a
// temporary file renamed into place, so that two runs starting together never see half a bundle.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { getHeapStatistics } from 'node:v8'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const bundle = join(root, 'build', 'cli.mjs')
const SOURCES = ['src', 'sheets-templates', 'rules', 'package.json', 'bin/taizhang.mjs']

function newestSourceTime() {
  let newest = 0
  const visit = (path) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name))
    } else {
      newest = Math.max(newest, stat.mtimeMs)
    }
  }
  for (const source of SOURCES) visit(join(root, source))
  return newest
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs
  } catch {
    return -1
  }
}

/**
 * Packages stay external, but their JSON data (chinese-days' holiday table) is bundled: Node cannot
 * import a JSON module without an import attribute.
 */
const bundledPackageData = {
  name: 'bundled-package-data',
  setup(build) {
    build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({
      path: createRequire(join(args.resolveDir, 'index.js')).resolve(args.path),
    }))
  },
}

async function build() {
  let esbuild
  try {
    esbuild = await import('esbuild')
  } catch {
    process.stderr.write('台账：缺少 build/cli.mjs，且未安装 esbuild，无法构建；请在项目目录运行 npm ci\n')
    process.exit(1)
  }
  mkdirSync(dirname(bundle), { recursive: true })
  const temporary = `${bundle}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await esbuild.build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      outfile: temporary,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      plugins: [bundledPackageData],
      logLevel: 'error',
    })
    renameSync(temporary, bundle)
  } finally {
    rmSync(temporary, { force: true })
  }
}

/**
 * ExcelJS holds the whole workbook in memory, and Node's default heap (about 4 GB) is too small for
 * a workbook of a couple of hundred thousand rows (README, 性能). For a workbook file above
 * BIG_WORKBOOK_BYTES the command runs again in a child Node whose heap may use three quarters of the
 * machine's memory, unless a heap size was chosen already (--max-old-space-size in NODE_OPTIONS).
 */
const BIG_WORKBOOK_BYTES = 8 * 1024 * 1024
const HEAP_SET = 'TAIZHANG_HEAP_MB'

function largerHeapMb(args) {
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) =>
    arg.includes('--max-old-space-size'),
  )
  if (chosen || process.env[HEAP_SET]) return undefined
  const sizes = args
    .filter((arg) => /\.xlsx$/i.test(arg))
    .map((file) => {
      try {
        return statSync(file).size
      } catch {
        return 0
      }
    })
  if (Math.max(0, ...sizes) < BIG_WORKBOOK_BYTES) return undefined
  const heapMb = Math.floor((totalmem() * 0.75) / 2 ** 20)
  return heapMb > getHeapStatistics().heap_size_limit / 2 ** 20 ? heapMb : undefined
}

if (bundleTime() < newestSourceTime()) await build()
const args = process.argv.slice(2)
const heapMb = largerHeapMb(args)
if (heapMb !== undefined) {
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, [HEAP_SET]: String(heapMb) } },
  )
  process.exit(child.status ?? 1)
}
const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(args)
