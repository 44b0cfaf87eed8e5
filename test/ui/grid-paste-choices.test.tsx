// @vitest-environment jsdom
// The grid's paste preview over the real cell reading: a mixed good/refused paste writes only the good cells; a rate column mixing fractions and percentages is decided per column (Phân số / Phần trăm), also back from an automatic fraction reading.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { loadSample } from '../../core/model/report';
import type { Cell, Table } from '../../core/model/schema';
import { Grid, type GridCellChange, type GridChangeKind, type GridDraft } from '../../renderer/components/Grid';

afterEach(cleanup);

const sample = loadSample();
const STATUS = 'Không tổng hợp trên Hệ thống';

interface Logged {
  changes: GridCellChange[];
  label: string;
  kind: GridChangeKind;
}

/** A grid over one table of the sample, holding its own table state like the store does. */
function Harness(props: { tableId: string; log: Logged[]; previewThreshold?: number; drafts?: (GridDraft | null)[] }): React.JSX.Element {
  const [table, setTable] = useState<Table>(() => structuredClone(sample.tables.find((t) => t.id === props.tableId)!));
  return (
    <Grid
      table={table}
      units={sample.units}
      blocks={sample.blocks}
      numberStyle={sample.numberStyle}
      previewThreshold={props.previewThreshold}
      onDraft={(d) => props.drafts?.push(d)}
      onChange={(changes, label, kind) => {
        props.log.push({ changes, label, kind });
        setTable((t) => {
          const rows = t.rows.slice();
          for (const ch of changes) {
            const row = rows[ch.rowIndex]!;
            rows[ch.rowIndex] = { ...row, cells: { ...row.cells, [ch.columnId]: ch.cell } };
          }
          return { ...t, rows };
        });
      }}
    />
  );
}

function setup(tableId = 'dung-han', previewThreshold?: number) {
  const log: Logged[] = [];
  const drafts: (GridDraft | null)[] = [];
  const utils = render(<Harness tableId={tableId} log={log} previewThreshold={previewThreshold} drafts={drafts} />);
  const editor = utils.container.querySelector<HTMLInputElement>('input.grid-editor')!;
  const cell = (unitId: string, col = 'rate'): HTMLTableCellElement =>
    utils.container.querySelector<HTMLTableCellElement>(`td[data-unit="${unitId}"][data-col="${col}"]`)!;
  const active = (): HTMLTableCellElement => utils.container.querySelector<HTMLTableCellElement>('td.active')!;
  const key = (k: string, init: Partial<KeyboardEventInit> = {}): void => {
    fireEvent.keyDown(editor, { key: k, ...init });
  };
  /** Types text the way the browser does: the characters land in the input, then the input event fires. */
  const type = (text: string): void => {
    editor.value = editor.value + text;
    fireEvent.input(editor);
  };
  const click = (td: HTMLElement): void => {
    fireEvent.mouseDown(td, { button: 0 });
    fireEvent.mouseUp(td);
  };
  return { ...utils, log, drafts, editor, cell, active, key, type, click };
}

function clipboard(data: Record<string, string>) {
  const store = { ...data };
  return {
    getData: (t: string) => store[t] ?? '',
    setData: (t: string, v: string) => {
      store[t] = v;
    },
    store,
  };
}

const table = (id: string) => sample.tables.find((t) => t.id === id)!;
const xa = sample.units.filter((u) => u.blockId === 'xa').map((u) => u.id);

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
