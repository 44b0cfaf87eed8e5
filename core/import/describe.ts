// What the importer recognised, without a report (inspect) and as Vietnamese text lines for the CLI; the UI renders the same data itself.
import { TABLE_KIND_INFO } from '../model/catalog';
import type { Cell, TableKind } from '../model/schema';
import { formatViNumber } from '../text/numbers';
import { cellDisplay } from '../text/report-text';
import { normalizeCell, rawText } from '../xlsx/cells';
import { FIRST_FIGURE_COLUMN, IDENTITY_RECORD, NAME_COLUMN, SUMMARY_COL, SUMMARY_SHEET, parseRowKey } from '../xlsx/layout';
import type { WorkbookData } from '../xlsx/read';
import { cellAddress, ownIdentity } from './own';
import { unitCountWarnings } from './preview';
import type { ImportPreview } from './preview-types';
import { RATE_KINDS, TABLE_KIND_NAMES, recogniseSheet } from './recognise';
import type { UnitsProposal } from './units';

export interface InspectedValue {
  column: string;
  /** The figure as the report would hold it, or null when the cell is a finding. */
  cell: Cell | null;
  text: string;
}

export interface InspectedTable {
  sheet: string;
  description: string;
  headerRow: number | null;
  columns: { header: string; target: string; kind: TableKind; columnId: string; kindFrom: string }[];
  ignoredColumns: { header: string; reason: string }[];
  needsKind: boolean;
  candidates: TableKind[];
  rows: { rowNumber: number; name: string; block: string | null; values: InspectedValue[] }[];
  skipped: { rowNumber: number; text: string; reason: string }[];
  findings: { where: string; message: string }[];
  /** Per-unit counts that do not add up (portal files: on time + overdue ≠ received, a part > received), by row. */
  countWarnings?: { rowNumber: number; message: string }[];
}

export interface InspectedWorkbook {
  file: string;
  origin: WorkbookData['origin'];
  /** 'own' for the app's exported workbook, 'template' for its blank template. */
  own: 'own' | 'template' | null;
  sheets: string[];
  /** Figures of the summary sheet of the app's own workbook: group scores, line figures, total, rank. */
  summary: { label: string; value: string }[];
  tables: InspectedTable[];
  unrecognised: { sheet: string; reason: string }[];
}

/** A cell as the inspection lists it (a computed figure marked "*"). */
function inspectedText(c: Cell | null): string {
  return cellDisplay(c, '*');
}

const columnName = (kind: TableKind, columnId: string): string =>
  `${TABLE_KIND_NAMES[kind]} · ${TABLE_KIND_INFO[kind].columns.find((c) => c.id === columnId)?.header ?? columnId}`;

