// Writing a report's official PDF to a file through the one atomic writer (for the CLI, the Excel engineer's `export --pdf` and the app).
import { writeFileAtomic } from '../files/atomic';
import type { Report } from '../model/schema';
import { drawOverviewAppendix, type AppendixOptions } from './appendix';
import { renderReportPdf, type RenderPdfOptions } from './render';

export interface ExportPdfResult {
  /** Size of the written file in bytes. */
  bytes: number;
}

/**
 * Renders the report ('draft' or 'final') and writes it to `path` atomically: the file is either its old content
 * or the complete new PDF. Throws UserFacingError for the clerk (final copy without number or day, missing fonts,
 * file locked by another program).
 */
export async function exportPdfToFile(report: Report, path: string, opts: RenderPdfOptions & { overview?: AppendixOptions }): Promise<ExportPdfResult> {
  // The optional overview appendix comes after the official document (off unless asked for).
  const { overview, ...render } = opts;
  const pdf = await renderReportPdf(report, overview ? { ...render, after: (frame) => drawOverviewAppendix(frame, report, overview) } : render);
  await writeFileAtomic(path, pdf);
  return { bytes: pdf.byteLength };
}
