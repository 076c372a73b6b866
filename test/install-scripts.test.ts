/**
 * npm 11 skips a dependency's install script unless package.json's `allowScripts` names it, and
 * ends `npm ci` with an `install-scripts` warning. Every locked package that has an install script
 * must be reviewed there (approved or denied), so that `npm ci` on a fresh machine prints no
 * unexplained warning and esbuild's postinstall (which checks and links its native binary) runs.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

interface LockedPackage {
  readonly version?: string
  readonly hasInstallScript?: boolean
}

const ROOT = new URL('..', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  readonly allowScripts?: Readonly<Record<string, boolean>>
}
const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8')) as {
  readonly packages: Readonly<Record<string, LockedPackage>>
}

/** `node_modules/a/node_modules/@scope/b` → `@scope/b`. */
function packageName(path: string): string {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
}

/** Whether an allowScripts key (`esbuild`, `esbuild@0.28.2`) covers this package and version. */
function covers(key: string, name: string, version: string | undefined): boolean {
  const at = key.lastIndexOf('@')
  if (at <= 0) return key === name
  return key.slice(0, at) === name && key.slice(at + 1) === version
}

describe('install scripts', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
    .map(([path, entry]) => ({ name: packageName(path), version: entry.version }))

  it('the lockfile has install scripts to review (esbuild)', () => {
    expect(withScripts.map(({ name }) => name)).toContain('esbuild')
  })

  it('package.json allowScripts decides each of them', () => {
    const keys = Object.keys(manifest.allowScripts ?? {})
    const undecided = withScripts.filter(
      ({ name, version }) => !keys.some((key) => covers(key, name, version)),
    )
    expect(undecided).toEqual([])
  })

  it('esbuild is approved: its postinstall validates the platform binary the build uses', () => {
    const approved = Object.entries(manifest.allowScripts ?? {}).filter(([key]) =>
      covers(key, 'esbuild', withScripts.find((p) => p.name === 'esbuild')?.version),
    )
    expect(approved.map(([, allowed]) => allowed)).toEqual([true])
  })
})
