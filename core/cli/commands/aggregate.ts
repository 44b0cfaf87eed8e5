// `aggregate FILE... | FOLDER --period P [--mapping FILE] [--json] [--into REPORT.json [--out FILE]]`: per-unit rates computed from a dossier list.
//
// Several files (or a folder: every .xlsx, .xls, .csv, .tsv and .txt in it, by name, Excel's "~$" lock files left out)
// are read one after another as one list: a quarter, a half-year or a year of monthly exports.
//
// --into names the report whose units (names and aliases) the list is matched against, so figures carry the
// report's spelling; with --out the report, its blank and "not aggregated" rate cells filled (src 'dossiers'),
// is written to a new file. The report given to --into is never changed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AggregateResult, UnitFigures } from '../../dossiers/aggregator';
import { MAX_AGGREGATE_FILES } from '../../dossiers/fields';
import { parseDossierMapping, type DossierMapping } from '../../dossiers/fields';
import { fillFromAggregate } from '../../dossiers/fill';
import { parseAggregatePeriod, PERIOD_HELP } from '../../dossiers/period';
import { writeFileAtomic } from '../../files/atomic';
import { UserFacingError } from '../../files/errors';
import { applyPatch } from '../../import/patch';
import { serializeReport } from '../../model/report';
import type { Report } from '../../model/schema';
import { formatShortDate } from '../../text/dates';
import { formatViNumber } from '../../text/numbers';
import { CliError, EXIT_OK, parseArgs, readReportFile, type Command } from '../io';
import { writeOutput } from '../output';
import { aggregateInWorkers } from '../../worker/aggregate-files';
import { sharedWorkerPool } from '../../worker/pool';
import { asCliError } from './inspect';

const USAGE = 'aggregate TỆP... hoặc THƯ_MỤC --period KỲ [--mapping TỆP] [--json] [--overdue-list] [--into BÁO_CÁO.json --out TỆP]';

async function readMapping(path: string): Promise<DossierMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `Không tìm thấy tệp ánh xạ cột “${path}”.` : `Không đọc được tệp ánh xạ cột “${path}” (${code ?? 'lỗi không rõ'}).`);
  }
  try {
    return parseDossierMapping(text);
  } catch (err) {
    if (err instanceof UserFacingError) throw new CliError(err.message);
    throw err;
  }
}

/** The extensions a folder's dossier lists may have. */
const LIST_EXTENSIONS = /\.(xlsx|xls|csv|tsv|txt)$/i;

/**
 * The files named on the command line: a folder stands for its dossier lists (sorted by name, numbers in order, so
 * "Tháng 2" comes before "Tháng 10"). Empty folders are refused with their name; a missing file is
 * left to the reader, whose message names it.
 */
async function listFiles(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const a of args) {
    let isDir = false;
    try {
      isDir = (await stat(a)).isDirectory();
    } catch {
      // Not there (or unreadable): the reader says so in its own words, naming the file.
    }
    if (!isDir) {
      files.push(a);
      continue;
    }
    const names = (await readdir(a, { withFileTypes: true }))
      .filter((e) => e.isFile() && LIST_EXTENSIONS.test(e.name) && !e.name.startsWith('~$'))
      .map((e) => e.name)
      .sort((x, y) => x.localeCompare(y, 'vi', { numeric: true }));
    if (names.length === 0) throw new CliError(`Thư mục “${a}” không có tệp danh sách hồ sơ nào (.xlsx, .xls, .csv).`);
    files.push(...names.map((n) => join(a, n)));
  }
  if (files.length > MAX_AGGREGATE_FILES) throw new CliError(`Chỉ đọc được tối đa ${MAX_AGGREGATE_FILES} tệp danh sách hồ sơ một lần (đã chọn ${files.length} tệp).`);
  return files;
}

const pct = (v: number | null): string => (v === null ? '—' : `${formatViNumber(v)}%`);
const count = (v: number | null): string => (v === null ? '—' : formatViNumber(v, { decimals: 0 }));

function unitLine(u: UnitFigures): string {
  return [
    u.unitName,
    `tiếp nhận ${count(u.received)}`,
    `đúng hạn ${count(u.onTime)} (${pct(u.onTimeRate)})`,
    `quá hạn ${count(u.overdue)} (${pct(u.overdueRate)})`,
    `nộp trực tuyến ${pct(u.onlineRate)}`,
    `thanh toán trực tuyến ${pct(u.paymentRate)}`,
    `hài lòng ${pct(u.satisfactionRate)}`,
  ].join(' | ');
}

