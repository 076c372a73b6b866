/**
 * Stands in for hash-it in the Apps Script build (scripts/engine-shims.mjs). json-rules-engine keys
 * its cache of fact values by `{ id, params }` (Fact.getCacheKey); the tool's facts are constants
 * passed uncached (src/core/rules/comparison.ts), so this is a safety net: a key that two values
 * share exactly when they are equal, for the values facts and params hold. hash-it's 32-bit hashes
 * could collide; these keys cannot.
 */
export default function hashKey(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? JSON.stringify(value) : `${typeof value}:${String(value)}`
  }
  if (Array.isArray(value)) return `[${value.map(hashKey).join(',')}]`
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) {
    throw new Error(`Apps Script 版的规则引擎不能缓存这种事实参数：${Object.prototype.toString.call(value)}`)
  }
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${hashKey((value as Record<string, unknown>)[key])}`)
  return `{${entries.join(',')}}`
}
