// The grid over one table of the sample for component tests: a harness that keeps its own table state as the store does,
// with helpers to type, press keys, click cells and fake a clipboard.
import { cleanup, fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Table } from '../../core/model/schema';
import { Grid, type GridCellChange, type GridChangeKind, type GridDraft } from '../../renderer/components/Grid';
afterEach(cleanup);

export const sample = loadSample();
export const STATUS = 'Không tổng hợp trên Hệ thống';

export interface Logged {
  changes: GridCellChange[];
  label: string;
  kind: GridChangeKind;
}

/** A grid over one table of the sample, holding its own table state like the store does. */
export function Harness(props: { tableId: string; log: Logged[]; previewThreshold?: number; drafts?: (GridDraft | null)[] }): React.JSX.Element {
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

export function setup(tableId = 'dung-han', previewThreshold?: number) {
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

export function clipboard(data: Record<string, string>) {
  const store = { ...data };
  return {
    getData: (t: string) => store[t] ?? '',
    setData: (t: string, v: string) => {
      store[t] = v;
    },
    store,
  };
}

export const table = (id: string) => sample.tables.find((t) => t.id === id)!;
export const xa = sample.units.filter((u) => u.blockId === 'xa').map((u) => u.id);
