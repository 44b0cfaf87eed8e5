// The document commands `pdf` and `docx` (REPORT.json --out FILE [--draft]): one shape, the writer and the words differ.
// `pdf` also takes `--overview [--library DIR]`: the overview appendix after the official part (estimates labelled).
import { UserFacingError } from '../../files/errors';
import type { Report } from '../../model/schema';
import { exportGate, gateLines } from '../../rules';
import type { RenderMode } from '../../text/report-text';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';
import { historyFrom } from './overview';

/** The overview appendix asked for on the command line: the same issuer's earlier reports for its trend. */
export interface AppendixRequest {
  library: Report[];
}

interface DocumentCommandSpec {
  name: 'pdf' | 'docx';
  usage: string;
  /** "tệp PDF", "tệp Word": what --out names. */
  what: string;
  /** "" for the PDF, " Word" for the DOCX ("Đã xuất bản chính thức Word …"). */
  label: string;
  /** The writer takes the overview appendix (`--overview [--library DIR]`). */
  appendix?: boolean;
  write(report: Report, path: string, mode: RenderMode, overview: AppendixRequest | null): Promise<unknown>;
}

export function documentCommand(spec: DocumentCommandSpec): Command {
  const ext = `.${spec.name}`;
  const howTo = `${spec.name} BÁO_CÁO.json --out TỆP${ext} [--draft]${spec.appendix ? ' [--overview [--library THƯ_MỤC]]' : ''}`;
  return {
    name: spec.name,
    usage: spec.usage,
    async run(ctx) {
      const args = parseArgs(ctx.args, {
        command: spec.name,
        switches: spec.appendix ? ['draft', 'overview'] : ['draft'],
        options: spec.appendix ? ['out', 'library'] : ['out'],
        positional: 1,
        usage: spec.usage,
      });
      const input = args.positional[0];
      if (!input) throw new CliError(`Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: ${howTo}`);
      const out = requireFlag(args, 'out', `${spec.what} cần ghi`);
      if (!out.toLowerCase().endsWith(ext)) throw new CliError(`Tệp “${out}” phải có đuôi ${ext}.`);
      const mode = args.flags.has('draft') ? 'draft' : 'final';
      const report = await readReportFile(input);
      const libraryDir = args.flags.get('library');
      if (libraryDir !== undefined && !args.flags.has('overview')) throw new CliError('--library chỉ dùng cùng --overview (phụ lục Tổng quan).');
      if (libraryDir === true) throw new CliError('Thiếu thư mục sau --library.');
      const warnings: string[] = [];
      const overview = args.flags.has('overview')
        ? { library: typeof libraryDir === 'string' ? await historyFrom(libraryDir, report, (l) => warnings.push(l)) : [] }
        : null;
      try {
        await spec.write(report, out, mode, overview);
      } catch (err) {
        if (err instanceof UserFacingError) throw new CliError(err.message);
        throw err;
      }
      // The final-export gate: open errors and missing figures on stderr; the file is written all the same (exit 0).
      const done =
        mode === 'draft' ? `Đã xuất bản dự thảo${spec.label} (để trống số và ngày) ra “${out}”.` : `Đã xuất bản chính thức${spec.label} ra “${out}”.`;
      const appendix = overview ? ['Đã thêm phụ lục Tổng quan (các số ước tính có ghi rõ) sau phần văn bản chính thức.'] : [];
      ctx.stderr([...warnings, ...gateLines(exportGate(report, { mode }), 'pdf'), done, ...appendix].join('\n'));
      return EXIT_OK;
    },
  };
}
