// `new --from REPORT.json --period P --out FILE`: starts the next period's report from an earlier one.
import { randomUUID } from 'node:crypto';
import { writeFileAtomic } from '../../files/atomic';
import { parsePeriod, periodText } from '../../model/period';
import { indicatorSetFor } from '../../model/indicators';
import { carriedSummary, newReportFrom, serializeReport } from '../../model/report';
import { INDICATOR_SET_IDS, type IndicatorSetId } from '../../model/schema';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { writeOutput } from '../output';

export const newCommand: Command = {
  name: 'new',
  usage:
    'new --from BÁO_CÁO.json --period KỲ --out TỆP [--indicators 2024|2026]   Tạo báo cáo kỳ mới từ báo cáo kỳ trước (KỲ: 2024-08, 2024-Q3, 2024-H1, 2024-9M, 2024; bộ chỉ tiêu: mặc định bộ mới nhất áp dụng cho kỳ)',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'new', options: ['from', 'period', 'out', 'indicators'], positional: 0, usage: newCommand.usage });
    const from = requireFlag(args, 'from', 'báo cáo kỳ trước');
    const periodArg = requireFlag(args, 'period', 'kỳ báo cáo, ví dụ 2024-08');
    const out = requireFlag(args, 'out', 'tệp báo cáo mới');
    const period = parsePeriod(periodArg);
    if (!period) throw new CliError(`Kỳ báo cáo “${periodArg}” không hợp lệ. Hãy viết như 2024-08, 2024-Q3, 2024-H1, 2024-9M hoặc 2024.`);
    const setArg = args.flags.get('indicators');
    if (setArg !== undefined && !(typeof setArg === 'string' && (INDICATOR_SET_IDS as readonly string[]).includes(setArg))) {
      throw new CliError(`Bộ chỉ tiêu “${setArg === true ? '' : setArg}” không có. Hãy viết --indicators 2024 hoặc --indicators 2026.`);
    }
    const set = (setArg as IndicatorSetId | undefined) ?? indicatorSetFor(period);
    const previous = await readReportFile(from);
    const report = newReportFrom(previous, period, randomUUID(), set);
    await writeOutput(out, serializeReport(report), writeFileAtomic);
    ctx.stderr(`Đã tạo báo cáo ${periodText(period)} vào “${out}” theo bộ chỉ tiêu ${report.indicators.name} (chưa có số liệu).`);
    const carried = carriedSummary(report);
    if (carried) ctx.stderr(`Đã chuyển sang ${carried}; các ô này được đánh dấu để xác nhận khi mở báo cáo trong ứng dụng.`);
    return EXIT_OK;
  },
};
