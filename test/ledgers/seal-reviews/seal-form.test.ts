/** The 《封样件评审表》 model: every field of the review, the evidence list, two signature lines. */
import { describe, expect, it } from 'vitest'
import { TEMPLATES } from '../../../src/app/tabs'
import { readTable } from '../../../src/core/table'
import { readSealReviews } from '../../../src/ledgers/seal-reviews/reviews'
import {
  buildSealForm,
  SEAL_FORM_FIELDS,
  sealFormFileName,
  sealFormParagraphs,
} from '../../../src/ledgers/seal-reviews/seal-form'
import { d, type Row, tab } from '../../support/ledger-builder'

function formOf(fields: Row) {
  const [header = [], ...rows] = tab(TEMPLATES.sealReviews, [{ 申请编号: 'FY-1', ...fields }])
  const [review] = readSealReviews(
    readTable(TEMPLATES.sealReviews, { name: '封样评审', header, rows }),
  ).reviews
  if (!review) throw new Error('no review')
  return buildSealForm(review)
}

describe('buildSealForm', () => {
  it('fills every placeholder', () => {
    const form = formOf({ 评审时间: '2026-03-05 14:30' })
    expect(Object.keys(form.fields).sort()).toEqual(Object.keys(SEAL_FORM_FIELDS).sort())
  })

  it.each([
    [{ 需试装: '否' }, '试装：不需试装'],
    [{ 需试装: '是' }, '试装：需试装，尚未完成'],
    [{ 需试装: '是', 试装完成时间: '2026-03-05 16:00' }, '试装：需试装，于 2026年3月5日 16:00 完成'],
    [{ 结论: null }, '结论：未定'],
    [{ 结论: '整改', 整改完成日期: d('2026-03-20') }, '整改完成日期：2026年3月20日'],
    [{ 性能实验报告: '不适用' }, '2. 性能实验报告：不适用'],
    [{ 品管签字: '孙丽' }, '品管签字：孙丽'],
    [{}, '品管签字：＿＿＿＿＿＿＿＿'],
  ])('%j reads “%s”', (fields, paragraph) => {
    expect(sealFormParagraphs(formOf({ 评审时间: '2026-03-05 14:30', ...fields }))).toContain(paragraph)
  })

  it('names its file after the review, safely', () => {
    expect(sealFormFileName('FY-001')).toBe('封样件评审表-FY-001')
    expect(sealFormFileName('FY:1')).toMatch(/^封样件评审表-FY_1-[0-9a-f]{8}$/)
  })
})
