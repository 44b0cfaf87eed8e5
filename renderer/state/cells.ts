// Reading what the clerk types into a cell or figure field, and showing a cell the Vietnamese way ("97,5", "1/1", status text).
import type { Cell, ColumnType, NumberStyle } from '../../core/model/schema';
import { STANDARD_STATUSES } from '../../core/model/catalog';
import { formatViNumber, parseViNumber } from '../../core/text/numbers';
import { looseName } from '../../core/text/names';
import { vi } from '../strings/vi';

export type CellParse = { ok: true; cell: Cell } | { ok: false; message: string };

/** Statuses offered in the grid's list (the portal's wordings). */
export const STATUS_CHOICES: readonly string[] = STANDARD_STATUSES;

function matchStatus(text: string): string | null {
  const key = looseName(text);
  if (!key) return null;
  for (const s of STATUS_CHOICES) {
    const sk = looseName(s);
    if (sk === key || (key.length >= 3 && sk.startsWith(key))) return s;
  }
  return null;
}

/**
 * Reads a typed or pasted value for a column: "" is a blank (never 0); "97,5" and "97.5" are 97.5; "1/1" a ratio;
 * a status wording (or the start of one, "không tổng") the status; a classification label in a label column.
 */
export function parseCellInput(raw: string, type: ColumnType): CellParse {
  const text = raw.normalize('NFC').replace(/[\u00a0\s]+/g, ' ').trim();
  if (text === '') return { ok: true, cell: null };
  if (type === 'label') return { ok: true, cell: matchStatus(text) === text ? { t: 'status', v: text } : { t: 'text', v: text } };
  if (type === 'ratio') {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    if (m) {
      const n = Number(m[1]);
      const d = Number(m[2]);
      if (d > 0) return { ok: true, cell: { t: 'ratio', n, d } };
      return { ok: false, message: vi.cell.ratioZero };
    }
    const status = matchStatus(text);
    if (status) return { ok: true, cell: { t: 'status', v: status } };
    return { ok: false, message: vi.cell.notRatio(text) };
  }
  const parsed = parseViNumber(text, { expect: type === 'count' ? 'any' : 'rate' });
  if (parsed.ok) {
    const v = parsed.value;
    if (type === 'count' && (!Number.isInteger(v) || v < 0)) return { ok: false, message: vi.cell.notCount(text) };
    if (v < 0) return { ok: false, message: vi.cell.negative(text) };
    if (type === 'rate' && v > 100) return { ok: false, message: vi.cell.rateAbove100(text) };
    return { ok: true, cell: { t: 'num', v } };
  }
  const status = matchStatus(text);
  if (status) return { ok: true, cell: { t: 'status', v: status } };
  return { ok: false, message: vi.cell.notNumber(text) };
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

/** Reads a figure field (score, count, rate) typed into a form: "" is blank (null). */
export function parseFigure(raw: string, kind: 'rate' | 'count' | 'score'): { ok: true; value: number | null } | { ok: false; message: string } {
  const text = raw.normalize('NFC').trim();
  if (text === '') return { ok: true, value: null };
  const parsed = parseViNumber(text, { expect: kind === 'count' ? 'any' : 'rate' });
  if (!parsed.ok) return { ok: false, message: vi.cell.notNumber(text) };
  const v = parsed.value;
  if (v < 0) return { ok: false, message: vi.cell.negative(text) };
  if (kind === 'count' && !Number.isInteger(v)) return { ok: false, message: vi.cell.notCount(text) };
  if (kind === 'rate' && v > 100) return { ok: false, message: vi.cell.rateAbove100(text) };
  return { ok: true, value: v };
}

/** Shows a figure field's value ("" for blank). */
export function formatFigure(v: number | null | undefined, kind: 'rate' | 'count' | 'score', style?: Pick<NumberStyle, 'trimZeros'>): string {
  if (v === null || v === undefined) return '';
  return formatViNumber(v, { decimals: kind === 'count' ? 0 : 2, trimZeros: kind === 'count' ? true : (style?.trimZeros ?? true) });
}
