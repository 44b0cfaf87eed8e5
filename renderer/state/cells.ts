// Reading what the clerk types into a cell or figure field, and showing a cell the Vietnamese way ("97,5", "1/1", status text).
import type { Cell, ColumnType, NumberStyle } from '../../core/model/schema';
import { STANDARD_STATUSES } from '../../core/model/catalog';
import { formatViNumber } from '../../core/text/numbers';
import { readCell, type CellReading, type ColumnSpec } from '../../core/text/cell-reading';
import { vi } from '../strings/vi';

export type CellParse = { ok: true; cell: Cell } | { ok: false; message: string };

/** Statuses offered in the grid's list (the portal's wordings). */
export const STATUS_CHOICES: readonly string[] = STANDARD_STATUSES;

/** A reading as the editor takes it: a cell, or the sentence to show under the cell (a refusal or an ambiguity). */
export function asParse(r: CellReading): CellParse {
  return r.kind === 'cell' ? { ok: true, cell: r.cell } : { ok: false, message: r.reason };
}

/**
 * Reads a typed value for a column with the one reading (core/text/cell-reading.ts), so typing, pasting and
 * importing agree: "" is a blank (never 0); "97,5" and "97.5" are 97.5; "1/1" a ratio; a known status (or the
 * start of one, "không tổng") the status; a rate ≤ 1 without "%" asks whether it is a fraction.
 */
export function parseCellInput(raw: string, column: ColumnType | ColumnSpec): CellParse {
  return asParse(readCell(raw, typeof column === 'string' ? { type: column } : column));
}

/** Decimals shown for a column type. */
function decimalsFor(type: ColumnType): number {
  return type === 'count' ? 0 : 2;
}

/** How a cell shows in the grid: blank shows nothing, a zero shows "0", a rate "97,74" (no % sign in a "Tỷ lệ (%)" column). */
export function formatCell(cell: Cell, type: ColumnType, style?: Pick<NumberStyle, 'trimZeros'>): string {
  if (cell === null || cell === undefined) return '';
  switch (cell.t) {
    case 'num':
      return formatViNumber(cell.v, { decimals: decimalsFor(type), trimZeros: type === 'count' ? true : (style?.trimZeros ?? true) });
    case 'ratio':
      return `${cell.n}/${cell.d}`;
    case 'text':
    case 'status':
      return cell.v;
  }
}

/** The text put in the editor when the clerk edits an existing cell (F2, Enter, double-click). */
export function editText(cell: Cell, type: ColumnType): string {
  if (cell && cell.t === 'num') return formatViNumber(cell.v, { decimals: 6, trimZeros: true, grouping: type === 'count' });
  return formatCell(cell, type);
}

/** Reads a figure field (score, count, rate) typed into a form with the one reading: "" is blank (null); no status. */
export function parseFigure(raw: string, kind: 'rate' | 'count' | 'score'): { ok: true; value: number | null } | { ok: false; message: string } {
  const r = readCell(raw, { type: kind });
  if (r.kind !== 'cell') return { ok: false, message: r.reason };
  if (r.cell === null) return { ok: true, value: null };
  if (r.cell.t !== 'num') return { ok: false, message: vi.cell.figureNotNumber(raw.trim()) };
  return { ok: true, value: r.cell.v };
}

/** Shows a figure field's value ("" for blank). */
export function formatFigure(v: number | null | undefined, kind: 'rate' | 'count' | 'score', style?: Pick<NumberStyle, 'trimZeros'>): string {
  if (v === null || v === undefined) return '';
  return formatViNumber(v, { decimals: kind === 'count' ? 0 : 2, trimZeros: kind === 'count' ? true : (style?.trimZeros ?? true) });
}
