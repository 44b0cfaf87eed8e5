// The grid value being typed (not yet committed), shared with the findings panel without redrawing the report screen.
import type { Report } from '../../core/model/schema';
import type { GridDraft } from '../components/Grid';

/** A typed, uncommitted cell of a table. */
export interface CellDraft extends GridDraft {
  tableId: string;
}

/** A one-value store: the grid sets the typed cell, the findings panel subscribes (useSyncExternalStore). */
export class DraftBus {
  private draft: CellDraft | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): CellDraft | null => this.draft;

  readonly set = (draft: CellDraft | null): void => {
    if (JSON.stringify(draft) === JSON.stringify(this.draft)) return;
    this.draft = draft;
    for (const l of this.listeners) l();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The report with one typed, uncommitted cell in place (shallow copies along the path only). */
export function withDraft(report: Report, d: CellDraft): Report {
  return {
    ...report,
    tables: report.tables.map((t) =>
      t.id !== d.tableId ? t : { ...t, rows: t.rows.map((row) => (row.unitId !== d.unitId ? row : { ...row, cells: { ...row.cells, [d.columnId]: d.cell } })) },
    ),
  };
}
