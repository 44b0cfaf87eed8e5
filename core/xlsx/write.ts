// Writes a report as a finished, printable Excel workbook (summary, one sheet per table, hidden identity sheet) with exceljs.
//
// The sheet layout is the contract in layout.ts: the importer reads these workbooks back into the same report.
import ExcelJS from 'exceljs';
import { groupInfo } from '../model/catalog';
import { periodText } from '../model/period';
import type { Block, Cell, Column, Group, Line, Report, Table } from '../model/schema';
import { writeFileAtomic } from '../files/atomic';
import { formatDocumentNumber } from '../text/dates';
import { nfc } from '../text/normalize';
import { formatScore } from '../text/report-text';
import { simulate } from '../scoring/estimate';
import { buildOverview } from '../scoring/overview';
import { ESTIMATE_LABEL, type OverviewData } from '../scoring/types';
import {
  blockRowKey,
  columnHeaderText,
  COMPUTED_MARK,
  COMPUTED_NOTE,
  COUNT_FORMAT,
  DATE_FORMAT,
  FIRST_DATA_ROW,
  FIRST_FIGURE_COLUMN,
  GROUP_NUMBERS,
  METRICS_COL,
  METRICS_HEADERS,
  METRICS_SHEET,
  groupRowKey,
  ID_COLUMN,
  IDENTITY_FORMAT,
  IDENTITY_RECORD,
  IDENTITY_SHEET,
  LAYOUT_VERSION,
  lineRowKey,
  NAME_COLUMN,
  RATE_FORMAT,
  ROW_KEY,
  SCORE_FORMAT,
  STT_COLUMN,
  STT_HEADER,
  SUMMARY_COL,
  SUMMARY_HEADERS,
  SUMMARY_SHEET,
  TABLE_HEADER_ROWS,
  TABLE_SUBTITLE_ROW,
  TABLE_TITLE_ROW,
  tableSheetNames,
  TEXT_FORMAT,
  unitRowKey,
  type SummaryInfoKey,
} from './layout';
import { addInstructionsSheet, templateReport } from './template';

export interface ReportWorkbookOptions {
  /** The blank import template: figures cleared, input cells shaded, an instruction sheet first. */
  template?: boolean;
  /**
   * Adds the "Tổng quan" sheet after the report's sheets (off by default; never with `template`): official scores and
   * points lost, the scoring estimates labelled "ước tính", the saved scenario and the trend — numbers, no charts.
   */
  overview?: boolean;
  /** Earlier reports for the overview's trend (the same issuer's are kept); none: the trend has this period only. */
  overviewHistory?: readonly Report[];
}

/** The name of the optional overview sheet. */
export const OVERVIEW_SHEET = 'Tổng quan';

/* ------------------------------------------------------------------ styles */

const FONT_NAME = 'Times New Roman';
const FONT_SIZE = 12;
const TITLE_SIZE = 13;
/** Points per text line of 12 pt Times New Roman, and the padding of a row. */
const LINE_HEIGHT = 15.75;
const ROW_PADDING = 3;
/** Printable width of A4 portrait with the decree's margins, in Excel width units; wider sheets print landscape. */
const PORTRAIT_WIDTH = 88;

const GREY_TEXT = 'FF595959';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const NA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT_NAME, size: FONT_SIZE, ...extra });

/** mm → inches for page margins (Nghị định 30: top/bottom 20, left 30, right 15). */
const mm = (v: number): number => Math.round((v / 25.4) * 100) / 100;
const MARGINS = { left: mm(30), right: mm(15), top: mm(20), bottom: mm(20), header: mm(8), footer: mm(8) };

/* --------------------------------------------------------------- helpers */

/** A calendar date as the Date exceljs turns into the right serial (exceljs reads Dates as UTC). */
export function excelDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function isoToExcelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return excelDate(y, m, d);
}

/** Issuing body on one line: "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN". */
export function issuerName(report: Report): string {
  return nfc(report.profile.bodyLines.join(' '));
}

function capitalise(s: string): string {
  return s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : s;
}

/**
 * Advance widths (1/1000 em) of Times Roman and Times Bold for ASCII 32..126 (Adobe AFM metrics, which Times New Roman
 * and Liberation Serif share). Vietnamese letters measure as their base letter.
 */
const TIMES_ROMAN = '250,333,408,500,500,833,778,333,333,333,500,564,250,333,250,278,500,500,500,500,500,500,500,500,500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,333,444,500,444,500,444,333,500,500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,500,500,444,480,200,480,541'
  .split(',')
  .map(Number);
const TIMES_BOLD = '250,333,555,500,500,1000,833,333,333,333,500,570,250,333,250,278,500,500,500,500,500,500,500,500,500,500,333,333,570,570,570,500,930,722,667,722,722,667,611,778,778,389,500,778,667,944,722,778,611,778,722,556,667,722,722,1000,722,722,667,333,278,333,581,500,333,500,556,444,556,444,333,500,556,278,333,556,278,833,556,500,556,556,444,389,333,556,500,722,500,500,444,394,220,394,520'
  .split(',')
  .map(Number);
/** Pixels of one unit of Excel column width (the default font's digit: Calibri 11 at 96 dpi). */
const PX_PER_WIDTH = 7;
/** Pixels Excel keeps free inside a cell (padding left and right). */
const CELL_PADDING_PX = 6;
/** Pixels of one indent level. */
const INDENT_PX = 9;

interface TextStyle {
  bold?: boolean;
  size?: number;
  indent?: number;
}

/** Width of a text in pixels at 96 dpi in Times New Roman. */
function textPx(text: string, style: TextStyle = {}): number {
  const table = style.bold ? TIMES_BOLD : TIMES_ROMAN;
  const base = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  let em = 0;
  for (const ch of base) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code <= 126) em += table[code - 32]!;
    else if (ch === '—' || ch === '…') em += 1000;
    else em += 556; // en dash, quotes and anything else: a wide-ish average
  }
  return (em / 1000) * (style.size ?? FONT_SIZE) * (96 / 72);
}

