/**
 * Stands in for eventemitter2 in the Apps Script build (scripts/engine-shims.mjs): json-rules-engine's
 * Engine and Rule extend it, and call only `on` (a rule's onSuccess / onFailure) and `emitAsync`
 * (success, failure and each event type, as a rule is decided). Both behave as eventemitter2 6.4
 * without wildcards: listeners run at once, in the order they were added, with the emitter as
 * `this`; the promise settles when every listener's returned value has; an `error` nobody listens
 * to rejects. One difference, unseen by the engine, which ignores what listeners return: an event
 * named after a member of Object.prototype (toString…) calls nothing here, where eventemitter2 calls
 * that member. Engine and Rule call their parent as a function (Babel's classes), hence no `class`.
 */
type Listener = (this: Emitter, ...args: unknown[]) => unknown

interface Emitter {
  _events: Map<string, Listener[]>
  event?: string
}

export default function EventEmitter(this: Emitter): void {
  this._events = new Map()
}

EventEmitter.prototype.on = function on(this: Emitter, type: string, listener: Listener): Emitter {
  if (typeof listener !== 'function') throw new Error('on only accepts instances of Function')
  const listeners = this._events.get(type)
  if (listeners) listeners.push(listener)
  else this._events.set(type, [listener])
  return this
}

EventEmitter.prototype.emitAsync = function emitAsync(
  this: Emitter,
  type: string,
  ...args: unknown[]
): Promise<unknown[]> {
  const listeners = this._events.get(type)
  if (!listeners) {
    if (type === 'newListener') return Promise.resolve([false])
    if (type === 'error') {
      return Promise.reject(args[0] instanceof Error ? args[0] : "Uncaught, unspecified 'error' event.")
    }
    return Promise.all([])
  }
  return Promise.all(
    listeners.slice().map((listener) => {
      this.event = type
      return listener.apply(this, args)
    }),
  )
}
