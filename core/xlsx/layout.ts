// The layout contract of the report workbook, shared by the writer (write.ts, template.ts) and the importer (read*.ts).
//
// Everything the importer needs to read a workbook this app wrote, without guessing, is defined here.
//
// WORKBOOK
// - Sheet order: [INSTRUCTIONS_SHEET (template only)], SUMMARY_SHEET, one sheet per report table in the
//   report's order (names from `tableSheetNames`), IDENTITY_SHEET last (state 'veryHidden'; find it by name:
//   a workbook re-saved by LibreOffice comes back with it merely 'hidden', data intact).
//
// EVERY VISIBLE SHEET (summary and tables)
// - Column A (ID_COLUMN) is hidden and holds a row key on every row that matters (see ROW_KEY and
//   `unitRowKey`/`blockRowKey`/`groupRowKey`/`lineRowKey`, parsed back by `parseRowKey`). Rows without a key
//   are decoration. Keys move with their rows when the clerk sorts (the autofilter range includes column A),
//   so read rows by key, not by position. Row numbers below are where the writer puts things.
//
// TABLE SHEETS (one per `report.tables[i]`)
// - Row TABLE_TITLE_ROW: the table title (key 'title'); row TABLE_SUBTITLE_ROW: period and locality (key 'subtitle').
// - Rows TABLE_HEADER_ROWS (always two): B "STT", C the table's nameHeader, then one column per table column
//   from FIRST_FIGURE_COLUMN on, in `table.columns` order. A column without `group` has its header merged over
//   both rows (text `columnHeaderText(col)`); columns sharing a `group` have the group text merged across them
//   in the upper row and their own header in the lower row (the evaluation table's "Tổng hợp xếp loại").
//   The upper row's key is 'header', the lower row's 'header2'.
// - From FIRST_DATA_ROW: block rows (key `block:<blockId>`, B = numeral, C = block name; only when the table
//   has showBlocks, before the first unit of each block) and unit rows (key `unit:<unitId>`, B = STT number,
//   C = unit name, then the cells) in `table.rows` order.
// - Cell values in figure columns: `num` → a number (rate format RATE_FORMAT, count COUNT_FORMAT, score
//   SCORE_FORMAT; a computed figure gets the same format with COMPUTED_MARK appended and a cell note
//   COMPUTED_NOTE); `ratio` → text "n/d"; `text` → the label as text; `status` → the status text (italic grey);
//   `null` → no value at all (never 0, never ""). A string in a rate/count/score column is therefore a status;
//   in a ratio column a string matching RATIO_PATTERN is a ratio; in a label column a string is a `text`
//   label unless the identity sheet lists it as a status (see below). Cells a clerk typed into a template have
//   no identity record: read them with the shared cell normaliser (cells.ts), as any other workbook.
// - MERGED STATUS CELLS: runs of identical status cells within a block are merged (vertically in one column,
//   or as a rectangle over all figure columns when whole rows carry the same status). The model stores the
//   status in every cell of the run, so the importer must give every cell of a merged range the master
//   (top-left) cell's value. exceljs already does so: reading `.value` of a merged slave cell returns the
//   master's value (`cell.isMerged`, `cell.master`).
// - After the last unit row: optional key 'note' row (the table's note, text in column B, merged across) and
//   optional key 'computedNote' row (the COMPUTED_NOTE legend when any cell is computed). Template
//   workbooks carry no table notes.
//
// SUMMARY SHEET (SUMMARY_SHEET)
// - Row 1 key 'title', row 2 key 'subtitle' (period and locality).
// - Info rows from row 4 (label merged over B:C, value in SUMMARY_COL.value = D, merged over D:G): keys from
//   SUMMARY_INFO_KEYS, in that order. 'documentDate' and 'dataAsOf' are real Excel dates (local midnight, so
//   exceljs reads them back as UTC midnight of the right day; format DATE_FORMAT) or empty; a draft's document
//   date without a day is the text "…/MM/yyyy" and a draft's number "…/BC-UBND". 'rankPosition' and 'rankOf'
//   are numbers or empty; 'issuer', 'period', 'documentNumber' are text (identity, not figures).
// - The groups table (SUMMARY_HEADERS in B..G): header row key 'header', then for each group a row
//   `group:<CODE>` (score in SUMMARY_COL.score, max in SUMMARY_COL.max) followed by its lines `line:<lineId>` (count in
//   SUMMARY_COL.count when the line has a count, rate in SUMMARY_COL.rate when it has a rate; cells of a line
//   without count/rate are empty and shaded), then the row 'total' (total in SUMMARY_COL.score, 100 in max).
//   Counts carry their unit in the number format only (`#,##0" TTHC"`): the cell value is the bare number.
//   Line labels are "- label" (level 1) or "+ label" (level 2); group rows have the numbering of GROUP_NUMBERS.
//   A computed line's count/rate cells have COMPUTED_MARK in their format and the note COMPUTED_NOTE; a
//   'computedNote' legend row follows the table.
//
// TEMPLATE (identity 'template' = 1): same sheets and keys, every figure and status cell empty (shaded light
//   yellow as input cells), no table notes, no 'status'/'src'/'lineSrc' records, subtitle starting "(Mẫu nhập số
//   liệu — ", and the INSTRUCTIONS_SHEET first. rankOf and the groups' max stay filled.
//
// IDENTITY SHEET (IDENTITY_SHEET, veryHidden): one record a row, record type in column A, values from B on.
//   ['format', IDENTITY_FORMAT]            ['layoutVersion', LAYOUT_VERSION]
//   ['schemaVersion', n]                    ['reportId', id]
//   ['template', 0|1]                       ['period', JSON of report.period]
//   ['summarySheet', sheet name]
//   ['table', tableId, sheetName, kind, firstDataRow, columnId…]   one per table, in report order
//   ['status', tableId, unitId, columnId, text]        every status cell (so a label column's status is exact)
//   ['src', tableId, unitId, columnId, value]          every cell with src 'dossiers'
//   ['lineSrc', lineId, count|'', rate|'']             every summary line with src 'dossiers'
//   A `src`/`lineSrc` record applies only while the sheet still holds the recorded value(s): a figure the
//   clerk retyped is the clerk's, not computed.
import type { Column, Report, Table } from '../model/schema';
import { TABLE_KIND_INFO } from '../model/catalog';

