/**
 * The reply letter (重要客户管理规定 3.5, 附录4 客户意见答复单): the pure model both hosts render, the
 * refusals, what is recorded in the visit's row and 操作日志, and the text parameters it reads.
 */
import { describe, expect, it, test } from 'vitest'
import {
  LetterRefusedError,
  prepareReplyLetter,
  recordReplyLetter,
  UnknownVisitError,
} from '../../../src/app/reply-letter'
import { TEMPLATES } from '../../../src/app/tabs'
import type { IsoDate } from '../../../src/core/dates'
import { driveIdOf, resolveTextParameters } from '../../../src/core/parameters'
import { readTable } from '../../../src/core/table'
import { TEXT_PARAMETER_DEFINITIONS } from '../../../src/ledgers'
import {
  buildReplyLetter,
  fillPlaceholders,
  LETTER_LAYOUT,
  LETTER_NAME_MAX_BYTES,
  letterFileName,
  letterFileNameNote,
  letterParagraphs,
  letterText,
  revisionOf,
  unknownPlaceholders,
} from '../../../src/ledgers/visits/reply-letter'
import { d, tab } from '../../support/ledger-builder'
import {
  expectedLetter,
  INJECTED_ANSWER,
  letterWorkbook,
  QUESTIONS,
  SECRETS,
  VISITS,
} from '../../support/letter-fixtures'

const TODAY = '2025-09-30' as IsoDate
const NOW = new Date('2025-09-30T02:00:00Z')

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof LetterRefusedError) return error.message
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the letter model follows the seed template 附录4', () => {
  const letter = buildReplyLetter({
    visitId: 'ZF-2026-001',
    customerName: '一汽大众汽车有限公司',
    visitDate: '2025-09-26' as IsoDate,
    letterDate: '2025-10-09' as IsoDate,
    revision: 1,
    signature: '',
    questions: [
      { question: '送样周期偏长，能否缩短？', answer: '自 10 月起缩短至 7 天。' },
      { question: '包装有破损。', answer: '已改用加厚纸箱。' },
    ],
  })

  it('fills the blanks: addressee, the visit date in Chinese, numbered questions, closing, date', () => {
    expect(letterParagraphs(letter)).toEqual([
      '客户意见答复单',
      '尊敬的一汽大众汽车有限公司：',
      '为提高服务质量和水平，我公司于2025年9月26日进行了客户走访，得到了您的热情相助，感谢您对我们工作的支持和配合，对您提出的问题和建议我们进行了认真的商议，现将意见汇总并答复如下：',
      '问题1：送样周期偏长，能否缩短？',
      '答复：自 10 月起缩短至 7 天。',
      '问题2：包装有破损。',
      '答复：已改用加厚纸箱。',
      '“有帮助才会有提高，有鞭策才会有进步”，衷心希望大家在今后的工作中继续提出宝贵意见和建议。',
      '谢谢！',
      '2025年10月9日',
    ])
  })

  it('keeps the template note on the 5 working days out of the letter (it instructs the company)', () => {
    expect(letterParagraphs(letter).join('\n')).not.toContain('工作日')
  })

  it.each([1, 2, 12])(
    'revision %i is titled 客户意见答复单: the version is not the customer’s business',
    (revision) => {
      const built = buildReplyLetter({ ...inputOf(letter), revision })
      expect(built.title).toBe('客户意见答复单')
      expect(letterParagraphs(built).join('\n')).not.toContain('版')
    },
  )

  it('adds the 答复单落款 line above the date when the parameter is set', () => {
    const signed = buildReplyLetter({ ...inputOf(letter), signature: 'XX汽车配件有限公司' })
    expect(letterParagraphs(signed).slice(-2)).toEqual(['XX汽车配件有限公司', '2025年10月9日'])
  })

  it('rejects a revision that is not a positive integer (a bug, not user data)', () => {
    expect(() => buildReplyLetter({ ...inputOf(letter), revision: 0 })).toThrow(RangeError)
  })
})

