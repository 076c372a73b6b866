/**
 * README 文件安全: checking twice on the same day leaves the ledger tabs and styles byte for byte as
 * the first check wrote them; only 操作日志 gains its line (提醒汇总 is the same list again).
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { EXIT_OK } from '../src/cli/main'
import { XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { inProcess } from './support/cli-process'
import { readZip } from './support/zip-parts'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const NOW = new Date('2026-12-01T02:00:00Z')

async function parts(file: string): Promise<Map<string, Buffer>> {
  return new Map(readZip(await fs.readFile(file)).map((part) => [part.name, part.data]))
}

describe('a second check on the same day', () => {
  it('changes nothing but the log', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    expect((await inProcess(NOW, 'init', file, '--demo')).status).toBe(EXIT_OK)
    expect((await inProcess(NOW, 'check', file, '--today', '2026-12-01')).status).toBe(EXIT_OK)
    const first = await parts(file)
    expect((await inProcess(NOW, 'check', file, '--today', '2026-12-01')).status).toBe(EXIT_OK)
    const second = await parts(file)
    const book = XlsxPackage.fromBytes(await fs.readFile(file))
    const logRows = book.readTab(TEMPLATES.log.name)?.rows.length
    expect(logRows).toBe(3)
    // Which part is the log: the only one that differs.
    const changed = [...second.keys()].filter((name) => !first.get(name)?.equals(second.get(name) as Buffer))
    expect(changed).toHaveLength(1)
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort())
    expect(changed[0]).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/)
    const logXml = second.get(changed[0] as string)?.toString('utf8') ?? ''
    expect(logXml).toContain('检查（截至 2026-12-01）')
  }, 60_000)
})
