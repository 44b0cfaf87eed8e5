// Reading dossier lists into per-unit figures (the semantics: aggregator.ts): one list, several read as one, one file's part, and the first rows for the mapping screen.
import { stat } from 'node:fs/promises';
import { UserFacingError } from '../files/errors';
import { streamRowBatches, type StreamProgress, type StreamRow } from '../xlsx/stream';
import { baseName } from '../xlsx/stream-common';
import { DossierAggregator, fieldSet, type AggregateOptions, type AggregateResult, type DossierFilePart } from './aggregator';
import { dossierSignature, MAX_AGGREGATE_FILES, resolveColumns, type DossierField, type DossierMapping, type ResolvedColumns } from './fields';
import type { AggregatePeriod } from './period';
import { FilePartsMerge } from './parts';
import { filesDifferError, resolvePeriod, throwIfAborted } from './refusals';

/** How many first rows are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

/** Source of rows: a file path (.xlsx, .csv) or row batches from any reader (tests, pasted data). */
export type DossierSource = string | AsyncIterable<StreamRow[]> | Iterable<StreamRow[]>;

/**
 * Feeds one source's row batches: its header is searched in its first rows (`begin` resolves it and returns the
 * aggregator the rows below it go to), then every row is added. A source without any row is refused.
 */
async function feedSource(
  batches: AsyncIterable<StreamRow[]> | Iterable<StreamRow[]>,
  opts: AggregateOptions,
  begin: (head: StreamRow[]) => DossierAggregator,
  yieldNow: boolean,
  emptyMessage: string,
): Promise<DossierAggregator> {
  const { signal } = opts;
  const head: StreamRow[] = [];
  let agg: DossierAggregator | null = null;
  let sinceCheck = 0;
  for await (const batch of batches) {
    throwIfAborted(signal);
    if (agg) {
      for (let i = 0; i < batch.length; i++) agg.add(batch[i]!.values, batch[i]!.row);
    } else {
      for (const r of batch) {
        if (agg) (agg as DossierAggregator).add(r.values, r.row);
        else {
          head.push(r);
          const enough = opts.mapping?.headerRow !== undefined ? r.row >= opts.mapping.headerRow : head.length >= HEADER_SEARCH_ROWS;
          if (enough) agg = begin(head);
        }
      }
    }
    sinceCheck += batch.length;
    if (yieldNow && sinceCheck >= 20_000) {
      // Row sources other than files may be synchronous: let an abort (and the UI) get a turn now and then.
      sinceCheck = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!agg) {
    if (head.length === 0) throw new UserFacingError('DOSSIER_EMPTY', emptyMessage);
    agg = begin(head);
  }
  return agg;
}

/** The header found in the first rows of a source, and the rows below it that were already read. */
function headerOf(head: StreamRow[], mapping: DossierMapping | undefined): { cols: ResolvedColumns; headerRow: number; rest: StreamRow[] } {
  const cols = resolveColumns(
    head.map((r) => r.values),
    mapping,
    head.map((r) => r.row),
  );
  return { cols, headerRow: head[cols.headerIndex]!.row, rest: head.slice(cols.headerIndex + cols.depth) };
}

function streamOptions(opts: AggregateOptions, onProgress: AggregateOptions['onProgress']) {
  return {
    ...(opts.mapping?.sheet !== undefined ? { sheet: opts.mapping.sheet } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
}

/**
 * Computes per-unit figures for a period from a dossier list, streaming: rows are not kept, so memory grows only with
 * the workbook's shared strings (see bench/README.md). The header is searched in the first HEADER_SEARCH_ROWS rows
 * with the shared header finder; the mapping's choices win over synonyms. Cancelling through `signal` rejects with
 * the signal's reason (an AbortError) and leaves nothing behind. File problems are UserFacingErrors.
 */
export async function aggregate(source: DossierSource, opts: AggregateOptions): Promise<AggregateResult> {
  const period = resolvePeriod(opts.period);
  throwIfAborted(opts.signal);
  const batches = typeof source === 'string' ? streamRowBatches(source, streamOptions(opts, opts.onProgress)) : source;
  const agg = await feedSource(
    batches,
    opts,
    (head) => {
      const { cols, headerRow, rest } = headerOf(head, opts.mapping);
      const a = new DossierAggregator(period, cols, opts.units, headerRow, opts.listOverdue === true);
      for (const r of rest) a.add(r.values, r.row);
      return a;
    },
    typeof source !== 'string',
    'Danh sách hồ sơ không có dòng nào.',
  );
  return agg.result();
}

/**
 * What is checked before any file of several is opened, in this order: the period, a cancel already asked for, the
 * number of files. Returns the period. aggregateFiles and the parallel reading (core/worker) both start here.
 */
export function checkFilesRequest(paths: readonly string[], opts: Pick<AggregateOptions, 'period' | 'signal'>): AggregatePeriod {
  const period = resolvePeriod(opts.period);
  throwIfAborted(opts.signal);
  if (paths.length === 0) throw new UserFacingError('DOSSIER_NO_FILES', 'Chưa chọn tệp danh sách hồ sơ nào.');
  if (paths.length > MAX_AGGREGATE_FILES) {
    throw new UserFacingError('DOSSIER_TOO_MANY_FILES', `Chỉ đọc được tối đa ${MAX_AGGREGATE_FILES} tệp danh sách hồ sơ một lần (đã chọn ${paths.length} tệp).`);
  }
  return period;
}

/**
 * Reads one file of several: its header is found like aggregate's, `begin` gives the aggregator its rows go to.
 * The header finder's messages, which do not say which file they are about, get the file's name in front.
 */
async function readOneOfSeveral(
  path: string,
  name: string,
  opts: AggregateOptions,
  begin: (found: ReturnType<typeof headerOf>) => DossierAggregator,
): Promise<DossierAggregator> {
  try {
    return await feedSource(
      streamRowBatches(path, streamOptions(opts, opts.onProgress)),
      opts,
      (head) => {
        const found = headerOf(head, opts.mapping);
        const a = begin(found);
        for (const r of found.rest) a.add(r.values, r.row);
        return a;
      },
      false,
      `Danh sách hồ sơ “${name}” không có dòng nào.`,
    );
  } catch (err) {
    if (err instanceof UserFacingError && err.code.startsWith('DOSSIER_') && !err.message.includes(name)) {
      throw new UserFacingError(err.code, `Tệp “${name}”: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

/**
 * Reads one file of several into its part (see DossierFilePart), with the messages aggregateFiles gives about it.
 * `expect`: the first file's fields and name, when known (then a file of other fields is refused as soon as its
 * header is read, before its rows). `onHeader`: told the file's fields once its header is found, before its rows are
 * read (so a caller reading files in parallel knows a file differs even when it fails further on). Needs report units.
 */
export async function aggregateFilePart(
  path: string,
  opts: AggregateOptions,
  file: { name?: string; expect?: { fields: string; name: string }; onHeader?: (fields: string) => void } = {},
): Promise<DossierFilePart> {
  if (!opts.units) throw new Error('aggregateFilePart needs the report units (without them the files are read one after another)');
  const period = resolvePeriod(opts.period);
  throwIfAborted(opts.signal);
  const name = file.name ?? baseName(path);
  const agg = await readOneOfSeveral(path, name, opts, (found) => {
    const fields = fieldSet(found.cols);
    if (file.expect && fields !== file.expect.fields) throw filesDifferError(name, file.expect.name);
    file.onHeader?.(fields);
    return new DossierAggregator(period, found.cols, opts.units, found.headerRow, opts.listOverdue === true, { file: name });
  });
  return agg.part();
}

/**
 * Computes per-unit figures over several dossier lists read one after another (a year as twelve monthly files): one
 * tally, one progress bar over all the files' bytes, the period any month, quarter, half-year or year. Each file
 * has its own header (found like aggregate's; its column order may differ) but must give the same fields as the
 * first, else it is refused with a message naming it: a file without the channel column would silently change what
 * the online rate means. Unreadable rows and overdue dossiers name their file; the result's header is the first
 * file's. Memory does not grow with the number of files: each file's reader (and its shared strings) is released
 * before the next is opened.
 *
 * With report units each file is read into its part and merged at once (the same code as mergeFileParts, so reading
 * the files in parallel gives the same result); without them every file goes into one tally, because which names
 * become units (MAX_LIST_UNITS) depends on the files read before.
 */
export async function aggregateFiles(paths: readonly string[], opts: AggregateOptions): Promise<AggregateResult> {
  const period = checkFilesRequest(paths, opts);
  if (paths.length === 1) {
    opts.onFile?.(baseName(paths[0]!));
    return aggregate(paths[0]!, opts);
  }
  // One progress bar: each file weighs its size on disk.
  const sizes = await Promise.all(paths.map((p) => stat(p).then((s) => s.size, () => 0)));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let doneBytes = 0;
  let doneRows = 0;
  const merge = opts.units ? new FilePartsMerge(opts) : null;
  // Without report units: one aggregator reads every file.
  let agg: DossierAggregator | null = null;
  let first: { fields: string; name: string } | null = null;
  const files: NonNullable<AggregateResult['files']> = [];
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    const name = baseName(path);
    opts.onFile?.(name);
    const size = sizes[i]!;
    const onProgress = opts.onProgress
      ? (p: StreamProgress) =>
          opts.onProgress!({
            rows: doneRows + p.rows,
            bytes: doneBytes + (p.totalBytes > 0 ? Math.min(size, Math.round((size * p.bytes) / p.totalBytes)) : 0),
            totalBytes,
          })
      : undefined;
    const fileOpts: AggregateOptions = { ...opts, onProgress };
    if (merge) {
      const expect = merge.expected;
      const part = await aggregateFilePart(path, fileOpts, { name, ...(expect ? { expect } : {}) });
      merge.add(part);
      doneRows += part.rowsRead;
    } else {
      const before = agg?.rowCount ?? 0;
      let headerRow = 0;
      agg = await readOneOfSeveral(path, name, fileOpts, (found) => {
        headerRow = found.headerRow;
        const fields = fieldSet(found.cols);
        let a: DossierAggregator;
        if (!agg || !first) {
          a = new DossierAggregator(period, found.cols, opts.units, found.headerRow, opts.listOverdue === true);
          first = { fields, name };
        } else {
          if (fields !== first.fields) throw filesDifferError(name, first.name);
          a = agg;
        }
        a.nextFile(found.cols, name);
        return a;
      });
      agg.closeFile();
      files.push({ name, headerRow, rowsRead: agg.rowCount - before });
      doneRows = agg.rowCount;
    }
    doneBytes += size;
    opts.onProgress?.({ rows: doneRows, bytes: doneBytes, totalBytes });
  }
  return merge ? merge.result() : { ...agg!.result(), files };
}

/** What the mapping screen needs: the first rows, the header found and the column of each field. */
export interface DossierListPreview {
  /** The first rows of the sheet (up to HEADER_SEARCH_ROWS), with their sheet row numbers. */
  rows: StreamRow[];
  /** Null when no header was recognised (the clerk then picks the header row). */
  header: {
    row: number;
    labels: string[];
    columns: ResolvedColumns['columns'];
    how: ResolvedColumns['how'];
    /** Required fields still without a column. */
    missing: DossierField[];
    /** The settings key of this kind of list (dossierSignature). */
    signature: string;
  } | null;
}

/**
 * Reads only the first rows of a dossier list and says which column holds what, without computing anything: the
 * app shows it so the clerk can confirm or fix the mapping before the full run. File problems are UserFacingErrors.
 */
export async function previewDossierList(path: string, opts: { mapping?: DossierMapping; signal?: AbortSignal } = {}): Promise<DossierListPreview> {
  const rows: StreamRow[] = [];
  const limit = Math.max(HEADER_SEARCH_ROWS, (opts.mapping?.headerRow ?? 0) + 5);
  for await (const batch of streamRowBatches(path, {
    ...(opts.mapping?.sheet !== undefined ? { sheet: opts.mapping.sheet } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  })) {
    for (const r of batch) if (rows.length < limit) rows.push(r);
    if (rows.length >= limit) break;
  }
  let resolved: ResolvedColumns;
  try {
    resolved = resolveColumns(
      rows.map((r) => r.values),
      opts.mapping,
      rows.map((r) => r.row),
      { requireAll: false },
    );
  } catch (err) {
    if (err instanceof UserFacingError && err.code === 'DOSSIER_HEADER_NOT_FOUND') return { rows, header: null };
    throw err;
  }
  return {
    rows,
    header: {
      row: rows[resolved.headerIndex]!.row,
      labels: resolved.headerLabels,
      columns: resolved.columns,
      how: resolved.how,
      missing: resolved.missing,
      signature: dossierSignature(resolved.headerLabels),
    },
  };
}

export { MAX_AGGREGATE_FILES };
