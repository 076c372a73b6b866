/**
 * The taizhang command (SPEC §5): parse the arguments, open and lock the workbook, run the
 * application, save atomically, print. Everything a command decides lives in src/app.
 *
 * Exit status: 0 the work was done (findings are not failures), 1 the input is unusable (no such
 * file, not a regular file, not a workbook, a required tab or header missing, the file locked by
 * another run; for a run that saves, a read-only workbook or one open in Excel/WPS/LibreOffice), 2 a usage
 * error (unknown command or option, a malformed --today, --year or --period, a half-year not begun).
 */
import { existsSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Command, CommanderError, Help, InvalidArgumentError } from 'commander'
import packageJson from '../../package.json'
import { logActor } from '../app/actor'
import { runCheck } from '../app/check'
import { demoRows } from '../app/demo'
import { snapshotAlerts } from '../app/digest'
import { runInit } from '../app/init'
import { runPlan } from '../app/plan'
import { LetterRefusedError } from '../app/reply-letter'
import { reportJson, runReport } from '../app/report'
import { runWhy } from '../app/why'
import type { WorkbookPort } from '../app/workbook-port'
import { dateInTimeZone, type IsoDate, isIsoDate } from '../core/dates'
import { explanationText } from '../core/explain-text'
import {
  FIRST_PERIOD_YEAR,
  formatPeriod,
  type HalfYear,
  LAST_PERIOD_YEAR,
  parsePeriod,
  periodRange,
} from '../core/periods'
import { terminalText } from '../core/printable'
import { ACTOR_PARAMETER } from '../core/settings-tabs'
import { UnusableTabError } from '../core/table'
import { defaultTemplatePath, LetterTemplateError } from '../hosts/xlsx/docx-letter'
import { defaultSealFormTemplatePath } from '../hosts/xlsx/docx-seal-form'
import { acquireLock, type FileLock } from '../hosts/xlsx/file-lock'
import {
  fitFileName,
  MAX_FILE_NAME_BYTES,
  openElsewhereWarning,
  refuseIfOpenElsewhere,
  UnusableFileError,
  writeFileAtomic,
} from '../hosts/xlsx/file-safety'
import { PackageError } from '../hosts/xlsx/package/xlsx-package'
import { newWorkbook, openWorkbookFile, saveWorkbookFile } from '../hosts/xlsx/workbook-file'
import type { CommandIo } from './command-io'
import { halfYearChartSvg } from './half-year-chart'
import { reportText } from './half-year-text'
import { helpDisplayWidth, wrapHelpText } from './help-layout'
import { runLetterCommand } from './letter-command'
import { notifyAfterCheck } from './notify-command'
import { checkText, initText, planText } from './report-text'
import { runSatisfactionCommand } from './satisfaction-command'
import { runSealFormCommand } from './seal-form-command'
import { runSupplierCommand } from './supplier-command'

export const EXIT_OK = 0
export const EXIT_UNUSABLE = 1
export const EXIT_USAGE = 2

export interface CliIo {
  /** Results: the summary, or the JSON of --json and nothing else. */
  readonly stdout: (text: string) => void
  /** Progress and error messages. */
  readonly stderr: (text: string) => void
  readonly now: () => Date
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
}

/** A command line that names something that cannot work, found after commander parsed it. */
class UsageError extends Error {}

export async function main(argv: readonly string[], rawIo: CliIo = processIo): Promise<number> {
  const io = terminalIo(rawIo)
  const program = buildProgram(io)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return EXIT_OK
  } catch (error) {
    return reportError(
      error,
      io,
      program.commands.map((command) => command.name()),
    )
  }
}

/**
 * The long options each command's parser accepts, by command name ('' for the options before any
 * command; every command also takes --help): what the README's examples are checked against.
 */
export function commandLineOptions(): ReadonlyMap<string, readonly string[]> {
  const program = buildProgram(processIo)
  const longs = (command: Command): string[] => [
    ...command.options.flatMap((option) => (option.long === undefined ? [] : [option.long])),
    '--help',
  ]
  return new Map([
    ['', longs(program)],
    ['help', ['--help']],
    ...program.commands.map((command): [string, string[]] => [command.name(), longs(command)]),
  ])
}

/**
 * Everything the command prints passes here: a control character from a cell (ESC [31m, a carriage
 * return, the right-to-left override) is printed as its escape, so that no workbook can colour,
 * overwrite or reorder the terminal. Line breaks are the command's own; a value's line breaks are
 * escaped where the value is quoted (explanationText, checkText). JSON stays valid: such characters
 * can stand only inside its strings, where \u001b means what the raw character meant.
 */
