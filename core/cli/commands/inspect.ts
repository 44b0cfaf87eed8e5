// `inspect FILE... [--json] [--into REPORT.json] [--table KIND] [--rates-as fraction|percent]`: shows what the importer recognises in files (tables, units, values, findings) and writes nothing.
import { UserFacingError } from '../../files/errors';
import { inspectWorkbook, inspectionLines, previewLines } from '../../import/describe';
import { buildPreview } from '../../import/preview';
import { TABLE_KINDS, type TableKind } from '../../model/schema';
import type { RatesAs } from '../../text/cell-reading';
import { readSpreadsheetFile, type WorkbookData } from '../../xlsx/read';
import { CliError, EXIT_OK, parseArgs, readReportFile, type Command } from '../io';

/** Reads spreadsheet files for a command; a bad file becomes one CliError line (exit 2). */
export async function readImportFiles(paths: string[]): Promise<WorkbookData[]> {
  const out: WorkbookData[] = [];
  for (const p of paths) {
    try {
      out.push(await readSpreadsheetFile(p));
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
  }
  return out;
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
    const args = parseArgs(ctx.args, ['json']);
    if (args.positional.length === 0) throw new CliError('Thiếu tệp cần xem. Cách dùng: inspect TỆP.xlsx [--json]');
    const tableKind = tableKindFlag(args.flags.get('table'));
    const ratesAs = ratesAsFlag(args.flags.get('rates-as'));
    const workbooks = await readImportFiles(args.positional);
    const inspected = workbooks.map(inspectWorkbook);
    const into = args.flags.get('into');
    const report = typeof into === 'string' ? await readReportFile(into) : null;
    const preview = report ? buildPreview(report, workbooks, { ...(tableKind ? { tableKind } : {}), ...(ratesAs ? { ratesAs } : {}) }) : null;
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
