/**
 * 生成答复单 in Google Sheets (src/hosts/gas/app.ts, docs-letter.ts) on the in-memory Apps Script
 * fakes: the selected visit row, the Google Doc in the built-in layout or from a template, its folder,
 * the two cells written, a second generation, and the refusals as alerts.
 */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { createHandlers } from '../src/hosts/gas/handlers'
import { type FakeDocument, FakeParagraph, fakeTable, type GasEnvironment } from './support/gas-fakes'
import { letterEnvironment } from './support/gas-letter-environment'
import { servicesOf } from './support/gas-services'
import { expectedLetter, INJECTED_ANSWER, SECRETS } from './support/letter-fixtures'

/** 2025-09-30 10:00 in Asia/Shanghai. */
const NOW = new Date('2025-09-30T02:00:00Z')
const TEMPLATE_ID = '1TemplateDocIdOfTheCompany000000000000'
const LETTER_NAME = '客户意见答复单-ZF-2026-001'

function visitCell(env: GasEnvironment, row: number, header: string): { value: unknown; link?: string } {
  const sheet = env.spreadsheet.sheet(TEMPLATES.visits.name)
  const column = sheet.headerRow().indexOf(header) + 1
  const link = sheet.linkAt(row, column)
  return link === undefined
    ? { value: sheet.valueAt(row, column) }
    : { value: sheet.valueAt(row, column), link }
}

function lettersIn(env: GasEnvironment, folderName: string): FakeDocument[] {
  const folder = [...env.drive.folders.values()].find((candidate) => candidate.name === folderName)
  return folder ? env.drive.documentsIn(folder) : []
}

async function generate(env: GasEnvironment, now = NOW): Promise<void> {
  await createHandlers(servicesOf(env, { now })).generateReplyLetter()
}

describe('生成答复单 with the built-in layout', () => {
  it('makes the Google Doc in the spreadsheet’s folder, links it in 答复单 and dates the reply', async () => {
    const env = letterEnvironment()
    env.spreadsheet.select(TEMPLATES.visits.name, 2, 1, 3, 4)
    await generate(env)
    const [letter, ...others] = lettersIn(env, '台账')
    expect(others).toEqual([])
    expect(letter?.name).toBe(LETTER_NAME)
    expect(letter?.saved).toBe(true)
    // One paragraph per line: the two-line answer is two paragraphs; the blank line before the date stays.
    const expected = expectedLetter('2025年9月30日').flatMap((line) => line.split('\n'))
    expect(letter?.body.texts()).toEqual([...expected.slice(0, -1), '', expected.at(-1)])
    const [title, salutation, opening] = letter?.body.paragraphs() ?? []
    expect(title).toMatchObject({ alignment: 'CENTER', bold: true, fontSize: 16 })
    expect(salutation).toMatchObject({ indentFirstLine: 0, fontSize: 12 })
    expect(opening).toMatchObject({ indentFirstLine: 24, lineSpacing: 1.5 })
    expect(letter?.body.paragraphs().at(-1)).toMatchObject({ alignment: 'RIGHT', text: '2025年9月30日' })
    expect(letter?.body.margins).toEqual({ top: 72, bottom: 72, left: 90, right: 90 })

    expect(visitCell(env, 2, '答复单')).toEqual({ value: LETTER_NAME, link: letter?.getUrl() })
    expect(visitCell(env, 2, '答复日期').value).toEqual(expect.any(Date))
    const log = env.spreadsheet.sheet('操作日志').snapshot()
    expect(log.at(-1)).toEqual([
      '2025-09-30 10:00:00',
      '生成答复单',
      'clerk@example.com',
      `走访 ZF-2026-001：${LETTER_NAME}（3 个问题）；答复日期记为 2025-09-30`,
    ])
    const [alert] = env.ui.alerts
    expect(alert?.title).toBe('生成答复单')
    expect(alert?.prompt).toContain(`已生成答复单“${LETTER_NAME}”，保存在云端硬盘文件夹“台账”`)
    expect(alert?.prompt).toContain(letter?.getUrl())
    for (const secret of SECRETS) {
      expect(letter?.body.texts().join('\n')).not.toContain(secret)
      expect(JSON.stringify(log)).not.toContain(secret)
    }
  })

  it('writes the two cells of the selected visit and nothing else of 客户走访记录', async () => {
    const env = letterEnvironment()
    const sheet = env.spreadsheet.sheet(TEMPLATES.visits.name)
    const before = sheet.snapshot()
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(env)
    const after = sheet.snapshot()
    const header = after[0] ?? []
    const changed = after.flatMap((row, r) =>
      row.flatMap((value, c) =>
        JSON.stringify(value) === JSON.stringify(before[r]?.[c] ?? '')
          ? []
          : [`${r + 1}:${String(header[c])}`],
      ),
    )
    expect(changed.sort()).toEqual(['2:答复单', '2:答复日期'])
    expect(env.spreadsheet.sheet(TEMPLATES.visitQuestions.name).formulas.size).toBe(0)
  })
})

