// `docx REPORT.json --out FILE.docx [--draft]`: writes the report as an editable Word document in the official format (final, or a draft with the number and day left blank).
import { exportDocxToFile } from '../../docx/export';
import { UserFacingError } from '../../files/errors';
import { exportGate, gateLines } from '../../rules';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';

export const docxCommand: Command = {
  name: 'docx',
  usage: 'docx BÁO_CÁO.json --out TỆP.docx [--draft]   Xuất văn bản báo cáo ra Word (--draft: để trống số và ngày)',
  async run(ctx) {
    const args = parseArgs(ctx.args, ['draft']);
    const input = args.positional[0];
    if (!input) throw new CliError('Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: docx BÁO_CÁO.json --out TỆP.docx [--draft]');
    const out = requireFlag(args, 'out', 'tệp Word cần ghi');
    if (!/\.docx$/i.test(out)) throw new CliError(`Tệp “${out}” phải có đuôi .docx.`);
    const mode = args.flags.has('draft') ? 'draft' : 'final';
    const report = await readReportFile(input);
    try {
      await exportDocxToFile(report, out, { mode });
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
    // The same final-export gate as the PDF: open errors and missing figures on stderr; the file is written all the same.
    const done = mode === 'draft' ? `Đã xuất bản dự thảo Word (để trống số và ngày) ra “${out}”.` : `Đã xuất bản chính thức Word ra “${out}”.`;
    ctx.stderr([...gateLines(exportGate(report, { mode }), 'pdf'), done].join('\n'));
    return EXIT_OK;
  },
};
