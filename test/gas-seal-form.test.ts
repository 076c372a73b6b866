/** 生成封样评审表 in Google Sheets on the Apps Script fakes: the selected review row as a Google Doc. */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { createHandlers } from '../src/hosts/gas/handlers'
import { createGasEnvironment, type FakeDocument, type GasEnvironment } from './support/gas-fakes'
import { typedRows } from './support/gas-letter-environment'
import { servicesOf } from './support/gas-services'
import type { Row } from './support/ledger-builder'

const SEALS = TEMPLATES.sealReviews.name

const REVIEW: Row = {
  申请编号: 'FY-005',
  零件号: 'QM-6105310',
  零件名称: '门锁扣板',
  申请部门: '研发部',
  通知时间: '2026-02-08 09:00',
  评审时间: '2026-03-02 14:00',
  需试装: '是',
  试装完成时间: '2026-03-02 15:10',
  小批试制评审单: '有',
  性能实验报告: '无',
  第三方检测报告: '有',
  电器件检测报告: '不适用',
  研发签字: '周强',
  结论: '通过',
  问题点: '{结论} 第一行\n第二行',
}

function environment(rows: readonly Row[]): GasEnvironment {
  const env = createGasEnvironment()
  env.spreadsheet.addSheet(SEALS, typedRows(TEMPLATES.sealReviews, rows))
  env.spreadsheet.addSheet(TEMPLATES.parameters.name, [['参数', '值', '说明']])
  return env
}

function documentsOf(env: GasEnvironment): FakeDocument[] {
  return [...env.drive.folders.values()].flatMap((folder) => env.drive.documentsIn(folder))
}

async function generate(env: GasEnvironment): Promise<void> {
  await createHandlers(servicesOf(env)).generateSealForm()
}

describe('生成封样评审表', () => {
  it('makes the form of the selected review as a Google Doc, the sheet left alone', async () => {
    const env = environment([REVIEW])
    const before = env.spreadsheet.sheet(SEALS).snapshot()
    env.spreadsheet.select(SEALS, 2, 1, 1, 3)
    await generate(env)
    const [form, ...others] = documentsOf(env)
    expect(others).toEqual([])
    expect(form?.name).toBe('封样件评审表-FY-005')
    expect(form?.saved).toBe(true)
    expect(form?.body.texts()).toEqual([
      '封样件评审表',
      '申请编号：FY-005',
      '零件号：QM-6105310',
      '零件名称：门锁扣板',
      '申请部门：研发部',
      '通知时间：2026年2月8日 09:00',
      '评审时间：2026年3月2日 14:00',
      '试装：需试装，于 2026年3月2日 15:10 完成',
      '封样资料（封样件管理规定 5.2）：',
      '1. 小批试制评审单：有',
      '2. 性能实验报告：无',
      '3. 第三方检测报告：有',
      '4. 电器件检测报告：不适用',
      '问题点：{结论} 第一行',
      '第二行',
      '结论：通过',
      '整改完成日期：',
      '',
      '研发签字：周强',
      '品管签字：＿＿＿＿＿＿＿＿',
    ])
    expect(form?.body.paragraphs()[0]).toMatchObject({ alignment: 'CENTER', bold: true })
    expect(form?.body.paragraphs().at(-1)).toMatchObject({ alignment: 'RIGHT' })
    expect(env.ui.alerts.at(-1)?.prompt).toContain('已生成封样评审表“封样件评审表-FY-005”')
    expect(env.spreadsheet.sheet(SEALS).snapshot()).toEqual(before)
  })

  it.each([
    ['a row of another sheet', TEMPLATES.parameters.name, 2, '请先打开“封样评审”工作表'],
    ['the header', SEALS, 1, '第 1 行是表头'],
    ['a row with a bad cell', SEALS, 3, '第 3 行 F 列“评审时间”'],
    ['a blank row', SEALS, 9, '第 9 行不是一条封样评审记录'],
  ])('refuses %s, making no document', async (_, sheet, row, message) => {
    const env = environment([REVIEW, { ...REVIEW, 申请编号: 'FY-006', 评审时间: '2026-03-02' }])
    env.spreadsheet.select(sheet, row)
    await generate(env)
    expect(documentsOf(env)).toEqual([])
    expect(env.ui.alerts.at(-1)?.prompt).toContain(message)
  })
})
