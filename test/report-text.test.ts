/** What `taizhang check` prints for people: each code with its label, the row and the due date once. */
import { expect, it } from 'vitest'
import type { CheckReport } from '../src/app/types'
import { checkText } from '../src/cli/report-text'
import type { IsoDate } from '../src/core/dates'
import type { Finding } from '../src/core/findings'

function report(findings: Finding[]): CheckReport {
  const today = '2026-12-02' as IsoDate
  return {
    today,
    findings,
    records: {},
    summary: '摘要',
    progress: { today, done: [], records: {}, findings: [] },
    pending: [],
  }
}

const BAD_CELL: Finding = {
  sheet: '样件台账',
  row: 26,
  key: 'YJ-025',
  code: 'DATA_INVALID',
  severity: 'error',
  message: '第 26 行 H 列“确认日期”的值“2026-13-01”不是有效日期',
  due: null,
}
const EXPIRED: Finding = {
  sheet: '样件台账',
  row: 9,
  key: 'YJ-008',
  code: 'SAMPLE_EXPIRED',
  severity: 'error',
  message: '样件“卡扣”已于 2026-11-02 过期',
  due: '2026-11-02' as IsoDate,
}
const DUE_ELSEWHERE: Finding = {
  ...EXPIRED,
  row: 10,
  message: '样件“卡扣”已过期',
  due: '2026-11-03' as IsoDate,
}

it('says the row once, and the due date once', () => {
  const text = checkText(report([BAD_CELL, EXPIRED, DUE_ELSEWHERE]), 'x.xlsx', true)
  expect(text).toContain('[错误] 样件台账 第 26 行 YJ-025：H 列“确认日期”的值')
  expect(text).not.toMatch(/第 26 行.*第 26 行/)
  expect(text).toContain('样件“卡扣”已于 2026-11-02 过期\n')
  expect(text).toContain('样件“卡扣”已过期（期限 2026-11-03）')
})

it('gives each code its label in the counts', () => {
  const text = checkText(report([BAD_CELL, EXPIRED, DUE_ELSEWHERE]), 'x.xlsx', true)
  expect(text).toMatch(/错误 {2}SAMPLE_EXPIRED +已过期 +2/)
  expect(text).toMatch(/错误 {2}DATA_INVALID +数据有误 +1/)
})

it('lists a finding on one line, a line break or a terminal escape in its 编号 or 说明 shown escaped', () => {
  const hostile: Finding = {
    ...EXPIRED,
    key: 'YJ-1\r\n共 0 条',
    message: '样件“\u001b[31m红\u001b[0m\n未发现需要处理的事项。\u202e”已于 2026-11-02 过期',
  }
  const lines = checkText(report([hostile]), '台账.xlsx', false).split('\n')
  const line = lines.find((text) => text.includes('YJ-1')) ?? ''
  expect(line).toBe(
    '  [错误] 样件台账 第 9 行 YJ-1\\r\\n共 0 条：样件“\\u001b[31m红\\u001b[0m\\n未发现需要处理的事项。\\u202e”已于 2026-11-02 过期',
  )
  expect(lines).not.toContain('未发现需要处理的事项。”已于 2026-11-02 过期')
})
