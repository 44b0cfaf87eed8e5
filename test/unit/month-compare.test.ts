// Month comparison beside a per-unit table: the previous period's figure and the change, blanks and statuses kept apart.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { comparedColumn, comparisonColumns } from '../../renderer/state/month-compare';

function withCell(r: Report, tableId: string, unitId: string, col: string, cell: unknown): Report {
  const copy = structuredClone(r);
  const t = copy.tables.find((x) => x.id === tableId)!;
  t.rows.find((row) => row.unitId === unitId)!.cells[col] = cell as never;
  return copy;
}

describe('month comparison columns', () => {
  const now = loadSample();
  const onTime = now.tables.find((t) => t.kind === 'onTime')!;
  const u = onTime.rows.map((r) => r.unitId);

  it('shows the previous figure and a signed change per unit, coloured by improvement', () => {
    let before = withCell(now, onTime.id, u[0]!, 'rate', { t: 'num', v: 90.5 });
    before = withCell(before, onTime.id, u[1]!, 'rate', { t: 'status', v: 'Không tổng hợp trên Hệ thống' });
    before = withCell(before, onTime.id, u[2]!, 'rate', null);
    let current = withCell(now, onTime.id, u[0]!, 'rate', { t: 'num', v: 92.75 });
    current = withCell(current, onTime.id, u[1]!, 'rate', { t: 'num', v: 80 });
    current = withCell(current, onTime.id, u[2]!, 'rate', { t: 'num', v: 0 });
    const cols = comparisonColumns(current.tables.find((t) => t.id === onTime.id)!, before, 'Tháng 6/2024')!;
    expect(cols.map((c) => c.header)).toEqual(['Tỷ lệ (%) Tháng 6/2024', 'Thay đổi']);
    const [was, change] = cols;
    expect(was!.cells.get(u[0]!)).toEqual({ text: '90,5' });
    expect(change!.cells.get(u[0]!)).toMatchObject({ text: '+2,25', className: 'up' });
    // A status last month: shown as the status, no change computed (never a 0).
    expect(was!.cells.get(u[1]!)).toEqual({ text: 'Không tổng hợp trên Hệ thống', className: 'status' });
    expect(change!.cells.has(u[1]!)).toBe(false);
    // A blank last month stays blank; this month's real 0 is not compared with it.
    expect(was!.cells.get(u[2]!)).toEqual({ text: '' });
    expect(change!.cells.has(u[2]!)).toBe(false);
  });

  it('treats a fall of the overdue rate as the improvement, and compares the evaluation table by total', () => {
    const overdue = now.tables.find((t) => t.kind === 'overdue')!;
    const before = withCell(now, overdue.id, overdue.rows[0]!.unitId, 'rate', { t: 'num', v: 10 });
    const current = withCell(now, overdue.id, overdue.rows[0]!.unitId, 'rate', { t: 'num', v: 4 });
    const [, change] = comparisonColumns(current.tables.find((t) => t.id === overdue.id)!, before, 'T6')!;
    expect(change!.cells.get(overdue.rows[0]!.unitId)).toMatchObject({ text: '-6', className: 'up' });
    const evaluation = now.tables.find((t) => t.kind === 'evaluation')!;
    expect(comparedColumn(evaluation)!.id).toBe('total');
    const cols = comparisonColumns(evaluation, now, 'T6')!;
    expect(cols[0]!.header).toBe('Tổng điểm T6');
  });

  it('offers nothing when the previous report has no such table', () => {
    const before = structuredClone(now);
    before.tables = before.tables.filter((t) => t.kind !== 'onTime');
    expect(comparisonColumns(onTime, before, 'T6')).toBeNull();
  });
});
