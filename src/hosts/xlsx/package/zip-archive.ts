/**
 * The zip container of an .xlsx, read from its central directory and written entry by entry.
 *
 * Hand-written rather than taken from a zip library on purpose: the host must copy every part it
 * does not own exactly as it was (local header, compressed data and descriptor, byte for byte,
 * without inflating and deflating it again), and zip libraries only offer to recompress. Inflating
 * and deflating themselves are node:zlib's. ZIP64 archives are read; the writer writes ZIP64 records
 * only when an offset or a size needs them.
 */
import { constants, crc32, createDeflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib'

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_DIRECTORY = 0x06054b50
const ZIP64_END_OF_DIRECTORY = 0x06064b50
const ZIP64_LOCATOR = 0x07064b50
const DATA_DESCRIPTOR = 0x08074b50
const ZIP64_EXTRA = 0x0001
const MAX32 = 0xffffffff
const MAX16 = 0xffff
const LEVEL = 4

/** The archive cannot be read as a zip: the host reports the file as damaged. */
export class ZipFormatError extends Error {
  constructor(
    message: string,
    /** The kind of problem, for the Chinese message the host shows. */
    readonly kind: 'damaged' | 'encrypted' | 'method' | 'too-large' | 'size-lie' = 'damaged',
  ) {
    super(message)
    this.name = 'ZipFormatError'
  }
}

export interface ZipEntry {
  readonly name: string
  readonly flags: number
  readonly method: number
  readonly compressedSize: number
  /** Uncompressed size as the directory declares it (verified when the entry is inflated). */
  readonly size: number
  readonly crc: number
  readonly localOffset: number
  /** Where the compressed data starts. */
  readonly dataStart: number
  /** Just past the compressed data and its data descriptor, if any. */
  readonly rawEnd: number
  /** The central directory record, extra fields and comment included. */
  readonly central: Buffer
}

export interface ZipArchive {
  readonly bytes: Buffer
  readonly entries: readonly ZipEntry[]
  readonly byName: ReadonlyMap<string, ZipEntry>
}

function findEndOfDirectory(bytes: Buffer): number {
  // The end record sits in the last 22 bytes plus an optional comment of up to 65535 bytes.
  const searchFrom = Math.max(0, bytes.length - 22 - MAX16)
  for (let offset = bytes.length - 22; offset >= searchFrom; offset--) {
    if (bytes.readUInt32LE(offset) === END_OF_DIRECTORY) return offset
  }
  return -1
}

function readBig(bytes: Buffer, offset: number): number {
  const value = bytes.readBigUInt64LE(offset)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('压缩包目录中的数值过大')
  return Number(value)
}

export function readZip(bytes: Buffer): ZipArchive {
  const end = findEndOfDirectory(bytes)
  if (end < 0) throw new ZipFormatError('找不到压缩包的目录（文件不完整）')
  let count = bytes.readUInt16LE(end + 10)
  let directorySize = bytes.readUInt32LE(end + 12)
  let directoryOffset = bytes.readUInt32LE(end + 16)
  if (count === MAX16 || directorySize === MAX32 || directoryOffset === MAX32) {
    const locator = end - 20
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR)
      throw new ZipFormatError('压缩包的 ZIP64 目录缺失')
    const record = readBig(bytes, locator + 8)
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_END_OF_DIRECTORY)
      throw new ZipFormatError('压缩包的 ZIP64 目录缺失')
    count = readBig(bytes, record + 32)
    directorySize = readBig(bytes, record + 40)
    directoryOffset = readBig(bytes, record + 48)
  }
  if (directoryOffset + directorySize > bytes.length) throw new ZipFormatError('压缩包目录不完整')
  const entries: ZipEntry[] = []
  const byName = new Map<string, ZipEntry>()
  let offset = directoryOffset
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_HEADER)
      throw new ZipFormatError('压缩包目录有误')
    const flags = bytes.readUInt16LE(offset + 8)
    const method = bytes.readUInt16LE(offset + 10)
    const crc = bytes.readUInt32LE(offset + 16)
    let compressedSize = bytes.readUInt32LE(offset + 20)
    let size = bytes.readUInt32LE(offset + 24)
    const nameLength = bytes.readUInt16LE(offset + 28)
    const extraLength = bytes.readUInt16LE(offset + 30)
    const commentLength = bytes.readUInt16LE(offset + 32)
    let localOffset = bytes.readUInt32LE(offset + 42)
    const nameEnd = offset + 46 + nameLength
    const recordEnd = nameEnd + extraLength + commentLength
    if (recordEnd > bytes.length) throw new ZipFormatError('压缩包目录不完整')
    const name = bytes.toString('utf8', offset + 46, nameEnd)
    // ZIP64: the sizes and offset that do not fit are in the extra field, in this order.
    let extra = nameEnd
    while (extra + 4 <= nameEnd + extraLength) {
      const id = bytes.readUInt16LE(extra)
      const length = bytes.readUInt16LE(extra + 2)
      if (id === ZIP64_EXTRA) {
        let field = extra + 4
        if (size === MAX32) {
          size = readBig(bytes, field)
          field += 8
        }
        if (compressedSize === MAX32) {
          compressedSize = readBig(bytes, field)
          field += 8
        }
        if (localOffset === MAX32) localOffset = readBig(bytes, field)
      }
      extra += 4 + length
    }
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw new ZipFormatError(`部件 ${name} 的文件头有误`)
    const dataStart =
      localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28)
    if (dataStart + compressedSize > bytes.length) throw new ZipFormatError(`部件 ${name} 不完整`)
    let rawEnd = dataStart + compressedSize
    if (flags & 0x0008) {
      const signed = rawEnd + 4 <= bytes.length && bytes.readUInt32LE(rawEnd) === DATA_DESCRIPTOR
      const zip64 = size > MAX32 || compressedSize > MAX32
      rawEnd += (signed ? 4 : 0) + (zip64 ? 20 : 12)
    }
    const entry: ZipEntry = {
      name,
      flags,
      method,
      compressedSize,
      size,
      crc,
      localOffset,
      dataStart,
      rawEnd: Math.min(rawEnd, bytes.length),
      central: bytes.subarray(offset, recordEnd),
    }
    entries.push(entry)
    // Two entries of one name: the later one is what readers see (and what we keep).
    byName.set(name, entry)
    offset = recordEnd
  }
  return { bytes, entries, byName }
}

