// The import preview: reads recognised sheets against a report (units, tables) and lists every change old → new, what was skipped and why, and findings, with the patch that applies them.
import { UserFacingError } from '../files/errors';
import { TABLE_KIND_INFO } from '../model/catalog';
import { LINE_FIELD_NAMES } from '../model/indicators-lines';
import { periodText, samePeriod } from '../model/period';
import type { Cell, Period, Report, Table, TableKind, Unit } from '../model/schema';
import { canonicalName, createUnitMatcher, withoutEnumerator, withoutProvinceSuffix, type UnitMatcher } from '../text/names';
import { formatViNumber } from '../text/numbers';
import { cellDisplay } from '../text/report-text';
import { fold, isPercentFormat, readCell, settleRateColumn, type CellReading, type RatesAs, type RawValue } from '../text/cell-reading';
import { cleanText, isBlankRaw, isStatusText, rawText } from '../xlsx/cells';
import type { SheetData, WorkbookData } from '../xlsx/cells';
import { readMetricTables } from './metrics';
import { cellAddress, ownIdentity, readOwnWorkbook } from './own';
import { sameCell, targetKey, type ImportPatch, type PatchChange, type PatchTarget, type RowChange } from './patch';
import type {
  Assignment,
  ImportFinding,
  ImportPreview,
  PreviewChange,
  RateColumn,
  RecognisedSource,
  RefusedCell,
  SkippedItem,
  SourceTarget,
  TableCoverage,
  UnknownUnit,
} from './preview-types';
import { RATE_KINDS, TABLE_KIND_NAMES, applyKindChoice, blockOf, isFooterText, isTotalName, recogniseSheet, type RecognisedRow, type RecognisedTable } from './recognise';
import { slugId } from './units';
import { unitCountProblems } from '../rules/nesting';
import { groupName } from '../rules/rule';

export interface ImportOptions {
  /** The kind of tables whose figure columns are not named by their headers or titles (CLI --table KIND). */
  tableKind?: TableKind;
  /** Names of unknown units the clerk confirmed → unit id; each becomes an alias of that unit. */
  confirmed?: Record<string, string>;
  /** Paste into one table: every recognised figure goes to this table (its kind decides the columns). */
  tableId?: string;
  /**
   * Names of unknown units the clerk adds to the report ("Thêm đơn vị mới"): each becomes a unit (named without the
   * portal's " - Tỉnh X"; the written name kept as another name) in the block of the file's block row or of the unit
   * above it, added by the patch.
   */
  newUnits?: string[];
  /**
   * How figures ≤ 1 of rate columns read: one answer for every column (CLI --rates-as), or per column by
   * RateColumn.key (the wizard's choice). A column not answered is settled by settleRateColumn().
   */
  ratesAs?: RatesAs | Record<string, RatesAs>;
}

interface Collector {
  assignments: Assignment[];
  findings: ImportFinding[];
  skipped: SkippedItem[];
  notes: string[];
  sources: RecognisedSource[];
  unrecognised: { file: string; sheet: string; reason: string }[];
  needsKind: ImportPreview['needsKind'];
  aliasNames: Map<string, string>;
  /** The report with the units added so far (newUnits). */
  work: Report;
  added: Unit[];
  /** Canonical keys of the names to add as new units. */
  newNames: Set<string>;
  refused: RefusedCell[];
  rateColumns: RateColumn[];
  /** Where a matched unit's cell was refused or left ambiguous (for the coverage: "có dòng nhưng ô bị từ chối"). */
  refusedTargets: SourceTarget[];
}

/** The key under which a written name is confirmed or added: NFC, trimmed. */
const nameKey = (name: string): string => name.normalize('NFC').trim();

/** Adds an unknown name as a new unit of the working report: its block from the row's block text, else the unit above. */
function addNewUnit(row: RecognisedRow, blockAbove: string | null, col: Collector, confirmed: Map<string, string>): string {
  const written = withoutEnumerator(cleanText(row.name));
  const name = withoutProvinceSuffix(written);
  // Another spelling of a unit added a row or a file earlier is that unit.
  const earlier = col.added.find((u) => canonicalName(u.name) === canonicalName(name));
  if (earlier) {
    confirmed.set(nameKey(row.name), earlier.id);
    return earlier.id;
  }
  const blocks = col.work.blocks;
  const byRow = row.block ? blocks.find((b) => fold(b.name) === fold(row.block ?? '')) : undefined;
  const blockId = byRow?.id ?? blockAbove ?? blocks[blocks.length - 1]!.id;
  const unit: Unit = { id: slugId(name, new Set(col.work.units.map((u) => u.id))), name, aliases: written !== name ? [written] : [], blockId };
  col.work = { ...col.work, units: [...col.work.units, unit] };
  col.added.push(unit);
  confirmed.set(nameKey(row.name), unit.id);
  return unit.id;
}

/** A cell in the preview's messages and changes (a computed figure says so). */
function cellText(c: Cell | number | null | undefined): string {
  return cellDisplay(c, ' (tính từ hồ sơ)');
}

/** Re-exported for callers that read it from here; it lives with the other name functions in text/names.ts. */
export { withoutEnumerator };

