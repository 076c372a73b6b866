/**
 * 生成答复单 in the built Apps Script bundle (dist/Code.js) loaded as Apps Script loads it: a bare V8
 * context whose globals are the fakes of SpreadsheetApp, DocumentApp, DriveApp, LockService, Session.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TEMPLATES } from '../src/app/tabs'
import { bundleSource, loadGasBundle } from './support/gas-bundle'
import { letterEnvironment } from './support/gas-letter-environment'
import { expectedLetter, SECRETS } from './support/letter-fixtures'

/** 2025-09-30 10:00 in Asia/Shanghai. */
const NOW = new Date('2025-09-30T02:00:00Z')

let source: string
beforeAll(() => {
  source = bundleSource()
})

describe('生成答复单 in the bundle', () => {
  it('writes the letter of the selected visit row as a Google Doc and links it in the row', async () => {
    const env = letterEnvironment()
    env.spreadsheet.select(TEMPLATES.visits.name, 2, 1, 5, 1)
    const bundle = loadGasBundle(env, { source, now: NOW })
    await bundle.call('generateReplyLetter')

    const folder = [...env.drive.folders.values()].find((candidate) => candidate.name === '台账')
    const letters = folder ? env.drive.documentsIn(folder) : []
    expect(letters.map((letter) => letter.name)).toEqual(['客户意见答复单-ZF-2026-001'])
    const text = letters[0]?.body.texts().filter((line) => line !== '')
    expect(text).toEqual(expectedLetter('2025年9月30日').flatMap((line) => line.split('\n')))
    for (const secret of SECRETS) expect(text?.join('\n')).not.toContain(secret)

    const sheet = env.spreadsheet.sheet(TEMPLATES.visits.name)
    const column = (header: string): number => sheet.headerRow().indexOf(header) + 1
    expect(sheet.valueAt(2, column('答复单'))).toBe('客户意见答复单-ZF-2026-001')
    expect(sheet.linkAt(2, column('答复单'))).toBe(letters[0]?.getUrl())
    expect(sheet.formatAt(2, column('答复日期'))).toBe('yyyy-mm-dd')
    expect(env.spreadsheet.sheet('操作日志').snapshot().at(-1)?.[1]).toBe('生成答复单')
    expect(env.ui.alerts.map((alert) => alert.title)).toEqual(['生成答复单'])
    expect(env.ui.alerts[0]?.prompt).toContain('已生成答复单“客户意见答复单-ZF-2026-001”')
    expect(env.lockService.lock).toMatchObject({ held: false, acquired: 1, released: 1 })
  })

  it('asks for a visit row when the selection is elsewhere, touching no document', async () => {
    const env = letterEnvironment()
    env.spreadsheet.select(TEMPLATES.visitQuestions.name, 2)
    const bundle = loadGasBundle(env, { source, now: NOW })
    await bundle.call('generateReplyLetter')
    expect(env.ui.alerts[0]?.prompt).toContain('请先打开“客户走访记录”工作表')
    expect(env.drive.files.size).toBe(1)
    expect(env.lockService.lock.acquired).toBe(0)
  })
})
