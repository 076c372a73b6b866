import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// The suite runs on busy two-core machines (CI): no test may depend on vitest's 5-second default.
// Tests that spawn processes or read the corpus set longer limits of their own.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest leaves one core free by default, which on two cores runs the files one at a time; many
    // of them wait on child processes and the disk, so two at a time finish sooner even when busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})