function inputOf(letter: ReturnType<typeof buildReplyLetter>) {
  return {
    visitId: letter.visitId,
    customerName: letter.fields.客户名称,
    visitDate: '2025-09-26' as IsoDate,
    letterDate: letter.letterDate,
    revision: letter.revision,
    signature: letter.signature,
    questions: letter.questions.map(({ question, answer }) => ({ question, answer })),
  }
}

describe('placeholders are filled in one pass', () => {
  test.each([
    ['尊敬的{客户名称}：', { 客户名称: '甲公司' }, '尊敬的甲公司：'],
    ['{客户名称}{客户名称}', { 客户名称: 'A' }, 'AA'],
    // A value that looks like a placeholder is printed as typed, never expanded.
    ['答复：{答复}', { 答复: '请见 {客户名称}', 客户名称: '甲公司' }, '答复：请见 {客户名称}'],
    ['答复：{答复}', { 答复: '$& $1 \\ {#问题列表}' }, '答复：$& $1 \\ {#问题列表}'],
    // Unknown names and block markers stay for the caller to report.
    ['{联系人} {#问题列表}', { 客户名称: 'x' }, '{联系人} {#问题列表}'],
    ['{ 客户名称 }', { 客户名称: 'x' }, '{ 客户名称 }'],
  ])('%s with %j gives %s', (template, values, expected) => {
    expect(fillPlaceholders(template, values)).toBe(expected)
  })

  it('names the placeholders a template uses that the letter does not fill', () => {
    expect(unknownPlaceholders('致{客户名称}（{联系人}，{电话}）{#问题列表}', new Set(['客户名称']))).toEqual(
      ['{联系人}', '{电话}'],
    )
  })

  it('the layout uses no placeholder the letter cannot fill', () => {
    const all = [
      LETTER_LAYOUT.title,
      LETTER_LAYOUT.salutation,
      LETTER_LAYOUT.opening,
      ...LETTER_LAYOUT.question,
      ...LETTER_LAYOUT.closing,
      LETTER_LAYOUT.signature,
      LETTER_LAYOUT.date,
    ].join('')
    expect(
      unknownPlaceholders(
        all,
        new Set(['标题', '客户名称', '走访日期', '答复日期', '落款', '序号', '问题', '答复']),
      ),
    ).toEqual([])
  })
})

describe('cell text as a letter prints it', () => {
  test.each([
    ['a\r\nb\rc', 'a\nb\nc'],
    ['tab\there', 'tab\there'],
    ['bell\u0007 and vertical tab\u000b gone', 'bell and vertical tab gone'],
    ['=HYPERLINK("x")', '=HYPERLINK("x")'],
  ])('%j → %j', (input, output) => {
    expect(letterText(input)).toBe(output)
  })
})

