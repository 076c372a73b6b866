/**
 * The layout of `taizhang --help` for Chinese text. Commander measures a string by its length and
 * wraps only at spaces: a Chinese character takes two columns of a terminal, and a description has
 * few spaces, so its columns did not line up and a line broke at the one space it had (“--actor⏎王立”).
 * Here a line may break between any two Chinese characters, never before a closing mark (，。）” …)
 * nor after an opening one (（“ …), and a space stays a place to break.
 */
import { textWidth } from '../core/template'

const OPENING = '（“‘《「『【'
const CLOSING = '，。、；：！？）”’》」』】…'
const WIDE = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef'

/** An unbreakable piece: a run of spaces, one wide character, or a run of other characters, with the marks that cling to it. */
const PIECE = new RegExp(
  `\\s+|[${OPENING}]*(?:[${WIDE}]|[^\\s${WIDE}${OPENING}${CLOSING}]+)[${CLOSING}]*|[^\\s]`,
  'gu',
)

/** Columns a terminal gives the text. */
export function helpDisplayWidth(text: string): number {
  return textWidth(text)
}

/** The text in lines of at most `width` columns where it can break; each line keeps its own breaks. */
export function wrapHelpText(text: string, width: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => wrapLine(line, width))
    .join('\n')
}

function wrapLine(line: string, width: number): string {
  const lines: string[] = []
  let current = ''
  for (const piece of line.match(PIECE) ?? []) {
    const blank = piece.trim() === ''
    if (current !== '' && helpDisplayWidth(current + piece) > width && !blank) {
      lines.push(current.trimEnd())
      current = piece
    } else if (!(blank && current === '' && lines.length > 0)) {
      current += piece
    }
  }
  lines.push(current.trimEnd())
  return lines.join('\n')
}
