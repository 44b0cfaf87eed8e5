// The work done inside the file-reading worker: each task calls the core's readers (spreadsheets, dossier lists) and reports files and progress.
import { basename } from 'node:path';
import { aggregateFilePart, aggregateFiles } from '../dossiers/aggregate';
import { dossierColumns, rememberDossierMapping } from '../dossiers/columns';
import { inspectWorkbook } from '../import/describe';
import { buildPreview } from '../import/preview';
import { readSpreadsheetBytes, readSpreadsheetFile, type WorkbookData } from '../xlsx/read';
import { dossierRowsLabel } from './labels';
import type { AggregatePartNote, FileSource, TaskArgs, TaskName, TaskReporter, TaskResult, WorkerTestHook } from './protocol';

/** The name shown to the clerk for a source. */
export function sourceName(s: FileSource): string {
  return 'path' in s ? basename(s.path) : basename(s.name);
}

/** Runs the test hook matching a file name, if any (see WorkerTestHook: tests only). */
function runHook(hooks: readonly WorkerTestHook[], name: string): void {
  const hook = hooks.find((h) => name.includes(h.match));
  if (!hook) return;
  const { action } = hook;
  if (action === 'exit') process.exit(70);
  if (action === 'throw') throw new RangeError('test hook: an unexpected exception in a reader');
  if (action === 'oom') {
    const hold: number[][] = [];
    for (;;) hold.push(new Array<number>(1_000_000).fill(hold.length));
  }
  const until = action === 'hang' ? Infinity : Date.now() + action.blockMs;
  // A synchronous busy loop, like a reader that never advances: only terminating the thread stops it.
  while (Date.now() < until) {
    /* busy */
  }
}

/** Progress of a dossier list, at most every 100 ms (each message crosses the thread boundary), and always the last. */
function throttled(send: (bytes: number, totalBytes: number, rows: number) => void): (bytes: number, totalBytes: number, rows: number) => void {
  let last = 0;
  return (bytes, totalBytes, rows) => {
    const now = Date.now();
    if (now - last < 100 && bytes < totalBytes) return;
    last = now;
    send(bytes, totalBytes, rows);
  };
}

async function readSources(sources: readonly FileSource[], report: TaskReporter, hooks: readonly WorkerTestHook[]): Promise<WorkbookData[]> {
  const books: WorkbookData[] = [];
  for (const [i, s] of sources.entries()) {
    const name = sourceName(s);
    report.file(name);
    report.progress(i, sources.length, `Đang đọc tệp ${name}…`);
    runHook(hooks, name);
    books.push('path' in s ? await readSpreadsheetFile(s.path) : await readSpreadsheetBytes(Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength), name));
  }
  report.progress(sources.length, sources.length, 'Đã đọc xong tệp.');
  return books;
}

type TaskImpl<K extends TaskName> = (args: TaskArgs<K>, report: TaskReporter, hooks: readonly WorkerTestHook[]) => Promise<TaskResult<K>>;

/** The tasks by name. */
export const TASKS: { [K in TaskName]: TaskImpl<K> } = {
  ping: () => Promise.resolve(true as const),
  read: ({ sources }, report, hooks) => readSources(sources, report, hooks),
  preview: async ({ report, sources, options }, reporter, hooks) => buildPreview(report, await readSources(sources, reporter, hooks), options),
  inspect: async ({ sources, report, options }, reporter, hooks) => {
    const books = await readSources(sources, reporter, hooks);
    return { workbooks: books.map(inspectWorkbook), preview: report ? buildPreview(report, books, options) : null };
  },
  dossierColumns: ({ path, mapping, remembered }, report, hooks) => {
    report.file(basename(path));
    runHook(hooks, basename(path));
    return dossierColumns(path, { ...(mapping ? { mapping } : {}), ...(remembered ? { remembered } : {}) });
  },
  aggregate: ({ paths, options }, report, hooks) => {
    // The file being read is named (in a message if the thread dies), each in turn.
    const onFile = (name: string) => {
      report.file(name);
      runHook(hooks, name);
    };
    const progress = throttled((bytes, totalBytes, rows) => report.progress(bytes, totalBytes || null, dossierRowsLabel(rows)));
    return aggregateFiles(paths, { ...options, onProgress: (p) => progress(p.bytes, p.totalBytes, p.rows), onFile });
  },
  aggregatePart: ({ path, name, options }, report, hooks) => {
    report.file(name);
    runHook(hooks, name);
    const note = (n: AggregatePartNote) => report.note(n);
    const progress = throttled((bytes, totalBytes, rows) => note({ rows, bytes, totalBytes }));
    return aggregateFilePart(path, { ...options, onProgress: (p) => progress(p.bytes, p.totalBytes, p.rows) }, { name, onHeader: (fields) => note({ header: fields }) });
  },
  rememberMapping: ({ path, mapping, list }, report) => {
    report.file(basename(path));
    return rememberDossierMapping(path, mapping, list);
  },
};
