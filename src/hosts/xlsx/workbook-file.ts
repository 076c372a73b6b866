/**
 * Opening and saving the .xlsx file. Opening tells the user, in Chinese and naming the file, why a
 * file cannot be used; saving is atomic (a temporary file in the same folder, flushed, then renamed
 * over the original), so a crash or a full disk never leaves a half-written workbook behind.
 */
import * as path from 'node:path'
import { readWorkbookBytes, UnusableFileError, writeFileAtomic } from './file-safety'
import { PackageError, XlsxPackage } from './package/xlsx-package'

export {
  DEFAULT_MAX_BYTES,
  errorCode,
  OpenElsewhereError,
  openElsewhereWarning,
  removeAbandonedTemporaryFiles,
  UnusableFileError,
  writeFileAtomic,
} from './file-safety'

export interface OpenOptions {
  /** Larger files are refused before they are read. */
  readonly maxBytes?: number
  /** The workbook will not be saved: a read-only file, or one open in Excel, may still be read. */
  readonly readOnly?: boolean
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const EMPTY_ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06])
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

export function newWorkbook(): XlsxPackage {
  return XlsxPackage.blank()
}

export async function openWorkbookFile(file: string, options: OpenOptions = {}): Promise<XlsxPackage> {
  const shown = path.resolve(file)
  const bytes = await readWorkbookBytes(shown, { maxBytes: options.maxBytes, forWriting: !options.readOnly })
  return loadWorkbook(shown, bytes)
}

export async function loadWorkbook(shown: string, bytes: Buffer): Promise<XlsxPackage> {
  if (bytes.length === 0)
    throw new UnusableFileError(shown, `文件“${shown}”是空文件（0 字节），不是 Excel 工作簿`)
  if (startsWith(bytes, CFB_SIGNATURE)) throw new UnusableFileError(shown, compoundFileMessage(shown, bytes))
  if (!startsWith(bytes, ZIP_SIGNATURE) && !startsWith(bytes, EMPTY_ZIP_SIGNATURE)) {
    throw new UnusableFileError(
      shown,
      `文件“${shown}”不是 Excel 工作簿（.xlsx）${looksLikeText(bytes) ? '：它是文本文件（例如 CSV），' : '，'}请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）`,
    )
  }
  let workbook: XlsxPackage
  try {
    workbook = XlsxPackage.fromBytes(bytes, { source: shown })
  } catch (error) {
    if (error instanceof PackageError) throw new UnusableFileError(shown, error.message)
    throw error
  }
  if (workbook.tabNames().length === 0) {
    throw new UnusableFileError(
      shown,
      `文件“${shown}”是压缩包，但不是 Excel 工作簿（里面没有工作表），请确认选择的是 .xlsx 文件`,
    )
  }
  return workbook
}

/**
 * An OLE compound file is either an encrypted OOXML package (the EncryptedPackage stream) or a
 * legacy binary Office file such as an Excel 97-2003 .xls.
 */
function compoundFileMessage(shown: string, bytes: Buffer): string {
  if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
    return `文件“${shown}”设置了打开密码（已加密），台账工具无法读取；请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后再试`
  }
  return `文件“${shown}”是旧版 Excel 97-2003（.xls）、WPS 表格（.et）或其他二进制 Office 格式，不是 .xlsx 工作簿；请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）`
}

function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 512)
  return !head.includes(0)
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature)
}

export interface SaveOptions {
  /** Test hook: called with the temporary file just before it replaces the workbook. */
  readonly beforeRename?: (temporaryFile: string) => Promise<void> | void
}

/** Writes the workbook to `file` atomically: the original stays intact when anything fails. */
export async function saveWorkbookFile(
  workbook: XlsxPackage,
  file: string,
  options: SaveOptions = {},
): Promise<void> {
  const shown = path.resolve(file)
  let bytes: Uint8Array
  try {
    bytes = await workbook.toBuffer()
  } catch (error) {
    if (error instanceof PackageError) throw new UnusableFileError(shown, error.message)
    throw new Error(`无法生成工作簿“${shown}”的内容（${errorText(error)}），原文件未改动`, { cause: error })
  }
  await writeFileAtomic(shown, bytes, options)
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
