// THE one reading of a cell's content for a column: typed, pasted, or from any imported file, the same input in the same column gives the same cell, refusal or ambiguity.
//
// Every way in funnels here: the grid's editor (renderer/state/cells.ts), the grid's paste and the "Dán bảng"
// dialog, every importer (core/xlsx/cells.ts normalizeCell, core/import/preview.ts) and the CLI. An input is a raw
// value (text, an Excel number with its number format, a date, a boolean, an Excel error); a column is its type
// (rate, count, score, ratio, label = classification) and a score's maximum.
//
// The readings decided here (issue 13; the old typed and pasted parsers disagreed on each):
// - Blank text is a blank (null), never 0. "-" (and "–", "—") is REFUSED, typed or pasted: Excel's accounting
//   format shows 0 as "-", others write "-" for "nothing", so it is a zero or a blank and the clerk says which.
// - A status is only a KNOWN status (KNOWN_STATUSES), matched without regard to case, diacritics or spacing, and
//   kept in its known wording; the start of a standard wording of at least two words ("không tổng") reads as
//   that wording. Any other text in a numeric or ratio column ("abc def", a unit's name, "chưa có số liệu") is
//   refused with its reason; texts meaning "no figure yet" say to leave the cell blank instead.
// - A classification column takes a band label (DEFAULT_BANDS, any case, with or without diacritics, written as
//   the band writes it) or a known status; anything else, figures included, is refused.
// - Numbers are read by the one parser (text/numbers.ts) with the column's range deciding "1.370": a count reads
//   1370; a rate (≤ 100) or a score (≤ its maximum, 100 without one) reads 1,37 because 1370 cannot be one.
//   Likewise "1,370" in a count is 1370 (a count is whole). Out-of-range figures are refused, never clipped.
// - A rate between 0 and 1 (exclusive of 0) written without "%" and not from a %-formatted Excel cell is
//   AMBIGUOUS: 0,9844 may be a fraction (98,44 %) or 0,9844 %. One typed cell cannot tell: the editor asks for
//   "98,44" or "0,9844%". A column of a file or paste is settled as a whole by settleRateColumn(): all its figures
//   ≤ 1 (at least two of them) → fractions, × 100, and the preview says so; some ≤ 1 and others not → the clerk
//   chooses per column (wizard) or `--rates-as fraction|percent` (CLI); until then those cells are left out.
// - An Excel number with a % format (0.9744 shown as 97,44 %) is a percentage: × 100, never ambiguous.
// - Excel errors (#DIV/0!), formulas without a result, dates and booleans are refused.
import { DEFAULT_BANDS, STANDARD_STATUSES } from '../model/catalog';
import { stripDiacritics } from './normalize';
import type { Cell, ColumnType } from '../model/schema';
import { formatViNumber, parseViNumber, roundTo } from './numbers';

/** An Excel error value ("#DIV/0!", "#N/A"…) or a formula without a cached result (error 'FORMULA'). */
export interface RawError {
  error: string;
  formula?: string;
}

/** One raw value, as any reader (or the grid's editor) can produce it. */
export type RawValue = string | number | boolean | Date | null | RawError;

/** The column a value is read for. */
export interface ColumnSpec {
  type: ColumnType;
  /** Maximum of a score column. */
  max?: number;
}

/** How bare figures ≤ 1 of a rate column read: fractions (× 100) or percentages as written. */
export type RatesAs = 'fraction' | 'percent';

export interface ReadOptions {
  /** The cell's number format ("0.00%", "General"); a "%" format marks Excel percentages stored as fractions. */
  numFmt?: string;
  /** Settles the fraction ambiguity of a rate ≤ 1 (the clerk's choice for the column). */
  ratesAs?: RatesAs;
}

export type CellReading =
  | { kind: 'cell'; cell: Cell; /** A fraction was multiplied by 100 (% format, or the column read as fractions). */ scaled?: boolean }
  | { kind: 'refused'; /** The value as shown. */ shown: string; /** One Vietnamese sentence: what is wrong, what to do. */ reason: string }
  | {
      kind: 'ambiguous';
      shown: string;
      reason: string;
      /** The figure read as a percentage as written (0,9844 %). */
      percent: number;
      /** The figure read as a fraction (98,44 %). */
      fraction: number;
    };

