/**
 * Setting an attribute in a start tag of a user's part (xml-text.ts): the value changes, every
 * other byte of the tag stays — its attribute order, the user's quoting of the other attributes,
 * the spaces, the `/>` of an empty element, the element's prefix.
 */
import { describe, expect, it } from 'vitest'
import { hasAttribute, withAttribute, withoutAttribute } from '../src/hosts/xlsx/package/xml-text'

describe('withAttribute', () => {
  it.each([
    // [tag, where, result]
    ['<xf numFmtId="0" fontId="1"/>', 'first', '<xf numFmtId="164" fontId="1"/>'],
    ["<xf fontId='1' numFmtId='0'/>", 'first', `<xf fontId='1' numFmtId="164"/>`],
    ['<xf fontId="1" numFmtId = "0">', 'first', '<xf fontId="1" numFmtId="164">'],
    ['<xf\tnumFmtId="0"/>', 'first', '<xf numFmtId="164"/>'],
    ['<xf fontId="1"/>', 'first', '<xf numFmtId="164" fontId="1"/>'],
    ['<x:xf fontId="1">', 'first', '<x:xf numFmtId="164" fontId="1">'],
    ['<xf/>', 'first', '<xf numFmtId="164"/>'],
    ['<xf fontId="1"/>', 'last', '<xf fontId="1" numFmtId="164"/>'],
    ['<xf fontId="1" />', 'last', '<xf fontId="1" numFmtId="164" />'],
    ['<xf fontId="1">', 'last', '<xf fontId="1" numFmtId="164">'],
    ['<xf fontId="1"\n>', 'last', '<xf fontId="1" numFmtId="164"\n>'],
    ['<xf fontId="1" numFmtId="0" />', 'last', '<xf fontId="1" numFmtId="164" />'],
  ] as const)('%j (%s) → %j', (tag, where, result) => {
    expect(withAttribute(tag, 'numFmtId', '164', where)).toBe(result)
  })

  it('finds the attribute by its whole name, not a longer one that ends the same', () => {
    expect(withAttribute('<col min="1" max="1" customWidth="1"/>', 'width', '20', 'last')).toBe(
      '<col min="1" max="1" customWidth="1" width="20"/>',
    )
    expect(withAttribute('<cellXfs xcount="3">', 'count', '9', 'first')).toBe(
      '<cellXfs count="9" xcount="3">',
    )
  })

  it('writes a value with $ in it as it is (no replacement patterns)', () => {
    expect(withAttribute('<a b="1"/>', 'b', "$&$'", 'last')).toBe(`<a b="$&$'"/>`)
  })
})

describe('withoutAttribute and hasAttribute', () => {
  it.each([
    ['<row r="2" ht="30" customHeight="1">', 'ht', '<row r="2" customHeight="1">'],
    ["<row r='2' ht='30'>", 'ht', "<row r='2'>"],
    ['<row r="2"\n  ht = "30"/>', 'ht', '<row r="2"/>'],
    ['<row r="2" wht="30">', 'ht', '<row r="2" wht="30">'],
    ['<row r="2">', 'ht', '<row r="2">'],
  ] as const)('%j without %s → %j', (tag, name, result) => {
    expect(withoutAttribute(tag, name)).toBe(result)
    expect(hasAttribute(tag, name)).toBe(result !== tag)
  })
})
