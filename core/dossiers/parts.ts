// Several dossier lists read as one: their parts (one a file, read here or in worker threads) merged in file order.
import { UserFacingError } from '../files/errors';
import { DossierAggregator, type AggregateOptions, type AggregateResult, type DossierFilePart } from './aggregator';
import type { AggregatePeriod } from './period';
import { filesDifferError, resolvePeriod } from './refusals';

/**
 * Merges file parts one by one, in file order (aggregateFiles, mergeFileParts, and the parallel reading, which adds
 * each part as soon as every file before it is in: a part waits only while an earlier file is still being read, so
 * when the first file is much slower than the rest, the parts of the files read meanwhile are held until it is in;
 * each holds its units' counts, its unknown names, its overdue list and its dossier codes).
 */
export class FilePartsMerge {
  private agg: DossierAggregator | null = null;
  private first: { fields: string; name: string } | null = null;
  private readonly files: NonNullable<AggregateResult['files']> = [];
  private readonly period: AggregatePeriod;

  constructor(private readonly opts: AggregateOptions) {
    this.period = resolvePeriod(opts.period);
  }

  /** The first part's fields and name (what the next parts must match). */
  get expected(): { fields: string; name: string } | null {
    return this.first;
  }

  /** Adds the next file's part; a part whose fields differ from the first part's is refused (DOSSIER_FILES_DIFFER). */
  add(part: DossierFilePart): void {
    if (!this.first) this.first = { fields: part.fields, name: part.name };
    else if (part.fields !== this.first.fields) throw filesDifferError(part.name, this.first.name);
    this.agg ??= new DossierAggregator(this.period, part.columns, this.opts.units, part.headerRow, this.opts.listOverdue === true);
    this.agg.absorb(part);
    this.files.push({ name: part.name, headerRow: part.headerRow, rowsRead: part.rowsRead });
  }

  result(): AggregateResult {
    if (!this.agg) throw new UserFacingError('DOSSIER_NO_FILES', 'Chưa chọn tệp danh sách hồ sơ nào.');
    return { ...this.agg.result(), files: this.files };
  }
}

/**
 * The result of several files from their parts (aggregateFilePart, read anywhere and in any order), given in FILE
 * ORDER: exactly what aggregateFiles gives for the same files and options with report units, the same refusal
 * (DOSSIER_FILES_DIFFER) of the first file whose fields differ from the first file's. Cheap: no file is read.
 */
export function mergeFileParts(parts: readonly DossierFilePart[], opts: AggregateOptions): AggregateResult {
  const merge = new FilePartsMerge(opts);
  for (const part of parts) merge.add(part);
  return merge.result();
}
