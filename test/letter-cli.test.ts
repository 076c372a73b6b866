import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type ExcelJS from 'exceljs'
import PizZip from 'pizzip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInit } from '../src/app/init'
import type { Cell } from '../src/core/cells'
import type { IsoDate } from '../src/core/dates'
import { defaultTemplatePath } from '../src/hosts/xlsx/docx-letter'
import { newWorkbook, openWorkbookFile, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { taizhang } from './support/cli-process'
import { docxParagraphs, expectedLetter, letterSeedRows, SECRETS } from './support/letter-fixtures'
import { readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 60_000
const LETTER = '客户意见答复单-ZF-2026-001.docx'
const REVISION = '客户意见答复单-ZF-2026-001-第2版.docx'

/** A workbook made by `init` holding the fixture visits, questions and archives. */
async function letterBook(): Promise<string> {
  const directory = await temporaryDirectory()
  const file = path.join(directory, '台账.xlsx')
  const workbook = newWorkbook()
  runInit(workbook, {
    actor: 'test',
    today: '2025-09-26' as IsoDate,
    seedRows: letterSeedRows(),
  })
  await saveWorkbookFile(workbook, file)
  return file
}

/** Every tab's cells as the core reads them. */
async function contents(file: string): Promise<Record<string, Cell[][]>> {
  const port = await openWorkbookFile(file)
  const tabs: Record<string, Cell[][]> = {}
  for (const name of port.tabNames()) {
    const table = port.readTab(name)
    if (table) tabs[name] = [[...table.header], ...table.rows.map((row) => [...row])]
  }
  return tabs
}

/** "row:header" of every cell that differs between two reads of a tab. */
function changedCells(before: Cell[][] = [], after: Cell[][] = []): string[] {
  const header = after[0] ?? []
  const changed: string[] = []
  for (let r = 0; r < Math.max(before.length, after.length); r++) {
    const width = Math.max(before[r]?.length ?? 0, after[r]?.length ?? 0)
    for (let c = 0; c < width; c++) {
      if (JSON.stringify(before[r]?.[c] ?? null) !== JSON.stringify(after[r]?.[c] ?? null))
        changed.push(`${r + 1}:${String(header[c])}`)
    }
  }
  return changed.sort()
}

function withoutLog(tabs: Record<string, Cell[][]>): Record<string, Cell[][]> {
  const { 操作日志: _log, 客户走访记录: _visits, ...rest } = tabs
  return rest
}

/** The letter's paragraphs that hold text (the template's blank lines left out). */
async function letterText(file: string): Promise<string[]> {
  return docxParagraphs(await fs.readFile(file)).filter((paragraph) => paragraph !== '')
}

async function cellOf(file: string, tab: string, row: number, header: string): Promise<ExcelJS.CellValue> {
  const workbook = await readBack(file)
  const worksheet = workbook.getWorksheet(tab)
  if (!worksheet) throw new Error(`no tab ${tab}`)
  const column = (worksheet.getRow(1).values as unknown[]).indexOf(header)
  const value = worksheet.getCell(row, column).value ?? null
  // A link's target is a URI: the host may percent-encode what it writes (客户 is %E5%AE%A2%E6%88%B7).
  if (value && typeof value === 'object' && 'hyperlink' in value)
    return { ...value, hyperlink: decodeURI(value.hyperlink) }
  return value
}

async function files(directory: string): Promise<string[]> {
  return (await fs.readdir(directory)).filter((name) => !name.startsWith('.')).sort()
}

describe.concurrent('taizhang letter', { timeout: TIMEOUT }, () => {
  beforeAll(async () => {
    const run = await taizhang('--version')
    expect(run.status, run.stderr).toBe(0)
  }, TIMEOUT)

  it('a multi-line 答复 is a paragraph per line, each with the indentation of the 答复 paragraph', async () => {
    const book = await letterBook()
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
    expect(run.status, run.stderr).toBe(0)
    const bytes = await fs.readFile(path.join(path.dirname(book), LETTER))
    const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? ''
    const paragraphs = xml.match(/<w:p\b[^>]*>(?:(?!<w:p\b)[\s\S])*?<\/w:p>/g) ?? []
    const holding = (text: string): string => {
      const found = paragraphs.filter((paragraph) => paragraph.includes(text))
      expect(found, text).toHaveLength(1)
      return found[0] ?? ''
    }
    const first = holding('答复：已改用加厚瓦楞纸箱并加装护角。')
    const second = holding('下批次起执行。')
    const properties = (paragraph: string): string => /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(paragraph)?.[0] ?? ''
    expect(properties(first)).toMatch(/<w:ind [^>]*w:firstLine="480"/)
    expect(properties(second)).toBe(properties(first))
    expect(first).not.toContain('<w:br/>')
    expect(second).not.toContain('下批次起执行。</w:t><w:br/>')
    expect(xml).not.toContain('\uE000')
    // The run's formatting goes on in the next paragraph, and the letter still has one 答复 per question.
    const runProperties = (paragraph: string): string => /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(paragraph)?.[0] ?? ''
    expect(runProperties(second)).toBe(runProperties(first))
    expect(paragraphs.filter((paragraph) => paragraph.includes('答复：'))).toHaveLength(3)
  })

  it('writes the letter named after the visit next to the workbook, in the order of 附录4', async () => {
    const book = await letterBook()
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
    expect(run.status, run.stderr).toBe(0)
    const letter = path.join(path.dirname(book), LETTER)
    // Each line of a multi-line 答复 is a paragraph of its own (see the XML test below).
    expect(await letterText(letter)).toEqual(
      expectedLetter('2025年9月30日').flatMap((line) => line.split('\n')),
    )
    expect(run.stdout).toBe(
      [
        `已生成答复单：${letter}`,
        '走访 ZF-2026-001，致 一汽大众汽车有限公司，3 个问题及答复，日期 2025年9月30日',
        '已在“客户走访记录”第 2 行记下答复单和答复日期 2025-09-30',
        '',
      ].join('\n'),
    )
    for (const secret of SECRETS) {
      expect(run.stdout + run.stderr).not.toContain(secret)
      expect((await letterText(letter)).join('\n')).not.toContain(secret)
    }
  })

  it('records 答复单 (a link to the file) and 答复日期, appends one log line and changes nothing else', async () => {
    const book = await letterBook()
    const before = await contents(book)
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
    expect(run.status, run.stderr).toBe(0)
    const after = await contents(book)
    expect(changedCells(before.客户走访记录, after.客户走访记录)).toEqual(['2:答复单', '2:答复日期'])
    expect(withoutLog(after)).toEqual(withoutLog(before))
    expect(after.操作日志?.slice(0, -1)).toEqual(before.操作日志)
    expect(after.操作日志?.at(-1)?.slice(1)).toEqual([
      '生成答复单',
      expect.any(String),
      `走访 ZF-2026-001：${LETTER}（3 个问题）；答复日期记为 2025-09-30`,
    ])
    expect(await cellOf(book, '客户走访记录', 2, '答复单')).toEqual({ text: LETTER, hyperlink: LETTER })
    expect(after.客户走访记录?.[1]).toContainEqual({ date: '2025-09-30' })
  })

  it('refuses a second letter without --force, and leaves workbook and folder as they were', async () => {
    const book = await letterBook()
    const directory = path.dirname(book)
    expect((await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')).status).toBe(0)
    const before = await contents(book)
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-10-09')
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(
      `走访 ZF-2026-001 已生成过答复单“${LETTER}”（答复日期 2025-09-30），本次未生成`,
    )
    expect(run.stderr).toContain(`请加 --force：将生成第 2 版“${REVISION}”，原答复单保留不动`)
    expect(await contents(book)).toEqual(before)
    expect(await files(directory)).toEqual(['台账.xlsx', LETTER])
  })

  it('with --force writes 第2版, keeps the first letter byte for byte and its 答复日期, and says so', async () => {
    const book = await letterBook()
    const directory = path.dirname(book)
    expect((await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')).status).toBe(0)
    const first = await fs.readFile(path.join(directory, LETTER))
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-10-09', '--force')
    expect(run.status, run.stderr).toBe(0)
    expect(await files(directory)).toEqual(['台账.xlsx', REVISION, LETTER])
    expect(await fs.readFile(path.join(directory, LETTER))).toEqual(first)
    expect(await letterText(path.join(directory, REVISION))).toEqual(
      expectedLetter('2025年10月9日', '客户意见答复单').flatMap((line) => line.split('\n')),
    )
    expect(run.stderr).toContain(
      `注意：走访 ZF-2026-001 原有答复单“${LETTER}”；本次生成的是第 2 版，原文件保留未动`,
    )
    const after = await contents(book)
    expect(after.客户走访记录?.[1]).toContainEqual({ date: '2025-09-30' })
    expect(after.客户走访记录?.[1]).toContain(REVISION)
    expect(after.操作日志?.at(-1)?.[3]).toBe(
      `走访 ZF-2026-001：${REVISION}（3 个问题）；第 2 版，替代“${LETTER}”（原答复单保留未动）；答复日期保留原值 2025-09-30（首次答复的日期）`,
    )
  })

  it('never overwrites a letter file the workbook does not record', async () => {
    const book = await letterBook()
    const stray = path.join(path.dirname(book), LETTER)
    await fs.writeFile(stray, 'sent by hand')
    const refused = await taizhang('letter', book, '--visit', 'ZF-2026-001', '--today', '2025-09-30')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain(`文件“${stray}”已经存在，但“客户走访记录”中没有记下它`)
    const forced = await taizhang(
      'letter',
      book,
      '--visit',
      'ZF-2026-001',
      '--today',
      '2025-09-30',
      '--force',
    )
    expect(forced.status, forced.stderr).toBe(0)
    expect(await fs.readFile(stray, 'utf8')).toBe('sent by hand')
    expect(await letterText(path.join(path.dirname(book), REVISION))).toContain('客户意见答复单')
  })

  it('refuses, exit 1, a visit with an unanswered question, naming 序号 and text', async () => {
    const book = await letterBook()
    const before = await contents(book)
    const run = await taizhang('letter', book, '--visit', 'ZF-2026-002', '--today', '2026-03-05')
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('走访 ZF-2026-002 还有 1 个问题没有答复，不能生成答复单')
    expect(run.stderr).toContain('· “意见与答复”第 5 行，序号 2：价格能否下调 3%？')
    expect(await contents(book)).toEqual(before)
    expect(await files(path.dirname(book))).toEqual(['台账.xlsx'])
  })

  it.each([
    [['--visit', 'ZF-404'], 1, '“客户走访记录”中没有走访编号为“ZF-404”的记录'],
    [['--visit', 'ZF-2026-004'], 1, '还没有记录客户的问题'],
    [[], 2, '缺少必填选项 --visit'],
    [['--visit', 'ZF-2026-001', '--today', '2025-9-30'], 2, '--today 的值“2025-9-30”无效'],
    [['--visit', 'ZF-2026-001', '--template', 'nowhere.docx'], 1, '找不到答复单模板'],
  ])('%j exits %i: %s', async (args, status, message) => {
    const book = await letterBook()
    const run = await taizhang('letter', book, ...args)
    expect(run.status).toBe(status)
    expect(run.stderr).toContain(message)
    expect(await files(path.dirname(book))).toEqual(['台账.xlsx'])
  })

  it('writes into --out and records the path relative to the workbook', async () => {
    const book = await letterBook()
    const run = await taizhang(
      'letter',
      book,
      '--visit',
      'ZF-2026-003',
      '--today',
      '2026-03-05',
      '--out',
      path.join(path.dirname(book), '答复单'),
    )
    expect(run.status, run.stderr).toBe(0)
    const name = '答复单/客户意见答复单-ZF-2026-003.docx'
    expect(await letterText(path.join(path.dirname(book), name))).toContain('尊敬的长城汽车股份有限公司：')
    expect(await cellOf(book, '客户走访记录', 4, '答复单')).toEqual({ text: name, hyperlink: name })
  })

  it('fills a template the user edited, and refuses one with a placeholder it does not know', async () => {
    const book = await letterBook()
    const directory = path.dirname(book)
    const edit = async (name: string, change: (xml: string) => string): Promise<string> => {
      const zip = new PizZip(await fs.readFile(defaultTemplatePath()))
      zip.file('word/document.xml', change(zip.file('word/document.xml')?.asText() ?? ''))
      const file = path.join(directory, name)
      await fs.writeFile(file, zip.generate({ type: 'nodebuffer' }))
      return file
    }
    // Word splits a placeholder typed in pieces into several runs; docxtemplater joins them.
    const own = await edit('own.docx', (xml) =>
      xml.replace('谢谢！', '谢谢！</w:t></w:r><w:r><w:t>（走访编号 {走访</w:t></w:r><w:r><w:t>编号}）'),
    )
    const ok = await taizhang(
      'letter',
      book,
      '--visit',
      'ZF-2026-001',
      '--today',
      '2025-09-30',
      '--template',
      own,
      '--out',
      path.join(directory, 'out'),
    )
    expect(ok.status, ok.stderr).toBe(0)
    expect(await letterText(path.join(directory, 'out', LETTER))).toContain('谢谢！（走访编号 ZF-2026-001）')

    const unknown = await edit('unknown.docx', (xml) =>
      xml.replace('谢谢！', '谢谢！联系人：{联系人}，{问题}'),
    )
    const refused = await taizhang(
      'letter',
      book,
      '--visit',
      'ZF-2026-003',
      '--today',
      '2026-03-05',
      '--template',
      unknown,
    )
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain(
      '中有无法填写的占位符：{联系人}、{问题}（只能用在问题块 {#问题列表}…{/问题列表} 内）',
    )

    const broken = await edit('broken.docx', (xml) => xml.replace('{/问题列表}', ''))
    const unclosed = await taizhang(
      'letter',
      book,
      '--visit',
      'ZF-2026-003',
      '--today',
      '2026-03-05',
      '--template',
      broken,
    )
    expect(unclosed.status).toBe(1)
    expect(unclosed.stderr).toContain('{#问题列表} 没有对应的 {/问题列表}')

    const notWord = path.join(directory, 'not-word.docx')
    await fs.writeFile(notWord, 'plain text')
    const rejected = await taizhang(
      'letter',
      book,
      '--visit',
      'ZF-2026-003',
      '--today',
      '2026-03-05',
      '--template',
      notWord,
    )
    expect(rejected.status).toBe(1)
    expect(rejected.stderr).toContain('不是 Word 文档（.docx）')
    expect(await cellOf(book, '客户走访记录', 4, '答复单')).toBeNull()
  })
})
