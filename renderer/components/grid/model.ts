// The grid's pure model: selection, key moves, edit-key actions, range changes, copy texts, the paste plan, the
// block layout and the unit-name search. No React, no DOM: tested in test/unit/grid-model.test.ts.
import type { Block, Cell, Column, NumberStyle, Row, Unit } from '../../../core/model/schema';
import type { RatesAs } from '../../../core/text/cell-reading';
import { stripDiacritics } from '../../../core/text/normalize';
import { editText, formatCell, parseCellInput, type CellParse } from '../../state/cells';
import { pastedText, readPastedValues, type PastedValue } from '../../state/clipboard';

export interface GridCellChange {
  rowIndex: number;
  columnId: string;
  cell: Cell;
}

export type GridChangeKind = 'type' | 'paste' | 'clear' | 'status';

/** A cell by table row index and column index. */
export interface Pos {
  r: number;
  c: number;
}

export interface Selection {
  anchor: Pos;
  focus: Pos;
}

/** 'enter': started by typing, arrows commit and move; 'edit': started by F2/Enter/double-click, arrows move the caret. */
export type EditMode = 'enter' | 'edit';

/**
 * The rows on screen, in order (table row indices), and the column count. Without a search every row is shown;
 * with one, moves, ranges and pastes only reach the rows shown, so nothing hidden changes.
 */
export interface GridShape {
  order: readonly number[];
  nCols: number;
}

export const allRows = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export const isNumeric = (col: Column): boolean => col.type !== 'label';

export const samePos = (a: Pos, b: Pos): boolean => a.r === b.r && a.c === b.c;

export const single = (p: Pos): Selection => ({ anchor: p, focus: p });

/** Where a table row sits in the order on screen (-1 when hidden). */
function slot(shape: GridShape, r: number): number {
  return shape.order.indexOf(r);
}

/** A position kept inside the rows shown: a hidden row goes to the nearest shown row after it (or the last). */
export function clampPos(p: Pos, shape: GridShape): Pos {
  const c = clamp(p.c, 0, Math.max(0, shape.nCols - 1));
  if (shape.order.length === 0) return { r: 0, c };
  if (shape.order.includes(p.r)) return { r: p.r, c };
  const after = shape.order.find((r) => r > p.r);
  return { r: after ?? shape.order[shape.order.length - 1]!, c };
}

export function clampSelection(sel: Selection, shape: GridShape): Selection {
  const anchor = clampPos(sel.anchor, shape);
  const focus = clampPos(sel.focus, shape);
  return samePos(anchor, sel.anchor) && samePos(focus, sel.focus) ? sel : { anchor, focus };
}

/** The selected rows (table indices, in screen order) and columns. */
export function rangeOf(sel: Selection, shape: GridShape): { rows: number[]; c0: number; c1: number } {
  const a = slot(shape, sel.anchor.r);
  const f = slot(shape, sel.focus.r);
  const rows = a < 0 || f < 0 ? (shape.order.includes(sel.focus.r) ? [sel.focus.r] : []) : shape.order.slice(Math.min(a, f), Math.max(a, f) + 1);
  return { rows, c0: Math.min(sel.anchor.c, sel.focus.c), c1: Math.max(sel.anchor.c, sel.focus.c) };
}

export function selectedPositions(sel: Selection, shape: GridShape): Pos[] {
  const { rows, c0, c1 } = rangeOf(sel, shape);
  const out: Pos[] = [];
  for (const r of rows) for (let c = c0; c <= c1; c++) out.push({ r, c });
  return out;
}

/** Moves the focus by rows (counted on screen) and columns; `extend` keeps the anchor (Shift). */
export function moveBy(sel: Selection, dr: number, dc: number, shape: GridShape, extend = false): Selection {
  if (shape.order.length === 0) return sel;
  const at = Math.max(0, slot(shape, sel.focus.r));
  const r = shape.order[clamp(at + dr, 0, shape.order.length - 1)]!;
  const focus = { r, c: clamp(sel.focus.c + dc, 0, Math.max(0, shape.nCols - 1)) };
  return extend ? { anchor: sel.anchor, focus } : single(focus);
}

/** Tab / Shift+Tab: right (left), wrapping to the next (previous) row shown. */
export function moveTab(sel: Selection, back: boolean, shape: GridShape): Selection {
  let at = Math.max(0, slot(shape, sel.focus.r));
  let c = sel.focus.c;
  const last = shape.order.length - 1;
  if (back) {
    if (c > 0) c--;
    else if (at > 0) {
      at--;
      c = shape.nCols - 1;
    }
  } else if (c < shape.nCols - 1) c++;
  else if (at < last) {
    at++;
    c = 0;
  }
  return single({ r: shape.order[at] ?? sel.focus.r, c });
}

