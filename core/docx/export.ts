// Writing a report's Word document (.docx) to a file through the one atomic writer (for the CLI and the app).
import { writeFileAtomic } from '../files/atomic';
import type { Report } from '../model/schema';
import { renderReportDocx, type RenderDocxOptions } from './render';

export interface ExportDocxResult {
  /** Size of the written file in bytes. */
  bytes: number;
}

/**
 * Renders the report ('draft' or 'final') as .docx and writes it to `path` atomically. Throws UserFacingError for the
 * clerk (final copy without number or day, missing fonts, file locked by another program).
 */
export async function exportDocxToFile(report: Report, path: string, opts: RenderDocxOptions): Promise<ExportDocxResult> {
  const docx = await renderReportDocx(report, opts);
  await writeFileAtomic(path, docx);
  return { bytes: docx.byteLength };
}