/** Matches a unit name (also without a leading enumerator): exact canonical match, else a name the clerk confirmed. */
function matchUnit(name: string, matcher: UnitMatcher, confirmed: Map<string, string>, report: Report): string | null {
  const m = matcher.match(name) ?? matcher.match(withoutEnumerator(name));
  if (m) return m.unitId;
  const c = confirmed.get(name.normalize('NFC').trim());
  return c && report.units.some((u) => u.id === c) ? c : null;
}

function describeTable(t: RecognisedTable): string {
  const title = t.titles[t.titles.length - 1];
  if (t.headerRow === 0) return 'các dòng không có tiêu đề cột, đưa vào bảng đã chọn';
  return title ?? `bảng có tiêu đề ở dòng ${t.headerRow}`;
}

function readForeignTable(
  file: string,
  sheet: SheetData,
  table: RecognisedTable,
  report: Report,
  matcher: UnitMatcher,
  confirmed: Map<string, string>,
  opts: ImportOptions,
  col: Collector,
): void {
  let t = table;
  const forced = opts.tableId ? report.tables.find((x) => x.id === opts.tableId) : undefined;
  if (forced) t = applyKindChoice(t, forced.kind);
  else if (opts.tableKind) t = applyKindChoice(t, opts.tableKind);
  const source: RecognisedSource = {
    file,
    sheet: t.sheet,
    description: describeTable(t),
    headerRow: t.headerRow,
    kinds: [...new Set(t.mappings.map((m) => m.kind))],
    columns: t.mappings.map((m) => ({
      header: m.header,
      target: `${TABLE_KIND_NAMES[m.kind]} · ${TABLE_KIND_INFO[m.kind].columns.find((c) => c.id === m.columnId)?.header ?? m.columnId}`,
      kind: m.kind,
      columnId: m.columnId,
      kindFrom: m.kindFrom,
    })),
    ignoredColumns: t.ignored.map((i) => ({ header: i.header, reason: i.reason })),
    unitRows: t.rows.length,
    matchedRows: 0,
    needsKind: t.unsure,
    candidates: t.unsure ? RATE_KINDS : [],
  };
  col.sources.push(source);
  if (t.unsure) {
    col.needsKind.push({ file, sheet: t.sheet, headerRow: t.headerRow, candidates: RATE_KINDS });
    for (const h of t.unsureHeaders) {
      col.notes.push(`${file} › ${t.sheet}: chưa biết cột “${h}” thuộc bảng nào; hãy chọn loại bảng (--table ${RATE_KINDS.join('|')}).`);
    }
  }
  const where = (cell: string): string => `${file} › ${t.sheet} › ${cell}`;
  t = spreadBlockStatuses(t, (rowNumber, index, status, count) =>
    col.findings.push({
      severity: 'warning',
      where: where(cellAddress(index, rowNumber)),
      message: `Trạng thái “${status}” ở đầu khối, các ô bên dưới trống: hiểu là áp dụng cho cả ${count} đơn vị của khối (như ô gộp). Hãy kiểm tra bản xem trước.`,
    }),
  );
  const other = monthNamed([...t.titles, t.sheet], report.period);
  if (other) {
    col.findings.push({
      severity: 'warning',
      where: where(`dòng ${t.headerRow}`),
      message: `Tiêu đề bảng ghi ${other}, khác kỳ của báo cáo (${periodText(report.period)}). Hãy kiểm tra có đúng tệp số liệu của kỳ này không.`,
    });
  }
  for (const s of t.skipped) col.skipped.push({ where: where(`dòng ${s.rowNumber}`), text: s.text, reason: s.reason });
  const seen = new Map<string, number>();
  let blockAbove: string | null = null;
  const matched: { unitId: string; row: RecognisedTable['rows'][number]; readings: CellReading[] }[] = [];
  for (const row of t.rows) {
    let unitId = matchUnit(row.name, matcher, confirmed, col.work);
    const isNew = !unitId && col.newNames.has(canonicalName(withoutEnumerator(row.name)));
    if (isNew) unitId = addNewUnit(row, blockAbove, col, confirmed);
    blockAbove = col.work.units.find((u) => u.id === unitId)?.blockId ?? blockAbove;
    if (!unitId) {
      col.skipped.push({ where: where(`dòng ${row.rowNumber}`), text: row.name, reason: 'đơn vị không có trong báo cáo', unknownUnit: row.name });
      continue;
    }
    const own = col.added.some((u) => u.id === unitId);
    if (!own && !matcher.match(row.name) && !matcher.match(withoutEnumerator(row.name))) col.aliasNames.set(nameKey(row.name), unitId);
    const dup = seen.get(unitId);
    if (dup !== undefined) {
      col.findings.push({
        severity: 'warning',
        where: where(`dòng ${row.rowNumber}`),
        message: `Đơn vị “${row.name}” xuất hiện lần nữa (đã có ở dòng ${dup}); dòng sau không được nhập.`,
      });
      col.skipped.push({ where: where(`dòng ${row.rowNumber}`), text: row.name, reason: 'đơn vị trùng lặp' });
      continue;
    }
    seen.set(unitId, row.rowNumber);
    source.matchedRows++;
    const readings = t.mappings.map((m, i) => {
      const fmt = row.formats[i];
      const targetTable = forced ?? report.tables.find((x) => x.kind === m.kind);
      const max = targetTable?.columns.find((c) => c.id === m.columnId)?.max ?? m.max;
      return readCell(row.values[i] ?? null, { type: m.type, ...(max !== undefined ? { max } : {}) }, fmt ? { numFmt: fmt } : {});
    });
    matched.push({ unitId, row, readings });
  }
  // Rate columns are settled as a whole: figures ≤ 1 are fractions when all are, else the clerk says (never a guess).
  const columnKey = (index: number): string => where(`cột ${cellAddress(index, 1).replace(/\d+$/, '')}`);
  t.mappings.forEach((m, i) => {
    if (m.type !== 'rate') return;
    const key = columnKey(m.index);
    const choice = typeof opts.ratesAs === 'string' ? opts.ratesAs : opts.ratesAs?.[key];
    const settled = settleRateColumn(matched.map((x) => x.readings[i]!), choice);
    if (settled.decision === 'none') return;
    matched.forEach((x, k) => (x.readings[i] = settled.readings[k]!));
    col.rateColumns.push({ key, header: m.header || TABLE_KIND_NAMES[m.kind], decision: settled.decision, auto: settled.auto, ambiguous: settled.ambiguous });
  });
  const counts = unitCountColumns(t);
  const matchedRows = new Set(matched.map((x) => x.row.rowNumber));
  for (const w of unitCountWarnings(t, sheet)) {
    if (matchedRows.has(w.rowNumber)) col.findings.push({ severity: 'warning', where: where(`dòng ${w.rowNumber}`), message: w.message });
  }
  for (const { unitId, row, readings } of matched) {
    const countAt = (c: CountColumn | null): number | null => (c ? countValue(sheet.rows[row.rowNumber - 1]?.[c.index]) : null);
    const none = noDossiers(counts, countAt);
    t.mappings.forEach((m, i) => {
      const addr = where(cellAddress(m.index, row.rowNumber));
      const target: SourceTarget = { kind: 'cell', tableKind: m.kind, ...(forced ? { tableId: forced.id } : {}), unitId, columnId: m.columnId };
      let reading = readings[i]!;
      let note: string | undefined;
      const why = m.type === 'rate' ? (none.received ?? (RESOLVED_RATE_KINDS.has(m.kind) ? none.resolved : null)) : null;
      if (why) {
        // 0 of 0 is "no dossiers", not a rate of 0 %.
        if (reading.kind === 'cell' && reading.cell?.t === 'num' && reading.cell.v !== 0) {
          col.findings.push({ severity: 'warning', where: addr, message: `Tỷ lệ ${cellText(reading.cell)}% nhưng ${why}; ghi “${NO_DOSSIERS}”. Hãy kiểm tra tệp.` });
        }
        reading = { kind: 'cell', cell: { t: 'status', v: NO_DOSSIERS } };
        note = `không phát sinh hồ sơ (${why})`;
      }
      if (reading.kind !== 'cell') {
        col.refused.push({ where: addr, unit: row.name, column: m.header || TABLE_KIND_NAMES[m.kind], text: reading.shown, reason: reading.reason, ambiguous: reading.kind === 'ambiguous' });
        col.refusedTargets.push(target);
        return;
      }
      if (reading.scaled && !note && !isPercentFormat(row.formats[i])) note = `đọc là phân số: ${rawText(row.values[i] ?? null)} = ${cellText(reading.cell)}%`;
      col.assignments.push({ target, after: reading.cell, where: addr, authoritative: reading.cell !== null, ...(note ? { note } : {}) });
    });
  }
}

