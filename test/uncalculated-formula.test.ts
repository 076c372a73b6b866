/**
 * Issue 13 item 10: a formula cell the file holds without its result (`<c r="H2"><f>TODAY()</f></c>`,
 * written by a program that does not calculate) is no empty cell: it is its own DATA_INVALID, and the
 * tool leaves the formula as it is. Only the xlsx host has such cells (Google Sheets calculates).
 */
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { EXIT_OK } from '../src/cli/main'
import type { Finding } from '../src/core/findings'
import { inProcess } from './support/cli-process'
import { sheetXml, workbook } from './support/hostile-files'
import { sheetXml as partXml, removeTemporaryDirectories, temporaryDirectory } from './xlsx-helpers'

const NOW = new Date('2026-03-05T02:00:00Z')
const SAMPLES = TEMPLATES.samples.name
const HEADERS = TEMPLATES.samples.columns.map((column) => column.header)

function letters(index: number): string {
  return String.fromCharCode(65 + index)
}

function inline(reference: string, text: string): string {
  return `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`
}

/** 样件台账 by hand: a header, then rows whose cells are given as raw XML by header. */
function samplesXml(rows: readonly Readonly<Record<string, (reference: string) => string>>[]): string {
  const header = `<row r="1">${HEADERS.map((h, i) => inline(`${letters(i)}1`, h)).join('')}</row>`
  const body = rows
    .map((cells, index) => {
      const row = index + 2
      const xml = HEADERS.map((h, i) => cells[h]?.(`${letters(i)}${row}`) ?? '').join('')
      return `<row r="${row}">${xml}</row>`
    })
    .join('')
  return sheetXml(header + body)
}

const text = (value: string) => (reference: string) => inline(reference, value)
const sample = {
  样件编号: text('YJ-001'),
  样件名称: text('前门内板'),
  样件性质: text('封样样件'),
  材料类别: text('冲压件'),
  状态: text('在用'),
}

afterAll(removeTemporaryDirectories)

async function check(xml: string): Promise<{ file: string; findings: Finding[] }> {
  const file = path.join(await temporaryDirectory(), '台账.xlsx')
  const inspections = TEMPLATES.inspections
  const inspectionHeader = inspections.columns.map((c, i) => inline(`${letters(i)}1`, c.header)).join('')
  const sheets = [
    { name: SAMPLES, xml },
    { name: inspections.name, xml: sheetXml(`<row r="1">${inspectionHeader}</row>`) },
  ]
  await writeFile(file, workbook({ sheets }))
  const run = await inProcess(NOW, 'check', file, '--json')
  expect(run.status, run.stderr).toBe(EXIT_OK)
  return { file, findings: (JSON.parse(run.stdout) as { findings: Finding[] }).findings }
}

describe('a formula without a cached result', () => {
  it('in 确认日期 is 公式尚未计算, not 未填写, and the formula stays in the file', async () => {
    const { file, findings } = await check(
      samplesXml([{ ...sample, 确认日期: (r) => `<c r="${r}"><f>TODAY()</f></c>` }]),
    )
    const onRow = findings.filter((finding) => finding.sheet === SAMPLES && finding.row === 2)
    expect(onRow.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'DATA_INVALID',
        '第 2 行 H 列“确认日期”是公式，但文件里没有计算结果：请在 Excel 或 WPS 中打开并保存后再检查',
      ],
    ])
    const { readFile } = await import('node:fs/promises')
    expect(partXml(await readFile(file), SAMPLES)).toContain('<c r="H2"><f>TODAY()</f></c>')
  })

  it('a shared formula’s other cells (<f t="shared" si="0"/>) and a key column too', async () => {
    const { findings } = await check(
      samplesXml([
        { ...sample, 确认日期: (r) => `<c r="${r}"><f t="shared" ref="H2:H3" si="0">TODAY()</f></c>` },
        {
          ...sample,
          样件编号: (r) => `<c r="${r}" t="str"><f>"YJ-"&amp;ROW()</f></c>`,
          确认日期: (r) => `<c r="${r}"><f t="shared" si="0"/></c>`,
        },
      ]),
    )
    const messages = findings.filter((finding) => finding.sheet === SAMPLES).map((f) => [f.row, f.message])
    expect(messages).toEqual([
      [2, expect.stringContaining('H 列“确认日期”是公式，但文件里没有计算结果')],
      [3, expect.stringContaining('A 列“样件编号”是公式，但文件里没有计算结果')],
      [3, expect.stringContaining('H 列“确认日期”是公式，但文件里没有计算结果')],
    ])
    expect(findings.some((finding) => finding.message.includes('未填写'))).toBe(false)
  })

  it('with its result cached is read as that result, and a truly empty cell is still 未填写', async () => {
    const { findings } = await check(
      samplesXml([
        { ...sample, 确认日期: (r) => `<c r="${r}" s="1"><f>DATE(2026,3,1)</f><v>46082</v></c>` },
        { ...sample, 样件编号: text('YJ-002'), 确认日期: (r) => `<c r="${r}" s="1"/>` },
      ]),
    )
    const invalid = findings.filter((finding) => finding.code === 'DATA_INVALID')
    expect(invalid.map((finding) => [finding.row, finding.message])).toEqual([
      [3, '第 3 行 H 列“确认日期”未填写，这是必填项，请补上'],
    ])
  })
})
