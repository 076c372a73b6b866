/**
 * What a new user meets first: `taizhang --help` and each command's help, laid out for Chinese text
 * (src/cli/help-layout.ts), and the usage errors that tell them which option to write.
 */
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { helpDisplayWidth, wrapHelpText } from '../src/cli/help-layout'
import { commandLineOptions, EXIT_OK, EXIT_USAGE } from '../src/cli/main'
import { inProcess } from './support/cli-process'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const NOW = new Date('2026-12-02T01:00:00Z')

describe('wrapping help text', () => {
  it.each([
    // A line breaks between Chinese characters, each line within the width (two columns a character).
    ['检查全部台账并打印摘要', 10, ['检查全部台', '账并打印摘', '要']],
    // Never before a closing mark nor after an opening one: the mark goes with its character.
    ['写回工具列、提醒汇总', 12, ['写回工具列、', '提醒汇总']],
    ['写回工具列、提醒汇总', 10, ['写回工具', '列、提醒汇', '总']],
    ['默认（今天）', 6, ['默认', '（今', '天）']],
    // An ASCII word is not cut; a space is a break, and none is left at either end of a line.
    ['例如 --actor 王立', 14, ['例如 --actor', '王立']],
    ['按这一天检查（YYYY-MM-DD）', 16, ['按这一天检查', '（YYYY-MM-DD）']],
    // Short text, and the text's own line breaks, stay as they are.
    ['显示帮助', 40, ['显示帮助']],
    ['第一行\n第二行', 40, ['第一行', '第二行']],
  ])('%j in %i columns', (text, width, lines) => {
    expect(wrapHelpText(text, width).split('\n')).toEqual(lines)
  })

  it('counts a Chinese character as two columns, ASCII as one', () => {
    expect(helpDisplayWidth('--today <日期>')).toBe(14)
  })
})

describe('taizhang --help and each command’s help', { timeout: 60_000 }, () => {
  const commands = [...commandLineOptions().keys()].filter((command) => command !== '' && command !== 'help')

  it.each([[[] as string[]], ...commands.map((command) => [[command]])])(
    'taizhang %j --help: in Chinese, every option listed, its description at one column, within 80 columns',
    async (command) => {
      const run = await inProcess(NOW, ...command, '--help')
      expect(run.status).toBe(EXIT_OK)
      const lines = run.stdout.split('\n')
      expect(lines[0]).toMatch(/^用法：/)
      expect(run.stdout).not.toMatch(/Usage|Options|display help/)
      for (const option of commandLineOptions().get(command[0] ?? '') ?? [])
        expect(run.stdout).toContain(option)
      // The first column of each description in the 选项 list, by the columns a terminal shows.
      const section = lines.slice(lines.indexOf('选项：') + 1)
      const items = section.filter((line) => /^ {2}-/.test(line))
      expect(items.length).toBeGreaterThan(1)
      const starts = new Set(
        items.map((line) => helpDisplayWidth(/^ {2}\S.*? {2,}(?=\S)/.exec(line)?.[0] ?? '')),
      )
      expect(starts.size, items.join('\n')).toBe(1)
      for (const line of section.filter((text) => text.trim() !== '' && !text.startsWith('命令')))
        expect(helpDisplayWidth(line), line).toBeLessThanOrEqual(80)
    },
  )
})

describe('usage errors that name the option to write', { timeout: 60_000 }, () => {
  const commands = [...commandLineOptions().keys()].filter((command) => command !== '' && command !== 'help')

  it('init --demo on a workbook that exists: exit 2, and the workbook is not touched', async () => {
    const file = path.join(await temporaryDirectory(), '台账.xlsx')
    expect((await inProcess(NOW, 'init', file)).status).toBe(EXIT_OK)
    const before = await readFile(file)
    const run = await inProcess(NOW, 'init', file, '--demo')
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(`--demo 只用于新建工作簿，而“${file}”已经存在`)
    expect(run.stdout).toBe('')
    expect((await readFile(file)).equals(before)).toBe(true)
  })

  it('an unknown command lists every command there is', async () => {
    const run = await inProcess(NOW, 'frobnicate', 'x.xlsx')
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain(`可用的命令：${commands.join('、')}`)
  })

  it('report with neither --period nor --year names all three reports', async () => {
    const run = await inProcess(NOW, 'report', 'x.xlsx')
    expect(run.status).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('--period')
    expect(run.stderr).toContain('--year <年份> --survey')
    expect(run.stderr).toContain('--year <年份> --suppliers')
  })
})