/** The status a rate takes where its count's denominator is 0. */
export const NO_DOSSIERS = 'Không phát sinh hồ sơ';

/**
 * The column giving a rate's denominator (dossiers received or arising), among the table's count columns: every
 * per-unit rate counts a subset of the dossiers received, so where it is 0 there is no rate to give.
 */
export function denominatorColumn(t: RecognisedTable): { index: number; header: string } | null {
  const counts = [...t.ignored.map((c) => ({ index: c.index, header: c.header })), ...t.mappings.filter((m) => m.type === 'count')];
  for (const c of counts.sort((a, b) => a.index - b.index)) {
    const f = fold(c.header.replace(/\([^)]*\)/g, ' '));
    if (f.includes('%') || /\b(ty le|ti le|diem|dung han|qua han|truc tuyen|thanh toan|hai long|hoan thanh|tthc|ngay)\b/.test(f)) continue;
    if (/\b(tiep nhan|phat sinh|tong so)\b/.test(f)) return { index: c.index, header: c.header };
  }
  return null;
}

/** A count cell's figure, or null when blank, a status or not a count. */
function countValue(v: RawValue | undefined): number | null {
  const r = readCell(v ?? null, { type: 'count' });
  return r.kind === 'cell' && r.cell?.t === 'num' ? r.cell.v : null;
}

/** A per-unit count column of a file's table (counted among the ignored columns and the count mappings). */
export interface CountColumn {
  index: number;
  header: string;
}

/** The per-unit count columns a file's table gives, by what they count (null where the table has none). */
export interface UnitCountColumnsOf {
  /** Dossiers received / arising / in total: the denominator of every per-unit rate (denominatorColumn). */
  received: CountColumn | null;
  /** Dossiers resolved ("đã giải quyết", "đã xử lý"): the denominator of the on-time and overdue rates. */
  resolved: CountColumn | null;
  onTime: CountColumn | null;
  overdue: CountColumn | null;
  online: CountColumn | null;
}

