// Import patches: a list of figure changes (old → new), unit alias additions and table rows, applied all or nothing to a NEW report and inverted for undo.
//
// Imports and pastes never edit a report in place: they produce an ImportPatch. The app's undo history stores patches
// and their inverses; the library takes a snapshot before applying one. applyPatch checks every `before` against the
// report (a stale patch is refused) and validates the result, so a report is either fully patched or untouched.
import { UserFacingError } from '../files/errors';
import { validateReport } from '../model/report';
import { applyLineEdit, invertLineEdit, lineHasField, type LineEdit, type LineField } from '../model/indicators-lines';
import type { Cell, GroupCode, Report, Unit } from '../model/schema';
import { groupName } from '../rules/rule';

export type CellTarget = { kind: 'cell'; tableId: string; unitId: string; columnId: string };
export type LineTarget = { kind: 'line'; group: GroupCode; lineId: string; field: LineField };
export type GroupScoreTarget = { kind: 'groupScore'; group: GroupCode };
export type TotalTarget = { kind: 'total' };
export type RankTarget = { kind: 'rank'; field: 'position' | 'of' };
export type PatchTarget = CellTarget | LineTarget | GroupScoreTarget | TotalTarget | RankTarget;

/** One change: a table cell (Cell values) or a line figure, group score, total or rank (number or null). */
export type PatchChange =
  | { target: CellTarget; before: Cell; after: Cell }
  | {
      target: LineTarget | GroupScoreTarget | TotalTarget | RankTarget;
      before: number | null;
      after: number | null;
      /** Line changes only: the line's "computed from dossiers" mark before and after (absent: unchanged). */
      src?: { before: 'dossiers' | null; after: 'dossiers' | null };
    };

export interface AliasChange {
  unitId: string;
  alias: string;
  op: 'add' | 'remove';
}

/** A table row added (all cells blank) before changes apply, or removed (must be all blank) after they apply. */
export interface RowChange {
  tableId: string;
  unitId: string;
  op: 'add' | 'remove';
}

/** A unit added to the report ("Thêm đơn vị mới" in the import) before rows and changes apply, or removed after. */
export interface UnitChange {
  unit: Unit;
  op: 'add' | 'remove';
}

export interface ImportPatch {
  changes: PatchChange[];
  aliases: AliasChange[];
  rows: RowChange[];
  /** Units added by the import (absent: none). */
  units?: UnitChange[];
  /** Edits of group lines (add, move, reword before the changes; remove after them), in order. */
  lines?: LineEdit[];
}

/**
 * Names the clerk confirmed as other names of units (name -> unit id): the report with them added as aliases (to read
 * a dossier list with them), and the alias changes a patch carries to add them for real. A name the unit already
 * has is left out of both.
 */
export function withConfirmedAliases(report: Report, confirmed: Readonly<Record<string, string>>): { report: Report; aliases: AliasChange[] } {
  const aliases: AliasChange[] = [];
  const units = report.units.map((u) => {
    const add = Object.entries(confirmed)
      .filter(([alias, id]) => id === u.id && !u.aliases.includes(alias))
      .map(([alias]) => alias);
    for (const alias of add) aliases.push({ unitId: u.id, alias, op: 'add' });
    return add.length ? { ...u, aliases: [...u.aliases, ...add] } : u;
  });
  return { report: aliases.length ? { ...report, units } : report, aliases };
}

/** True when a patch changes nothing. */
export function isEmptyPatch(p: ImportPatch): boolean {
  return p.changes.length === 0 && p.aliases.length === 0 && p.rows.length === 0 && (p.units ?? []).length === 0 && (p.lines ?? []).length === 0;
}

/** Deep equality of two cells (null = blank; status text compared verbatim). */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (x.t !== y.t) return false;
  switch (x.t) {
    case 'num':
      return y.t === 'num' && x.v === y.v && (x.src ?? null) === (y.src ?? null);
    case 'ratio':
      return y.t === 'ratio' && x.n === y.n && x.d === y.d;
    case 'text':
    case 'status':
      return (y.t === 'text' || y.t === 'status') && x.v === y.v;
  }
}

/** A stable string key of a target, to find duplicates and to highlight changed cells. */
export function targetKey(t: PatchTarget): string {
  switch (t.kind) {
    case 'cell':
      return `cell:${t.tableId}:${t.unitId}:${t.columnId}`;
    case 'line':
      return `line:${t.group}:${t.lineId}:${t.field}`;
    case 'groupScore':
      return `group:${t.group}`;
    case 'total':
      return 'total';
    case 'rank':
      return `rank:${t.field}`;
  }
}

/** The undo of a patch: changes reversed with before/after swapped, additions become removals and vice versa. */
export function invertPatch(p: ImportPatch): ImportPatch {
  return {
    changes: [...p.changes].reverse().map(
      (c) =>
        ({
          ...c,
          before: c.after,
          after: c.before,
          ...('src' in c && c.src ? { src: { before: c.src.after, after: c.src.before } } : {}),
        }) as PatchChange,
    ),
    aliases: [...p.aliases].reverse().map((a) => ({ ...a, op: a.op === 'add' ? 'remove' : 'add' })),
    rows: [...p.rows].reverse().map((r) => ({ ...r, op: r.op === 'add' ? 'remove' : 'add' })),
    ...(p.units?.length ? { units: [...p.units].reverse().map((u) => ({ ...u, op: u.op === 'add' ? ('remove' as const) : ('add' as const) })) } : {}),
    ...(p.lines ? { lines: [...p.lines].reverse().map(invertLineEdit) } : {}),
  };
}

function fail(message: string): never {
  throw new UserFacingError('PATCH_CONFLICT', message);
}