function terminalIo(io: CliIo): CliIo {
  return {
    stdout: (text) => io.stdout(terminalText(text)),
    stderr: (text) => io.stderr(terminalText(text)),
    now: io.now,
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('taizhang')
  const line = (text: string): void => io.stdout(`${text}\n`)
  const progress = (text: string): void => io.stderr(`${text}\n`)
  /** What a command that writes the workbook is handed; 执行人 from --actor or the workbook's 参数. */
  const commandIo = (actor: string | undefined): CommandIo => ({
    line,
    progress,
    now: io.now,
    actor: (port) => actorOf(port, actor),
  })

  program
    .description('台账：样件与客户管理台账的检查工具（本地 .xlsx 工作簿）')
    .usage('<命令> <工作簿.xlsx> [选项]')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander's own messages are English; reportError prints them in Chinese.
      outputError: () => undefined,
    })
    .configureHelp({
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      // Chinese descriptions: aligned by the columns a terminal gives them, wrapped between characters.
      displayWidth: helpDisplayWidth,
      boxWrap: wrapHelpText,
      subcommandTerm: (command) => defaultHelp.subcommandTerm(command).replace('[options]', '[选项]'),
    })
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .version(packageJson.version, '-V, --version', '显示版本号')

  program
    .command('init')
    .description('按模板新建工作簿；已有的工作簿只补齐缺少的工作表和表头，不改动已有数据')
    .usage('<工作簿.xlsx> [--demo] [--actor 姓名]')
    .argument('<工作簿.xlsx>', '工作簿文件路径（不存在则新建）')
    .option('--demo', '新建的工作簿填入演示数据（只用于新文件）')
    .option(...ACTOR_OPTION)
    .action(async (file: string, options: { demo?: boolean; actor?: string }) => {
      const target = path.resolve(file)
      const exists = existsSync(target)
      // Demo rows are made-up records: never mixed into the tabs init adds to a workbook in use.
      if (exists && options.demo) {
        throw new UsageError(
          `--demo 只用于新建工作簿，而“${target}”已经存在：补齐它的工作表和表头请去掉 --demo；要看示例请换一个新的文件名，例如 taizhang init 台账示例.xlsx --demo`,
        )
      }
      if (!exists && path.extname(target).toLowerCase() !== '.xlsx') {
        throw new UsageError(`新建的工作簿文件名须以 .xlsx 结尾：“${target}”`)
      }
      await withLock(target, exists ? 'save' : 'create', progress, async () => {
        progress(exists ? `正在读取 ${target} …` : `正在新建 ${target} …`)
        const workbook = exists ? await openWorkbookFile(target) : newWorkbook()
        const today = dateInTimeZone(io.now(), workbook.timeZone)
        const report = runInit(
          workbook,
          {
            actor: actorOf(workbook, options.actor),
            today,
            seedRows: options.demo ? demoRows(today) : undefined,
          },
          io.now(),
        )
        progress(`正在写入 ${target} …`)
        await saveWorkbookFile(workbook, target)
        line(initText(report, target, !exists))
      })
    })

  program
    .command('check')
    .description('检查全部台账：写回工具列、“提醒汇总”和“操作日志”，并打印摘要')
    .usage('<工作簿.xlsx> [--today YYYY-MM-DD] [--json] [--dry-run] [--notify] [--actor 姓名]')
    .argument('<工作簿.xlsx>', '工作簿文件路径')
    .option(
      '--today <日期>',
      '按这一天检查（YYYY-MM-DD），默认为工作簿时区（Asia/Shanghai）的今天',
      parseToday,
    )
    .option('--json', '在标准输出打印 JSON：{"today": …, "findings": […]}')
    .option('--dry-run', '只检查并打印结果，不写入工作簿')
    .option(...ACTOR_OPTION)
    .option(
      '--notify',
      '检查写入后，把各人负责的提醒推送到“人员”表中的企业微信/钉钉/飞书群机器人（参数“每日提醒推送”须为“是”；与 --dry-run 同用只打印不发送）',
    )
    .action(
      async (
        file: string,
        options: { today?: IsoDate; json?: boolean; dryRun?: boolean; notify?: boolean; actor?: string },
      ) => {
        const target = path.resolve(file)
        const dryRun = options.dryRun === true
        // A dry run writes nothing, and saving replaces the file in one rename, so it needs no lock.
        await withLock(target, dryRun ? 'read' : 'save', progress, async () => {
          progress(`正在读取 ${target} …`)
          const workbook = await openWorkbookFile(target, { readOnly: dryRun })
          const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
          // The check writes no 参数: the 执行人 of its log line is that of the digests' line too.
          const actor = actorOf(workbook, options.actor)
          // 提醒汇总 as it was before this check: what is new since the last one.
          const before = options.notify ? snapshotAlerts(workbook, today) : undefined
          const report = await runCheck(workbook, { today, actor, dryRun, progress }, io.now())
          if (!dryRun) {
            progress(`正在写入 ${target} …`)
            await saveWorkbookFile(workbook, target)
          }
          if (options.json) line(JSON.stringify({ today: report.today, findings: report.findings }, null, 2))
          else line(checkText(report, target, dryRun))
          if (before !== undefined) {
            const logged = await notifyAfterCheck(workbook, report, before, dryRun, {
              progress,
              // --json keeps stdout for the JSON alone.
              line: options.json ? progress : line,
              now: io.now,
              actor,
            })
            if (logged) await saveWorkbookFile(workbook, target)
          }
        })
      },
    )

  program
    .command('report')
    .description(
      '生成报告：--period 半年评估（写入“半年评估”并画趋势图）；--year --survey 顾客满意度调查分析报告；--year --suppliers 供应商年度评定（写入“年度评定”）',
    )
    .usage(
      '<工作簿.xlsx> --period YYYYH1|YYYYH2 | --year YYYY --survey | --year YYYY --suppliers [--json] [--today YYYY-MM-DD] [--actor 姓名]',
    )
    .argument('<工作簿.xlsx>', '工作簿文件路径')
    .option(
      '--period <半年>',
      '评估的半年：2026H1 为 1 月 1 日至 6 月 30 日，2026H2 为 7 月 1 日至 12 月 31 日',
      parsePeriodOption,
    )
    .option('--year <年份>', '与 --survey 或 --suppliers 一起用：报告的年度，例如 2026', parseYear)
    .option('--survey', '生成年度《顾客满意度调查分析报告》（客户档案管理制度 6），写入同名工作表并画图')
    .option(
      '--suppliers',
      '与 --year 一起用：生成供应商年度评定（供应商管理办法 十一.3），写入“年度评定”工作表',
    )
    .option('--json', '在标准输出只打印 JSON（半年评估：各比率（小数）及其分子、分母和客户编号）')
    .option('--today <日期>', '按这一天生成（YYYY-MM-DD），默认为今天', parseToday)
    .option(...ACTOR_OPTION)
    .action(async (file: string, options: ReportOptions) => {
      const target = path.resolve(file)
      if (options.suppliers) {
        const { year } = options
        if (year === undefined || options.survey || options.period !== undefined)
          throw new UsageError(
            '供应商年度评定请写 --year <年份> --suppliers（不与 --survey、--period 同用），例如 --year 2026 --suppliers',
          )
        await withLock(target, 'save', progress, () =>
          runSupplierCommand(target, { ...options, year }, commandIo(options.actor)),
        )
        return
      }
      if (options.survey || options.year !== undefined) {
        const { year } = options
        if (!options.survey || year === undefined || options.period !== undefined)
          throw new UsageError(
            '满意度调查报告请写 --year <年份> --survey（不与 --period 同用），例如 --year 2026 --survey；供应商年度评定写 --year <年份> --suppliers',
          )
        await withLock(target, 'save', progress, () =>
          runSatisfactionCommand(target, { ...options, year }, commandIo(options.actor)),
        )
        return
      }
      const { period } = options
      if (period === undefined)
        throw new UsageError(
          '缺少必填选项 --period（半年评估）；满意度调查报告用 --year <年份> --survey，供应商年度评定用 --year <年份> --suppliers',
        )
      const chartFile = halfYearChartFile(target)
      await withLock(target, 'save', progress, async () => {
        progress(`正在读取 ${target} …`)
        const workbook = await openWorkbookFile(target)
        const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
        if (periodRange(period).from > today) {
          throw new UsageError(
            `--period ${formatPeriod(period)} 还没有开始（今天是 ${today}），请选择已经开始的半年`,
          )
        }
        const result = await runReport(
          workbook,
          period,
          {
            today,
            actor: actorOf(workbook, options.actor),
            progress,
            chartNote: `${path.basename(chartFile)}（与工作簿在同一文件夹）`,
          },
          io.now(),
        )
        progress(`正在写入 ${chartFile} …`)
        const svg = halfYearChartSvg(result.trend, {
          churnMaxPercent: result.churnMaxPercent,
          generatedOn: today,
        })
        if (path.basename(chartFile) !== halfYearChartName(target)) {
          progress(
            `注意：工作簿的文件名太长，趋势图的文件名缩短为“${path.basename(chartFile)}”（不超过 ${MAX_FILE_NAME_BYTES} 字节）`,
          )
        }
        // An output file: a symbolic link planted at its name is replaced, never written through.
        await writeFileAtomic(chartFile, Buffer.from(svg, 'utf8'), { followSymlink: false })
        progress(`正在写入 ${target} …`)
        await saveWorkbookFile(workbook, target)
        if (options.json) line(JSON.stringify({ ...reportJson(result), chart: chartFile }, null, 2))
        else line(reportText(result, target, chartFile))
      })
    })

  program
    .command('letter')
    .description('为一次客户走访生成客户意见答复单（.docx），并在“客户走访记录”中记下答复单和答复日期')
    .usage(
      '<工作簿.xlsx> --visit <走访编号> [--out 文件夹] [--today YYYY-MM-DD] [--template 模板.docx] [--force] [--actor 姓名]',
    )
    .argument('<工作簿.xlsx>', '工作簿文件路径')
    .requiredOption('--visit <走访编号>', '要答复的走访编号，例如 ZF-2026-001')
    .option('--out <文件夹>', '答复单保存到这个文件夹（默认与工作簿相同）')
    .option('--today <日期>', '答复单的日期（YYYY-MM-DD），默认为今天', parseToday)
    .option('--template <模板.docx>', '使用自己的 Word 模板（默认 src/ledgers/visits/reply-letter.docx）')
    .option('--force', '该走访已有答复单时仍生成：新文件为第 2 版（第 3 版…），原文件保留不动')
    .option(...ACTOR_OPTION)
    .action(
      async (
        file: string,
        options: {
          visit: string
          out?: string
          today?: IsoDate
          template?: string
          force?: boolean
          actor?: string
        },
      ) => {
        const target = path.resolve(file)
        const template = path.resolve(options.template ?? defaultTemplatePath())
        await withLock(target, 'save', progress, () =>
          runLetterCommand(target, { ...options, template }, commandIo(options.actor)),
        )
      },
    )

  program
    .command('seal-form')
    .description('为一条封样评审生成《封样件评审表》（.docx）；工作簿只读取，不写入')
    .usage('<工作簿.xlsx> --review <申请编号> [--out 文件夹] [--template 模板.docx]')
    .argument('<工作簿.xlsx>', '工作簿文件路径')
    .requiredOption('--review <申请编号>', '封样评审的申请编号，例如 FY-001')
    .option('--out <文件夹>', '评审表保存到这个文件夹（默认与工作簿相同）')
    .option('--template <模板.docx>', '使用自己的 Word 模板（默认 src/ledgers/seal-reviews/seal-form.docx）')
    .action(async (file: string, options: { review: string; out?: string; template?: string }) => {
      const target = path.resolve(file)
      const template = path.resolve(options.template ?? defaultSealFormTemplatePath())
      await withLock(target, 'read', progress, () =>
        runSealFormCommand(target, { ...options, template }, { line, progress, now: io.now }),
      )
    })

  program
    .command('why')
    .description(
      '解释一条记录的提醒：规则的条件、制度条款、读到的事实及其来源、推算过程和生效的参数；只读，不写入工作簿',
    )
    .usage('<工作簿.xlsx> --tab <工作表> --key <编号> [--today YYYY-MM-DD] [--json]')
    .argument('<工作簿.xlsx>', '工作簿文件路径')
    .requiredOption('--tab <工作表>', '记录所在的工作表，例如 样件台账；半年评估的提醒写 --tab 半年评估')
    .requiredOption('--key <编号>', '记录的编号，例如 YJ-001；半年评估写半年，例如 2026H1')
    .option('--today <日期>', '按这一天检查（YYYY-MM-DD），默认为今天', parseToday)
    .option('--json', '在标准输出打印 JSON（供侧边栏等程序读取）')
    .action(async (file: string, options: { tab: string; key: string; today?: IsoDate; json?: boolean }) => {
      const target = path.resolve(file)
      await withLock(target, 'read', progress, async () => {
        progress(`正在读取 ${target} …`)
        const workbook = await openWorkbookFile(target, { readOnly: true })
        const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
        const explanation = await runWhy(workbook, { tab: options.tab, key: options.key, today })
        line(options.json ? JSON.stringify(explanation, null, 2) : explanationText(explanation))
      })
    })

  program
    .command('plan')
    .description('生成年度样件检验计划和更换计划（写入“样件检验计划”“样件更换计划”）')
    .usage('<工作簿.xlsx> --year YYYY [--today YYYY-MM-DD] [--actor 姓名]')
    .argument('<工作簿.xlsx>', '工作簿文件路径')
    .requiredOption(
      '--year <年份>',
      `计划年度（${FIRST_PERIOD_YEAR}–${LAST_PERIOD_YEAR}），例如 2027`,
      parseYear,
    )
    .option('--today <日期>', '读取台账所按的日期（YYYY-MM-DD），默认为今天', parseToday)
    .option(...ACTOR_OPTION)
    .action(async (file: string, options: { year: number; today?: IsoDate; actor?: string }) => {
      const target = path.resolve(file)
      await withLock(target, 'save', progress, async () => {
        progress(`正在读取 ${target} …`)
        const workbook = await openWorkbookFile(target)
        const today = options.today ?? dateInTimeZone(io.now(), workbook.timeZone)
        const report = await runPlan(
          workbook,
          options.year,
          { today, actor: actorOf(workbook, options.actor), progress },
          io.now(),
        )
        progress(`正在写入 ${target} …`)
        await saveWorkbookFile(workbook, target)
        line(planText(report, target))
      })
    })

  return program
}

