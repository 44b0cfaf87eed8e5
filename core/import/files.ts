// Entry points for the app's import handlers and the CLI: files or pasted content → an import preview for a report.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Report } from '../model/schema';
import { sharedWorkerPool, type RunOptions, type WorkerPool } from '../worker/pool';
import { checkDrop } from '../xlsx/limits';
import { pastedWorkbook } from '../xlsx/paste';
import { buildPreview, type ImportOptions } from './preview';
import type { ImportPreview } from './preview-types';

/**
 * Reads the files in a worker thread (each guarded; a bad one throws its UserFacingError with one Vietnamese message,
 * nothing else is read; a reader that dies gives FILE_READER_FAILED) and previews importing them into the report.
 * Use assertUsable() to turn "nothing recognised" into a message.
 */
export async function previewFiles(
  report: Report,
  paths: string[],
  opts: ImportOptions = {},
  run: RunOptions & { workers?: WorkerPool } = {},
): Promise<ImportPreview> {
  const { workers = sharedWorkerPool(), ...runOpts } = run;
  await checkChosenFiles(paths);
  return workers.run('preview', { report, sources: paths.map((path) => ({ path })), options: opts }, runOpts);
}

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
