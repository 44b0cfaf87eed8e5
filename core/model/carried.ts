// Statuses a new period takes over from the previous report, marked as carried over until the clerk confirms them.
import type { CarriedCell, Report } from './schema';

/**
 * Gives the new report each status its previous report held in the same table, unit and column ("Không tổng hợp
 * trên Hệ thống" of the city departments every month), and lists those cells in `carried` so the app marks them
 * until the clerk confirms. A cell the new report lacks (a unit or table no longer there) is not carried.
 */
export function carryStatuses(previous: Report, report: Report): Report {
  const r = structuredClone(report);
  const carried: CarriedCell[] = [];
  for (const t of r.tables) {
    const before = previous.tables.find((p) => p.id === t.id);
    if (!before) continue;
    for (const row of t.rows) {
      const old = before.rows.find((x) => x.unitId === row.unitId);
      if (!old) continue;
      for (const col of t.columns) {
        const cell = old.cells[col.id];
        if (cell?.t !== 'status') continue;
        row.cells[col.id] = { t: 'status', v: cell.v };
        carried.push({ tableId: t.id, unitId: row.unitId, columnId: col.id });
      }
    }
  }
  if (carried.length > 0) r.carried = carried;
  else delete r.carried;
  return r;
}

/** The carried-over cells still holding a status (a cell the clerk changed or whose unit was removed is no longer marked). */
export function carriedCells(report: Report): CarriedCell[] {
  return (report.carried ?? []).filter((c) => {
    const cell = report.tables.find((t) => t.id === c.tableId)?.rows.find((r) => r.unitId === c.unitId)?.cells[c.columnId];
    return cell?.t === 'status';
  });
}

/** "5 ô giữ tình trạng của kỳ trước (“Không tổng hợp trên Hệ thống”)": the note the CLI prints and the app shows. */
export function carriedSummary(report: Report): string | null {
  const cells = carriedCells(report);
  if (cells.length === 0) return null;
  const texts = [...new Set(cells.map((c) => report.tables.find((t) => t.id === c.tableId)!.rows.find((r) => r.unitId === c.unitId)!.cells[c.columnId]!))]
    .map((cell) => (cell.t === 'status' ? cell.v : ''))
    .filter((v, i, a) => v && a.indexOf(v) === i);
  return `${cells.length} ô giữ tình trạng của kỳ trước (${texts.map((t) => `“${t}”`).join(', ')})`;
}
