/**
 * The progress of a check that continues in a later run, kept in the document properties: a small
 * header (the day, the ledgers done, the records read, how many chunks follow) and the findings so
 * far as JSON, gzipped, in base64, split into numbered properties below Apps Script's 9 KB a value.
 * The next run adds to those findings instead of reading back 提醒汇总, which users may have sorted,
 * edited or cleared in between. Findings that take more than FINDINGS_BUDGET_CHARS even so, or that
 * the store has no room for, are not kept: the header says so, and the next run reads them back
 * from 提醒汇总 (alerts-read-back.ts). A progress that cannot be read back is no progress: the
 * check starts afresh.
 */
import type { CheckProgress } from '../../app/types'
import { type IsoDate, isIsoDate } from '../../core/dates'
import { type Finding, SEVERITY_LABEL, type Severity } from '../../core/findings'
import type { GasProperties, GasUtilities } from './sheets-api'

/** The header property; its chunks are `taizhang.checkProgress.0`, `.1`, … */
export const PROGRESS_PROPERTY = 'taizhang.checkProgress'
const CHUNK_PREFIX = `${PROGRESS_PROPERTY}.`
/** Version 1 kept the header alone, in JSON without a version. */
const VERSION = 2
/** Characters of base64 in one chunk: below the 9 KB Apps Script keeps in one property value. */
export const CHUNK_CHARS = 8 * 1024
/** Of the 500 KB a document's properties may hold, the findings take this much at most. */
export const FINDINGS_BUDGET_CHARS = 400 * 1024

/** A progress read back: `findings` null when they were too many to keep (read 提醒汇总 instead). */
export type KeptProgress = Omit<CheckProgress, 'findings'> & { readonly findings: readonly Finding[] | null }

interface Header {
  readonly version: typeof VERSION
  readonly today: string
  readonly done: readonly string[]
  readonly records: Readonly<Record<string, number>>
  readonly findingsStored: boolean
  readonly chunks: number
}

const SEVERITIES = Object.keys(SEVERITY_LABEL) as Severity[]

/** A finding in the chunks: [sheet, row, key, code, severity, message, due]. */
type FindingTuple = [string, number, string, string, Severity, string, string | null]

/** Keeps the progress; returns whether its findings were kept too (else 提醒汇总 holds them). */
export function saveProgress(
  properties: GasProperties,
  utilities: GasUtilities,
  progress: CheckProgress,
): boolean {
  const { today, done, findings } = progress
  const encoded = gzipJson(utilities, { today, done, findings: findings.map(tupleOf) })
  let problem: unknown = `${findings.length} 条提醒压缩后仍有 ${encoded.length} 字符`
  if (encoded.length <= FINDINGS_BUDGET_CHARS) {
    try {
      write(properties, progress, chunksOf(encoded))
      return true
    } catch (error) {
      // Other properties of the document leave no room: the header alone still fits.
      problem = error
    }
  }
  console.warn('文档属性中放不下本次检查的提醒，继续检查时将从“提醒汇总”读回', problem)
  write(properties, progress, [])
  return false
}

/** Deletes the progress: the header first, so that chunks left by a failure are never read. */
export function clearProgress(properties: GasProperties): void {
  properties.deleteProperty(PROGRESS_PROPERTY)
  deleteChunks(properties, 0)
}

/**
 * Today's progress as an earlier run kept it; undefined when there is none, when it is another
 * day's, or when it cannot be read back whole (then the check starts afresh).
 */
export function loadProgress(
  properties: GasProperties,
  utilities: GasUtilities,
  today: IsoDate,
): KeptProgress | undefined {
  try {
    const stored = properties.getProperties()
    const text = stored[PROGRESS_PROPERTY]
    if (text === undefined) return undefined
    const header = headerOf(text)
    if (header.today !== today) return undefined
    const progress = { today, done: header.done, records: header.records }
    if (!header.findingsStored) return { ...progress, findings: null }
    const chunks = Array.from({ length: header.chunks }, (_, index) => stored[`${CHUNK_PREFIX}${index}`])
    if (chunks.some((chunk) => typeof chunk !== 'string')) throw new Error('a chunk is missing')
    const payload = gunzipJson(utilities, chunks.join('')) as {
      today?: unknown
      done?: unknown
      findings?: unknown
    }
    // The chunks of another save (one that failed half-way) do not name the header's day and ledgers.
    if (payload.today !== header.today || JSON.stringify(payload.done) !== JSON.stringify(header.done))
      throw new Error('the chunks belong to another progress')
    if (!Array.isArray(payload.findings) || !payload.findings.every(isFindingTuple))
      throw new Error('the chunks hold no findings')
    return { ...progress, findings: payload.findings.map(findingOf) }
  } catch (error) {
    console.warn('无法读回上次运行保存的检查进度，今天的检查从头开始', error)
    return undefined
  }
}

