// @vitest-environment jsdom
// Component tests of the spreadsheet grid: keyboard navigation, type-to-edit with IME composition, number entry, statuses, clear, copy and paste.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import type { Cell } from '../../core/model/schema';
import { clipboard, setup, STATUS, table, xa } from './grid-harness';

describe('grid display', () => {
  it('shows blank, status and zero differently, with block rows and statuses spanning their block', () => {
    const { container, cell } = setup('dung-han');
    const blockRows = Array.from(container.querySelectorAll('tr.block-row')).map((r) => r.textContent);
    expect(blockRows).toEqual(['ICấp thành phố', 'IICấp xã']);
    const first = table('dung-han').rows[0]!;
    expect(first.cells.rate).toEqual({ t: 'status', v: STATUS });
    expect(cell(first.unitId).textContent).toBe(STATUS);
    expect(cell(first.unitId).className).toContain('status');
    // The following rows of the same status run show the status as a continuation, not repeated text.
    const second = table('dung-han').rows[1]!;
    expect(cell(second.unitId).className).toContain('cont');
    expect(cell(second.unitId).textContent).toBe('');
    // A number shows with a decimal comma.
    const numRow = table('dung-han').rows.find((r) => r.cells.rate?.t === 'num')!;
    const v = (numRow.cells.rate as { v: number }).v;
    expect(cell(numRow.unitId).textContent).toBe(String(v).replace('.', ','));
  });
});

