// Reading metric lines (numerator, denominator, rate, points) from workbooks: the app's own metrics sheet by its row keys, and per-group metric tables of any workbook by their title and line labels.
//
// A foreign metric table is a title row naming a group ("1. Công khai, minh bạch", "Nhóm chỉ số Số hóa hồ sơ"),
// then a header "Chỉ tiêu | Tử số | Mẫu số | Tỷ lệ | Điểm" (any order, "Tỷ lệ (%)", "Điểm / tối đa" too), then one row
// a metric until a blank row or the next title; a row "Tổng điểm" / "Điểm nhóm" gives the group's score from its
// points column. Labels match the report's lines through the unit-name folding of
// text/names.ts (accents, NFC/NFD, case, punctuation) with the portal's abbreviations read as one word (DVCQG, PAKN,
// TTHC, DVCTT), so a reworded line still matches its portal wording only when the words agree.
import { GROUPS } from '../model/catalog';
import { lineHasField, type LineField } from '../model/indicators-lines';
import type { GroupCode, Line, Report } from '../model/schema';
import { looseName } from '../text/names';
import { columnLetter, normalizeCell, rawText, type RawValue } from '../xlsx/cells';
import { METRICS_COL, parseRowKey } from '../xlsx/layout';
import type { SheetData } from '../xlsx/cells';
import type { Assignment, ImportFinding, SkippedItem } from './preview-types';

/** Long forms the portal abbreviates, folded, with the abbreviation that stands for them. */
const ABBREVIATIONS: readonly [string, string][] = [
  ['dich vu cong quoc gia', 'dvcqg'],
  ['dich vu cong truc tuyen', 'dvctt'],
  ['phan anh kien nghi', 'pakn'],
  ['thu tuc hanh chinh', 'tthc'],
  ['can bo cong chuc vien chuc', 'cbccvc'],
];

/** The matching key of a metric label: folded like a unit name, abbreviations read as one word, "tỷ lệ" and "%" dropped. */
export function metricLabelKey(label: string): string {
  let k = ` ${looseName(label.replace(/%/g, ' '))} `;
  for (const [long, short] of ABBREVIATIONS) k = k.split(` ${long} `).join(` ${short} `);
  return k.replace(/^ ty le /, ' ').trim();
}

const GROUP_KEYS: readonly { code: GroupCode; key: string }[] = GROUPS.map((g) => ({ code: g.code, key: looseName(g.shortName) }));

/** The group a title row names, or null. */
function groupOfTitle(text: string): GroupCode | null {
  const k = ` ${looseName(text)} `;
  return GROUP_KEYS.find((g) => k.includes(` ${g.key} `))?.code ?? null;
}

const HEADER_FIELDS: readonly { key: string; field: LineField | 'label' }[] = [
  { key: 'chi tieu', field: 'label' },
  { key: 'tu so', field: 'numerator' },
  { key: 'mau so', field: 'denominator' },
  { key: 'ty le', field: 'rate' },
  { key: 'diem', field: 'points' },
];

/** Column index of each field of a header row, or null when the row is not a metric header. */
function headerColumns(row: readonly RawValue[]): Map<LineField | 'label', number> | null {
  const cols = new Map<LineField | 'label', number>();
  row.forEach((v, i) => {
    const k = looseName(rawText(v));
    const hit = HEADER_FIELDS.find((h) => k === h.key || k.startsWith(`${h.key} `));
    if (hit && !cols.has(hit.field)) cols.set(hit.field, i);
  });
  return cols.has('label') && (cols.has('rate') || cols.has('numerator') || cols.has('points')) ? cols : null;
}

const filled = (row: readonly RawValue[] | undefined): RawValue[] => (row ?? []).filter((v) => rawText(v).trim() !== '');

/** "3,85/4" in a points column: the points before the slash. */
function pointsRaw(raw: RawValue): RawValue {
  if (typeof raw !== 'string') return raw;
  const m = /^\s*([\d.,]+)\s*\/\s*[\d.,]+\s*(điểm)?\s*$/iu.exec(raw.normalize('NFC'));
  return m ? m[1]! : raw;
}

interface MetricOut {
  assignments: Assignment[];
  findings: ImportFinding[];
  skipped: SkippedItem[];
}

/** Reads one figure of a metric line; a problem becomes a finding and the figure is left out. */
function figure(raw: RawValue, field: LineField, line: Line, where: string, out: MetricOut): { ok: boolean; v: number | null } {
  const type = field === 'numerator' || field === 'denominator' || field === 'count' ? 'count' : field === 'rate' ? 'rate' : 'score';
  const res = normalizeCell(field === 'points' ? pointsRaw(raw) : raw, type, field === 'points' && line.maxPoints !== undefined ? { max: line.maxPoints } : {});
  if (!res.ok) {
    out.findings.push({ severity: 'error', where, message: `${res.problem}; ô này không được nhập.` });
    return { ok: false, v: null };
  }
  if (res.cell && res.cell.t !== 'num') {
    out.findings.push({ severity: 'error', where, message: `“${rawText(raw)}” không phải là số; ô này không được nhập.` });
    return { ok: false, v: null };
  }
  return { ok: true, v: res.cell ? res.cell.v : null };
}

