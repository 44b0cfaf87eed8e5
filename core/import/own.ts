// Reads back a workbook this app exported (or its blank template) exactly, by the hidden row keys and the identity sheet of layout.ts.
import { TABLE_KIND_INFO } from '../model/catalog';
import type { Cell, ColumnType, GroupCode, Period, Report, TableKind } from '../model/schema';
import { PeriodSchema, TABLE_KINDS } from '../model/schema';
import { createUnitMatcher } from '../text/names';
import { columnLetter, isBlankRaw, normalizeCell, rawText, type RawValue } from '../xlsx/cells';
import {
  FIRST_FIGURE_COLUMN,
  IDENTITY_FORMAT,
  IDENTITY_RECORD,
  IDENTITY_SHEET,
  LAYOUT_VERSION,
  NAME_COLUMN,
  SUMMARY_COL,
  SUMMARY_SHEET,
  parseRowKey,
} from '../xlsx/layout';
import type { SheetData, WorkbookData } from '../xlsx/cells';
import { readOwnMetricsSheet } from './metrics';
import type { Assignment, ImportFinding, SkippedItem } from './preview-types';

export interface OwnWorkbook {
  isTemplate: boolean;
  /** The period the workbook was exported for, when recorded. */
  period: Period | null;
  reportId: string | null;
  layoutVersion: number | null;
}

/** The identity records of a workbook this app wrote, or null for any other workbook. */
export function ownIdentity(wb: WorkbookData): { sheet: SheetData; info: OwnWorkbook } | null {
  const sheet = wb.sheets.find((s) => s.name === IDENTITY_SHEET);
  if (!sheet) return null;
  const rec = (type: string): RawValue[] | undefined => sheet.rows.find((r) => r[0] === type);
  if (rec(IDENTITY_RECORD.format)?.[1] !== IDENTITY_FORMAT) return null;
  const version = rec(IDENTITY_RECORD.layoutVersion)?.[1];
  const template = rec(IDENTITY_RECORD.template)?.[1];
  const reportId = rec(IDENTITY_RECORD.reportId)?.[1];
  let period: Period | null = null;
  try {
    const parsed = PeriodSchema.safeParse(JSON.parse(rawText(rec(IDENTITY_RECORD.period)?.[1]) || 'null'));
    if (parsed.success) period = parsed.data;
  } catch {
    period = null;
  }
  return {
    sheet,
    info: {
      isTemplate: template === 1 || template === '1',
      period,
      reportId: typeof reportId === 'string' ? reportId : null,
      layoutVersion: typeof version === 'number' ? version : Number(version) || null,
    },
  };
}

export function cellAddress(index0: number, rowNumber: number): string {
  return `${columnLetter(index0)}${rowNumber}`;
}

