#!/usr/bin/env node
// npm start: the main job on the embedded default. Makes demo/台账示例.xlsx afresh (its dates are
// relative to today, so every kind of finding shows whenever it runs) and checks it as of today.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const book = join(root, 'demo', '台账示例.xlsx')
const cli = join(root, 'bin', 'taizhang.mjs')

function taizhang(...args) {
  const { status } = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' })
  if (status !== 0) process.exit(status ?? 1)
}

mkdirSync(dirname(book), { recursive: true })
rmSync(book, { force: true })
taizhang('init', book, '--demo')
taizhang('check', book)
console.log(
  `\n示例工作簿：${relative(process.cwd(), book)}（可用 Excel / WPS 打开查看“提醒汇总”和各台账的提醒列）`,
)
