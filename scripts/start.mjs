#!/usr/bin/env node
// npm start: the main job on the embedded default. Makes demo/台账示例.xlsx afresh (its dates are
// relative to today, so every kind of finding shows whenever it runs), checks it as of today and
// writes the reply letter of the demo's answered visit next to it.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const book = join(root, 'demo', '台账示例.xlsx')
const cli = join(root, 'bin', 'taizhang.mjs')
// DEMO_LETTER_VISIT of src/ledgers/visits/demo.ts: every question answered, no letter sent yet.
const letterVisit = 'ZF-2026-001'

/** The last half-year over before today in Asia/Shanghai (src/core/periods.ts lastCompletedPeriod). */
function lastCompletedPeriod(now) {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number)
  return month >= 7 ? `${year}H1` : `${year - 1}H2`
}

function taizhang(...args) {
  const { status } = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' })
  if (status !== 0) process.exit(status ?? 1)
}

mkdirSync(dirname(book), { recursive: true })
rmSync(book, { force: true })
// The letters and seal forms of an earlier run, made from the old workbook's records: `letter` and
// `seal-form` never overwrite one, so the README's `seal-form --review FY-005` would refuse to run.
for (const name of readdirSync(dirname(book))) {
  if (name.startsWith(`客户意见答复单-${letterVisit}`) || /^封样件评审表-.*\.docx$/.test(name))
    rmSync(join(dirname(book), name), { force: true })
}
taizhang('init', book, '--demo')
// The half-year the check evaluates, written into 半年评估 first: the METRIC_* findings of the check
// then sit on its row, beside the figures and customer ids behind them.
taizhang('report', book, '--period', lastCompletedPeriod(new Date()))
console.log('')
taizhang('check', book)
console.log('')
taizhang('letter', book, '--visit', letterVisit)
console.log(
  `\n示例工作簿：${relative(process.cwd(), book)}（可用 Excel / WPS 打开查看“提醒汇总”和各台账的提醒列）`,
)