describe('file names', () => {
  test.each([
    ['ZF-2026-001', 1, '客户意见答复单-ZF-2026-001'],
    ['ZF-2026-001', 2, '客户意见答复单-ZF-2026-001-第2版'],
    // Changed ids keep a hash of the whole id, so that no two visits share a file.
    ['ZF/2026\\001', 1, '客户意见答复单-ZF_2026_001-4cb86e27'],
    ['ZF/2026\\001', 2, '客户意见答复单-ZF_2026_001-4cb86e27-第2版'],
    ['a:b*c?"d"<e>|f', 1, '客户意见答复单-a_b_c__d__e__f-14e1ebc9'],
    ['../../etc/passwd', 1, '客户意见答复单-_.._etc_passwd-6fadc99a'],
    ['  ..  ', 1, '客户意见答复单-未命名走访-1873175d'],
    ['x'.repeat(100), 1, `客户意见答复单-${'x'.repeat(60)}-ac246ad5`],
    ['a/b', 1, '客户意见答复单-a_b-3a8e75c1'],
    ['a_b', 1, '客户意见答复单-a_b'],
  ])('visit %j revision %i → %s', (visitId, revision, name) => {
    expect(letterFileName(visitId, revision)).toBe(name)
  })

  it('keeps ids apart that would share a name once sanitised or cut', () => {
    const shared = 'Z'.repeat(60)
    const ids = ['a/b', 'a_b', 'a\\b', `${shared}1`, `${shared}2`, shared]
    const names = ids.map((id) => letterFileName(id, 1))
    expect(new Set(names).size).toBe(ids.length)
    expect(letterFileNameNote('a_b')).toBeUndefined()
    expect(letterFileNameNote('a/b')).toContain('3a8e75c1')
  })

  it.each([
    ['60 emoji', '😀'.repeat(60)],
    ['60 CJK characters', '走'.repeat(60)],
    ['long and sanitised', `${'/😀'.repeat(30)}`],
  ])('keeps the whole file name of %s within 200 bytes of UTF-8, revisions included', (_, visitId) => {
    for (const revision of [1, 2, 999]) {
      const name = `${letterFileName(visitId, revision)}.docx`
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(LETTER_NAME_MAX_BYTES)
      expect(name).toMatch(/-[0-9a-f]{8}(-第\d+版)?\.docx$/)
    }
    expect(letterFileNameNote(visitId)).toContain('200 字节')
  })

  test.each([
    ['客户意见答复单-ZF-2026-001.docx', 1],
    ['答复单/客户意见答复单-ZF-2026-001-第2版.docx', 2],
    ['客户意见答复单-ZF-2026-001-第13版', 13],
    ['已邮寄纸质答复', 1],
  ])('%s is revision %i', (recorded, revision) => {
    expect(revisionOf(recorded)).toBe(revision)
  })
})

describe('preparing a visit', () => {
  it('orders the questions by 序号 and addresses the visit’s customer', () => {
    const prepared = prepareReplyLetter(letterWorkbook(), { id: 'ZF-2026-001' }, { today: TODAY })
    expect(letterParagraphs(prepared.letter)).toEqual(expectedLetter('2025年9月30日'))
    expect(prepared).toMatchObject({
      fileName: '客户意见答复单-ZF-2026-001',
      visit: { id: 'ZF-2026-001', row: 2, previousLetter: '', replyDate: undefined },
      lateNotice: undefined,
    })
  })

  it('finds the visit by its row too (the row selected in Google Sheets)', () => {
    const prepared = prepareReplyLetter(letterWorkbook(), { row: 2 }, { today: TODAY })
    expect(prepared.visit.id).toBe('ZF-2026-001')
  })

  it('takes the name from 客户档案 when the visit has none — the name and nothing else', () => {
    const prepared = prepareReplyLetter(
      letterWorkbook(),
      { id: 'ZF-2026-003' },
      { today: '2026-03-05' as IsoDate },
    )
    const text = letterParagraphs(prepared.letter).join('\n')
    expect(prepared.letter.salutation).toBe('尊敬的长城汽车股份有限公司：')
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  })

  it('never copies a confidential archive field into the letter', () => {
    const text = letterParagraphs(
      prepareReplyLetter(letterWorkbook(), { id: 'ZF-2026-001' }, { today: TODAY }).letter,
    )
    for (const secret of SECRETS) expect(text.join('\n')).not.toContain(secret)
  })

  it('says when the letter goes out after 答复期限 (5 working days, National Day 2025 counted)', () => {
    // 2025-09-26 (Fri): 9-28 (Sun, 调休) 9-29 9-30 10-09 10-10 → deadline 2025-10-10.
    const onTime = prepareReplyLetter(
      letterWorkbook(),
      { id: 'ZF-2026-001' },
      { today: '2025-10-10' as IsoDate },
    )
    const late = prepareReplyLetter(
      letterWorkbook(),
      { id: 'ZF-2026-001' },
      { today: '2025-10-11' as IsoDate },
    )
    expect(onTime.lateNotice).toBeUndefined()
    expect(late.lateNotice).toContain('答复期限是 2025-10-10')
  })

  it('counts the revision from the recorded 答复单', () => {
    const visits = VISITS.map((visit) =>
      visit.走访编号 === 'ZF-2026-001'
        ? { ...visit, 答复单: '客户意见答复单-ZF-2026-001-第2版.docx', 答复日期: d('2025-09-29') }
        : visit,
    )
    const prepared = prepareReplyLetter(letterWorkbook(visits), { id: 'ZF-2026-001' }, { today: TODAY })
    expect(prepared.letter.revision).toBe(3)
    expect(prepared.fileName).toBe('客户意见答复单-ZF-2026-001-第3版')
    expect(prepared.letter.revision).toBe(3)
    expect(prepared.letter.title).toBe('客户意见答复单')
    expect(prepared.visit).toMatchObject({
      previousLetter: '客户意见答复单-ZF-2026-001-第2版.docx',
      replyDate: '2025-09-29',
    })
  })
})

