/**
 * How the 今日提醒 sidebar gets the answers of the server functions that are `async` (为什么 and
 * 立即检查) without relying on google.script.run to wait for a Promise.
 *
 * Apps Script documents what a server function may hand the page — "JavaScript primitives like a
 * Number, Boolean, String, or null, as well as JavaScript objects and arrays that are composed of
 * primitives, objects, and arrays"; requests fail for a Date, a Function or another prohibited type
 * (https://developers.google.com/apps-script/guides/html/communication, "Parameters and return
 * values"; https://developers.google.com/apps-script/guides/html/reference/run) — and says nothing
 * of a Promise. Searching the Apps Script issue threads and pages (ramblings.mcpher.com, "Promises
 * and async class constructors in Apps Script"; "Organizing asynchronous calls to
 * google.script.run") found no statement that google.script.run hands the page the value a
 * returned Promise resolves to, only that V8 Apps Script runs a promise's continuations before the
 * execution ends (which the async menu and trigger handlers rely on). A Promise may well reach the
 * page as null or {}, so the page calls a synchronous start function instead: it starts the work
 * and at once answers a token; the work's continuation keeps the answer, as JSON, in the user's
 * cache (CacheService, which needs no OAuth scope) under that token; the page then calls
 * takeResult(token) until the answer is there. If Apps Script does unwrap promises nothing
 * changes: every function the page calls answers synchronously.
 */
import { utf8Bytes } from '../../../app/digest'
import { UnusableTabError } from '../../../core/table'
import type { GasServices } from '../services'
import { messageOf } from '../services'
import type { GasCache } from '../sheets-api'
import type { Missing, Pending, Started, TakenAnswer, WhyRequest, WhyText } from '../sidebar/protocol'
import { checkNowFromSidebar } from './check'
import { explainFinding, isWhyRequest, NO_WHY_REQUEST } from './why'

/** How long an answer waits in the cache: longer than the longest check (6 minutes), within 21,600 s. */
export const ANSWER_SECONDS = 1800
/** Apps Script keeps at most 100 KB in one cache value; a JSON answer is cut into pieces of this many bytes. */
export const PIECE_BYTES = 90 * 1024
/** Longer texts (UTF-8 bytes) are cut, with a note: 8 pieces at most. */
export const TEXT_BYTES = 512 * 1024
export const CUT_NOTE = '\n\n……（说明太长，以下从略）'
const KEY_PREFIX = 'taizhang.answer.'
const TOKEN = /^[0-9A-Za-z-]{8,64}$/
const PENDING: Pending = { pending: true }
const MISSING: Missing = { missing: true }

/** 为什么: the answer at once when the request is unusable, else a token for takeResult. */
export function startExplain(services: GasServices, request: WhyRequest | undefined): WhyText | Started {
  if (!isWhyRequest(request)) return { ok: false, message: NO_WHY_REQUEST }
  return startAnswer(
    services,
    async (): Promise<WhyText> => {
      const answer = await explainFinding(services, request)
      return answer.ok ? { ok: true, text: fitText(answer.text) } : { ok: false, message: answer.message }
    },
    (error): WhyText => ({ ok: false, message: `无法取得说明：${messageOf(error)}` }),
  )
}

/** 立即检查 from the sidebar: a token for takeResult; the check runs in this execution. */
export function startCheckFromSidebar(services: GasServices): { message: string } | Started {
  return startAnswer(
    services,
    async () => {
      const answer = await checkNowFromSidebar(services)
      return { message: fitText(answer.message) }
    },
    (error) => ({ message: `检查失败：${messageOf(error)}` }),
  )
}

/**
 * The answer kept under `token`, once (it is removed as it is taken); {pending: true} while the work
 * still runs; {missing: true} for a token the cache does not know (never given, taken already, or
 * dropped by Apps Script).
 */
export function takeResult(services: GasServices, token: unknown): TakenAnswer {
  if (typeof token !== 'string' || !TOKEN.test(token)) return MISSING
  return takeAnswer(services.cacheService().getUserCache(), token)
}

/**
 * Starts `work`, whose answer (or `failed(error)`) its continuation keeps in the user's cache, and
 * answers the token at once. When the cache cannot be written the answer is `failed` at once.
 */
