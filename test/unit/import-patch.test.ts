// Tests of import patches: pure application, all-or-nothing refusal, and exact undo by inversion.
import { describe, expect, it } from 'vitest';
import { applyPatch, invertPatch, isEmptyPatch, type ImportPatch } from '../../core/import/patch';
import { UserFacingError } from '../../core/files/errors';
import { loadSample, serializeReport } from '../../core/model/report';

const status = { t: 'status' as const, v: 'Không tổng hợp trên Hệ thống' };

function samplePatch(): ImportPatch {
  return {
    changes: [
      { target: { kind: 'cell', tableId: 'dung-han', unitId: 'p-duc-xuan', columnId: 'rate' }, before: { t: 'num', v: 97.74 }, after: { t: 'num', v: 98 } },
      { target: { kind: 'cell', tableId: 'dung-han', unitId: 'phong-kinh-te', columnId: 'rate' }, before: status, after: null },
      { target: { kind: 'total' }, before: 88.4, after: 90 },
      { target: { kind: 'rank', field: 'position' }, before: 3, after: 2 },
      { target: { kind: 'groupScore', group: 'TDGQ' }, before: 18.7, after: 19 },
      { target: { kind: 'line', group: 'TDGQ', lineId: 'tdgq.onTime', field: 'rate' }, before: 92.08, after: 93 },
      { target: { kind: 'cell', tableId: 'chung-thuc', unitId: 'phong-tu-phap', columnId: 'completed' }, before: null, after: { t: 'num', v: 5 } },
    ],
    aliases: [{ unitId: 'p-xuat-hoa', alias: 'P. Xuất Hóa', op: 'add' }],
    rows: [{ tableId: 'chung-thuc', unitId: 'phong-tu-phap', op: 'add' }],
  };
}

describe('applyPatch / invertPatch', () => {
  it('returns a new report with the changes and leaves the input untouched', () => {
    const report = loadSample();
    const before = serializeReport(report);
    const next = applyPatch(report, samplePatch());
    expect(serializeReport(report)).toBe(before);
    const onTime = next.tables.find((t) => t.id === 'dung-han')!;
    expect(onTime.rows.find((r) => r.unitId === 'p-duc-xuan')!.cells.rate).toEqual({ t: 'num', v: 98 });
    expect(onTime.rows.find((r) => r.unitId === 'phong-kinh-te')!.cells.rate).toBeNull();
    expect(next.total).toBe(90);
    expect(next.rank.position).toBe(2);
    expect(next.groups[1]!.score).toBe(19);
    expect(next.groups[1]!.lines[0]!.rate).toBe(93);
    expect(next.units.find((u) => u.id === 'p-xuat-hoa')!.aliases).toContain('P. Xuất Hóa');
    const copies = next.tables.find((t) => t.id === 'chung-thuc')!;
    expect(copies.rows[0]!.unitId).toBe('phong-tu-phap');
    expect(copies.rows[0]!.cells.completed).toEqual({ t: 'num', v: 5 });
  });

  it('undoes exactly with the inverted patch', () => {
    const report = loadSample();
    const patch = samplePatch();
    const undone = applyPatch(applyPatch(report, patch), invertPatch(patch));
    expect(serializeReport(undone)).toBe(serializeReport(report));
    expect(isEmptyPatch({ changes: [], aliases: [], rows: [] })).toBe(true);
  });

  it('refuses a stale or impossible patch as a whole and changes nothing', () => {
    const report = loadSample();
    const before = serializeReport(report);
    const stale = samplePatch();
    stale.changes[2] = { target: { kind: 'total' }, before: 70, after: 90 };
    expect(() => applyPatch(report, stale)).toThrow(UserFacingError);
    expect(() => applyPatch(report, stale)).toThrow(/đã thay đổi/);
    const unknown: ImportPatch = {
      changes: [{ target: { kind: 'cell', tableId: 'nope', unitId: 'p-duc-xuan', columnId: 'rate' }, before: null, after: null }],
      aliases: [],
      rows: [],
    };
    expect(() => applyPatch(report, unknown)).toThrow(/Không có bảng/);
    const wrongType: ImportPatch = {
      changes: [{ target: { kind: 'cell', tableId: 'dung-han', unitId: 'p-duc-xuan', columnId: 'rate' }, before: { t: 'num', v: 97.74 }, after: { t: 'ratio', n: 1, d: 1 } }],
      aliases: [],
      rows: [],
    };
    expect(() => applyPatch(report, wrongType)).toThrow(UserFacingError);
    expect(serializeReport(report)).toBe(before);
  });
});