/**
 * The uncompressed bytes of an entry, refusing more than `maxBytes`: a part that claims to be small
 * and inflates to gigabytes (a zip bomb) stops at the cap instead of exhausting memory.
 */
export function inflateEntry(archive: ZipArchive, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.flags & 0x0001) throw new ZipFormatError(`${entry.name} is encrypted`, 'encrypted')
  if (entry.size > maxBytes) throw new ZipFormatError(`${entry.name} is ${entry.size} bytes`, 'too-large')
  const raw = archive.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
  if (entry.method === 0) return raw
  if (entry.method !== 8)
    throw new ZipFormatError(`${entry.name}: compression method ${entry.method}`, 'method')
  try {
    // No more than the directory declares: a part that inflates past its declared size is damaged
    // or built to exhaust memory.
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(maxBytes, entry.size)) })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipFormatError(
        `${entry.name} inflates beyond the ${entry.size} bytes it declares`,
        'size-lie',
      )
    throw new ZipFormatError(`部件 ${entry.name} 无法解压（${(error as Error).message}）`)
  }
}

/** The first bytes of an entry (at least `length` when it has them), without inflating the rest. */
export function entryHead(archive: ZipArchive, entry: ZipEntry, length: number): Buffer {
  const raw = archive.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
  if (entry.method === 0) return raw.subarray(0, length)
  if (entry.method !== 8 || entry.flags & 0x0001) return Buffer.alloc(0)
  try {
    // Deflate needs little input for a few kilobytes of XML; a sync flush returns what it has.
    return inflateRawSync(raw.subarray(0, Math.max(length, 16384)), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 1 << 20,
    })
  } catch {
    return Buffer.alloc(0)
  }
}

/** Builds a new archive in memory, entry after entry, then its central directory. */
export class ZipWriter {
  private offset = 0
  private readonly central = new Map<string, Buffer>()
  private readonly output: Buffer[] = []

  private write(bytes: Buffer): void {
    if (bytes.length === 0) return
    this.output.push(bytes)
    this.offset += bytes.length
  }

  /** The entry exactly as it was in its archive: header, data and descriptor, byte for byte. */
  copy(archive: ZipArchive, entry: ZipEntry): void {
    const start = this.offset
    this.write(archive.bytes.subarray(entry.localOffset, entry.rawEnd))
    this.central.set(entry.name, relocated(entry.central, start))
  }