/**
 * Per-group metric tables of a foreign sheet into line assignments (a blank keeps the report's figure). Returns how
 * many tables were found; 0 leaves the sheet to the unit-table reader.
 */
export function readMetricTables(file: string, sheet: SheetData, report: Report, out: MetricOut): number {
  let tables = 0;
  let group: GroupCode | null = null;
  let cols: Map<LineField | 'label', number> | null = null;
  const where = (cell: string): string => `${file} › ${sheet.name} › ${cell}`;
  sheet.rows.forEach((row, r) => {
    const cells = filled(row);
    if (cells.length === 0) {
      cols = null;
      return;
    }
    const header = headerColumns(row);
    if (header) {
      cols = header;
      tables++;
      return;
    }
    if (cells.length === 1 && typeof cells[0] === 'string') {
      const g = groupOfTitle(cells[0]);
      if (g) {
        group = g;
        cols = null;
        return;
      }
    }
    if (!cols) return;
    const label = rawText(row[cols.get('label')!] ?? null).trim();
    if (!label) return;
    const key = metricLabelKey(label);
    if (group !== null && /^(tong diem|tong cong|tong|diem nhom)( nhom)?$/.test(key) && cols.has('points')) {
      const index = cols.get('points')!;
      const max = report.groups.find((g) => g.code === group)?.max;
      const res = normalizeCell(pointsRaw(row[index] ?? null), 'score', max !== undefined ? { max } : {});
      const at = where(`${columnLetter(index)}${r + 1}`);
      if (!res.ok || (res.cell && res.cell.t !== 'num')) out.findings.push({ severity: 'error', where: at, message: `Điểm nhóm “${rawText(row[index] ?? null)}” không đọc được; ô này không được nhập.` });
      else out.assignments.push({ target: { kind: 'groupScore', group }, after: res.cell ? res.cell.v : null, where: at, authoritative: false });
      return;
    }
    const candidates = report.groups.filter((g) => group === null || g.code === group);
    let found: { code: GroupCode; line: Line } | null = null;
    for (const g of candidates) {
      const line = g.lines.find((l) => l.kind !== 'heading' && metricLabelKey(l.label) === key);
      if (line) {
        found = { code: g.code, line };
        break;
      }
    }
    if (!found) {
      out.skipped.push({ where: where(`dòng ${r + 1}`), text: label, reason: 'chỉ tiêu không có trong báo cáo (hãy thêm dòng này vào nhóm hoặc sửa tên cho khớp)' });
      return;
    }
    for (const [field, index] of cols) {
      if (field === 'label' || !lineHasField(found.line, field)) continue;
      const f = figure(row[index] ?? null, field, found.line, where(`${columnLetter(index)}${r + 1}`), out);
      if (f.ok) {
        out.assignments.push({
          target: { kind: 'line', group: found.code, lineId: found.line.id, field },
          after: f.v,
          where: where(`${columnLetter(index)}${r + 1}`),
          authoritative: false,
        });
      }
    }
  });
  return tables;
}

/** The app's own metrics sheet, by its `line:<id>` keys: every figure, blanks included (the workbook is the whole truth). */
export function readOwnMetricsSheet(file: string, sheet: SheetData, report: Report, out: MetricOut, authoritative: boolean): void {
  const columns: [LineField, number][] = [
    ['numerator', METRICS_COL.numerator],
    ['denominator', METRICS_COL.denominator],
    ['rate', METRICS_COL.rate],
    ['points', METRICS_COL.points],
  ];
  sheet.rows.forEach((row, r) => {
    const key = parseRowKey(row[0]);
    if (!key || key.kind !== 'line') return;
    const group = report.groups.find((g) => g.lines.some((l) => l.id === key.id));
    const line = group?.lines.find((l) => l.id === key.id);
    if (!group || !line) {
      out.skipped.push({ where: `${file} › ${sheet.name} › dòng ${r + 1}`, text: rawText(row[METRICS_COL.label - 1] ?? null), reason: 'chỉ tiêu không có trong báo cáo' });
      return;
    }
    for (const [field, col] of columns) {
      if (!lineHasField(line, field)) continue;
      const where = `${file} › ${sheet.name} › ${columnLetter(col - 1)}${r + 1}`;
      const f = figure(row[col - 1] ?? null, field, line, where, out);
      if (f.ok) out.assignments.push({ target: { kind: 'line', group: group.code, lineId: line.id, field }, after: f.v, where, authoritative: authoritative || f.v !== null });
    }
  });
}
