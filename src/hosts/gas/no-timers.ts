/**
 * Injected by the build in place of the global `setTimeout`: Apps Script has no timers, and
 * eventemitter2 (json-rules-engine's event emitter) reads `setTimeout` when it loads. Nothing the
 * tool does schedules work, so a call means a bug and says so.
 */
export function setTimeout(): never {
  throw new Error('Apps Script has no setTimeout: the rules engine tried to schedule work asynchronously')
}

export function clearTimeout(): void {}