/** Excel column width that shows a text on one line. */
function widthFor(text: string, style: TextStyle = {}): number {
  return (textPx(text, style) + CELL_PADDING_PX + (style.indent ?? 0) * INDENT_PX) / PX_PER_WIDTH;
}

/** Lines a text needs in a column of `width` Excel units, breaking at spaces like Excel does. */
function linesFor(text: string, width: number, style: TextStyle = {}): number {
  const avail = Math.max(1, width * PX_PER_WIDTH - CELL_PADDING_PX - (style.indent ?? 0) * INDENT_PX);
  const space = textPx(' ', style);
  let lines = 0;
  for (const para of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = textPx(word, style);
      if (used === 0) used = w;
      else if (used + space + w <= avail) used += space + w;
      else {
        lines++;
        used = w;
      }
      while (used > avail) {
        lines++;
        used -= avail;
      }
    }
  }
  return lines;
}

const heightFor = (lines: number, size: number = FONT_SIZE): number =>
  Math.round((Math.max(1, lines) * LINE_HEIGHT * (size / FONT_SIZE) + ROW_PADDING) * 4) / 4;

function numFormat(type: Column['type'], computed: boolean): string {
  const base = type === 'rate' ? RATE_FORMAT : type === 'count' ? COUNT_FORMAT : type === 'score' ? (computed ? RATE_FORMAT : SCORE_FORMAT) : TEXT_FORMAT;
  return computed ? `${base}"${COMPUTED_MARK}"` : base;
}

/** A count format with its unit: `#,##0" TTHC"`. */
function countFormat(unit: string | undefined, computed: boolean): string {
  const suffix = (unit ? ` ${unit}` : '') + (computed ? COMPUTED_MARK : '');
  return suffix ? `${COUNT_FORMAT}"${suffix.replace(/"/g, '')}"` : COUNT_FORMAT;
}

function setPrint(ws: ExcelJS.Worksheet, totalWidth: number, titleRows: string, orientation?: 'portrait' | 'landscape'): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: orientation ?? (totalWidth > PORTRAIT_WIDTH ? 'landscape' : 'portrait'),
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    printTitlesRow: titleRows,
  } as ExcelJS.PageSetup;
  ws.headerFooter = { oddFooter: `&C&"${FONT_NAME},Regular"&11Trang &P/&N` } as ExcelJS.HeaderFooter;
}

/** The visible width of a sheet's printed columns (hidden column A excluded). */
function printedWidth(widths: number[]): number {
  return widths.reduce((a, b) => a + b, 0);
}

/* ------------------------------------------------------------ the report */

/**
 * Builds the workbook of a report (or, with `template`, the blank import template for its units).
 * Pure apart from exceljs: no file is touched.
 */
