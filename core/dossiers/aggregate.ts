// Per-unit rates computed from a one-stop system's dossier list: received, on time, overdue, online submission, online payment, satisfaction.
//
// Semantics (domain.md §8), decided here and tested in test/unit/dossiers-aggregate.test.ts:
// - A dossier belongs to the period when it was RECEIVED within [from, to] (both days included). Dossiers received
//   earlier and still open (carried over) are not counted: every figure is "over the dossiers of the period".
// - Its state is judged AT THE PERIOD'S END, so the result does not depend on when the list was exported:
//   * finished on or before `to` → on time when finished no later than its due date (the same day counts as on time;
//     when both carry a time of day, the times are compared too), else overdue;
//   * not finished by `to` (no finish date, or finished after `to`) → on time when its due date is on or after
//     `to` (due on the period's last day is not yet overdue that day), overdue when the due date is before `to`;
//   * no due date at all (procedures settled on the spot) → on time.
// - A status saying the dossier was cancelled or withdrawn ("Đã hủy", "Rút hồ sơ") removes it from every count
//   (counted in `cancelled`). A status saying it has a result while the finish date is blank makes the row unreadable.
// - Online submission = channel 2 (Trực tuyến) over received; a blank channel counts as not online; with no channel
//   column, the online figures are null.
// - Online payment = paid online over dossiers with a fee > 0 (blank fee = no fee); with no payment column, null.
// - Satisfaction = (Rất hài lòng + Hài lòng) over rated dossiers ("Chưa đánh giá" and blank are not rated).
// - Rates are percentages rounded to 2 decimals, null (never 0) when the denominator is 0; the overdue rate is
//   100 minus the rounded on-time rate, so the pair always sums to 100 as the portal's does.
// - A dossier is counted once: a code listed twice among the counted dossiers of a list (DOSSIER_CODES_REPEATED),
//   or in two files read together (DOSSIER_FILES_OVERLAP: the same month picked twice, a quarter with one of its
//   months), refuses the run with the rows or files named, rather than count it twice (core/dossiers/codes.ts).
//   Lists without a code column, blank codes and rows not counted (out of the period, cancelled, unreadable) are
//   not compared.
// - A row that cannot be read (bad date, unknown unit, unreadable channel/fee/payment/rating) is left out, counted
//   and listed with its row number and reason (the list keeps the first MAX_BAD_ROWS); it never stops the run.
//   Rows with neither a unit nor a received date (footers, blank lines) are skipped silently.
import { stat } from 'node:fs/promises';
import { UserFacingError } from '../files/errors';
import { canonicalName, createUnitMatcher, type NamedUnit, type UnitSuggestion } from '../text/names';
import { roundTo } from '../text/numbers';
import { cleanText, type RawRow } from '../xlsx/cells';
import { streamRowBatches, type StreamProgress, type StreamRow } from '../xlsx/stream';
import { baseName } from '../xlsx/stream-common';
import { dossierSignature, DOSSIER_FIELDS, MAX_AGGREGATE_FILES, FIELD_LABELS, resolveColumns, type DossierField, type DossierMapping, type ResolvedColumns } from './fields';
import { parseAggregatePeriod, PERIOD_HELP, type AggregatePeriod } from './period';
import { CodeLedger, sharedKeys, type CodeKeys } from './codes';
import { dateTimeValue, feeValue, readChannel, readPayment, readRating, readStatus, readText, Unreadable, type DateTime } from './values';

/** A row whose only text holds several commas, semicolons or tabs: a record written with another delimiter. */
function joinedRecord(values: RawRow): boolean {
  let text: string | null = null;
  for (const v of values) {
    if (v === null || v === '') continue;
    if (text !== null || typeof v !== 'string') return false;
    text = v;
  }
  if (text === null) return false;
  const most = Math.max(...[',', ';', '\t'].map((d) => text!.split(d).length - 1));
  return most >= 3;
}

