// @vitest-environment jsdom
// Ctrl+F in a unit table (issue 17: search any unit table by unit name) and the flash of a cell shown by undo (17.5).
import { describe, expect, it } from 'vitest';
import { fireEvent, render } from '@testing-library/react';
import { Grid } from '../../renderer/components/Grid';
import { sample, setup, table } from './grid-harness';

const shownUnits = (container: HTMLElement): string[] =>
  [...container.querySelectorAll<HTMLTableCellElement>('td[data-c="0"]')].map((td) => td.getAttribute('data-unit')!);

describe('grid search (Ctrl+F)', () => {
  it('keeps only the units whose name matches, accents ignored; Enter goes to the first; Esc shows them all again', () => {
    const { container, key, editor, active, type, log } = setup('dung-han');
    expect(shownUnits(container)).toHaveLength(19);
    fireEvent.focus(editor);
    key('f', { ctrlKey: true });
    const box = container.querySelector<HTMLInputElement>('.grid-search input')!;
    expect(box).toBeTruthy();
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'duc xuan' } });
    expect(shownUnits(container)).toEqual(['p-duc-xuan']);
    expect(container.querySelector('.grid-search-count')!.textContent).toBe('1/19 đơn vị');

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(active().getAttribute('data-unit')).toBe('p-duc-xuan');
    // Typing in the filtered grid changes the unit shown, nothing hidden.
    type('88');
    key('Enter');
    expect(log.at(-1)!.changes).toEqual([{ rowIndex: table('dung-han').rows.findIndex((r) => r.unitId === 'p-duc-xuan'), columnId: 'rate', cell: { t: 'num', v: 88 } }]);

    key('f', { ctrlKey: true });
    const again = container.querySelector<HTMLInputElement>('.grid-search input')!;
    fireEvent.change(again, { target: { value: 'PHƯỜNG' } });
    expect(shownUnits(container)).toHaveLength(6);
    // A row keeps its STT of the whole table: Huyền Tụng is the third commune of its block.
    expect(container.querySelector('td[data-unit="p-huyen-tung"]')!.closest('tr')!.querySelector('td.stt')!.textContent).toBe('3');
    fireEvent.change(again, { target: { value: 'không có đơn vị này' } });
    expect(shownUnits(container)).toEqual([]);
    expect(container.querySelector('.grid-search-count')!.textContent).toBe('Không có đơn vị nào khớp.');
    fireEvent.keyDown(again, { key: 'Escape' });
    expect(container.querySelector('.grid-search')).toBeNull();
    expect(shownUnits(container)).toHaveLength(19);
  });
});

describe('grid focus requests', () => {
  it('selects the requested cell and flashes it when the request says so (undo/redo), clearing a search that hides it', () => {
    const t = structuredClone(table('dung-han'));
    const props = { table: t, units: sample.units, blocks: sample.blocks, onChange: () => undefined };
    const { container, rerender } = render(<Grid {...props} focusRequest={null} />);
    const editor = container.querySelector<HTMLInputElement>('input.grid-editor')!;
    fireEvent.focus(editor);
    fireEvent.keyDown(editor, { key: 'f', ctrlKey: true });
    fireEvent.change(container.querySelector('.grid-search input')!, { target: { value: 'Đức Xuân' } });
    expect(shownUnits(container)).toEqual(['p-duc-xuan']);

    rerender(<Grid {...props} focusRequest={{ unitId: 'x-nong-thuong', columnId: 'rate', seq: 1, flash: true }} />);
    const td = container.querySelector<HTMLTableCellElement>('td[data-unit="x-nong-thuong"]')!;
    expect(td).toBeTruthy();
    expect(td.className).toContain('active');
    expect(td.className).toContain('flash');
    expect(shownUnits(container)).toHaveLength(19);

    // A finding clicked (no flash) selects without flashing.
    rerender(<Grid {...props} focusRequest={{ unitId: 'p-duc-xuan', columnId: 'rate', seq: 2 }} />);
    const other = container.querySelector<HTMLTableCellElement>('td[data-unit="p-duc-xuan"]')!;
    expect(other.className).toContain('active');
    expect(other.className).not.toContain('flash');
  });
});
