// The month comparison beside a per-unit table: the previous period's figure of each unit and the change (screen only).
import type { Report, Table } from '../../core/model/schema';
import { formatViNumber } from '../../core/text/numbers';
import { signedPoints } from '../../core/scoring/text';
import type { ExtraColumn } from './extra-columns';
import { formatCell } from './cells';
import { vi } from '../strings/vi';

/** The column compared: the total of the evaluation table, else the rate, else the first figure column. */
export function comparedColumn(table: Table): Table['columns'][number] | null {
  return table.columns.find((c) => c.id === 'total') ?? table.columns.find((c) => c.type === 'rate') ?? table.columns.find((c) => c.type === 'score' || c.type === 'count') ?? null;
}

/** The previous report's table matching `table`: same id, else the only one of the same kind. */
export function previousTable(table: Table, previous: Report): Table | null {
  const same = previous.tables.find((t) => t.id === table.id && t.kind === table.kind);
  if (same) return same;
  const kind = previous.tables.filter((t) => t.kind === table.kind);
  return kind.length === 1 ? kind[0]! : null;
}

/**
 * Two read-only columns: "<label>" (the previous figure, or its status, as printed) and "Thay đổi" (+1,2 / -0,5,
 * only when both periods have a figure; a blank or a status is never a 0). For the overdue rate a fall is the
 * improvement, so its colour classes are swapped.
 */
export function comparisonColumns(table: Table, previous: Report, label: string, style?: { trimZeros: boolean }): ExtraColumn[] | null {
  const col = comparedColumn(table);
  const before = previousTable(table, previous);
  if (!col || !before) return null;
  const prevCol = before.columns.find((c) => c.id === col.id) ?? (col.type === 'rate' ? before.columns.find((c) => c.type === 'rate') : undefined);
  if (!prevCol) return null;
  const prevRows = new Map(before.rows.map((r) => [r.unitId, r.cells[prevCol.id] ?? null]));
  const lowerIsBetter = table.kind === 'overdue';
  const was = new Map<string, { text: string; className?: string }>();
  const change = new Map<string, { text: string; className?: string; title?: string }>();
  for (const row of table.rows) {
    const old = prevRows.get(row.unitId);
    if (old === undefined) continue;
    was.set(row.unitId, { text: formatCell(old, col.type, style), ...(old?.t === 'status' ? { className: 'status' } : {}) });
    const now = row.cells[col.id] ?? null;
    if (now?.t !== 'num' || old?.t !== 'num') continue;
    const diff = Number((now.v - old.v).toFixed(2));
    const better = lowerIsBetter ? diff < 0 : diff > 0;
    const text = signedPoints(diff);
    change.set(row.unitId, { text, ...(diff !== 0 ? { className: better ? 'up' : 'down' } : {}), title: `${formatViNumber(old.v)} → ${formatViNumber(now.v)}` });
  }
  const header = col.id === 'total' ? vi.compare.previousTotal(label) : vi.compare.previousColumn(col.type === 'rate' ? vi.words.rate : col.header, label);
  return [
    { id: 'prev', header, cells: was },
    { id: 'change', header: vi.compare.changeColumn, cells: change },
  ];
}
