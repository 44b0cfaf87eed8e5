// Chosen files → an import preview, read in a worker thread. It lives beside the worker pool (which runs the import's
// tasks), not in core/import, so that the import code never depends on the worker that calls it.
import type { Report } from '../model/schema';
import { checkChosenFiles } from '../import/files';
import type { ImportOptions } from '../import/preview';
import type { ImportPreview } from '../import/preview-types';
import { sharedWorkerPool, type RunOptions, type WorkerPool } from './pool';

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
