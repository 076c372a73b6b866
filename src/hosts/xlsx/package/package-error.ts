/**
 * What the package host says when a package cannot be used: a PackageError whose message
 * continues the sentence “文件“…””, in Chinese, naming the part when it helps. The file is left as it
 * was; the CLI prints the message and exits 1.
 */
import { MAX_ELEMENT_CHARS } from './sheet-scanner'
import { ZipFormatError } from './zip-archive'

/** No part of a ledger workbook is this large uncompressed; a zip bomb is. */
export const DEFAULT_MAX_PART_BYTES = 1024 * 1024 * 1024

export class PackageError extends Error {
  constructor(
    /** What is wrong, continuing the sentence “文件“…””. */
    readonly detail: string,
    /** The file, when the package knows which. */
    readonly file?: string,
  ) {
    super(file === undefined ? `工作簿${detail}` : `文件“${file}”${detail}`)
    this.name = 'PackageError'
  }
}

/** A package fault as a PackageError naming the file; anything else (a bug) as it is. */
export function withSource(error: unknown, source: string | undefined): unknown {
  if (!(error instanceof PackageError) && !(error instanceof ZipFormatError)) return error
  const fault = packageErrorOf(error)
  return source === undefined || fault.file !== undefined ? fault : new PackageError(fault.detail, source)
}

export function packageErrorOf(error: PackageError | ZipFormatError, part?: string): PackageError {
  if (error instanceof PackageError) return error
  if (error instanceof ZipFormatError) {
    const where = part === undefined ? '' : `（部件 ${part}）`
    switch (error.kind) {
      case 'encrypted':
        return new PackageError(
          `中的部件经过 zip 加密${where}，台账工具无法读取；请在 Excel 或 WPS 中打开后另存一份`,
        )
      case 'method':
        return new PackageError(
          `使用了 Excel 不使用的压缩方式${where}，无法读取；请在 Excel 或 WPS 中打开后另存为 .xlsx`,
        )
      case 'size-lie':
        return new PackageError(
          `中有一个部件解压后比压缩包目录登记的大小还大${where}，文件已损坏或是被构造过的“压缩炸弹”；本次未做任何改动`,
        )
      case 'too-large':
        return new PackageError(
          `中有一个部件解压后过大${where}（超过 ${DEFAULT_MAX_PART_BYTES / 1024 / 1024} MB，或一个单元格、一行超过 ${MAX_ELEMENT_CHARS / 1024 / 1024} MB），不是正常的台账工作簿，可能已损坏或是“压缩炸弹”；本次未做任何改动`,
        )
      default:
        return new PackageError(
          `已损坏或不完整，无法作为工作簿打开（${error.message}${part === undefined || error.message.includes(part) ? '' : where}）；请用 Excel 或 WPS 打开检查，或改用备份`,
        )
    }
  }
  return error
}
