/** The rule files of every ledger folder (`src/ledgers/<ledger>/rules.json`), registered or not, found on disk. */
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const LEDGERS = fileURLToPath(new URL('../../src/ledgers', import.meta.url))

/** Their absolute paths, sorted. */
export function ruleFiles(): string[] {
  return readdirSync(LEDGERS, { recursive: true, encoding: 'utf8' })
    .filter((name) => basename(name) === 'rules.json')
    .map((name) => join(LEDGERS, name))
    .sort()
}
