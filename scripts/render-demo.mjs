#!/usr/bin/env node
/**
 * Prints the demo workbook the way an office prints it, to see (and count) what comes out: makes the
 * demo, checks it on a given day, converts it to PDF with LibreOffice, and writes PNGs of the chosen
 * tabs' pages into a folder. The page count, in all and per tab, goes to stdout.
 *
 *   node scripts/render-demo.mjs --out docs/render --today 2026-12-02 --tabs 样件台账,提醒汇总
 *
 * Options: --out DIR (required), --today YYYY-MM-DD (default 2026-12-02), --tabs A,B (default
 * 样件台账,提醒汇总), --pages N pages per tab at most (default 2), --dpi N (default 60).
 * The folder gets demo.xlsx, demo.pdf and <tab>-<n>.png (n counts the tab's own pages from 1).
 *
 * Needs LibreOffice Calc, poppler-utils and the Noto CJK fonts (apt-get install -y libreoffice-calc
 * poppler-utils fonts-noto-cjk). 等线, the workbook's font, is mapped to Noto Sans CJK SC for the
 * rendering only. Pages are told apart by their footer (the tab's name, which the tool puts there).
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CLI = path.join(ROOT, 'bin', 'taizhang.mjs')

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    today: { type: 'string', default: '2026-12-02' },
    tabs: { type: 'string', default: '样件台账,提醒汇总' },
    pages: { type: 'string', default: '2' },
    dpi: { type: 'string', default: '60' },
  },
})
if (!args.out || !/^\d{4}-\d{2}-\d{2}$/.test(args.today ?? '')) {
  console.error(
    '用法：node scripts/render-demo.mjs --out <文件夹> [--today 2026-12-02] [--tabs 样件台账,提醒汇总] [--pages 2] [--dpi 60]',
  )
  process.exit(2)
}
const out = path.resolve(args.out)
const tabs = (args.tabs ?? '')
  .split(/[,，]/)
  .map((tab) => tab.trim())
  .filter(Boolean)
const pagesPerTab = Number(args.pages)
const dpi = Number(args.dpi)

/** Runs a command; stops the script with its output when it fails. */
function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 28, ...options })
  if (result.error || result.status !== 0) {
    console.error(`${command} ${commandArgs.join(' ')} 失败：${result.error?.message ?? result.stderr}`)
    process.exit(1)
  }
  return result.stdout
}

const work = mkdtempSync(path.join(tmpdir(), 'taizhang-render-demo-'))
try {
  mkdirSync(out, { recursive: true })
  const workbook = path.join(work, 'demo.xlsx')
  run(process.execPath, [CLI, 'init', workbook, '--demo'])
  run(process.execPath, [CLI, 'check', workbook, '--today', args.today])

  writeFileSync(
    path.join(work, 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="strong"><family>等线</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="strong"><family>DengXian</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
`,
  )
  // A profile of its own: another LibreOffice running on the machine does not take the conversion.
  const profile = pathToFileURL(path.join(work, 'profile')).href
  run(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, workbook],
    {
      env: { ...process.env, FONTCONFIG_FILE: path.join(work, 'fonts.conf') },
    },
  )
  const pdf = path.join(work, 'demo.pdf')
  const total = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1] ?? 0)

  // Each page's footer starts with its tab's name (&A on the left of the footer).
  const text = run('pdftotext', ['-layout', pdf, '-'])
  const tabOfPage = text
    .split('\f')
    .slice(0, total)
    .map((page) => {
      const footer = page
        .split('\n')
        .filter((line) => line.trim() !== '')
        .at(-1)
      return /第\s*\d+\s*页/.test(footer ?? '') ? (footer ?? '').trim().split(/\s{2,}/)[0] : '（无页脚）'
    })
  const pagesOf = new Map()
  tabOfPage.forEach((tab, index) => {
    pagesOf.set(tab, [...(pagesOf.get(tab) ?? []), index + 1])
  })

  console.log(`${args.today} 的演示工作簿打印为 ${total} 页：`)
  for (const [tab, pages] of pagesOf) console.log(`  ${String(pages.length).padStart(3)}  ${tab}`)

  for (const tab of tabs) {
    const pages = pagesOf.get(tab)
    if (!pages) {
      console.error(`没有“${tab}”的页（页脚中找不到这个工作表名称）`)
      process.exitCode = 1
      continue
    }
    pages.slice(0, pagesPerTab).forEach((page, index) => {
      const prefix = path.join(work, `page-${page}`)
      run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf, prefix])
      const made = readdirSync(work).find((name) => name.startsWith(`page-${page}-`) && name.endsWith('.png'))
      if (made) renameSync(path.join(work, made), path.join(out, `${tab}-${index + 1}.png`))
    })
    console.log(`已写入 ${Math.min(pages.length, pagesPerTab)} 张“${tab}”的图片`)
  }
  copyFileSync(workbook, path.join(out, 'demo.xlsx'))
  copyFileSync(pdf, path.join(out, 'demo.pdf'))
  console.log(`文件在 ${out}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