/** Rates computed over the dossiers resolved (on time + overdue), not over those received. */
const RESOLVED_RATE_KINDS: ReadonlySet<TableKind> = new Set<TableKind>(['onTime', 'overdue']);

/**
 * Reads the count columns of a table from their headers: rates, points and day counts are never counts; the first
 * column of each meaning wins (the portal repeats no count, a later duplicate is a copy).
 */
export function unitCountColumns(t: RecognisedTable): UnitCountColumnsOf {
  const out: UnitCountColumnsOf = { received: denominatorColumn(t), resolved: null, onTime: null, overdue: null, online: null };
  const counts = [...t.ignored.map((c) => ({ index: c.index, header: c.header })), ...t.mappings.filter((m) => m.type === 'count').map((m) => ({ index: m.index, header: m.header }))];
  for (const c of counts.sort((a, b) => a.index - b.index)) {
    if (c.index === out.received?.index) continue;
    const f = fold(c.header.replace(/\([^)]*\)/g, ' '));
    if (f.includes('%') || /\b(ty le|ti le|diem|ngay|thanh toan|hai long|chung thuc)\b/.test(f)) continue;
    const pick = (key: Exclude<keyof UnitCountColumnsOf, 'received'>) => {
      if (!out[key]) out[key] = { index: c.index, header: c.header };
    };
    if (/\b(dung han|truoc han|trong han)\b/.test(f)) pick('onTime');
    else if (/\bqua han\b/.test(f)) pick('overdue');
    else if (/\btruc tuyen\b/.test(f)) pick('online');
    else if (/\b(da giai quyet|da xu ly|giai quyet xong)\b/.test(f)) pick('resolved');
  }
  return out;
}

/**
 * Why a row has no dossiers to compute a rate from (the clause after "không phát sinh hồ sơ"), or null. The rule,
 * read from the headers of the file's count columns:
 * - received: the received / arising / total column is 0 → no rate of the row can be computed (every per-unit rate
 *   counts a subset of the dossiers received);
 * - resolved: the on-time and overdue rates are over the dossiers resolved, not received: where a resolved column is
 *   given it decides (0 → no rate); without one, on time and overdue both given and both 0 mean nothing was resolved.
 *   Dossiers received but none resolved yet leave these two rates blank with the note, never 0 %; other rates (online,
 *   payment, satisfaction) are over received dossiers, so 0 online of 6 received stays a real 0 %.
 */
function noDossiers(c: UnitCountColumnsOf, at: (c: CountColumn | null) => number | null): { received: string | null; resolved: string | null } {
  const received = c.received && at(c.received) === 0 ? `cột “${c.received.header}” bằng 0` : null;
  let resolved: string | null = null;
  if (c.resolved) resolved = at(c.resolved) === 0 ? `cột “${c.resolved.header}” bằng 0` : null;
  else if (c.onTime && c.overdue && at(c.onTime) === 0 && at(c.overdue) === 0) resolved = `cột “${c.onTime.header}” và “${c.overdue.header}” đều bằng 0`;
  return { received, resolved };
}

/**
 * Warnings on the per-unit counts of a file's table, one per problem and row, in Vietnamese naming the unit as the
 * file writes it and the figures: a part (online, on time, overdue) larger than the dossiers received, or on time +
 * overdue different from the dossiers resolved (the resolved column where given, else the received one). The
 * comparison is the report rule's (unitCountProblems); only the wording is the import's.
 */
export function unitCountWarnings(t: RecognisedTable, sheet: SheetData): { rowNumber: number; name: string; message: string }[] {
  const c = unitCountColumns(t);
  const whole = c.resolved ?? c.received;
  if (!whole) return [];
  const n = (v: number) => formatViNumber(v);
  const out: { rowNumber: number; name: string; message: string }[] = [];
  for (const row of t.rows) {
    const at = (col: CountColumn | null): number | null => (col ? countValue(sheet.rows[row.rowNumber - 1]?.[col.index]) : null);
    const name = withoutEnumerator(cleanText(row.name));
    const check = { online: c.online, onTime: c.onTime, overdue: c.overdue };
    const problems = [
      ...(c.resolved ? unitCountProblems({ received: at(c.received), online: at(c.online), onTime: null, overdue: null }).map((p) => ({ p, whole: c.received! })) : []),
      ...unitCountProblems({ received: at(whole), online: c.resolved ? null : at(c.online), onTime: at(c.onTime), overdue: at(c.overdue) }).map((p) => ({ p, whole })),
    ];
    for (const { p, whole: w } of problems) {
      const message =
        p.kind === 'larger'
          ? `${name}: “${check[p.part]!.header}” (${n(p.value)}) lớn hơn “${w.header}” (${n(p.received)}), mà số này phải nằm trong số đó. Hãy đối chiếu dòng này với Cổng Dịch vụ công trước khi dùng số liệu của đơn vị.`
          : `${name}: “${c.onTime!.header}” (${n(p.onTime)}) và “${c.overdue!.header}” (${n(p.overdue)}) cộng lại là ${n(p.sum)}, khác “${w.header}” (${n(p.received)}). Hãy đối chiếu dòng này với Cổng Dịch vụ công trước khi dùng số liệu của đơn vị.`;
      out.push({ rowNumber: row.rowNumber, name, message });
    }
  }
  return out;
}

