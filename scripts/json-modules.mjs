import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The project's JSON (tab templates, rules, parameters) repeats the same keys on every column, rule
 * and parameter, and often the same value of one key (type "text", operator "equal"). Apps Script
 * gets each JSON file as a module that builds the very same value, the objects of a shape met three
 * times or more in all of src/**.json made by one shared function, fixing that value when it recurs:
 *   export const shape_header_type = (p0, p1) => ({ header: p0, type: p1 })
 *   export const shape_header_type__type_text = (p0) => ({ header: p0, type: "text" })
 *   import { shape_header_type, … } from 'taizhang/json-shapes'
 *   export default { id: "samples", …, columns: [shape_header_type__type_text("样件编号"), …] }
 * Keys keep their order; the build fails if a module would not rebuild its file exactly.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/
const SHAPES_MODULE = 'taizhang/json-shapes'
const MIN_USES = 3

function shapeOf(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length < 2 || !keys.every((key) => IDENTIFIER.test(key) && key !== '__proto__')) return undefined
  return keys.join(',')
}

/** The values worth fixing in a maker: text and true/false. */
function fixable(value) {
  return typeof value === 'string' || typeof value === 'boolean'
}

function objectsOf(value, visit) {
  if (value === null || typeof value !== 'object') return
  if (shapeOf(value)) visit(value)
  for (const child of Object.values(value)) objectsOf(child, visit)
}

function maker(shape, fixedKey, fixedValue, name) {
  const keys = shape.split(',')
  const params = keys.filter((key) => key !== fixedKey).map((_, index) => `p${index}`)
  let next = 0
  const body = keys
    .map((key) => `${key}: ${key === fixedKey ? JSON.stringify(fixedValue) : params[next++]}`)
    .join(', ')
  return { name, fixedKey, definition: `export const ${name} = (${params.join(', ')}) => ({ ${body} })` }
}

function shapeMakers(values) {
  const shapes = new Map()
  const fixings = new Map()
  const fixed = new Map()
  const fixingOf = (shape, key, value) => {
    const fixing = `${shape}|${key}|${JSON.stringify(value)}`
    fixed.set(fixing, { shape, key, value })
    return fixing
  }
  const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const value of values) {
    objectsOf(value, (object) => {
      const shape = shapeOf(object)
      count(shapes, shape)
      for (const [key, field] of Object.entries(object))
        if (fixable(field)) count(fixings, fixingOf(shape, key, field))
    })
  }
  // Each object takes the most used fixing its shape offers; a fixing fewer objects take is dropped.
  let offered = new Set([...fixings].filter(([, uses]) => uses >= MIN_USES).map(([fixing]) => fixing))
  const choose = (object) => {
    const shape = shapeOf(object)
    const candidates = Object.entries(object)
      .map(([key, field]) => fixable(field) && fixingOf(shape, key, field))
      .filter((fixing) => fixing && offered.has(fixing))
    return candidates.sort((x, y) => fixings.get(y) - fixings.get(x))[0]
  }
  for (;;) {
    const taken = new Map()
    for (const value of values)
      objectsOf(value, (object) => {
        const fixing = choose(object)
        if (fixing) count(taken, fixing)
      })
    const kept = new Set([...offered].filter((fixing) => (taken.get(fixing) ?? 0) >= MIN_USES))
    if (kept.size === offered.size) break
    offered = kept
  }
  const makers = new Map()
  const names = new Set()
  const nameFor = (base) => {
    let name = base.replace(/[^\p{ID_Continue}$]/gu, '_')
    while (names.has(name)) name += '_'
    names.add(name)
    return name
  }
  for (const [shape, uses] of shapes) {
    if (uses >= MIN_USES)
      makers.set(shape, maker(shape, undefined, undefined, nameFor(`shape_${shape.replaceAll(',', '_')}`)))
  }
  for (const fixing of offered) {
    const { shape, key, value } = fixed.get(fixing)
    makers.set(
      fixing,
      maker(shape, key, value, nameFor(`shape_${shape.replaceAll(',', '_')}__${key}_${value}`)),
    )
  }
  return { makers, choose }
}

function jsonModule(data, { makers, choose }) {
  const used = new Set()
  const write = (value) => {
    if (Array.isArray(value)) return `[${value.map(write).join(', ')}]`
    if (value === null || typeof value !== 'object') return JSON.stringify(value)
    const keys = Object.keys(value)
    const shape = shapeOf(value)
    const found = shape && (makers.get(choose(value)) ?? makers.get(shape))
    if (found) {
      used.add(found)
      const args = keys.filter((key) => key !== found.fixedKey).map((key) => write(value[key]))
      return `${found.name}(${args.join(', ')})`
    }
    return `{ ${keys.map((key) => `[${JSON.stringify(key)}]: ${write(value[key])}`).join(', ')} }`
  }
  const expression = write(data)
  const definitions = [...used].map((found) => found.definition.replace(/^export /, '')).join('\n')
  if (JSON.stringify(new Function(`${definitions}\nreturn ${expression}`)()) !== JSON.stringify(data)) {
    return undefined
  }
  const names = [...used].map((found) => found.name).join(', ')
  return `${used.size > 0 ? `import { ${names} } from '${SHAPES_MODULE}'\n` : ''}export default ${expression}\n`
}

/**
 * A rule's name is its event type unless it says otherwise (src/core/rules/compiled-rule.ts), and
 * nothing else reads it: Apps Script gets the rules without the names that only repeat the type.
 */
function withoutEchoedNames(rules) {
  return rules.map((rule) => {
    if (rule.name !== rule.event?.type) return rule
    const { name: _name, ...rest } = rule
    return rest
  })
}

export const compactJson = {
  name: 'compact-json',
  setup(build) {
    const src = path.join(ROOT, 'src')
    const read = (file) => {
      const data = JSON.parse(readFileSync(file, 'utf8'))
      return path.basename(file) === 'rules.json' && Array.isArray(data) ? withoutEchoedNames(data) : data
    }
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.json') && !name.endsWith('manifest.json'))
      .map((name) => path.join(src, name))
    const shapes = shapeMakers(files.map(read))
    build.onResolve({ filter: new RegExp(`^${SHAPES_MODULE}$`) }, () => ({
      path: SHAPES_MODULE,
      namespace: 'json-shapes',
    }))
    build.onLoad({ filter: /.*/, namespace: 'json-shapes' }, () => ({
      contents: [...shapes.makers.values()].map((found) => found.definition).join('\n'),
      loader: 'js',
    }))
    build.onLoad({ filter: /[\\/]src[\\/].*\.json$/ }, (args) => {
      const contents = jsonModule(read(args.path), shapes)
      if (contents === undefined)
        throw new Error(`${path.relative(ROOT, args.path)} does not rebuild as a module`)
      return { contents, loader: 'js' }
    })
  },
}