/** Everything recognised in a workbook, values normalised, without any report (writes nothing). */
export function inspectWorkbook(wb: WorkbookData): InspectedWorkbook {
  const own = ownIdentity(wb);
  const result: InspectedWorkbook = {
    file: wb.fileName,
    origin: wb.origin,
    own: own ? (own.info.isTemplate ? 'template' : 'own') : null,
    sheets: wb.sheets.filter((s) => !s.hidden).map((s) => s.name),
    summary: [],
    tables: [],
    unrecognised: [],
  };
  if (own) {
    const summaryName = rawText(own.sheet.rows.find((r) => r[0] === IDENTITY_RECORD.summarySheet)?.[1]) || SUMMARY_SHEET;
    const summary = wb.sheets.find((s) => s.name === summaryName);
    for (const row of summary?.rows ?? []) {
      const key = parseRowKey(row[0]);
      if (!key) continue;
      const label = rawText(row[SUMMARY_COL.label - 1]) || rawText(row[SUMMARY_COL.stt - 1]);
      const show = (col: number): string => {
        const v = row[col - 1];
        return typeof v === 'number' ? formatViNumber(v, { decimals: 4 }) : rawText(v) || '(trống)';
      };
      if (key.kind === 'group' || key.kind === 'total') result.summary.push({ label: label || key.kind, value: `${show(SUMMARY_COL.score)}/${show(SUMMARY_COL.max)} điểm` });
      else if (key.kind === 'line') {
        const parts = [row[SUMMARY_COL.count - 1] != null ? `số lượng ${show(SUMMARY_COL.count)}` : '', row[SUMMARY_COL.rate - 1] != null ? `tỷ lệ ${show(SUMMARY_COL.rate)}%` : ''].filter((x) => x);
        if (parts.length) result.summary.push({ label, value: parts.join(', ') });
      } else if (key.kind === 'info' && (key.id === 'rankPosition' || key.id === 'rankOf')) result.summary.push({ label, value: show(SUMMARY_COL.value) });
    }
    for (const rec of own.sheet.rows.filter((r) => r[0] === IDENTITY_RECORD.table)) {
      const kind = rawText(rec[3]) as TableKind;
      const sheetName = rawText(rec[2]);
      const sheet = wb.sheets.find((s) => s.name === sheetName);
      const info = TABLE_KIND_INFO[kind];
      if (!sheet || !info) continue;
      const columnIds = rec.slice(5).map((v) => rawText(v)).filter((v) => v !== '');
      const t: InspectedTable = {
        sheet: sheet.name,
        description: `bảng “${rawText(sheet.rows[0]?.[1]) || info.title}”`,
        headerRow: null,
        columns: columnIds.map((id) => ({ header: info.columns.find((c) => c.id === id)?.header ?? id, target: columnName(kind, id), kind, columnId: id, kindFrom: 'identity' })),
        ignoredColumns: [],
        needsKind: false,
        candidates: [],
        rows: [],
        skipped: [],
        findings: [],
      };
      sheet.rows.forEach((row, r) => {
        const key = parseRowKey(row[0]);
        if (!key || key.kind !== 'unit') return;
        const values = columnIds.map((id, i) => {
          const type = info.columns.find((c) => c.id === id)?.type ?? 'rate';
          const index = FIRST_FIGURE_COLUMN - 1 + i;
          const res = normalizeCell(row[index] ?? null, type, { ...(sheet.formats[r]?.[index] ? { numFmt: sheet.formats[r]![index]! } : {}) });
          if (!res.ok) t.findings.push({ where: cellAddress(index, r + 1), message: res.problem });
          return { column: id, cell: res.ok ? res.cell : null, text: res.ok ? inspectedText(res.cell) : `⚠ ${res.problem}` };
        });
        t.rows.push({ rowNumber: r + 1, name: rawText(row[NAME_COLUMN - 1]), block: null, values });
      });
      result.tables.push(t);
    }
    return result;
  }
  for (const sheet of wb.sheets) {
    if (sheet.hidden) continue;
    const rec = recogniseSheet(sheet);
    if (rec.tables.length === 0) result.unrecognised.push({ sheet: sheet.name, reason: rec.reason ?? 'không nhận ra bảng' });
    for (const table of rec.tables) {
      const t: InspectedTable = {
        sheet: sheet.name,
        description: table.titles[table.titles.length - 1] ?? `bảng có tiêu đề ở dòng ${table.headerRow}`,
        headerRow: table.headerRow,
        columns: table.mappings.map((m) => ({ header: m.header, target: columnName(m.kind, m.columnId), kind: m.kind, columnId: m.columnId, kindFrom: m.kindFrom })),
        ignoredColumns: [...table.ignored.map((i) => ({ header: i.header, reason: i.reason })), ...table.unsureHeaders.map((h) => ({ header: h, reason: 'chưa biết thuộc bảng nào (chọn bằng --table)' }))],
        needsKind: table.unsure,
        candidates: table.unsure ? RATE_KINDS : [],
        rows: [],
        skipped: table.skipped,
        findings: [],
        countWarnings: unitCountWarnings(table, sheet).map((w) => ({ rowNumber: w.rowNumber, message: w.message })),
      };
      for (const row of table.rows) {
        const values = table.mappings.map((m, i) => {
          const res = normalizeCell(row.values[i] ?? null, m.type, { ...(row.formats[i] ? { numFmt: row.formats[i]! } : {}), ...(m.max !== undefined ? { max: m.max } : {}) });
          if (!res.ok) t.findings.push({ where: cellAddress(m.index, row.rowNumber), message: res.problem });
          return { column: `${m.kind}.${m.columnId}`, cell: res.ok ? res.cell : null, text: res.ok ? inspectedText(res.cell) : `⚠ ${res.problem}` };
        });
        t.rows.push({ rowNumber: row.rowNumber, name: row.name, block: row.block, values });
      }
      result.tables.push(t);
    }
  }
  return result;
}

