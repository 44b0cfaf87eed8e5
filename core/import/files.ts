// Entry points for the app's import handlers and the CLI: files or pasted content → an import preview for a report.
import type { Report } from '../model/schema';
import type { ReadFileOptions } from '../files/atomic';
import { pastedWorkbook } from '../xlsx/paste';
import { readSpreadsheetFile, type WorkbookData } from '../xlsx/read';
import { buildPreview, type ImportOptions } from './preview';
import type { ImportPreview } from './preview-types';

/**
 * Reads the files (each guarded; a bad one throws its UserFacingError with one Vietnamese message, nothing else is
 * read) and previews importing them into the report. Use assertUsable() to turn "nothing recognised" into a message.
 */
export async function previewFiles(report: Report, paths: string[], opts: ImportOptions = {}, read: ReadFileOptions = {}): Promise<ImportPreview> {
  const workbooks: WorkbookData[] = [];
  for (const p of paths) workbooks.push(await readSpreadsheetFile(p, read));
  return buildPreview(report, workbooks, opts);
}

/** Previews pasted clipboard content (tab-separated text from Excel or an HTML table); `opts.tableId` pastes into one table. */
export function previewPaste(report: Report, input: { text?: string; html?: string }, opts: ImportOptions = {}): ImportPreview {
  return buildPreview(report, [pastedWorkbook(input)], opts);
}