describe('refusals name what to fix', () => {
  it('an unanswered question: 序号, row and text', () => {
    const message = refusal(() =>
      prepareReplyLetter(letterWorkbook(), { id: 'ZF-2026-002' }, { today: '2026-03-05' as IsoDate }),
    )
    expect(message).toContain('走访 ZF-2026-002 还有 1 个问题没有答复')
    expect(message).toContain('“意见与答复”第 5 行，序号 2：价格能否下调 3%？')
  })

  it('an unknown visit id, listing the known ones', () => {
    let error: unknown
    try {
      prepareReplyLetter(letterWorkbook(), { id: 'ZF-9999' }, { today: TODAY })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UnknownVisitError)
    expect((error as Error).message).toContain('没有走访编号为“ZF-9999”的记录')
    expect((error as Error).message).toContain('ZF-2026-001、ZF-2026-002、ZF-2026-003、ZF-2026-004')
  })

  it.each([
    ['a visit without questions', { id: 'ZF-2026-004' }, '还没有记录客户的问题'],
    ['a selected row without a visit', { row: 9 }, '第 9 行没有走访记录'],
    ['the header row', { row: 1 }, '第 1 行没有走访记录'],
  ])('%s', (_, selector, expected) => {
    expect(
      refusal(() => prepareReplyLetter(letterWorkbook(), selector, { today: '2026-03-05' as IsoDate })),
    ).toContain(expected)
  })

  it('a letter dated before the visit', () => {
    expect(
      refusal(() =>
        prepareReplyLetter(letterWorkbook(), { id: 'ZF-2026-001' }, { today: '2025-09-25' as IsoDate }),
      ),
    ).toContain('早于走访 ZF-2026-001 的走访日期 2025-09-26')
  })

  it('a visit without a customer name or a known 客户编号', () => {
    const visits = [{ 走访编号: 'ZF-X', 客户编号: 'KH-404', 走访日期: d('2025-09-26') }]
    const questions = [{ 走访编号: 'ZF-X', 序号: 1, 问题: '问', 答复: '答' }]
    expect(
      refusal(() => prepareReplyLetter(letterWorkbook(visits, questions), { id: 'ZF-X' }, { today: TODAY })),
    ).toContain('没有客户名称，答复单不知寄给谁')
  })

  it('bad cells in the visit or its questions, quoting the DATA_INVALID finding', () => {
    const visits = [{ ...VISITS[0], 走访日期: '2025-13-45' }]
    const questions = QUESTIONS.map((question) =>
      question.序号 === 2 && question.走访编号 === 'ZF-2026-001' ? { ...question, 序号: '二' } : question,
    )
    const message = refusal(() =>
      prepareReplyLetter(letterWorkbook(visits, questions), { id: 'ZF-2026-001' }, { today: TODAY }),
    )
    expect(message).toContain('走访 ZF-2026-001 的记录有误')
    expect(message).toContain('第 2 行 D 列“走访日期”的值“2025-13-45”')
    expect(message).toContain('第 2 行 B 列“序号”的值“二”')
  })

  it('a visit id used twice, naming both rows', () => {
    const visits = [...VISITS, { ...VISITS[0], 客户名称: '另一家' }]
    expect(
      refusal(() => prepareReplyLetter(letterWorkbook(visits), { id: 'ZF-2026-001' }, { today: TODAY })),
    ).toBe('走访编号“ZF-2026-001”在“客户走访记录”中出现了 2 次（第 2、6 行），请先改为不同的编号')
  })

  it('a tab without the 答复日期 or 答复单 header is unusable', () => {
    const header = TEMPLATES.visits.columns.map((column) => column.header).filter((name) => name !== '答复单')
    const workbook = letterWorkbook(VISITS, QUESTIONS, {
      [TEMPLATES.visits.name]: tab(TEMPLATES.visits, VISITS, header),
    })
    expect(() => prepareReplyLetter(workbook, { id: 'ZF-2026-001' }, { today: TODAY })).toThrow(
      '缺少列 “答复单”',
    )
  })
})

