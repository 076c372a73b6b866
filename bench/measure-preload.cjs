'use strict'
// Loaded by the bench with --require (in NODE_OPTIONS) into every Node process of a measured run:
// the command, and any Node it starts, such as bin/taizhang.mjs running itself again with a larger
// heap. At exit each writes its own resource usage to TAIZHANG_BENCH_MEASURE_DIR/<pid>.json, so the
// bench sees how many processes there were, the heap each had, and the peak memory of each.
const fs = require('node:fs')
const path = require('node:path')
const v8 = require('node:v8')

const directory = process.env.TAIZHANG_BENCH_MEASURE_DIR
if (directory) {
  const started = Date.now()
  process.on('exit', (code) => {
    const usage = process.resourceUsage()
    const record = {
      pid: process.pid,
      ppid: process.ppid,
      argv: process.argv.slice(1),
      execArgv: process.execArgv,
      heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
      // resourceUsage(): maxRSS in kilobytes, CPU times in microseconds.
      maxRssKb: usage.maxRSS,
      userUs: usage.userCPUTime,
      systemUs: usage.systemCPUTime,
      wallMs: Date.now() - started,
      exitCode: code,
    }
    try {
      fs.writeFileSync(path.join(directory, `${process.pid}.json`), JSON.stringify(record))
    } catch {
      // The bench reads what it finds; a record that cannot be written is reported missing.
    }
  })
}