/** Version of this layout; bump when a reader of an older layout would misread a newer workbook. */
export const LAYOUT_VERSION = 1;
/** Value of the identity sheet's 'format' record. */
export const IDENTITY_FORMAT = 'baocao766-xlsx';

export const SUMMARY_SHEET = 'Tổng hợp';
/** Sheet of the metric lines (numerator, denominator, rate, points), after the summary; only when the report has them. */
export const METRICS_SHEET = 'Chỉ tiêu';
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
export const IDENTITY_SHEET = '_baocao766';

/** Hidden key column of every visible sheet (1-based, column A). */
export const ID_COLUMN = 1;
/** STT column (B). */
export const STT_COLUMN = 2;
/** Unit-name column (C). */
export const NAME_COLUMN = 3;
/** Column of `table.columns[0]` (D); `table.columns[i]` is at FIRST_FIGURE_COLUMN + i. */
export const FIRST_FIGURE_COLUMN = 4;

export const TABLE_TITLE_ROW = 1;
export const TABLE_SUBTITLE_ROW = 2;
/** The two header rows of every table sheet (upper, lower). */
export const TABLE_HEADER_ROWS = [3, 4] as const;
/** First block or unit row of a table sheet. */
export const FIRST_DATA_ROW = 5;

export const STT_HEADER = 'STT';

/** Summary sheet columns (1-based). */
export const SUMMARY_COL = {
  key: 1,
  stt: 2,
  label: 3,
  /** Info rows' value; lines' count. */
  value: 4,
  count: 4,
  rate: 5,
  score: 6,
  max: 7,
} as const;

/** Header texts of the summary's groups table, columns B..G. */
export const SUMMARY_HEADERS = ['STT', 'Nội dung', 'Số lượng', 'Tỷ lệ (%)', 'Điểm đạt', 'Điểm tối đa'] as const;

/**
 * Metrics sheet (METRICS_SHEET, identity record ['metricsSheet', name]): row 1 key 'title'; then per group with
 * metric lines a row `group:<CODE>` (B: "1. Công khai, minh bạch (18 điểm)"), a row key 'header' (METRICS_HEADERS
 * in B..G) and one row `line:<lineId>` per metric line (B label, C numerator, D denominator, E rate, F points, G the
 * line's maximum; a blank is an empty cell, never 0; a line without points has F and G empty and shaded).
 * The summary sheet leaves metric lines out (their group rows stay there).
 */
export const METRICS_COL = { key: 1, label: 2, numerator: 3, denominator: 4, rate: 5, points: 6, max: 7 } as const;
export const METRICS_HEADERS = ['Chỉ tiêu', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)', 'Điểm', 'Điểm tối đa'] as const;

/** Keys and labels of the summary's info rows, in order. */
export const SUMMARY_INFO_KEYS = ['issuer', 'period', 'documentNumber', 'documentDate', 'dataAsOf', 'rankPosition', 'rankOf'] as const;
export type SummaryInfoKey = (typeof SUMMARY_INFO_KEYS)[number];

/** Group numbering as the seed prints it (3.1, 3.2 for the two halves of "dịch vụ trực tuyến"). */
export const GROUP_NUMBERS: Record<string, string> = { CKMB: '1', TDGQ: '2', CLGQ: '3.1', TTTT: '3.2', MDHL: '4', MDSH: '5' };

/** Number formats (Excel format codes; the locale supplies the separators: "92,08", "1.025"). */
export const RATE_FORMAT = '0.00';
export const COUNT_FORMAT = '#,##0';
/** Scores are shown as the portal shows them (88,4; 18; 92,76): General keeps the stored digits. */
export const SCORE_FORMAT = 'General';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const TEXT_FORMAT = '@';
/** Appended to the number format of a computed figure: "97,74*". */
export const COMPUTED_MARK = '*';
/** Cell note of a computed figure and the legend line under its table. */
export const COMPUTED_NOTE = 'Số liệu tính từ danh sách hồ sơ';
/** A ratio cell's text: "1/1". */
export const RATIO_PATTERN = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