describe('recording the letter', () => {
  it('writes 答复单 and 答复日期 in the visit row only, and one 操作日志 line without secrets', () => {
    const workbook = letterWorkbook()
    const before = structuredClone(Object.fromEntries(workbook.tabs))
    const prepared = prepareReplyLetter(workbook, { id: 'ZF-2026-001' }, { today: TODAY })
    const recorded = recordReplyLetter(
      workbook,
      prepared,
      { text: '客户意见答复单-ZF-2026-001.docx', link: '客户意见答复单-ZF-2026-001.docx' },
      { actor: 'clerk', now: NOW },
    )
    expect(recorded.replyDateWritten).toBe(true)
    expect(workbook.cell('客户走访记录', 2, '答复单')).toBe('客户意见答复单-ZF-2026-001.docx')
    expect(workbook.cell('客户走访记录', 2, '答复日期')).toEqual({ date: '2025-09-30' })
    // Everything else is as it was.
    const after = Object.fromEntries(workbook.tabs)
    const visits = after.客户走访记录 ?? []
    const header = visits[0] ?? []
    const changed = visits.flatMap((row, r) =>
      row.flatMap((cell, c) =>
        JSON.stringify(cell) === JSON.stringify(before.客户走访记录?.[r]?.[c] ?? null)
          ? []
          : [`${r + 1}:${String(header[c])}`],
      ),
    )
    expect(changed.sort()).toEqual(['2:答复单', '2:答复日期'])
    for (const name of ['意见与答复', '客户档案']) expect(after[name]).toEqual(before[name])
    expect(workbook.writes).toEqual(['cells:客户走访记录', 'append:操作日志'])
    const log = after.操作日志 ?? []
    expect(log).toHaveLength(2)
    expect(log[1]).toEqual([
      '2025-09-30 10:00:00',
      '生成答复单',
      'clerk',
      '走访 ZF-2026-001：客户意见答复单-ZF-2026-001.docx（3 个问题）；答复日期记为 2025-09-30',
    ])
    for (const secret of SECRETS) expect(JSON.stringify(log)).not.toContain(secret)
  })

  it('a revision keeps the first 答复日期 and says which letter it replaces', () => {
    const visits = VISITS.map((visit) =>
      visit.走访编号 === 'ZF-2026-001'
        ? { ...visit, 答复单: '客户意见答复单-ZF-2026-001.docx', 答复日期: d('2025-09-29') }
        : visit,
    )
    const workbook = letterWorkbook(visits)
    const prepared = prepareReplyLetter(workbook, { id: 'ZF-2026-001' }, { today: '2025-10-09' as IsoDate })
    const recorded = recordReplyLetter(
      workbook,
      prepared,
      { text: '客户意见答复单-ZF-2026-001-第2版.docx', link: '客户意见答复单-ZF-2026-001-第2版.docx' },
      { actor: 'clerk', now: NOW },
    )
    expect(recorded.replyDateWritten).toBe(false)
    expect(workbook.cell('客户走访记录', 2, '答复日期')).toEqual({ date: '2025-09-29' })
    expect(workbook.cell('客户走访记录', 2, '答复单')).toBe('客户意见答复单-ZF-2026-001-第2版.docx')
    expect(recorded.summary).toBe(
      '走访 ZF-2026-001：客户意见答复单-ZF-2026-001-第2版.docx（3 个问题）；第 2 版，替代“客户意见答复单-ZF-2026-001.docx”（原答复单保留未动）；答复日期保留原值 2025-09-29（首次答复的日期）',
    )
  })

  it('prints an injected placeholder in the answer as typed', () => {
    const prepared = prepareReplyLetter(letterWorkbook(), { id: 'ZF-2026-001' }, { today: TODAY })
    expect(prepared.letter.questions[2]?.lines[1]).toBe(`答复：${INJECTED_ANSWER}`)
  })
})