/**
 * Statuses a cell may hold, in the wording kept: the standard ones (offered in the grid) and the seed's variant
 * "trong Hệ thống" (flagged by the status-wording rule, but a real report's wording).
 */
export const KNOWN_STATUSES: readonly string[] = [...STANDARD_STATUSES, 'Không tổng hợp trong Hệ thống'];

const EXCEL_ERRORS = ['#DIV/0!', '#N/A', '#NAME?', '#NULL!', '#NUM!', '#REF!', '#VALUE!', '#GETTING_DATA', '#SPILL!', '#CALC!'];
const SPACE_LIKE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
/** Texts that mean "no figure yet": a blank cell says that. */
const NO_DATA = /^(chua|khong) co (so lieu|du lieu|sl)$/;

export function isRawError(v: unknown): v is RawError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as RawError).error === 'string';
}

/** Clean text: NFC, invisible characters removed, runs of spaces (incl. NBSP) collapsed, trimmed. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
}

/** True when a string is an Excel error literal ("#DIV/0!"). */
export function isErrorText(s: string): boolean {
  return EXCEL_ERRORS.includes(s.trim().toUpperCase());
}

/** Lower case, no diacritics, đ → d, punctuation as spaces (for keyword tests). */
export function fold(s: string): string {
  return stripDiacritics(cleanText(s).toLowerCase())
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

/** The value as a person sees it, for messages and header matching. */
export function rawText(v: RawValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return cleanText(v);
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return `${v.getUTCDate()}/${v.getUTCMonth() + 1}/${v.getUTCFullYear()}`;
  return v.error === 'FORMULA' ? `=${v.formula ?? ''}` : v.error;
}

/** True when a number format displays a percentage ("0.00%", "0%"), ignoring quoted literals and escapes. */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const unquoted = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return unquoted.includes('%');
}

const knownStatuses = new Map(KNOWN_STATUSES.map((s) => [fold(s), s]));
const bandLabels = new Map(DEFAULT_BANDS.map((b) => [fold(b.label), b.label]));

/**
 * The known status a text names, in its kept wording: the wording itself in any case or spelling of diacritics,
 * or the start (two words or more) of a standard wording ("không tổng" → "Không tổng hợp trên Hệ thống"). Else null.
 */
export function knownStatus(text: string): string | null {
  const key = fold(text);
  if (key === '') return null;
  const exact = knownStatuses.get(key);
  if (exact) return exact;
  if (key.split(' ').length < 2 || key.length < 6) return null;
  return STANDARD_STATUSES.find((s) => fold(s).startsWith(key)) ?? null;
}

/** True when a text reads as a known status (see knownStatus). */
export function isStatusText(s: string): boolean {
  return knownStatus(s) !== null;
}

/** A classification label ("Xuất sắc", "xuat sac") spelled as the bands spell it, or null. */
export function classificationLabel(s: string): string | null {
  return bandLabels.get(fold(s)) ?? null;
}

const refuse = (shown: string, reason: string): CellReading => ({ kind: 'refused', shown, reason });
const num = (v: number, scaled = false): CellReading => ({ kind: 'cell', cell: { t: 'num', v }, ...(scaled ? { scaled: true } : {}) });
const pct = (v: number): string => `${formatViNumber(v, { decimals: 6 })}%`;

