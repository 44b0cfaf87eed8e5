// `units FILE --into REPORT.json --out FILE`: takes a new issuer's units and blocks from a sheet (any table or a plain list) and writes the report with them.
import { writeFileAtomic } from '../../files/atomic';
import { UserFacingError } from '../../files/errors';
import { unitsProposalLines } from '../../import/describe';
import { applyUnitsProposal, proposeUnits } from '../../import/units';
import { serializeReport } from '../../model/report';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { writeOutput } from '../output';
import { readImportFiles } from './inspect';

export const unitsCommand: Command = {
  name: 'units',
  usage: 'units TỆP --into BÁO_CÁO.json --out TỆP.json   Lấy danh sách đơn vị và khối từ bảng tính làm đơn vị của báo cáo',
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'units', options: ['into', 'out'], positional: 'many', usage: unitsCommand.usage });
    if (args.positional.length === 0) throw new CliError('Thiếu tệp danh sách đơn vị. Cách dùng: units TỆP.xlsx --into BÁO_CÁO.json --out TỆP.json');
    const into = requireFlag(args, 'into', 'báo cáo cần đặt danh sách đơn vị');
    const out = requireFlag(args, 'out', 'tệp báo cáo mới cần ghi');
    const report = await readReportFile(into);
    const workbooks = await readImportFiles(args.positional);
    let applied;
    let proposal;
    try {
      proposal = proposeUnits(workbooks);
      applied = applyUnitsProposal(report, proposal);
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
    await writeOutput(out, serializeReport(applied.report), writeFileAtomic);
    const lines = unitsProposalLines(proposal);
    const trimmed = proposal.units.filter((u) => u.written !== undefined);
    if (trimmed.length) {
      lines.push(`Bỏ phần tên tỉnh/thành phố ở cuối ${trimmed.length} tên (giữ cách viết cũ làm tên gọi khác): ${trimmed.map((u) => `“${u.written}” → “${u.name}”`).slice(0, 5).join('; ')}${trimmed.length > 5 ? '; …' : ''}.`);
    }
    if (applied.removed.length) lines.push(`Bỏ ${applied.removed.length} đơn vị cũ không có trong danh sách: ${applied.removed.join('; ')}.`);
    for (const t of applied.droppedTables) lines.push(`Bỏ bảng “${t}” (khối của bảng không còn).`);
    for (const t of applied.addedTables) lines.push(`Thêm bảng “${t}”.`);
    ctx.stdout(lines.join('\n'));
    ctx.stderr(`Đã đặt ${proposal.units.length} đơn vị (${applied.kept} giữ nguyên, ${applied.added} mới) trong ${proposal.blocks.length} khối; ghi vào “${out}”.`);
    return EXIT_OK;
  },
};
