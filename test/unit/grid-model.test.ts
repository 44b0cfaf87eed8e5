// The grid's pure model without the DOM: moves, edit keys, range changes, copy texts, the paste plan, the layout and
// the unit-name search, on the sample report's own tables.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Table } from '../../core/model/schema';
import {
  allRows,
  blockTexts,
  clampSelection,
  editKey,
  gridLayout,
  matchRows,
  moveBy,
  moveTab,
  navKey,
  pasteNeedsPreview,
  placeBelowOrAbove,
  planPaste,
  rangeChanges,
  readEditor,
  searchKey,
  single,
  typedChange,
  type GridShape,
  type KeyInput,
  type Selection,
} from '../../renderer/components/grid/model';

const sample = loadSample();
const tableOf = (id: string): Table => sample.tables.find((t) => t.id === id)!;
const unitById = new Map(sample.units.map((u) => [u.id, u]));
const blockById = new Map(sample.blocks.map((b) => [b.id, b]));
const nameOf = (id: string): string => unitById.get(id)?.name ?? id;
const shapeOf = (t: Table, order: readonly number[] = allRows(t.rows.length)): GridShape => ({ order, nCols: t.columns.length });
const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrl: false, shift: false, alt: false, ...mods });
const STATUS = 'Không tổng hợp trên Hệ thống';

describe('grid model: moves', () => {
  const t = tableOf('chung-thuc'); // 8 rows × 4 columns
  const shape = shapeOf(t);

  it('moves with arrows and stays inside the table; Ctrl jumps to the edge; Shift extends', () => {
    let sel = single({ r: 0, c: 0 });
    sel = moveBy(sel, -1, -1, shape);
    expect(sel).toEqual(single({ r: 0, c: 0 }));
    const down = navKey(sel, key('ArrowDown'), shape);
    expect(down).toEqual({ kind: 'select', sel: single({ r: 1, c: 0 }) });
    const far = navKey(sel, key('ArrowRight', { ctrl: true }), shape);
    expect(far).toEqual({ kind: 'select', sel: single({ r: 0, c: 3 }) });
    const ext = navKey(single({ r: 2, c: 1 }), key('ArrowDown', { shift: true }), shape);
    expect(ext).toEqual({ kind: 'select', sel: { anchor: { r: 2, c: 1 }, focus: { r: 3, c: 1 } } });
    expect(navKey(sel, key('End', { ctrl: true }), shape)).toEqual({ kind: 'select', sel: single({ r: 7, c: 3 }) });
    expect(navKey(single({ r: 5, c: 2 }), key('Home'), shape)).toEqual({ kind: 'select', sel: single({ r: 5, c: 0 }) });
    expect(navKey(sel, key('PageDown'), shape)).toEqual({ kind: 'select', sel: single({ r: 7, c: 0 }) });
    expect(navKey(sel, key('a', { ctrl: true }), shape)).toEqual({ kind: 'select', sel: { anchor: { r: 0, c: 0 }, focus: { r: 7, c: 3 } } });
  });

  it('Tab wraps to the next row and leaves the grid after the last cell (no keyboard trap)', () => {
    expect(moveTab(single({ r: 0, c: 3 }), false, shape)).toEqual(single({ r: 1, c: 0 }));
    expect(moveTab(single({ r: 1, c: 0 }), true, shape)).toEqual(single({ r: 0, c: 3 }));
    expect(navKey(single({ r: 7, c: 3 }), key('Tab'), shape)).toEqual({ kind: 'pass' });
    expect(navKey(single({ r: 0, c: 0 }), key('Tab', { shift: true }), shape)).toEqual({ kind: 'pass' });
  });

  it('names what the other keys do: Alt+↓ the status list, F2/Enter edit, Delete clear, Ctrl+F search, letters pass', () => {
    const sel = single({ r: 0, c: 0 });
    expect(navKey(sel, key('ArrowDown', { alt: true }), shape).kind).toBe('status');
    expect(navKey(sel, key('F2'), shape).kind).toBe('edit');
    expect(navKey(sel, key('Enter'), shape).kind).toBe('edit');
    expect(navKey(sel, key('Delete'), shape).kind).toBe('clear');
    expect(navKey(sel, key('f', { ctrl: true }), shape).kind).toBe('search');
    expect(navKey(sel, key('9'), shape).kind).toBe('pass');
  });

  it('while editing: arrows commit and move in "enter" mode but move the caret in "edit" mode', () => {
    expect(editKey('enter', key('ArrowRight'))).toEqual({ kind: 'commit', then: 'move', dr: 0, dc: 1 });
    expect(editKey('edit', key('ArrowRight'))).toEqual({ kind: 'pass' });
    expect(editKey('edit', key('Enter', { shift: true }))).toEqual({ kind: 'commit', then: 'move', dr: -1, dc: 0 });
    expect(editKey('edit', key('Tab', { shift: true }))).toEqual({ kind: 'commit', then: 'tab', back: true });
    expect(editKey('enter', key('Escape'))).toEqual({ kind: 'cancel' });
    expect(editKey('enter', key('ArrowDown', { alt: true }))).toEqual({ kind: 'status' });
  });
});