/**
 * Runs `work` on the workbook `file`. A run that saves ('save', or 'create' for a new file) holds
 * the workbook's lock, and refuses a workbook open in Excel, WPS or LibreOffice; a run that only
 * reads (--dry-run) takes no lock and warns.
 */
async function withLock(
  file: string,
  use: 'read' | 'save' | 'create',
  warn: (text: string) => void,
  work: () => Promise<void>,
): Promise<void> {
  if (use === 'read') {
    const openElsewhere = await openElsewhereWarning(file)
    if (openElsewhere) warn(openElsewhere)
    await work()
    return
  }
  const lock: FileLock = await acquireLock(file)
  try {
    if (use === 'save') await refuseIfOpenElsewhere(file)
    await work()
  } finally {
    await lock.release()
  }
}

const defaultHelp = new Help()

const HELP_TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
}

function parseToday(value: string): IsoDate {
  if (!isIsoDate(value)) throw new InvalidArgumentError('请写成 YYYY-MM-DD，例如 2026-03-05')
  return value
}

interface ReportOptions {
  readonly actor?: string
  readonly period?: HalfYear
  readonly year?: number
  readonly survey?: boolean
  readonly suppliers?: boolean
  readonly json?: boolean
  readonly today?: IsoDate
}

function parsePeriodOption(value: string): HalfYear {
  const period = parsePeriod(value)
  if (!period) throw new InvalidArgumentError('请写成 YYYYH1（上半年）或 YYYYH2（下半年），例如 2026H1')
  return period
}

