/**
 * The corpus test (issue 8, "Test it on real files"), split in shards so that several vitest
 * workers share it: shard k of n takes every n-th workbook of ../shared/corpus/xlsx/ starting at
 * the k-th. Each shard prints its counts at the end; with TAIZHANG_CORPUS_OUT set it also writes
 * its outcomes there as JSON (scripts/corpus-report.mjs adds them up).
 */
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CORPUS_DIR,
  CommandRunner,
  type CorpusOutcome,
  corpusFiles,
  runCorpusFile,
  summary,
} from './corpus-run'
import { OpenpyxlReader } from './openpyxl'

/**
 * The workbooks that may be refused, with why: only files that really cannot be read (encrypted,
 * an .xls inside, Strict OOXML, a broken package, an entity bomb). The corpus holds no encrypted
 * file and no .xls in disguise. Any other refusal fails the test; a file listed here that is
 * accepted must lose nothing, like any other.
 */
export const MAY_BE_REFUSED: Readonly<Record<string, string>> = {
  'ClosedXML__ClosedXML.Tests__Resource__TryToLoad__LO__xlsx__universal-content-strict.xlsx': 'Strict OOXML',
  'calamine__tests__strict_iso_paths.xlsx': 'Strict OOXML',
  'poi__test-data__spreadsheet__SampleSS.strict.xlsx': 'Strict OOXML',
  'poi__test-data__spreadsheet__sample.strict.xlsx': 'Strict OOXML',
  'test_files__sheet_visibility_strict.xlsx': 'Strict OOXML',
  // POI's corrupted-file test: _rels/.rels is `<?xml …?>\nCORRUPTED`, so the package has no root.
  'poi__test-data__spreadsheet__xlsx-corrupted.xlsx': 'corrupt: _rels/.rels is not XML',
  // POI's entity-expansion test: a "billion laughs" DTD in sharedStrings.xml and core.xml.
  'poi__test-data__spreadsheet__54764.xlsx': 'hostile: entity-expansion bomb in sharedStrings.xml',
}

const SHARD_TIMEOUT_MS = Number(process.env.TAIZHANG_CORPUS_TIMEOUT_S ?? 1200) * 1000

export function corpusShard(shard: number, shards: number): void {
  describe.skipIf(!existsSync(CORPUS_DIR))(`corpus shard ${shard}/${shards} (${CORPUS_DIR})`, () => {
    const outcomes: CorpusOutcome[] = []
    let reader: OpenpyxlReader
    let runner: CommandRunner

    beforeAll(async () => {
      reader = new OpenpyxlReader()
      runner = await CommandRunner.start(`${shard}-of-${shards}`)
    }, 120_000)

    afterAll(async () => {
      reader?.close()
      await runner?.close()
      const text = summary(outcomes, `corpus shard ${shard}/${shards}`)
      process.stdout.write(`\n${text}\n`)
      const out = process.env.TAIZHANG_CORPUS_OUT
      if (out) {
        await fs.mkdir(out, { recursive: true })
        await fs.writeFile(
          path.join(out, `shard-${shard}-of-${shards}.json`),
          JSON.stringify(outcomes, null, 1),
        )
      }
    })

    it(
      'init then check keeps every part and cell of every workbook; refuses only unreadable ones',
      async () => {
        const files = (await corpusFiles()).filter((_, index) => index % shards === shard - 1)
        const only = process.env.TAIZHANG_CORPUS_ONLY
        for (const entry of files) {
          if (only && !entry.file.includes(only)) continue
          outcomes.push(await runCorpusFile(entry, reader, runner))
        }
        const problems = outcomes.flatMap((o): string[] => {
          if (o.verdict === 'kept') return []
          if (o.verdict === 'refused' && MAY_BE_REFUSED[o.file] && o.losses.length === 0) return []
          const first =
            o.verdict === 'lost'
              ? o.losses.slice(0, 3)
              : [(o.message ?? '').split('\n')[0] ?? '', ...o.losses]
          return [
            `${o.file}: ${o.verdict}${o.stage ? ` at ${o.stage}` : ''}: ${first.join(' | ').slice(0, 600)}`,
          ]
        })
        expect(problems, `${problems.length} of ${outcomes.length} workbooks`).toEqual([])
      },
      SHARD_TIMEOUT_MS,
    )
  })
}