describe('grid model: edits and ranges', () => {
  const t = tableOf('dung-han');
  const shape = shapeOf(t);

  it('reads typed text with the one reading; a status shown as it was keeps the cell; an unreadable text says why', () => {
    const col = t.columns[0]!;
    expect(readEditor(null, '97,5', col)).toEqual({ ok: true, cell: { t: 'num', v: 97.5 } });
    expect(readEditor(null, '97.5', col)).toEqual({ ok: true, cell: { t: 'num', v: 97.5 } });
    const status = { t: 'status' as const, v: 'Chưa có dữ liệu (bản cũ)' };
    expect(readEditor(status, 'Chưa có dữ liệu (bản cũ)', col)).toEqual({ ok: true, cell: status });
    const bad = readEditor(null, 'abc', col);
    expect(bad.ok).toBe(false);
    // The same value typed again is no change.
    expect(typedChange(t.rows, t.columns, { r: 0, c: 0 }, t.rows[0]!.cells.rate ?? null)).toEqual([]);
    expect(typedChange(t.rows, t.columns, { r: 0, c: 0 }, { t: 'num', v: 0 })).toEqual([{ rowIndex: 0, columnId: 'rate', cell: { t: 'num', v: 0 } }]);
  });

  it('clears a selected range to blank (never 0) and leaves out cells already blank', () => {
    const rows = t.rows.map((r, i) => (i === 1 ? { ...r, cells: {} } : r));
    const sel: Selection = { anchor: { r: 2, c: 0 }, focus: { r: 0, c: 0 } };
    const changes = rangeChanges(rows, t.columns, sel, shape, null);
    expect(changes.map((c) => c.rowIndex)).toEqual([0, 2]);
    expect(changes.every((c) => c.cell === null)).toBe(true);
  });

  it('copies the selected block as the clerk sees it (status wording, decimal comma)', () => {
    const sel: Selection = { anchor: { r: 0, c: 0 }, focus: { r: t.rows.length - 1, c: 0 } };
    const texts = blockTexts(t.rows, t.columns, sel, shape, sample.numberStyle);
    expect(texts[0]).toEqual([STATUS]);
    expect(texts[texts.length - 1]).toEqual(['100']);
    expect(texts).toHaveLength(t.rows.length);
  });
});

describe('grid model: the paste plan', () => {
  const t = tableOf('chung-thuc');
  const shape = shapeOf(t);

  it('places a block from the selection, reads each value, lists refused ones and counts what falls outside', () => {
    const at = single({ r: t.rows.length - 2, c: 2 });
    const plan = planPaste(t.rows, t.columns, at, shape, [
      ['12', '97,5', 'x'],
      ['abc', '1/1'],
      ['7', '8'],
    ]);
    // Row 7 col arising ← "12", rate ← "97,5"; the block is 3 wide, so its third column (2 cells) is past the last
    // column and its third line (3 cells) past the last row.
    expect(plan.changes).toContainEqual({ rowIndex: 6, columnId: 'arising', cell: { t: 'num', v: 12 } });
    expect(plan.changes).toContainEqual({ rowIndex: 6, columnId: 'rate', cell: { t: 'num', v: 97.5 } });
    expect(plan.problems.map((p) => [p.rowIndex, p.columnId, p.text])).toEqual([
      [7, 'arising', 'abc'],
      [7, 'rate', '1/1'],
    ]);
    expect(plan.truncated).toBe(5);
    expect(pasteNeedsPreview(plan)).toBe(true);
  });

  it('fills a selected range with one value, and settles a rate column of fractions as percentages', () => {
    const sel: Selection = { anchor: { r: 0, c: 3 }, focus: { r: 2, c: 3 } };
    const fill = planPaste(t.rows, t.columns, sel, shape, [['0']]);
    const notZero = [0, 1, 2].filter((r) => JSON.stringify(t.rows[r]!.cells.rate ?? null) !== JSON.stringify({ t: 'num', v: 0 }));
    expect(fill.changes).toEqual(notZero.map((r) => ({ rowIndex: r, columnId: 'rate', cell: { t: 'num', v: 0 } })));
    expect(fill.problems).toEqual([]);
    expect(fill.fromBlock).toEqual(sel.anchor.r < sel.focus.r ? sel : { anchor: sel.focus, focus: sel.anchor });
    const fractions = planPaste(t.rows, t.columns, single({ r: 0, c: 3 }), shape, [['0,9844'], ['1'], ['0,95']]);
    expect(fractions.rateColumns[0]).toMatchObject({ columnId: 'rate', decision: 'fraction' });
    expect(fractions.changes.map((c) => c.cell)).toContainEqual({ t: 'num', v: 98.44 });
    const percent = planPaste(t.rows, t.columns, single({ r: 0, c: 3 }), shape, fractions.block, { rate: 'percent' });
    expect(percent.changes.map((c) => c.cell)).toContainEqual({ t: 'num', v: 0.9844 });
  });
});