/** True when Tab (Shift+Tab) would go past the last (before the first) cell: the key then leaves the grid. */
export function tabLeaves(sel: Selection, back: boolean, shape: GridShape): boolean {
  const at = slot(shape, sel.focus.r);
  return back ? at <= 0 && sel.focus.c === 0 : at === shape.order.length - 1 && sel.focus.c === shape.nCols - 1;
}

export interface KeyInput {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** What a key does when no cell is being edited. */
export type NavAction =
  | { kind: 'select'; sel: Selection }
  | { kind: 'status' }
  | { kind: 'edit' }
  | { kind: 'clear' }
  | { kind: 'collapse' }
  | { kind: 'search' }
  /** Not the grid's key: let the browser have it (typing, Tab out of the grid, Alt+arrows). */
  | { kind: 'pass' };

export function navKey(sel: Selection, k: KeyInput, shape: GridShape): NavAction {
  const first = shape.order[0] ?? 0;
  const lastRow = shape.order[shape.order.length - 1] ?? 0;
  const to = (focus: Pos): NavAction => ({ kind: 'select', sel: k.shift ? { anchor: sel.anchor, focus } : single(focus) });
  const arrow = ARROWS[k.key];
  if (arrow) {
    if (k.alt && k.key === 'ArrowDown') return { kind: 'status' };
    if (k.alt) return { kind: 'pass' };
    const far = k.ctrl ? 10000 : 1;
    return { kind: 'select', sel: moveBy(sel, arrow[0] * far, arrow[1] * far, shape, k.shift) };
  }
  switch (k.key) {
    case 'PageDown':
    case 'PageUp':
      return { kind: 'select', sel: moveBy(sel, k.key === 'PageDown' ? 15 : -15, 0, shape, k.shift) };
    case 'Home':
      return to(k.ctrl ? { r: first, c: 0 } : { r: sel.focus.r, c: 0 });
    case 'End':
      return to(k.ctrl ? { r: lastRow, c: shape.nCols - 1 } : { r: sel.focus.r, c: shape.nCols - 1 });
    case 'Tab':
      return tabLeaves(sel, k.shift, shape) ? { kind: 'pass' } : { kind: 'select', sel: moveTab(sel, k.shift, shape) };
    case 'Enter':
    case 'F2':
      return { kind: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
    case 'Escape':
      return { kind: 'collapse' };
    default:
      if (k.ctrl && (k.key === 'a' || k.key === 'A')) return { kind: 'select', sel: { anchor: { r: first, c: 0 }, focus: { r: lastRow, c: shape.nCols - 1 } } };
      if (k.ctrl && !k.alt && (k.key === 'f' || k.key === 'F')) return { kind: 'search' };
      return { kind: 'pass' };
  }
}

/** What a key does while a cell is being edited. */
export type EditAction =
  | { kind: 'commit'; then: 'move'; dr: number; dc: number }
  | { kind: 'commit'; then: 'tab'; back: boolean }
  | { kind: 'cancel' }
  | { kind: 'status' }
  /** The editor's own key (characters, caret moves in 'edit' mode). */
  | { kind: 'pass' };

export function editKey(mode: EditMode, k: KeyInput): EditAction {
  if (k.key === 'Enter') return { kind: 'commit', then: 'move', dr: k.shift ? -1 : 1, dc: 0 };
  if (k.key === 'Tab') return { kind: 'commit', then: 'tab', back: k.shift };
  if (k.key === 'Escape') return { kind: 'cancel' };
  const arrow = ARROWS[k.key];
  if (arrow) {
    if (k.alt && k.key === 'ArrowDown') return { kind: 'status' };
    if (mode === 'enter') return { kind: 'commit', then: 'move', dr: arrow[0], dc: arrow[1] };
  }
  return { kind: 'pass' };
}

export const cellOf = (rows: readonly Row[], cols: readonly Column[], p: Pos): Cell => {
  const row = rows[p.r];
  const col = cols[p.c];
  if (!row || !col) return null;
  return row.cells[col.id] ?? null;
};

const same = (a: Cell, b: Cell): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The editor's text read for its cell; text left as it was shown (a status wording the reading does not know) keeps the cell. */
export function readEditor(before: Cell, text: string, col: Column): CellParse {
  if (before !== null && text === editText(before, col.type)) return { ok: true, cell: before };
  return parseCellInput(text, col);
}

/** The text the editor starts with when the clerk edits the cell (F2, Enter, double-click). */
export function editorText(rows: readonly Row[], cols: readonly Column[], p: Pos): string {
  return editText(cellOf(rows, cols, p), cols[p.c]?.type ?? 'rate');
}

/** The typed cell's change, or none when it reads as what is there. */
export function typedChange(rows: readonly Row[], cols: readonly Column[], p: Pos, cell: Cell): GridCellChange[] {
  const col = cols[p.c];
  if (!col || !rows[p.r]) return [];
  return same(cellOf(rows, cols, p), cell) ? [] : [{ rowIndex: p.r, columnId: col.id, cell }];
}

/** Sets every selected cell (shown) to one value (blank or a status); cells already holding it are left out. */
export function rangeChanges(rows: readonly Row[], cols: readonly Column[], sel: Selection, shape: GridShape, cell: Cell): GridCellChange[] {
  const changes: GridCellChange[] = [];
  for (const p of selectedPositions(sel, shape)) {
    if (!same(cellOf(rows, cols, p), cell)) changes.push({ rowIndex: p.r, columnId: cols[p.c]!.id, cell });
  }
  return changes;
}

/** The selected block as the clerk sees it, for the clipboard. */
export function blockTexts(rows: readonly Row[], cols: readonly Column[], sel: Selection, shape: GridShape, numberStyle?: Pick<NumberStyle, 'trimZeros'>): string[][] {
  const { rows: rs, c0, c1 } = rangeOf(sel, shape);
  return rs.map((r) => {
    const line: string[] = [];
    for (let c = c0; c <= c1; c++) line.push(formatCell(cellOf(rows, cols, { r, c }), cols[c]!.type, numberStyle));
    return line;
  });
}

/** A paste read against the selection: what changes, what is refused, and the rate columns to settle. */
export interface PastePlan {
  changes: GridCellChange[];
  /** Cells left out: refused, or ambiguous until their column's reading is chosen. */
  problems: { rowIndex: number; columnId: string; text: string; message: string; ambiguous: boolean }[];
  truncated: number;
  /** The block the paste covers, selected after it is applied. */
  fromBlock: Selection;
  /** The pasted block and the clerk's choices, to read it again when a choice changes. */
  block: PastedValue[][];
  choices: Record<string, RatesAs>;
  /** Rate columns with figures ≤ 1: read as fractions (all ≤ 1) or waiting for the clerk's choice. */
  rateColumns: { columnId: string; decision: 'none' | 'fraction' | 'percent' | 'ask'; auto: boolean; ambiguous: number }[];
}

/**
 * Plans a paste from the selection's top-left cell (one value fills a selected range), row after row of the rows
 * shown; values past the table are counted as truncated. Each value is read with the one reading (readPastedValues).
 */
export function planPaste(
  rows: readonly Row[],
  cols: readonly Column[],
  sel: Selection,
  shape: GridShape,
  block: PastedValue[][],
  choices: Record<string, RatesAs> = {},
): PastePlan {
  const { rows: selRows, c0, c1 } = rangeOf(sel, shape);
  const start = Math.max(0, slot(shape, selRows[0] ?? sel.focus.r));
  const changes: GridCellChange[] = [];
  const problems: PastePlan['problems'] = [];
  let truncated = 0;
  const one = block.length === 1 && block[0]!.length === 1;
  const fill = one && (selRows.length > 1 || c1 > c0);
  const height = fill ? selRows.length : block.length;
  const width = fill ? c1 - c0 + 1 : Math.max(...block.map((b) => b.length));
  const nCols = cols.length;
  const items: { key: string; value: PastedValue | undefined; columnId: string; column: Column; r: number; c: number }[] = [];
  for (let i = 0; i < height; i++) {
    const r = shape.order[start + i];
    for (let j = 0; j < width; j++) {
      if (!fill && i >= block.length) continue;
      const value = fill ? block[0]![0] : block[i]![j];
      const c = c0 + j;
      if (r === undefined || c >= nCols) {
        truncated++;
        continue;
      }
      const col = cols[c]!;
      items.push({ key: `${r}|${c}`, value, columnId: col.id, column: col, r, c });
    }
  }
  const { readings, rateColumns } = readPastedValues(items, choices);
  for (const it of items) {
    const reading = readings.get(it.key)!;
    if (reading.kind !== 'cell') {
      problems.push({ rowIndex: it.r, columnId: it.columnId, text: pastedText(it.value), message: reading.reason, ambiguous: reading.kind === 'ambiguous' });
      continue;
    }
    if (!same(cellOf(rows, cols, { r: it.r, c: it.c }), reading.cell)) changes.push({ rowIndex: it.r, columnId: it.columnId, cell: reading.cell });
  }
  const lastSlot = clamp(start + height - 1, 0, Math.max(0, shape.order.length - 1));
  const end = { r: shape.order[lastSlot] ?? 0, c: clamp(c0 + width - 1, 0, Math.max(0, nCols - 1)) };
  return { changes, problems, truncated, fromBlock: { anchor: { r: shape.order[start] ?? 0, c: c0 }, focus: end }, block, choices, rateColumns };
}

/** A paste applies at once when it is small and clean; otherwise the preview shows it first. */
export function pasteNeedsPreview(plan: PastePlan, threshold = 10): boolean {
  return plan.changes.length > threshold || plan.problems.length > 0 || plan.truncated > 0 || plan.rateColumns.length > 0;
}

/** A lowered, accent-free form for searching unit names ("Đức Xuân" → "duc xuan"), with the one diacritic fold. */
export function searchKey(s: string): string {
  return stripDiacritics(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Rows whose unit name contains the query, accents and case ignored; every row when the query is empty. */
export function matchRows(rows: readonly Row[], nameOf: (unitId: string) => string, query: string): number[] {
  const q = searchKey(query);
  if (!q) return allRows(rows.length);
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (searchKey(nameOf(row.unitId)).includes(q) || searchKey(row.unitId).includes(q)) out.push(i);
  });
  return out;
}

export type LayoutItem = { kind: 'block'; block: Block | undefined; key: string } | { kind: 'row'; index: number; stt: number };

/**
 * Block dividers and STT numbering restarting in each block, for the rows shown (a row keeps its STT under a
 * search, so "12" still means the twelfth commune).
 */
export function gridLayout(rows: readonly Row[], unitById: ReadonlyMap<string, Unit>, blockById: ReadonlyMap<string, Block>, showBlocks: boolean | undefined, shown?: readonly number[]): LayoutItem[] {
  const items: LayoutItem[] = [];
  const blockOf = (row: Row): string => unitById.get(row.unitId)?.blockId ?? '';
  const distinct = new Set(rows.map(blockOf));
  const showDividers = showBlocks || distinct.size > 1;
  const visible = shown ? new Set(shown) : null;
  let prev: string | null = null;
  let prevShown: string | null = null;
  let stt = 0;
  rows.forEach((row, index) => {
    const b = blockOf(row);
    if (b !== prev) {
      prev = b;
      stt = 0;
    }
    stt++;
    if (visible && !visible.has(index)) return;
    if (b !== prevShown) {
      if (showDividers) items.push({ kind: 'block', block: blockById.get(b), key: `b-${b}-${index}` });
      prevShown = b;
    }
    items.push({ kind: 'row', index, stt });
  });
  return items;
}

/** The upper header row: runs of columns sharing a group label (label null for an ungrouped column). */
export function headerGroups(cols: readonly Column[]): { label: string | null; span: number; start: number }[] {
  const groups: { label: string | null; span: number; start: number }[] = [];
  cols.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (last && c.group && last.label === c.group) last.span++;
    else groups.push({ label: c.group ?? null, span: 1, start: i });
  });
  return groups;
}

