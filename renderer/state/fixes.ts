// A finding's one-click fix as the edit typing would make: the report path of its line field or table cell, and the value.
import type { Report } from '../../core/model/schema';
import type { Fix } from '../../core/rules';
import type { Path } from './edits';

/** The path and value a fix writes, or null when its line or cell is no longer in the report. */
export function fixChange(report: Report, fix: Fix): { path: Path; value: unknown } | null {
  const at = fix.location;
  if (at.kind === 'line') {
    const gi = report.groups.findIndex((g) => g.code === at.group);
    const li = gi < 0 ? -1 : report.groups[gi]!.lines.findIndex((l) => l.id === at.lineId);
    return li < 0 ? null : { path: ['groups', gi, 'lines', li, at.field], value: fix.value };
  }
  const ti = report.tables.findIndex((t) => t.id === at.tableId);
  const table = report.tables[ti];
  const ri = table ? table.rows.findIndex((r) => r.unitId === at.unitId) : -1;
  if (!table || ri < 0 || !table.columns.some((c) => c.id === at.columnId)) return null;
  return { path: ['tables', ti, 'rows', ri, 'cells', at.columnId], value: fix.value };
}
