// `export REPORT.json --xlsx FILE`: writes the report as a finished Excel workbook (summary and one sheet per table).
import { writeFileAtomic } from '../../files/atomic';
import { exportGate, gateLines } from '../../rules';
import { reportXlsxBuffer } from '../../xlsx/write';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { writeOutput } from '../output';
import { historyFrom } from './overview';

export const exportCommand: Command = {
  name: 'export',
  usage:
    'export BÁO_CÁO.json --xlsx TỆP.xlsx [--overview [--library THƯ_MỤC]]      Xuất báo cáo ra tệp Excel (trang tổng hợp và từng bảng; --overview thêm trang “Tổng quan” với số liệu ước tính)',
  async run(ctx) {
    const args = parseArgs(ctx.args, ['overview']);
    const input = args.positional[0];
    if (!input) throw new CliError('Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: export BÁO_CÁO.json --xlsx TỆP.xlsx');
    const out = requireFlag(args, 'xlsx', 'tệp Excel cần ghi');
    if (!/\.xlsx$/i.test(out)) throw new CliError(`Tệp “${out}” phải có đuôi .xlsx.`);
    const report = await readReportFile(input);
    const overview = args.flags.get('overview') === true;
    const libraryDir = args.flags.get('library');
    if (libraryDir !== undefined && !overview) throw new CliError('--library chỉ dùng cùng --overview (xu hướng trong trang “Tổng quan”).');
    if (libraryDir === true) throw new CliError('Thiếu thư mục sau --library.');
    const history = typeof libraryDir === 'string' ? await historyFrom(libraryDir, report, (l) => ctx.stderr(l)) : [];
    await writeOutput(out, await reportXlsxBuffer(report, overview ? { overview, overviewHistory: history } : {}), writeFileAtomic);
    // The final-export gate (the workbook has no draft): open errors and missing figures on stderr; exit 0.
    ctx.stderr([...gateLines(exportGate(report, { mode: 'final' }), 'xlsx'), `Đã xuất báo cáo ra tệp Excel “${out}”.`].join('\n'));
    return EXIT_OK;
  },
};
