#!/usr/bin/env node
// npm run bench: bundles bench/run.ts with esbuild into build/bench.mjs (as bin/taizhang.mjs bundles
// the CLI), and bench/bare-read.ts, the baseline it measures beside the command, into
// build/bench-bare-read.mjs, and runs the first. The bench starts itself again for work it does not
// measure (`--child …`), so the bundles are built once, by the first process, each into a temporary
// file renamed into place.
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const bundle = join(root, 'build', 'bench.mjs')
const bundles = [
  [join(root, 'bench', 'run.ts'), bundle],
  [join(root, 'bench', 'bare-read.ts'), join(root, 'build', 'bench-bare-read.mjs')],
]
const args = process.argv.slice(2)

const bundledJson = {
  name: 'bundled-json',
  setup(build) {
    const require = createRequire(join(root, 'package.json'))
    build.onResolve({ filter: /^[^./].*\.json$/ }, (resolve) => ({ path: require.resolve(resolve.path) }))
  },
}

if (!args.includes('--child')) {
  const esbuild = await import('esbuild')
  mkdirSync(dirname(bundle), { recursive: true })
  for (const [entry, outfile] of bundles) {
    const temporary = `${outfile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await esbuild.build({
        entryPoints: [entry],
        outfile: temporary,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        // Data files of packages (the holiday table of chinese-days) go into the bundle: Node cannot
        // import JSON without an import attribute.
        plugins: [bundledJson],
        logLevel: 'error',
      })
      renameSync(temporary, outfile)
    } finally {
      rmSync(temporary, { force: true })
    }
  }
}
const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(args)
