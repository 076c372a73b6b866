#!/usr/bin/env node
// The `taizhang` command. It runs straight after `npm ci`: when build/cli.mjs is missing or older
// than any source it is built from, it is rebuilt here with esbuild (a fraction of a second), into a
// temporary file renamed into place, so that two runs starting together never see half a bundle.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const bundle = join(root, 'build', 'cli.mjs')
const SOURCES = ['src', 'package.json', 'bin/taizhang.mjs']

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

if (bundleTime() < newestSourceTime()) await build()
const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(process.argv.slice(2))
