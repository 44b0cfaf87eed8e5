// Undo and redo name the place they change (issue 17.5): the store's focus request points at the cell, figure or field
// of the step undone or redone, with `flash`, so the report screen goes to its section and highlights it.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { applyPatch } from '../../core/import/patch';
import { sectionOf } from '../../core/rules';
import { editLocation, pathLocation } from '../../renderer/state/edits';
import { ReportStore } from '../../renderer/state/store';

function makeStore(): ReportStore {
  return new ReportStore(
    { id: 'r1', revision: 1, savedAt: '2024-08-15T07:32:00.000Z', report: loadSample() },
    { save: async () => ({ revision: 2, savedAt: new Date().toISOString() }) },
    60_000,
  );
}

function cellPath(report: Report, tableId: string, unitId: string, col: string): (string | number)[] {
  const ti = report.tables.findIndex((t) => t.id === tableId);
  const ri = report.tables[ti]!.rows.findIndex((r) => r.unitId === unitId);
  return ['tables', ti, 'rows', ri, 'cells', col];
}

describe('undo and redo reveal what they change', () => {
  it('undoing an edit made in another section asks to show that cell, in its section, and flash it', () => {
    const store = makeStore();
    const report = store.getState().report;
    // The clerk types in "Mức độ hài lòng", then moves to "Tiến độ giải quyết" and types there.
    store.change('Sửa ô', [{ path: cellPath(report, 'hai-long', 'p-duc-xuan', 'rate'), value: { t: 'num', v: 91 } }]);
    store.change('Sửa ô', [{ path: cellPath(report, 'dung-han', 'p-huyen-tung', 'rate'), value: { t: 'num', v: 92 } }]);
    store.focusLocation({ kind: 'table', tableId: 'dung-han' });
    const before = store.getState().focus!.seq;

    store.undo();
    let focus = store.getState().focus!;
    expect(focus.location).toEqual({ kind: 'cell', tableId: 'dung-han', unitId: 'p-huyen-tung', columnId: 'rate' });
    expect(focus.flash).toBe(true);
    expect(focus.seq).toBeGreaterThan(before);

    store.undo();
    focus = store.getState().focus!;
    expect(focus.location).toEqual({ kind: 'cell', tableId: 'hai-long', unitId: 'p-duc-xuan', columnId: 'rate' });
    expect(sectionOf(focus.location, store.getState().report)).toBe('MDHL');
    expect(store.getState().report.tables.find((t) => t.id === 'hai-long')!.rows.find((r) => r.unitId === 'p-duc-xuan')!.cells.rate).toEqual(
      report.tables.find((t) => t.id === 'hai-long')!.rows.find((r) => r.unitId === 'p-duc-xuan')!.cells.rate,
    );

    store.redo();
    focus = store.getState().focus!;
    expect(focus.location).toEqual({ kind: 'cell', tableId: 'hai-long', unitId: 'p-duc-xuan', columnId: 'rate' });
    expect(focus.flash).toBe(true);
  });

  it('names a group figure, a document field and a table note by their places on screen', () => {
    const r = loadSample();
    const gi = r.groups.findIndex((g) => g.code === 'CLGQ');
    const line = r.groups[gi]!.lines[1]!;
    expect(pathLocation(r, ['groups', gi, 'lines', 1, 'rate'])).toEqual({ kind: 'line', group: 'CLGQ', lineId: line.id, field: 'rate' });
    expect(pathLocation(r, ['document', 'date', 'day'])).toEqual({ kind: 'document', field: 'date' });
    expect(pathLocation(r, ['document', 'number'])).toEqual({ kind: 'document', field: 'number' });
    expect(pathLocation(r, ['dataAsOf'])).toEqual({ kind: 'document', field: 'dataAsOf' });
    expect(pathLocation(r, ['tables', 0, 'note'])).toEqual({ kind: 'table', tableId: r.tables[0]!.id });
    expect(pathLocation(r, ['profile', 'signer', 'capacity'])).toBeNull();
  });

  it('an import (a whole-report step) is shown at its first highlighted cell, a restored version at its first changed cell', () => {
    const store = makeStore();
    const report = store.getState().report;
    const patched = applyPatch(report, {
      changes: [{ target: { kind: 'cell', tableId: 'qua-han', unitId: 'x-duong-quang', columnId: 'rate' }, before: report.tables.find((t) => t.id === 'qua-han')!.rows.find((x) => x.unitId === 'x-duong-quang')!.cells.rate ?? null, after: { t: 'num', v: 3 } }],
      aliases: [],
      rows: [],
      lines: [],
    });
    const edit = { label: 'Nhập', changes: [{ path: [], before: report, after: patched }] };
    expect(editLocation(patched, edit, ['qua-han|x-duong-quang|rate'])).toEqual({ kind: 'cell', tableId: 'qua-han', unitId: 'x-duong-quang', columnId: 'rate' });
    expect(editLocation(patched, edit)).toEqual({ kind: 'cell', tableId: 'qua-han', unitId: 'x-duong-quang', columnId: 'rate' });
    // Nothing with a place (the signer's capacity): undo leaves the focus as it was.
    store.change('Chức vụ', [{ path: ['profile', 'signer', 'capacity'], value: 'KT. CHỦ TỊCH' }]);
    const focus = store.getState().focus;
    store.undo();
    expect(store.getState().focus).toBe(focus);
  });
});