/** How many unreadable rows are listed one by one (all are counted). */
export const MAX_BAD_ROWS = 5000;
/** How many distinct unknown unit names are listed (all their rows are counted as unreadable). */
export const MAX_UNKNOWN_NAMES = 1000;
/** How many units a list may name when no report units are given (more means the unit column is wrong). */
export const MAX_LIST_UNITS = 5000;
/** How many first rows are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

/** The label every computed figure carries (model: src 'dossiers'; screen, PDF note, Excel export). */
export const COMPUTED_NOTE = 'Số liệu tính từ danh sách hồ sơ, không phải số liệu chính thức của Cổng Dịch vụ công';

export interface UnitFigures {
  unitId: string;
  /** The unit's name as the report spells it (or as the list spells it when no report units were given). */
  unitName: string;
  received: number;
  onTime: number;
  overdue: number;
  onTimeRate: number | null;
  overdueRate: number | null;
  /** Null when the list has no channel column. */
  online: number | null;
  onlineRate: number | null;
  withFee: number;
  /** Null when the list has no payment column. */
  paidOnline: number | null;
  paymentRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
}

export interface BadRow {
  /** Row number in the sheet (as Excel shows it). */
  row: number;
  reason: string;
  /** The file's name, when several files were read together (aggregateFiles). */
  file?: string;
}

export interface UnknownUnit {
  /** The name as the list spells it. */
  name: string;
  rows: number;
  /** Report units it resembles (for the clerk to add an alias). */
  suggestions: UnitSuggestion[];
}

export interface OverdueDossier {
  row: number;
  /** The file's name, when several files were read together (aggregateFiles). */
  file?: string;
  code: string;
  procedure: string;
  unitId: string;
  unitName: string;
  received: string;
  due: string;
  /** ISO date it was finished (even after the period), or null when still open. */
  finished: string | null;
}

export interface AggregateResult {
  period: AggregatePeriod;
  /** Every report unit (in the report's order) when units were given, else every unit seen (in order of appearance). */
  perUnit: UnitFigures[];
  /** Units with at least one overdue dossier, most overdue first. */
  unitsWithOverdue: { unitId: string; unitName: string; overdue: number }[];
  /** Unit names not in the report, most rows first (at most MAX_UNKNOWN_NAMES; suggestions for the first 100). */
  unknownUnits: UnknownUnit[];
  badRows: BadRow[];
  /** All unreadable rows (badRows lists at most MAX_BAD_ROWS). */
  badRowCount: number;
  /** Present when asked for (`listOverdue`). */
  overdueDossiers?: OverdueDossier[];
  /** Data rows read below the header. */
  rowsRead: number;
  /** Rows received in the period and counted. */
  counted: number;
  outOfPeriod: number;
  cancelled: number;
  /** Header row number and the column found for each field. */
  header: { row: number; columns: Partial<Record<DossierField, { index: number; label: string; how: 'auto' | 'mapping' }>> };
  /** When several files were read together (aggregateFiles): each file, in the order read, with its header row and rows read. */
  files?: { name: string; headerRow: number; rowsRead: number }[];
  note: string;
}

export interface AggregateOptions {
  period: AggregatePeriod | string;
  /** The report's units (names and aliases, through the canonical matcher). Without them units are grouped by name. */
  units?: readonly NamedUnit[];
  mapping?: DossierMapping;
  /** Also list the overdue dossiers (the appendix). */
  listOverdue?: boolean;
  onProgress?: (p: StreamProgress) => void;
  signal?: AbortSignal;
}

/** Source of rows: a file path (.xlsx, .csv) or row batches from any reader (tests, pasted data). */
export type DossierSource = string | AsyncIterable<StreamRow[]> | Iterable<StreamRow[]>;

/** One unit's counts (a file's part carries them to the merge). */
export interface UnitTally {
  unitId: string;
  unitName: string;
  received: number;
  onTime: number;
  overdue: number;
  online: number;
  withFee: number;
  paidOnline: number;
  rated: number;
  satisfied: number;
}

