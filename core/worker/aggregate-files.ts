// Several dossier lists (a year as twelve monthly files) read in parallel, each file in its own task of the worker
// pool, and merged in the calling thread into exactly what reading them one after another gives (issue 18).
//
// It lives beside the pool, not in core/dossiers, so the dossier code never depends on the worker that calls it.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { checkFilesRequest } from '../dossiers/aggregate';
import type { AggregateResult, DossierFilePart } from '../dossiers/aggregator';
import { FilePartsMerge } from '../dossiers/parts';
import { filesDifferError } from '../dossiers/refusals';
import { baseName } from '../xlsx/stream-common';
import { dossierRowsLabel } from './labels';
import { cancelledError, type RunOptions, type WorkerPool } from './pool';
import type { AggregatePartNote, AggregateTaskOptions } from './protocol';

/**
 * How many files are read at once. Two: the machines the app targets have two cores, and each reader also keeps a
 * zlib thread busy, so a third reader would only share the same cores. Memory: each reader holds one file's shared
 * strings while it reads it (a month of 208 000 dossiers, whose codes are all different): the year of 2,5 M rows
 * peaked at 242 MB with one reader and 340–349 MB with two (bench/dossiers-year.bench.ts), inside the 400 MB the
 * issue allows; a third would not be. A one-core machine reads one file at a time.
 */
export const READERS = Math.min(2, availableParallelism());

export interface AggregateRunOptions extends RunOptions {
  /** Files read at once (default READERS); 1 reads them one after another in one thread (the 'aggregate' task). */
  readers?: number;
}

type Outcome = { part: DossierFilePart } | { error: unknown };

/**
 * Per-unit figures from one dossier list or several, read in worker threads of `pool`; the result (and the error,
 * and which file it names) is exactly what aggregateFiles gives for the same files and options.
 *
 * With several files and the report's units, up to `readers` files are read at once, each in its own task
 * (aggregatePart), taken in file order; the parts are merged in file order here (FilePartsMerge). When a file fails,
 * the error reported is the one reading the files in order would have met first: a file's error counts only once
 * every file before it was read, and a file whose header gives other fields than the first file's is refused even
 * if it fails further on (reading in order stops at its header). Files after a failing one are not read (those
 * running are stopped). Cancelling through `signal` terminates every thread and rejects with CANCELLED.
 *
 * One file, no report units (which names become units then depends on every file before: MAX_LIST_UNITS) or one
 * reader: today's 'aggregate' task reads the files one after another in one thread.
 *
 * Progress: one bar over all the files' bytes on disk (each file weighs its size, as aggregateFiles does), with the
 * rows read so far.
 */
export async function aggregateInWorkers(
  pool: WorkerPool,
  paths: readonly string[],
  options: AggregateTaskOptions,
  run: AggregateRunOptions = {},
): Promise<AggregateResult> {
  const { readers = READERS, signal, onProgress } = run;
  const n = paths.length;
  if (n <= 1 || !options.units || readers <= 1) {
    return pool.run('aggregate', { paths: [...paths], options }, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
  }
  if (signal?.aborted) throw cancelledError();
  checkFilesRequest(paths, options);
  // Named as aggregateFiles names them (its bad rows, its messages).
  const names = paths.map((p) => baseName(p));
  const sizes = await Promise.all(paths.map((p) => stat(p).then((s) => s.size, () => 0)));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const bytes = sizes.map(() => 0);
  const rows = sizes.map(() => 0);
  let over = false;
  const emit = () => {
    if (over || !onProgress) return;
    onProgress(
      bytes.reduce((a, b) => a + b, 0),
      totalBytes || null,
      dossierRowsLabel(rows.reduce((a, b) => a + b, 0)),
    );
  };

  // Each file's outcome, settled once (never rejected), awaited in file order below.
  const settle: ((o: Outcome) => void)[] = [];
  const outcomes: (Promise<Outcome> | undefined)[] = paths.map(() => new Promise<Outcome>((resolve) => settle.push(resolve)));
  const headers: (string | undefined)[] = paths.map(() => undefined);
  const running = new Map<number, AbortController>();
  // No file after `stopAt` can change the outcome: it is known to fail (an error, or other fields than the first's).
  let stopAt = n - 1;
  const fails = (k: number) => {
    if (k >= stopAt) return;
    stopAt = k;
    for (const [j, ctrl] of running) if (j > k) ctrl.abort();
  };
  const differs = (k: number) => k > 0 && headers[0] !== undefined && headers[k] !== undefined && headers[k] !== headers[0];
  const onNote = (k: number) => (note: AggregatePartNote) => {
    if ('header' in note) {
      headers[k] = note.header;
      // A file of other fields is refused at its header (reading in order stops there): it is stopped too.
      for (const j of k === 0 ? headers.keys() : [k]) {
        if (!differs(j)) continue;
        fails(j);
        running.get(j)?.abort();
      }
      return;
    }
    const size = sizes[k]!;
    const done = note.totalBytes > 0 ? Math.min(size, Math.round((size * note.bytes) / note.totalBytes)) : 0;
    bytes[k] = Math.max(bytes[k]!, done);
    rows[k] = note.rows;
    emit();
  };

  let next = 0;
  const lane = async () => {
    for (;;) {
      const k = next++;
      if (over || k >= n || k > stopAt) return;
      const ctrl = new AbortController();
      if (signal?.aborted) ctrl.abort();
      running.set(k, ctrl);
      try {
        const part = await pool.run('aggregatePart', { path: paths[k]!, name: names[k]!, options }, { signal: ctrl.signal, onNote: onNote(k) });
        bytes[k] = sizes[k]!;
        rows[k] = part.rowsRead;
        emit();
        settle[k]!({ part });
      } catch (error) {
        settle[k]!({ error });
        fails(k);
      } finally {
        running.delete(k);
      }
    }
  };
  const onAbort = () => {
    for (const ctrl of running.values()) ctrl.abort();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  void Promise.all(Array.from({ length: Math.min(readers, n) }, lane));

  try {
    // Each part is merged as soon as the files before it are, then let go (as mergeFileParts, one part at a time).
    const merge = new FilePartsMerge(options);
    for (let k = 0; k < n; k++) {
      const o = await outcomes[k]!;
      outcomes[k] = undefined; // the part is not kept once merged
      if (signal?.aborted) throw cancelledError();
      // Read in order, a file of other fields is refused at its header, before anything further on could fail.
      const fields = 'part' in o ? o.part.fields : headers[k];
      const first = merge.expected;
      if (first && fields !== undefined && fields !== first.fields) throw filesDifferError(names[k]!, first.name);
      if ('error' in o) throw o.error;
      merge.add(o.part);
    }
    return merge.result();
  } finally {
    over = true;
    signal?.removeEventListener('abort', onAbort);
    // Files after the one that failed may still be running: their threads are terminated.
    for (const ctrl of running.values()) ctrl.abort();
  }
}