/**
 * A status typed once at the top of a block with every cell below it blank is a status spanning the block whose
 * merge was lost in copying (the seed's tables look so): it is spread over the block's rows, and reported.
 */
export function spreadBlockStatuses(
  t: RecognisedTable,
  report: (rowNumber: number, columnIndex: number, status: string, count: number) => void,
): RecognisedTable {
  if (t.blocks.length === 0) return t;
  const rows = t.rows.map((r) => ({ ...r, values: [...r.values] }));
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = r.block ?? '';
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  t.mappings.forEach((m, mi) => {
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const first = rows[members[0]!]!;
      const v = first.values[mi];
      if (typeof v !== 'string' || !isStatusText(v)) continue;
      if (!members.slice(1).every((i) => isBlankRaw(rows[i]!.values[mi]))) continue;
      for (const i of members.slice(1)) rows[i]!.values[mi] = v;
      report(first.rowNumber, m.index, cleanText(v), members.length);
    }
  });
  return { ...t, rows };
}

/** A month named in titles ("THÁNG 6 NĂM 2024", "tháng 6/2024") that is not the report's month, as text; else null. */
export function monthNamed(texts: string[], period: Period): string | null {
  if (period.kind !== 'month') return null;
  for (const text of texts) {
    const m = /th[aá]ng\s*(\d{1,2})\s*(?:n[aă]m|\/|-)\s*(\d{4})/iu.exec(text.normalize('NFC').toLowerCase());
    if (!m) continue;
    const month = Number(m[1]);
    const year = Number(m[2]);
    if (month >= 1 && month <= 12 && (month !== period.month || year !== period.year)) return `tháng ${month} năm ${year}`;
  }
  return null;
}

/** How a sheet of per-group metric tables shows among the recognised sources. */
const METRIC_SOURCE: Omit<RecognisedSource, 'file' | 'sheet'> = {
  description: 'bảng chỉ tiêu theo nhóm (Chỉ tiêu, Tử số, Mẫu số, Tỷ lệ, Điểm)',
  headerRow: null,
  kinds: [],
  columns: [],
  ignoredColumns: [],
  unitRows: 0,
  matchedRows: 0,
  needsKind: false,
  candidates: [],
};

function readSheets(file: string, sheets: SheetData[], report: Report, matcher: UnitMatcher, confirmed: Map<string, string>, opts: ImportOptions, col: Collector): void {
  for (const sheet of sheets) {
    if (sheet.hidden) continue;
    if (readMetricTables(file, sheet, report, col) > 0) {
      col.sources.push({ ...METRIC_SOURCE, file, sheet: sheet.name });
      continue;
    }
    const rec = recogniseSheet(sheet);
    const forced = opts.tableId ? report.tables.find((t) => t.id === opts.tableId) : undefined;
    if (rec.tables.length === 0 && forced) {
      const bare = headerlessTable(sheet, forced, matcher);
      if (bare) {
        readForeignTable(file, sheet, bare, report, matcher, confirmed, opts, col);
        continue;
      }
    }
    if (rec.tables.length === 0) {
      col.unrecognised.push({ file, sheet: sheet.name, reason: rec.reason ?? 'không nhận ra bảng' });
      continue;
    }
    for (const t of rec.tables) readForeignTable(file, sheet, t, report, matcher, confirmed, opts, col);
  }
}

/**
 * Rows pasted without a header into a chosen table: the column whose texts match the most units is the name column,
 * the filled columns to its right are the table's columns in order. Null when no column names known units.
 */