const kindFromText: Record<string, string> = { header: 'theo tên cột', title: 'theo tiêu đề bảng/tên trang', user: 'do người dùng chọn', identity: 'theo tệp của phần mềm' };

/** Text lines of an inspection, for the CLI. */
export function inspectionLines(w: InspectedWorkbook): string[] {
  const out: string[] = [];
  const what = w.own === 'own' ? ' — bảng tính do phần mềm xuất' : w.own === 'template' ? ' — mẫu nhập liệu của phần mềm' : '';
  out.push(`Tệp “${w.file}” (${w.origin === 'html' ? 'bảng HTML' : w.origin === 'xml' ? 'bảng tính XML 2003' : w.origin === 'csv' ? 'CSV' : 'Excel'})${what}: ${w.sheets.length} trang tính.`);
  if (w.summary.length) {
    out.push('', `Trang tổng hợp:`);
    for (const s of w.summary) out.push(`  ${s.label}: ${s.value}`);
  }
  for (const t of w.tables) {
    out.push('');
    out.push(`Trang “${t.sheet}”: ${t.description}${t.headerRow ? ` (dòng tiêu đề cột: ${t.headerRow})` : ''}`);
    for (const c of t.columns) out.push(`  Cột “${c.header}” → ${c.target} (${kindFromText[c.kindFrom] ?? c.kindFrom})`);
    for (const c of t.ignoredColumns) out.push(`  Bỏ qua cột “${c.header}”: ${c.reason}`);
    if (t.needsKind) out.push(`  Chưa rõ loại bảng: chọn một trong ${t.candidates.map((k) => `${k} (${TABLE_KIND_NAMES[k]})`).join(', ')} bằng --table.`);
    out.push(`  ${t.rows.length} dòng đơn vị:`);
    for (const r of t.rows) out.push(`    dòng ${r.rowNumber}: ${r.name}${r.block ? ` [${r.block}]` : ''}: ${r.values.map((v) => v.text).join(' | ')}`);
    for (const s of t.skipped) out.push(`  Bỏ qua dòng ${s.rowNumber} “${s.text}”: ${s.reason}`);
    for (const f of t.findings) out.push(`  Lỗi ô ${f.where}: ${f.message}`);
    for (const w of t.countWarnings ?? []) out.push(`  Lưu ý dòng ${w.rowNumber}: ${w.message}`);
  }
  for (const u of w.unrecognised) out.push(`Trang “${u.sheet}”: ${u.reason}.`);
  return out;
}

/** Text lines of a preview, for the CLI (what changes, what was skipped, findings, unknown units). */
export function previewLines(p: ImportPreview, maxChanges = 400): string[] {
  const out: string[] = [];
  for (const s of p.sources) {
    const cols = s.columns.length ? `: ${s.columns.map((c) => `“${c.header}” → ${c.target}`).join('; ')}` : '';
    out.push(`Nhận ra: ${s.file} › ${s.sheet} — ${s.description}${cols}`);
  }
  for (const u of p.unrecognised) out.push(`Không nhận ra bảng: ${u.file} › ${u.sheet} (${u.reason})`);
  out.push(`${p.changes.length} ô thay đổi, ${p.unchanged} ô giữ nguyên giá trị${p.keptBlanks ? `, ${p.keptBlanks} ô trống trong tệp giữ số liệu đang có` : ''}.`);
  for (const c of p.changes.slice(0, maxChanges)) {
    out.push(`  ${c.place}${c.unit ? ` · ${c.unit}` : ''}${c.column ? ` · ${c.column}` : ''}: ${c.beforeText} → ${c.afterText}${c.note ? ` (${c.note})` : ''}`);
  }
  if (p.changes.length > maxChanges) out.push(`  … và ${p.changes.length - maxChanges} thay đổi khác.`);
  for (const a of p.aliases) out.push(`Thêm tên gọi khác “${a.alias}” cho đơn vị ${a.unitId}.`);
  for (const f of p.findings) out.push(`${f.severity === 'error' ? 'Lỗi' : 'Lưu ý'}: ${f.where}: ${f.message}`);
  for (const r of p.rateColumns) {
    out.push(
      r.decision === 'ask'
        ? `Cột tỷ lệ chưa rõ cách đọc: ${r.key} “${r.header}” có ${r.ambiguous} tỷ lệ từ 0 đến 1 lẫn với tỷ lệ lớn hơn; các ô này không được nhập (chọn bằng --rates-as fraction hoặc --rates-as percent).`
        : `Cột tỷ lệ ${r.key} “${r.header}”: ${r.ambiguous} tỷ lệ từ 0 đến 1 được đọc là ${r.decision === 'fraction' ? 'phân số (0,9844 = 98,44%)' : 'phần trăm (0,9844 = 0,9844%)'}${r.auto ? ' vì mọi tỷ lệ của cột đều từ 0 đến 1' : ''}.`,
    );
  }
  for (const r of p.refused.filter((x) => !x.ambiguous)) out.push(`Không nhập ${r.where} (${r.unit} · ${r.column}): ${r.reason}`);
  for (const u of p.unknownUnits) {
    const hint = u.suggestions[0] ? ` Có phải: ${u.suggestions[0].name}? (xác nhận bằng --alias "${u.name}=${u.suggestions[0].unitId}")` : '';
    out.push(`Đơn vị không có trong báo cáo: “${u.name}” (${u.where.join(', ')}).${hint}`);
  }
  for (const s of p.skipped.filter((x) => !x.unknownUnit)) out.push(`Bỏ qua ${s.where} “${s.text}”: ${s.reason}.`);
  for (const n of p.notes) out.push(n);
  return out;
}

