#!/usr/bin/env node
/**
 * Renders a letter (.docx) to a PNG of its first page, as docs/reply-letter.png is made:
 *
 *   npm start && node scripts/render-letter.mjs demo/客户意见答复单-ZF-2026-001.docx docs/reply-letter.png
 *
 * Needs LibreOffice Writer, poppler-utils and the Noto CJK fonts
 * (apt-get install -y libreoffice-writer poppler-utils fonts-noto-cjk). Windows' 宋体 and 黑体, which
 * the template names, are mapped to Noto Serif CJK SC and Noto Sans CJK SC for the rendering only, so
 * that the picture shows what Word users see rather than a fallback font.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('用法：node scripts/render-letter.mjs <答复单.docx> <输出.png>')
  process.exit(2)
}

const work = mkdtempSync(path.join(tmpdir(), 'taizhang-render-'))
try {
  const alias = (family, prefer) =>
    `<alias binding="strong"><family>${family}</family><prefer><family>${prefer}</family></prefer></alias>`
  writeFileSync(
    path.join(work, 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  ${alias('宋体', 'Noto Serif CJK SC')}${alias('SimSun', 'Noto Serif CJK SC')}
  ${alias('黑体', 'Noto Sans CJK SC')}${alias('SimHei', 'Noto Sans CJK SC')}
</fontconfig>
`,
  )
  const letter = path.join(work, 'letter.docx')
  copyFileSync(input, letter)
  const env = { ...process.env, FONTCONFIG_FILE: path.join(work, 'fonts.conf') }
  const run = (command, args) => {
    const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 })
    if (result.status !== 0) {
      console.error(`${command} failed (${result.error?.message ?? `exit ${result.status}`})`)
      process.exit(1)
    }
  }
  // A profile of its own, so that a LibreOffice already running does not take the job.
  run('libreoffice', [
    `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    work,
    letter,
  ])
  run('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    path.join(work, 'letter.pdf'),
    path.join(work, 'page'),
  ])
  copyFileSync(path.join(work, 'page.png'), output)
  console.log(`${output} written`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