describe('grid model: search by unit name (Ctrl+F)', () => {
  const t = tableOf('dung-han');

  it('matches without accents or case, with the one diacritic fold of core/text', () => {
    expect(searchKey('UBND phường Đức Xuân')).toBe('ubnd phuong duc xuan');
    const hits = matchRows(t.rows, nameOf, 'duc xuan');
    expect(hits.map((i) => t.rows[i]!.unitId)).toEqual(['p-duc-xuan']);
    expect(matchRows(t.rows, nameOf, 'ĐỨC XUÂN')).toEqual(hits);
    // "phong" finds "Phòng …" and "Văn phòng …", never "phường".
    const phong = matchRows(t.rows, nameOf, 'phong').map((i) => nameOf(t.rows[i]!.unitId));
    expect(phong).toHaveLength(10);
    expect(phong).toContain('Văn phòng HĐND&UBND');
    expect(phong.some((n) => n.includes('phường'))).toBe(false);
    expect(matchRows(t.rows, nameOf, 'xuat hoa').map((i) => nameOf(t.rows[i]!.unitId))).toEqual(['UBND phường Xuất Hoá']);
    expect(matchRows(t.rows, nameOf, '  ')).toEqual(allRows(t.rows.length));
    expect(matchRows(t.rows, nameOf, 'không có')).toEqual([]);
  });

  it('under a search, moves, ranges and pastes reach only the rows shown, and STT keeps its number', () => {
    const order = matchRows(t.rows, nameOf, 'phuong');
    expect(order.length).toBeGreaterThan(2);
    const shape = shapeOf(t, order);
    // A hidden row under the selection moves to the next row shown.
    expect(clampSelection(single({ r: 0, c: 0 }), shape).focus.r).toBe(order[0]);
    const down = moveBy(single({ r: order[0]!, c: 0 }), 1, 0, shape);
    expect(down.focus.r).toBe(order[1]);
    const range: Selection = { anchor: { r: order[0]!, c: 0 }, focus: { r: order[2]!, c: 0 } };
    const cleared = rangeChanges(t.rows, t.columns, range, shape, null).map((c) => c.rowIndex);
    expect(cleared.every((r) => order.includes(r))).toBe(true);
    const pasted = planPaste(t.rows, t.columns, single({ r: order[0]!, c: 0 }), shape, [['11,5'], ['22,5'], ['33,5']]);
    expect(pasted.changes.map((c) => c.rowIndex)).toEqual(order.slice(0, 3));
    const layout = gridLayout(t.rows, unitById, blockById, t.showBlocks, order);
    const shownRows = layout.filter((i) => i.kind === 'row');
    expect(shownRows.map((i) => (i.kind === 'row' ? i.index : -1))).toEqual(order);
    const full = gridLayout(t.rows, unitById, blockById, t.showBlocks);
    const sttOf = (items: typeof full, index: number): number | undefined => {
      const item = items.find((i) => i.kind === 'row' && i.index === index);
      return item?.kind === 'row' ? item.stt : undefined;
    };
    for (const r of order) expect(sttOf(layout, r)).toBe(sttOf(full, r));
    // One block divider per block still shown.
    expect(layout.filter((i) => i.kind === 'block').length).toBe(new Set(order.map((r) => unitById.get(t.rows[r]!.unitId)?.blockId)).size);
  });
});

describe('grid model: boxes attached to a cell', () => {
  it('opens below the cell, or above it when below would run past the table (the last row)', () => {
    const cell = { top: 500, left: 400, width: 88, height: 26 };
    expect(placeBelowOrAbove(cell, 120, 1000)).toBe(526);
    expect(placeBelowOrAbove(cell, 120, 540)).toBe(380);
    expect(placeBelowOrAbove({ ...cell, top: 30 }, 120, 100)).toBe(0);
  });
});
