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
import { canonicalName, createUnitMatcher, type NamedUnit, type UnitSuggestion } from '../text/names';
import { roundTo } from '../text/numbers';
import type { RawRow } from '../xlsx/cells';
import type { StreamProgress } from '../xlsx/stream';
import { DOSSIER_FIELDS, FIELD_LABELS, type DossierField, type DossierMapping, type ResolvedColumns } from './fields';
import type { AggregatePeriod } from './period';
import { CodeLedger, sharedKeys, type CodeKeys } from './codes';
import { codesRepeatedError, filesOverlapError } from './refusals';
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
  /** aggregateFiles: called with each file's name before it is read (a worker names it if it dies). */
  onFile?: (name: string) => void;
  signal?: AbortSignal;
}

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

/** The fields a file's header gives, as one comparable text. */
export function fieldSet(cols: ResolvedColumns): string {
  return DOSSIER_FIELDS.filter((f) => cols.columns[f] !== undefined).join(',');
}
