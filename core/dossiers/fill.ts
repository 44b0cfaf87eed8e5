// Turns computed dossier figures into an ImportPatch that fills blank or "not aggregated" cells of the per-unit tables, never official figures.
import type { ImportPatch, PatchChange, RowChange } from '../import/patch';
import type { Cell, Report, TableKind } from '../model/schema';
import type { AggregateResult, UnitFigures } from './aggregator';

/** The table kinds a dossier list can fill, and the figure each takes. */
export const FILLABLE_KINDS = ['onTime', 'overdue', 'onlineSubmission', 'onlinePayment', 'satisfaction'] as const;
export type FillableKind = (typeof FILLABLE_KINDS)[number];

const FIGURE_OF: Record<FillableKind, (u: UnitFigures) => number | null> = {
  onTime: (u) => u.onTimeRate,
  overdue: (u) => u.overdueRate,
  onlineSubmission: (u) => u.onlineRate,
  onlinePayment: (u) => u.paymentRate,
  satisfaction: (u) => u.satisfactionRate,
};

export interface FillOptions {
  /** Which tables to fill (default: all five rate tables). */
  tables?: readonly TableKind[];
  /**
   * 'empty-only': only blank cells; 'empty-and-status-only' (default): blank cells and statuses such as
   * "Không tổng hợp trên Hệ thống". Official figures (num cells without src) are never overwritten either way;
   * figures computed earlier from a dossier list (src 'dossiers') are refreshed.
   */
  overwrite?: 'empty-only' | 'empty-and-status-only';
}

function isFillable(kind: TableKind): kind is FillableKind {
  return (FILLABLE_KINDS as readonly string[]).includes(kind);
}

/** Whether a cell may take a computed figure. */
function mayFill(cell: Cell | undefined, overwrite: FillOptions['overwrite']): boolean {
  const c = cell ?? null;
  if (c === null) return true;
  if (c.t === 'status') return overwrite !== 'empty-only';
  if (c.t === 'num') return c.src === 'dossiers';
  return false;
}

/**
 * The changes that put a result's rates into the report's tables, each cell marked `src: 'dossiers'` (computed, not
 * official). Units without dossiers (rate null) are left as they are; a unit's on-time or overdue rate is not filled
 * when the other one is an official figure (they must sum to 100). The overdue table ("units with overdue
 * dossiers") gets a row for a unit with overdue dossiers that it lacks; other tables only fill rows they have.
 * Apply it with applyPatch (core/import/patch.ts); undo with invertPatch.
 */
export function fillFromAggregate(report: Report, result: AggregateResult, opts: FillOptions = {}): ImportPatch {
  const kinds = new Set<TableKind>(opts.tables ?? FILLABLE_KINDS);
  const overwrite = opts.overwrite ?? 'empty-and-status-only';
  const unitIds = new Set(report.units.map((u) => u.id));
  const byUnit = new Map(result.perUnit.filter((u) => unitIds.has(u.unitId)).map((u) => [u.unitId, u]));
  const changes: PatchChange[] = [];
  const rows: RowChange[] = [];
  // On-time and overdue rates are complements: a computed one never sits next to an official other (the two would
  // not sum to 100); the clerk derives it from the official figure instead.
  const official = (kind: TableKind, unitId: string): boolean =>
    report.tables.some((t) => {
      if (t.kind !== kind) return false;
      const col = t.columns.find((c) => c.type === 'rate');
      const cell = col ? (t.rows.find((r) => r.unitId === unitId)?.cells[col.id] ?? null) : null;
      return cell !== null && cell.t === 'num' && cell.src === undefined;
    });
  const COMPLEMENT: Partial<Record<TableKind, TableKind>> = { onTime: 'overdue', overdue: 'onTime' };
  for (const table of report.tables) {
    if (!kinds.has(table.kind) || !isFillable(table.kind)) continue;
    const column = table.columns.find((c) => c.type === 'rate');
    if (!column) continue;
    const figure = FIGURE_OF[table.kind];
    const present = new Set(table.rows.map((r) => r.unitId));
    for (const row of table.rows) {
      const u = byUnit.get(row.unitId);
      if (!u) continue;
      const v = figure(u);
      if (v === null) continue;
      const complement = COMPLEMENT[table.kind];
      if (complement && official(complement, row.unitId)) continue;
      const before = row.cells[column.id] ?? null;
      if (!mayFill(before, overwrite)) continue;
      const after: Cell = { t: 'num', v, src: 'dossiers' };
      if (before && before.t === 'num' && before.v === v && before.src === 'dossiers') continue;
      changes.push({ target: { kind: 'cell', tableId: table.id, unitId: row.unitId, columnId: column.id }, before, after });
    }
    if (table.kind === 'overdue') {
      for (const u of result.perUnit) {
        if (!unitIds.has(u.unitId) || present.has(u.unitId) || u.overdue === 0 || u.overdueRate === null) continue;
        if (official('onTime', u.unitId)) continue;
        rows.push({ tableId: table.id, unitId: u.unitId, op: 'add' });
        changes.push({
          target: { kind: 'cell', tableId: table.id, unitId: u.unitId, columnId: column.id },
          before: null,
          after: { t: 'num', v: u.overdueRate, src: 'dossiers' },
        });
      }
    }
  }
  return { changes, aliases: [], rows };
}
