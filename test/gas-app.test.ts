import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IsoDate } from '../src/core/dates'
import { describeInit } from '../src/hosts/gas/commands/init'
import { defaultPlanYear, parsePlanYear } from '../src/hosts/gas/commands/plan'
import { createHandlers } from '../src/hosts/gas/handlers'
import { type GasServices, userEmail } from '../src/hosts/gas/services'
import { createGasEnvironment, FakeSession } from './support/gas-fakes'
import { servicesOf } from './support/gas-services'

describe('生成年度计划: the year asked for', () => {
  it.each([
    ['2026-01-01', 2026],
    ['2026-10-31', 2026],
    ['2026-11-01', 2027],
    ['2026-12-31', 2027],
  ])('on %s the prompt suggests %i', (today, year) => {
    expect(defaultPlanYear(today as IsoDate)).toBe(year)
  })

  it.each([
    ['', 2027],
    ['  ', 2027],
    ['2028', 2028],
    [' 2028 ', 2028],
    ['２０２８', 2028],
    ['2028年', 2028],
    ['2000', 2000],
    ['2100', 2100],
  ])('“%s” means %i', (typed, year) => {
    expect(parsePlanYear(typed, 2027)).toBe(year)
  })

  it.each(['明年', '27', '20277', '1999', '2101', '2027.5', '-2027'])(
    '“%s” is refused with a reason',
    (typed) => {
      const result = parsePlanYear(typed, 2027)
      expect(result).toEqual({ problem: expect.stringMatching(/不是有效的年度.*2000 到 2100/) })
    },
  )
})

describe('who runs a command', () => {
  it.each([
    ['a@example.com', 'owner@example.com', 'a@example.com'],
    ['', 'owner@example.com', 'owner@example.com'],
    ['', '', ''],
  ])('active %s, effective %s: %s', (active, effective, expected) => {
    expect(userEmail(new FakeSession(active, effective))).toBe(expected)
  })

  it('survives a session that refuses to tell', () => {
    const refusing = {
      getActiveUser: () => {
        throw new Error('no permission')
      },
      getEffectiveUser: () => ({ getEmail: () => 'owner@example.com' }),
    }
    expect(userEmail(refusing)).toBe('owner@example.com')
  })
})

describe('the 初始化台账 message', () => {
  it('lists created tabs and added headers', () => {
    const text = describeInit({
      createdTabs: ['样件台账', '样件检验记录'],
      addedHeaders: [{ tab: '客户档案', headers: ['提醒', '状态'] }],
      summary: 'ignored',
    })
    expect(text.split('\n').slice(0, 3)).toEqual([
      '已新建 2 个工作表：样件台账、样件检验记录',
      '已在现有工作表末尾补齐表头（原有数据未改动）：',
      '· 客户档案：提醒、状态',
    ])
  })

  it('says when nothing had to change', () => {
    const text = describeInit({
      createdTabs: [],
      addedHeaders: [],
      summary: '全部 18 个工作表齐全，无需改动',
    })
    expect(text.split('\n')[0]).toBe('全部 18 个工作表齐全，无需改动')
  })
})

describe('menu commands under the document lock', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const unavailable = {
    getSpreadsheetTimeZone: () => {
      throw new Error('服务暂时不可用')
    },
  }

  it('tell the user to wait when the daily check is running', async () => {
    const env = createGasEnvironment()
    env.lockService.lock.heldElsewhere = true
    await createHandlers(servicesOf(env)).checkNow()
    expect(env.ui.alerts).toEqual([
      { title: '立即检查', prompt: '另一项台账操作（例如每日检查）正在进行，请稍后再试。' },
    ])
    expect(env.calls.total).toBe(0)
  })

  it('show their message only after releasing the lock, so an open dialog holds up nothing', async () => {
    const env = createGasEnvironment()
    const heldDuringAlert: boolean[] = []
    const alert = env.ui.alert.bind(env.ui)
    env.ui.alert = (title, prompt) => {
      heldDuringAlert.push(env.lockService.lock.held)
      return alert(title, prompt)
    }
    const handlers = createHandlers(servicesOf(env))
    await handlers.initLedgers()
    await handlers.checkNow()
    await handlers.enableDailyCheck()
    await handlers.disableDailyCheck()
    expect(heldDuringAlert).toEqual([false, false, false, false])
    expect(env.lockService.lock.acquired).toBe(4)
  })

  it('生成年度计划 asks before it locks, and a cancelled prompt does nothing', async () => {
    const env = createGasEnvironment()
    env.ui.replies.push({ text: '2027', button: 'CANCEL' })
    await createHandlers(servicesOf(env)).generatePlan()
    expect(env.ui.prompts).toHaveLength(1)
    expect(env.ui.alerts).toEqual([])
    expect(env.lockService.lock.acquired).toBe(0)
  })

  it('an unexpected error becomes an alert and is logged', async () => {
    const env = createGasEnvironment()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const services = { ...servicesOf(env), spreadsheet: () => unavailable }
    await createHandlers(services as unknown as GasServices).checkNow()
    expect(env.ui.alerts[0]?.prompt).toMatch(/^运行出错：服务暂时不可用/)
    expect(logged).toHaveBeenCalled()
    expect(env.lockService.lock.held).toBe(false)
  })

  it('the daily check rethrows a bug after logging it, and releases the lock', async () => {
    const env = createGasEnvironment()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const broken = { ...servicesOf(env), spreadsheet: () => unavailable }
    await expect(createHandlers(broken as unknown as GasServices).dailyCheck()).rejects.toThrow(
      '服务暂时不可用',
    )
    expect(env.lockService.lock).toMatchObject({ acquired: 1, released: 1, held: false })
  })
})
