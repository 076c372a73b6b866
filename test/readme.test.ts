/**
 * The README against the code it describes, where that is cheap to check and does not break on a
 * reworded sentence: every `taizhang <命令> --选项` it shows is an option of that command's parser,
 * every option of every command is shown somewhere, the 参数 tables name real parameters with their
 * defaults, and the 工作表 table names every tab and the columns the tool writes. (The code table is
 * checked in test/ledgers.test.ts.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALL_TEMPLATES } from '../src/app/tabs'
import { commandLineOptions } from '../src/cli/main'
import manifest from '../src/hosts/gas/manifest.json'
import { PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../src/ledgers'

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const OPTIONS = commandLineOptions()

interface Invocation {
  /** A command name, '' for none (`taizhang --help`), or a placeholder such as <命令>. */
  readonly command: string
  readonly options: readonly string[]
  /** The README's words, for the failure message. */
  readonly text: string
}

/** What separates the words of a command line in the README's prose and code. */
const SEPARATORS = /[\s、，；。（）()[\]|“”]+/

function invocation(command: string, rest: string, text: string): Invocation {
  const options = rest
    .split(SEPARATORS)
    .map((word) => /^--[a-z][a-z-]*/.exec(word)?.[0])
    .filter((option): option is string => option !== undefined)
  return { command, options, text: text.trim() }
}

/**
 * Every command line the README shows: a line's text after each `taizhang` (`npx taizhang`,
 * `node bin/taizhang.mjs`) up to a comment, the end of a code span or a closing quote, and each code
 * span that starts with a command name (`check --dry-run`).
 */