export const ROW_KEY = {
  title: 'title',
  subtitle: 'subtitle',
  header: 'header',
  header2: 'header2',
  note: 'note',
  computedNote: 'computedNote',
  total: 'total',
} as const;

export const unitRowKey = (unitId: string): string => `unit:${unitId}`;
export const blockRowKey = (blockId: string): string => `block:${blockId}`;
export const groupRowKey = (code: string): string => `group:${code}`;
export const lineRowKey = (lineId: string): string => `line:${lineId}`;

export type ParsedRowKey =
  | { kind: 'unit' | 'block' | 'group' | 'line'; id: string }
  | { kind: 'info'; id: SummaryInfoKey }
  | { kind: (typeof ROW_KEY)[keyof typeof ROW_KEY] };

/** Reads a key from column A back; null for anything else (a row the clerk inserted, say). */
export function parseRowKey(value: unknown): ParsedRowKey | null {
  if (typeof value !== 'string') return null;
  const m = /^(unit|block|group|line):(.+)$/.exec(value);
  if (m) return { kind: m[1] as 'unit' | 'block' | 'group' | 'line', id: m[2]! };
  if ((SUMMARY_INFO_KEYS as readonly string[]).includes(value)) return { kind: 'info', id: value as SummaryInfoKey };
  if ((Object.values(ROW_KEY) as string[]).includes(value)) return { kind: value as (typeof ROW_KEY)[keyof typeof ROW_KEY] };
  return null;
}

/** Header text of a figure column: a score column with a maximum and no group prints it ("… (Tổng điểm 18)"). */
export function columnHeaderText(col: Column): string {
  if (col.type === 'score' && col.max !== undefined && !col.group) return `${col.header} (Tổng điểm ${col.max})`;
  return col.header;
}

/** Characters Excel forbids in sheet names. */
const FORBIDDEN = /[\\/?*[\]:]/g;
const MAX_SHEET_NAME = 31;

function cleanSheetName(s: string): string {
  return s.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
}

/**
 * Sheet name of each table, by table id, in report order: the kind's short name ("Đúng hạn"); when several
 * tables share a kind, the block they cover is appended ("Xếp loại - Cấp xã") or else a number ("Quá hạn (2)").
 * Names are unique (case-insensitively, as Excel requires), at most 31 characters, and never the summary's,
 * instructions' or identity sheet's name. The identity sheet records the names actually written.
 */
export function tableSheetNames(report: Pick<Report, 'tables' | 'units' | 'blocks'>): Map<string, string> {
  const blockOfUnit = new Map(report.units.map((u) => [u.id, u.blockId]));
  const blockName = new Map(report.blocks.map((b) => [b.id, b.name]));
  const kindCount = new Map<string, number>();
  for (const t of report.tables) kindCount.set(t.kind, (kindCount.get(t.kind) ?? 0) + 1);
  const taken = new Set([SUMMARY_SHEET, METRICS_SHEET, INSTRUCTIONS_SHEET, IDENTITY_SHEET].map((s) => s.toLocaleLowerCase('vi')));
  const names = new Map<string, string>();
  for (const t of report.tables) {
    const base = t.kind === 'evaluation' ? 'Xếp loại' : TABLE_KIND_INFO[t.kind].shortName;
    let name = base;
    if ((kindCount.get(t.kind) ?? 0) > 1) {
      const block = singleBlock(t, blockOfUnit);
      const bn = block ? blockName.get(block) : undefined;
      if (bn) name = `${base} - ${bn}`;
    }
    name = cleanSheetName(name).slice(0, MAX_SHEET_NAME).trim() || 'Bảng';
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLocaleLowerCase('vi')); n++) {
      const suffix = ` (${n})`;
      candidate = name.slice(0, MAX_SHEET_NAME - suffix.length).trim() + suffix;
    }
    taken.add(candidate.toLocaleLowerCase('vi'));
    names.set(t.id, candidate);
  }
  return names;
}

function singleBlock(t: Table, blockOfUnit: Map<string, string>): string | null {
  let block: string | null = null;
  for (const row of t.rows) {
    const b = blockOfUnit.get(row.unitId);
    if (!b) return null;
    if (block === null) block = b;
    else if (block !== b) return null;
  }
  return block;
}

/** Identity sheet record types (column A). */
export const IDENTITY_RECORD = {
  format: 'format',
  layoutVersion: 'layoutVersion',
  schemaVersion: 'schemaVersion',
  reportId: 'reportId',
  template: 'template',
  period: 'period',
  summarySheet: 'summarySheet',
  table: 'table',
  status: 'status',
  src: 'src',
  lineSrc: 'lineSrc',
  metricsSheet: 'metricsSheet',
} as const;
