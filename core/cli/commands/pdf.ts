// `pdf REPORT.json --out FILE.pdf [--draft] [--overview [--library DIR]]`: writes the report as the official PDF document (final, or a draft
// with the number and day left blank), optionally followed by the overview appendix (estimates labelled, trend from DIR).
import { UserFacingError } from '../../files/errors';
import { exportPdfToFile } from '../../pdf/export';
import { exportGate, gateLines } from '../../rules';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { historyFrom } from './overview';

export const pdfCommand: Command = {
  name: 'pdf',
  usage:
    'pdf BÁO_CÁO.json --out TỆP.pdf [--draft] [--overview [--library THƯ_MỤC]]   Xuất văn bản báo cáo ra PDF (--draft: để trống số và ngày; --overview: thêm phụ lục Tổng quan sau phần chính thức)',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'pdf', switches: ['draft', 'overview'], options: ['out', 'library'], positional: 1, usage: pdfCommand.usage });
    const input = args.positional[0];
    if (!input) throw new CliError('Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: pdf BÁO_CÁO.json --out TỆP.pdf [--draft]');
    const out = requireFlag(args, 'out', 'tệp PDF cần ghi');
    if (!/\.pdf$/i.test(out)) throw new CliError(`Tệp “${out}” phải có đuôi .pdf.`);
    const mode = args.flags.has('draft') ? 'draft' : 'final';
    const report = await readReportFile(input);
    const libraryDir = args.flags.get('library');
    if (libraryDir !== undefined && !args.flags.has('overview')) throw new CliError('--library chỉ dùng cùng --overview (phụ lục Tổng quan).');
    if (libraryDir === true) throw new CliError('Thiếu thư mục sau --library.');
    const warnings: string[] = [];
    const overview = args.flags.has('overview') ? { library: libraryDir ? await historyFrom(libraryDir, report, (l) => warnings.push(l)) : [] } : null;
    try {
      await exportPdfToFile(report, out, { mode, ...(overview ? { overview } : {}) });
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
    // The final-export gate: open errors and missing figures on stderr; the file is written all the same (exit 0).
    const done = mode === 'draft' ? `Đã xuất bản dự thảo (để trống số và ngày) ra “${out}”.` : `Đã xuất bản chính thức ra “${out}”.`;
    const appendix = overview ? ['Đã thêm phụ lục Tổng quan (các số ước tính có ghi rõ) sau phần văn bản chính thức.'] : [];
    ctx.stderr([...warnings, ...gateLines(exportGate(report, { mode }), 'pdf'), done, ...appendix].join('\n'));
    return EXIT_OK;
  },
};
