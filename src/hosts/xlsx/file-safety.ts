/**
 * File-level safety of the local host, whatever reads and writes the package:
 * - `readWorkbookBytes` reads a workbook only when it is a regular file (a FIFO, socket, device or
 *   folder is refused at once, never opened for a blocking read), at most `maxBytes` of it whatever
 *   `stat` says, and, for a run that will save, only when the file is writable and not open in
 *   Excel, WPS or LibreOffice;
 * - `writeFileAtomic` replaces a file by a temporary file in the same folder, flushed and renamed
 *   over it, keeping the original's mode and owner; the workbook is written through a symbolic link
 *   to the file it points to, an output file (`followSymlink: false`) never is;
 * - `removeAbandonedTemporaryFiles` clears what runs killed while saving left behind;
 * - `fitFileName` keeps the names the tool makes within `MAX_FILE_NAME_BYTES`.
 * Every refusal is an `UnusableFileError` (the CLI prints it and exits 1) naming the file.
 */
import { createHash, randomBytes } from 'node:crypto'
import { constants, readlinkSync, realpathSync, type Stats } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'

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

/** A workbook that Excel, WPS or LibreOffice has open (its owner file is beside it). */
export class OpenElsewhereError extends UnusableFileError {
  constructor(
    file: string,
    readonly ownerFile: string,
  ) {
    super(
      file,
      `工作簿“${file}”正在 Excel、WPS 或 LibreOffice 中打开（发现 ${ownerFile}），本次未做任何改动：请先在 Excel/WPS/LibreOffice 中关闭它再运行（如果已经关闭，或那个程序曾经异常退出，请删除 ${ownerFile}）；只想检查而不写入，可用 taizhang check --dry-run`,
    )
    this.name = 'OpenElsewhereError'
  }
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024

/** Names the tool makes (temporary files, locks, charts, letters) stay within this many UTF-8 bytes. */
export const MAX_FILE_NAME_BYTES = 200

export interface ReadWorkbookOptions {
  /** Larger files are refused: at most maxBytes + 1 bytes are ever read. */
  readonly maxBytes?: number
  /**
   * The run will save the workbook: a read-only file, or one open in Excel, WPS or LibreOffice, is
   * refused before anything is done.
   */
  readonly forWriting?: boolean
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0
const O_NOCTTY = constants.O_NOCTTY ?? 0
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0

/**
 * The bytes of the workbook `file`, after the checks above. Reads through a symbolic link (the
 * workbook may be one); the file is opened non-blocking and checked again on the descriptor, so a
 * FIFO swapped in after the check still cannot make the run wait.
 */
export async function readWorkbookBytes(file: string, options: ReadWorkbookOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const shown = path.resolve(file)
  let stat: Stats
  try {
    stat = await fs.stat(shown)
  } catch (error) {
    throw new UnusableFileError(shown, await accessMessage(shown, error))
  }
  refuseIrregular(shown, stat)
  if (stat.size > maxBytes) throw new UnusableFileError(shown, tooLargeMessage(shown, stat.size, maxBytes))
  if (options.forWriting) {
    await refuseReadOnly(shown, stat)
    await refuseIfOpenElsewhere(shown)
  }
  let handle: fs.FileHandle
  try {
    handle = await fs.open(shown, constants.O_RDONLY | O_NONBLOCK | O_NOCTTY)
  } catch (error) {
    throw new UnusableFileError(shown, await accessMessage(shown, error))
  }
  try {
    refuseIrregular(shown, await handle.stat())
    return await readAtMost(shown, handle, maxBytes)
  } finally {
    await handle.close().catch(() => undefined)
  }
}

function refuseIrregular(shown: string, stat: Stats): void {
  if (stat.isDirectory())
    throw new UnusableFileError(shown, `“${shown}”是一个文件夹，不是工作簿文件，请指定 .xlsx 文件`)
  if (stat.isFile()) return
  const kind = stat.isFIFO()
    ? '命名管道（FIFO）'
    : stat.isSocket()
      ? '套接字'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? '设备文件'
        : '特殊文件'
  throw new UnusableFileError(
    shown,
    `“${shown}”是${kind}，不是普通文件，台账工具不会读取它；请指定保存在磁盘上的 .xlsx 工作簿`,
  )
}

/** Reads to the end, refusing the file as soon as more than maxBytes arrive. */
async function readAtMost(shown: string, handle: fs.FileHandle, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  let chunkSize = Math.min(Math.max((await handle.stat()).size, 64 * 1024), maxBytes) + 1
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(chunkSize, maxBytes + 1 - total))
    let bytesRead: number
    try {
      ;({ bytesRead } = await handle.read(chunk, 0, chunk.length, null))
    } catch (error) {
      throw new UnusableFileError(shown, await accessMessage(shown, error))
    }
    if (bytesRead === 0) break
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
    total += bytesRead
    if (total > maxBytes) throw new UnusableFileError(shown, tooLargeMessage(shown, total, maxBytes, true))
    chunkSize = 1024 * 1024
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total)
}