describe('生成答复单 from a template Google Doc (参数 答复单模板文档)', () => {
  function templateDocument(env: GasEnvironment, lines: readonly (string | ReturnType<typeof fakeTable>)[]) {
    const template = env.drive.addDocument('答复单模板', lines)
    // Give it the id 参数 names (the fake makes ids of its own).
    env.drive.files.delete(template.id)
    const copy = template.copyAs(TEMPLATE_ID, '答复单模板')
    env.drive.register(copy, env.drive.root)
    return copy
  }

  it('copies the template into 参数 答复单文件夹, repeats the question block and fills every placeholder once', async () => {
    const env = letterEnvironment([
      ['答复单模板文档', `https://docs.google.com/document/d/${TEMPLATE_ID}/edit`],
      ['答复单文件夹', 'https://drive.google.com/drive/folders/1LettersFolder0000000000000000'],
      ['答复单落款', 'XX汽车配件有限公司'],
    ])
    env.drive.addFolder('答复单', '1LettersFolder0000000000000000')
    const template = templateDocument(env, [
      '{标题}',
      '尊敬的{客户名称}：',
      '贵公司 {走访日期} 的意见答复如下：',
      '{#问题列表}',
      '{序号}. {问题}',
      '答：{答复}',
      '{/问题列表}',
      fakeTable([['走访编号', '{走访编号}']]),
      '{落款}',
      '{答复日期}',
    ])
    const bold = template.body.paragraphs()[1] as FakeParagraph
    bold.bold = true
    const answer = template.body.paragraphs()[5] as FakeParagraph
    answer.indentFirstLine = 24
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(env)
    const [letter] = lettersIn(env, '答复单')
    expect(letter?.name).toBe(LETTER_NAME)
    expect(letter?.body.texts()).toEqual([
      '客户意见答复单',
      '尊敬的一汽大众汽车有限公司：',
      '贵公司 2025年9月26日 的意见答复如下：',
      '1. 送样周期偏长，能否缩短？',
      '答：自 10 月起送样周期由 15 天缩短至 7 天。',
      '2. 包装箱在运输中有破损，请改进。',
      // Each line of a multi-line 答复 is a paragraph of its own, indented like the template's.
      '答：已改用加厚瓦楞纸箱并加装护角。',
      '下批次起执行。',
      '3. =HYPERLINK("http://example.com","点我")',
      `答：${INJECTED_ANSWER}`,
      '走访编号',
      'ZF-2026-001',
      'XX汽车配件有限公司',
      '2025年9月30日',
    ])
    expect(letter?.body.paragraphs()[1]?.bold).toBe(true)
    const indents = (letter?.body.paragraphs() ?? []).map((paragraph) => [
      paragraph.text,
      paragraph.indentFirstLine,
    ])
    expect(indents.slice(4, 9)).toEqual([
      ['答：自 10 月起送样周期由 15 天缩短至 7 天。', 24],
      ['2. 包装箱在运输中有破损，请改进。', 0],
      ['答：已改用加厚瓦楞纸箱并加装护角。', 24],
      ['下批次起执行。', 24],
      ['3. =HYPERLINK("http://example.com","点我")', 0],
    ])
    // The template itself is untouched.
    expect(template.body.texts()[1]).toBe('尊敬的{客户名称}：')
    expect(env.drive.calls).toEqual([`makeCopy 答复单模板 → 答复单/${LETTER_NAME}`])
  })

  it('a multi-line 答复 in a list item keeps its line breaks, which line up under the item’s text', async () => {
    const env = letterEnvironment([['答复单模板文档', TEMPLATE_ID]])
    const template = templateDocument(env, ['{标题}', '{#问题列表}', '{问题}', '答：{答复}', '{/问题列表}'])
    template.body.children[3] = new FakeParagraph('答：{答复}', 'LIST_ITEM')
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(env)
    const [letter] = lettersIn(env, '台账')
    expect(letter?.body.texts()).toContain('答：已改用加厚瓦楞纸箱并加装护角。\r下批次起执行。')
    expect(letter?.body.texts().join('')).not.toContain('\uE000')
  })

  it.each([
    [['{标题}', '{联系人}', '{#问题列表}', '{问题}', '{/问题列表}'], '{联系人}（不是答复单认识的占位符）'],
    [['{标题}', '{问题}', '{#问题列表}', '{答复}', '{/问题列表}'], '{问题}（只能用在问题块内）'],
    [['{标题}', '{#问题列表}{问题}{/问题列表}'], '问题块须由单独成段的 {#问题列表} 开始'],
    [['{标题}', '尊敬的{客户名称}：'], '问题块须由单独成段的 {#问题列表} 开始'],
  ])('refuses template %j before copying it: %s', async (lines, message) => {
    const env = letterEnvironment([['答复单模板文档', TEMPLATE_ID]])
    templateDocument(env, lines)
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(env)
    expect(env.ui.alerts.at(-1)?.prompt).toContain('答复单模板文档不能使用')
    expect(env.ui.alerts.at(-1)?.prompt).toContain(message)
    expect(env.drive.calls).toEqual([])
    expect(visitCell(env, 2, '答复单').value).toBe('')
  })

  it('says so when the template or the folder cannot be opened', async () => {
    const missingTemplate = letterEnvironment([['答复单模板文档', '1NoSuchDocument000000000000000']])
    missingTemplate.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(missingTemplate)
    expect(missingTemplate.ui.alerts.at(-1)?.prompt).toContain('无法打开参数“答复单模板文档”中的 Google 文档')

    const missingFolder = letterEnvironment([['答复单文件夹', '1NoSuchFolder0000000000000000000']])
    missingFolder.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(missingFolder)
    expect(missingFolder.ui.alerts.at(-1)?.prompt).toContain('无法打开参数“答复单文件夹”中的云端硬盘文件夹')
    expect(visitCell(missingFolder, 2, '答复单').value).toBe('')
  })
})