function newTally(unitId: string, unitName: string): UnitTally {
  return { unitId, unitName, received: 0, onTime: 0, overdue: 0, online: 0, withFee: 0, paidOnline: 0, rated: 0, satisfied: 0 };
}

/**
 * What one file of several contributes (aggregateFilePart), structured-cloneable so a worker thread can read each
 * file and the calling thread merge them in file order (mergeFileParts) into exactly the result of aggregateFiles.
 * Only for runs with report units: without them, which names become units (MAX_LIST_UNITS) depends on every file
 * read before, so those runs read the files one after another into one tally.
 */
export interface DossierFilePart {
  /** The file's name (named in its bad rows and overdue dossiers). */
  name: string;
  headerRow: number;
  /** The fields its header gives, as one comparable text: a file of other fields is refused (DOSSIER_FILES_DIFFER). */
  fields: string;
  /** Its header (the first file's becomes the result's header). */
  columns: ResolvedColumns;
  /** Every report unit, in the report's order. */
  tallies: UnitTally[];
  /** Every unknown unit name with its rows, in order of first appearance: NOT capped, so the merge can apply MAX_UNKNOWN_NAMES over all files as a single run does. */
  unknown: [string, number][];
  /** The first MAX_BAD_ROWS unreadable rows of this file. */
  badRows: BadRow[];
  badRowCount: number;
  /** Present when asked for (`listOverdue`). */
  overdue?: OverdueDossier[];
  rowsRead: number;
  counted: number;
  outOfPeriod: number;
  cancelled: number;
  /** The fingerprints of the codes of its counted dossiers, sorted (codes.ts): the merge refuses a dossier in two files. */
  codes: CodeKeys;
}

/** 100·n/d rounded to 2 decimals; null when d is 0. */
export function rate(n: number, d: number): number | null {
  return d === 0 ? null : roundTo((n * 100) / d, 2);
}

function notLaterThan(a: DateTime, b: DateTime): boolean {
  if (a.date !== b.date) return a.date < b.date;
  return a.minutes === null || b.minutes === null || a.minutes <= b.minutes;
}

/**
 * Whether a dossier of the period is on time at the period's end (see the module comment).
 * `finished` null = not finished (as far as the list knows).
 */
export function isOnTime(due: DateTime | null, finished: DateTime | null, periodEnd: string): boolean {
  if (due === null) return true;
  if (finished !== null && finished.date <= periodEnd) return notLaterThan(finished, due);
  return due.date >= periodEnd;
}

/**
 * The row-by-row accumulator behind aggregate(): feed it the rows after the header. Pure (no I/O), so the app can
 * drive it from any reader and tests can check it row by row.
 */
export class DossierAggregator {
  private readonly tallies = new Map<string, UnitTally>();
  private readonly matcher;
  private readonly unknown = new Map<string, number>();
  private readonly overdueList: OverdueDossier[] | null;
  private readonly badRows: BadRow[] = [];
  private badRowCount = 0;
  private rowsRead = 0;
  private counted = 0;
  private outOfPeriod = 0;
  private cancelled = 0;
  private col: Partial<Record<DossierField, number>>;
  /** The file being read, named in bad rows and overdue dossiers when several files are read together. */
  private file: string | undefined;
  private readonly byName = new Map<string, UnitTally>();
  /** How many distinct unknown names are kept: MAX_UNKNOWN_NAMES, or all of them in one file's part. */
  private readonly unknownCap: number;
  /** The codes of the counted dossiers of the file being read (a dossier is counted once: closeFile). */
  private codes = new CodeLedger();
  /** The code fingerprints of the files read before, when several are read together (a dossier in two files). */
  private readonly earlier: { name: string; codes: CodeKeys }[] = [];