const CHART_SUFFIX = '-半年评估.svg'

/**
 * The trend chart of `report`, next to the workbook: 台账.xlsx → 台账-半年评估.svg; for a very long
 * workbook name, the name is cut to 200 bytes with a hash of the whole name added.
 */
export function halfYearChartFile(workbook: string): string {
  const name = path.basename(workbook, path.extname(workbook))
  return path.join(path.dirname(workbook), fitFileName(name, CHART_SUFFIX, MAX_FILE_NAME_BYTES))
}

function halfYearChartName(workbook: string): string {
  return `${path.basename(workbook, path.extname(workbook))}${CHART_SUFFIX}`
}

function parseYear(value: string): number {
  const year = Number(value)
  if (!/^\d{4}$/.test(value) || year < FIRST_PERIOD_YEAR || year > LAST_PERIOD_YEAR) {
    throw new InvalidArgumentError(`请写四位年份（${FIRST_PERIOD_YEAR}–${LAST_PERIOD_YEAR}），例如 2027`)
  }
  return year
}

/** The longest 执行人 --actor accepts: that of the 参数 row 执行人. */
const ACTOR_MAX_CHARS = ACTOR_PARAMETER.maxLength

/** --actor on every command that writes the workbook (and so 操作日志). */
const ACTOR_OPTION = [
  '--actor <姓名>',
  '操作日志“执行人”一栏写的姓名，例如 --actor 王立（默认取“参数”表的“执行人”，未填写时为电脑的登录用户名）',
  parseActor,
] as const