export async function buildReportWorkbook(report: Report, opts: ReportWorkbookOptions = {}): Promise<ExcelJS.Workbook> {
  const template = opts.template === true;
  const r = template ? templateReport(report) : report;
  const wb = new ExcelJS.Workbook();
  const issuer = issuerName(r);
  wb.creator = issuer;
  wb.lastModifiedBy = issuer;
  wb.company = issuer;
  wb.title = nfc(
    template
      ? `Mẫu nhập số liệu Bộ chỉ số 766 ${periodText(r.period)}`
      : `Kết quả Bộ chỉ số 766 ${periodText(r.period)}`,
  );
  wb.subject = 'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)';
  wb.keywords = 'Bộ chỉ số 766';
  wb.created = new Date();
  wb.modified = wb.created;

  if (template) addInstructionsSheet(wb, r, { fontName: FONT_NAME, heightFor: (text, width) => heightFor(linesFor(text, width)) });
  const identity: (string | number)[][] = [
    [IDENTITY_RECORD.format, IDENTITY_FORMAT],
    [IDENTITY_RECORD.layoutVersion, LAYOUT_VERSION],
    [IDENTITY_RECORD.schemaVersion, r.schemaVersion],
    [IDENTITY_RECORD.reportId, r.id],
    [IDENTITY_RECORD.template, template ? 1 : 0],
    [IDENTITY_RECORD.period, JSON.stringify(r.period)],
    [IDENTITY_RECORD.summarySheet, SUMMARY_SHEET],
  ];
  addSummarySheet(wb, r, template, identity);
  if (r.groups.some((g) => g.lines.some((l) => l.kind === 'metric'))) {
    identity.push([IDENTITY_RECORD.metricsSheet, METRICS_SHEET]);
    addMetricsSheet(wb, r, template);
  }
  const names = tableSheetNames(r);
  const blocks = new Map(r.blocks.map((b) => [b.id, b]));
  const unitById = new Map(r.units.map((u) => [u.id, u]));
  for (const table of r.tables) {
    const name = names.get(table.id)!;
    identity.push([IDENTITY_RECORD.table, table.id, name, table.kind, FIRST_DATA_ROW, ...table.columns.map((c) => c.id)]);
    addTableSheet(wb, r, table, name, { template, blocks, unitById, identity });
  }
  // Estimates stay out of the official sheets: the overview comes last and the importer never reads it.
  if (opts.overview === true && !template) {
    const taken = new Set(wb.worksheets.map((w) => w.name));
    addOverviewSheet(wb, r, buildOverview(r, opts.overviewHistory ?? []), taken.has(OVERVIEW_SHEET) ? `${OVERVIEW_SHEET} (ước tính)` : OVERVIEW_SHEET);
  }
  const id = wb.addWorksheet(IDENTITY_SHEET, { state: 'veryHidden' });
  for (const rec of identity) id.addRow(rec.map((v) => (typeof v === 'string' ? nfc(v) : v)));
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

/** The workbook as the bytes of an .xlsx file. */
export async function reportXlsxBuffer(report: Report, opts: ReportWorkbookOptions = {}): Promise<Uint8Array> {
  const wb = await buildReportWorkbook(report, opts);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/**
 * Writes the workbook to `path` through the atomic writer. A file held open in Excel gives FileLockedError
 * ("Hãy đóng tệp … rồi thử lại."); the old file stays as it was on any failure.
 */
export async function writeReportXlsx(report: Report, path: string, opts: ReportWorkbookOptions = {}): Promise<void> {
  await writeFileAtomic(path, await reportXlsxBuffer(report, opts));
}

/* ---------------------------------------------------------- summary sheet */

const INFO_LABELS: Record<SummaryInfoKey, (r: Report) => string> = {
  issuer: () => 'Cơ quan báo cáo',
  period: () => 'Kỳ báo cáo',
  documentNumber: () => 'Số văn bản',
  documentDate: () => 'Ngày văn bản',
  dataAsOf: () => 'Ngày lấy số liệu',
  rankPosition: () => 'Xếp hạng',
  rankOf: (r) => (r.profile.peerGroup ? `Tổng số ${r.profile.peerGroup} được xếp hạng` : 'Tổng số đơn vị được xếp hạng'),
};

function addSummarySheet(wb: ExcelJS.Workbook, r: Report, template: boolean, identity: (string | number)[][]): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  // B..G: a little wider than portrait A4; fit-to-width shrinks it slightly rather than turning the page.
  // The count column fits a seven-digit count with the longest unit ("9.999.999 tài khoản").
  const units = r.groups.flatMap((g) => g.lines.map((l) => l.countUnit ?? ''));
  const countWidth = Math.ceil(Math.max(12, ...units.map((u) => widthFor(`9.999.999 ${u}`) + 1)));
  const widths = [5, 48, countWidth, 10, 8, 8];
  ws.getColumn(ID_COLUMN).width = 14;
  ws.getColumn(ID_COLUMN).hidden = true;
  widths.forEach((w, i) => (ws.getColumn(STT_COLUMN + i).width = w));
  const lastCol = SUMMARY_COL.max;
  const input = (c: ExcelJS.Cell): void => {
    if (template) c.fill = INPUT_FILL;
  };

  const title = ws.getRow(1);
  title.getCell(ID_COLUMN).value = ROW_KEY.title;
  ws.mergeCells(1, STT_COLUMN, 1, lastCol);
  const titleText = 'KẾT QUẢ BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (BỘ CHỈ SỐ 766)';
  title.getCell(STT_COLUMN).value = titleText;
  title.getCell(STT_COLUMN).font = font({ bold: true, size: TITLE_SIZE });
  title.getCell(STT_COLUMN).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = heightFor(linesFor(titleText, printedWidth(widths), { bold: true, size: TITLE_SIZE }), TITLE_SIZE);
  const sub = ws.getRow(2);
  sub.getCell(ID_COLUMN).value = ROW_KEY.subtitle;
  ws.mergeCells(2, STT_COLUMN, 2, lastCol);
  sub.getCell(STT_COLUMN).value = nfc(`${template ? 'Mẫu nhập số liệu — ' : ''}${capitalise(periodText(r.period))} — ${r.profile.locality}`);
  sub.getCell(STT_COLUMN).font = font({ italic: true });
  sub.getCell(STT_COLUMN).alignment = { horizontal: 'center' };
  sub.height = heightFor(1);

  // Info rows from row 4.
  let row = 4;
  const infoValue = (key: SummaryInfoKey): { value: ExcelJS.CellValue; numFmt?: string; input?: boolean } => {
    switch (key) {
      case 'issuer':
        return { value: issuerName(r) };
      case 'period':
        return { value: nfc(periodText(r.period)) };
      case 'documentNumber':
        // "364/BC-UBND"; a draft without a number shows "…/BC-UBND" like the date's blank day.
        if (r.document.number === null) return { value: `…/${r.document.typeCode}-${r.profile.bodyCode}` };
        return { value: formatDocumentNumber(r.document.number, r.document.typeCode, r.profile.bodyCode).replace(/^Số:\s*/, '').trim() };
      case 'documentDate': {
        const d = r.document.date;
        if (d.day === null) return { value: `…/${String(d.month).padStart(2, '0')}/${d.year}` };
        return { value: excelDate(d.year, d.month, d.day), numFmt: DATE_FORMAT };
      }
      case 'dataAsOf':
        return { value: r.dataAsOf ? isoToExcelDate(r.dataAsOf) : null, numFmt: DATE_FORMAT, input: true };
      case 'rankPosition':
        return { value: r.rank.position, numFmt: COUNT_FORMAT, input: true };
      case 'rankOf':
        return { value: r.rank.of, numFmt: COUNT_FORMAT, input: true };
    }
  };
  for (const key of ['issuer', 'period', 'documentNumber', 'documentDate', 'dataAsOf', 'rankPosition', 'rankOf'] as const) {
    const xr = ws.getRow(row);
    xr.getCell(ID_COLUMN).value = key;
    ws.mergeCells(row, STT_COLUMN, row, NAME_COLUMN);
    const label = xr.getCell(STT_COLUMN);
    label.value = nfc(INFO_LABELS[key](r));
    label.font = font({ bold: true });
    label.alignment = { vertical: 'middle', wrapText: true };
    label.border = BORDER;
    ws.mergeCells(row, SUMMARY_COL.value, row, lastCol);
    const v = infoValue(key);
    const cell = xr.getCell(SUMMARY_COL.value);
    if (v.value !== null && v.value !== undefined) cell.value = v.value;
    if (v.numFmt) cell.numFmt = v.numFmt;
    cell.font = font();
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    if (v.input) input(cell);
    const valueWidth = widths.slice(SUMMARY_COL.value - STT_COLUMN).reduce((a, b) => a + b, 0);
    xr.height = heightFor(
      Math.max(linesFor(label.value as string, widths[0]! + widths[1]!, { bold: true }), typeof v.value === 'string' ? linesFor(v.value, valueWidth) : 1),
    );
    row++;
  }

  // The groups table.
  row++;
  const headerRow = row;
  const hr = ws.getRow(row);
  hr.getCell(ID_COLUMN).value = ROW_KEY.header;
  SUMMARY_HEADERS.forEach((h, i) => {
    const c = hr.getCell(STT_COLUMN + i);
    c.value = h;
    c.font = font({ bold: true });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    c.fill = HEADER_FILL;
  });
  hr.height = heightFor(Math.max(...SUMMARY_HEADERS.map((h, i) => linesFor(h, widths[i]!, { bold: true }))));
  row++;

  let anyComputed = false;
  for (const g of r.groups) {
    writeGroupRow(ws.getRow(row++), g, input);
    for (const line of g.lines) {
      if (line.kind === 'metric') continue; // on the metrics sheet
      const computed = writeLineRow(ws.getRow(row++), line, widths[1]!, input);
      if (computed) {
        anyComputed = true;
        identity.push([IDENTITY_RECORD.lineSrc, line.id, line.count ?? '', line.rate ?? '']);
      }
    }
  }
  const tr = ws.getRow(row++);
  tr.getCell(ID_COLUMN).value = ROW_KEY.total;
  for (let c = STT_COLUMN; c <= lastCol; c++) {
    const cell = tr.getCell(c);
    cell.border = BORDER;
    cell.font = font({ bold: true });
  }
  tr.getCell(NAME_COLUMN).value = 'Tổng điểm';
  tr.getCell(SUMMARY_COL.count).fill = NA_FILL;
  tr.getCell(SUMMARY_COL.rate).fill = NA_FILL;
  const total = tr.getCell(SUMMARY_COL.score);
  if (r.total !== null) total.value = r.total;
  total.numFmt = SCORE_FORMAT;
  input(total);
  const totalMax = tr.getCell(SUMMARY_COL.max);
  totalMax.value = 100;
  totalMax.numFmt = SCORE_FORMAT;
  tr.height = heightFor(1);

  if (anyComputed) {
    row++;
    const nr = ws.getRow(row);
    nr.getCell(ID_COLUMN).value = ROW_KEY.computedNote;
    ws.mergeCells(row, STT_COLUMN, row, lastCol);
    nr.getCell(STT_COLUMN).value = `(${COMPUTED_MARK}) ${COMPUTED_NOTE}`;
    nr.getCell(STT_COLUMN).font = font({ italic: true });
    nr.height = heightFor(1);
  }

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `B${headerRow + 1}` }];
  setPrint(ws, printedWidth(widths), `${headerRow}:${headerRow}`, 'portrait');
}