function startAnswer<Answer>(
  services: GasServices,
  work: () => Promise<Answer>,
  failed: (error: unknown) => Answer,
): Answer | Started {
  let cache: GasCache
  let token: string
  try {
    cache = services.cacheService().getUserCache()
    token = services.utilities().getUuid()
    cache.put(keyOf(token), JSON.stringify(PENDING), ANSWER_SECONDS)
  } catch (error) {
    console.error('侧边栏：无法使用缓存', error)
    return failed(error)
  }
  const keep = (answer: Answer): void => {
    try {
      storeAnswer(cache, token, answer)
    } catch (error) {
      console.error('侧边栏：无法保存结果', error)
      try {
        storeAnswer(cache, token, failed(error))
      } catch (again) {
        console.error('侧边栏：无法保存失败信息', again)
      }
    }
  }
  let started: Promise<Answer>
  try {
    started = work()
  } catch (error) {
    started = Promise.reject(error)
  }
  void started.then(keep, (error: unknown) => {
    if (!(error instanceof UnusableTabError)) console.error('侧边栏：执行失败', error)
    keep(failed(error))
  })
  return { token }
}

function keyOf(token: string): string {
  return `${KEY_PREFIX}${token}`
}

/**
 * The longest start of `text` within `maxBytes` UTF-8 bytes (as Apps Script counts a cache value),
 * never ending inside a surrogate pair.
 */
function headOf(text: string, maxBytes: number): string {
  let bytes = 0
  let end = 0
  while (end < text.length) {
    // A lone surrogate is its own code point, and counts 3 bytes as utf8Bytes counts it.
    const code = text.codePointAt(end) ?? 0
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    if (bytes + size > maxBytes) break
    bytes += size
    end += code < 0x10000 ? 1 : 2
  }
  return text.slice(0, end)
}

/** The text, cut with CUT_NOTE when it is longer than TEXT_BYTES. */
export function fitText(text: string, maxBytes = TEXT_BYTES): string {
  if (utf8Bytes(text) <= maxBytes) return text
  return headOf(text, maxBytes - utf8Bytes(CUT_NOTE)) + CUT_NOTE
}

/**
 * Keeps `answer` under `token`: its JSON in one value when it fits, else in pieces (written first)
 * named by the head value ({pieces: n}).
 */
export function storeAnswer(cache: GasCache, token: string, answer: unknown): void {
  const json = JSON.stringify(answer ?? null)
  const key = keyOf(token)
  if (utf8Bytes(json) <= PIECE_BYTES) {
    cache.put(key, json, ANSWER_SECONDS)
    return
  }
  const pieces: Record<string, string> = {}
  let rest = json
  let count = 0
  while (rest !== '') {
    const piece = headOf(rest, PIECE_BYTES)
    pieces[`${key}.${count++}`] = piece
    rest = rest.slice(piece.length)
  }
  cache.putAll(pieces, ANSWER_SECONDS)
  cache.put(key, JSON.stringify({ pieces: count }), ANSWER_SECONDS)
}

/** The answer under `token`, removed from the cache; pending or missing as takeResult says. */
export function takeAnswer(cache: GasCache, token: string): TakenAnswer {
  const key = keyOf(token)
  const head = cache.get(key)
  if (head === null) return MISSING
  let value: unknown
  try {
    value = JSON.parse(head)
  } catch {
    cache.removeAll([key])
    return MISSING
  }
  if ((value as Pending | null)?.pending === true) return PENDING
  const count = (value as { pieces?: unknown } | null)?.pieces
  if (
    typeof count === 'number' &&
    Number.isInteger(count) &&
    count > 0 &&
    Object.keys(value as object).length === 1
  ) {
    const keys = Array.from({ length: count }, (_, i) => `${key}.${i}`)
    const found = cache.getAll(keys)
    cache.removeAll([key, ...keys])
    if (keys.some((piece) => typeof found[piece] !== 'string')) return MISSING
    try {
      value = JSON.parse(keys.map((piece) => found[piece]).join(''))
    } catch {
      return MISSING
    }
  } else cache.removeAll([key])
  return value as TakenAnswer
}