  /**
   * `part`: the aggregator reads one file of several for aggregateFilePart (its rows name `file`, unknown names are
   * not capped; see DossierFilePart).
   */
  constructor(
    readonly period: AggregatePeriod,
    readonly columns: ResolvedColumns,
    private readonly units: readonly NamedUnit[] | undefined,
    private readonly headerRowNumber: number,
    listOverdue = false,
    part?: { file: string },
  ) {
    this.col = columns.columns;
    this.matcher = units ? createUnitMatcher([...units]) : null;
    for (const u of units ?? []) this.tallies.set(u.id, newTally(u.id, u.name));
    this.overdueList = listOverdue ? [] : null;
    this.file = part?.file;
    this.unknownCap = part ? Infinity : MAX_UNKNOWN_NAMES;
  }

  private bad(row: number, reason: string): void {
    this.badRowCount++;
    if (this.badRows.length < MAX_BAD_ROWS) this.badRows.push(this.file === undefined ? { row, reason } : { row, reason, file: this.file });
  }

  private tallyFor(unitText: string): UnitTally | null {
    if (this.matcher) {
      const m = this.matcher.match(unitText);
      return m ? (this.tallies.get(m.unitId) ?? null) : null;
    }
    let t = this.byName.get(unitText);
    if (!t) {
      const key = canonicalName(unitText);
      t = this.tallies.get(key);
      if (!t) {
        if (this.tallies.size >= MAX_LIST_UNITS) return null;
        t = newTally(key, unitText);
        this.tallies.set(key, t);
      }
      this.byName.set(unitText, t);
    }
    return t;
  }

  /** Rows read so far (below the header, footers and blank lines not counted). */
  get rowCount(): number {
    return this.rowsRead;
  }

  /**
   * Goes on with the next file of the same kind of list (aggregateFiles): its own header row and column order, the
   * same fields (a file that lacks or adds a field would change what the figures mean: refused by the caller).
   */
  nextFile(columns: ResolvedColumns, file: string): void {
    this.col = columns.columns;
    this.file = file;
  }

  /**
   * Ends the file being read: a dossier code listed twice among its counted dossiers, or already listed in a file read
   * before, is refused (DOSSIER_CODES_REPEATED, DOSSIER_FILES_OVERLAP), since counting it twice would give wrong
   * figures. Returns the file's sorted code fingerprints. Called by part and result, and by aggregateFiles after each
   * file it reads into one tally.
   */
  closeFile(): CodeKeys {
    const keys = this.codes.sortedKeys();
    const repeats = this.codes.repeats(keys);
    if (repeats) throw codesRepeatedError(this.file, repeats.count, repeats.rows);
    this.codes = new CodeLedger();
    if (this.file !== undefined) this.checkOverlap(this.file, keys);
    return keys;
  }

  /** Refuses a file whose dossiers are already in a file read before it (the first such file, in order); keeps its codes. */
  private checkOverlap(name: string, keys: CodeKeys): void {
    for (const e of this.earlier) {
      const shared = sharedKeys(e.codes, keys);
      if (shared > 0) throw filesOverlapError(name, e.name, shared);
    }
    if (keys.length > 0) this.earlier.push({ name, codes: keys });
  }