function textReport(r: AggregateResult): string {
  const lines: string[] = [];
  lines.push(`Kết quả tính từ danh sách hồ sơ, ${r.period.text} (${formatShortDate(r.period.from)} – ${formatShortDate(r.period.to)}).`);
  lines.push(`Lưu ý: ${r.note}.`);
  if (r.files) {
    lines.push(`Đã đọc chung ${r.files.length} tệp: ` + r.files.map((f) => `${f.name} (${count(f.rowsRead)} dòng)`).join('; ') + '.');
  }
  lines.push('');
  for (const u of r.perUnit) lines.push(unitLine(u));
  lines.push('');
  if (r.unitsWithOverdue.length > 0) {
    lines.push('Đơn vị có hồ sơ quá hạn: ' + r.unitsWithOverdue.map((u) => `${u.unitName} (${count(u.overdue)})`).join('; ') + '.');
  } else lines.push('Không có đơn vị nào có hồ sơ quá hạn.');
  lines.push(
    `Đã đọc ${count(r.rowsRead)} dòng (tiêu đề ở dòng ${r.header.row}): ${count(r.counted)} hồ sơ trong kỳ, ${count(r.outOfPeriod)} ngoài kỳ, ` +
      `${count(r.cancelled)} đã hủy/rút, ${count(r.badRowCount)} dòng không đọc được.`,
  );
  for (const b of r.badRows.slice(0, 20)) lines.push(`  ${b.file ? `${b.file}, dòng` : 'Dòng'} ${b.row}: ${b.reason}`);
  if (r.badRowCount > 20) lines.push(`  … và ${count(r.badRowCount - 20)} dòng khác (xem --json).`);
  for (const u of r.unknownUnits) {
    const hint = u.suggestions.length > 0 ? ` — có phải: ${u.suggestions.map((s) => s.name).join(', ')}?` : '';
    lines.push(`Đơn vị không có trong báo cáo: “${u.name}” (${count(u.rows)} dòng)${hint}`);
  }
  if (r.overdueDossiers) {
    lines.push('', `Danh sách hồ sơ quá hạn (${count(r.overdueDossiers.length)}):`);
    for (const d of r.overdueDossiers) {
      lines.push(
        `  ${d.code || '(không mã)'} | ${d.procedure} | ${d.unitName} | hẹn trả ${d.due ? formatShortDate(d.due) : '—'} | ` +
          (d.finished ? `có kết quả ${formatShortDate(d.finished)}` : 'chưa có kết quả'),
      );
    }
  }
  return lines.join('\n');
}

export const aggregateCommand: Command = {
  name: 'aggregate',
  usage: `${USAGE}   Tính tỷ lệ của từng đơn vị từ danh sách hồ sơ`,
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'aggregate', switches: ['json', 'overdue-list'], options: ['period', 'mapping', 'into', 'out'], positional: 'many', usage: USAGE });
    if (args.positional.length === 0) throw new CliError(`Thiếu tệp danh sách hồ sơ. Cách dùng: ${USAGE}`);
    const periodText = args.flags.get('period');
    if (typeof periodText !== 'string') throw new CliError(`Thiếu --period. ${PERIOD_HELP}`);
    const period = parseAggregatePeriod(periodText);
    if (!period) throw new CliError(`Không hiểu kỳ “${periodText}”. ${PERIOD_HELP}`);
    const mappingPath = args.flags.get('mapping');
    const mapping = typeof mappingPath === 'string' ? await readMapping(mappingPath) : undefined;
    const into = args.flags.get('into');
    const out = args.flags.get('out');
    if (into !== undefined && typeof into !== 'string') throw new CliError('Thiếu tên tệp báo cáo sau --into.');
    if (typeof out === 'string' && typeof into !== 'string') throw new CliError('Dùng --out cần kèm --into BÁO_CÁO.json (báo cáo cần điền).');
    const report: Report | null = typeof into === 'string' ? await readReportFile(into) : null;
    const paths = await listFiles(args.positional);

    // Read in worker threads (several files at once with a report's units), as the app does: a list that hangs or
    // exhausts memory ends with one line.
    const result: AggregateResult = await asCliError(
      aggregateInWorkers(sharedWorkerPool(), paths, {
        period,
        ...(report ? { units: report.units } : {}),
        ...(mapping ? { mapping } : {}),
        listOverdue: args.flags.has('overdue-list'),
      }),
    );

    if (args.flags.has('json')) ctx.stdout(JSON.stringify(result, null, 2));
    else ctx.stdout(textReport(result));

    if (report && typeof out === 'string') {
      const patch = fillFromAggregate(report, result);
      let filled: Report;
      try {
        filled = applyPatch(report, patch);
      } catch (err) {
        if (err instanceof UserFacingError) throw new CliError(err.message);
        throw err;
      }
      await writeOutput(out, serializeReport(filled), writeFileAtomic);
      ctx.stderr(
        `Đã điền ${patch.changes.length} ô còn trống hoặc “không tổng hợp” bằng số liệu tính từ danh sách hồ sơ (không ghi đè số liệu chính thức) vào “${out}”.`,
      );
    }
    return EXIT_OK;
  },
};
