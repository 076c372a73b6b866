/** `taizhang seal-form`: the 《封样件评审表》 of one review as .docx, the workbook only read. */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { demoRows } from '../src/app/demo'
import { runInit } from '../src/app/init'
import { TEMPLATES } from '../src/app/tabs'
import type { IsoDate } from '../src/core/dates'
import type { SeedRows } from '../src/core/ledger'
import { templateRow } from '../src/core/template'
import { newWorkbook, saveWorkbookFile } from '../src/hosts/xlsx/workbook-file'
import { taizhang } from './support/cli-process'
import { docxParagraphs } from './support/letter-fixtures'
import { removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 60_000
const TODAY = '2026-03-10' as IsoDate

async function book(seedRows: SeedRows = demoRows(TODAY)): Promise<string> {
  const file = path.join(await temporaryDirectory(), '台账.xlsx')
  const workbook = newWorkbook()
  runInit(workbook, { actor: 'test', today: TODAY, seedRows })
  await saveWorkbookFile(workbook, file)
  return file
}

describe('taizhang seal-form', () => {
  it(
    'writes the form of a review next to the workbook, and leaves the workbook as it was',
    async () => {
      const file = await book()
      const before = await fs.readFile(file)
      const run = await taizhang('seal-form', file, '--review', 'FY-005')
      expect(run.stderr).not.toContain('错误')
      expect(run.status).toBe(0)
      const form = path.join(path.dirname(file), '封样件评审表-FY-005.docx')
      expect(run.stdout).toContain(form)
      const paragraphs = docxParagraphs(await fs.readFile(form))
      expect(paragraphs).toEqual([
        '封样件评审表',
        '申请编号：FY-005',
        '零件号：QM-6105310',
        '零件名称：门锁扣板',
        '申请部门：研发部',
        '通知时间：2026年2月8日 09:00',
        '评审时间：2026年3月2日 14:00',
        '试装：不需试装',
        '封样资料（封样件管理规定 5.2）：',
        '1. 小批试制评审单：有',
        '2. 性能实验报告：无',
        '3. 第三方检测报告：有',
        '4. 电器件检测报告：不适用',
        '问题点：',
        '结论：通过',
        '整改完成日期：',
        '',
        '研发签字：周强',
        '品管签字：＿＿＿＿＿＿＿＿',
      ])
      expect(await fs.readFile(file)).toEqual(before)

      // A second run does not overwrite the form.
      const again = await taizhang('seal-form', file, '--review', 'FY-005')
      expect(again.status).toBe(1)
      expect(again.stderr).toContain('已经存在')
    },
    TIMEOUT,
  )

  it.each([
    ['FY-404', '没有申请编号为“FY-404”'],
    ['FY-001', '有 2 行申请编号都是“FY-001”'],
    ['FY-009', '第 10 行 F 列“评审时间”'],
  ])(
    'refuses %s, writing nothing',
    async (id, message) => {
      const file = await book()
      const run = await taizhang('seal-form', file, '--review', id)
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(message)
      const files = await fs.readdir(path.dirname(file))
      expect(files.filter((name) => name.endsWith('.docx'))).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'prints what the review holds literally: placeholders, markup and formulas stay text',
    async () => {
      const hostile = '{结论} {#资料列表} <w:t>&amp; =HYPERLINK("http://x","y")'
      const file = await book({
        sealReviews: [
          templateRow(TEMPLATES.sealReviews, {
            申请编号: 'FY/1',
            零件名称: hostile,
            评审时间: '2026-03-02 09:00',
            问题点: '第一行\n第二行',
            结论: '整改',
          }),
        ],
      })
      const out = path.join(path.dirname(file), '评审表')
      const run = await taizhang('seal-form', file, '--review', 'FY/1', '--out', out)
      expect(run.status).toBe(0)
      const [name] = await fs.readdir(out)
      expect(name).toMatch(/^封样件评审表-FY_1-[0-9a-f]{8}\.docx$/)
      const paragraphs = docxParagraphs(await fs.readFile(path.join(out, name ?? '')))
      expect(paragraphs).toContain(`零件名称：${hostile}`)
      expect(paragraphs).toContain('问题点：第一行\n第二行')
      expect(paragraphs).toContain('1. 小批试制评审单：未填写')
      expect(paragraphs).toContain('研发签字：＿＿＿＿＿＿＿＿')
    },
    TIMEOUT,
  )
})
