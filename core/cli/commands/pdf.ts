// `pdf REPORT.json --out FILE.pdf [--draft]`: writes the report as the official PDF document (final, or a draft with the number and day left blank).
import { UserFacingError } from '../../files/errors';
import { exportPdfToFile } from '../../pdf/export';
import { exportGate, gateLines } from '../../rules';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';

export const pdfCommand: Command = {
  name: 'pdf',
  usage: 'pdf BÁO_CÁO.json --out TỆP.pdf [--draft]   Xuất văn bản báo cáo ra PDF (--draft: để trống số và ngày)',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'pdf', switches: ['draft'], options: ['out'], positional: 1, usage: pdfCommand.usage });
    const input = args.positional[0];
    if (!input) throw new CliError('Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: pdf BÁO_CÁO.json --out TỆP.pdf [--draft]');
    const out = requireFlag(args, 'out', 'tệp PDF cần ghi');
    if (!/\.pdf$/i.test(out)) throw new CliError(`Tệp “${out}” phải có đuôi .pdf.`);
    const mode = args.flags.has('draft') ? 'draft' : 'final';
    const report = await readReportFile(input);
    try {
      await exportPdfToFile(report, out, { mode });
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
    // The final-export gate: open errors and missing figures on stderr; the file is written all the same (exit 0).
    const done = mode === 'draft' ? `Đã xuất bản dự thảo (để trống số và ngày) ra “${out}”.` : `Đã xuất bản chính thức ra “${out}”.`;
    ctx.stderr([...gateLines(exportGate(report, { mode }), 'pdf'), done].join('\n'));
    return EXIT_OK;
  },
};
