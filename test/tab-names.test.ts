import { describe, expect, it } from 'vitest'
import { closestTabName, editDistance, isNearTabName, normalizeTabName } from '../src/core/tab-names'

describe('tab names a clerk slipped on', () => {
  it.each([
    ['样件台帐', '账/帐'],
    ['样件台账 ', 'a trailing space'],
    ['样件台账\u3000', 'a full-width space'],
    [' 样件 台账', 'spaces inside'],
    ['样件台賬', 'one other character'],
    ['样件台', 'one character dropped'],
  ])('“%s” (%s) is near 样件台账', (name) => {
    expect(isNearTabName('样件台账', name)).toBe(true)
  })

  it('full-width letters and case are the same name', () => {
    expect(normalizeTabName('ＶＩＰ客户')).toBe(normalizeTabName('vip客户'))
    expect(isNearTabName('VIP客户名录', 'ｖｉｐ客户名录')).toBe(true)
  })

  it.each(['样件检验记录', '客户档案', 'Sheet1', '样件'])('“%s” is not near 样件台账', (name) => {
    expect(isNearTabName('样件台账', name)).toBe(false)
  })

  it('the name itself is not a slip', () => {
    expect(isNearTabName('样件台账', '样件台账')).toBe(false)
  })

  it('counts edits by character', () => {
    expect(editDistance('样件台账', '样件台帐')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('the closest name: a near one first, else one containing it, else none', () => {
    expect(closestTabName('样件台账', ['Sheet1', '样件台帐'])).toBe('样件台帐')
    expect(closestTabName('样件台账', ['Sheet1', '样件台账（旧）'])).toBe('样件台账（旧）')
    expect(closestTabName('样件台账', ['Sheet1', '客户档案'])).toBeUndefined()
    expect(closestTabName('样件台账', [])).toBeUndefined()
  })
})
