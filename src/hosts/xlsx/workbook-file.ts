/**
 * Opening and saving the .xlsx file. Opening tells the user, in Chinese and naming the file, why a
 * file cannot be used; saving is atomic (a temporary file in the same folder, flushed, then renamed
 * over the original), so a crash or a full disk never leaves a half-written workbook behind.
 */
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { PackageError, XlsxPackage } from './package/xlsx-package'

/** A file that cannot be used as a workbook: the CLI prints the message and exits 1. */
export class UnusableFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message)
    this.name = 'UnusableFileError'
  }
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024

export interface OpenOptions {
  /** Larger files are refused before they are read. */
  readonly maxBytes?: number
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const EMPTY_ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06])
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

export function newWorkbook(): XlsxPackage {
  return XlsxPackage.blank()
}

export async function openWorkbookFile(file: string, options: OpenOptions = {}): Promise<XlsxPackage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const shown = path.resolve(file)
  let stat: Awaited<ReturnType<typeof fs.stat>>
  try {
    stat = await fs.stat(file)
  } catch (error) {
    throw new UnusableFileError(shown, accessMessage(shown, error))
  }
  if (stat.isDirectory())
    throw new UnusableFileError(shown, `“${shown}”是一个文件夹，不是工作簿文件，请指定 .xlsx 文件`)
  if (stat.size > maxBytes) {
    throw new UnusableFileError(
      shown,
      `文件“${shown}”有 ${megabytes(stat.size)} MB，超过了 ${megabytes(maxBytes)} MB 的上限；台账工作簿不应这么大，请检查是否选错了文件或清理图片等大对象`,
    )
  }
  let bytes: Buffer
  try {
    bytes = await fs.readFile(file)
  } catch (error) {
    throw new UnusableFileError(shown, accessMessage(shown, error))
  }
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
    workbook = XlsxPackage.fromBytes(bytes)
  } catch (error) {
    if (error instanceof PackageError) throw new UnusableFileError(shown, `文件“${shown}”${error.message}`)
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
  return `文件“${shown}”是旧版 Excel 97-2003（.xls）或其他 Office 格式，不是 .xlsx 工作簿；请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）`
}

function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 512)
  return !head.includes(0)
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature)
}

function accessMessage(shown: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `找不到文件“${shown}”，请检查路径和文件名（新建台账请运行 taizhang init）`
    case 'EACCES':
    case 'EPERM':
      return `没有权限读取文件“${shown}”`
    case 'ENOTDIR':
      return `路径“${shown}”中有一段不是文件夹`
    default:
      return `无法读取文件“${shown}”：${errorText(error)}`
  }
}

/**
 * Excel and WPS leave an owner file (~$台账.xlsx) beside a workbook they have open, LibreOffice a
 * .~lock file. Saving in Excel after the tool has written would overwrite the tool's results, so
 * the CLI warns; it does not refuse, since a crashed Excel leaves the owner file behind.
 */
export async function openElsewhereWarning(file: string): Promise<string | undefined> {
  const shown = path.resolve(file)
  const directory = path.dirname(shown)
  const name = path.basename(shown)
  const owners = [`~$${name}`, `~$${name.slice(2)}`, `.~lock.${name}#`]
  for (const owner of owners) {
    const exists = await fs.access(path.join(directory, owner)).then(
      () => true,
      () => false,
    )
    if (exists) {
      return `注意：“${shown}”似乎正在 Excel、WPS 或其他表格软件中打开（发现 ${owner}）；请在那里关闭它而不保存，否则在那里保存会覆盖本次写入的结果`
    }
  }
  return undefined
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
    if (error instanceof PackageError) throw new UnusableFileError(shown, `工作簿“${shown}”${error.message}`)
    throw new Error(`无法生成工作簿“${shown}”的内容（${errorText(error)}），原文件未改动`, { cause: error })
  }
  await writeFileAtomic(shown, bytes, options)
}

export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array,
  options: SaveOptions = {},
): Promise<void> {
  // Through a symbolic link, replace the file it points to, not the link.
  const target = await fs.realpath(file).catch(() => file)
  const directory = path.dirname(target)
  const temporary = path.join(
    directory,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  const mode = await fs.stat(target).then(
    (stat) => stat.mode & 0o777,
    () => 0o666,
  )
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode)
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    handle = undefined
    await options.beforeRename?.(temporary)
    await fs.rename(temporary, target)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await fs.rm(temporary, { force: true }).catch(() => undefined)
    throw new UnusableFileError(target, saveMessage(target, error))
  }
  await syncDirectory(directory)
}

/**
 * Removes the temporary files that runs killed while saving left beside the workbook
 * (.台账.xlsx.<pid>.<random>.tmp): the workbook itself is intact, since only the rename replaces it.
 * Called while holding the workbook's lock, so no live run of this computer is writing one; a file
 * whose process still runs is left alone.
 */
export async function removeAbandonedTemporaryFiles(file: string): Promise<string[]> {
  const target = await fs.realpath(file).catch(() => path.resolve(file))
  const directory = path.dirname(target)
  const prefix = `.${path.basename(target)}.`
  const names = await fs.readdir(directory).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))
    if (!match) continue
    const pid = Number(match[1])
    if (pid === process.pid || processRuns(pid)) continue
    await fs.rm(path.join(directory, name), { force: true }).catch(() => undefined)
    removed.push(name)
  }
  return removed
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM'
  }
}

/** Makes the rename itself durable; not every platform can open a directory, which is fine. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(directory, 'r')
    await handle.sync()
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

function saveMessage(target: string, error: unknown): string {
  const reason = errorText(error)
  switch (errorCode(error)) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return `无法保存工作簿“${target}”：文件可能正被 Excel 或 WPS 打开，或没有写入权限；请关闭该文件后重试（原文件未改动；${reason}）`
    case 'ENOSPC':
      return `无法保存工作簿“${target}”：磁盘空间不足（原文件未改动）`
    case 'ENOENT':
      return `无法保存工作簿“${target}”：文件夹不存在`
    default:
      return `无法保存工作簿“${target}”（原文件未改动；${reason}）`
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)
}
