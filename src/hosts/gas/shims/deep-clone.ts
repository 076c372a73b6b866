/**
 * Stands in for clone in the Apps Script build (scripts/engine-shims.mjs). json-rules-engine copies a
 * rule's conditions (Condition objects, whose prototype carries `evaluate`), its event, priority and
 * name into each RuleResult, and writes each condition's result on the copy. This copies as clone 2.1
 * does for what those hold: primitives, arrays, dates and objects, keeping prototypes, shared parts
 * and cycles, and enumerable symbol keys; a Map, Set, RegExp, Promise or Error says it is not handled.
 */
const UNHANDLED = [Map, Set, RegExp, Promise, Error]

export default function deepClone<T>(value: T): T {
  const copies = new Map<object, object>()
  const copy = (parent: unknown): unknown => {
    if (parent === null || typeof parent !== 'object') return parent
    const known = copies.get(parent)
    if (known) return known
    if (UNHANDLED.some((type) => parent instanceof type)) {
      throw new Error(`Apps Script 版的规则引擎不能复制 ${Object.prototype.toString.call(parent)}`)
    }
    const source = parent as Record<PropertyKey, unknown>
    let proto: object | null = null
    let child: Record<PropertyKey, unknown>
    if (Array.isArray(parent)) child = [] as never
    else if (parent instanceof Date) child = new Date(parent.getTime()) as never
    else {
      proto = Object.getPrototypeOf(parent)
      child = Object.create(proto)
    }
    copies.set(parent, child)
    for (const key in source) {
      // clone skips what the prototype defines without a setter
      const descriptor = proto && Object.getOwnPropertyDescriptor(proto, key)
      if (descriptor && descriptor.set == null) continue
      child[key] = copy(source[key])
    }
    for (const symbol of Object.getOwnPropertySymbols(parent)) {
      if (Object.getOwnPropertyDescriptor(parent, symbol)?.enumerable) child[symbol] = copy(source[symbol])
    }
    return child
  }
  return copy(value) as T
}