/** A score column's header shows its maximum: "Điểm (2,5)". */
export function headerText(c: Column): string {
  return c.max !== undefined && c.type === 'score' ? `${c.header} (${String(c.max).replace('.', ',')})` : c.header;
}

/** The row above in the same block (statuses repeated down a block show once), or null. */
export function sameBlockPrev(rows: readonly Row[], index: number, unitById: ReadonlyMap<string, Unit>): Row | null {
  if (index === 0) return null;
  const prev = rows[index - 1]!;
  return unitById.get(prev.unitId)?.blockId === unitById.get(rows[index]!.unitId)?.blockId ? prev : null;
}

/** The selection for a request to show a cell (a finding clicked, an undo): null when the unit is not in the table. */
export function selectionFor(rows: readonly Row[], cols: readonly Column[], unitId: string, columnId: string): Selection | null {
  const r = rows.findIndex((row) => row.unitId === unitId);
  if (r < 0) return null;
  return single({ r, c: Math.max(0, cols.findIndex((col) => col.id === columnId)) });
}

/** A cell's box in the grid's scroll content (px). */
export interface CellBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The top of a box of `height` attached to `cell`, inside content `contentHeight` tall (all in the grid box's coordinates). */
export function placeBelowOrAbove(cell: CellBox, height: number, contentHeight: number, gap = 0): number {
  const below = cell.top + cell.height + gap;
  if (below + height <= contentHeight) return below;
  const above = cell.top - height - gap;
  return above >= 0 ? above : Math.max(0, contentHeight - height);
}