/** Checks a figure against its column: rates 0–100, counts whole and not negative, scores 0–max. */
function checkNumber(v: number, col: ColumnSpec, shown: string, scaled: boolean, explicitPercent: boolean, opts: ReadOptions): CellReading {
  if (!Number.isFinite(v)) return refuse(shown, `“${shown}” không phải là số hợp lệ.`);
  switch (col.type) {
    case 'rate':
      if (v < 0) return refuse(shown, `Tỷ lệ âm (“${shown}”) là không hợp lệ.`);
      if (v > 100) return refuse(shown, `Tỷ lệ “${shown}” lớn hơn 100%.`);
      if (!scaled && !explicitPercent && v > 0 && v <= 1) {
        const fraction = roundTo(v * 100, 10);
        if (opts.ratesAs === 'fraction') return num(fraction, true);
        if (opts.ratesAs === 'percent') return num(v);
        return {
          kind: 'ambiguous',
          shown,
          percent: v,
          fraction,
          reason: `Tỷ lệ “${shown}” chưa rõ: là phân số (${pct(fraction)}) hay ${pct(v)}? Hãy ghi ${formatViNumber(fraction, { decimals: 6 })} hoặc ${pct(v)}.`,
        };
      }
      return num(v, scaled);
    case 'count':
      if (v < 0) return refuse(shown, `Số lượng âm (“${shown}”) là không hợp lệ.`);
      if (!Number.isInteger(v)) return refuse(shown, `Số lượng “${shown}” phải là số đếm, không có phần thập phân.`);
      return num(v);
    case 'score':
      if (v < 0) return refuse(shown, `Điểm âm (“${shown}”) là không hợp lệ.`);
      if (col.max !== undefined && v > col.max) return refuse(shown, `Điểm “${shown}” lớn hơn điểm tối đa ${formatViNumber(col.max)}.`);
      return num(v);
    case 'ratio':
      return refuse(shown, `Cột này cần dạng “số/số” (ví dụ 1/1), không phải “${shown}”.`);
    case 'label':
      return refuse(shown, `Cột xếp loại cần chữ (${DEFAULT_BANDS.map((b) => b.label).join(', ')}), không phải số “${shown}”.`);
  }
}

/** Why a text that is neither a figure nor a known status is refused, for the column. */
function notAFigure(text: string, col: ColumnSpec): CellReading {
  const f = fold(text);
  if (NO_DATA.test(f)) return refuse(text, `“${text}” không phải số liệu; nếu chưa có số liệu, hãy để trống ô.`);
  if (col.type === 'label') {
    return refuse(text, `“${text}” không phải là xếp loại (${DEFAULT_BANDS.map((b) => b.label).join(', ')}) hay trạng thái “${STANDARD_STATUSES[0]}”.`);
  }
  if (col.type === 'ratio') return refuse(text, `“${text}” không có dạng “số/số” (ví dụ 1/1) và không phải trạng thái “${STANDARD_STATUSES[0]}”.`);
  return refuse(text, `“${text}” không phải là số hay trạng thái “${STANDARD_STATUSES[0]}”.`);
}

/** The upper bound that decides "1.370" in a column (a rate's 100, a score's maximum), if any. */
function boundOf(col: ColumnSpec): number | undefined {
  if (col.type === 'rate') return 100;
  if (col.type === 'score') return col.max ?? 100;
  return undefined;
}

/** Reads a text (typed, pasted, or a text cell of a file) for a column. */
function readText(raw: string, col: ColumnSpec, opts: ReadOptions): CellReading {
  const text = cleanText(raw);
  if (text === '') return { kind: 'cell', cell: null };
  if (/^[-\u2012-\u2015\u2212]$/.test(text)) {
    return refuse(text, `Ô ghi “${text}”: chưa rõ là 0 hay để trống; hãy ghi 0, hoặc để trống ô nếu chưa có số liệu.`);
  }
  if (isErrorText(text)) return refuse(text, `Ô có lỗi Excel ${text.toUpperCase()}, không phải số liệu.`);
  const status = knownStatus(text);
  if (status) return { kind: 'cell', cell: { t: 'status', v: status } };
  if (col.type === 'ratio') {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    if (m) {
      const n = Number(m[1]);
      const d = Number(m[2]);
      if (d === 0) return refuse(text, `“${text}”: mẫu số bằng 0.`);
      return { kind: 'cell', cell: { t: 'ratio', n, d } };
    }
    return notAFigure(text, col);
  }
  if (col.type === 'label') {
    const label = classificationLabel(text);
    if (label) return { kind: 'cell', cell: { t: 'text', v: label } };
    if (parseViNumber(text).ok) return refuse(text, `Cột xếp loại cần chữ (${DEFAULT_BANDS.map((b) => b.label).join(', ')}), không phải số “${text}”.`);
    return notAFigure(text, col);
  }
  const bound = boundOf(col);
  const parsed = parseViNumber(text, { ...(bound !== undefined ? { max: bound } : {}), ...(col.type === 'count' ? { whole: true } : {}) });
  if (!parsed.ok) return notAFigure(text, col);
  if (parsed.percent && col.type !== 'rate') {
    return refuse(text, `“${text}” là tỷ lệ phần trăm; cột này cần ${col.type === 'count' ? 'số lượng' : 'điểm'}.`);
  }
  // A fraction written as text under a % format (HTML exports with mso-number-format) is a percentage too.
  if (col.type === 'rate' && !parsed.percent && isPercentFormat(opts.numFmt) && Math.abs(parsed.value) <= 1.5) {
    const v = roundTo(parsed.value * 100, 10);
    return checkNumber(v, col, pct(v), true, true, opts);
  }
  return checkNumber(parsed.value, col, text, false, parsed.percent, opts);
}

