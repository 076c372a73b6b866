/**
 * What an .xlsx holds that ExcelJS cannot write back. ExcelJS keeps the parts it understands and
 * silently leaves out the rest when it saves, so a user's chart or pivot table would vanish the first
 * time the tool saved the workbook. The zip's directory names the parts; nothing is unpacked.
 */

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50

/** Part name prefixes ExcelJS 4.4 drops on save, with what users call them. */
const DROPPED_PARTS: readonly (readonly [prefix: string, feature: string])[] = [
  ['xl/charts/', '图表'],
  ['xl/chartsheets/', '图表工作表'],
  ['xl/pivotTables/', '数据透视表'],
  ['xl/pivotCache/', '数据透视表'],
  ['xl/vbaProject.bin', '宏（VBA）'],
  ['xl/slicers/', '切片器'],
  ['xl/slicerCaches/', '切片器'],
  ['xl/timelines/', '日程表'],
  ['xl/threadedComments/', '新版批注（会话式批注）'],
  ['xl/externalLinks/', '外部链接'],
  ['xl/queryTables/', '外部数据查询'],
  ['xl/connections.xml', '外部数据连接'],
]

/** The part names in a zip's central directory, or undefined when it cannot be read. */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  // The end record sits in the last 22 bytes plus an optional comment of up to 65535 bytes.
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff)
  let end = -1
  for (let offset = bytes.length - 22; offset >= searchFrom; offset--) {
    if (bytes.readUInt32LE(offset) === END_OF_DIRECTORY) {
      end = offset
      break
    }
  }
  if (end < 0) return undefined
  const count = bytes.readUInt16LE(end + 10)
  let offset = bytes.readUInt32LE(end + 16)
  const names: string[] = []
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY) return undefined
    const nameLength = bytes.readUInt16LE(offset + 28)
    const extraLength = bytes.readUInt16LE(offset + 30)
    const commentLength = bytes.readUInt16LE(offset + 32)
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return names
}

/** The features of this workbook that saving through ExcelJS would lose, each named once. */
export function droppedFeatures(bytes: Buffer): string[] {
  const names = zipEntryNames(bytes) ?? []
  const features = new Set<string>()
  for (const name of names) {
    for (const [prefix, feature] of DROPPED_PARTS) {
      if (name.startsWith(prefix)) features.add(feature)
    }
  }
  return [...features]
}
