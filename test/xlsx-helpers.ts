/** Shared fixtures for the local-host tests: temporary folders, workbook round trips, tiny zips. */
import * as fs from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import ExcelJS from 'exceljs'
import PizZip from 'pizzip'
import { type IsoDate, isIsoDate } from '../src/core/dates'
import { defineTemplate, type TabTemplate } from '../src/core/template'
import { type PackageOptions, XlsxPackage } from '../src/hosts/xlsx/package/xlsx-package'
import { writeZip } from './support/zip-parts'

/** A ledger shaped like the real ones, kept here so that template edits do not move these tests. */
export const LEDGER: TabTemplate = defineTemplate({
  id: 'testLedger',
  name: '测试台账',
  kind: 'ledger',
  key: '编号',
  columns: [
    { header: '编号', type: 'text', required: true, unique: true },
    { header: '名称', type: 'text' },
    { header: '类别', type: 'enum', options: ['甲类', '乙类', '丙类'] },
    { header: '确认日期', type: 'date' },
    { header: '到访时间', type: 'datetime' },
    { header: '数量', type: 'integer', note: '留空按 1 计' },
    { header: '到期日', type: 'date', owned: true },
    { header: '提醒', type: 'text', owned: true },
  ],
})

export const TOOL_TAB: TabTemplate = defineTemplate({
  id: 'testAlerts',
  name: '测试汇总',
  kind: 'tool',
  columns: [
    { header: '台账', type: 'text' },
    { header: '行', type: 'integer' },
    { header: '说明', type: 'text' },
    { header: '期限', type: 'date' },
  ],
})

export const LOG_TAB: TabTemplate = defineTemplate({
  id: 'testLog',
  name: '测试日志',
  kind: 'tool',
  appendOnly: true,
  columns: [
    { header: '时间', type: 'text' },
    { header: '操作', type: 'text' },
  ],
})

const createdDirectories: string[] = []

export async function temporaryDirectory(): Promise<string> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-test-'))
  createdDirectories.push(directory)
  return directory
}

/** For afterAll: removes the folders this test file made. */
export async function removeTemporaryDirectories(): Promise<void> {
  const directories = createdDirectories.splice(0)
  await Promise.all(directories.map((directory) => fs.rm(directory, { recursive: true, force: true })))
}

/** Saves and loads again in memory, as a later run of the tool would see the file. */
export async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const copy = new ExcelJS.Workbook()
  await copy.xlsx.load(await workbook.xlsx.writeBuffer())
  return copy
}

/**
 * A saved workbook (a file or its bytes) as an independent reader sees it: ExcelJS, which the tool
 * itself no longer uses, so that a test inspects what Excel would open rather than the host's view.
 */
export async function readBack(source: string | Uint8Array): Promise<ExcelJS.Workbook> {
  const bytes = typeof source === 'string' ? await fs.readFile(source) : Buffer.from(source)
  const workbook = new ExcelJS.Workbook()
  // ExcelJS's load signature predates Node's Buffer generics.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return workbook
}

/** The host over a workbook built with ExcelJS, as `taizhang` would open that file. */
export async function packageOf(
  workbook: ExcelJS.Workbook,
  options: PackageOptions = {},
): Promise<XlsxPackage> {
  return XlsxPackage.fromBytes(Buffer.from(await workbook.xlsx.writeBuffer()), options)
}

/** Saves the host's package and opens it again, as the next run of the tool would. */
export async function reopened(workbook: XlsxPackage, options: PackageOptions = {}): Promise<XlsxPackage> {
  return XlsxPackage.fromBytes(await workbook.toBuffer(), options)
}

/** Every part of a package (an .xlsx) by name, decompressed, read with an independent zip reader. */
export function packageParts(bytes: Uint8Array): Map<string, Buffer> {
  const zip = new PizZip(bytes)
  const parts = new Map<string, Buffer>()
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) parts.set(entry.name, Buffer.from(entry.asUint8Array()))
  }
  return parts
}

