// THE cell normaliser: turns a raw spreadsheet value (exceljs, streamed XML, CSV, HTML or pasted text) into a typed report Cell or a finding.
//
// Row-oriented and library-free at its heart: every reader first turns its cells into RawValue (plain strings,
// numbers, booleans, Dates, null, or a RawError), optionally with the cell's number format, then calls
// normalizeCell(). exceljs values go through fromExcelJs() first.
import { DEFAULT_BANDS, STANDARD_STATUSES } from '../model/catalog';
import type { Cell, ColumnType } from '../model/schema';
import { parseViNumber, roundTo } from '../text/numbers';

/** An Excel error value ("#DIV/0!", "#N/A"…) or a formula without a cached result (error 'FORMULA'). */
export interface RawError {
  error: string;
  formula?: string;
}

/** One raw spreadsheet value, as any reader can produce it without exceljs. */
export type RawValue = string | number | boolean | Date | null | RawError;

/** A row of raw values (index = column, 0-based). */
export type RawRow = RawValue[];

/** Number formats of a row's cells, parallel to RawRow (undefined = General). */
export type RawFormats = (string | undefined)[];

export type NormalizeResult =
  | { ok: true; cell: Cell; /** True when a fraction with a % format was multiplied by 100. */ scaled?: boolean }
  | { ok: false; /** One Vietnamese sentence: what is wrong with the value. */ problem: string; /** The value as shown. */ shown: string };

export interface NormalizeOptions {
  /** The cell's number format ("0.00%", "General"…); a "%" format marks Excel percentages stored as fractions. */
  numFmt?: string;
  /** Maximum of a score column (a score above it is a finding). */
  max?: number;
}

const EXCEL_ERRORS = ['#DIV/0!', '#N/A', '#NAME?', '#NULL!', '#NUM!', '#REF!', '#VALUE!', '#GETTING_DATA', '#SPILL!', '#CALC!'];
const SPACE_LIKE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

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

/** The value as a person sees it, for messages and header matching. */
export function rawText(v: RawValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return cleanText(v);
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return `${v.getUTCDate()}/${v.getUTCMonth() + 1}/${v.getUTCFullYear()}`;
  return v.error === 'FORMULA' ? `=${v.formula ?? ''}` : v.error;
}

/** True for null, undefined, an empty or all-space string. */
export function isBlankRaw(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && cleanText(v) === '');
}

/** True when a number format displays a percentage ("0.00%", "0%"), ignoring quoted literals and escapes. */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const unquoted = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return unquoted.includes('%');
}

/**
 * Converts an exceljs cell value (or a cell's `.value`) to a RawValue: rich text and hyperlinks become their text,
 * formulas their cached result (none → RawError 'FORMULA'), errors a RawError. Never throws.
 */
export function fromExcelJs(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('').normalize('NFC');
    }
    if ('formula' in o || 'sharedFormula' in o) {
      const formula = typeof o.formula === 'string' ? o.formula : typeof o.sharedFormula === 'string' ? o.sharedFormula : '';
      if (o.result === undefined || o.result === null) return { error: 'FORMULA', formula };
      return fromExcelJs(o.result);
    }
    if (typeof o.text === 'string') return o.text.normalize('NFC'); // hyperlink
    if (o.text && typeof o.text === 'object') return fromExcelJs(o.text);
  }
  return null;
}

const bandLabels = new Map(DEFAULT_BANDS.map((b) => [fold(b.label), b.label]));
const standardStatuses = new Set(STANDARD_STATUSES.map((s) => fold(s)));

