// `template REPORT.json --xlsx FILE`: writes the blank import template (the report's units, figure cells empty).
import { writeFileAtomic } from '../../files/atomic';
import { reportXlsxBuffer } from '../../xlsx/write';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { writeOutput } from '../output';

export const templateCommand: Command = {
  name: 'template',
  usage: 'template BÁO_CÁO.json --xlsx TỆP.xlsx    Tạo mẫu Excel trống để nhập số liệu cho các đơn vị của báo cáo',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'template', options: ['xlsx'], positional: 1, usage: templateCommand.usage });
    const input = args.positional[0];
    if (!input) throw new CliError('Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: template BÁO_CÁO.json --xlsx TỆP.xlsx');
    const out = requireFlag(args, 'xlsx', 'tệp Excel mẫu cần ghi');
    if (!/\.xlsx$/i.test(out)) throw new CliError(`Tệp “${out}” phải có đuôi .xlsx.`);
    const report = await readReportFile(input);
    await writeOutput(out, await reportXlsxBuffer(report, { template: true }), writeFileAtomic);
    ctx.stderr(`Đã tạo mẫu nhập số liệu “${out}”.`);
    return EXIT_OK;
  },
};
