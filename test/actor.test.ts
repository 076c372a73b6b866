/**
 * 执行人 in 操作日志 (issue 13 item 7): the local tool writes the name given with --actor, else the
 * 参数 row 执行人, else the operating-system user; an empty --actor is a usage error.
 */
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { logActor } from '../src/app/actor'
import { runCheck } from '../src/app/check'
import { parameterSeedRows } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import { PARAMETERS } from '../src/core/settings-tabs'
import { openWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { inProcess } from './support/cli-process'
import { sample, sampleWorkbook } from './support/ledger-builder'
import { MemoryWorkbook } from './support/memory-workbook'
import { readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const NOW = new Date(Date.parse('2026-12-02T01:00:00Z'))
const TODAY = '2026-12-02'

function osUser(): string {
  try {
    return os.userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '未知用户'
  }
}

/** 执行人 of the last line of 操作日志, and the number of lines. */
async function lastActor(file: string): Promise<{ actor: unknown; lines: number }> {
  const rows = (await openWorkbookFile(file)).readTab(TEMPLATES.log.name)?.rows ?? []
  return { actor: rows.at(-1)?.[2], lines: rows.length }
}

/** Types `value` into the 值 of the 参数 row 执行人, as a clerk would in Excel. */
async function setActorParameter(file: string, value: string | null): Promise<void> {
  const book = await readBack(file)
  const sheet = book.getWorksheet(PARAMETERS.name)
  if (!sheet) throw new Error('no 参数')
  let found = false
  sheet.eachRow((row) => {
    if (row.getCell(1).value === '执行人') {
      row.getCell(2).value = value
      found = true
    }
  })
  expect(found).toBe(true)
  await book.xlsx.writeFile(file)
}

describe('执行人 of 操作日志 in the local tool', () => {
  it('is --actor when given, else the 参数 row 执行人, else the operating-system user', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    const init = await inProcess(NOW, 'init', file, '--demo', '--actor', '王立')
    expect(init, init.stderr).toMatchObject({ status: 0 })
    expect((await lastActor(file)).actor).toBe('王立')

    const plain = await inProcess(NOW, 'check', file, '--today', TODAY)
    expect(plain.status).toBe(0)
    expect((await lastActor(file)).actor).toBe(osUser())

    await setActorParameter(file, '  李娜 ')
    expect((await inProcess(NOW, 'check', file, '--today', TODAY)).status).toBe(0)
    expect((await lastActor(file)).actor).toBe('李娜')

    expect((await inProcess(NOW, 'check', file, '--today', TODAY, '--actor', '王立')).status).toBe(0)
    expect((await lastActor(file)).actor).toBe('王立')

    expect((await inProcess(NOW, 'plan', file, '--year', '2027', '--actor', '赵强')).status).toBe(0)
    expect((await lastActor(file)).actor).toBe('赵强')
    expect((await inProcess(NOW, 'report', file, '--period', '2026H1', '--actor', '钱芳')).status).toBe(0)
    expect((await lastActor(file)).actor).toBe('钱芳')
    const out = await temporaryDirectory()
    const letter = await inProcess(
      NOW,
      'letter',
      file,
      '--visit',
      'ZF-2026-002',
      '--out',
      out,
      '--force',
      '--actor',
      '孙伟',
    )
    expect(letter, letter.stderr).toMatchObject({ status: 0 })
    expect((await lastActor(file)).actor).toBe('孙伟')
    // Without --actor, the 参数 row is in force for every command.
    expect((await inProcess(NOW, 'plan', file, '--year', '2027')).status).toBe(0)
    expect((await lastActor(file)).actor).toBe('李娜')
  }, 60_000)

  it.each([[''], ['   '], ['王\n立'], ['王'.repeat(41)]])(
    'refuses --actor %j as a usage error (exit 2) in Chinese, writing nothing',
    async (actor) => {
      const file = path.join(await temporaryDirectory(), '台账.xlsx')
      expect((await inProcess(NOW, 'init', file)).status).toBe(0)
      const before = await fs.readFile(file)
      const run = await inProcess(NOW, 'check', file, '--today', TODAY, '--actor', actor)
      expect(run.status).toBe(2)
      expect(run.stderr).toMatch(/^错误：选项 --actor 的值“[^”]*”无效：执行人/)
      expect(await fs.readFile(file)).toEqual(before)
    },
    60_000,
  )

  it('is in the usage of every command that writes the workbook', async () => {
    for (const command of ['init', 'check', 'report', 'letter', 'plan']) {
      const help = await inProcess(NOW, command, '--help')
      expect(help.stdout, command).toContain('--actor <姓名>')
      expect(help.stdout, command).toMatch(/用法：.*\[--actor 姓名\]/)
    }
  })
})

describe('logActor', () => {
  const withActor = (value: string | null) =>
    new MemoryWorkbook({
      [PARAMETERS.name]: [
        ['参数', '值', '说明'],
        ['执行人', value, ''],
      ],
    })

  it('prefers the given name, then the 参数 row, then the fallback', () => {
    expect(logActor(withActor('李娜'), '王立', 'root')).toBe('王立')
    expect(logActor(withActor('李娜'), undefined, 'root')).toBe('李娜')
    expect(logActor(withActor(null), undefined, 'root')).toBe('root')
    expect(logActor(new MemoryWorkbook(), undefined, 'root')).toBe('root')
  })

  it('falls back when the 参数 value is too long, which the check reports as DATA_INVALID', async () => {
    expect(logActor(withActor('王'.repeat(41)), undefined, 'root')).toBe('root')
    const book = sampleWorkbook([sample()], [], {
      [PARAMETERS.name]: [
        ['参数', '值', '说明'],
        ['执行人', '王'.repeat(41), ''],
      ],
    })
    const report = await runCheck(book, { today: '2026-11-28' as IsoDate, actor: 'root' })
    expect(report.findings).toContainEqual(
      expect.objectContaining({ sheet: PARAMETERS.name, row: 2, code: 'DATA_INVALID' }),
    )
  })

  it('has a 参数 row that a new workbook lists', () => {
    expect(parameterSeedRows().map((row) => row[0])).toContain('执行人')
  })
})