/**
 * THE reading of one value for a column: a cell (blank, figure, ratio, label, known status), a refusal with its
 * reason, or an ambiguity (a rate ≤ 1 that may be a fraction). Never throws.
 */
export function readCell(raw: RawValue | undefined, col: ColumnSpec, opts: ReadOptions = {}): CellReading {
  if (raw === null || raw === undefined) return { kind: 'cell', cell: null };
  if (typeof raw === 'string') return readText(raw, col, opts);
  const shown = rawText(raw);
  if (isRawError(raw)) {
    if (raw.error === 'FORMULA') return refuse(shown, 'Ô có công thức nhưng không có giá trị đã tính; hãy mở tệp trong Excel, lưu lại rồi nhập lại.');
    return refuse(raw.error, `Ô có lỗi Excel ${raw.error}, không phải số liệu.`);
  }
  if (typeof raw === 'boolean') return refuse(shown, `Ô chứa giá trị đúng/sai (${shown}), không phải số liệu.`);
  if (raw instanceof Date) {
    if (col.type === 'ratio') return refuse(shown, `Ô chứa ngày ${shown}: Excel đã tự đổi dạng “số/số” thành ngày; hãy định dạng ô là Văn bản rồi gõ lại.`);
    return refuse(shown, `Ô chứa ngày ${shown}, không phải số liệu.`);
  }
  if (col.type === 'rate' && isPercentFormat(opts.numFmt) && Math.abs(raw) <= 1.5) {
    const v = roundTo(raw * 100, 10);
    return checkNumber(v, col, pct(v), true, true, opts);
  }
  return checkNumber(raw, col, shown, false, false, opts);
}

/** How a column of rates of one file or paste was settled. */
export interface RateColumnSettlement {
  /** The readings with the column's ambiguities settled where they could be. */
  readings: CellReading[];
  /** 'fraction' / 'percent': how the ambiguous figures were read; 'ask': left out until the clerk chooses. */
  decision: 'none' | 'fraction' | 'percent' | 'ask';
  /** True when the column was read as fractions because every figure in it is ≤ 1 (no choice given). */
  auto: boolean;
  /** Number of figures ≤ 1 concerned. */
  ambiguous: number;
}

/**
 * Settles the fraction ambiguity of one rate column of one file or paste: with a choice, every ambiguous figure
 * reads so; without one, a column whose figures are all ≤ 1 (two or more of them) reads as fractions (× 100), and
 * a column mixing figures ≤ 1 with larger ones (or with one lone figure ≤ 1) is left for the clerk to decide.
 */
export function settleRateColumn(readings: CellReading[], choice?: RatesAs): RateColumnSettlement {
  const ambiguous = readings.filter((r) => r.kind === 'ambiguous').length;
  if (ambiguous === 0) return { readings, decision: 'none', auto: false, ambiguous };
  const apply = (as: RatesAs): CellReading[] =>
    readings.map((r) => (r.kind === 'ambiguous' ? (as === 'fraction' ? num(r.fraction, true) : num(r.percent)) : r));
  if (choice) return { readings: apply(choice), decision: choice, auto: false, ambiguous };
  const larger = readings.some((r) => r.kind === 'cell' && r.cell?.t === 'num' && r.cell.v > 0);
  if (!larger && ambiguous >= 2) return { readings: apply('fraction'), decision: 'fraction', auto: true, ambiguous };
  return { readings, decision: 'ask', auto: false, ambiguous };
}
