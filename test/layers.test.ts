/**
 * The architecture, checked: layers point down only (core ← ledgers ← app ← hosts, cli), the two
 * hosts do not reach into each other, and no module imports itself through others.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const SRC = join(ROOT, 'src')

/** What each layer may import, by the first folders of the path under src/. */
const ALLOWED: readonly (readonly [layer: string, imports: readonly string[]])[] = [
  ['core', ['core']],
  ['ledgers', ['core', 'ledgers']],
  ['app', ['core', 'ledgers', 'app']],
  ['hosts/gas', ['core', 'ledgers', 'app', 'hosts/gas', 'hosts/gas/sidebar']],
  // The sidebar's page runs in the browser: it imports nothing of the tool but its own folder.
  ['hosts/gas/sidebar', ['hosts/gas/sidebar']],
  ['hosts/xlsx', ['core', 'ledgers', 'app', 'hosts/xlsx']],
  ['cli', ['core', 'ledgers', 'app', 'hosts/xlsx', 'cli']],
]

function layerOf(file: string): string {
  const path = relative(SRC, file).split(/[\\/]/)
  if (path[0] === 'hosts' && path[1] === 'gas' && path[2] === 'sidebar' && path.length > 3)
    return 'hosts/gas/sidebar'
  return path[0] === 'hosts' ? `hosts/${path[1]}` : (path[0] ?? '')
}

/** `../ledgers` is its index.ts, `./tabs` is tabs.ts. */
function moduleFile(target: string): string {
  return existsSync(join(target, 'index.ts')) ? join(target, 'index.ts') : `${target.replace(/\.ts$/, '')}.ts`
}

/**
 * Every .ts module under src/ with the modules of the project it imports; `runtime` leaves out
 * `import type`, which TypeScript erases (a cycle of types alone changes no load order).
 */
function importGraph(runtime = false): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const name of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts')) continue
    const file = join(SRC, name)
    const source = readFileSync(file, 'utf8')
    const targets = [...source.matchAll(/^(?:import|export)( type)?[^'"]*from '(\.[^']+)'/gm)]
      .filter(([, type]) => !(runtime && type))
      .map(([, , specifier]) => resolve(dirname(file), specifier ?? ''))
      .filter((target) => target.startsWith(SRC))
      .map((target) => (target.endsWith('.json') ? target : moduleFile(target)))
    graph.set(file, targets)
  }
  return graph
}

const GRAPH = importGraph()

describe('layers point down only', () => {
  it.each(ALLOWED.map(([layer, imports]) => [layer, imports] as const))(
    '%s imports only %j',
    (layer, imports) => {
      const wrong: string[] = []
      for (const [file, targets] of GRAPH) {
        if (layerOf(file) !== layer) continue
        for (const target of targets) {
          if (!imports.includes(layerOf(target)))
            wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`)
        }
      }
      expect(wrong).toEqual([])
    },
  )

  it('the Apps Script server takes only the sidebar protocol (types) from the page folder', () => {
    const protocol = join(SRC, 'hosts', 'gas', 'sidebar', 'protocol.ts')
    const wrong: string[] = []
    for (const [file, targets] of GRAPH) {
      if (layerOf(file) !== 'hosts/gas') continue
      for (const target of targets)
        if (layerOf(target) === 'hosts/gas/sidebar' && target !== protocol)
          wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`)
    }
    expect(wrong).toEqual([])
    expect([...GRAPH.keys()].filter((file) => layerOf(file) === 'hosts/gas/sidebar').length).toBeGreaterThan(
      3,
    )
  })

  it('finds the modules it checks', () => {
    expect([...GRAPH.keys()].filter((file) => layerOf(file) === 'ledgers').length).toBeGreaterThan(20)
    expect([...GRAPH.values()].flat().length).toBeGreaterThan(200)
  })
})

it('no module imports itself through others', () => {
  const graph = importGraph(true)
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '))
      return
    }
    state.set(file, 'open')
    for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file])
    state.set(file, 'done')
  }
  for (const file of graph.keys()) visit(file, [])
  expect(cycles).toEqual([])
})