function tooLargeMessage(shown: string, size: number, maxBytes: number, atLeast = false): string {
  return `文件“${shown}”${atLeast ? '超过' : '有'} ${megabytes(size)} MB，超过了 ${megabytes(maxBytes)} MB 的上限；台账工作簿不应这么大，请检查是否选错了文件或清理图片等大对象`
}

/**
 * A workbook without write permission (mode 444, or “只读” in Windows) is one its user does not
 * want changed. The folder may still allow replacing it, so the mode bits are checked, not only
 * access(2) (which always says yes to root).
 */
async function refuseReadOnly(shown: string, stat: Stats): Promise<void> {
  const writable =
    (stat.mode & 0o222) !== 0 &&
    (await fs.access(shown, constants.W_OK).then(
      () => true,
      () => false,
    ))
  if (writable) return
  throw new UnusableFileError(
    shown,
    `工作簿“${shown}”是只读文件（没有写入权限），本次未做任何改动。如需台账工具写入，请先去掉只读属性（Windows：右键 → 属性 → 取消勾选“只读”；macOS/Linux：chmod u+w "${shown}"）；只想检查而不写入，可用 taizhang check --dry-run`,
  )
}

async function accessMessage(shown: string, error: unknown): Promise<string> {
  switch (errorCode(error)) {
    case 'ENOENT': {
      const link = await fs.lstat(shown).then(
        (stat) => stat.isSymbolicLink(),
        () => false,
      )
      return link
        ? `“${shown}”是一个符号链接，但它指向的文件不存在，请检查链接`
        : `找不到文件“${shown}”，请检查路径和文件名（新建台账请运行 taizhang init）`
    }
    case 'EACCES':
    case 'EPERM':
      return `没有权限读取文件“${shown}”`
    case 'ENOTDIR':
      return `路径“${shown}”中有一段不是文件夹`
    case 'ELOOP':
      return `“${shown}”是循环的符号链接，请检查链接`
    case 'EISDIR':
      return `“${shown}”是一个文件夹，不是工作簿文件，请指定 .xlsx 文件`
    default:
      return `无法读取文件“${shown}”：${errorText(error)}`
  }
}

/**
 * The file a path names once every symbolic link is resolved, also when the file itself does not
 * exist yet (then its folder is resolved, and a dangling link leads to where it points).
 */
export function realPath(file: string): string {
  let current = path.resolve(file)
  for (let hop = 0; hop < 40; hop++) {
    try {
      return realpathSync.native(current)
    } catch {
      // Missing: a dangling link points on; otherwise resolve the folder and keep the name.
    }
    let target: string | undefined
    try {
      target = path.resolve(path.dirname(current), readlinkSync(current))
    } catch {
      target = undefined
    }
    if (target === undefined) {
      let directory: string
      try {
        directory = realpathSync.native(path.dirname(current))
      } catch {
        directory = path.dirname(current)
      }
      return path.join(directory, path.basename(current))
    }
    current = target
  }
  return current
}

/**
 * `stem + suffix` when it fits in maxBytes of UTF-8; otherwise the stem is cut (at a character
 * boundary) and `-<8 hex of the stem's hash>` added, so that two long names stay apart.
 */
export function fitFileName(stem: string, suffix = '', maxBytes = MAX_FILE_NAME_BYTES): string {
  if (Buffer.byteLength(stem + suffix) <= maxBytes) return stem + suffix
  const hash = createHash('sha256').update(stem).digest('hex').slice(0, 8)
  const budget = maxBytes - Buffer.byteLength(suffix) - hash.length - 1
  return `${truncateUtf8(stem, budget)}-${hash}${suffix}`
}

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0
  let result = ''
  for (const character of text) {
    const size = Buffer.byteLength(character)
    if (bytes + size > maxBytes) break
    bytes += size
    result += character
  }
  return result
}

/**
 * Excel and WPS leave an owner file beside a workbook they have open (~$台账.xlsx; for a long name
 * ~$ replaces its first two characters), LibreOffice .~lock.台账.xlsx#. Looked for beside the path
 * as given and beside the file it resolves to. Returns the owner file found, if any.
 */
export async function ownerFileOf(file: string): Promise<string | undefined> {
  const places = [...new Set([path.resolve(file), realPath(file)])]
  for (const place of places) {
    const directory = path.dirname(place)
    const name = path.basename(place)
    for (const owner of [`~$${name}`, `~$${name.slice(2)}`, `.~lock.${name}#`]) {
      const candidate = path.join(directory, owner)
      const exists = await fs.lstat(candidate).then(
        () => true,
        () => false,
      )
      if (exists) return candidate
    }
  }
  return undefined
}