function parseActor(value: string): string {
  const name = value.trim()
  if (name === '') throw new InvalidArgumentError('执行人不能为空，请写姓名，例如 --actor 王立')
  if (Array.from(name).some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f'))
    throw new InvalidArgumentError('执行人不能含换行或控制字符，请只写姓名')
  if (Array.from(name).length > ACTOR_MAX_CHARS)
    throw new InvalidArgumentError(`执行人太长（超过 ${ACTOR_MAX_CHARS} 个字），请只写姓名`)
  return name
}

/** 操作日志's 执行人: --actor, else the 参数 row 执行人, else the operating-system user. */
function actorOf(workbook: WorkbookPort, given: string | undefined): string {
  return logActor(workbook, given, osUser())
}

/** The operating-system user, as 操作日志 recorded before there was --actor or 执行人. */
function osUser(): string {
  try {
    return os.userInfo().username
  } catch {
    // A container may run under a uid without a passwd entry.
    return process.env.USER ?? process.env.USERNAME ?? '未知用户'
  }
}

function reportError(error: unknown, io: CliIo, commands: readonly string[]): number {
  const say = (text: string): void => io.stderr(`${text}\n`)
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK
    // `taizhang help check` asked for help (exit code 0); `taizhang` alone got it on stderr.
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE
    say(`错误：${commanderMessage(error, commands)}`)
    say('运行 taizhang --help 查看用法。')
    return EXIT_USAGE
  }
  if (error instanceof UsageError) {
    say(`错误：${error.message}`)
    return EXIT_USAGE
  }
  if (
    error instanceof UnusableFileError ||
    error instanceof PackageError ||
    error instanceof UnusableTabError ||
    error instanceof LetterRefusedError ||
    error instanceof LetterTemplateError
  ) {
    say(`错误：${error.message}`)
    return EXIT_UNUSABLE
  }
  // Anything else is a bug in taizhang, not a problem with the user's file.
  say(`台账工具内部错误：${error instanceof Error ? error.message : String(error)}`)
  if (process.env.TAIZHANG_DEBUG && error instanceof Error && error.stack) say(error.stack)
  else say('（设置环境变量 TAIZHANG_DEBUG=1 后重试可查看详细信息；工作簿未被改动）')
  return EXIT_UNUSABLE
}

