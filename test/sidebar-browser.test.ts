/**
 * The 今日提醒 sidebar page as built (dist/Sidebar.html), in headless Chromium (Debian's chromium
 * package, driven by playwright-core) at the sidebar's 300 px, with google.script.run stubbed the way
 * Apps Script provides it (withSuccessHandler/withFailureHandler, answers arriving later) and 2,000
 * findings. `TAIZHANG_SCREENSHOT=1` writes docs/sidebar.png (the README's picture), otherwise the
 * screenshot goes to build/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAGE_SIZE } from '../src/hosts/gas/sidebar/model'
import { bundleSource, ROOT } from './support/gas-bundle'
import { HOSTILE_KEY, HOSTILE_MESSAGE, sidebarFixture } from './support/sidebar-fixture'

/** Debian's chromium package; TAIZHANG_CHROMIUM names another build of Chromium. */
const CHROMIUM = process.env.TAIZHANG_CHROMIUM ?? '/usr/bin/chromium'
const SIDEBAR_HTML = path.join(ROOT, 'dist', 'Sidebar.html')
const FINDINGS = 2000
const FIXTURE = sidebarFixture(FINDINGS)
const TOTAL = FIXTURE.findings.length
const WHY_TEXT =
  '样件台账 YJ-0001 有 1 条提醒：\n· 已过期（SAMPLE_EXPIRED）\n  有效期至 2026-02-28 = 确认日期 2025-08-31 + 6 个月'

/**
 * How the stub server keeps the answers of its start functions: `delivered` (the continuation runs
 * a little later, so the first takeResult says pending), `never` (it never runs: pending for ever),
 * `dropped` (the cache loses the answer: missing).
 */
type Continuation = 'delivered' | 'never' | 'dropped'

/**
 * google.script.run as Apps Script gives it to a page, over stub server functions that log their
 * calls. Pessimistic about promises: a server function that returns a Promise (explainFinding and
 * checkNowFromSidebar are async) hands the page null, as a value google.script.run cannot pass;
 * the start functions answer a token (or, for a request they can answer at once, the answer) and
 * takeResult hands over what the continuation kept, as commands/sidebar-answers.ts does.
 */
function stubScript(continuation: Continuation = 'delivered'): string {
  return `
    window.__calls = [];
    const fixture = ${JSON.stringify(FIXTURE)};
    const kept = new Map();
    let tokens = 0;
    function start(work, delay) {
      const token = 'token-' + String(++tokens).padStart(4, '0');
      kept.set(token, { pending: true });
      const mode = ${JSON.stringify(continuation)};
      if (mode !== 'never')
        setTimeout(() => work().then((answer) => {
          if (mode === 'dropped') kept.delete(token);
          else kept.set(token, answer);
        }), delay);
      return { token };
    }
    const server = {
      sidebarFindings: () => fixture,
      jumpToFinding: (request) => ({ ok: true, tab: request.tab, row: request.row, message: '' }),
      explainFinding: async (request) => request.key === 'YJ-0001'
        ? { ok: true, text: ${JSON.stringify(WHY_TEXT)} }
        : request.key === ${JSON.stringify(HOSTILE_KEY)}
          ? { ok: true, text: ${JSON.stringify(`说明：${HOSTILE_MESSAGE}`)} }
          : { ok: false, message: '没有说明' },
      checkNowFromSidebar: async () => ({ message: '检查完成：错误 3 条，警告 5 条。' }),
      startExplain: (request) => request.key === 'YJ-0002'
        ? { ok: false, message: '这一条当场就能回答' }
        : start(() => server.explainFinding(request), 500),
      startCheckFromSidebar: () => start(() => server.checkNowFromSidebar(), 400),
      takeResult: (token) => {
        if (!kept.has(token)) return { missing: true };
        const answer = kept.get(token);
        if (!answer.pending) kept.delete(token);
        return answer;
      },
    };
    function delivered(value) {
      // A Promise (or anything JSON cannot carry) reaches the page as null.
      if (value instanceof Promise || value === undefined) return null;
      return JSON.parse(JSON.stringify(value));
    }
    function runner(onSuccess, onFailure) {
      const chain = {
        withSuccessHandler: (handler) => runner(handler, onFailure),
        withFailureHandler: (handler) => runner(onSuccess, handler),
      };
      return new Proxy(chain, {
        get(target, name) {
          if (name in target) return target[name];
          return (...args) => {
            window.__calls.push({ name, args: JSON.parse(JSON.stringify(args)) });
            setTimeout(() => {
              try {
                if (!server[name]) throw new Error('Script function not found: ' + name);
                const answer = delivered(server[name](...args));
                if (onSuccess) onSuccess(answer);
              } catch (error) {
                if (onFailure) onFailure(error);
              }
            }, 20);
          };
        },
      });
    }
    window.google = { script: { get run() { return runner(null, null); } } };
  `
}

