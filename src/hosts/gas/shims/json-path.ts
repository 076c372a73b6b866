/**
 * Stands in for jsonpath-plus in the Apps Script build (scripts/engine-shims.mjs). json-rules-engine
 * needs it only for a condition's `path` (a value inside an object fact), which no rules.json uses:
 * test/engine-shims.test.ts fails when one does, and this says why the bundle would.
 */
export function JSONPath({ path }: { path: string }): never {
  throw new Error(
    `规则条件用了 path（${path}），Apps Script 版未带 JSONPath：请改用事实本身，或在 scripts/engine-shims.mjs 中去掉这一替换`,
  )
}
