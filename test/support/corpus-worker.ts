/**
 * The worker thread of the corpus test: calls the CLI's main() in this process, one command at a
 * time, so that a workbook on which the tool spins can be stopped (the thread is terminated) without
 * stopping the shard. Bundled by esbuild from corpus-run.ts.
 */
import { parentPort } from 'node:worker_threads'
import { main } from '../../src/cli/main'

// ExcelJS and the host may print warnings; the outcome says what matters.
console.warn = () => undefined
console.error = () => undefined
console.log = () => undefined

parentPort?.on('message', async (request: { args: string[]; now: string }) => {
  let stderr = ''
  let code: number
  try {
    code = await main(request.args, {
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text
      },
      now: () => new Date(request.now),
    })
  } catch (error) {
    // main() reports every error itself; this is a failure of main() as such.
    code = 99
    stderr += `main() threw: ${error instanceof Error ? error.stack : String(error)}`
  }
  parentPort?.postMessage({ code, stderr })
})
