/**
 * The demo workbook of `npm start`: a few dozen samples and inspection records, dated relative to
 * the day it is made so that every kind of finding shows whenever it runs.
 */

import type { Cell } from '../../core/cells'
import { addDays, addMonths, type IsoDate } from '../../core/dates'
import type { SeedRows } from '../../core/ledger'

interface DemoSample {
  readonly name: string
  readonly part: string
  readonly customer: string
  readonly type: string
  readonly nature: string
  readonly material: string
  /** 确认日期 as months and days before today (a cell that is text is written as typed). */
  readonly confirmed: readonly [months: number, days: number] | string
  readonly validityMonths?: number
  readonly lastCalibration?: readonly [months: number, days: number]
  readonly status: string
  readonly department: string
  readonly custodian: string
  readonly location: string
  /** Inspection records: months/days before today and the result. */
  readonly inspections?: readonly (readonly [
    months: number,
    days: number,
    result: '合格' | '不合格',
    action: string,
  ])[]
}

const QA = '工艺质量部'
const TECH = '技术部'

// Each line reads: what it shows when the check runs.
const SAMPLES: readonly DemoSample[] = [
  // healthy samples, well inside validity and calibration
  s('前门铰链', 'QM-5201010', '一汽大众', '指导性样件', '标准样件', '冲压件', [2, 0], QA, '王立', 'A-01'),
  s('后门铰链', 'QM-6201010', '一汽大众', '指导性样件', '标准样件', '冲压件', [3, 5], QA, '王立', 'A-02'),
  s('座椅滑轨', 'QM-6800110', '上汽通用', '参考性样件', '封样样件', '冲压件', [4, 12], QA, '王立', 'A-03'),
  s('螺栓 M8×25', 'GB5783-M8', '长城汽车', '指导性样件', '标准样件', '标准件', [1, 3], QA, '李娜', 'B-01'),
  s('卡扣', 'QM-8210330', '吉利汽车', '指导性样件', '封样样件', '塑料件', [1, 10], TECH, '赵敏', 'C-01'),
  s('仪表板饰条', 'QM-5305120', '比亚迪', '指导性样件', '标准样件', '塑料件', [2, 0], TECH, '赵敏', 'C-02'),
  s(
    '车门密封条',
    'QM-6107010',
    '奇瑞汽车',
    '指导性样件',
    '封样样件',
    '橡胶件',
    [0, 40],
    TECH,
    '赵敏',
    'D-01',
  ),
  s('油箱盖', 'QM-1103100', '长城汽车', '参考性样件', '标准样件', '其他', [5, 0], QA, '李娜', 'E-01'),
  // SAMPLE_EXPIRED: past 有效期至
  s('后视镜支架', 'QM-8202210', '上汽通用', '指导性样件', '标准样件', '冲压件', [13, 0], QA, '王立', 'A-04'),
  s('减震垫', 'QM-2905110', '吉利汽车', '指导性样件', '封样样件', '橡胶件', [4, 0], TECH, '赵敏', 'D-02'),
  s('格栅装饰件', 'QM-8401010', '比亚迪', '指导性样件', '标准样件', '塑料件', [7, 3], TECH, '赵敏', 'C-03'),
  // SAMPLE_EXPIRING: 有效期至 within 30 days (today included)
  s('线束护套', 'QM-3724110', '奇瑞汽车', '指导性样件', '标准样件', '塑料件', [6, -12], TECH, '赵敏', 'C-04'),
  s('门槛压条', 'QM-5109010', '一汽大众', '指导性样件', '标准样件', '橡胶件', [3, 0], TECH, '赵敏', 'D-03'),
  s('加强板', 'QM-5401210', '长城汽车', '指导性样件', '标准样件', '冲压件', [12, -25], QA, '王立', 'A-05'),
  // SAMPLE_CALIBRATION_OVERDUE: validity set longer, never calibrated since confirmation
  {
    ...s(
      '副车架托臂',
      'QM-2810010',
      '上汽通用',
      '参考性样件',
      '标准样件',
      '冲压件',
      [14, 0],
      QA,
      '王立',
      'A-06',
    ),
    validityMonths: 24,
  },
  {
    ...s(
      '六角法兰螺母',
      'GB6177-M10',
      '比亚迪',
      '指导性样件',
      '标准样件',
      '标准件',
      [18, 0],
      QA,
      '李娜',
      'B-02',
    ),
    validityMonths: 36,
    lastCalibration: [13, 10],
  },
  // SAMPLE_CALIBRATION_DUE: last passing inspection almost a year ago
  {
    ...s(
      '转向节支架',
      'QM-3001210',
      '吉利汽车',
      '参考性样件',
      '标准样件',
      '冲压件',
      [20, 0],
      QA,
      '王立',
      'A-07',
    ),
    validityMonths: 36,
    inspections: [[11, 15, '合格', '继续使用']],
  },
  // SAMPLE_INSPECTION_FAILED: newest inspection failed and the sample is still 在用
  s('顶盖横梁', 'QM-5701010', '一汽大众', '指导性样件', '标准样件', '冲压件', [5, 0], QA, '王立', 'A-08', [
    [2, 0, '合格', '继续使用'],
    [0, 6, '不合格', '校型'],
  ]),
  // failed, then corrected and passed again: no longer flagged
  s('侧围外板', 'QM-5401510', '长城汽车', '指导性样件', '标准样件', '冲压件', [6, 0], QA, '王立', 'A-09', [
    [1, 0, '不合格', '校型'],
    [0, 20, '合格', '继续使用'],
  ]),
  // failed and isolated as the regulation asks: not flagged as failed
  s(
    '保险杠支架',
    'QM-2803110',
    '奇瑞汽车',
    '指导性样件',
    '标准样件',
    '冲压件',
    [3, 0],
    QA,
    '王立',
    '隔离区',
    [[0, 10, '不合格', '更换']],
    '隔离',
  ),
  // SAMPLE_TEMPORARY_TOO_LONG: a stop-gap sample kept over 90 days
  s('前舱盖锁扣', 'QM-8402110', '比亚迪', '指导性样件', '临时样件', '冲压件', [4, 0], TECH, '赵敏', 'T-01'),
  s('尾灯支架', 'QM-4133010', '吉利汽车', '指导性样件', '临时样件', '塑料件', [0, 30], TECH, '赵敏', 'T-02'),
  // 失效 / 已销毁: no expiry or calibration findings
  s(
    '旧款门把手',
    'QM-6105150',
    '上汽通用',
    '指导性样件',
    '标准样件',
    '塑料件',
    [20, 0],
    TECH,
    '赵敏',
    '报废区',
    undefined,
    '失效',
  ),
  s(
    '旧款挡泥板',
    'QM-8403110',
    '奇瑞汽车',
    '指导性样件',
    '标准样件',
    '橡胶件',
    [30, 0],
    TECH,
    '赵敏',
    '—',
    undefined,
    '已销毁',
  ),
  // bad cells: each a DATA_INVALID finding that names tab, row and column; the other rows still checked
  s(
    '空调出风口',
    'QM-8121010',
    '长城汽车',
    '指导性样件',
    '标准样件',
    '塑料件',
    '2026-13-45',
    TECH,
    '赵敏',
    'C-05',
  ),
  s('雨刮支架', 'QM-5205110', '一汽大众', '指导性样件', '标准样件', '铝件', [2, 0], QA, '王立', 'A-10'),
  s(
    '=HYPERLINK("http://example.com","示例")',
    'QM-0000000',
    '比亚迪',
    '指导性样件',
    '标准样件',
    '冲压件',
    [13, 0],
    QA,
    '王立',
    'A-11',
  ),
  // SAMPLE_TEMPORARY_SUPERSEDED: the stop-gap sample is still in use beside the sealed one
  s('门锁扣板', 'QM-6105310', '上汽通用', '指导性样件', '临时样件', '冲压件', [0, 20], TECH, '赵敏', 'T-03'),
  s('门锁扣板', 'QM-6105310', '上汽通用', '指导性样件', '封样样件', '冲压件', [0, 5], TECH, '赵敏', 'A-12'),
]

