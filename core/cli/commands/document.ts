// The document commands `pdf` and `docx` (REPORT.json --out FILE [--draft]): one shape, the writer and the words differ.
import { UserFacingError } from '../../files/errors';
import type { Report } from '../../model/schema';
import { exportGate, gateLines } from '../../rules';
import type { RenderMode } from '../../text/report-text';
import { CliError, EXIT_OK, parseArgs, readReportFile, requireFlag, type Command } from '../io';

interface DocumentCommandSpec {
  name: 'pdf' | 'docx';
  usage: string;
  /** "tệp PDF", "tệp Word": what --out names. */
  what: string;
  /** "" for the PDF, " Word" for the DOCX ("Đã xuất bản chính thức Word …"). */
  label: string;
  write(report: Report, path: string, mode: RenderMode): Promise<unknown>;
}

export function documentCommand(spec: DocumentCommandSpec): Command {
  const ext = `.${spec.name}`;
  const howTo = `${spec.name} BÁO_CÁO.json --out TỆP${ext} [--draft]`;
  return {
    name: spec.name,
    usage: spec.usage,
    async run(ctx) {
      const args = parseArgs(ctx.args, ['draft']);
      const input = args.positional[0];
      if (!input) throw new CliError(`Thiếu tệp báo cáo (BÁO_CÁO.json). Cách dùng: ${howTo}`);
      const out = requireFlag(args, 'out', `${spec.what} cần ghi`);
      if (!out.toLowerCase().endsWith(ext)) throw new CliError(`Tệp “${out}” phải có đuôi ${ext}.`);
      const mode = args.flags.has('draft') ? 'draft' : 'final';
      const report = await readReportFile(input);
      try {
        await spec.write(report, out, mode);
      } catch (err) {
        if (err instanceof UserFacingError) throw new CliError(err.message);
        throw err;
      }
      // The final-export gate: open errors and missing figures on stderr; the file is written all the same (exit 0).
      const done =
        mode === 'draft' ? `Đã xuất bản dự thảo${spec.label} (để trống số và ngày) ra “${out}”.` : `Đã xuất bản chính thức${spec.label} ra “${out}”.`;
      ctx.stderr([...gateLines(exportGate(report, { mode }), 'pdf'), done].join('\n'));
      return EXIT_OK;
    },
  };
}
