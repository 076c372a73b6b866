/**
 * User text on its way out of the workbook, where it is not a cell any more: a terminal line, a
 * plain-text mail, a group robot's markdown. What a clerk types or pastes can hold line breaks,
 * terminal escapes (ESC [31m), the right-to-left override that shows “exe.txt” for “txt.exe”, and
 * markdown or platform syntax ([点我](http://…), <at user_id="all">, <font color=…>, **, #): none of
 * it may act. The text is shown, never obeyed.
 */

/** CRLF, CR, LF, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR. */
function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029
}

/** C0 and C1 controls and DEL: ESC, BEL, backspace … (tab and the line breaks among them). */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
}

/** Bidirectional embeddings, overrides and isolates, and the invisible direction marks. */
function isBidiControl(code: number): boolean {
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}

/** A surrogate half without its other half (for…of yields it alone): no UTF-8 can carry it. */
function isLoneSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff
}

/** Whether the text holds a control, a line break or a bidi control: for tests and callers. */
export function hasControls(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if ((isControl(code) && code !== 0x09) || isLineBreak(code) || isBidiControl(code)) return true
  }
  return false
}

/**
 * For the terminal (`taizhang why`): each control character, line break and bidi control of a
 * value shown as its escape (\n, \u001b), so that the value stays on its line and can neither
 * colour, move the cursor, overwrite the line nor reorder what follows. Tab stays.
 */
export function escapeControls(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code === 0x09) out += char
    else if (code === 0x0a) out += '\\n'
    else if (code === 0x0d) out += '\\r'
    else if (isControl(code) || isLineBreak(code) || isBidiControl(code))
      out += `\\u${code.toString(16).padStart(4, '0')}`
    else out += isLoneSurrogate(code) ? '\ufffd' : char
  }
  return out
}

/** A text of several lines for the terminal: its line breaks (\n) kept, every other control escaped. */
export function terminalText(text: string): string {
  return text.split('\n').map(escapeControls).join('\n')
}

/**
 * For the lines of a message (mail or robot): one line, without controls, bidi reordering or
 * broken surrogates; a line break or a tab becomes a space (CRLF one space).
 */
export function plainLine(text: string): string {
  let out = ''
  let previous = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code === 0x0a && previous === 0x0d) {
      // The LF of a CRLF: its CR was the space.
    } else if (isLineBreak(code) || code === 0x09) out += ' '
    else if (isLoneSurrogate(code)) out += '\ufffd'
    else if (!isControl(code) && !isBidiControl(code)) out += char
    previous = code
  }
  return out
}

/**
 * The characters that make markdown or a platform's tags (企业微信 <font>, <@userid>; 飞书 lark_md
 * <at>, <font>; links, images, emphasis, code, headings, quotes, tables) and their full-width twins,
 * which every platform shows as they are. Backslash escapes are not used: which of them a platform
 * honours differs, and an escape it does not know is shown.
 */
const MARKDOWN_TWINS: Readonly<Record<string, string>> = {
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '*': '＊',
  _: '＿',
  '`': '｀',
  '~': '～',
  '#': '＃',
  '|': '｜',
  '\\': '＼',
  '&': '＆',
  '@': '＠',
}

/**
 * User text inside a robot's markdown: one line (plainLine), markdown characters as their
 * full-width twins, and an address's “://” as “：//”, so that no client turns a pasted address into
 * a link. What it says stays readable; it only cannot format, link, mention or break the line.
 */
export function markdownText(text: string): string {
  return plainLine(text)
    .replace(/[[\]<>*_`~#|\\&@]/g, (char) => MARKDOWN_TWINS[char] ?? char)
    .replace(/:\/\//g, '：//')
}

/**
 * A character as a reader sees it: a base code point with what joins it (combining marks, variation
 * selectors, an emoji's skin tone, zero-width joiner sequences, a flag's two regional indicators).
 * Without Intl.Segmenter, which not every Apps Script runtime has, this is close enough that a cut
 * never leaves half an emoji or a mark without its letter.
 */
function clusters(text: string): string[] {
  const out: string[] = []
  let joinNext = false
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    const extends_ =
      (code >= 0x0300 && code <= 0x036f) || // combining diacritics
      (code >= 0x1ab0 && code <= 0x1aff) ||
      (code >= 0x20d0 && code <= 0x20ff) ||
      (code >= 0xfe00 && code <= 0xfe0f) || // variation selectors
      (code >= 0xfe20 && code <= 0xfe2f) ||
      (code >= 0x1f3fb && code <= 0x1f3ff) || // skin tones
      (code >= 0xe0020 && code <= 0xe007f) || // tag characters (subdivision flags)
      code === 0x200d
    const last = out.length - 1
    const regionalPair =
      code >= 0x1f1e6 &&
      code <= 0x1f1ff &&
      last >= 0 &&
      Array.from(out[last] ?? '').length === 1 &&
      isRegional(out[last] ?? '')
    if (last >= 0 && (extends_ || joinNext || regionalPair)) out[last] += char
    else out.push(char)
    joinNext = code === 0x200d
  }
  return out
}

function isRegional(char: string): boolean {
  const code = char.codePointAt(0) ?? 0
  return code >= 0x1f1e6 && code <= 0x1f1ff
}

/** At most `max` characters (as clusters() counts them), with “…” where it was cut. */
export function cutText(text: string, max: number): string {
  if (Array.from(text).length <= max) return text
  const parts = clusters(text)
  return parts.length <= max ? text : `${parts.slice(0, Math.max(0, max - 1)).join('')}…`
}

/** At most `maxBytes` bytes of UTF-8 (the measure given), cut between characters, with “…”. */
export function cutToBytes(text: string, maxBytes: number, bytesOf: (text: string) => number): string {
  if (bytesOf(text) <= maxBytes) return text
  let cut = ''
  let used = 0
  const budget = maxBytes - bytesOf('…')
  for (const part of clusters(text)) {
    const size = bytesOf(part)
    if (used + size > budget) break
    cut += part
    used += size
  }
  return `${cut}…`
}
