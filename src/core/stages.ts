/**
 * The stages of a check, for whoever wants to time them (npm run bench). The check only says when it
 * enters a stage; the listener owns the clock, so the application needs none and runs unchanged in
 * Apps Script.
 */

/**
 * read: the host hands over a tab · parse: cells become typed records · derive: a ledger computes its
 * dates and facts · rules: the rules engine · write: owned columns, tool tabs and the log.
 */
export type CheckStage = 'read' | 'parse' | 'derive' | 'rules' | 'write'

export type StageListener = (stage: CheckStage) => void

export class Stages {
  private current: CheckStage | undefined

  constructor(private readonly listener?: StageListener) {}

  enter(stage: CheckStage): void {
    if (stage === this.current) return
    this.current = stage
    this.listener?.(stage)
  }

  /** Runs `work` in `stage`, then goes back to the stage it interrupted. */
  during<T>(stage: CheckStage, work: () => T): T {
    const previous = this.current
    this.enter(stage)
    try {
      return work()
    } finally {
      if (previous !== undefined) this.enter(previous)
    }
  }

  /** `during` for work that completes later (the rules engine is asynchronous). */
  async duringAsync<T>(stage: CheckStage, work: () => Promise<T>): Promise<T> {
    const previous = this.current
    this.enter(stage)
    try {
      return await work()
    } finally {
      if (previous !== undefined) this.enter(previous)
    }
  }
}
