/** A demo workbook made by `taizhang init --demo` (in-process, its clock at `now`) in a fresh temporary folder. */
import * as path from 'node:path'
import { expect } from 'vitest'
import { EXIT_OK } from '../../src/cli/main'
import { temporaryDirectory } from '../xlsx-helpers'
import { inProcess } from './cli-process'

/** The workbook's path; the test file removes the folder with removeTemporaryDirectories. */
export async function demoBook(now: Date, name = '台账.xlsx'): Promise<string> {
  const file = path.join(await temporaryDirectory(), name)
  const run = await inProcess(now, 'init', file, '--demo')
  expect(run.status, run.stderr).toBe(EXIT_OK)
  return file
}
