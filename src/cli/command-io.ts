import type { WorkbookPort } from '../app/workbook-port'

/** What a command that writes the workbook is handed by main.ts. */
export interface CommandIo {
  readonly line: (text: string) => void
  readonly progress: (text: string) => void
  readonly now: () => Date
  /** 操作日志's 执行人, from the command line or the workbook's 参数. */
  readonly actor: (workbook: WorkbookPort) => string
}