/** For a run that saves: refuses a workbook open in Excel, WPS or LibreOffice. */
export async function refuseIfOpenElsewhere(file: string): Promise<void> {
  const owner = await ownerFileOf(file)
  if (owner !== undefined) throw new OpenElsewhereError(path.resolve(file), owner)
}

/** For a run that does not save (--dry-run): the warning to print, if the workbook is open elsewhere. */
export async function openElsewhereWarning(file: string): Promise<string | undefined> {
  const owner = await ownerFileOf(file)
  if (owner === undefined) return undefined
  return `注意：“${path.resolve(file)}”似乎正在 Excel、WPS 或 LibreOffice 中打开（发现 ${path.basename(owner)}）；本次只读取，不写入。写入前请先在那里关闭它`
}

export interface AtomicWriteOptions {
  /**
   * true (the default, for the workbook): through a symbolic link, the file it points to is
   * replaced. false (an output file such as the chart): the name itself is replaced, a link there
   * included, and nothing is ever written through a link.
   */
  readonly followSymlink?: boolean
  /** Test hook: called with the temporary file just before it replaces the file. */
  readonly beforeRename?: (temporaryFile: string) => Promise<void> | void
}

/**
 * Writes `bytes` to `file` atomically: a temporary file in the same folder (created with O_EXCL and
 * O_NOFOLLOW), written, flushed, given the original's mode and owner, then renamed over the file.
 * The original stays intact when anything fails; a file without write permission is not replaced.
 */
export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = options.followSymlink === false ? path.resolve(file) : realPath(file)
  const directory = path.dirname(target)
  const original = await fs.lstat(target).catch(() => undefined)
  if (original?.isDirectory())
    throw new UnusableFileError(target, `无法写入“${target}”：同名的文件夹已经存在`)
  // A link (output files only) is replaced, not followed: its target's mode and owner do not apply.
  const kept = original?.isFile() ? original : undefined
  if (kept && (kept.mode & 0o222) === 0) {
    throw new UnusableFileError(
      target,
      `文件“${target}”是只读文件（没有写入权限），本次未替换它；请先去掉只读属性（chmod u+w）或移走该文件后再运行`,
    )
  }
  const temporary = path.join(directory, temporaryFileName(target))
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
      // Replacing a file: private until its mode is copied. A new file: the usual 0666 less umask.
      kept ? 0o600 : 0o666,
    )
    await handle.writeFile(bytes)
    await keepOwnerAndMode(handle, kept)
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

/** The original's owner (possible as root, or for a group we are in) and mode. */
async function keepOwnerAndMode(handle: fs.FileHandle, original: Stats | undefined): Promise<void> {
  // A new file was created 0666 less the umask, like any other.
  if (original === undefined) return
  const uid = process.getuid?.()
  const gid = process.getgid?.()
  if (uid !== undefined && (original.uid !== uid || original.gid !== gid)) {
    const ignorable = (error: unknown): void => {
      if (!['EPERM', 'EINVAL', 'ENOSYS', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error
    }
    try {
      await handle.chown(original.uid, original.gid)
    } catch (error) {
      // Not root: the new file is ours; its group can still be kept when we belong to it.
      ignorable(error)
      if (original.gid !== gid) await handle.chown(uid, original.gid).catch(ignorable)
    }
  }
  await handle.chmod(original.mode & 0o777)
}

/** .<name>.<pid>.<8 hex>.tmp beside the file, the name shortened when it is long. */
function temporaryFileName(target: string): string {
  return `${temporaryPrefix(target)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

function temporaryPrefix(target: string): string {
  return `.${fitFileName(path.basename(target))}.`
}

/**
 * Removes the temporary files that runs killed while saving left beside the workbook
 * (.台账.xlsx.<pid>.<random>.tmp): the workbook itself is intact, since only the rename replaces it.
 * Called while holding the workbook's lock, so no live run of this computer is writing one; a file
 * whose process still runs is left alone.
 */
export async function removeAbandonedTemporaryFiles(file: string): Promise<string[]> {
  const target = realPath(file)
  const directory = path.dirname(target)
  const prefix = temporaryPrefix(target)
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

/** Whether a process of this computer with that pid runs (EPERM: it does, as another user). */
export function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
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
      return `无法保存“${target}”：文件可能正被 Excel 或 WPS 打开，或没有写入权限；请关闭该文件后重试（原文件未改动；${reason}）`
    case 'ENOSPC':
      return `无法保存“${target}”：磁盘空间不足（原文件未改动）`
    case 'ENOENT':
      return `无法保存“${target}”：文件夹不存在`
    case 'EROFS':
      return `无法保存“${target}”：所在的磁盘是只读的（原文件未改动）`
    case 'ENAMETOOLONG':
      return `无法保存“${target}”：文件名或路径太长，请改短工作簿的文件名或换到较浅的文件夹（原文件未改动）`
    default:
      return `无法保存“${target}”（原文件未改动；${reason}）`
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)
}