  /**
   * A new entry (a part the tool wrote, or rewrote under the name of `like`), deflated as its text
   * streams in, so that a rewritten sheet is never held whole. The date and time of the old entry
   * are kept, so that only the content tells what changed.
   */
  async add(name: string, chunks: Iterable<string | Buffer>, like?: ZipEntry): Promise<void> {
    // Level 4: within a few per cent of zlib's default size, a third less time. A large writable
    // buffer lets the next chunk be made while zlib deflates the last one on its own thread.
    const deflate = createDeflateRaw({ level: LEVEL, writableHighWaterMark: 8 << 20 } as ZlibOptions)
    const compressed: Buffer[] = []
    deflate.on('data', (out: Buffer) => compressed.push(out))
    const ended = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve)
      deflate.once('error', reject)
    })
    let crc = 0
    let size = 0
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      if (bytes.length === 0) continue
      crc = crc32(bytes, crc)
      size += bytes.length
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve))
    }
    deflate.end()
    await ended
    const data = compressed.length === 1 ? (compressed[0] as Buffer) : Buffer.concat(compressed)
    this.addCompressed(name, data, crc >>> 0, size, like)
  }

  private addCompressed(name: string, compressed: Buffer, crc: number, size: number, like?: ZipEntry): void {
    const nameBytes = Buffer.from(name, 'utf8')
    const time = like ? like.central.readUInt16LE(12) : DOS_TIME
    const date = like ? like.central.readUInt16LE(14) : DOS_DATE
    const start = this.offset
    const zip64 = size >= MAX32 || compressed.length >= MAX32 || start >= MAX32
    const extra = zip64 ? zip64Extra(size, compressed.length, start) : Buffer.alloc(0)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_HEADER, 0)
    local.writeUInt16LE(zip64 ? 45 : 20, 4)
    local.writeUInt16LE(0x0800, 6) // names are UTF-8
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(zip64 ? MAX32 : compressed.length, 18)
    local.writeUInt32LE(zip64 ? MAX32 : size, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(extra.length, 28)
    this.write(local)
    this.write(nameBytes)
    this.write(extra)
    this.write(compressed)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(CENTRAL_HEADER, 0)
    central.writeUInt16LE(zip64 ? 45 : 20, 4)
    central.writeUInt16LE(zip64 ? 45 : 20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(zip64 ? MAX32 : compressed.length, 20)
    central.writeUInt32LE(zip64 ? MAX32 : size, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt16LE(extra.length, 30)
    central.writeUInt32LE(zip64 ? MAX32 : start, 42)
    this.central.set(name, Buffer.concat([central, nameBytes, extra]))
  }

  /** The archive, its directory listing the entries in `order` (names not in it follow). */
  finish(order: readonly string[]): Buffer {
    const directoryStart = this.offset
    const names = [...new Set([...order.filter((name) => this.central.has(name)), ...this.central.keys()])]
    for (const name of names) this.write(this.central.get(name) as Buffer)
    const directorySize = this.offset - directoryStart
    const count = names.length
    if (count >= MAX16 || directoryStart >= MAX32 || directorySize >= MAX32) {
      const record = Buffer.alloc(56)
      const recordStart = this.offset
      record.writeUInt32LE(ZIP64_END_OF_DIRECTORY, 0)
      record.writeBigUInt64LE(44n, 4)
      record.writeUInt16LE(45, 12)
      record.writeUInt16LE(45, 14)
      record.writeBigUInt64LE(BigInt(count), 24)
      record.writeBigUInt64LE(BigInt(count), 32)
      record.writeBigUInt64LE(BigInt(directorySize), 40)
      record.writeBigUInt64LE(BigInt(directoryStart), 48)
      this.write(record)
      const locator = Buffer.alloc(20)
      locator.writeUInt32LE(ZIP64_LOCATOR, 0)
      locator.writeBigUInt64LE(BigInt(recordStart), 8)
      locator.writeUInt32LE(1, 16)
      this.write(locator)
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(END_OF_DIRECTORY, 0)
    end.writeUInt16LE(Math.min(count, MAX16), 8)
    end.writeUInt16LE(Math.min(count, MAX16), 10)
    end.writeUInt32LE(Math.min(directorySize, MAX32), 12)
    end.writeUInt32LE(Math.min(directoryStart, MAX32), 16)
    this.write(end)
    return Buffer.concat(this.output)
  }
}

// 1980-01-01 00:00, the earliest time a zip can record, for parts that did not exist before.
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1

function zip64Extra(size: number, compressedSize: number, offset: number): Buffer {
  const extra = Buffer.alloc(28)
  extra.writeUInt16LE(ZIP64_EXTRA, 0)
  extra.writeUInt16LE(24, 2)
  extra.writeBigUInt64LE(BigInt(size), 4)
  extra.writeBigUInt64LE(BigInt(compressedSize), 12)
  extra.writeBigUInt64LE(BigInt(offset), 20)
  return extra
}

/** A copied entry's central record, pointing at its new local header. */
function relocated(central: Buffer, offset: number): Buffer {
  const record = Buffer.from(central)
  if (record.readUInt32LE(42) !== MAX32) {
    if (offset >= MAX32) throw new ZipFormatError('archive too large to rewrite', 'too-large')
    record.writeUInt32LE(offset, 42)
    return record
  }
  // The offset lives in the ZIP64 extra field, after the sizes that overflowed.
  const nameLength = record.readUInt16LE(28)
  const extraLength = record.readUInt16LE(30)
  let extra = 46 + nameLength
  while (extra + 4 <= 46 + nameLength + extraLength) {
    const id = record.readUInt16LE(extra)
    const length = record.readUInt16LE(extra + 2)
    if (id === ZIP64_EXTRA) {
      let field = extra + 4
      if (record.readUInt32LE(24) === MAX32) field += 8
      if (record.readUInt32LE(20) === MAX32) field += 8
      record.writeBigUInt64LE(BigInt(offset), field)
      return record
    }
    extra += 4 + length
  }
  throw new ZipFormatError('压缩包目录缺少 ZIP64 位置')
}
