/**
 * 客户信息保密管理制度: customer information is a company secret. The columns a template marks
 * `confidential` (contacts, phone numbers, credit, licences) are never copied into what the tool
 * writes — 提醒汇总, 操作日志, e-mails, letters — beyond the customer's name, and a phone number the
 * tool must show is masked: 138****1234.
 */

import type { TabTemplate } from './template'
import { toHalfWidth } from './text'

/** Headers of the template's confidential columns, in column order. */
export function confidentialHeaders(template: TabTemplate): string[] {
  return template.columns.filter((column) => column.confidential).map((column) => column.header)
}

const MASK = '****'

/**
 * A phone number as the tool may show it: a mobile keeps its first 3 and last 4 digits
 * (13812341234 → 138****1234, also from +86 138-1234-1234), a landline its area code and last 4
 * digits (010-62345678 → 010-****5678); an extension is dropped. Several numbers in one cell
 * (separated by / 、 , ; or 或) are masked one by one; text that holds no phone number becomes ****,
 * so that nothing typed into a phone cell is ever shown as it is.
 */
export function maskPhone(text: string): string {
  const parts = toHalfWidth(text)
    .split(/[/,;、，；]|或/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  return parts.map(maskOnePhone).join('、')
}

function maskOnePhone(text: string): string {
  // Drop an extension (转 801, ext. 801, x801, #801) before reading the digits.
  const withoutExtension = text.replace(/(?:转|分机|ext\.?|x|#)\s*\d+\s*$/i, '')
  let digits = withoutExtension.replace(/\D/g, '')
  // +86 / 0086 / 86 before a mobile number
  const international = /^(?:00)?86(1\d{10})$/.exec(digits)
  if (international?.[1]) digits = international[1]
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}${MASK}${digits.slice(-4)}`
  // +86 before a landline drops the trunk 0: +86 10 6234 5678 is 010-62345678
  const internationalLandline = /^(?:00)?86([1-9]\d{8,10})$/.exec(digits)
  if (internationalLandline?.[1]) digits = `0${internationalLandline[1]}`
  if (/^0\d{9,}$/.test(digits)) {
    // 010 and 020–029 are the three-digit area codes; the others have four digits (0755, 0571).
    const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4
    // Longer than area code + 8 digits: the last group after a dash is an extension (0755-88881234-801).
    const lastGroup = /-\s*(\d{1,5})\s*$/.exec(withoutExtension)?.[1]
    if (digits.length > areaLength + 8 && lastGroup) digits = digits.slice(0, -lastGroup.length)
    const subscriber = digits.slice(areaLength, areaLength + 8)
    return `${digits.slice(0, areaLength)}-${MASK}${subscriber.slice(-4)}`
  }
  if (digits.length >= 7) return `${MASK}${digits.slice(-4)}`
  return MASK
}
