/**
 * Visits, questions and customer archives for the reply-letter tests, as users type them, and the
 * text of a .docx read back paragraph by paragraph.
 */
import PizZip from 'pizzip'
import { type TabId, TEMPLATES } from '../../src/app/tabs'
import type { Cell } from '../../src/core/cells'
import type { TabTemplate } from '../../src/core/template'
import { d, type Row, tab } from './ledger-builder'
import { MemoryWorkbook } from './memory-workbook'

/** What customers typed that must print as typed: placeholders, a formula, markup. */
export const INJECTED_ANSWER =
  '请 {客户名称} 注意：{#问题列表}{序号}{/问题列表} 不是占位符；<b>&amp; 保持原样。'
export const FORMULA_QUESTION = '=HYPERLINK("http://example.com","点我")'

/** Confidential archive values (客户信息保密管理制度): none may reach a letter, a log line or stdout. */
export const SECRETS = [
  '张经理',
  '13812345678',
  'www.faw-vw.example',
  '长春市汽车经济技术开发区',
  '良好',
  '年产 60 万辆',
]

export const CUSTOMERS: readonly Row[] = [
  {
    客户编号: 'KH-001',
    客户名称: '一汽大众汽车有限公司',
    客户类别: '业务客户',
    重要客户: '是',
    联系人: '张经理',
    电话: '13812345678',
    网址: 'www.faw-vw.example',
    地址: '长春市汽车经济技术开发区',
    资质资料: '齐全',
    信用状况: '良好',
    生产规模与工艺: '年产 60 万辆',
    状态: '合作中',
  },
  {
    客户编号: 'KH-003',
    客户名称: '长城汽车股份有限公司',
    联系人: '张经理',
    电话: '13812345678',
    状态: '合作中',
  },
]

export const VISITS: readonly Row[] = [
  // Answered, questions entered out of order (序号 2, 3, 1).
  {
    走访编号: 'ZF-2026-001',
    客户编号: 'KH-001',
    客户名称: '一汽大众汽车有限公司',
    走访日期: d('2025-09-26'),
    走访方式: '走访',
    走访人: '王强',
  },
  // One question not answered yet.
  {
    走访编号: 'ZF-2026-002',
    客户编号: 'KH-002',
    客户名称: '上汽通用汽车有限公司',
    走访日期: d('2026-02-26'),
  },
  // No 客户名称 on the visit: the archive's name by 客户编号.
  { 走访编号: 'ZF-2026-003', 客户编号: 'KH-003', 走访日期: d('2026-03-02'), 走访方式: '电话' },
  // No questions at all.
  { 走访编号: 'ZF-2026-004', 客户名称: '比亚迪汽车工业有限公司', 走访日期: d('2026-03-02') },
]

export const QUESTIONS: readonly Row[] = [
  {
    走访编号: 'ZF-2026-001',
    序号: 2,
    问题: '包装箱在运输中有破损，请改进。',
    答复: '已改用加厚瓦楞纸箱并加装护角。\n下批次起执行。',
    答复人: '质量部',
  },
  {
    走访编号: 'ZF-2026-002',
    序号: 1,
    问题: '能否提供年度质量报告？',
    答复: '每年一月寄送。',
    答复人: '质量部',
  },
  { 走访编号: 'ZF-2026-001', 序号: 3, 问题: FORMULA_QUESTION, 答复: INJECTED_ANSWER, 答复人: '销售部' },
  { 走访编号: 'ZF-2026-002', 序号: 2, 问题: '价格能否下调 3%？', 答复: '   ', 答复人: '' },
  {
    走访编号: 'ZF-2026-001',
    序号: 1,
    问题: '送样周期偏长，能否缩短？',
    答复: '自 10 月起送样周期由 15 天缩短至 7 天。',
    答复人: '技术部',
  },
  {
    走访编号: 'ZF-2026-003',
    序号: 1,
    问题: '希望增加电话回访频次。',
    答复: '今后每季度电话回访一次。',
    答复人: '销售部',
  },
]

/** The letter of ZF-2026-001 in order, as a reader sees it (the blank 落款 line left out). */
export function expectedLetter(letterDate: string, title = '客户意见答复单'): string[] {
  return [
    title,
    '尊敬的一汽大众汽车有限公司：',
    '为提高服务质量和水平，我公司于2025年9月26日进行了客户走访，得到了您的热情相助，感谢您对我们工作的支持和配合，对您提出的问题和建议我们进行了认真的商议，现将意见汇总并答复如下：',
    '问题1：送样周期偏长，能否缩短？',
    '答复：自 10 月起送样周期由 15 天缩短至 7 天。',
    '问题2：包装箱在运输中有破损，请改进。',
    '答复：已改用加厚瓦楞纸箱并加装护角。\n下批次起执行。',
    `问题3：${FORMULA_QUESTION}`,
    `答复：${INJECTED_ANSWER}`,
    '“有帮助才会有提高，有鞭策才会有进步”，衷心希望大家在今后的工作中继续提出宝贵意见和建议。',
    '谢谢！',
    letterDate,
  ]
}

/** Rows in template column order, for runInit's seed rows. */
export function seedRows(template: TabTemplate, rows: readonly Row[]): Cell[][] {
  return rows.map((row) => template.columns.map((column) => row[column.header] ?? null))
}

export function letterSeedRows(
  visits: readonly Row[] = VISITS,
  questions: readonly Row[] = QUESTIONS,
): Partial<Record<TabId, Cell[][]>> {
  return {
    visits: seedRows(TEMPLATES.visits, visits),
    visitQuestions: seedRows(TEMPLATES.visitQuestions, questions),
    customers: seedRows(TEMPLATES.customers, CUSTOMERS),
  }
}

export function letterWorkbook(
  visits: readonly Row[] = VISITS,
  questions: readonly Row[] = QUESTIONS,
  extra: Record<string, Cell[][]> = {},
): MemoryWorkbook {
  return new MemoryWorkbook({
    [TEMPLATES.visits.name]: tab(TEMPLATES.visits, visits),
    [TEMPLATES.visitQuestions.name]: tab(TEMPLATES.visitQuestions, questions),
    [TEMPLATES.customers.name]: tab(TEMPLATES.customers, CUSTOMERS),
    ...extra,
  })
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The paragraphs of word/document.xml as text: runs joined, <w:br/> as \n, <w:tab/> as \t. */
export function docxParagraphs(bytes: Uint8Array): string[] {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? ''
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? []
  return paragraphs.map((paragraph) =>
    [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)]
      .map((match) =>
        match[0] === '<w:br/>' ? '\n' : match[0] === '<w:tab/>' ? '\t' : decodeXml(match[1] ?? ''),
      )
      .join(''),
  )
}