export function headerlessTable(sheet: SheetData, table: Table, matcher: UnitMatcher): RecognisedTable | null {
  const hits = new Map<number, number>();
  for (const row of sheet.rows.slice(0, 5000)) {
    row.forEach((v, c) => {
      if (typeof v === 'string' && v.trim() !== '' && (matcher.match(v) || (matcher.suggest(v, 1)[0]?.score ?? 0) >= 0.8)) hits.set(c, (hits.get(c) ?? 0) + 1);
    });
  }
  const best = [...hits.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (!best) return null;
  const nameColumn = best[0];
  const filled = new Set<number>();
  for (const row of sheet.rows) row.forEach((v, c) => c > nameColumn && !isBlankRaw(v) && filled.add(c));
  const figureColumns = [...filled].sort((a, b) => a - b).slice(0, table.columns.length);
  const mappings = figureColumns.map((index, i) => {
    const column = table.columns[i]!;
    return { index, header: `cột ${cellAddress(index, 1).replace(/\d+$/, '')}`, kind: table.kind, columnId: column.id, type: column.type, kindFrom: 'user' as const, ...(column.max !== undefined ? { max: column.max } : {}) };
  });
  const rec: RecognisedTable = {
    sheet: sheet.name,
    titles: [],
    headerRow: 0,
    headerDepth: 1,
    nameColumn,
    mappings,
    ignored: [],
    unsure: false,
    unsureColumns: [],
    unsureHeaders: [],
    rows: [],
    blocks: [],
    skipped: [],
  };
  sheet.rows.forEach((row, r) => {
    const name = typeof row[nameColumn] === 'string' ? (row[nameColumn] as string).trim() : '';
    if (name === '') return;
    const blk = blockOf(nameColumn > 0 ? String(row[nameColumn - 1] ?? '') : '', name);
    if (blk && mappings.every((m) => isBlankRaw(row[m.index]))) {
      rec.skipped.push({ rowNumber: r + 1, text: name, reason: 'dòng khối (tiêu đề nhóm đơn vị)' });
      return;
    }
    if (isTotalName(name)) {
      rec.skipped.push({ rowNumber: r + 1, text: name, reason: 'dòng tổng cộng' });
      return;
    }
    if (isFooterText(name)) {
      rec.skipped.push({ rowNumber: r + 1, text: name, reason: 'dòng chữ ký, ngày tháng cuối bảng' });
      return;
    }
    rec.rows.push({ rowNumber: r + 1, name, block: null, values: mappings.map((m) => row[m.index] ?? null), formats: mappings.map((m) => sheet.formats[r]?.[m.index]) });
  });
  return rec.rows.length > 0 ? rec : null;
}

/** The report table a cell assignment goes to, and whether its row must be added. */
function resolveTable(report: Report, unitId: string, tableKind: TableKind, tableId: string | undefined): { table: Table; addRow: boolean } | { reason: string } {
  if (tableId) {
    const byId = report.tables.find((t) => t.id === tableId && t.kind === tableKind);
    if (byId) return { table: byId, addRow: !byId.rows.some((r) => r.unitId === unitId) };
  }
  const ofKind = report.tables.filter((t) => t.kind === tableKind);
  if (ofKind.length === 0) return { reason: `báo cáo không có bảng “${TABLE_KIND_NAMES[tableKind]}”` };
  const withRow = ofKind.find((t) => t.rows.some((r) => r.unitId === unitId));
  if (withRow) return { table: withRow, addRow: false };
  if (ofKind.length === 1) return { table: ofKind[0]!, addRow: true };
  const blockOf = new Map(report.units.map((u) => [u.id, u.blockId]));
  const block = blockOf.get(unitId);
  const sameBlock = ofKind.find((t) => t.rows.length > 0 && t.rows.every((r) => blockOf.get(r.unitId) === block));
  if (sameBlock) return { table: sameBlock, addRow: true };
  return { reason: `không rõ đưa vào bảng “${TABLE_KIND_NAMES[tableKind]}” nào` };
}

function describePlace(report: Report, target: PatchTarget): { place: string; unit: string | null; column: string | null } {
  switch (target.kind) {
    case 'cell': {
      const table = report.tables.find((t) => t.id === target.tableId);
      return {
        place: table?.title ?? target.tableId,
        unit: report.units.find((u) => u.id === target.unitId)?.name ?? target.unitId,
        column: table?.columns.find((c) => c.id === target.columnId)?.header ?? target.columnId,
      };
    }
    case 'line': {
      const line = report.groups.find((g) => g.code === target.group)?.lines.find((l) => l.id === target.lineId);
      return { place: line?.label ?? target.lineId, unit: null, column: LINE_FIELD_NAMES[target.field] };
    }
    case 'groupScore':
      return { place: `Điểm nhóm “${groupName(target.group)}”`, unit: null, column: null };
    case 'total':
      return { place: 'Tổng điểm', unit: null, column: null };
    case 'rank':
      return { place: target.field === 'position' ? 'Xếp hạng' : 'Số đơn vị xếp hạng', unit: null, column: null };
  }
}


function currentValue(report: Report, target: PatchTarget): Cell | number | null {
  switch (target.kind) {
    case 'cell': {
      const row = report.tables.find((t) => t.id === target.tableId)?.rows.find((r) => r.unitId === target.unitId);
      return row?.cells[target.columnId] ?? null;
    }
    case 'line': {
      const line = report.groups.find((g) => g.code === target.group)?.lines.find((l) => l.id === target.lineId);
      return line?.[target.field] ?? null;
    }
    case 'groupScore':
      return report.groups.find((g) => g.code === target.group)?.score ?? null;
    case 'total':
      return report.total;
    case 'rank':
      return report.rank[target.field];
  }
}

function same(a: Cell | number | null, b: Cell | number | null): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return sameCell(a, b);
}

/**
 * Builds the preview of importing workbooks (files or pasted text) into a report. Pure: reads the report, never
 * changes it. Apply the result with applyPatch(report, preview.patch).
 */