interface Call {
  name: string
  args: unknown[]
}

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium)
  console.warn(
    `sidebar-browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does)`,
  )

describe.skipIf(!haveChromium)('今日提醒 sidebar in Chromium (300 px, 2,000 findings)', () => {
  let browser: Browser

  beforeAll(async () => {
    bundleSource()
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  async function openSidebar(
    continuation: Continuation = 'delivered',
  ): Promise<{ page: Page; loadMs: number }> {
    const page = await browser.newPage({ viewport: { width: 300, height: 760 }, deviceScaleFactor: 2 })
    page.on('pageerror', (error) => {
      throw error
    })
    await page.addInitScript({ content: stubScript(continuation) })
    const started = Date.now()
    await page.goto(pathToFileURL(SIDEBAR_HTML).href)
    await page.locator('.item').first().waitFor()
    return { page, loadMs: Date.now() - started }
  }

  const calls = (page: Page) => page.evaluate('window.__calls') as Promise<Call[]>
  const itemCount = (page: Page) => page.locator('.item').count()

  it('shows the counts and the first page of findings grouped by ledger and level (its load time is logged, not asserted: timing is the bench’s)', async () => {
    const { page, loadMs } = await openSidebar()
    console.log(`sidebar: ${TOTAL} findings, first page shown ${loadMs} ms after navigation`)
    expect(await page.locator('#summary').textContent()).toBe(`共 ${TOTAL} 条`)
    const chips = await page.locator('.chip').allTextContents()
    expect(chips).toEqual([
      `错误${FIXTURE.counts.error}`,
      `警告${FIXTURE.counts.warning}`,
      `提示${FIXTURE.counts.info}`,
      `已暂缓${FIXTURE.counts.deferred}`,
    ])
    expect(await page.locator('#checked').textContent()).toBe('上次检查 2026-03-05 08:30')
    // Paged: the DOM holds one page, not 2,000 items.
    expect(await itemCount(page)).toBe(PAGE_SIZE)
    expect(await page.locator('.tab-heading').first().textContent()).toMatch(/^样件台账\d+ 条$/)
    expect(await page.locator('.group-heading').first().textContent()).toMatch(/^错误 \d+$/)
    // The page fits the sidebar: nothing wider than 300 px.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(300)
    await page.locator('#more').click()
    expect(await itemCount(page)).toBe(2 * PAGE_SIZE)
    expect(await page.locator('#more').textContent()).toBe(
      `再显示 ${PAGE_SIZE} 条（还有 ${TOTAL - 2 * PAGE_SIZE} 条）`,
    )
    await page.close()
  }, 60_000)

  it('clicking a finding asks the server to jump to its tab and row', async () => {
    const { page } = await openSidebar()
    const key = await page.locator('.item .key').nth(1).textContent()
    const first = FIXTURE.findings.find((finding) => finding.key === key)
    if (first === undefined) throw new Error(`no finding ${key} in the fixture`)
    await page.locator('.item').nth(1).click()
    await page.locator('#status').waitFor()
    const jumps = (await calls(page)).filter((call) => call.name === 'jumpToFinding')
    expect(jumps).toEqual([
      { name: 'jumpToFinding', args: [{ tab: first.tab, row: first.row, key: first.key }] },
    ])
    expect(await page.locator('#status').textContent()).toBe(`已选中“${first.tab}”第 ${first.row} 行`)
    expect(await page.locator('.item.current').count()).toBe(1)
    // The screenshot of the README: the sidebar as a clerk sees it after clicking a finding.
    const screenshot = await page.screenshot()
    expect(screenshot.subarray(1, 4).toString()).toBe('PNG')
    const target = process.env.TAIZHANG_SCREENSHOT
      ? path.join(ROOT, 'docs', 'sidebar.png')
      : path.join(ROOT, 'build', 'sidebar.png')
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, screenshot)
    await page.close()
  }, 60_000)

  it('filters by 级别, 台账 and 负责人, and searches 编号, 说明 and 事项', async () => {
    const { page } = await openSidebar()
    const expectOnly = async (selector: string, texts: (text: string) => boolean) => {
      const all = await page.locator(selector).allTextContents()
      expect(all.length).toBeGreaterThan(0)
      expect(all.filter((text) => !texts(text))).toEqual([])
    }
    const started = Date.now()
    await page.selectOption('#f-level', 'warning')
    const warnings = FIXTURE.findings.filter((f) => f.level === 'warning' && f.deferredUntil === null)
    await expect
      .poll(() => page.locator('#summary').textContent())
      .toBe(`筛选出 ${warnings.length} 条（共 ${TOTAL} 条）`)
    console.log(`sidebar: filtering ${TOTAL} findings took ${Date.now() - started} ms`)
    await expectOnly('.group-heading', (text) => text.startsWith('警告'))
    expect(await page.locator('.chip.active').textContent()).toMatch(/^警告/)

    await page.selectOption('#f-tab', '客户走访记录')
    const visits = warnings.filter((f) => f.tab === '客户走访记录')
    await expect
      .poll(() => page.locator('#summary').textContent())
      .toBe(`筛选出 ${visits.length} 条（共 ${TOTAL} 条）`)
    await expectOnly('.tab-name', (text) => text === '客户走访记录')
    expect(await itemCount(page)).toBe(Math.min(visits.length, PAGE_SIZE))

    const owner = visits[0]?.owner ?? ''
    await page.selectOption('#f-owner', owner)
    const byOwner = visits.filter((f) => f.owner === owner)
    await expect
      .poll(() => page.locator('#summary').textContent())
      .toBe(`筛选出 ${byOwner.length} 条（共 ${TOTAL} 条）`)
    await expectOnly('.facts', (text) => text.startsWith(`走访人 ${owner} · `))

    // Back to everything, then search: an id, words of a 说明, an 事项.
    await page.selectOption('#f-level', '')
    await page.selectOption('#f-tab', '')
    await page.selectOption('#f-owner', '')
    await page.fill('#f-search', 'yj-0008')
    await expect.poll(() => page.locator('#summary').textContent()).toBe(`筛选出 1 条（共 ${TOTAL} 条）`)
    expect(await page.locator('.item .key').allTextContents()).toEqual(['YJ-0008'])
    await page.fill('#f-search', '保护期将满')
    const protection = FIXTURE.findings.filter((f) => f.item === '保护期将满')
    await expect
      .poll(() => page.locator('#summary').textContent())
      .toBe(`筛选出 ${protection.length} 条（共 ${TOTAL} 条）`)
    await page.fill('#f-search', '不会有这种提醒')
    await expect.poll(() => page.locator('.empty').textContent()).toBe('没有符合筛选条件的提醒。')
    await page.close()
  }, 60_000)

  it('为什么 shows the explanation in a panel, without jumping, though a Promise reaches the page as null', async () => {
    const { page } = await openSidebar()
    // The stub is as pessimistic as promised: the async server function itself hands the page null.
    const direct = await page.evaluate(`new Promise((resolve) =>
      google.script.run.withSuccessHandler(resolve).explainFinding({ tab: '样件台账', key: 'YJ-0001' }))`)
    expect(direct).toBeNull()
    await page.fill('#f-search', 'YJ-0001')
    await expect.poll(() => itemCount(page)).toBe(1)
    await page.locator('.item .why-button').click()
    await expect.poll(() => page.locator('#why-text').textContent()).toBe(WHY_TEXT)
    expect(await page.locator('#why-title').textContent()).toBe('为什么：样件台账 YJ-0001')
    expect(await page.locator('#why').isVisible()).toBe(true)
    const sent = (await calls(page)).filter((call) => call.name !== 'explainFinding')
    const start = sent.filter((call) => call.name === 'startExplain')
    expect(start).toEqual([{ name: 'startExplain', args: [{ tab: '样件台账', key: 'YJ-0001' }] }])
    // Asked until the continuation had kept the answer: pending first, then the answer.
    const takes = sent.filter((call) => call.name === 'takeResult')
    expect(takes.length).toBeGreaterThanOrEqual(2)
    expect(new Set(takes.map((call) => call.args[0]))).toEqual(new Set(['token-0001']))
    expect(sent.some((call) => call.name === 'jumpToFinding')).toBe(false)
    await page.locator('#why-close').click()
    expect(await page.locator('#why').isVisible()).toBe(false)
    await page.close()
  }, 60_000)

  it('为什么 uses an answer the server hands over directly, without asking for it by token', async () => {
    const { page } = await openSidebar()
    await page.fill('#f-search', 'YJ-0002')
    await expect.poll(() => itemCount(page)).toBe(1)
    await page.locator('.item .why-button').click()
    await expect.poll(() => page.locator('#why-text').textContent()).toBe('这一条当场就能回答')
    await page.waitForTimeout(500)
    expect((await calls(page)).map((call) => call.name)).toEqual(['sidebarFindings', 'startExplain'])
    await page.close()
  }, 60_000)

  it('为什么 says so in Chinese when the answer never comes or was lost', async () => {
    const never = await openSidebar('never')
    await never.page.fill('#f-search', 'YJ-0001')
    await expect.poll(() => itemCount(never.page)).toBe(1)
    await never.page.locator('.item .why-button').click()
    await expect
      .poll(() => never.page.locator('#why-text').textContent(), { timeout: 20_000 })
      .toBe('无法取得说明：服务器还没有算好（或已中断），请稍后再点“为什么”')
    expect((await calls(never.page)).filter((call) => call.name === 'takeResult')).toHaveLength(20)
    await never.page.close()

    const dropped = await openSidebar('dropped')
    await dropped.page.fill('#f-search', 'YJ-0001')
    await expect.poll(() => itemCount(dropped.page)).toBe(1)
    await dropped.page.locator('.item .why-button').click()
    await expect
      .poll(() => dropped.page.locator('#why-text').textContent())
      .toBe('无法取得说明：结果已失效（可能已被清除），请重试')
    await dropped.page.close()
  }, 60_000)

  it('a deferred finding is shown muted with its date', async () => {
    const { page } = await openSidebar()
    await page.selectOption('#f-level', 'deferred')
    const deferred = page.locator('.item').first()
    expect(await deferred.getAttribute('class')).toContain('deferred')
    expect(await deferred.locator('.deferred-note').textContent()).toBe('已暂缓至 2026-12-10')
    expect(await deferred.locator('.handling').textContent()).toBe('处理情况：已联系供应商，12 月统一更换')
    expect(await page.locator('.group-heading').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^已暂缓 \d+$/)]),
    )
    await page.close()
  }, 60_000)

  it('shows a hostile 说明 as text: no element, no script run', async () => {
    const { page } = await openSidebar()
    await page.fill('#f-search', HOSTILE_KEY)
    await expect.poll(() => itemCount(page)).toBe(1)
    expect(await page.locator('.item .msg').textContent()).toBe(HOSTILE_MESSAGE)
    expect(await page.locator('#list img, #list script').count()).toBe(0)
    expect(await page.evaluate('window.__pwned')).toBeUndefined()
    // And 为什么, quoting it, shows it as text too.
    await page.locator('.item .why-button').click()
    await expect.poll(() => page.locator('#why-text').textContent()).toBe(`说明：${HOSTILE_MESSAGE}`)
    expect(await page.locator('#why img, #why script').count()).toBe(0)
    expect(await page.evaluate('window.__pwned')).toBeUndefined()
    await page.close()
  }, 60_000)

  it('立即检查 runs the check, says so while it runs, tells its outcome and reloads the findings', async () => {
    const { page } = await openSidebar()
    await page.locator('#check').click()
    expect(await page.locator('#check').isDisabled()).toBe(true)
    expect(await page.locator('#check-status').textContent()).toMatch(/^正在检查/)
    // The page asks for the outcome every 2 s (a check takes minutes): the first answer is pending.
    await expect
      .poll(() => page.locator('#check-status').textContent(), { timeout: 10_000 })
      .toBe('检查完成：错误 3 条，警告 5 条。')
    await expect
      .poll(async () => [...new Set((await calls(page)).map((call) => call.name))])
      .toEqual(['sidebarFindings', 'startCheckFromSidebar', 'takeResult'])
    await expect.poll(async () => (await calls(page)).map((call) => call.name).at(-1)).toBe('sidebarFindings')
    expect(await page.locator('#check').isDisabled()).toBe(false)
    await page.close()
  }, 60_000)

  it('the built page inlines its script and is one self-contained file', () => {
    const html = readFileSync(SIDEBAR_HTML, 'utf8')
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/)
    expect(html).toContain('google.script.run')
  })
})
