import { describe, expect, it } from 'vitest'
import { compileTemplate } from '../src/core/rules/message-template'

describe('a message template', () => {
  it.each([
    ['{name} 已于 {due} 过期', { name: '前门铰链', due: '2026-11-30' }, '前门铰链 已于 2026-11-30 过期'],
    ['还剩 {days} 天', { days: 0 }, '还剩 0 天'],
    ['{flag}', { flag: false }, 'false'],
    ['没有占位符', { name: 'x' }, '没有占位符'],
    ['{missing} 与 {blank}', { blank: null }, '{missing} 与 {blank}'],
    ['{constructor}{toString}{__proto__}', {}, '{constructor}{toString}{__proto__}'],
    ['{a}{a}', { a: '重' }, '重重'],
  ])('%s with %j reads %s', (template, facts, expected) => {
    expect(compileTemplate(template)(facts)).toBe(expected)
  })
})