function invocations(markdown: string): Invocation[] {
  const found: Invocation[] = []
  for (const line of markdown.split('\n')) {
    const segments = line.split(/\btaizhang(?:\.mjs)?[ \t]+/)
    for (const segment of segments.slice(1)) {
      const command = segment.split(SEPARATORS)[0] ?? ''
      const rest = segment.slice(command.length).split(/[#`”]/)[0] ?? ''
      if (command.startsWith('--')) found.push(invocation('', segment.split(/[#`”]/)[0] ?? '', segment))
      else if (/^[a-z][a-z-]*$|^<[^>]+>$/.test(command)) found.push(invocation(command, rest, segment))
    }
  }
  for (const [, span] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const [command = '', ...words] = (span ?? '').split(/\s+/)
    if (OPTIONS.has(command) && command !== '' && words[0]?.startsWith('--'))
      found.push(invocation(command, words.join(' '), span ?? ''))
  }
  return found
}

/** The commands the README says take --actor: 会写入工作簿的命令（init、check、…）都可加 [--actor 姓名]. */
function actorCommands(markdown: string): string[] {
  const list = /会写入工作簿的命令（([^）]+)）都可加 \[--actor/.exec(markdown)?.[1]
  return list === undefined ? [] : list.split('、')
}

/** The rows of the Markdown table whose header row is `header`, as trimmed cells. */
function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n')
  const start = lines.indexOf(header)
  if (start < 0) return []
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
  }
  return rows
}

/**
 * A row of the 参数 table as the parameters it names: `有效期(月)-冲压件 / 标准件` is 有效期(月)-冲压件
 * and 有效期(月)-标准件 (a short name replaces what follows the last “-” of the first), with the
 * defaults `12` (one for all) or `1 / 24` (one each).
 */
function parametersOfRow(names: string, defaults: string): [string, string][] {
  const [first = '', ...others] = names.split(' / ')
  const prefix = first.includes('-') ? first.slice(0, first.lastIndexOf('-') + 1) : ''
  const all = [first, ...others.map((name) => (name.includes('(') || prefix === '' ? name : prefix + name))]
  const values = defaults.split(' / ')
  return all.map((name, index) => [name, values.length === 1 ? (values[0] ?? '') : (values[index] ?? '')])
}

describe('the command lines the README shows', () => {
  const shown = invocations(README)

  it('finds them (the summary under 命令行 and the examples), every command among them', () => {
    expect(shown.length).toBeGreaterThan(30)
    const commands = new Set(shown.map((line) => line.command))
    for (const command of OPTIONS.keys()) expect([...commands], `taizhang ${command}`).toContain(command)
  })

  it('names only commands the CLI has, each with options its parser accepts', () => {
    const everyCommand = [...OPTIONS.entries()].filter(([command]) => command !== '' && command !== 'help')
    for (const line of shown) {
      const accepted = line.command.startsWith('<')
        ? // A placeholder (taizhang <命令> --help): an option every command takes.
          everyCommand
            .map(([, options]) => options)
            .reduce((common, options) => common.filter((option) => options.includes(option)))
        : OPTIONS.get(line.command)
      expect(accepted, `命令“${line.command}”：${line.text}`).toBeDefined()
      for (const option of line.options) expect(accepted, `${option}：${line.text}`).toContain(option)
    }
  })

  it('shows every option of every command at least once', () => {
    const actor = actorCommands(README)
    expect(actor.length).toBeGreaterThan(0)
    for (const [command, options] of OPTIONS) {
      if (command === 'help') continue
      const documented = new Set([
        ...shown.filter((line) => line.command === command).flatMap((line) => line.options),
        ...(actor.includes(command) ? ['--actor'] : []),
      ])
      for (const option of options)
        if (option !== '--help') expect([...documented], `taizhang ${command} ${option}`).toContain(option)
    }
  })

  it('says which commands take --actor: those whose parser has it', () => {
    const withActor = [...OPTIONS]
      .filter(([, options]) => options.includes('--actor'))
      .map(([command]) => command)
    expect(actorCommands(README).sort()).toEqual(withActor.sort())
  })
})

describe("the README's 参数 tables", () => {
  const numeric = new Map(PARAMETER_DEFINITIONS.map((definition) => [definition.name, definition.default]))
  const text = new Set(TEXT_PARAMETER_DEFINITIONS.map((definition) => definition.name))
  const rows = tableRows(README, '| 参数 | 默认 | 依据 |').flatMap(([names = '', defaults = '']) =>
    parametersOfRow(names, defaults),
  )

  it('names each parameter as the 参数 tab knows it, with its default', () => {
    expect(rows.length).toBeGreaterThan(40)
    for (const [name, shownDefault] of rows) {
      if (numeric.has(name)) expect(shownDefault, name).toBe(String(numeric.get(name)))
      else {
        expect(text, `参数“${name}”`).toContain(name)
        expect(shownDefault, name).toBe('（空）')
      }
    }
  })

  it('lists every numeric parameter of every ledger', () => {
    const listed = new Set(rows.map(([name]) => name))
    for (const name of numeric.keys()) expect([...listed], name).toContain(name)
  })

  it('names every text parameter somewhere, and the 答复单 table only real ones', () => {
    for (const name of text) expect(README, name).toContain(name)
    const letter = tableRows(README, '| 参数（“参数”工作表） | 作用 |')
    expect(letter.length).toBeGreaterThan(0)
    for (const [name = ''] of letter) expect(text, name).toContain(name)
  })
})

describe("the README's 工作表 table", () => {
  const rows = tableRows(README, '| 工作表 | 用途 | 工具写入 |').map(([tabs = '', , written = '']) => ({
    tabs: tabs.split('、'),
    written,
  }))

  it('lists every tab of a new workbook, and no other', () => {
    expect(rows.flatMap((row) => row.tabs).sort()).toEqual(
      ALL_TEMPLATES.map((template) => template.name).sort(),
    )
  })

  it('names every column the tool writes in a ledger tab', () => {
    for (const template of ALL_TEMPLATES) {
      if (template.kind !== 'ledger') continue
      const row = rows.find((candidate) => candidate.tabs.includes(template.name))
      for (const column of template.columns)
        if (column.owned === true)
          expect(row?.written, `${template.name}：${column.header}`).toContain(column.header)
    }
  })
})

describe("the README's table of Apps Script permissions", () => {
  it('lists each scope the manifest asks for, and no other', () => {
    const listed = tableRows(README, '| 权限 | 为什么需要 |').map(([scope = '']) => scope.replaceAll('`', ''))
    const asked = Object.keys(manifest.oauthScopes).map((scope) =>
      scope.replace('https://www.googleapis.com/auth/', ''),
    )
    expect(listed.sort()).toEqual(asked.sort())
  })
})

describe('the files the README and docs/*.md name', () => {
  const root = new URL('../', import.meta.url)
  const documents = [
    'README.md',
    ...readdirSync(new URL('docs/', root))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ]

  it.each(documents)('%s names only files and folders the project has', (document) => {
    const text = readFileSync(new URL(document, root), 'utf8')
    // A path of the project (src/ledgers/samples/rules.json), not /usr/bin/time nor a placeholder (<台账>).
    const paths = [...text.matchAll(/(?<![\w/.-])(?:src|test|scripts|docs|bench|bin)\/[\w./*<>-]*[\w/>]/g)]
      .map(([found]) => found)
      .filter((found) => !/[<*>]/.test(found))
    expect(paths.length).toBeGreaterThan(0)
    for (const found of paths) expect(existsSync(new URL(found, root)), found).toBe(true)
  })
})