describe('生成答复单: the selection and the visit', () => {
  it.each([
    ['another tab', () => ['意见与答复', 2, 1] as const, '请先打开“客户走访记录”工作表'],
    ['two rows', () => ['客户走访记录', 2, 2] as const, '一次只能为一条走访记录生成答复单'],
    ['the header', () => ['客户走访记录', 1, 1] as const, '第 1 行是表头'],
    ['an empty row', () => ['客户走访记录', 30, 1] as const, '第 30 行没有走访记录'],
    [
      'an unanswered visit',
      () => ['客户走访记录', 3, 1] as const,
      '· “意见与答复”第 5 行，序号 2：价格能否下调 3%？',
    ],
  ])('%s: an alert saying what to do, and nothing written', async (_, selection, message) => {
    const env = letterEnvironment()
    const [sheet, row, rows] = selection()
    env.spreadsheet.select(sheet, row, rows)
    await generate(env, new Date('2026-03-05T02:00:00Z'))
    expect(env.ui.alerts).toHaveLength(1)
    expect(env.ui.alerts[0]?.prompt).toContain(message)
    expect(env.drive.files.size).toBe(1) // the spreadsheet only
    expect(env.lockService.lock.held).toBe(false)
  })

  it('no selection at all', async () => {
    const env = letterEnvironment()
    await generate(env)
    expect(env.ui.alerts[0]?.prompt).toContain('请先打开“客户走访记录”工作表')
  })

  it('a second generation asks first; cancelled, nothing happens', async () => {
    const env = letterEnvironment()
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(env)
    env.ui.alertReplies.push('CANCEL')
    await generate(env, new Date('2025-10-09T02:00:00Z'))
    expect(env.ui.alerts[1]?.prompt).toContain(
      `走访 ZF-2026-001 已有答复单“${LETTER_NAME}”（答复日期 2025-09-30）`,
    )
    expect(env.ui.alerts[1]?.prompt).toContain('原答复单保留不动')
    expect(env.ui.alerts).toHaveLength(2)
    expect(lettersIn(env, '台账').map((document) => document.name)).toEqual([LETTER_NAME])
  })

  it('a second generation confirmed makes 第2版, keeps the first Doc and the first 答复日期', async () => {
    const env = letterEnvironment()
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    await generate(env)
    const firstDate = visitCell(env, 2, '答复日期').value
    await generate(env, new Date('2025-10-09T02:00:00Z'))
    const letters = lettersIn(env, '台账')
    expect(letters.map((document) => document.name)).toEqual([LETTER_NAME, `${LETTER_NAME}-第2版`])
    expect(letters[1]?.body.texts()[0]).toBe('客户意见答复单')
    expect(letters[0]?.body.texts().at(-1)).toBe('2025年9月30日')
    expect(visitCell(env, 2, '答复单')).toEqual({ value: `${LETTER_NAME}-第2版`, link: letters[1]?.getUrl() })
    expect(visitCell(env, 2, '答复日期').value).toEqual(firstDate)
    expect(env.ui.alerts.at(-1)?.prompt).toContain(`原答复单“${LETTER_NAME}”保留未动，请以第 2 版为准`)
  })

  it('waits for no dialog while holding the document lock', async () => {
    const env = letterEnvironment()
    env.spreadsheet.select(TEMPLATES.visits.name, 2)
    env.lockService.lock.heldElsewhere = true
    await generate(env)
    expect(env.ui.alerts[0]?.prompt).toContain('另一项台账操作（例如每日检查）正在进行')
    expect(env.drive.files.size).toBe(1)
  })
})
