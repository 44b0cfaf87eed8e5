// `library list|backup|restore|versions|export --dir FOLDER`: the app's report library from the command line (support, machines without the app window).
import { writeFileAtomic } from '../../files/atomic';
import { UserFacingError } from '../../files/errors';
import { ReportLibrary } from '../../library/library';
import { serializeReport } from '../../model/report';
import { CliError, EXIT_OK, parseArgs, requireFlag, type Command } from '../io';
import { writeOutput } from '../output';

const USAGE =
  'library list|versions ID|backup --to THƯ_MỤC|restore --from THƯ_MỤC|export ID --out TỆP --dir THƯ_VIỆN   Xem, sao lưu, khôi phục thư viện báo cáo';

function fmt(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}

export const libraryCommand: Command = {
  name: 'library',
  usage: USAGE,
  async run(ctx) {
    const args = parseArgs(ctx.args, { command: 'library', switches: ['json'], options: ['dir', 'out', 'to', 'from'], positional: 2, usage: USAGE });
    const [action, id] = args.positional;
    const dir = requireFlag(args, 'dir', 'thư mục thư viện (ví dụ %APPDATA%\\bao-cao-766\\library)');
    const notices: string[] = [];
    const lib = new ReportLibrary({ folder: dir, addSampleOnFirstRun: false, onNotice: (n) => notices.push(n.message) });
    const json = args.flags.has('json');
    try {
      switch (action) {
        case 'list': {
          const list = await lib.list();
          if (json) ctx.stdout(JSON.stringify(list, null, 2));
          else
            ctx.stdout(
              [
                ...list.map((s) => `${s.id}  ${s.periodLabel}  ${s.documentNumber ?? '(chưa có số)'}  tổng điểm ${fmt(s.total)}  lưu lúc ${s.savedAt}${s.isSample ? '  (Mẫu)' : ''}`),
                `${list.length} báo cáo.`,
              ].join('\n'),
            );
          break;
        }
        case 'versions': {
          if (!id) throw new CliError('Thiếu mã báo cáo. Cách dùng: library versions ID --dir THƯ_VIỆN');
          const versions = await lib.versions(id);
          if (json) ctx.stdout(JSON.stringify(versions, null, 2));
          else ctx.stdout([...versions.map((v) => `${v.versionId}  ${v.takenAt}  lần lưu ${v.revision}  tổng điểm ${fmt(v.total)}`), `${versions.length} phiên bản.`].join('\n'));
          break;
        }
        case 'export': {
          if (!id) throw new CliError('Thiếu mã báo cáo. Cách dùng: library export ID --out TỆP.json --dir THƯ_VIỆN');
          const out = requireFlag(args, 'out', 'tệp JSON để ghi báo cáo');
          const opened = await lib.open(id);
          await writeOutput(out, serializeReport(opened.report), writeFileAtomic);
          ctx.stderr(`Đã ghi báo cáo ${opened.report.id} vào “${out}”.`);
          break;
        }
        case 'backup': {
          const to = requireFlag(args, 'to', 'thư mục để lưu bản sao lưu (ví dụ ổ USB)');
          const res = await lib.backup(to);
          ctx.stderr(`Đã sao lưu ${res.reports} báo cáo và ${res.versions} phiên bản vào “${res.folder}”.`);
          break;
        }
        case 'restore': {
          const from = requireFlag(args, 'from', 'thư mục bản sao lưu');
          const res = await lib.restoreBackup(from);
          ctx.stderr(`Đã khôi phục ${res.restored} báo cáo, giữ nguyên ${res.unchanged}, bỏ qua ${res.skipped} tệp hỏng.`);
          break;
        }
        default:
          throw new CliError(`Thiếu hoặc sai thao tác “${action ?? ''}”. Cách dùng: ${USAGE}`);
      }
    } catch (err) {
      if (err instanceof UserFacingError) throw new CliError(err.message);
      throw err;
    }
    for (const n of notices) ctx.stderr(n);
    return EXIT_OK;
  },
};
