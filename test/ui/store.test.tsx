// @vitest-environment jsdom
// Tests of the report store: undo/redo across edits, import patches and restored versions, findings kept current, debounced autosave with revisions.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import type { ImportPatch } from '../../core/import/patch';
import { ReportStore, cellKey } from '../../renderer/state/store';

const STATUS = 'Không tổng hợp trên Hệ thống';

function makeStore(opts: { fail?: { code: string; message: string }; debounceMs?: number } = {}) {
  const saves: { id: string; revision: number; report: Report }[] = [];
  let revision = 4;
  const store = new ReportStore(
    { id: 'r1', revision, savedAt: '2024-08-15T07:32:00.000Z', report: loadSample() },
    {
      save: async (id, rev, report) => {
        saves.push({ id, revision: rev, report });
        if (opts.fail) throw Object.assign(new Error(opts.fail.message), { code: opts.fail.code });
        if (rev !== revision) throw Object.assign(new Error('stale'), { code: 'STALE_REVISION' });
        revision++;
        return { revision, savedAt: new Date().toISOString() };
      },
    },
    opts.debounceMs ?? 20,
  );
  return { store, saves };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quaHanPath(report: Report, unitId: string): (string | number)[] {
  const ti = report.tables.findIndex((t) => t.id === 'qua-han');
  const ri = report.tables[ti]!.rows.findIndex((r) => r.unitId === unitId);
  return ['tables', ti, 'rows', ri, 'cells', 'rate'];
}

const overdueWarnings = (s: ReportStore) => s.getState().findings.filter((f) => f.ruleId === 'overdue-listed').length;

describe('ReportStore', () => {
  it('applies an edit, recomputes the findings, and undoes and redoes it', () => {
    const { store } = makeStore();
    const before = store.getState().report;
    expect(overdueWarnings(store)).toBe(4);
    expect(store.change('Sửa ô', [{ path: quaHanPath(before, 'p-song-cau'), value: { t: 'num', v: 5.88 } }])).toBe(true);
    const after = store.getState().report;
    expect(after).not.toBe(before);
    expect(after.tables.find((t) => t.id === 'qua-han')!.rows.find((r) => r.unitId === 'p-song-cau')!.cells.rate).toEqual({ t: 'num', v: 5.88 });
    // The untouched tables are shared, not copied (rows keep their identity for the grid's memo).
    expect(after.tables.find((t) => t.id === 'dung-han')).toBe(before.tables.find((t) => t.id === 'dung-han'));
    expect(overdueWarnings(store)).toBe(3);
    expect(store.undo()).toBe(true);
    expect(store.getState().report.tables.find((t) => t.id === 'qua-han')!.rows.find((r) => r.unitId === 'p-song-cau')!.cells.rate).toEqual({ t: 'status', v: STATUS });
    expect(overdueWarnings(store)).toBe(4);
    expect(store.getState().redo).toHaveLength(1);
    expect(store.redo()).toBe(true);
    expect(overdueWarnings(store)).toBe(3);
    expect(store.undo()).toBe(true);
    expect(store.undo()).toBe(false);
  });

  it('ignores edits that change nothing and clears redo after a new edit', () => {
    const { store } = makeStore();
    const r = store.getState().report;
    expect(store.change('Tổng điểm', [{ path: ['total'], value: r.total }])).toBe(false);
    expect(store.getState().undo).toHaveLength(0);
    store.change('Tổng điểm', [{ path: ['total'], value: 90 }]);
    store.undo();
    store.change('Tổng điểm', [{ path: ['total'], value: 91 }]);
    expect(store.getState().redo).toHaveLength(0);
    expect(store.getState().report.total).toBe(91);
  });

  it('autosaves once after a burst of edits, with the stored revision, and reports the time', async () => {
    const { store, saves } = makeStore({ debounceMs: 30 });
    store.change('a', [{ path: ['total'], value: 80 }]);
    store.change('b', [{ path: ['total'], value: 81 }]);
    expect(store.getState().save.status).toBe('pending');
    await tick(80);
    expect(saves).toHaveLength(1);
    expect(saves[0]!.revision).toBe(4);
    expect(saves[0]!.report.total).toBe(81);
    expect(store.getState().revision).toBe(5);
    expect(store.getState().save.status).toBe('saved');
    // Undo is an edit too: it is saved with the new revision.
    store.undo();
    await store.flush();
    expect(saves).toHaveLength(2);
    expect(saves[1]!.revision).toBe(5);
    expect(saves[1]!.report.total).toBe(80);
    expect(store.isSaved()).toBe(true);
  });

  it('keeps the edits and shows the message when a save fails; a stale revision stops further saves', async () => {
    const { store, saves } = makeStore({ fail: { code: 'STALE_REVISION', message: 'Báo cáo đã được lưu từ một cửa sổ khác.' } });
    store.change('a', [{ path: ['total'], value: 70 }]);
    await store.flush();
    expect(store.getState().save).toMatchObject({ status: 'error', code: 'STALE_REVISION', message: 'Báo cáo đã được lưu từ một cửa sổ khác.' });
    expect(store.getState().report.total).toBe(70);
    store.change('b', [{ path: ['total'], value: 71 }]);
    await tick(60);
    expect(saves).toHaveLength(1);
    expect(store.isSaved()).toBe(false);
  });

  it('applies an import patch as one undoable step and highlights its cells until accepted', () => {
    const { store } = makeStore();
    const patch: ImportPatch = {
      changes: [
        { target: { kind: 'cell', tableId: 'qua-han', unitId: 'p-song-cau', columnId: 'rate' }, before: { t: 'status', v: STATUS }, after: { t: 'num', v: 5.88 } },
        { target: { kind: 'total' }, before: 88.4, after: 88.5 },
      ],
      aliases: [],
      rows: [],
    };
    expect(store.applyImportPatch(patch, 'Nhập Excel')).toBe(true);
    expect(store.getState().report.total).toBe(88.5);
    expect(store.getState().changed.has(cellKey('qua-han', 'p-song-cau', 'rate'))).toBe(true);
    store.undo();
    expect(store.getState().report.total).toBe(88.4);
    expect(store.getState().changed.size).toBe(0);
    store.redo();
    expect(store.getState().changed.size).toBe(1);
    store.acceptChanges();
    expect(store.getState().changed.size).toBe(0);
    // A stale patch (its "before" no longer matches) changes nothing.
    expect(() => store.applyImportPatch(patch, 'Nhập Excel')).toThrow();
    expect(store.getState().report.total).toBe(88.5);
  });

  it("takes a restored version with main's revision as an undoable step without saving it again", async () => {
    const { store, saves } = makeStore();
    const restored = { ...loadSample(), total: 50 };
    store.replaceStored(restored, 9, '2024-08-16T01:00:00.000Z', 'Khôi phục phiên bản');
    expect(store.getState().report.total).toBe(50);
    expect(store.getState().revision).toBe(9);
    expect(store.isSaved()).toBe(true);
    await tick(40);
    expect(saves).toHaveLength(0);
    store.undo();
    expect(store.getState().report.total).toBe(88.4);
    expect(store.isSaved()).toBe(false);
  });
});
