// The figures a group line holds (count, rate, numerator, denominator, points) and the clerk's edits of a report's lines (add, remove, move, reword), pure and invertible.
//
// The portal changes its metrics without notice, so a report's lines are its own: the clerk adapts them and every
// edit travels in an import patch (core/import/patch.ts), undone by its inverse. Rules follow a line's id, never
// its wording, so rewording keeps the id.
import type { GroupCode, Line, Report } from './schema';

export const LINE_FIELDS = ['count', 'rate', 'numerator', 'denominator', 'points'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** Whether a line has a place for this figure at all (a heading has none; a 2024 line has no numerator). */
export function lineHasField(line: Line, field: LineField): boolean {
  switch (field) {
    case 'count':
      return line.kind === 'figure' && line.countUnit !== undefined;
    case 'rate':
      return line.kind !== 'heading' && line.hasRate;
    case 'numerator':
    case 'denominator':
      return line.kind === 'metric';
    case 'points':
      return line.kind === 'metric' && line.maxPoints !== undefined && line.maxPoints > 0;
  }
}

/** Column names of the line figures, as the report screen and the import preview show them. */
export const LINE_FIELD_NAMES: Record<LineField, string> = {
  count: 'Số lượng',
  rate: 'Tỷ lệ (%)',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  points: 'Điểm',
};

/**
 * One edit of a group's lines. `add` inserts `line` at `index`; `remove` takes out the line at `index`, which must
 * equal `line` (so the inverse can put it back); `move` moves the line at `from` to `to`; `reword` changes a label.
 */
export type LineEdit =
  | { op: 'add' | 'remove'; group: GroupCode; index: number; line: Line }
  | { op: 'move'; group: GroupCode; from: number; to: number }
  | { op: 'reword'; group: GroupCode; lineId: string; before: string; after: string };

export function invertLineEdit(e: LineEdit): LineEdit {
  switch (e.op) {
    case 'add':
      return { ...e, op: 'remove' };
    case 'remove':
      return { ...e, op: 'add' };
    case 'move':
      return { ...e, from: e.to, to: e.from };
    case 'reword':
      return { ...e, before: e.after, after: e.before };
  }
}

/** Applies one edit to the report in place; returns a Vietnamese problem (nothing changed) or null. */
export function applyLineEdit(r: Report, e: LineEdit): string | null {
  const group = r.groups.find((g) => g.code === e.group);
  if (!group) return `Không có nhóm “${e.group}”.`;
  const lines = group.lines;
  switch (e.op) {
    case 'add':
      if (e.index < 0 || e.index > lines.length) return 'Vị trí thêm dòng không hợp lệ.';
      if (r.groups.some((g) => g.lines.some((l) => l.id === e.line.id))) return `Đã có dòng mã “${e.line.id}”.`;
      lines.splice(e.index, 0, structuredClone(e.line));
      return null;
    case 'remove':
      if (JSON.stringify(lines[e.index]) !== JSON.stringify(e.line)) return STALE;
      lines.splice(e.index, 1);
      return null;
    case 'move': {
      if (e.from < 0 || e.from >= lines.length || e.to < 0 || e.to >= lines.length) return STALE;
      const [moved] = lines.splice(e.from, 1);
      lines.splice(e.to, 0, moved!);
      return null;
    }
    case 'reword': {
      const line = lines.find((l) => l.id === e.lineId);
      if (!line || line.label !== e.before) return STALE;
      const label = e.after.normalize('NFC').trim();
      if (!label) return 'Tên chỉ tiêu không được để trống.';
      line.label = label;
      return null;
    }
  }
}

const STALE = 'Báo cáo đã thay đổi kể từ khi sửa dòng này nên không áp dụng được; hãy thử lại.';

/** A fresh id for a line the clerk adds to a group: "ckmb.added1", "ckmb.added2"… unused anywhere in the report. */
export function newLineId(r: Report, group: GroupCode): string {
  const taken = new Set(r.groups.flatMap((g) => g.lines.map((l) => l.id)));
  const prefix = group.toLowerCase();
  for (let i = 1; ; i++) if (!taken.has(`${prefix}.added${i}`)) return `${prefix}.added${i}`;
}

/** A blank line the clerk adds: a metric line in a metric catalogue (no points until a maximum is set), else a rate line. */
export function blankLine(r: Report, group: GroupCode, label: string): Line {
  const id = newLineId(r, group);
  if (r.indicators.set === '2024') return { id, level: 1, kind: 'figure', label, hasRate: true, rate: null };
  return { id, level: 1, kind: 'metric', label, countUnit: '', hasRate: true, rate: null, numerator: null, denominator: null };
}