/** Commander's English error messages, in Chinese. */
function commanderMessage(error: CommanderError, commands: readonly string[]): string {
  const message = error.message.replace(/^error: /, '')
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(message)?.[1]
  const hint = suggestion ? `（您是不是想输入 ${suggestion}？）` : ''
  let match: RegExpExecArray | null
  switch (error.code) {
    case 'commander.unknownOption':
      match = /unknown option '([^']*)'/.exec(message)
      return `未知选项“${match?.[1] ?? ''}”${hint}`
    case 'commander.unknownCommand':
      match = /unknown command '([^']*)'/.exec(message)
      return `未知命令“${match?.[1] ?? ''}”${hint}；可用的命令：${commands.join('、')}`
    case 'commander.missingArgument':
      return '缺少工作簿文件路径（<工作簿.xlsx>）'
    case 'commander.optionMissingArgument':
      match = /option '([^']*)' argument missing/.exec(message)
      return `选项 ${optionName(match?.[1])} 缺少取值`
    case 'commander.missingMandatoryOptionValue':
      match = /required option '([^']*)' not specified/.exec(message)
      return `缺少必填选项 ${optionName(match?.[1])}`
    case 'commander.excessArguments':
      return '参数过多：每条命令只接受一个工作簿文件路径'
    case 'commander.invalidArgument':
      match = /option '([^']*)' argument '([^']*)' is invalid\. ?(.*)$/s.exec(message)
      return match
        ? `选项 ${optionName(match[1])} 的值“${match[2]}”无效：${match[3]}`
        : `参数无效：${message}`
    default:
      return message
  }
}

/** '--today <日期>' → '--today'. */
function optionName(flags: string | undefined): string {
  return (flags ?? '').split(/[ ,]+/).find((part) => part.startsWith('--')) ?? flags ?? ''
}
