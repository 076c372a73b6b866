/**
 * The OOXML of the default Word templates (scripts/make-letter-template.mjs,
 * scripts/make-seal-form-template.mjs), written by hand and kept to what Word, WPS and LibreOffice
 * need; the zip is reproducible (fixed entry dates): writing it twice gives the same bytes.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import PizZip from 'pizzip'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** A TypeScript module of src/ bundled and imported, for the layouts the templates are made from. */
export async function sourceModule(entry) {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    // docxtemplater fills docProps/core.xml too: no placeholder may appear there.
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  })
  const code = result.outputFiles[0].text
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * One paragraph. Body text is 宋体 小四 (12 pt), 1.5 lines, left-aligned (justified lines would
 * stretch before a line break inside an answer); `indent` is the two-character first-line indent of
 * Chinese prose; the title is 黑体 小二 (18 pt). Digits and quotation marks are 宋体 too, so that
 * “ ” print full-width as in the seed, and Word puts no extra space between Chinese and digits, so
 * that a date reads 2025年9月26日 as one word (LibreOffice adds the space regardless).
 */
export function paragraph(text, { align, indent = false, title = false, spaceAfter = 0 } = {}) {
  const pPr = [
    align ? `<w:jc w:val="${align}"/>` : '',
    `<w:spacing w:before="0" w:after="${spaceAfter}" w:line="360" w:lineRule="auto"/>`,
    indent ? '<w:ind w:firstLineChars="200" w:firstLine="480"/>' : '',
  ].join('')
  const rPr = title
    ? '<w:rPr><w:rFonts w:ascii="SimHei" w:eastAsia="黑体" w:hAnsi="SimHei" w:hint="eastAsia"/><w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr>'
    : ''
  const run = text === '' ? '' : `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`
  return `<w:p><w:pPr>${pPr}</w:pPr>${run}</w:p>`
}

// A4 portrait; margins 2.54 cm top and bottom, 3.17 cm left and right (Word's Chinese default).
const sectPr =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'

const documentXml = (body) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${sectPr}</w:body></w:document>`

const stylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="Times New Roman" w:hint="eastAsia"/><w:kern w:val="2"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="left"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>`

const settingsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// The fonts' other names and kinds, for a system without them: a serif for 宋体, a sans for 黑体.
const fontTableXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="${W}"><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="SimHei"><w:altName w:val="黑体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font></w:fonts>`

const contentTypesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>`

const coreXml = (title, description) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:creator>台账</dc:creator><dc:description>${escapeXml(description)}</dc:description></cp:coreProperties>`

const ENTRY_DATE = new Date('2026-01-01T00:00:00Z')

/** Writes the template: `body` is the paragraphs' XML; title and description go in its properties. */
export async function writeTemplate(out, body, { title, description }) {
  const zip = new PizZip()
  for (const [name, content] of [
    ['[Content_Types].xml', contentTypesXml],
    ['_rels/.rels', packageRels],
    ['docProps/core.xml', coreXml(title, description)],
    ['word/document.xml', documentXml(body)],
    ['word/styles.xml', stylesXml],
    ['word/settings.xml', settingsXml],
    ['word/fontTable.xml', fontTableXml],
    ['word/_rels/document.xml.rels', documentRels],
  ]) {
    zip.file(name, content, { date: ENTRY_DATE, createFolders: false })
  }
  await writeFile(out, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }))
  console.log(`${path.relative(ROOT, out)} written`)
}
