// What changed between two states of a report (a stored version and the report now): every figure, cell and document field, by section, old → new.
//
// Pure: the versions dialog reads a version through the API and compares it here with the report on screen. Cells are
// matched by table, unit and column id; a unit or table only one side has shows its cells as added or removed.
import type { Location, NavSection } from '../rules/findings';
import { NAV_SECTIONS, sectionOf } from '../rules/findings';
import { groupName } from '../rules/rule';
import { groupSectionNumber } from '../text/report-text';
import { formatViNumber } from '../text/numbers';
import { LINE_FIELD_NAMES, LINE_FIELDS } from '../model/indicators-lines';
import type { Cell, Report } from '../model/schema';

export interface ReportDifference {
  section: NavSection;
  /** Where, in the clerk's words: "Tổng điểm", "“Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn” · Tỷ lệ (%)", "Bảng … · UBND phường Đức Xuân · Tỷ lệ (%)". */
  place: string;
  /** The value before and after, as shown ("(trống)" for a blank, never 0). */
  before: string;
  after: string;
  location: Location;
}

const BLANK = '(trống)';

function shown(v: Cell | number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return BLANK;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatViNumber(v, { trimZeros: true });
  switch (v.t) {
    case 'num':
      return formatViNumber(v.v, { trimZeros: true });
    case 'ratio':
      return `${v.n}/${v.d}`;
    case 'text':
    case 'status':
      return v.v;
  }
}

/**
 * The differences between `older` (a version) and `newer` (the report now), in document order (section by section).
 * Only what the clerk edits is compared: document number, date and data date, total, rank, group scores, line
 * figures and table cells; layout (units, lines added) shows through the cells and figures it adds or removes.
 */
export function compareReports(older: Report, newer: Report): ReportDifference[] {
  const out: ReportDifference[] = [];
  const push = (place: string, a: Cell | number | string | null | undefined, b: Cell | number | string | null | undefined, location: Location): void => {
    const before = shown(a);
    const after = shown(b);
    if (before !== after) out.push({ section: sectionOf(location, newer), place, before, after, location });
  };
  push('Số văn bản', older.document.number, newer.document.number, { kind: 'document', field: 'number' });
  const day = (r: Report) => `${r.document.date.day ?? '…'}/${r.document.date.month}/${r.document.date.year}`;
  push('Ngày ban hành', day(older), day(newer), { kind: 'document', field: 'date' });
  const iso = (d: string | null) => (d ? d.split('-').reverse().join('/') : null);
  push('Ngày lấy số liệu', iso(older.dataAsOf), iso(newer.dataAsOf), { kind: 'document', field: 'dataAsOf' });
  push('Tổng điểm', older.total, newer.total, { kind: 'total' });
  push('Xếp hạng', older.rank.position, newer.rank.position, { kind: 'rank' });
  push('Số đơn vị xếp hạng', older.rank.of, newer.rank.of, { kind: 'rank' });
  for (const g of newer.groups) {
    const old = older.groups.find((x) => x.code === g.code);
    const name = `${groupSectionNumber(g.code)}. ${groupName(g.code)}`;
    push(`Điểm nhóm “${name}”`, old?.score, g.score, { kind: 'group', group: g.code });
    const ids = [...new Set([...(old?.lines ?? []).map((l) => l.id), ...g.lines.map((l) => l.id)])];
    for (const id of ids) {
      const a = old?.lines.find((l) => l.id === id);
      const b = g.lines.find((l) => l.id === id);
      const label = (b ?? a)!.label;
      for (const field of LINE_FIELDS) {
        push(`“${label}” · ${LINE_FIELD_NAMES[field]}`, a?.[field], b?.[field], { kind: 'line', group: g.code, lineId: id, field });
      }
    }
  }
  const unitName = (id: string) => newer.units.find((u) => u.id === id)?.name ?? older.units.find((u) => u.id === id)?.name ?? id;
  const tableIds = [...new Set([...newer.tables.map((t) => t.id), ...older.tables.map((t) => t.id)])];
  for (const tableId of tableIds) {
    const a = older.tables.find((t) => t.id === tableId);
    const b = newer.tables.find((t) => t.id === tableId);
    const t = (b ?? a)!;
    const units = [...new Set([...(b?.rows ?? []).map((r) => r.unitId), ...(a?.rows ?? []).map((r) => r.unitId)])];
    const columns = [...(b?.columns ?? []), ...(a?.columns ?? []).filter((c) => !b?.columns.some((x) => x.id === c.id))];
    for (const unitId of units) {
      const ra = a?.rows.find((r) => r.unitId === unitId);
      const rb = b?.rows.find((r) => r.unitId === unitId);
      for (const col of columns) {
        push(`${t.title} · ${unitName(unitId)} · ${col.header}`, ra?.cells[col.id], rb?.cells[col.id], { kind: 'cell', tableId, unitId, columnId: col.id });
      }
    }
    push(`${t.title} · Ghi chú`, a?.note, b?.note, { kind: 'table', tableId });
  }
  const order = (d: ReportDifference) => NAV_SECTIONS.indexOf(d.section);
  return out.map((d, i) => ({ d, i })).sort((x, y) => order(x.d) - order(y.d) || x.i - y.i).map((x) => x.d);
}

/** The differences grouped by section, in document order (sections without a change left out). */
export function differencesBySection(diffs: readonly ReportDifference[]): { section: NavSection; items: ReportDifference[] }[] {
  return NAV_SECTIONS.map((section) => ({ section, items: diffs.filter((d) => d.section === section) })).filter((g) => g.items.length > 0);
}
