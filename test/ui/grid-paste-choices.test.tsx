// @vitest-environment jsdom
// The grid's paste preview over the real cell reading: a mixed good/refused paste writes only the good cells; a rate column mixing fractions and percentages is decided per column (Phân số / Phần trăm), also back from an automatic fraction reading.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { clipboard, setup, table, xa } from './grid-harness';

const rowOf = (unitId: string): number => table('dung-han').rows.findIndex((r) => r.unitId === unitId);
const paste = (editor: HTMLElement, text: string): void => {
  fireEvent.paste(editor, { clipboardData: clipboard({ 'text/plain': text }) });
};
const apply = (): void => {
  act(() => {
    fireEvent.click(screen.getByRole('button', { name: 'Áp dụng' }));
  });
};
const choice = (name: RegExp): HTMLInputElement => screen.getByRole('radio', { name });

describe('grid paste preview: refused cells and rate readings', () => {
  it('a paste mixing good figures with names and unknown texts: the preview lists the refused ones and Áp dụng writes only the good cells', () => {
    const { cell, click, editor, log } = setup('dung-han');
    const before = xa.slice(0, 5).map((u) => cell(u).textContent);
    click(cell(xa[0]!));
    paste(editor, '95\r\nUBND phường Đức Xuân\r\n96,5\r\nchưa có số liệu\r\n97%\r\n');
    const dialog = screen.getByRole('dialog');
    const refused = dialog.querySelectorAll('table.refused tbody tr');
    expect([...refused].map((r) => r.children[1]!.textContent)).toEqual(['UBND phường Đức Xuân', 'chưa có số liệu']);
    expect(log).toHaveLength(0);
    apply();
    expect(log).toHaveLength(1);
    expect(log[0]!.changes.map((c) => [c.rowIndex, c.cell])).toEqual([
      [rowOf(xa[0]!), { t: 'num', v: 95 }],
      [rowOf(xa[2]!), { t: 'num', v: 96.5 }],
      [rowOf(xa[4]!), { t: 'num', v: 97 }],
    ]);
    // The refused rows keep what they had: no name, no text, no blank written over them.
    expect(cell(xa[1]!).textContent).toBe(before[1]);
    expect(cell(xa[3]!).textContent).toBe(before[3]);
    expect(cell(xa[2]!).textContent).toBe('96,5');
  });

  it('0,9844 among 98,5 and 97: asked per column, left out until chosen; “Phân số” writes 98,44', () => {
    const { cell, click, editor, log } = setup('dung-han');
    click(cell(xa[0]!));
    paste(editor, '98,5\r\n0,9844\r\n97\r\n');
    expect(screen.getByRole('dialog').textContent).toContain('có 1 tỷ lệ từ 0 đến 1 lẫn với tỷ lệ lớn hơn 1');
    expect(choice(/^Phân số/).checked).toBe(false);
    expect(choice(/^Phần trăm/).checked).toBe(false);
    act(() => {
      fireEvent.click(choice(/^Phân số/));
    });
    expect(choice(/^Phân số/).checked).toBe(true);
    apply();
    expect(log[0]!.changes.map((c) => [c.rowIndex, c.cell])).toEqual([
      [rowOf(xa[0]!), { t: 'num', v: 98.5 }],
      [rowOf(xa[1]!), { t: 'num', v: 98.44 }],
      [rowOf(xa[2]!), { t: 'num', v: 97 }],
    ]);
  });

  it('the same paste with “Phần trăm” writes 0,9844 %; without a choice the cell is left out', () => {
    const { cell, click, editor, log } = setup('dung-han');
    click(cell(xa[0]!));
    paste(editor, '98,5\r\n0,9844\r\n97\r\n');
    apply();
    expect(log[0]!.changes.map((c) => c.rowIndex)).toEqual([rowOf(xa[0]!), rowOf(xa[2]!)]);
    click(cell(xa[0]!));
    paste(editor, '98,5\r\n0,9844\r\n97\r\n');
    act(() => {
      fireEvent.click(choice(/^Phần trăm/));
    });
    apply();
    expect(log[1]!.changes.find((c) => c.rowIndex === rowOf(xa[1]!))!.cell).toEqual({ t: 'num', v: 0.9844 });
  });

  it('a column of figures all ≤ 1 reads as fractions automatically, and can be switched back to percent', () => {
    const { cell, click, editor, log } = setup('dung-han');
    click(cell(xa[0]!));
    paste(editor, '0,9844\r\n0,95\r\n');
    expect(screen.getByRole('dialog').textContent).toContain('mọi tỷ lệ đều từ 0 đến 1, nên 2 giá trị được đọc là phân số');
    expect(choice(/^Phân số/).checked).toBe(true);
    act(() => {
      fireEvent.click(choice(/^Phần trăm/));
    });
    expect(choice(/^Phần trăm/).checked).toBe(true);
    apply();
    expect(log[0]!.changes.map((c) => c.cell)).toEqual([
      { t: 'num', v: 0.9844 },
      { t: 'num', v: 0.95 },
    ]);
  });
});
