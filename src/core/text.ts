/** Normalising what users type, before it is parsed or compared. */

/**
 * What a Chinese IME in full-width mode types: ２０２６／３／５, １２, －５, 14：30. Parsers of dates and
 * numbers read the ASCII forms (U+FF01–FF5E are ASCII shifted by 0xFEE0; U+3000 is a space).
 */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}
