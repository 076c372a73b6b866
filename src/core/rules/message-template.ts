/** A finding's message: its rule's template, whose {fact} placeholders name the record's facts. */
import { clipQuoted } from '../text'
import type { Facts } from './facts'

export type Template = (facts: Facts) => string

/**
 * A message template split once at its {fact} placeholders; an unknown or empty fact stays as
 * written, and a text fact is cut to QUOTED_MAX_CHARS characters.
 */
export function compileTemplate(template: string): Template {
  const pieces = template.split(/\{(\w+)\}/g)
  if (pieces.length === 1) return () => template
  return (facts) => {
    let text = pieces[0] ?? ''
    for (let index = 1; index < pieces.length; index += 2) {
      const name = pieces[index] ?? ''
      // Own facts only: {constructor} is not the record's, whatever every object inherits.
      const value = Object.hasOwn(facts, name) ? facts[name] : undefined
      // A text fact is most often a user's value (样件名称, 客户名称): cut it, so that a
      // 32,767-character name never makes a message too long for the cell of 提醒汇总 it lands in.
      text +=
        value === undefined || value === null
          ? `{${name}}`
          : typeof value === 'string'
            ? clipQuoted(value)
            : String(value)
      text += pieces[index + 1] ?? ''
    }
    return text
  }
}
