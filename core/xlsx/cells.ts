// Spreadsheet cells → report cells: exceljs values to raw values, and normalizeCell() over THE one reading (core/text/cell-reading.ts).
//
// Row-oriented and library-free at its heart: every reader first turns its cells into RawValue (plain strings,
// numbers, booleans, Dates, null, or a RawError), optionally with the cell's number format, then calls
// normalizeCell() (or readCell() directly). exceljs values go through fromExcelJs() first.
import type { Cell, ColumnType } from '../model/schema';
import { cleanText, readCell, type RatesAs, type RawValue } from '../text/cell-reading';

export {
  classificationLabel,
  cleanText,
  fold,
  isErrorText,
  isPercentFormat,
  isRawError,
  isStatusText,
  rawText,
  type RawError,
  type RawValue,
} from '../text/cell-reading';

/** A row of raw values (index = column, 0-based). */
export type RawRow = RawValue[];

/** Number formats of a row's cells, parallel to RawRow (undefined = General). */
export type RawFormats = (string | undefined)[];

export type NormalizeResult =
  | { ok: true; cell: Cell; /** True when a fraction was multiplied by 100. */ scaled?: boolean }
  | { ok: false; /** One Vietnamese sentence: what is wrong with the value. */ problem: string; /** The value as shown. */ shown: string };

export interface NormalizeOptions {
  /** The cell's number format ("0.00%", "General"…); a "%" format marks Excel percentages stored as fractions. */
  numFmt?: string;
  /** Maximum of a score column (a score above it is a finding). */
  max?: number;
  /** How bare rates ≤ 1 read; without it such a rate is a problem (ambiguous). */
  ratesAs?: RatesAs;
}

/** True for null, undefined, an empty or all-space string. */
export function isBlankRaw(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && cleanText(v) === '');
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

/**
 * Normalises one raw value for a column type with the one reading (readCell): a cell, or the reason it is refused.
 * An ambiguous rate ≤ 1 is a problem unless `ratesAs` settles it.
 */
export function normalizeCell(raw: RawValue | undefined, type: ColumnType, opts: NormalizeOptions = {}): NormalizeResult {
  const r = readCell(raw, { type, ...(opts.max !== undefined ? { max: opts.max } : {}) }, {
    ...(opts.numFmt ? { numFmt: opts.numFmt } : {}),
    ...(opts.ratesAs ? { ratesAs: opts.ratesAs } : {}),
  });
  if (r.kind === 'cell') return { ok: true, cell: r.cell, ...(r.scaled ? { scaled: true } : {}) };
  return { ok: false, problem: r.reason, shown: r.shown };
}

/** One sheet as every table reader gives it (xlsx, HTML, XML Spreadsheet, CSV, paste): the shape the recogniser reads. */
export interface SheetData {
  /** Sheet name ("Đúng hạn"), or "Bảng 1" for an HTML table, or the file name for CSV/pasted text. */
  name: string;
  rows: RawRow[];
  /** Number formats parallel to rows (xlsx only). */
  formats: RawFormats[];
  hidden: boolean;
}

export interface WorkbookData {
  fileName: string;
  origin: 'xlsx' | 'html' | 'xml' | 'csv' | 'paste';
  sheets: SheetData[];
}

/** Column letters of a 0-based index (4 → "E"), "A" to "XFD": THE column-letter helper (messages, cell addresses). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