function s(
  name: string,
  part: string,
  customer: string,
  type: string,
  nature: string,
  material: string,
  confirmed: DemoSample['confirmed'],
  department: string,
  custodian: string,
  location: string,
  inspections?: DemoSample['inspections'],
  status = '在用',
): DemoSample {
  return {
    name,
    part,
    customer,
    type,
    nature,
    material,
    confirmed,
    department,
    custodian,
    location,
    status,
    ...(inspections ? { inspections } : {}),
  }
}

function before(today: IsoDate, [months, days]: readonly [number, number]): IsoDate {
  return addDays(addMonths(today, -months), -days)
}

export function demoRows(today: IsoDate): SeedRows {
  const samples: Cell[][] = []
  const inspections: Cell[][] = []
  SAMPLES.forEach((sample, index) => {
    const id = `YJ-${String(index + 1).padStart(3, '0')}`
    const confirmed: Cell =
      typeof sample.confirmed === 'string' ? sample.confirmed : { date: before(today, sample.confirmed) }
    samples.push([
      id,
      sample.name,
      sample.part,
      sample.customer,
      sample.type,
      sample.nature,
      sample.material,
      confirmed,
      sample.validityMonths ?? null,
      sample.lastCalibration ? { date: before(today, sample.lastCalibration) } : null,
      null,
      sample.department,
      sample.custodian,
      sample.location,
      sample.status,
    ])
    for (const [months, days, result, action] of sample.inspections ?? []) {
      inspections.push([
        `JY-${String(inspections.length + 1).padStart(3, '0')}`,
        id,
        { date: before(today, [months, days]) },
        result === '合格' ? '定期检验' : '异常检验',
        result,
        action,
        '孙强',
        result === '合格' ? '全尺寸检验，与原始记录相符' : '关键尺寸超差',
      ])
    }
  })
  // A duplicate id (copied row) and an inspection of a sample that is not in the ledger.
  const copied = samples[0]
  if (copied) samples.push([...copied.slice(0, 1), '前门铰链（复制行）', ...copied.slice(2)])
  inspections.push([
    'JY-999',
    'YJ-404',
    { date: addDays(today, -3) },
    '定期检验',
    '合格',
    '继续使用',
    '孙强',
    '编号写错',
  ])
  return { samples, inspections }
}