describe('grid keyboard', () => {
  it('moves with arrows, Tab and Enter-commit, and keeps inside the table', () => {
    const { key, active, cell, type, click } = setup('chung-thuc');
    const rows = table('chung-thuc').rows;
    click(cell(rows[0]!.unitId, 'deployed'));
    expect(active().dataset.col).toBe('deployed');
    key('ArrowRight');
    expect(active().dataset.col).toBe('completed');
    key('ArrowDown');
    expect(active().dataset.unit).toBe(rows[1]!.unitId);
    key('ArrowUp');
    key('ArrowUp');
    key('ArrowUp');
    expect(active().dataset.unit).toBe(rows[0]!.unitId);
    key('Tab');
    expect(active().dataset.col).toBe('arising');
    key('Tab', { shiftKey: true });
    expect(active().dataset.col).toBe('completed');
    key('End');
    expect(active().dataset.col).toBe('rate');
    key('Tab');
    expect(active().dataset.unit).toBe(rows[1]!.unitId);
    expect(active().dataset.col).toBe('deployed');
    // Typing then Enter saves and moves down.
    key('ArrowRight');
    type('12');
    key('Enter');
    expect(cell(rows[1]!.unitId, 'completed').textContent).toBe('12');
    expect(active().dataset.unit).toBe(rows[2]!.unitId);
  });

  it('accepts "97,5" and "97.5" alike and shows "97,5"; an unreadable text keeps the editor open with a message', () => {
    const { key, type, cell, click, log, editor, container } = setup('dung-han');
    const [a, b] = xa;
    click(cell(a!));
    type('97,5');
    key('Enter');
    click(cell(b!));
    type('97.5');
    key('Tab');
    expect(cell(a!).textContent).toBe('97,5');
    expect(cell(b!).textContent).toBe('97,5');
    expect(log.map((l) => l.changes[0]!.cell)).toEqual([
      { t: 'num', v: 97.5 },
      { t: 'num', v: 97.5 },
    ]);
    click(cell(a!));
    type('abc');
    key('Enter');
    expect(editor.dataset.editing).toBe('true');
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('không phải là số');
    expect(log).toHaveLength(2);
    key('Escape');
    expect(editor.dataset.editing).toBeUndefined();
    expect(cell(a!).textContent).toBe('97,5');
  });

  it('reports the value being typed as soon as it reads as a cell, and nothing once the edit ends (live checks)', () => {
    const g = setup();
    g.click(g.cell('p-song-cau'));
    g.type('97');
    expect(g.drafts.at(-1)).toEqual({ unitId: 'p-song-cau', columnId: 'rate', cell: { t: 'num', v: 97 } });
    g.type(',5');
    expect(g.drafts.at(-1)).toEqual({ unitId: 'p-song-cau', columnId: 'rate', cell: { t: 'num', v: 97.5 } });
    g.type('x');
    expect(g.drafts.at(-1)).toBeNull();
    g.key('Escape');
    expect(g.drafts.at(-1)).toBeNull();
    expect(g.log).toHaveLength(0);
    g.type('5');
    g.key('Enter');
    expect(g.drafts.at(-1)).toBeNull();
    expect(g.log).toHaveLength(1);
  });

  it('Delete clears to blank (not 0), a 0 shows "0", and Escape while editing keeps the old value', () => {
    const { key, type, cell, click, log } = setup('dung-han');
    const u = xa[0]!;
    click(cell(u));
    key('Delete');
    expect(log.at(-1)!.changes[0]!.cell).toBeNull();
    expect(cell(u).textContent).toBe('');
    expect(cell(u).className).toContain('blank');
    type('0');
    key('Enter');
    expect(log.at(-1)!.changes[0]!.cell).toEqual({ t: 'num', v: 0 });
    expect(cell(u).textContent).toBe('0');
    click(cell(u));
    type('55');
    key('Escape');
    expect(cell(u).textContent).toBe('0');
  });

  it('lets Tab leave the grid after the last cell and Shift+Tab before the first (no keyboard trap)', () => {
    const { editor, cell, click, active } = setup('chung-thuc');
    const rows = table('chung-thuc').rows;
    click(cell(rows[rows.length - 1]!.unitId, 'rate'));
    expect(fireEvent.keyDown(editor, { key: 'Tab' })).toBe(true);
    expect(fireEvent.keyDown(editor, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(active().dataset.col).toBe('arising');
    click(cell(rows[0]!.unitId, 'deployed'));
    expect(fireEvent.keyDown(editor, { key: 'Tab', shiftKey: true })).toBe(true);
    expect(fireEvent.keyDown(editor, { key: 'Tab' })).toBe(false);
  });

  it('F2 edits the existing value; arrows then move the caret, not the selection', () => {
    const { key, cell, click, editor, active } = setup('dung-han');
    const u = xa[1]!;
    click(cell(u));
    const shown = cell(u).textContent!;
    key('F2');
    expect(editor.dataset.editing).toBe('true');
    expect(editor.value).toBe(shown);
    key('ArrowLeft');
    expect(active().dataset.unit).toBe(u);
    key('Escape');
  });

  it('does not commit or move while an IME is composing (Vietnamese Telex/VNI)', () => {
    const { editor, cell, click, key, active, log } = setup('xep-loai-xa');
    const u = table('xep-loai-xa').rows[0]!.unitId;
    click(cell(u, 'class'));
    fireEvent.compositionStart(editor);
    expect(editor.dataset.editing).toBe('true');
    editor.value = 'Tô';
    fireEvent.input(editor);
    // Enter during composition belongs to the IME: nothing is committed, the selection stays.
    fireEvent.keyDown(editor, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(editor, { key: 'Process', keyCode: 229 });
    expect(log).toHaveLength(0);
    expect(active().dataset.unit).toBe(u);
    editor.value = 'Tốt';
    fireEvent.compositionEnd(editor);
    key('Enter');
    expect(log).toHaveLength(1);
    expect(log[0]!.changes[0]!.cell).toEqual({ t: 'text', v: 'Tốt' });
    expect(cell(u, 'class').textContent).toBe('Tốt');
  });

  it('sets a status from the list with Alt+Down for the selected block', () => {
    const { key, cell, click, container, log } = setup('dung-han');
    click(cell(xa[0]!));
    key('ArrowDown', { shiftKey: true });
    key('ArrowDown', { altKey: true });
    const list = container.querySelector<HTMLElement>('[role="listbox"]')!;
    expect(list).toBeTruthy();
    expect(list.textContent).toContain(STATUS);
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(log.at(-1)!.kind).toBe('status');
    expect(log.at(-1)!.changes).toHaveLength(2);
    expect(cell(xa[0]!).textContent).toBe(STATUS);
    expect(cell(xa[1]!).className).toContain('cont');
  });

  it('typing the start of a status wording enters the status', () => {
    const { key, type, cell, click, log } = setup('dung-han');
    click(cell(xa[2]!));
    type('khong tong hop');
    key('Enter');
    expect(log.at(-1)!.changes[0]!.cell).toEqual({ t: 'status', v: STATUS });
  });
});

describe('grid clipboard', () => {
  it('copies a block as tab-separated text and an HTML table', () => {
    const { key, cell, click, editor } = setup('chung-thuc');
    const rows = table('chung-thuc').rows;
    click(cell(rows[0]!.unitId, 'deployed'));
    key('ArrowRight', { shiftKey: true });
    key('ArrowDown', { shiftKey: true });
    const cb = clipboard({});
    fireEvent.copy(editor, { clipboardData: cb });
    const lines = cb.store['text/plain']!.trimEnd().split('\r\n').map((l) => l.split('\t'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveLength(2);
    expect(lines[0]![0]).toBe(cell(rows[0]!.unitId, 'deployed').textContent);
    expect(lines[1]![1]).toBe(cell(rows[1]!.unitId, 'completed').textContent);
    expect(cb.store['text/html']).toContain('<table>');
  });

  it('pastes a small tab-separated block from Excel directly, as one change', () => {
    const { cell, click, editor, log } = setup('dung-han');
    click(cell(xa[0]!));
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': '91,5\r\n88.25\r\n\r\n' }) });
    expect(log).toHaveLength(1);
    expect(log[0]!.kind).toBe('paste');
    expect(log[0]!.changes.map((c) => c.cell)).toEqual([
      { t: 'num', v: 91.5 },
      { t: 'num', v: 88.25 },
    ]);
    expect(cell(xa[0]!).textContent).toBe('91,5');
    expect(cell(xa[1]!).textContent).toBe('88,25');
  });

  it('pastes an HTML table from a web page', () => {
    const { cell, click, editor, log } = setup('chung-thuc');
    const rows = table('chung-thuc').rows;
    click(cell(rows[2]!.unitId, 'completed'));
    const html = '<meta charset="utf-8"><table><tr><td>7</td><td>9</td></tr><tr><td>1.025</td><td>3</td></tr></table>';
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/html': html, 'text/plain': '7\t9\n1.025\t3' }) });
    expect(log).toHaveLength(1);
    expect(cell(rows[2]!.unitId, 'completed').textContent).toBe('7');
    expect(cell(rows[2]!.unitId, 'arising').textContent).toBe('9');
    expect(cell(rows[3]!.unitId, 'completed').textContent).toBe('1.025');
  });

  it('shows a preview before a paste that changes many cells, and applies only on Áp dụng', () => {
    const { cell, click, editor, log } = setup('dung-han', 3);
    click(cell(xa[0]!));
    const values = ['90', '91', '92', '93', '94'];
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': values.join('\n') }) });
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('5 ô');
    expect(log).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(log).toHaveLength(0);
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': values.join('\n') }) });
    fireEvent.click(screen.getByRole('button', { name: 'Áp dụng' }));
    expect(log).toHaveLength(1);
    expect(log[0]!.changes).toHaveLength(5);
    expect(xa.slice(0, 5).map((u) => cell(u).textContent)).toEqual(values);
  });

  it('lists unreadable pasted values in the preview and skips them', () => {
    const { cell, click, editor, log } = setup('dung-han');
    click(cell(xa[0]!));
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': '95\nn/a\n96' }) });
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('“n/a” không phải là số');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Áp dụng' }));
    });
    expect(log[0]!.changes.map((c) => [c.rowIndex, c.cell])).toEqual([
      [table('dung-han').rows.findIndex((r) => r.unitId === xa[0]), { t: 'num', v: 95 } as Cell],
      [table('dung-han').rows.findIndex((r) => r.unitId === xa[2]), { t: 'num', v: 96 } as Cell],
    ]);
  });

  it('pastes an empty line of a copied column as a blank (not 0) and a status wording verbatim', () => {
    const { cell, click, editor, log } = setup('dung-han');
    click(cell(xa[0]!));
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': '95\r\n\r\nKhông tổng hợp trong Hệ thống\r\n' }) });
    expect(log).toHaveLength(1);
    expect(log[0]!.changes.map((c) => c.cell)).toEqual([{ t: 'num', v: 95 }, null, { t: 'status', v: 'Không tổng hợp trong Hệ thống' }]);
    expect(cell(xa[1]!).textContent).toBe('');
    expect(cell(xa[1]!).className).toContain('blank');
  });

  it('fills a selected range with one copied value', () => {
    const { cell, click, editor, log, key } = setup('dung-han');
    click(cell(xa[0]!));
    key('ArrowDown', { shiftKey: true });
    key('ArrowDown', { shiftKey: true });
    fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': '100\r\n' }) });
    expect(log[0]!.changes).toHaveLength(3);
    expect(xa.slice(0, 3).map((u) => cell(u).textContent)).toEqual(['100', '100', '100']);
  });
});