/** Lower case, no diacritics, đ → d, punctuation as spaces (for keyword tests). */
export function fold(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

/**
 * True when a text reads as a status ("Không tổng hợp trên Hệ thống", "Không phát sinh hồ sơ", "Chưa có dữ liệu"):
 * at least two words of letters, no digits. A single word ("abc") or text with digits ("97,7a") is not a status.
 */
export function isStatusText(s: string): boolean {
  const t = cleanText(s);
  if (standardStatuses.has(fold(t))) return true;
  if (/\d/.test(t)) return false;
  const words = fold(t).split(' ').filter((w) => /\p{L}/u.test(w));
  return words.length >= 2 && words.join('').length >= 6;
}

/** A classification label ("Xuất sắc", "xuat sac") spelled as the bands spell it, or null. */
export function classificationLabel(s: string): string | null {
  return bandLabels.get(fold(s)) ?? null;
}

function problem(shown: string, text: string): NormalizeResult {
  return { ok: false, problem: text, shown };
}

/** Checks a number against a column type: rates 0–100, counts whole and not negative, scores 0–max. */
function checkNumber(v: number, type: ColumnType, shown: string, opts: NormalizeOptions, scaled: boolean): NormalizeResult {
  if (!Number.isFinite(v)) return problem(shown, `“${shown}” không phải là số hợp lệ`);
  switch (type) {
    case 'rate':
      if (v < 0) return problem(shown, `Tỷ lệ âm (“${shown}”) là không hợp lệ`);
      if (v > 100) return problem(shown, `Tỷ lệ “${shown}” lớn hơn 100%`);
      return { ok: true, cell: { t: 'num', v }, ...(scaled ? { scaled: true } : {}) };
    case 'count':
      if (v < 0) return problem(shown, `Số lượng âm (“${shown}”) là không hợp lệ`);
      if (!Number.isInteger(v)) return problem(shown, `Số lượng “${shown}” phải là số nguyên`);
      return { ok: true, cell: { t: 'num', v } };
    case 'score':
      if (v < 0) return problem(shown, `Điểm âm (“${shown}”) là không hợp lệ`);
      if (opts.max !== undefined && v > opts.max) return problem(shown, `Điểm “${shown}” lớn hơn điểm tối đa ${opts.max}`);
      return { ok: true, cell: { t: 'num', v } };
    case 'ratio':
      return problem(shown, `Cột này cần dạng “số/số” (ví dụ 1/1), không phải “${shown}”`);
    case 'label':
      return problem(shown, `Cột xếp loại cần chữ (ví dụ “Tốt”), không phải số “${shown}”`);
  }
}

/**
 * Normalises one raw value for a column type. Blank → null; statuses kept verbatim; numbers, "97,74", "97,74%" and
 * Excel percentages (0.9744 with a % format → 97.44) → num; "1/1" → ratio; classification labels → text.
 * Error values, failed formulas, dates, booleans, out-of-range figures and text that is not a number → a problem.
 */
export function normalizeCell(raw: RawValue | undefined, type: ColumnType, opts: NormalizeOptions = {}): NormalizeResult {
  if (raw === null || raw === undefined) return { ok: true, cell: null };
  if (isRawError(raw)) {
    if (raw.error === 'FORMULA') {
      return problem(rawText(raw), 'Ô có công thức nhưng không có giá trị đã tính; hãy mở tệp trong Excel, lưu lại rồi nhập lại');
    }
    return problem(raw.error, `Ô có lỗi Excel ${raw.error}, không phải số liệu`);
  }
  if (typeof raw === 'boolean') return problem(rawText(raw), `Ô chứa giá trị đúng/sai (${rawText(raw)}), không phải số liệu`);
  if (raw instanceof Date) {
    const shown = rawText(raw);
    if (type === 'ratio') {
      return problem(shown, `Ô chứa ngày ${shown}: Excel đã tự đổi dạng “số/số” thành ngày; hãy định dạng ô là Văn bản rồi gõ lại`);
    }
    return problem(shown, `Ô chứa ngày ${shown}, không phải số liệu`);
  }
  if (typeof raw === 'number') {
    const shown = rawText(raw);
    if (type === 'rate' && isPercentFormat(opts.numFmt) && Math.abs(raw) <= 1.5) {
      const v = roundTo(raw * 100, 10);
      return checkNumber(v, type, `${rawText(v)}%`, opts, true);
    }
    return checkNumber(raw, type, shown, opts, false);
  }
  const text = cleanText(raw);
  if (text === '') return { ok: true, cell: null };
  if (/^[-\u2013\u2014]$/.test(text)) return { ok: true, cell: null };
  if (isErrorText(text)) return problem(text, `Ô có lỗi Excel ${text.toUpperCase()}, không phải số liệu`);
  if (type === 'ratio') {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    if (m) {
      const n = Number(m[1]);
      const d = Number(m[2]);
      if (d === 0) return problem(text, `“${text}”: mẫu số bằng 0`);
      return { ok: true, cell: { t: 'ratio', n, d } };
    }
    if (isStatusText(text)) return { ok: true, cell: { t: 'status', v: text } };
    return problem(text, `“${text}” không có dạng “số/số” (ví dụ 1/1)`);
  }
  if (type === 'label') {
    const label = classificationLabel(text);
    if (label) return { ok: true, cell: { t: 'text', v: label } };
    if (isStatusText(text)) return { ok: true, cell: { t: 'status', v: text } };
    if (parseViNumber(text).ok) return problem(text, `Cột xếp loại cần chữ (ví dụ “Tốt”), không phải số “${text}”`);
    return { ok: true, cell: { t: 'text', v: text } };
  }
  const parsed = parseViNumber(text, type === 'rate' ? { expect: 'rate' } : {});
  if (parsed.ok) {
    // A fraction written as text under a % format (HTML exports with mso-number-format) is a percentage too.
    if (type === 'rate' && !parsed.percent && isPercentFormat(opts.numFmt) && Math.abs(parsed.value) <= 1.5) {
      const v = roundTo(parsed.value * 100, 10);
      return checkNumber(v, type, `${rawText(v)}%`, opts, true);
    }
    return checkNumber(parsed.value, type, text, opts, false);
  }
  if (isStatusText(text)) return { ok: true, cell: { t: 'status', v: text } };
  return problem(text, `“${text}” không phải là số`);
}