export function buildPreview(report: Report, workbooks: WorkbookData[], opts: ImportOptions = {}): ImportPreview {
  const matcher = createUnitMatcher(report.units);
  const confirmed = new Map(Object.entries(opts.confirmed ?? {}).map(([k, v]) => [nameKey(k), v]));
  const col: Collector = {
    assignments: [],
    findings: [],
    skipped: [],
    notes: [],
    sources: [],
    unrecognised: [],
    needsKind: [],
    aliasNames: new Map(),
    work: report,
    added: [],
    newNames: new Set((opts.newUnits ?? []).map((n) => canonicalName(n)).filter((n) => n !== '')),
    refused: [],
    rateColumns: [],
    refusedTargets: [],
  };

  for (const wb of workbooks) {
    const own = ownIdentity(wb);
    if (own) {
      const before = col.assignments.length;
      readOwnWorkbook(wb, report, own.sheet, col, own.info.isTemplate);
      col.sources.push({
        file: wb.fileName,
        sheet: '(cả tệp)',
        description: own.info.isTemplate ? 'mẫu nhập liệu của phần mềm' : 'bảng tính do phần mềm xuất',
        headerRow: null,
        kinds: [...new Set(col.assignments.slice(before).flatMap((a) => (a.target.kind === 'cell' ? [a.target.tableKind] : [])))],
        columns: [],
        ignoredColumns: [],
        unitRows: 0,
        matchedRows: 0,
        needsKind: false,
        candidates: [],
      });
      if (own.info.period && !samePeriod(own.info.period, report.period)) {
        col.findings.push({
          severity: 'warning',
          where: wb.fileName,
          message: `Tệp là số liệu ${periodText(own.info.period)}, khác kỳ của báo cáo (${periodText(report.period)}). Hãy kiểm tra có đúng tệp không.`,
        });
      }
      if (own.info.isTemplate) col.notes.push(`${wb.fileName}: nhận ra mẫu nhập liệu của phần mềm.`);
      continue;
    }
    readSheets(wb.fileName, wb.sheets, report, matcher, confirmed, opts, col);
  }

  // Resolve targets, first source wins; a different value for the same place later is a finding.
  const firstBy = new Map<string, { a: Assignment; target: PatchTarget }>();
  const rowAdds = new Map<string, RowChange>();
  let keptBlanks = 0;
  for (const a of col.assignments) {
    let target: PatchTarget;
    const st: SourceTarget = a.target;
    if (st.kind === 'cell') {
      const res = resolveTable(col.work, st.unitId, st.tableKind, st.tableId);
      if ('reason' in res) {
        if (a.after !== null) col.skipped.push({ where: a.where, text: cellText(a.after), reason: res.reason });
        continue;
      }
      target = { kind: 'cell', tableId: res.table.id, unitId: st.unitId, columnId: st.columnId };
      if (!res.table.columns.some((c) => c.id === st.columnId)) {
        if (a.after !== null) col.skipped.push({ where: a.where, text: cellText(a.after), reason: `bảng “${res.table.title}” không có cột này` });
        continue;
      }
      if (res.addRow) {
        if (a.after === null) continue;
        rowAdds.set(`${res.table.id}|${st.unitId}`, { tableId: res.table.id, unitId: st.unitId, op: 'add' });
      }
    } else {
      target = st;
    }
    const key = targetKey(target);
    const prior = firstBy.get(key);
    if (prior) {
      if (!same(prior.a.after, a.after) && a.after !== null) {
        col.findings.push({
          severity: 'warning',
          where: a.where,
          message: `Giá trị “${cellText(a.after)}” khác với “${cellText(prior.a.after)}” đã đọc ở ${prior.a.where}; giữ giá trị đọc trước.`,
        });
      }
      continue;
    }
    firstBy.set(key, { a, target });
  }

  const changes: PreviewChange[] = [];
  let unchanged = 0;
  for (const { a, target } of firstBy.values()) {
    const before = currentValue(report, target);
    if (a.after === null && !a.authoritative) {
      if (before !== null) keptBlanks++;
      continue;
    }
    if (same(before, a.after)) {
      unchanged++;
      continue;
    }
    const change = { target, before, after: a.after } as PatchChange;
    const d = describePlace(col.work, target);
    changes.push({ change, ...d, beforeText: cellText(before), afterText: cellText(a.after), where: a.where, ...(a.note ? { note: a.note } : {}) });
  }

  // Computed marks of summary lines (the app's own workbook): ride on the line's first change, or change alone.
  const srcDone = new Set<string>();
  for (const { a, target } of firstBy.values()) {
    if (target.kind !== 'line' || a.lineSrc === undefined || srcDone.has(target.lineId)) continue;
    srcDone.add(target.lineId);
    const line = report.groups.find((g) => g.code === target.group)?.lines.find((l) => l.id === target.lineId);
    const current = line?.src ?? null;
    if (!line || current === a.lineSrc) continue;
    const src = { before: current, after: a.lineSrc };
    const existing = changes.find((c) => c.change.target.kind === 'line' && c.change.target.lineId === target.lineId);
    if (existing) {
      existing.change = { ...(existing.change as Extract<PatchChange, { src?: unknown }>), src };
      existing.afterText += a.lineSrc ? ' (tính từ hồ sơ)' : '';
    } else {
      const value = line[target.field] ?? null;
      const change: PatchChange = { target, before: value, after: value, src };
      changes.push({ change, ...describePlace(report, target), beforeText: cellText(value), afterText: cellText(value) + (a.lineSrc ? ' (tính từ hồ sơ)' : ' (do người dùng nhập)'), where: a.where });
    }
  }

  // Unknown units, with suggestions.
  const unknown = new Map<string, UnknownUnit>();
  for (const s of col.skipped) {
    if (!s.unknownUnit) continue;
    const u = unknown.get(s.unknownUnit) ?? { name: s.unknownUnit, where: [], suggestions: matcher.suggest(s.unknownUnit) };
    u.where.push(s.where);
    unknown.set(s.unknownUnit, u);
  }

  // Confirmed names become aliases (once per unit and name).
  const aliases: { unitId: string; alias: string }[] = [];
  const aliasMatcher = createUnitMatcher(report.units);
  const addedKeys = new Set<string>();
  for (const [name, unitId] of col.aliasNames) {
    if (aliasMatcher.match(name)) continue;
    const k = `${unitId}|${name}`;
    if (addedKeys.has(k)) continue;
    addedKeys.add(k);
    aliases.push({ unitId, alias: name });
  }

  const patch: ImportPatch = {
    changes: changes.map((c) => c.change),
    aliases: aliases.map((a) => ({ ...a, op: 'add' as const })),
    rows: [...rowAdds.values()],
    ...(col.added.length ? { units: col.added.map((unit) => ({ unit, op: 'add' as const })) } : {}),
  };
  return {
    sources: col.sources,
    unrecognised: col.unrecognised,
    changes,
    unchanged,
    keptBlanks,
    skipped: col.skipped,
    findings: col.findings,
    unknownUnits: [...unknown.values()],
    aliases,
    addedUnits: col.added,
    coverage: coverageOf(
      col.work,
      [
        ...[...firstBy.values()].map(({ a, target }) => ({ target, figure: a.after !== null ? ('yes' as const) : ('blank' as const) })),
        ...col.refusedTargets.flatMap((st) => {
          if (st.kind !== 'cell') return [];
          const res = resolveTable(col.work, st.unitId, st.tableKind, st.tableId);
          return 'reason' in res ? [] : [{ target: { kind: 'cell', tableId: res.table.id, unitId: st.unitId, columnId: st.columnId } as PatchTarget, figure: 'refused' as const }];
        }),
      ],
      rowAdds,
    ),
    patch,
    needsKind: col.needsKind,
    notes: col.notes,
    refused: col.refused,
    rateColumns: col.rateColumns,
  };
}

