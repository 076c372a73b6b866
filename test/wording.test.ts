/**
 * What users read is written one way (issue 13 item 7): a term spelled as its header spells it
 * (VIP等级, 建议VIP等级, VIP-A门槛(万元): VIP joined to the Chinese word), never `VIP 等级`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ALL_TEMPLATES } from '../src/app/tabs'
import { ALL_RULES, PARAMETER_DEFINITIONS, TEXT_PARAMETER_DEFINITIONS } from '../src/ledgers'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** VIP set apart from the Chinese word beside it by a space. */
const SPACED_VIP = /VIP \p{Script=Han}|\p{Script=Han} VIP(?![_A-Z])/u

function files(directory: string, extensions: readonly string[]): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name)
    if (statSync(full).isDirectory()) return files(full, extensions)
    return extensions.includes(path.extname(name)) ? [full] : []
  })
}

function spacedLines(name: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) => (SPACED_VIP.test(line) ? [`${name}:${index + 1}: ${line.trim()}`] : []))
}

describe('VIP is written as the headers write it', () => {
  it('the headers join VIP to the word (the form the rest follows)', () => {
    const headers = ALL_TEMPLATES.flatMap((template) => template.columns.map((column) => column.header))
    expect(headers).toContain('VIP等级')
    expect(headers).toContain('建议VIP等级')
  })

  it('in the labels and messages of the rules, header notes and parameter descriptions', () => {
    const texts = [
      ...ALL_RULES.flatMap((rule) => {
        const params = rule.event.params as { label?: string; message?: string }
        return [params.label ?? '', params.message ?? '']
      }),
      ...ALL_TEMPLATES.flatMap((template) => template.columns.map((column) => column.note ?? '')),
      ...PARAMETER_DEFINITIONS.flatMap((definition) => [definition.name, definition.description]),
      ...TEXT_PARAMETER_DEFINITIONS.flatMap((definition) => [definition.name, definition.description]),
    ]
    expect(texts.filter((text) => SPACED_VIP.test(text))).toEqual([])
  })

  it('in the source (messages built in code) and the README', () => {
    const found = [
      ...files(path.join(ROOT, 'src'), ['.ts', '.json']).flatMap((file) =>
        spacedLines(path.relative(ROOT, file), readFileSync(file, 'utf8')),
      ),
      ...spacedLines('README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8')),
    ]
    expect(found).toEqual([])
  })
})