  /** Adds one data row (values indexed by column); `rowNumber` is the sheet's row number for messages. */
  add(values: RawRow, rowNumber: number): void {
    const c = this.col;
    const unitRaw = values[c.unit!];
    const receivedRaw = values[c.received!];
    const unitText = readText(unitRaw);
    const received = dateTimeValue(receivedRaw);
    if (unitText === '' && received === null) {
      // A footer or blank line, unless it is a whole record whose cells ran together (another delimiter than the
      // file's): that dossier is counted as unreadable, never dropped without a word.
      if (!joinedRecord(values)) return;
      this.rowsRead++;
      return this.bad(rowNumber, 'các ô của dòng dính liền nhau (dòng dùng dấu phân cách khác với các dòng khác)');
    }
    this.rowsRead++;
    const field = FIELD_LABELS;
    if (received instanceof Unreadable) return this.bad(rowNumber, `${field.received}: ${received.reason}`);
    if (received === null) return this.bad(rowNumber, `thiếu ${field.received}`);
    if (received.date < this.period.from || received.date > this.period.to) {
      this.outOfPeriod++;
      return;
    }
    if (c.status !== undefined && readStatus(values[c.status]) === 'cancelled') {
      this.cancelled++;
      return;
    }
    if (unitText === '') return this.bad(rowNumber, `thiếu ${field.unit}`);
    const tally = this.tallyFor(unitText);
    if (!tally) {
      if (!this.matcher) return this.bad(rowNumber, `quá ${MAX_LIST_UNITS} tên đơn vị khác nhau: hãy kiểm tra cột ${field.unit}`);
      const seen = this.unknown.get(unitText);
      if (seen !== undefined || this.unknown.size < this.unknownCap) this.unknown.set(unitText, (seen ?? 0) + 1);
      return this.bad(rowNumber, `không nhận ra đơn vị “${unitText}”`);
    }
    const due = dateTimeValue(values[c.due!]);
    if (due instanceof Unreadable) return this.bad(rowNumber, `${field.due}: ${due.reason}`);
    let finished: DateTime | null = null;
    if (c.finished !== undefined) {
      const fr = dateTimeValue(values[c.finished]);
      if (fr instanceof Unreadable) return this.bad(rowNumber, `${field.finished}: ${fr.reason}`);
      finished = fr;
      if (finished && finished.date < received.date) {
        return this.bad(rowNumber, `${field.finished} (${finished.date}) trước ${field.received} (${received.date})`);
      }
      if (!finished && c.status !== undefined && readStatus(values[c.status]) === 'finished') {
        return this.bad(rowNumber, `trạng thái “${readText(values[c.status])}” cho biết đã có kết quả nhưng thiếu ${field.finished}`);
      }
    }
    let online = false;
    if (c.channel !== undefined) {
      const ch = readChannel(values[c.channel]);
      if (!ch.ok) return this.bad(rowNumber, `${field.channel}: ${ch.reason}`);
      online = ch.value === 2;
    }
    let withFee = false;
    if (c.fee !== undefined) {
      const fee = feeValue(values[c.fee]);
      if (fee instanceof Unreadable) return this.bad(rowNumber, `${field.fee}: ${fee.reason}`);
      withFee = fee > 0;
    }
    let paid = false;
    if (c.payment !== undefined) {
      const p = readPayment(values[c.payment]);
      if (!p.ok) return this.bad(rowNumber, `${field.payment}: ${p.reason}`);
      paid = p.value === true;
    }
    let rated = false;
    let satisfied = false;
    if (c.rating !== undefined) {
      const r = readRating(values[c.rating]);
      if (!r.ok) return this.bad(rowNumber, `${field.rating}: ${r.reason}`);
      rated = r.value !== null;
      satisfied = r.value === 'very' || r.value === 'satisfied';
    }

    if (c.code !== undefined) {
      // Not readText: every code is different, so its cache (shared with unit names) would only churn.
      const v = values[c.code];
      const code = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      if (code !== '') this.codes.add(code, rowNumber);
    }
    this.counted++;
    tally.received++;
    if (isOnTime(due, finished, this.period.to)) tally.onTime++;
    else {
      tally.overdue++;
      this.overdueList?.push({
        row: rowNumber,
        ...(this.file !== undefined ? { file: this.file } : {}),
        code: c.code !== undefined ? readText(values[c.code]) : '',
        procedure: c.procedure !== undefined ? readText(values[c.procedure]) : '',
        unitId: tally.unitId,
        unitName: tally.unitName,
        received: received.date,
        due: due?.date ?? '',
        finished: finished?.date ?? null,
      });
    }
    if (online) tally.online++;
    if (withFee) {
      tally.withFee++;
      if (paid) tally.paidOnline++;
    }
    if (rated) {
      tally.rated++;
      if (satisfied) tally.satisfied++;
    }
  }