function writeGroupRow(xr: ExcelJS.Row, g: Group, input: (c: ExcelJS.Cell) => void): void {
  xr.getCell(ID_COLUMN).value = groupRowKey(g.code);
  for (let c = STT_COLUMN; c <= SUMMARY_COL.max; c++) {
    const cell = xr.getCell(c);
    cell.border = BORDER;
    cell.font = font({ bold: true });
  }
  xr.getCell(STT_COLUMN).value = GROUP_NUMBERS[g.code] ?? '';
  xr.getCell(STT_COLUMN).alignment = { horizontal: 'center' };
  xr.getCell(NAME_COLUMN).value = nfc(groupInfo(g.code).shortName);
  xr.getCell(SUMMARY_COL.count).fill = NA_FILL;
  xr.getCell(SUMMARY_COL.rate).fill = NA_FILL;
  const score = xr.getCell(SUMMARY_COL.score);
  if (g.score !== null) score.value = g.score;
  score.numFmt = SCORE_FORMAT;
  input(score);
  const max = xr.getCell(SUMMARY_COL.max);
  max.value = g.max;
  max.numFmt = SCORE_FORMAT;
  xr.height = heightFor(1);
}

/** Writes one bullet line; returns whether it is a computed line. */
function writeLineRow(xr: ExcelJS.Row, line: Line, labelWidth: number, input: (c: ExcelJS.Cell) => void): boolean {
  xr.getCell(ID_COLUMN).value = lineRowKey(line.id);
  for (let c = STT_COLUMN; c <= SUMMARY_COL.max; c++) {
    const cell = xr.getCell(c);
    cell.border = BORDER;
    cell.font = font();
  }
  const text = nfc(`${line.level === 2 ? '+' : '-'} ${line.label}`);
  const label = xr.getCell(NAME_COLUMN);
  label.value = text;
  label.alignment = { horizontal: 'left', wrapText: true, vertical: 'middle', indent: line.level === 2 ? 2 : 0 };
  const computed = line.src === 'dossiers';
  const hasCount = line.kind === 'figure' && line.countUnit !== undefined;
  const hasRate = line.kind === 'figure' && line.hasRate;
  const count = xr.getCell(SUMMARY_COL.count);
  if (hasCount) {
    if (typeof line.count === 'number') count.value = line.count;
    count.numFmt = countFormat(line.countUnit, computed);
    input(count);
    if (computed) count.note = COMPUTED_NOTE;
  } else count.fill = NA_FILL;
  const rate = xr.getCell(SUMMARY_COL.rate);
  if (hasRate) {
    if (typeof line.rate === 'number') rate.value = line.rate;
    rate.numFmt = computed ? `${RATE_FORMAT}"${COMPUTED_MARK}"` : RATE_FORMAT;
    input(rate);
    if (computed) rate.note = COMPUTED_NOTE;
  } else rate.fill = NA_FILL;
  for (const c of [SUMMARY_COL.score, SUMMARY_COL.max]) xr.getCell(c).fill = NA_FILL;
  for (const c of [SUMMARY_COL.count, SUMMARY_COL.rate]) xr.getCell(c).alignment = { vertical: 'middle' };
  xr.height = heightFor(linesFor(text, labelWidth, { indent: line.level === 2 ? 2 : 0 }));
  return computed && (hasCount || hasRate);
}