describe('text parameters (参数)', () => {
  const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'

  test.each([
    [ID, ID],
    [`  ${ID}  `, ID],
    [`https://docs.google.com/document/d/${ID}/edit?usp=sharing`, ID],
    [`https://drive.google.com/drive/folders/${ID}`, ID],
    [`https://drive.google.com/open?id=${ID}`, ID],
    ['https://docs.google.com/document/d/short/edit', undefined],
    ['模板', undefined],
  ])('%s → %s', (text, id) => {
    expect(driveIdOf(text)).toBe(id)
  })

  function resolveTexts(rows: (string | null)[][]) {
    const read = readTable(TEMPLATES.parameters, {
      name: '参数',
      header: ['参数', '值', '说明'],
      rows: rows.map((row) => [...row, null]),
    })
    return resolveTextParameters(TEXT_PARAMETER_DEFINITIONS, '参数', read)
  }

  it('reads the signature, the template and the folder; blank ones are absent', () => {
    expect(
      resolveTexts([
        ['答复单落款', ' XX汽车配件有限公司 '],
        ['答复单模板文档', `https://docs.google.com/document/d/${ID}/edit`],
        ['答复单文件夹', null],
      ]),
    ).toEqual({
      values: { 'replyLetter.signature': 'XX汽车配件有限公司', 'replyLetter.templateDocId': ID },
      findings: [],
      // The row each value was taken from, where a ledger checking it further reports it.
      rows: { 'replyLetter.signature': 2, 'replyLetter.templateDocId': 3 },
    })
  })

  it('a value that is no Drive link is a DATA_INVALID finding and stays out of force', () => {
    const resolved = resolveTexts([['答复单文件夹', '共享盘/答复单']])
    expect(resolved.values).toEqual({})
    expect(resolved.rows).toEqual({})
    expect(resolved.findings).toMatchObject([
      { sheet: '参数', row: 2, code: 'DATA_INVALID', key: '答复单文件夹' },
    ])
    expect(resolved.findings[0]?.message).toContain(
      '第 2 行 B 列“值”的值“共享盘/答复单”不是 Google 云端硬盘的 ID 或链接',
    )
  })

  it('a signature longer than 60 characters is refused', () => {
    expect(resolveTexts([['答复单落款', '公'.repeat(61)]]).findings[0]?.message).toContain('太长')
  })

  it('are not reported as unknown numeric parameters by the check', async () => {
    const { runCheck } = await import('../../../src/app/check')
    const workbook = letterWorkbook(VISITS, QUESTIONS, {
      参数: [
        ['参数', '值', '说明'],
        ['答复单落款', 'XX汽车配件有限公司', null],
        ['答复单模板文档', null, null],
      ],
    })
    const report = await runCheck(workbook, { today: TODAY, actor: 'clerk', dryRun: true })
    expect(report.findings.filter((finding) => finding.sheet === '参数')).toEqual([])
  })
})