  /** This file's contribution (an aggregator made with `part`), for mergeFileParts. */
  part(): DossierFilePart {
    if (this.file === undefined || !this.units) throw new Error('part() is for an aggregator reading one file of several, with report units');
    const codes = this.closeFile();
    return {
      name: this.file,
      headerRow: this.headerRowNumber,
      fields: fieldSet(this.columns),
      columns: this.columns,
      tallies: [...this.tallies.values()],
      unknown: [...this.unknown.entries()],
      badRows: this.badRows,
      badRowCount: this.badRowCount,
      ...(this.overdueList ? { overdue: this.overdueList } : {}),
      rowsRead: this.rowsRead,
      counted: this.counted,
      outOfPeriod: this.outOfPeriod,
      cancelled: this.cancelled,
      codes,
    };
  }

  /**
   * Adds the next file's part, exactly as if its rows had been added here after the files before it: counts are
   * summed, the bad-row list and the unknown names are capped over the files in order, overdue dossiers follow on.
   * The caller checks the part's fields (mergeFileParts).
   */
  absorb(part: DossierFilePart): void {
    if (!this.units) throw new Error('parts are merged only with report units');
    this.checkOverlap(part.name, part.codes);
    for (const t of part.tallies) {
      const mine = this.tallies.get(t.unitId);
      if (!mine) throw new Error(`a part names the unit ${t.unitId}, which is not a report unit`);
      mine.received += t.received;
      mine.onTime += t.onTime;
      mine.overdue += t.overdue;
      mine.online += t.online;
      mine.withFee += t.withFee;
      mine.paidOnline += t.paidOnline;
      mine.rated += t.rated;
      mine.satisfied += t.satisfied;
    }
    // A name first seen in this file is kept only while there is room, as add() decides at its first row; a name
    // already kept gets all its rows, one left out stays out (the list never shrinks).
    for (const [name, rows] of part.unknown) {
      const seen = this.unknown.get(name);
      if (seen !== undefined || this.unknown.size < this.unknownCap) this.unknown.set(name, (seen ?? 0) + rows);
    }
    for (const b of part.badRows) {
      if (this.badRows.length >= MAX_BAD_ROWS) break;
      this.badRows.push(b);
    }
    this.badRowCount += part.badRowCount;
    if (this.overdueList && part.overdue) for (const d of part.overdue) this.overdueList.push(d);
    this.rowsRead += part.rowsRead;
    this.counted += part.counted;
    this.outOfPeriod += part.outOfPeriod;
    this.cancelled += part.cancelled;
  }

  result(): AggregateResult {
    this.closeFile();
    // The header is the first file's (index and label): nextFile moves `col` to each file's own columns.
    const first = this.columns.columns;
    const hasChannel = first.channel !== undefined;
    const hasPayment = first.payment !== undefined && first.fee !== undefined;
    // Without report units, a unit exists only through its counted dossiers (not through unreadable rows).
    const tallies = [...this.tallies.values()].filter((t) => this.units !== undefined || t.received > 0);
    const perUnit: UnitFigures[] = tallies.map((t) => ({
      unitId: t.unitId,
      unitName: t.unitName,
      received: t.received,
      onTime: t.onTime,
      overdue: t.overdue,
      onTimeRate: rate(t.onTime, t.received),
      // The complement of the rounded on-time rate, so the two always sum to 100 (3,13 + 96,87, not 96,88).
      overdueRate: t.received === 0 ? null : roundTo(100 - rate(t.onTime, t.received)!, 2),
      online: hasChannel ? t.online : null,
      onlineRate: hasChannel ? rate(t.online, t.received) : null,
      withFee: t.withFee,
      paidOnline: hasPayment ? t.paidOnline : null,
      paymentRate: hasPayment ? rate(t.paidOnline, t.withFee) : null,
      rated: t.rated,
      satisfied: t.satisfied,
      satisfactionRate: rate(t.satisfied, t.rated),
    }));
    const unitsWithOverdue = perUnit
      .filter((u) => u.overdue > 0)
      .map((u) => ({ unitId: u.unitId, unitName: u.unitName, overdue: u.overdue }))
      .sort((a, b) => b.overdue - a.overdue);
    const unknownUnits: UnknownUnit[] = [...this.unknown.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, rows], i) => ({ name, rows, suggestions: this.matcher && i < 100 ? this.matcher.suggest(name) : [] }));
    const columns: AggregateResult['header']['columns'] = {};
    for (const f of DOSSIER_FIELDS) {
      const index = first[f];
      if (index !== undefined) columns[f] = { index, label: this.columns.labels[f] ?? '', how: this.columns.how[f] ?? 'auto' };
    }
    return {
      period: this.period,
      perUnit,
      unitsWithOverdue,
      unknownUnits,
      badRows: this.badRows,
      badRowCount: this.badRowCount,
      ...(this.overdueList ? { overdueDossiers: this.overdueList } : {}),
      rowsRead: this.rowsRead,
      counted: this.counted,
      outOfPeriod: this.outOfPeriod,
      cancelled: this.cancelled,
      header: { row: this.headerRowNumber, columns },
      note: COMPUTED_NOTE,
    };
  }
}