/**
 * Per report table that the files fed: how many of its units got a figure (a number, a ratio, a status or a label,
 * whether or not it changes the report), and why the others got none: no row of the files matched them (missing),
 * their row's cells were all refused or left ambiguous (refused), or their row's cells were blank (blank).
 */
function coverageOf(report: Report, given: { target: PatchTarget; figure: 'yes' | 'blank' | 'refused' }[], rowAdds: Map<string, RowChange>): TableCoverage[] {
  const byTable = new Map<string, Map<string, Set<'yes' | 'blank' | 'refused'>>>();
  for (const g of given) {
    if (g.target.kind !== 'cell') continue;
    const units = byTable.get(g.target.tableId) ?? new Map<string, Set<'yes' | 'blank' | 'refused'>>();
    const seen = units.get(g.target.unitId) ?? new Set();
    seen.add(g.figure);
    units.set(g.target.unitId, seen);
    byTable.set(g.target.tableId, units);
  }
  const out: TableCoverage[] = [];
  for (const table of report.tables) {
    const got = byTable.get(table.id);
    if (!got) continue;
    const ids = new Set([...table.rows.map((r) => r.unitId), ...[...rowAdds.values()].filter((r) => r.tableId === table.id).map((r) => r.unitId)]);
    const units = report.units.filter((u) => ids.has(u.id));
    const of = (u: Unit) => ({ unitId: u.id, name: u.name });
    const without = units.filter((u) => !got.get(u.id)?.has('yes'));
    const refused = without.filter((u) => got.get(u.id)?.has('refused')).map(of);
    const blank = without.filter((u) => !got.get(u.id)?.has('refused') && got.get(u.id)?.has('blank')).map(of);
    const missing = without.filter((u) => !got.has(u.id)).map(of);
    out.push({ tableId: table.id, title: table.title, units: units.length, withFigures: units.length - without.length, missing, refused, blank });
  }
  return out;
}

/**
 * Refuses a preview with nothing to import: one Vietnamese message naming why (no table recognised, a table whose
 * kind must be chosen, units all unknown). Returns the preview when usable.
 */
export function assertUsable(preview: ImportPreview): ImportPreview {
  const recognised = preview.sources.length > 0;
  if (!recognised) {
    const why = preview.unrecognised.map((u) => `${u.sheet}: ${u.reason}`).slice(0, 3).join('; ');
    throw new UserFacingError(
      'IMPORT_NO_TABLE',
      `Không tìm thấy bảng số liệu nào nhận ra được${why ? ` (${why})` : ''}. Bảng cần có dòng tiêu đề với cột tên cơ quan, đơn vị và cột số liệu (ví dụ “Tỷ lệ (%)”).`,
    );
  }
  const nothing = preview.changes.length === 0 && preview.unchanged === 0 && preview.keptBlanks === 0;
  if (nothing && preview.needsKind.length > 0) {
    throw new UserFacingError(
      'IMPORT_NEEDS_KIND',
      `Chưa biết bảng trong tệp là bảng nào của báo cáo (tiêu đề và tên cột không nói rõ). Hãy chọn loại bảng: ${preview.needsKind[0]!.candidates.map((k) => `${k} (${TABLE_KIND_NAMES[k]})`).join(', ')}.`,
    );
  }
  if (nothing && preview.unknownUnits.length > 0 && preview.sources.every((s) => s.matchedRows === 0 && s.headerRow !== null)) {
    throw new UserFacingError(
      'IMPORT_NO_UNITS',
      `Không đơn vị nào trong tệp khớp với danh sách đơn vị của báo cáo (ví dụ “${preview.unknownUnits[0]!.name}”). Hãy kiểm tra danh sách đơn vị hoặc xác nhận tên gợi ý.`,
    );
  }
  return preview;
}
