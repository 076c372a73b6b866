import { defineConfig } from 'vitest/config'

// The suite runs on busy two-core machines (CI): no test may depend on vitest's 5-second default.
// Tests that spawn processes or read the corpus set longer limits of their own.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