function resolvePeriod(p: AggregatePeriod | string): AggregatePeriod {
  if (typeof p !== 'string') return p;
  const parsed = parseAggregatePeriod(p);
  if (!parsed) throw new UserFacingError('PERIOD_INVALID', `Không hiểu kỳ “${cleanText(p)}”. ${PERIOD_HELP}`);
  return parsed;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Đã dừng theo yêu cầu.', 'AbortError');
}

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

/** The fields a file's header gives, as one comparable text. */
function fieldSet(cols: ResolvedColumns): string {
  return DOSSIER_FIELDS.filter((f) => cols.columns[f] !== undefined).join(',');
}

/** The refusal of a list that names a dossier twice (`file`: its name when several are read together). */
function codesRepeatedError(file: string | undefined, count: number, rows: [number, number]): UserFacingError {
  const what = file === undefined ? 'Danh sách hồ sơ' : `Tệp “${file}”`;
  const times = count === 1 ? 'một hồ sơ được liệt kê hai lần' : `${count.toLocaleString('vi-VN')} dòng lặp lại mã của một hồ sơ đã có ở dòng trên`;
  return new UserFacingError(
    'DOSSIER_CODES_REPEATED',
    `${what} có ${times} (ví dụ dòng ${rows[0].toLocaleString('vi-VN')} và dòng ${rows[1].toLocaleString('vi-VN')} cùng một mã hồ sơ). Mỗi hồ sơ chỉ được tính một lần: hãy xóa các dòng trùng (trong Excel: Dữ liệu → Loại bỏ Trùng lặp, theo cột mã hồ sơ) rồi tính lại.`,
  );
}

/** The refusal of a file whose dossiers are already in a file read before it. */
function filesOverlapError(name: string, earlierName: string, shared: number): UserFacingError {
  return new UserFacingError(
    'DOSSIER_FILES_OVERLAP',
    `Tệp “${name}” có ${shared.toLocaleString('vi-VN')} hồ sơ trùng mã với tệp “${earlierName}”, nên các hồ sơ này sẽ bị tính hai lần. Hãy bỏ tệp bị chọn trùng, hoặc chọn các tệp không trùng nhau (mỗi tệp một tháng theo ngày tiếp nhận), rồi tính lại.`,
  );
}

/** The refusal of a file whose header gives other fields than the first file's. */
export function filesDifferError(name: string, firstName: string): UserFacingError {
  return new UserFacingError(
    'DOSSIER_FILES_DIFFER',
    `Tệp “${name}” không có cùng các cột với tệp “${firstName}” nên không tính chung được. Hãy kiểm tra lại các tệp đã chọn (cùng một loại danh sách hồ sơ).`,
  );
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
 * Merges file parts one by one, in file order (aggregateFiles, mergeFileParts, and the parallel reading, which adds
 * each part as soon as every file before it is in, so parts are not all kept until the end).
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
  if (paths.length === 1) return aggregate(paths[0]!, opts);
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
