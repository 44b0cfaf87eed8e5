// `inspect FILE... [--json] [--into REPORT.json] [--table KIND] [--rates-as fraction|percent]`: shows what the importer recognises in files (tables, units, values, findings) and writes nothing.
import { UserFacingError } from '../../files/errors';
import { inspectionLines, previewLines } from '../../import/describe';
import { TABLE_KINDS, type TableKind } from '../../model/schema';
import type { RatesAs } from '../../text/cell-reading';
import { sharedWorkerPool } from '../../worker/pool';
import type { TaskArgs, TaskName, TaskResult } from '../../worker/protocol';
import type { WorkbookData } from '../../xlsx/read';
import { CliError, EXIT_OK, parseArgs, readReportFile, type Command } from '../io';

/** Runs a file-reading task in the worker thread, as the app does; a file problem becomes one CliError line (exit 2). */
export function inWorker<K extends TaskName>(task: K, args: TaskArgs<K>): Promise<TaskResult<K>> {
  return asCliError(sharedWorkerPool().run(task, args));
}

/** Work done in worker threads, a file problem (UserFacingError) becoming one CliError line (exit 2). */
export async function asCliError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof UserFacingError) throw new CliError(err.message);
    throw err;
  }
}

/** Reads spreadsheet files for a command (in the worker thread); a bad file becomes one CliError line (exit 2). */
export function readImportFiles(paths: string[]): Promise<WorkbookData[]> {
  return inWorker('read', { sources: paths.map((path) => ({ path })) });
}

/** The --rates-as fraction|percent flag: how figures ≤ 1 of rate columns read (without it, a mixed column is left out). */
export function ratesAsFlag(value: string | true | undefined): RatesAs | undefined {
  if (value === undefined) return undefined;
  if (value !== 'fraction' && value !== 'percent') throw new CliError('--rates-as cần “fraction” (0,9844 là 98,44%) hoặc “percent” (0,9844 là 0,9844%).');
  return value;
}

/** The --table KIND flag, checked against the table kinds. */
export function tableKindFlag(value: string | true | undefined): TableKind | undefined {
  if (value === undefined) return undefined;
  if (value === true || !(TABLE_KINDS as readonly string[]).includes(value)) {
    throw new CliError(`--table cần một trong: ${TABLE_KINDS.join(', ')}.`);
  }
  return value as TableKind;
}

export const inspectCommand: Command = {
  name: 'inspect',
  usage: 'inspect TỆP... [--json] [--into BÁO_CÁO.json] [--rates-as fraction|percent]   Xem phần mềm nhận ra gì trong tệp Excel/HTML/CSV (không ghi gì)',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'inspect', switches: ['json'], options: ['table', 'rates-as', 'into'], positional: 'many', usage: inspectCommand.usage });
    if (args.positional.length === 0) throw new CliError('Thiếu tệp cần xem. Cách dùng: inspect TỆP.xlsx [--json]');
    const tableKind = tableKindFlag(args.flags.get('table'));
    const ratesAs = ratesAsFlag(args.flags.get('rates-as'));
    const into = args.flags.get('into');
    const report = typeof into === 'string' ? await readReportFile(into) : null;
    const sources = args.positional.map((path) => ({ path }));
    const options = { ...(tableKind ? { tableKind } : {}), ...(ratesAs ? { ratesAs } : {}) };
    const { workbooks: inspected, preview } = await inWorker('inspect', { sources, ...(report ? { report } : {}), options });
    if (args.flags.get('json') === true) {
      const { patch: _patch, ...rest } = preview ?? { patch: null };
      ctx.stdout(JSON.stringify({ workbooks: inspected, ...(preview ? { preview: rest } : {}) }, null, 2));
      return EXIT_OK;
    }
    const lines = inspected.flatMap((w) => [...inspectionLines(w), '']);
    if (preview) lines.push(`Xem trước khi nhập vào “${into as string}”:`, ...previewLines(preview));
    ctx.stdout(lines.join('\n'));
    return EXIT_OK;
  },
};