function write(properties: GasProperties, progress: CheckProgress, chunks: readonly string[]): void {
  const header: Header = {
    version: VERSION,
    today: progress.today,
    done: progress.done,
    records: progress.records,
    findingsStored: chunks.length > 0,
    chunks: chunks.length,
  }
  const values: Record<string, string> = { [PROGRESS_PROPERTY]: JSON.stringify(header) }
  for (const [index, chunk] of chunks.entries()) values[`${CHUNK_PREFIX}${index}`] = chunk
  // The new chunks first, then the stale ones of an earlier save go.
  properties.setProperties(values)
  deleteChunks(properties, chunks.length)
}

/** Deletes the chunks numbered `from` and up (and anything else named like a chunk). */
function deleteChunks(properties: GasProperties, from: number): void {
  for (const key of properties.getKeys()) {
    if (!key.startsWith(CHUNK_PREFIX)) continue
    const index = Number(key.slice(CHUNK_PREFIX.length))
    if (!(index < from)) properties.deleteProperty(key)
  }
}

/** `text` in pieces of CHUNK_CHARS, one a property value. */
export function chunksOf(text: string): string[] {
  const chunks: string[] = []
  for (let start = 0; start < text.length; start += CHUNK_CHARS)
    chunks.push(text.slice(start, start + CHUNK_CHARS))
  return chunks
}

/** `value` as JSON, gzipped, in base64: how the document properties keep what they keep. */
export function gzipJson(utilities: GasUtilities, value: unknown): string {
  return utilities.base64Encode(utilities.gzip(utilities.newBlob(JSON.stringify(value))).getBytes())
}

/** What gzipJson kept. */
export function gunzipJson(utilities: GasUtilities, text: string): unknown {
  const gzipped = utilities.newBlob(utilities.base64Decode(text), 'application/x-gzip')
  return JSON.parse(utilities.ungzip(gzipped).getDataAsString())
}

/** The header, or an error when another version wrote it or someone edited it. */
function headerOf(text: string): Header {
  const value = JSON.parse(text) as Partial<Header>
  const valid =
    value.version === VERSION &&
    typeof value.today === 'string' &&
    isIsoDate(value.today) &&
    Array.isArray(value.done) &&
    value.done.every((tab) => typeof tab === 'string') &&
    typeof value.records === 'object' &&
    value.records !== null &&
    Object.values(value.records).every((count) => typeof count === 'number') &&
    typeof value.findingsStored === 'boolean' &&
    Number.isInteger(value.chunks)
  if (!valid) throw new Error(`the header is not one of version ${VERSION}`)
  return value as Header
}

function tupleOf(finding: Finding): FindingTuple {
  const { sheet, row, key, code, severity, message, due } = finding
  return [sheet, row, key, code, severity, message, due]
}

function findingOf([sheet, row, key, code, severity, message, due]: FindingTuple): Finding {
  return { sheet, row, key, code, severity, message, due: due as Finding['due'] }
}

function isFindingTuple(value: unknown): value is FindingTuple {
  if (!Array.isArray(value) || value.length !== 7) return false
  const [sheet, row, key, code, severity, message, due] = value as unknown[]
  return (
    typeof sheet === 'string' &&
    Number.isInteger(row) &&
    typeof key === 'string' &&
    typeof code === 'string' &&
    SEVERITIES.includes(severity as Severity) &&
    typeof message === 'string' &&
    (due === null || (typeof due === 'string' && isIsoDate(due)))
  )
}
