// The messages between the app (or the CLI) and the file-reading worker: the tasks it runs, their arguments and results, progress and failures.
import type { AggregateOptions, AggregateResult, DossierFilePart } from '../dossiers/aggregator';
import type { DossierColumns } from '../dossiers/columns';
import type { DossierMapping } from '../dossiers/fields';
import type { InspectedWorkbook } from '../import/describe';
import type { ImportOptions } from '../import/preview';
import type { ImportPreview } from '../import/preview-types';
import type { ImportMapping } from '../dossiers/mappings';
import type { Report } from '../model/schema';
import type { WorkbookData } from '../xlsx/read';

/** A file to read: a path on disk, or the bytes of a file dropped on the window with its name. */
export type FileSource = { path: string } | { name: string; bytes: Uint8Array };

/** Every task the worker runs: its arguments and its result (all structured-cloneable). */
export interface WorkerTasks {
  /** Answers once the thread has loaded the readers (WorkerPool.warm). */
  ping: { args: Record<string, never>; result: true };
  /** Reads spreadsheet files into raw sheets (CLI inspect, import, units). */
  read: { args: { sources: FileSource[] }; result: WorkbookData[] };
  /** Reads spreadsheet files and previews importing them into the report (import.preview, import.previewDropped). */
  preview: { args: { report: Report; sources: FileSource[]; options: ImportOptions }; result: ImportPreview };
  /** What the importer recognises in files, and the preview against a report when one is given (CLI inspect). */
  inspect: {
    args: { sources: FileSource[]; report?: Report; options: ImportOptions };
    result: { workbooks: InspectedWorkbook[]; preview: ImportPreview | null };
  };
  /** The first rows of a dossier list and the column of each field (import.dossierColumns). */
  dossierColumns: {
    args: { path: string; mapping?: DossierMapping; remembered?: readonly ImportMapping[] };
    result: DossierColumns;
  };
  /** Per-unit figures from one dossier list or several read together (import.dossiers, CLI aggregate). */
  aggregate: { args: { paths: string[]; options: AggregateTaskOptions }; result: AggregateResult };
  /**
   * One file of several read into its part, for reading them in parallel (core/worker/aggregate-files.ts). Its
   * notes: the file's fields once its header is found, then its progress.
   */
  aggregatePart: { args: { path: string; name: string; options: AggregateTaskOptions }; result: DossierFilePart; note: AggregatePartNote };
  /** The remembered mappings after a successful run with `mapping` (reads the list's header again). */
  rememberMapping: { args: { path: string; mapping: DossierMapping; list: readonly ImportMapping[] }; result: ImportMapping[] };
}

/** The options of a dossier-list run as they cross to the worker (no callback, no signal). */
export type AggregateTaskOptions = Omit<AggregateOptions, 'onProgress' | 'onFile' | 'signal'>;

/** What the aggregatePart task tells while it runs: the fields of the file's header, then progress through the file. */
export type AggregatePartNote = { header: string } | { rows: number; bytes: number; totalBytes: number };

export type TaskName = keyof WorkerTasks;
export type TaskArgs<K extends TaskName> = WorkerTasks[K]['args'];
export type TaskResult<K extends TaskName> = WorkerTasks[K]['result'];
/** What a task tells its caller besides progress (never for most tasks). */
export type TaskNote<K extends TaskName> = WorkerTasks[K] extends { note: infer N } ? N : never;

/** What a task does while it runs, reported to the caller: the file it opens, progress, and its own notes. */
export interface TaskReporter {
  file(name: string): void;
  progress(done: number, total: number | null, label: string): void;
  note(note: unknown): void;
}

/**
 * Test-only behaviour of the worker, set only by tests through the pool's options (never reachable from the
 * renderer or the command line): when a file whose name contains `match` is opened, the worker hangs (a busy loop,
 * like a reader that never advances), blocks for `ms` milliseconds first, exits, throws, or fills its heap.
 */
export interface WorkerTestHook {
  match: string;
  action: 'hang' | 'exit' | 'throw' | 'oom' | { blockMs: number };
}

/** Main → worker. */
export type ToWorker = { type: 'run'; id: number; task: TaskName; args: unknown };

/** A failure as it crosses the thread boundary: a clerk's message (UserFacingError) or a bug. */
export interface WireError {
  userFacing: boolean;
  code: string;
  message: string;
  stack?: string;
}

/** Worker → main. */
export type FromWorker =
  | { type: 'file'; id: number; name: string }
  | { type: 'progress'; id: number; done: number; total: number | null; label: string }
  | { type: 'note'; id: number; note: unknown }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: WireError };

/** The data every worker starts with. */
export interface WorkerStartData {
  /** In development and tests: the TypeScript entry the launcher loads through tsx. */
  entry?: string;
  testHooks?: WorkerTestHook[];
}