/** The metrics sheet (layout.ts METRICS_COL): per group its metric lines with numerator, denominator, rate and points. */
function addMetricsSheet(wb: ExcelJS.Workbook, r: Report, template: boolean): void {
  const ws = wb.addWorksheet(METRICS_SHEET, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  const widths = [52, 12, 12, 10, 8, 8];
  ws.getColumn(ID_COLUMN).width = 14;
  ws.getColumn(ID_COLUMN).hidden = true;
  widths.forEach((w, i) => (ws.getColumn(METRICS_COL.label + i).width = w));
  const last = METRICS_COL.max;
  const input = (c: ExcelJS.Cell): void => {
    if (template) c.fill = INPUT_FILL;
  };
  let row = 1;
  const title = ws.getRow(row++);
  title.getCell(ID_COLUMN).value = ROW_KEY.title;
  ws.mergeCells(1, METRICS_COL.label, 1, last);
  title.getCell(METRICS_COL.label).value = nfc(`CÁC CHỈ TIÊU THEO NHÓM — bộ chỉ tiêu ${r.indicators.name}`);
  title.getCell(METRICS_COL.label).font = font({ bold: true, size: TITLE_SIZE });
  title.height = heightFor(2, TITLE_SIZE);
  for (const g of r.groups) {
    const lines = g.lines.filter((l) => l.kind === 'metric');
    if (lines.length === 0) continue;
    row++;
    const gr = ws.getRow(row);
    gr.getCell(ID_COLUMN).value = groupRowKey(g.code);
    ws.mergeCells(row, METRICS_COL.label, row, last);
    gr.getCell(METRICS_COL.label).value = nfc(`${GROUP_NUMBERS[g.code] ?? ''}. ${groupInfo(g.code).shortName} (${formatScore(g.max)} điểm)`);
    gr.getCell(METRICS_COL.label).font = font({ bold: true });
    row++;
    const hr = ws.getRow(row++);
    hr.getCell(ID_COLUMN).value = ROW_KEY.header;
    METRICS_HEADERS.forEach((h, i) => {
      const c = hr.getCell(METRICS_COL.label + i);
      c.value = h;
      c.font = font({ bold: true });
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = BORDER;
      c.fill = HEADER_FILL;
    });
    for (const line of lines) {
      const xr = ws.getRow(row++);
      xr.getCell(ID_COLUMN).value = lineRowKey(line.id);
      for (let c = METRICS_COL.label; c <= last; c++) {
        xr.getCell(c).border = BORDER;
        xr.getCell(c).font = font();
      }
      xr.getCell(METRICS_COL.label).value = nfc(line.label);
      xr.getCell(METRICS_COL.label).alignment = { wrapText: true, vertical: 'middle' };
      const put = (col: number, v: number | null | undefined, fmt: string): void => {
        const c = xr.getCell(col);
        if (typeof v === 'number') c.value = v;
        c.numFmt = fmt;
        input(c);
      };
      put(METRICS_COL.numerator, line.numerator, COUNT_FORMAT);
      put(METRICS_COL.denominator, line.denominator, COUNT_FORMAT);
      put(METRICS_COL.rate, line.rate, RATE_FORMAT);
      if (line.maxPoints !== undefined && line.maxPoints > 0) {
        put(METRICS_COL.points, line.points, SCORE_FORMAT);
        xr.getCell(METRICS_COL.max).value = line.maxPoints;
        xr.getCell(METRICS_COL.max).numFmt = SCORE_FORMAT;
      } else {
        xr.getCell(METRICS_COL.points).fill = NA_FILL;
        xr.getCell(METRICS_COL.max).fill = NA_FILL;
      }
      xr.height = heightFor(linesFor(line.label, widths[0]!));
    }
  }
  setPrint(ws, printedWidth(widths), '1:1', 'portrait');
}

/* ------------------------------------------------------------ overview sheet */

/**
 * The "Tổng quan" sheet: numbers only (no charts), every computed column headed "(ước tính)". Blank stays blank:
 * a missing official score or estimate leaves its cell empty, never 0.
 */
function addOverviewSheet(wb: ExcelJS.Workbook, r: Report, o: OverviewData, name: string): void {
  const ws = wb.addWorksheet(name, { properties: { tabColor: { argb: 'FF7F7F7F' } } });
  const widths = [52, 14, 10, 14, 16, 16, 18, 14];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const est = ESTIMATE_LABEL;
  let row = 1;
  const text = (rowNo: number, col: number, value: string, extra: Partial<ExcelJS.Font> = {}): ExcelJS.Cell => {
    const c = ws.getRow(rowNo).getCell(col);
    c.value = nfc(value);
    c.font = font(extra);
    return c;
  };
  const numberCell = (rowNo: number, col: number, v: number | null | undefined, fmt = SCORE_FORMAT): void => {
    const c = ws.getRow(rowNo).getCell(col);
    if (typeof v === 'number') c.value = v;
    c.numFmt = fmt;
    c.font = font();
    c.border = BORDER;
  };
  const header = (cols: string[]): void => {
    cols.forEach((h, i) => {
      const c = text(row, i + 1, h, { bold: true });
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = BORDER;
      c.fill = HEADER_FILL;
    });
    ws.getRow(row).height = heightFor(2);
    row++;
  };
  const label = (value: string): void => {
    const c = text(row, 1, value);
    c.border = BORDER;
    c.alignment = { wrapText: true, vertical: 'middle' };
    ws.getRow(row).height = heightFor(linesFor(value, widths[0]!));
  };

  text(row, 1, `TỔNG QUAN — SỐ LIỆU ƯỚC TÍNH, KHÔNG THUỘC BÁO CÁO CHÍNH THỨC`, { bold: true, size: TITLE_SIZE });
  ws.mergeCells(row, 1, row, widths.length);
  row++;
  text(row, 1, `${capitalise(periodText(r.period))} — ${r.profile.locality}. Cột “(${est})” tính theo quy tắc quy đổi tỷ lệ ra điểm (domain.md §2), không thay điểm công bố.`, { italic: true, color: { argb: GREY_TEXT } });
  ws.mergeCells(row, 1, row, widths.length);
  ws.getRow(row).getCell(1).alignment = { wrapText: true };
  ws.getRow(row).height = heightFor(2);
  row += 2;

  // The saved scenario's projection (official + what its targets add, by the rules); blank without a scenario.
  const scenarioTargets = o.scenario?.targets ?? {};
  const sim = Object.keys(scenarioTargets).length ? simulate(r, scenarioTargets) : null;
  header(['Nhóm chỉ số', 'Điểm chính thức', 'Tối đa', 'Điểm bị mất', `Điểm (${est})`, `Chênh lệch (${est})`, `Điểm dự kiến theo mục tiêu (${est})`, 'Độ tin cậy']);
  for (const g of o.estimate.groups) {
    label(g.label);
    numberCell(row, 2, g.official);
    numberCell(row, 3, g.max);
    numberCell(row, 4, g.pointsLost);
    numberCell(row, 5, g.estimated);
    numberCell(row, 6, g.official !== null && g.estimated !== null ? Math.round((g.estimated - g.official) * 100) / 100 : null);
    numberCell(row, 7, sim?.groups.find((x) => x.code === g.code)?.projected ?? null);
    const conf = text(row, 8, g.confidence ?? '');
    conf.border = BORDER;
    row++;
  }
  const t = o.estimate.totals;
  label('Tổng điểm');
  ws.getRow(row).getCell(1).font = font({ bold: true });
  numberCell(row, 2, t.official);
  numberCell(row, 3, 100);
  numberCell(row, 4, t.official === null ? null : Math.round((100 - t.official) * 100) / 100);
  numberCell(row, 5, t.estimated);
  numberCell(row, 6, t.official !== null && t.estimated !== null ? Math.round((t.estimated - t.official) * 100) / 100 : null);
  numberCell(row, 7, sim?.totals.projected ?? null);
  text(row, 8, '').border = BORDER;
  row += 2;

  text(row, 1, 'Xếp loại theo tổng điểm chính thức', { bold: true });
  text(row, 2, t.officialBand ?? '');
  row++;
  if (t.nextBand) {
    text(row, 1, `Điểm còn thiếu để đạt ${t.nextBand.label}`);
    numberCell(row, 2, t.nextBand.gap);
    row++;
  }
  row++;

  text(row++, 1, `CÁC CHỈ TIÊU TÍNH ĐIỂM (${est.toUpperCase()})`, { bold: true });
  header(['Chỉ tiêu', 'Tỷ lệ (%)', 'Tối đa', `Điểm (${est})`, `Điểm bị mất (${est})`, 'Mục tiêu (%)', 'Quy tắc', 'Độ tin cậy']);
  for (const g of o.estimate.groups) {
    for (const s of g.subIndicators) {
      label(s.label);
      numberCell(row, 2, s.rate, RATE_FORMAT);
      numberCell(row, 3, s.maxPoints);
      numberCell(row, 4, s.estimatedPoints);
      numberCell(row, 5, s.estimatedLost);
      numberCell(row, 6, scenarioTargets[s.id] ?? null, RATE_FORMAT);
      text(row, 7, s.ruleId).border = BORDER;
      text(row, 8, s.confidence).border = BORDER;
      row++;
    }
  }

  row++;
  text(row++, 1, 'XU HƯỚNG TỔNG ĐIỂM VÀ ĐIỂM NHÓM (CHÍNH THỨC)', { bold: true });
  header(['Kỳ', 'Tổng điểm', ...o.estimate.groups.map((g) => g.label).slice(0, 6)]);
  for (const p of o.trend.points) {
    label(p.periodLabel);
    numberCell(row, 2, p.total);
    o.estimate.groups.forEach((g, i) => numberCell(row, 3 + i, p.groups[g.code]));
    row++;
  }
  setPrint(ws, printedWidth(widths), '1:1', 'landscape');
}

/* ------------------------------------------------------------ table sheets */

interface TableContext {
  template: boolean;
  blocks: Map<string, Block>;
  unitById: Map<string, Report['units'][number]>;
  identity: (string | number)[][];
}

/** A printed row of a table sheet: a block divider or a unit. */
type SheetRow = { kind: 'block'; block: Block } | { kind: 'unit'; index: number; stt: number; blockId: string };

function sheetRows(table: Table, ctx: TableContext): SheetRow[] {
  const out: SheetRow[] = [];
  let currentBlock: string | null = null;
  let stt = 0;
  table.rows.forEach((row, index) => {
    const blockId = ctx.unitById.get(row.unitId)?.blockId ?? '';
    if (blockId !== currentBlock) {
      currentBlock = blockId;
      const block = ctx.blocks.get(blockId);
      if (table.showBlocks && block) {
        out.push({ kind: 'block', block });
        stt = 0;
      }
    }
    out.push({ kind: 'unit', index, stt: ++stt, blockId });
  });
  return out;
}

const cellText = (cell: Cell): string | null => {
  if (!cell) return null;
  switch (cell.t) {
    case 'status':
    case 'text':
      return nfc(cell.v);
    case 'ratio':
      return `${cell.n}/${cell.d}`;
    case 'num':
      return null;
  }
};

/** Merged ranges of identical statuses within a block: whole-row rectangles first, then vertical runs per column. */
interface StatusMerge {
  top: number; // index into sheet rows
  bottom: number;
  left: number; // index into table columns
  right: number;
}

function statusMerges(table: Table, rows: SheetRow[]): StatusMerge[] {
  const merges: StatusMerge[] = [];
  const nCols = table.columns.length;
  const statusAt = (r: SheetRow, c: number): string | null => {
    if (r.kind !== 'unit') return null;
    const cell = table.rows[r.index]!.cells[table.columns[c]!.id] ?? null;
    return cell && cell.t === 'status' ? cell.v : null;
  };
  const rowStatus = (r: SheetRow): string | null => {
    const first = statusAt(r, 0);
    if (first === null) return null;
    for (let c = 1; c < nCols; c++) if (statusAt(r, c) !== first) return null;
    return first;
  };
  const covered = new Set<string>();
  // Whole-row runs (only worth a rectangle when the table has several figure columns).
  if (nCols > 1) {
    for (let i = 0; i < rows.length; ) {
      const s = rowStatus(rows[i]!);
      const ri = rows[i]!;
      if (s === null || ri.kind !== 'unit') {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < rows.length) {
        const next = rows[j + 1]!;
        if (next.kind !== 'unit' || next.blockId !== ri.blockId || rowStatus(next) !== s) break;
        j++;
      }
      merges.push({ top: i, bottom: j, left: 0, right: nCols - 1 });
      for (let k = i; k <= j; k++) for (let c = 0; c < nCols; c++) covered.add(`${k}:${c}`);
      i = j + 1;
    }
  }
  for (let c = 0; c < nCols; c++) {
    for (let i = 0; i < rows.length; ) {
      const ri = rows[i]!;
      const s = covered.has(`${i}:${c}`) ? null : statusAt(ri, c);
      if (s === null || ri.kind !== 'unit') {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < rows.length) {
        const next = rows[j + 1]!;
        if (next.kind !== 'unit' || next.blockId !== ri.blockId || covered.has(`${j + 1}:${c}`) || statusAt(next, c) !== s) break;
        j++;
      }
      if (j > i) merges.push({ top: i, bottom: j, left: c, right: c });
      i = j + 1;
    }
  }
  return merges;
}

function columnWidth(col: Column, table: Table): number {
  let w = col.type === 'count' ? 13 : 12;
  for (const row of table.rows) {
    const cell = row.cells[col.id] ?? null;
    if (cell && cell.t === 'text') w = Math.max(w, widthFor(cell.v) + 1);
    if (cell && cell.t === 'num') w = Math.max(w, widthFor(cell.v.toFixed(2)) + 2);
  }
  // The header's longest word must fit on a line, and the header should wrap into at most four lines.
  const header = columnHeaderText(col);
  w = Math.max(w, ...header.split(/\s+/).map((word) => widthFor(word, { bold: true })));
  while (w < 20 && linesFor(header, w, { bold: true }) > 4) w++;
  return Math.ceil(w);
}

function addTableSheet(wb: ExcelJS.Workbook, r: Report, table: Table, name: string, ctx: TableContext): void {
  const ws = wb.addWorksheet(name);
  const nCols = table.columns.length;
  const lastCol = FIRST_FIGURE_COLUMN + nCols - 1;
  const rows = sheetRows(table, ctx);

  // Column widths.
  const names = rows.map((sr) => (sr.kind === 'unit' ? ctx.unitById.get(table.rows[sr.index]!.unitId)?.name ?? '' : sr.block.name));
  const nameWidth = Math.min(48, Math.max(24, Math.ceil(Math.max(0, ...names.map((n) => widthFor(n, { bold: true }))) + 1)));
  const figWidths = table.columns.map((c) => columnWidth(c, table));
  ws.getColumn(ID_COLUMN).width = 14;
  ws.getColumn(ID_COLUMN).hidden = true;
  ws.getColumn(STT_COLUMN).width = 6;
  ws.getColumn(NAME_COLUMN).width = nameWidth;
  figWidths.forEach((w, i) => (ws.getColumn(FIRST_FIGURE_COLUMN + i).width = w));
  const widthOf = (col: number): number => (col === STT_COLUMN ? 6 : col === NAME_COLUMN ? nameWidth : figWidths[col - FIRST_FIGURE_COLUMN]!);
  const totalWidth = 6 + nameWidth + figWidths.reduce((a, b) => a + b, 0);

  // Title and subtitle.
  const titleRow = ws.getRow(TABLE_TITLE_ROW);
  titleRow.getCell(ID_COLUMN).value = ROW_KEY.title;
  ws.mergeCells(TABLE_TITLE_ROW, STT_COLUMN, TABLE_TITLE_ROW, lastCol);
  const tc = titleRow.getCell(STT_COLUMN);
  tc.value = nfc(table.title);
  tc.font = font({ bold: true, size: TITLE_SIZE });
  tc.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  titleRow.height = heightFor(linesFor(table.title, totalWidth, { bold: true, size: TITLE_SIZE }), TITLE_SIZE);
  const subRow = ws.getRow(TABLE_SUBTITLE_ROW);
  subRow.getCell(ID_COLUMN).value = ROW_KEY.subtitle;
  ws.mergeCells(TABLE_SUBTITLE_ROW, STT_COLUMN, TABLE_SUBTITLE_ROW, lastCol);
  const sc = subRow.getCell(STT_COLUMN);
  sc.value = nfc(`(${ctx.template ? 'Mẫu nhập số liệu — ' : ''}${capitalise(periodText(r.period))} — ${r.profile.locality})`);
  sc.font = font({ italic: true });
  sc.alignment = { horizontal: 'center', vertical: 'middle' };
  subRow.height = heightFor(1);

  // Two header rows.
  const [h1, h2] = TABLE_HEADER_ROWS;
  const up = ws.getRow(h1);
  const low = ws.getRow(h2);
  up.getCell(ID_COLUMN).value = ROW_KEY.header;
  low.getCell(ID_COLUMN).value = ROW_KEY.header2;
  const headerStyle = (c: ExcelJS.Cell): void => {
    c.font = font({ bold: true });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    c.fill = HEADER_FILL;
  };
  let tallSingle = 1;
  let tallUpper = 1;
  let tallLower = 1;
  const single = (col: number, text: string): void => {
    up.getCell(col).value = nfc(text);
    ws.mergeCells(h1, col, h2, col);
    tallSingle = Math.max(tallSingle, linesFor(text, widthOf(col), { bold: true }));
  };
  single(STT_COLUMN, STT_HEADER);
  single(NAME_COLUMN, table.nameHeader);
  for (let i = 0; i < nCols; ) {
    const col = table.columns[i]!;
    if (!col.group) {
      single(FIRST_FIGURE_COLUMN + i, columnHeaderText(col));
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < nCols && table.columns[j + 1]!.group === col.group) j++;
    const left = FIRST_FIGURE_COLUMN + i;
    const right = FIRST_FIGURE_COLUMN + j;
    up.getCell(left).value = nfc(col.group);
    if (right > left) ws.mergeCells(h1, left, h1, right);
    let spanWidth = 0;
    for (let k = left; k <= right; k++) spanWidth += widthOf(k);
    tallUpper = Math.max(tallUpper, linesFor(col.group, spanWidth, { bold: true }));
    for (let k = i; k <= j; k++) {
      const text = columnHeaderText(table.columns[k]!);
      low.getCell(FIRST_FIGURE_COLUMN + k).value = nfc(text);
      tallLower = Math.max(tallLower, linesFor(text, widthOf(FIRST_FIGURE_COLUMN + k), { bold: true }));
    }
    i = j + 1;
  }
  for (let c = STT_COLUMN; c <= lastCol; c++) {
    headerStyle(up.getCell(c));
    headerStyle(low.getCell(c));
  }
  // Share the height of the tallest single (vertically merged) header between the rows.
  let upperH = heightFor(tallUpper);
  let lowerH = heightFor(tallLower);
  const needed = tallSingle * LINE_HEIGHT + 2 * ROW_PADDING;
  if (upperH + lowerH < needed) {
    const extra = needed - upperH - lowerH;
    upperH += Math.ceil(extra / 2);
    lowerH += Math.ceil(extra / 2);
  }
  up.height = upperH;
  low.height = lowerH;

  // Data rows.
  const merges = statusMerges(table, rows);
  const mergedCells = new Map<string, StatusMerge>();
  for (const m of merges) for (let k = m.top; k <= m.bottom; k++) for (let c = m.left; c <= m.right; c++) mergedCells.set(`${k}:${c}`, m);
  const lineNeeds: number[] = rows.map(() => 1);
  let anyComputed = false;

  rows.forEach((sr, k) => {
    const xr = ws.getRow(FIRST_DATA_ROW + k);
    for (let c = STT_COLUMN; c <= lastCol; c++) {
      const cell = xr.getCell(c);
      cell.border = BORDER;
      cell.font = font({ bold: sr.kind === 'block' });
    }
    if (sr.kind === 'block') {
      xr.getCell(ID_COLUMN).value = blockRowKey(sr.block.id);
      xr.getCell(STT_COLUMN).value = nfc(sr.block.numeral);
      xr.getCell(STT_COLUMN).alignment = { horizontal: 'center', vertical: 'middle' };
      xr.getCell(NAME_COLUMN).value = nfc(sr.block.name);
      lineNeeds[k] = linesFor(sr.block.name, nameWidth, { bold: true });
      return;
    }
    const row = table.rows[sr.index]!;
    xr.getCell(ID_COLUMN).value = unitRowKey(row.unitId);
    const stt = xr.getCell(STT_COLUMN);
    stt.value = sr.stt;
    stt.alignment = { horizontal: 'center', vertical: 'middle' };
    const unitName = nfc(ctx.unitById.get(row.unitId)?.name ?? row.unitId);
    const nc = xr.getCell(NAME_COLUMN);
    nc.value = unitName;
    nc.alignment = { vertical: 'middle', wrapText: true };
    lineNeeds[k] = linesFor(unitName, nameWidth);
    table.columns.forEach((col, ci) => {
      const cell = xr.getCell(FIRST_FIGURE_COLUMN + ci);
      const value = row.cells[col.id] ?? null;
      const computed = value !== null && value.t === 'num' && value.src === 'dossiers';
      cell.numFmt = numFormat(col.type, computed);
      if (ctx.template) cell.fill = INPUT_FILL;
      if (value === null) {
        cell.alignment = { horizontal: col.type === 'ratio' || col.type === 'label' ? 'center' : undefined, vertical: 'middle' };
        return;
      }
      switch (value.t) {
        case 'num':
          cell.value = value.v;
          cell.alignment = { vertical: 'middle' };
          if (computed) {
            anyComputed = true;
            cell.note = COMPUTED_NOTE;
            ctx.identity.push([IDENTITY_RECORD.src, table.id, row.unitId, col.id, value.v]);
          }
          break;
        case 'ratio':
        case 'text':
          cell.value = cellText(value);
          cell.alignment = { horizontal: 'center', vertical: 'middle' };
          break;
        case 'status': {
          cell.value = nfc(value.v);
          cell.font = font({ italic: true, color: { argb: GREY_TEXT } });
          cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
          ctx.identity.push([IDENTITY_RECORD.status, table.id, row.unitId, col.id, nfc(value.v)]);
          const m = mergedCells.get(`${k}:${ci}`);
          if (!m) lineNeeds[k] = Math.max(lineNeeds[k]!, linesFor(value.v, widthOf(FIRST_FIGURE_COLUMN + ci)));
          break;
        }
      }
    });
  });
  for (const m of merges) {
    ws.mergeCells(FIRST_DATA_ROW + m.top, FIRST_FIGURE_COLUMN + m.left, FIRST_DATA_ROW + m.bottom, FIRST_FIGURE_COLUMN + m.right);
    // Make the merged area tall enough for its text.
    const sr = rows[m.top]!;
    if (sr.kind !== 'unit') continue;
    const cell = table.rows[sr.index]!.cells[table.columns[m.left]!.id];
    if (!cell || cell.t !== 'status') continue;
    let width = 0;
    for (let c = m.left; c <= m.right; c++) width += figWidths[c]!;
    const need = linesFor(cell.v, width);
    const span = m.bottom - m.top + 1;
    let have = 0;
    for (let k = m.top; k <= m.bottom; k++) have += lineNeeds[k]!;
    if (have < need) {
      const add = Math.ceil((need - have) / span);
      for (let k = m.top; k <= m.bottom; k++) lineNeeds[k] = lineNeeds[k]! + add;
    }
  }
  rows.forEach((_, k) => (ws.getRow(FIRST_DATA_ROW + k).height = heightFor(lineNeeds[k]!)));

  // Notes under the table.
  let next = FIRST_DATA_ROW + rows.length;
  const noteRow = (key: string, text: string): void => {
    const xr = ws.getRow(next);
    xr.getCell(ID_COLUMN).value = key;
    ws.mergeCells(next, STT_COLUMN, next, lastCol);
    const c = xr.getCell(STT_COLUMN);
    c.value = nfc(text);
    c.font = font({ italic: true });
    c.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    xr.height = heightFor(linesFor(text, totalWidth));
    next++;
  };
  const lastDataRow = next - 1;
  if (table.note && !ctx.template) noteRow(ROW_KEY.note, table.note);
  if (anyComputed) noteRow(ROW_KEY.computedNote, `(${COMPUTED_MARK}) ${COMPUTED_NOTE}`);

  const [, headerLow] = TABLE_HEADER_ROWS;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerLow, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `D${FIRST_DATA_ROW}` }];
  if (rows.length > 0) {
    ws.autoFilter = { from: { row: headerLow, column: ID_COLUMN }, to: { row: lastDataRow, column: lastCol } };
  }
  setPrint(ws, totalWidth, `${TABLE_TITLE_ROW}:${headerLow}`);
}