/**
 * The closing summary of an import: per report table the files fed, how many units got a figure and which got none
 * ("143/163 đơn vị có số liệu; 20 đơn vị không khớp, chưa có số liệu: …"; units matched whose cells were refused, ambiguous or
 * blank are named apart, not as "không khớp"), then the names in the files that matched no
 * unit, and the units the import adds.
 */
export function coverageLines(p: ImportPreview): string[] {
  const out: string[] = [];
  for (const c of p.coverage) {
    const head = `Bảng “${c.title}”: ${c.withFigures}/${c.units} đơn vị có số liệu`;
    const parts = [
      c.missing.length ? `${c.missing.length} đơn vị không khớp, chưa có số liệu: ${c.missing.map((m) => m.name).join('; ')}` : '',
      c.refused?.length ? `${c.refused.length} đơn vị có dòng trong tệp nhưng ô số liệu bị từ chối hoặc chưa rõ cách đọc (xem các ô không nhập): ${c.refused.map((m) => m.name).join('; ')}` : '',
      c.blank?.length ? `${c.blank.length} đơn vị có dòng trong tệp nhưng ô để trống: ${c.blank.map((m) => m.name).join('; ')}` : '',
    ].filter((x) => x !== '');
    out.push(parts.length ? `${head}; ${parts.join('; ')}.` : `${head}.`);
  }
  if (p.unknownUnits.length) {
    out.push(
      `${p.unknownUnits.length} tên trong tệp không khớp đơn vị nào nên không được nhập: ${p.unknownUnits.map((u) => `“${u.name}”`).join(', ')} (xác nhận bằng --alias "TÊN=MÃ" hoặc thêm bằng --new-unit "TÊN").`,
    );
  }
  if (p.addedUnits.length) out.push(`Thêm ${p.addedUnits.length} đơn vị mới: ${p.addedUnits.map((u) => u.name).join('; ')}.`);
  return out;
}

/** Text lines of a units proposal. */
export function unitsProposalLines(p: UnitsProposal): string[] {
  const out = [`Danh sách đơn vị từ ${p.file} › ${p.sheet} (${p.from === 'header' ? 'dưới dòng tiêu đề cột' : 'danh sách tên'}): ${p.units.length} đơn vị, ${p.blocks.length} khối.`];
  p.blocks.forEach((b, i) => {
    const members = p.units.filter((u) => u.block === i);
    out.push(`${b.numeral}. ${b.name} (${members.length} đơn vị)`);
    members.forEach((u, k) => out.push(`   ${k + 1}. ${u.name}`));
  });
  for (const s of p.skipped) out.push(`Bỏ qua ${s.where} “${s.text}”: ${s.reason}.`);
  return out;
}
