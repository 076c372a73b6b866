/** The CLI on a real .xlsx: a renamed ledger tab and a blanked header are unusable input, exit 1. */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { taizhang } from './support/cli-process'
import { readBack, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

afterAll(removeTemporaryDirectories)

const TIMEOUT = 60_000

async function newBook(): Promise<string> {
  const file = path.join(await temporaryDirectory(), '台账.xlsx')
  const run = await taizhang('init', file, '--demo')
  expect(run, run.stderr).toMatchObject({ status: 0 })
  return file
}

async function editBook(file: string, edit: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = await readBack(file)
  edit(workbook)
  await workbook.xlsx.writeFile(file)
}

describe('a renamed ledger tab', () => {
  it(
    '样件台帐 for 样件台账: check exits 1 naming both, and writes nothing',
    async () => {
      const file = await newBook()
      await editBook(file, (workbook) => {
        const sheet = workbook.getWorksheet(TEMPLATES.samples.name)
        if (sheet) sheet.name = '样件台帐'
      })
      const before = await fs.readFile(file)
      const run = await taizhang('check', file)
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('“样件台帐”是不是“样件台账”？')
      expect(run.stdout).toBe('')
      expect((await fs.readFile(file)).equals(before)).toBe(true)
    },
    TIMEOUT,
  )
})

describe('a blanked header', () => {
  it(
    'init refuses (exit 1, file untouched) and says which header to fill in; check names taizhang init',
    async () => {
      const file = await newBook()
      let letter = ''
      await editBook(file, (workbook) => {
        const sheet = workbook.getWorksheet(TEMPLATES.samples.name)
        sheet?.getRow(1).eachCell((cell) => {
          if (cell.value === '确认日期') {
            letter = cell.address.replace(/\d+$/, '')
            cell.value = null
          }
        })
      })
      expect(letter).not.toBe('')
      const checked = await taizhang('check', file, '--dry-run')
      expect(checked.status).toBe(1)
      expect(checked.stderr).toContain('taizhang init')
      expect(checked.stderr).not.toContain('“初始化台账”')
      const before = await fs.readFile(file)
      const run = await taizhang('init', file)
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(
        `“样件台账”第 ${letter} 列有数据但没有表头，按模板这一列应是“确认日期”：请在 ${letter}1 填写“确认日期”后再运行“taizhang init”`,
      )
      expect((await fs.readFile(file)).equals(before)).toBe(true)
    },
    TIMEOUT,
  )
})