/** The worksheet XML of a tab, found through workbook.xml and its relationships as Excel finds it. */
export function sheetXml(bytes: Uint8Array, tab: string): string {
  const parts = packageParts(bytes)
  const text = (name: string): string => {
    const part = parts.get(name)
    if (!part) throw new Error(`no part ${name}`)
    return part.toString('utf8')
  }
  const sheet = [...text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)]
    .map((match) => match[0])
    .find((tag) => tag.includes(`name="${tab}"`))
  const id = sheet && /\sr:id="([^"]+)"/.exec(sheet)?.[1]
  if (!id) throw new Error(`no tab ${tab}`)
  const relationship = [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s[^>]*>/g)]
    .map((match) => match[0])
    .find((tag) => tag.includes(`Id="${id}"`))
  const target = relationship && /\sTarget="([^"]+)"/.exec(relationship)?.[1]
  if (!target) throw new Error(`no relationship ${id}`)
  return text(target.startsWith('/') ? target.slice(1) : `xl/${target}`)
}

export interface ValidationXml {
  readonly sqref: string
  readonly type: string | undefined
  readonly operator: string | undefined
  readonly formula1: string | undefined
}

/** The <dataValidation> elements of a worksheet's XML, each as the ranges it states. */
export function validationsIn(xml: string): ValidationXml[] {
  return [...xml.matchAll(/<dataValidation\s([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)].map((match) => {
    const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(match[1] ?? '')?.[1]
    return {
      sqref: attribute('sqref') ?? '',
      type: attribute('type'),
      operator: attribute('operator'),
      formula1: xmlText(/<formula1>([\s\S]*?)<\/formula1>/.exec(match[2] ?? '')?.[1]),
    }
  })
}

function xmlText(text: string | undefined): string | undefined {
  return text
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The data validation ExcelJS reads for one cell (ExcelJS keeps them per cell, or per range). */
export function validationAt(
  worksheet: ExcelJS.Worksheet,
  address: string,
): ExcelJS.DataValidation | undefined {
  const model = (
    worksheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
  ).dataValidations.model
  const own = model[address]
  if (own !== undefined) return own
  const cell = cellPosition(address)
  for (const [key, validation] of Object.entries(model)) {
    const [from, to] = key.split(':').map(cellPosition)
    if (!from || !to || !cell) continue
    if (cell.row >= from.row && cell.row <= to.row && cell.column >= from.column && cell.column <= to.column)
      return validation
  }
  return undefined
}

function cellPosition(address: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address)
  if (!match) return undefined
  const column = [...(match[1] as string)].reduce((sum, char) => sum * 26 + char.charCodeAt(0) - 64, 0)
  return { row: Number(match[2]), column }
}

export function utcDate(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds))
}

/** A stored (uncompressed) zip archive, enough to make files that are zips but not workbooks. */
export function zipArchive(entries: Readonly<Record<string, string>>): Buffer {
  return writeZip(
    Object.entries(entries).map(([name, text]) => ({ name, data: Buffer.from(text), store: true })),
  )
}

/** The first sector of an OLE compound file, with the given stream names in its directory. */
export function compoundFile(streamNames: readonly string[]): Buffer {
  const header = Buffer.alloc(512)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header)
  const directory = Buffer.alloc(128 * Math.max(1, streamNames.length))
  streamNames.forEach((name, index) => {
    Buffer.from(name, 'utf16le').copy(directory, index * 128)
  })
  return Buffer.concat([header, directory])
}

/** A calendar date for fixtures; a typo in a test date fails loudly. */
export function day(text: string): IsoDate {
  if (!isIsoDate(text)) throw new Error(`not a date: ${text}`)
  return text
}

/** The smallest workbook Excel writes (one tab, one header), plus any extra package parts. */
export function minimalWorkbook(extraParts: Readonly<Record<string, string>> = {}): Buffer {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  const relationships = 'http://schemas.openxmlformats.org/package/2006/relationships'
  const officeDocument = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  return zipArchive({
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="${relationships}"><Relationship Id="rId1" Type="${officeDocument}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${xml}<workbook xmlns="${main}" xmlns:r="${officeDocument}"><sheets><sheet name="样件台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="${relationships}"><Relationship Id="rId1" Type="${officeDocument}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `${xml}<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>样件编号</t></is></c></row></sheetData></worksheet>`,
    ...extraParts,
  })
}
