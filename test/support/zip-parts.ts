/**
 * A small zip reader and writer for the package tests, independent of the host under test: it reads
 * the central directory (with Zip64), inflates each part with node:zlib, and never trusts a declared
 * size for how much it inflates (each part is capped).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

export interface ZipPart {
  readonly name: string
  readonly data: Buffer
}

export interface ReadZipOptions {
  /** The most one part may inflate to; a larger part throws. */
  readonly maxPartBytes?: number
  /** Throw when a part inflates to another size than the directory says (default true). */
  readonly checkSizes?: boolean
}

const EOCD = 0x06054b50
const EOCD64 = 0x06064b50
const EOCD64_LOCATOR = 0x07064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** Every file part of the archive (folders left out), in central-directory order. Throws on a broken zip. */
export function readZip(bytes: Buffer, options: ReadZipOptions = {}): ZipPart[] {
  const maxPartBytes = options.maxPartBytes ?? 1024 * 1024 * 1024
  const end = findEndOfCentralDirectory(bytes)
  let entries = bytes.readUInt16LE(end + 10)
  let directorySize = bytes.readUInt32LE(end + 12)
  let directoryOffset = bytes.readUInt32LE(end + 16)
  if (end >= 20 && bytes.readUInt32LE(end - 20) === EOCD64_LOCATOR) {
    const end64 = Number(bytes.readBigUInt64LE(end - 20 + 8))
    if (end64 + 56 > bytes.length || bytes.readUInt32LE(end64) !== EOCD64)
      throw new Error('broken Zip64 end record')
    entries = Number(bytes.readBigUInt64LE(end64 + 32))
    directorySize = Number(bytes.readBigUInt64LE(end64 + 40))
    directoryOffset = Number(bytes.readBigUInt64LE(end64 + 48))
  }
  if (directoryOffset + directorySize > bytes.length)
    throw new Error('central directory beyond the end of the file')
  const parts: ZipPart[] = []
  let at = directoryOffset
  for (let index = 0; index < entries; index++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      throw new Error(`broken central directory entry ${index}`)
    const flags = bytes.readUInt16LE(at + 8)
    const method = bytes.readUInt16LE(at + 10)
    let compressedSize = bytes.readUInt32LE(at + 20)
    let size = bytes.readUInt32LE(at + 24)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    let localOffset = bytes.readUInt32LE(at + 42)
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1')
    const extra = bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e)
      const length = extra.readUInt16LE(e + 2)
      if (id === 0x0001) {
        let z = e + 4
        if (size === 0xffffffff) {
          size = Number(extra.readBigUInt64LE(z))
          z += 8
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(extra.readBigUInt64LE(z))
          z += 8
        }
        if (localOffset === 0xffffffff) localOffset = Number(extra.readBigUInt64LE(z))
      }
      e += 4 + length
    }
    at += 46 + nameLength + extraLength + commentLength
    if (name.endsWith('/')) continue
    if (flags & 0x1) throw new Error(`part ${name} is encrypted`)
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) {
      throw new Error(`part ${name}: no local header`)
    }
    const dataStart =
      localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28)
    if (dataStart + compressedSize > bytes.length) throw new Error(`part ${name} is truncated`)
    const raw = bytes.subarray(dataStart, dataStart + compressedSize)
    let data: Buffer
    if (method === 0) data = Buffer.from(raw)
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: maxPartBytes })
      } catch (error) {
        throw new Error(`part ${name} does not inflate: ${(error as Error).message}`)
      }
    } else throw new Error(`part ${name}: compression method ${method}`)
    if (data.length !== size && options.checkSizes !== false)
      throw new Error(`part ${name}: ${data.length} bytes, the directory says ${size}`)
    parts.push({ name, data })
  }
  return parts
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at
  }
  throw new Error('not a zip archive (no end of central directory)')
}

export interface ZipEntry {
  readonly name: string
  readonly data: Buffer
  /** Stored instead of deflated. */
  readonly store?: boolean
  /** Lie about the uncompressed size in both headers (for hostile files). */
  readonly declaredSize?: number
  /** Already deflated bytes to write as they are, with the CRC and size of what they inflate to. */
  readonly deflated?: { readonly bytes: Buffer; readonly crc: number; readonly size: number }
}

/** A zip archive of the given entries (deflated unless `store`). */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const body = entry.store
      ? entry.data
      : (entry.deflated?.bytes ?? deflateRawSync(entry.data, { level: 9 }))
    const crc = entry.deflated?.crc ?? crc32(entry.data)
    const size = entry.declaredSize ?? entry.deflated?.size ?? entry.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6)
    local.writeUInt16LE(entry.store ? 0 : 8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(CENTRAL, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(entry.store ? 0 : 8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(EOCD, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