const STALE = 'Báo cáo đã thay đổi kể từ khi xem trước thay đổi nên không áp dụng được; hãy xem trước và áp dụng lại.';

/**
 * Applies a patch to a copy of the report and returns the copy; the input is never mutated. Throws
 * UserFacingError('PATCH_CONFLICT') and changes nothing when a target does not exist, a `before` does not match the
 * report, or the result would not be a valid report.
 */
export function applyPatch(report: Report, patch: ImportPatch): Report {
  const r = structuredClone(report);
  for (const uc of (patch.units ?? []).filter((x) => x.op === 'add')) {
    if (r.units.some((u) => u.id === uc.unit.id)) fail(STALE);
    // After the last unit of its block, so the new unit sits with its block in every table.
    let at = -1;
    r.units.forEach((u, i) => u.blockId === uc.unit.blockId && (at = i));
    r.units.splice(at < 0 ? r.units.length : at + 1, 0, structuredClone(uc.unit));
  }
  const unitOrder = new Map(r.units.map((u, i) => [u.id, i]));

  for (const rc of patch.rows.filter((x) => x.op === 'add')) {
    const table = r.tables.find((t) => t.id === rc.tableId) ?? fail(`Không có bảng “${rc.tableId}” trong báo cáo.`);
    if (!unitOrder.has(rc.unitId)) fail(`Không có đơn vị “${rc.unitId}” trong báo cáo.`);
    if (table.rows.some((row) => row.unitId === rc.unitId)) fail(STALE);
    const row = { unitId: rc.unitId, cells: Object.fromEntries(table.columns.map((c) => [c.id, null])) };
    const pos = unitOrder.get(rc.unitId) ?? 0;
    const at = table.rows.findIndex((x) => (unitOrder.get(x.unitId) ?? Infinity) > pos);
    if (at < 0) table.rows.push(row);
    else table.rows.splice(at, 0, row);
  }

  const lineEdits = patch.lines ?? [];
  for (const e of lineEdits.filter((x) => x.op !== 'remove')) {
    const problem = applyLineEdit(r, e);
    if (problem) fail(problem);
  }

  for (const ch of patch.changes) {
    const t = ch.target;
    if (t.kind === 'cell') {
      const table = r.tables.find((x) => x.id === t.tableId) ?? fail(`Không có bảng “${t.tableId}” trong báo cáo.`);
      const row = table.rows.find((x) => x.unitId === t.unitId) ?? fail(`Bảng “${table.title}” không có dòng của đơn vị “${t.unitId}”.`);
      if (!table.columns.some((c) => c.id === t.columnId)) fail(`Bảng “${table.title}” không có cột “${t.columnId}”.`);
      if (!sameCell(row.cells[t.columnId], ch.before as Cell)) fail(STALE);
      row.cells[t.columnId] = structuredClone(ch.after as Cell);
      continue;
    }
    const before = ch.before as number | null;
    const after = ch.after as number | null;
    if (t.kind === 'total') {
      if (r.total !== before) fail(STALE);
      r.total = after;
    } else if (t.kind === 'rank') {
      if (r.rank[t.field] !== before) fail(STALE);
      r.rank[t.field] = after;
    } else {
      const group = r.groups.find((g) => g.code === t.group) ?? fail('Báo cáo thiếu một nhóm chỉ số. Hãy mở lại báo cáo rồi nhập lại.');
      if (t.kind === 'groupScore') {
        if (group.score !== before) fail(STALE);
        group.score = after;
      } else {
        const line = group.lines.find((l) => l.id === t.lineId) ?? fail(`Không có dòng “${t.lineId}” trong nhóm “${groupName(group.code)}”.`);
        if (!lineHasField(line, t.field)) fail(`Dòng “${line.label}” không có ô này.`);
        if ((line[t.field] ?? null) !== before) fail(STALE);
        line[t.field] = after;
        const src = 'src' in ch ? ch.src : undefined;
        if (src) {
          if ((line.src ?? null) !== src.before) fail(STALE);
          if (src.after) line.src = src.after;
          else delete line.src;
        }
      }
    }
  }

  for (const e of lineEdits.filter((x) => x.op === 'remove')) {
    const problem = applyLineEdit(r, e);
    if (problem) fail(problem);
  }

  for (const rc of patch.rows.filter((x) => x.op === 'remove')) {
    const table = r.tables.find((t) => t.id === rc.tableId) ?? fail(`Không có bảng “${rc.tableId}” trong báo cáo.`);
    const at = table.rows.findIndex((x) => x.unitId === rc.unitId);
    if (at < 0) fail(STALE);
    if (Object.values(table.rows[at]!.cells).some((c) => c !== null)) fail(STALE);
    table.rows.splice(at, 1);
  }

  for (const a of patch.aliases) {
    const unit = r.units.find((u) => u.id === a.unitId) ?? fail(`Không có đơn vị “${a.unitId}” trong báo cáo.`);
    const alias = a.alias.normalize('NFC');
    const at = unit.aliases.indexOf(alias);
    if (a.op === 'add') {
      if (at >= 0) fail(STALE);
      unit.aliases.push(alias);
    } else {
      if (at < 0) fail(STALE);
      unit.aliases.splice(at, 1);
    }
  }

  for (const uc of (patch.units ?? []).filter((x) => x.op === 'remove')) {
    const at = r.units.findIndex((u) => u.id === uc.unit.id);
    if (at < 0 || r.units[at]!.name !== uc.unit.name) fail(STALE);
    if (r.tables.some((t) => t.rows.some((row) => row.unitId === uc.unit.id))) fail(STALE);
    r.units.splice(at, 1);
  }

  const checked = validateReport(r);
  if (!checked.ok) throw new UserFacingError('PATCH_INVALID', `Không áp dụng được thay đổi: ${checked.problem}.`);
  return checked.report;
}
