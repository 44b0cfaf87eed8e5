// Entry points for the app's import handlers and the CLI: pasted content → an import preview, and the check of a
// choice of files before any is read (core/worker/preview-files.ts reads chosen files in a worker).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Report } from '../model/schema';
import { checkDrop } from '../xlsx/limits';
import { pastedWorkbook } from '../xlsx/paste';
import { buildPreview, type ImportOptions } from './preview';
import type { ImportPreview } from './preview-types';

/** Previews pasted clipboard content (tab-separated text from Excel or an HTML table); `opts.tableId` pastes into one table. */
export function previewPaste(report: Report, input: { text?: string; html?: string }, opts: ImportOptions = {}): ImportPreview {
  return buildPreview(report, [pastedWorkbook(input)], opts);
}

/**
 * Refuses a choice of several files whose total size is past the per-drop limit (core/xlsx/limits.ts checkDrop)
 * before any is read. A file that cannot be looked at counts as empty: reading it gives its own message.
 */
export async function checkChosenFiles(paths: readonly string[]): Promise<void> {
  if (paths.length < 2) return;
  const sizes = await Promise.all(paths.map(async (p) => ({ name: basename(p), bytes: await stat(p).then((s) => (s.isFile() ? s.size : 0), () => 0) })));
  checkDrop(sizes);
}
