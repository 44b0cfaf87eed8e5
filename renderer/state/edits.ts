// The renderer's edit model: every change to the open report is a list of path-addressed before/after values, so it can be undone and redone.
import { LINE_FIELDS, type LineField } from '../../core/model/indicators-lines';
import type { Report } from '../../core/model/schema';
import type { Location } from '../../core/rules';

/** A path into the report: ['tables', 2, 'rows', 5, 'cells', 'rate'], or [] for the whole report. */
export type Path = readonly (string | number)[];

export interface Change {
  path: Path;
  before: unknown;
  after: unknown;
}

/** One undoable step: a typed cell, a cleared block, a paste, an import or a restored version. */
export interface Edit {
  /** What the step did, for the undo button's tooltip ("Dán 12 ô"). */
  label: string;
  changes: Change[];
}

/** The value at a path, or undefined when the path does not exist. */
export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** A copy of `root` with `value` at `path`; objects along the path are copied, everything else is shared. */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = root as unknown;
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const obj = (container ?? {}) as Record<string | number, unknown>;
  return { ...obj, [head]: setAt(obj[head], rest, value) } as T;
}

/** Applies the `after` values of an edit (redo) or its `before` values in reverse order (undo). */
export function applyEdit<T>(root: T, edit: Edit, direction: 'forward' | 'backward' = 'forward'): T {
  let out = root;
  if (direction === 'forward') {
    for (const c of edit.changes) out = setAt(out, c.path, c.after);
  } else {
    for (let i = edit.changes.length - 1; i >= 0; i--) {
      const c = edit.changes[i]!;
      out = setAt(out, c.path, c.before);
    }
  }
  return out;
}

/** Builds an edit from new values, reading the `before` values from the current state and dropping no-op changes. */
export function makeEdit(root: unknown, label: string, sets: readonly { path: Path; value: unknown }[]): Edit {
  const changes: Change[] = [];
  for (const s of sets) {
    const before = getAt(root, s.path);
    if (sameValue(before, s.value)) continue;
    changes.push({ path: s.path, before: before === undefined ? null : before, after: s.value });
  }
  return { label, changes };
}

/** Structural equality for the small JSON values held in cells and fields. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Where a path shows on the report screen: a grid cell, a group's figure, a table (its note), a document field;
 * null for what has no place to go to (the profile, the signer).
 */
export function pathLocation(report: Report, path: Path): Location | null {
  const [head, i, part, j, kind, key] = path;
  if (head === 'tables' && typeof i === 'number') {
    const table = report.tables[i];
    if (!table) return null;
    if (part === 'rows' && typeof j === 'number' && kind === 'cells' && typeof key === 'string') {
      const row = table.rows[j];
      return row ? { kind: 'cell', tableId: table.id, unitId: row.unitId, columnId: key } : { kind: 'table', tableId: table.id };
    }
    return { kind: 'table', tableId: table.id };
  }
  if (head === 'groups' && typeof i === 'number') {
    const group = report.groups[i];
    if (!group) return null;
    const line = part === 'lines' && typeof j === 'number' ? group.lines[j] : undefined;
    if (!line) return { kind: 'group', group: group.code };
    return (LINE_FIELDS as readonly unknown[]).includes(kind) ? { kind: 'line', group: group.code, lineId: line.id, field: kind as LineField } : { kind: 'line', group: group.code, lineId: line.id };
  }
  if (head === 'document' && (i === 'date' || i === 'number')) return { kind: 'document', field: i };
  if (head === 'dataAsOf') return { kind: 'document', field: 'dataAsOf' };
  return null;
}

/** The first grid cell whose value differs between two reports (a whole-report step: an import, a restored version). */
function firstChangedCell(a: Report, b: Report): Location | null {
  if (a === b || !a || !b) return null;
  for (const tb of b.tables) {
    const ta = a.tables.find((t) => t.id === tb.id);
    if (ta === tb) continue;
    for (const rb of tb.rows) {
      const ra = ta?.rows.find((r) => r.unitId === rb.unitId);
      if (ra === rb) continue;
      for (const col of tb.columns) {
        if (!sameValue(ra?.cells[col.id] ?? null, rb.cells[col.id] ?? null)) return { kind: 'cell', tableId: tb.id, unitId: rb.unitId, columnId: col.id };
      }
    }
  }
  return null;
}

/**
 * Where an undone or redone step shows, so the screen can go there and flash it: the place of its first change
 * (a whole-report step: its first highlighted cell, else its first changed cell). `report` is the report after the step.
 */
export function editLocation(report: Report, edit: Edit, highlight?: readonly string[]): Location | null {
  const first = edit.changes[0];
  if (!first) return null;
  if (first.path.length > 0) return pathLocation(report, first.path);
  const key = highlight?.[0];
  if (key) {
    const [tableId, unitId, columnId] = key.split('|');
    if (tableId && unitId && columnId) return { kind: 'cell', tableId, unitId, columnId };
  }
  return firstChangedCell(first.before as Report, first.after as Report);
}
