// `import FILE... --into REPORT.json --out FILE [--table KIND] [--alias "NAME=UNIT_ID"]... [--new-unit "NAME"]... [--rates-as fraction|percent]`: applies an import preview all or nothing, writes a new report, and ends with what each table got.
import { writeFileAtomic } from '../../files/atomic';
import { UserFacingError } from '../../files/errors';
import { coverageLines, previewLines } from '../../import/describe';
import { applyPatch } from '../../import/patch';
import { assertUsable } from '../../import/preview';
import { serializeReport } from '../../model/report';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { writeOutput } from '../output';
import { inWorker, ratesAsFlag, tableKindFlag } from './inspect';

export const importCommand: Command = {
  name: 'import',
  usage: 'import TỆP... --into BÁO_CÁO.json --out TỆP.json [--table LOẠI] [--alias "TÊN=MÃ"] [--new-unit "TÊN"] [--rates-as fraction|percent]   Nhập số liệu từ Excel vào báo cáo mới',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'import', options: ['into', 'out', 'table', 'rates-as', 'alias', 'new-unit'], positional: 'many', usage: importCommand.usage });
    if (args.positional.length === 0) throw new CliError('Thiếu tệp cần nhập. Cách dùng: import TỆP.xlsx --into BÁO_CÁO.json --out TỆP.json');
    const into = requireFlag(args, 'into', 'báo cáo cần nhập số liệu vào');
    const out = requireFlag(args, 'out', 'tệp báo cáo mới cần ghi');
    const tableKind = tableKindFlag(args.flags.get('table'));
    const ratesAs = ratesAsFlag(args.flags.get('rates-as'));
    const report = await readReportFile(into);
    const confirmed: Record<string, string> = {};
    for (const a of args.all('alias')) {
      const eq = a.lastIndexOf('=');
      const name = a.slice(0, eq).trim();
      const unitId = a.slice(eq + 1).trim();
      if (eq <= 0 || !unitId) throw new CliError(`--alias cần dạng "TÊN=MÃ_ĐƠN_VỊ", không phải “${a}”.`);
      if (!report.units.some((u) => u.id === unitId)) throw new CliError(`Báo cáo không có đơn vị mã “${unitId}” (trong --alias).`);
      confirmed[name] = unitId;
    }
    const sources = args.positional.map((path) => ({ path }));
    const newUnits = args.all('new-unit').map((n) => n.trim()).filter((n) => n !== '');
    const options = { ...(tableKind ? { tableKind } : {}), ...(ratesAs ? { ratesAs } : {}), confirmed, ...(newUnits.length ? { newUnits } : {}) };
    const read = await inWorker('preview', { report, sources, options });
    let next;
    let preview;
    try {
      preview = assertUsable(read);
      next = applyPatch(report, preview.patch);
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
    await writeOutput(out, serializeReport(next), writeFileAtomic);
    ctx.stdout(previewLines(preview).join('\n'));
    if (preview.refused.length > 0) {
      ctx.stderr(`${preview.refused.length} ô không được nhập (không phải số liệu hay trạng thái đã biết, hoặc tỷ lệ chưa rõ cách đọc); xem danh sách ở trên.`);
    }
    ctx.stderr(
      preview.changes.length > 0 || preview.aliases.length > 0
        ? `Đã nhập ${preview.changes.length} thay đổi${preview.aliases.length ? ` và ${preview.aliases.length} tên gọi khác của đơn vị` : ''}, ghi báo cáo mới vào “${out}”.`
        : `Không có số liệu nào thay đổi; đã ghi bản sao báo cáo vào “${out}”.`,
    );
    // The last lines: which units of each table got nothing from the files (the exit stays 0).
    for (const line of coverageLines(preview)) ctx.stderr(line);
    return EXIT_OK;
  },
};
