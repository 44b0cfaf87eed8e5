// `aggregate FILE --period P [--mapping FILE] [--json] [--into REPORT.json [--out FILE]]`: per-unit rates computed from a dossier list.
//
// --into names the report whose units (names and aliases) the list is matched against, so figures carry the
// report's spelling; with --out the report, its blank and "not aggregated" rate cells filled (src 'dossiers'),
// is written to a new file. The report given to --into is never changed.
import { readFile } from 'node:fs/promises';
import type { AggregateResult, UnitFigures } from '../../dossiers/aggregate';
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
import { inWorker } from './inspect';

const USAGE = 'aggregate TỆP --period KỲ [--mapping TỆP] [--json] [--overdue-list] [--into BÁO_CÁO.json --out TỆP]';

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
  for (const b of r.badRows.slice(0, 20)) lines.push(`  Dòng ${b.row}: ${b.reason}`);
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
    const args = parseArgs(ctx.args, ['json', 'overdue-list']);
    const file = args.positional[0];
    if (!file) throw new CliError(`Thiếu tệp danh sách hồ sơ. Cách dùng: ${USAGE}`);
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

    // Read in the worker thread, as the app does: a list that hangs or exhausts memory ends with one line.
    const result: AggregateResult = await inWorker('aggregate', {
      path: file,
      options: { period, ...(report ? { units: report.units } : {}), ...(mapping ? { mapping } : {}), listOverdue: args.flags.has('overdue-list') },
    });

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