/** Reads an own workbook into assignments (blanks included: the workbook is the whole truth of its cells). */
export function readOwnWorkbook(
  wb: WorkbookData,
  report: Report,
  identity: SheetData,
  out: { assignments: Assignment[]; findings: ImportFinding[]; skipped: SkippedItem[]; notes: string[] },
  isTemplate = false,
): void {
  // In an exported workbook a blank cell is a blank of the report; in the blank template it is just not filled in.
  const authoritative = !isTemplate;
  const where = (sheet: string, cell: string): string => `${wb.fileName} › ${sheet} › ${cell}`;
  const records = identity.rows.filter((r) => typeof r[0] === 'string');
  const version = Number(records.find((r) => r[0] === IDENTITY_RECORD.layoutVersion)?.[1] ?? 0);
  if (version > LAYOUT_VERSION) {
    out.findings.push({
      severity: 'warning',
      where: wb.fileName,
      message: 'Tệp được tạo bởi phiên bản mới hơn của phần mềm; số liệu vẫn được đọc nhưng hãy kiểm tra kỹ bản xem trước.',
    });
  }
  const lineSrcs = new Map<string, { count: number | null; rate: number | null }>();
  for (const r of records) {
    if (r[0] !== IDENTITY_RECORD.lineSrc) continue;
    const n = (v: RawValue | undefined): number | null => (typeof v === 'number' ? v : null);
    lineSrcs.set(rawText(r[1]), { count: n(r[2]), rate: n(r[3]) });
  }
  const statuses = new Map<string, string>();
  const srcs = new Map<string, number>();
  for (const r of records) {
    if (r[0] === IDENTITY_RECORD.status) statuses.set(`${rawText(r[1])}|${rawText(r[2])}|${rawText(r[3])}`, typeof r[4] === 'string' ? r[4].normalize('NFC') : rawText(r[4]));
    if (r[0] === IDENTITY_RECORD.src && typeof r[4] === 'number') srcs.set(`${rawText(r[1])}|${rawText(r[2])}|${rawText(r[3])}`, r[4]);
  }
  const matcher = createUnitMatcher(report.units);
  const unitIds = new Set(report.units.map((u) => u.id));

  // Tables.
  for (const rec of records.filter((r) => r[0] === IDENTITY_RECORD.table)) {
    const tableId = rawText(rec[1]);
    const sheetName = typeof rec[2] === 'string' ? rec[2].normalize('NFC') : rawText(rec[2]);
    const kind = rawText(rec[3]) as TableKind;
    const columnIds = rec.slice(5).map((v) => rawText(v)).filter((v) => v !== '');
    if (!(TABLE_KINDS as readonly string[]).includes(kind)) continue;
    const sheet = wb.sheets.find((s) => s.name === sheetName);
    if (!sheet) {
      out.findings.push({ severity: 'warning', where: wb.fileName, message: `Không thấy trang tính “${sheetName}” của bảng ${TABLE_KIND_INFO[kind].shortName}; bảng này không được nhập.` });
      continue;
    }
    const target = report.tables.find((t) => t.id === tableId && t.kind === kind);
    const types = new Map<string, ColumnType>(TABLE_KIND_INFO[kind].columns.map((c) => [c.id, c.type]));
    const maxes = new Map<string, number | undefined>(TABLE_KIND_INFO[kind].columns.map((c) => [c.id, c.max]));
    for (const col of target?.columns ?? []) {
      types.set(col.id, col.type);
      maxes.set(col.id, col.max);
    }
    sheet.rows.forEach((row, r) => {
      const key = parseRowKey(row[0]);
      if (!key || key.kind !== 'unit') return;
      const rowNumber = r + 1;
      const name = rawText(row[NAME_COLUMN - 1]);
      let unitId: string | null = unitIds.has(key.id) ? key.id : null;
      if (!unitId) unitId = matcher.match(name)?.unitId ?? null;
      if (!unitId) {
        out.skipped.push({ where: where(sheet.name, `dòng ${rowNumber}`), text: name, reason: 'đơn vị không có trong báo cáo', unknownUnit: name });
        return;
      }
      columnIds.forEach((columnId, i) => {
        const type = types.get(columnId);
        if (!type) return;
        const index = FIRST_FIGURE_COLUMN - 1 + i;
        const raw = row[index] ?? null;
        const fmt = sheet.formats[r]?.[index];
        const addr = where(sheet.name, cellAddress(index, rowNumber));
        const k = `${tableId}|${key.id}|${columnId}`;
        let cell: Cell;
        if (typeof raw === 'string' && statuses.get(k) === raw.normalize('NFC').trim()) {
          cell = { t: 'status', v: statuses.get(k)! };
        } else if (typeof raw === 'string' && type === 'label' && statuses.size > 0 && !isBlankRaw(raw)) {
          cell = { t: 'text', v: raw.normalize('NFC').trim() };
        } else {
          const res = normalizeCell(raw, type, { ratesAs: 'percent', ...(fmt ? { numFmt: fmt } : {}), ...(maxes.get(columnId) !== undefined ? { max: maxes.get(columnId)! } : {}) });
          if (!res.ok) {
            out.findings.push({ severity: 'error', where: addr, message: `${res.problem}; ô này không được nhập.` });
            return;
          }
          cell = res.cell;
        }
        if (cell && cell.t === 'num' && srcs.get(k) === cell.v) cell = { ...cell, src: 'dossiers' };
        out.assignments.push({ target: { kind: 'cell', tableKind: kind, tableId, unitId, columnId }, after: cell, where: addr, authoritative: authoritative || cell !== null });
      });
    });
  }

  // Metric lines (numerator, denominator, rate, points) on their own sheet.
  const metricsName = rawText(records.find((r) => r[0] === IDENTITY_RECORD.metricsSheet)?.[1]);
  const metricsSheet = metricsName ? wb.sheets.find((s) => s.name === metricsName.normalize('NFC')) : undefined;
  if (metricsSheet) readOwnMetricsSheet(wb.fileName, metricsSheet, report, out, authoritative);

  // Summary: group scores, line figures, total, rank.
  const summaryName = rawText(records.find((r) => r[0] === IDENTITY_RECORD.summarySheet)?.[1]) || SUMMARY_SHEET;
  const summary = wb.sheets.find((s) => s.name === summaryName);
  if (!summary) {
    out.notes.push(`Không thấy trang “${summaryName}”: điểm các nhóm và tổng điểm không được nhập.`);
    return;
  }
  const lineGroup = new Map<string, GroupCode>();
  for (const g of report.groups) for (const l of g.lines) lineGroup.set(l.id, g.code);
  const num = (row: RawValue[], col: number, r: number, what: 'score' | 'count' | 'rate', max?: number): { ok: boolean; v: number | null } => {
    const raw = row[col - 1] ?? null;
    const addr = where(summary.name, cellAddress(col - 1, r + 1));
    const res = normalizeCell(raw, what, { ratesAs: 'percent', ...(max !== undefined ? { max } : {}), ...(summary.formats[r]?.[col - 1] ? { numFmt: summary.formats[r]![col - 1]! } : {}) });
    if (!res.ok) {
      out.findings.push({ severity: 'error', where: addr, message: `${res.problem}; ô này không được nhập.` });
      return { ok: false, v: null };
    }
    if (res.cell && res.cell.t !== 'num') {
      out.findings.push({ severity: 'error', where: addr, message: `“${rawText(raw)}” không phải là số; ô này không được nhập.` });
      return { ok: false, v: null };
    }
    return { ok: true, v: res.cell ? res.cell.v : null };
  };
  summary.rows.forEach((row, r) => {
    const key = parseRowKey(row[0]);
    if (!key) return;
    const addr = where(summary.name, `dòng ${r + 1}`);
    if (key.kind === 'group') {
      const group = report.groups.find((g) => g.code === key.id);
      if (!group) return;
      const v = num(row, SUMMARY_COL.score, r, 'score', group.max);
      if (v.ok) out.assignments.push({ target: { kind: 'groupScore', group: group.code }, after: v.v, where: addr, authoritative: authoritative || v.v !== null });
    } else if (key.kind === 'line') {
      const group = lineGroup.get(key.id);
      const line = report.groups.find((g) => g.code === group)?.lines.find((l) => l.id === key.id);
      if (!group || !line) return;
      const count = line.countUnit !== undefined ? num(row, SUMMARY_COL.count, r, 'count') : null;
      const rate = line.hasRate ? num(row, SUMMARY_COL.rate, r, 'rate') : null;
      // The line stays "computed" only while the sheet still holds the recorded figures.
      const rec = lineSrcs.get(line.id);
      const computed = rec !== undefined && (count?.v ?? null) === rec.count && (rate?.v ?? null) === rec.rate;
      const lineSrc = computed ? ('dossiers' as const) : null;
      if (count?.ok) {
        out.assignments.push({ target: { kind: 'line', group, lineId: line.id, field: 'count' }, after: count.v, where: addr, authoritative: authoritative || count.v !== null, lineSrc });
      }
      if (rate?.ok) {
        out.assignments.push({ target: { kind: 'line', group, lineId: line.id, field: 'rate' }, after: rate.v, where: addr, authoritative: authoritative || rate.v !== null, lineSrc });
      }
    } else if (key.kind === 'total') {
      const v = num(row, SUMMARY_COL.score, r, 'score', 100);
      if (v.ok) out.assignments.push({ target: { kind: 'total' }, after: v.v, where: addr, authoritative: authoritative || v.v !== null });
    } else if (key.kind === 'info' && (key.id === 'rankPosition' || key.id === 'rankOf')) {
      const v = num(row, SUMMARY_COL.value, r, 'count');
      if (v.ok && v.v !== 0) {
        out.assignments.push({
          target: { kind: 'rank', field: key.id === 'rankPosition' ? 'position' : 'of' },
          after: v.v,
          where: addr,
          authoritative,
        });
      }
    }
  });
}
