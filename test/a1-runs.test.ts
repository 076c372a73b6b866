/** Columns into runs of adjacent columns (src/core/a1.ts): one range per run in both hosts' writes. */
import { describe, expect, it } from 'vitest'
import { adjacentColumnRuns } from '../src/core/a1'

describe('adjacentColumnRuns', () => {
  it.each([
    [[], []],
    [[4], [[4]]],
    [
      [2, 3, 5],
      [[2, 3], [5]],
    ],
    [
      [5, 3, 2, 9, 4],
      [[2, 3, 4, 5], [9]],
    ],
    [
      [0, 2, 4],
      [[0], [2], [4]],
    ],
    [
      [3, 3, 4],
      [[3], [3, 4]],
    ],
  ])('%j → %j', (columns, runs) => {
    expect(adjacentColumnRuns(columns, (column) => column)).toEqual(runs)
  })

  it('keeps the things themselves, and leaves the list it was given as it was', () => {
    const owned = [
      { header: '提醒', at: 7 },
      { header: '有效期至', at: 6 },
      { header: '备注', at: 1 },
    ]
    expect(adjacentColumnRuns(owned, (column) => column.at)).toEqual([
      [{ header: '备注', at: 1 }],
      [
        { header: '有效期至', at: 6 },
        { header: '提醒', at: 7 },
      ],
    ])
    expect(owned.map((column) => column.at)).toEqual([7, 6, 1])
  })
})
