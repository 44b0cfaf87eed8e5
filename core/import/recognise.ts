// Recognises report tables in sheets of raw rows: the header, the table kind(s) of each figure column, block/total/note rows, and the unit rows.
//
// Knows nothing about a particular report: unit names are matched later (preview.ts). A sheet may hold several
// tables one under another, and one table may feed several report tables at once (a wide table with on-time,
// online-submission, payment and satisfaction columns, or rates next to a classification).
import { TABLE_KIND_INFO } from '../model/catalog';
import { TABLE_KINDS, type ColumnType, type TableKind } from '../model/schema';
import { cleanText, fold, isBlankRaw, rawText, type RawRow, type RawValue } from '../xlsx/cells';
import { findHeader, specScore, type HeaderSpec } from '../xlsx/header';
import type { SheetData } from '../xlsx/cells';

export const TABLE_KIND_NAMES: Record<TableKind, string> = Object.fromEntries(
  TABLE_KINDS.map((k) => [k, TABLE_KIND_INFO[k].shortName]),
) as Record<TableKind, string>;

/** Kinds whose single figure is a rate: the ones a generic "Tỷ lệ (%)" column may belong to. */
export const RATE_KINDS: TableKind[] = ['onTime', 'overdue', 'onlineSubmission', 'onlinePayment', 'satisfaction'];

export interface ColumnMapping {
  /** 0-based column in the sheet. */
  index: number;
  /** Header text as shown. */
  header: string;
  kind: TableKind;
  columnId: string;
  type: ColumnType;
  /** How the kind was decided: by the header itself, by a title above the table or the sheet name, or by the user. */
  kindFrom: 'header' | 'title' | 'user';
  max?: number;
}

export interface IgnoredColumn {
  index: number;
  header: string;
  reason: string;
}

export interface RecognisedRow {
  /** 1-based row number in the sheet. */
  rowNumber: number;
  name: string;
  /** The block row above this row ("Cấp xã"), or the block column's value, if any. */
  block: string | null;
  /** Raw values by mapping (same order as `mappings`). */
  values: RawValue[];
  formats: (string | undefined)[];
}

export interface SkippedRow {
  rowNumber: number;
  text: string;
  reason: string;
}

export interface BlockRow {
  rowNumber: number;
  numeral: string | null;
  name: string;
}

export interface RecognisedTable {
  sheet: string;
  /** Title lines above the header (nearest last). */
  titles: string[];
  /** 1-based first header row. */
  headerRow: number;
  headerDepth: 1 | 2;
  nameColumn: number;
  mappings: ColumnMapping[];
  ignored: IgnoredColumn[];
  /** True when some figure column's kind is unknown (no header word, no title): the user must choose. */
  unsure: boolean;
  /** 0-based indices of figure columns whose kind is unknown (their values follow the mapped ones in each row). */
  unsureColumns: number[];
  unsureHeaders: string[];
  rows: RecognisedRow[];
  blocks: BlockRow[];
  skipped: SkippedRow[];
}

export interface SheetRecognition {
  sheet: string;
  tables: RecognisedTable[];
  /** Why nothing was recognised, when tables is empty. */
  reason: string | null;
}

/* ---------------------------------------------------------------- header specs */

export const NAME_SYNONYMS = [
  'Tên cơ quan, đơn vị',
  'Tên cơ quan/đơn vị',
  'Tên cơ quan',
  'Tên đơn vị',
  'Cơ quan, đơn vị',
  'Cơ quan/đơn vị',
  'Đơn vị',
  'Cơ quan',
  'Tên',
  'Địa phương',
  'Xã, phường',
  'Xã/phường',
  'Phường, xã',
  'Tên xã',
  'Tên phường',
  'Đơn vị tiếp nhận',
  'Tên địa phương',
];

const SPECS: HeaderSpec[] = [
  { key: 'stt', synonyms: ['STT', 'TT', 'Số TT', 'Số thứ tự'] },
  { key: 'name', synonyms: NAME_SYNONYMS, exclude: ['số đơn vị', 'đơn vị triển khai', 'số lượng đơn vị'], required: true },
  { key: 'rate', synonyms: ['Tỷ lệ', 'Tỉ lệ', 'Tỷ lệ %'] },
  { key: 'onTime', synonyms: ['Đúng hạn', 'Trong hạn'] },
  { key: 'overdue', synonyms: ['Quá hạn'] },
  { key: 'online', synonyms: ['Trực tuyến'] },
  { key: 'payment', synonyms: ['Thanh toán'] },
  { key: 'satisfaction', synonyms: ['Hài lòng'] },
  { key: 'ckmb', synonyms: ['Công khai minh bạch', 'Công khai, minh bạch'] },
  { key: 'tdgq', synonyms: ['Tiến độ giải quyết'] },
  { key: 'mdsh', synonyms: ['Số hóa hồ sơ', 'Số hoá'] },
  { key: 'total', synonyms: ['Tổng điểm', 'Điểm'] },
  { key: 'class', synonyms: ['Xếp loại'] },
  { key: 'block', synonyms: ['Khối', 'Cấp', 'Nhóm đơn vị', 'Loại đơn vị'] },
  { key: 'count', synonyms: ['Số hồ sơ', 'Số lượng', 'Tổng số'] },
  { key: 'copies', synonyms: ['Chứng thực', 'Triển khai'] },
];

const has = (f: string, phrase: string): boolean => ` ${f} `.includes(` ${phrase} `);
const hasAny = (f: string, phrases: string[]): boolean => phrases.some((p) => has(f, p));

/** The kind a title or sheet name names, if any ("TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN…" → onTime). */
export function kindFromTitle(text: string): TableKind | null {
  const f = fold(text);
  if (f === '') return null;
  if (has(f, 'chung thuc')) return 'eCopies';
  if (hasAny(f, ['xep loai', 'danh gia xep loai', 'ket qua danh gia'])) return 'evaluation';
  if (has(f, 'qua han')) return 'overdue';
  if (hasAny(f, ['dung han', 'trong han'])) return 'onTime';
  if (has(f, 'thanh toan')) return 'onlinePayment';
  if (has(f, 'hai long')) return 'satisfaction';
  if (hasAny(f, ['truc tuyen', 'phat sinh ho so'])) return 'onlineSubmission';
  return null;
}

function stripParens(s: string): string {
  return s.replace(/\([^)]*\)/g, ' ');
}

type Classified =
  | { kind: TableKind | null; columnId: string; type: ColumnType; max?: number; /** Says "%" or "tỷ lệ". */ explicit?: boolean }
  | { ignore: string }
  | null;

const EVAL_GROUPS: [string[], string][] = [
  [['cong khai minh bach', 'cong khai'], 'ckmb'],
  [['tien do giai quyet', 'tien do'], 'tdgq'],
  [['dich vu truc tuyen', 'dich vu cong truc tuyen', 'cung cap dich vu truc tuyen', 'dich vu'], 'dvtt'],
  [['muc do hai long', 'hai long'], 'mdhl'],
  [['so hoa ho so', 'so hoa'], 'mdsh'],
];

const SPLIT_SERVICES =
  'điểm dịch vụ công trực tuyến và thanh toán trực tuyến tách riêng, còn báo cáo ghi chung một cột “Chỉ số dịch vụ trực tuyến (Tổng điểm 22)”: hãy cộng hai cột trong Excel rồi nhập lại';

/** Classifies one header text (one level) in the context of the table's title kind. */
function classifyText(label: string, context: TableKind | null): Classified {
  const full = fold(label);
  if (full === '') return null;
  const g = fold(stripParens(label));
  const pct = full.includes('%') || hasAny(full, ['ty le', 'ti le']);
  const maxMatch = /tong diem (\d+(?:[.,]\d+)?)/.exec(full);
  const max = maxMatch ? Number(maxMatch[1]!.replace(',', '.')) : undefined;
  const isCount =
    !pct && !has(g, 'chi so') && ((/^(so|tong so)\b/.test(g) && !g.startsWith('so hoa')) || hasAny(g, ['so luong', 'so ho so', 'so tthc', 'tong so']));

  // Electronic certified copies (group 5 table).
  if (has(g, 'trien khai')) return { kind: 'eCopies', columnId: 'deployed', type: 'ratio' };
  if (context === 'eCopies' || has(g, 'chung thuc')) {
    if (has(g, 'hoan thanh')) return { kind: 'eCopies', columnId: 'completed', type: 'count' };
    if (has(g, 'phat sinh')) return { kind: 'eCopies', columnId: 'arising', type: 'count' };
    if (pct) return { kind: 'eCopies', columnId: 'rate', type: 'rate' };
  }
  if (isCount) return { ignore: 'cột số lượng (báo cáo chỉ lấy tỷ lệ)' };

  // Evaluation scores: "Chỉ số … (Tổng điểm 18)", "Tổng điểm", "Xếp loại".
  if (!pct) {
    const scoreLike = hasAny(full, ['chi so', 'diem', 'tong diem']) || context === 'evaluation';
    if (scoreLike) {
      // The portal scores online payment apart (10 points); the report's evaluation table has one column for both.
      if (has(g, 'thanh toan')) return { ignore: SPLIT_SERVICES };
      for (const [words, id] of EVAL_GROUPS) {
        if (hasAny(g, words)) return { kind: 'evaluation', columnId: id, type: 'score', ...(max !== undefined ? { max } : {}) };
      }
    }
    if (has(g, 'xep loai')) return { kind: 'evaluation', columnId: 'class', type: 'label' };
    if (hasAny(g, ['tong diem', 'tong hop diem', 'diem tong']) || (context === 'evaluation' && g === 'diem')) {
      return { kind: 'evaluation', columnId: 'total', type: 'score', max: max ?? 100 };
    }
  }
  // Rates.
  const rate = (kind: TableKind): Classified => ({ kind, columnId: 'rate', type: 'rate', explicit: pct });
  if (has(g, 'qua han')) return rate('overdue');
  if (hasAny(g, ['dung han', 'trong han'])) return rate('onTime');
  if (has(g, 'thanh toan')) return rate('onlinePayment');
  if (has(g, 'hai long')) return rate('satisfaction');
  if (hasAny(g, ['truc tuyen', 'nop truc tuyen', 'phat sinh'])) return rate('onlineSubmission');
  if (pct) {
    // Only a plain "Tỷ lệ (%)" takes its kind from the title; "Tỷ lệ hồ sơ cấp kết quả điện tử" is something else.
    const rest = g.replace(/\b(ty le|ti le|phan tram|dat|ho so)\b/g, ' ').replace(/[%\s]+/g, ' ').trim();
    if (rest !== '') return null;
    if (context && context !== 'evaluation') {
      const col = TABLE_KIND_INFO[context].columns.find((c) => c.type === 'rate');
      if (col) return { kind: context, columnId: col.id, type: 'rate', explicit: true };
    }
    return { kind: null, columnId: 'rate', type: 'rate', explicit: true };
  }
  return null;
}

/** Classifies a header (two-level labels "upper / lower": the lower level first, then the whole). */
export function classifyHeader(label: string, context: TableKind | null): Classified {
  const parts = label.split(' / ');
  if (parts.length > 1) {
    const lower = classifyText(parts[parts.length - 1]!, context);
    // "Hồ sơ đúng hạn / Số lượng": the lower level says it is a count.
    if (lower && 'ignore' in lower) return lower;
    if (lower && lower.kind !== null) {
      // Keep the upper level's maximum ("Tổng hợp xếp loại (Tổng điểm 100)" over "Tổng điểm").
      const upper = classifyText(parts.slice(0, -1).join(' '), context);
      if (upper && !('ignore' in upper) && upper.max !== undefined && lower.max === undefined && lower.type === 'score') {
        return { ...lower, max: upper.max };
      }
      return lower;
    }
    if (lower && lower.kind === null) {
      // "Hồ sơ đúng hạn / Tỷ lệ (%)": the upper level names the kind.
      const whole = classifyText(label, context);
      return whole && !('ignore' in whole) && whole.kind !== null && whole.type === 'rate' ? whole : lower;
    }
  }
  return classifyText(label, context);
}

/* ---------------------------------------------------------------- rows */

const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)$/i;
const ROMAN_PREFIX = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)\s*[.:)\-–]\s*(\S.*)$/i;

/** A block row: "I" in the STT column, "Cấp xã" / "Khối …" as the name, or "II. Cấp xã" across both. */
export function blockOf(stt: string, name: string): { numeral: string | null; name: string } | null {
  const s = cleanText(stt).replace(/\.$/, '');
  const n = cleanText(name);
  if (ROMAN.test(s) && n !== '') return { numeral: s.toUpperCase(), name: n };
  const pref = ROMAN_PREFIX.exec(n);
  if (pref && (s === '' || s === n)) return { numeral: pref[1]!.toUpperCase(), name: pref[2]!.trim() };
  const f = fold(n);
  if (/^(cap|khoi)\b/.test(f) && f.split(' ').length <= 6 && !/\d/.test(f)) return { numeral: null, name: n };
  return null;
}

/** "Tổng cộng", "Tổng số", "Toàn tỉnh", "Cộng" alone — but not "Công an phường" (folded, "cộng" and "công" look alike). */
const TOTAL_RE = /^(tong cong|tong so|toan (tinh|thanh pho|huyen|thi xa|xa|phuong|don vi)|binh quan|trung binh chung)\b|^(tong|cong)$/;

/** A totals or average row ("Tổng cộng", "Toàn tỉnh"). */
export function isTotalName(name: string): boolean {
  return TOTAL_RE.test(fold(name));
}

function isNote(text: string): boolean {
  const t = cleanText(text);
  return /^[(*]/.test(t) || /^(ghi chu|nguon|luu y|chu thich)\b/.test(fold(t));
}

/**
 * Lines under a table that are not units: who signs ("Người lập biểu", "Thủ trưởng đơn vị", "KT. CHỦ TỊCH"), the place
 * and date ("Phú Thọ, ngày 05 tháng 11 năm 2026"), "(Ký, ghi rõ họ tên)", "Nơi nhận:", "Ghi chú". Folded text.
 */
const FOOTER_RE =
  /^(nguoi lap( bieu)?|nguoi tong hop|nguoi ky|nguoi duyet|nguoi kiem tra|thu truong( don vi| co quan)?|lanh dao( don vi)?|ke toan truong|xac nhan cua|kt|tm|tl|chu tich|pho chu tich|giam doc|pho giam doc|chanh van phong|truong phong|noi nhan|ghi chu|ky ghi ro ho ten|ky ten|da ky)$|^(noi nhan|ghi chu|kt |tm |tl )|^(nguoi lap bieu|thu truong don vi) /;
const DATE_LINE_RE = /\bngay\b[\s\d]{0,6}\bthang\b[\s\d]{0,6}\bnam\b(\s*\d{4})?$/;

/** True when a text is a footer line under a table (a signer's title, the date line, a note heading), never a unit. */
export function isFooterText(text: string): boolean {
  const f = fold(text);
  if (f === '') return false;
  return FOOTER_RE.test(f) || (DATE_LINE_RE.test(f) && f.split(' ').length <= 14);
}

/** True when a row is a footer line: its name cell, or (name cell blank) any of its texts, is a footer text. */
export function isFooterRow(row: RawRow, nameColumn: number): boolean {
  const name = rawText(row[nameColumn]);
  if (name !== '') return isFooterText(name);
  return row.some((v) => isFooterText(rawText(v)));
}

/** A number, or a text that reads as one ("98,5", "100%"). */
function isFigureLike(v: RawValue | undefined): boolean {
  if (typeof v === 'number') return true;
  const t = rawText(v ?? null);
  return t !== '' && /^[\d\s.,%-]+$/.test(t) && /\d/.test(t);
}

function filledCount(row: RawRow | undefined): number {
  let n = 0;
  for (const v of row ?? []) if (!isBlankRaw(v)) n++;
  return n;
}

/* ---------------------------------------------------------------- tables */

interface Segment {
  table: RecognisedTable;
  /** 0-based index where the next search starts. */
  next: number;
  /** 0-based first row that may hold the next table's titles. */
  titleFloor: number;
}

function readSegment(sheet: SheetData, start: number, titleFloor: number): Segment | null {
  const rows = sheet.rows;
  const window = rows.slice(start, start + 32);
  const header = findHeader(window, SPECS, { maxRows: 30, minMatches: 2 });
  if (!header) return null;
  const headerAt = start + header.rowIndex;
  const nameColumn = header.columns.name!;
  const sttColumn = header.columns.stt;
  // A block column is named exactly so ("Khối", "Cấp"); "Tỷ lệ hồ sơ cấp kết quả điện tử" only contains the word.
  const blockSpec = SPECS.find((x) => x.key === 'block')!;
  const blockAt = header.columns.block;
  const blockColumn = blockAt !== undefined && specScore(header.folded[blockAt] ?? '', blockSpec) >= 3 ? blockAt : undefined;

  // Titles: text rows between the previous table (or the top) and the header, nearest last.
  const titles: string[] = [];
  for (let r = titleFloor; r < headerAt; r++) {
    const texts = [...new Set((rows[r] ?? []).map((v) => rawText(v)).filter((t) => t !== ''))];
    if (texts.length > 0 && texts.length <= 3) titles.push(texts.join(' '));
  }
  let context: TableKind | null = null;
  for (let i = titles.length - 1; i >= 0 && context === null; i--) context = kindFromTitle(titles[i]!);
  const fromSheet = kindFromTitle(sheet.name);
  if (context === null) context = fromSheet;

  const mappings: ColumnMapping[] = [];
  const ignored: IgnoredColumn[] = [];
  const unsureColumns: number[] = [];
  const unsureHeaders: string[] = [];
  const taken = new Map<string, number>();
  const implicit = new Set<number>();
  header.labels.forEach((label, index) => {
    if (index === nameColumn || index === sttColumn || index === blockColumn || label.trim() === '') return;
    const c = classifyHeader(label, context);
    if (c === null) {
      ignored.push({ index, header: label, reason: 'không nhận ra nội dung cột' });
      return;
    }
    if ('ignore' in c) {
      ignored.push({ index, header: label, reason: c.ignore });
      return;
    }
    if (c.kind === null) {
      unsureColumns.push(index);
      unsureHeaders.push(label);
      return;
    }
    const key = `${c.kind}.${c.columnId}`;
    const prior = taken.get(key);
    if (prior !== undefined) {
      // "Đúng hạn" (a count) then "Tỷ lệ đúng hạn (%)": the column that says % or "tỷ lệ" wins.
      const priorMapping = mappings[prior]!;
      if (c.explicit && implicit.has(priorMapping.index)) {
        ignored.push({ index: priorMapping.index, header: priorMapping.header, reason: 'có vẻ là cột số lượng (bảng có cột tỷ lệ riêng)' });
        mappings.splice(prior, 1);
        taken.clear();
        mappings.forEach((m, i) => taken.set(`${m.kind}.${m.columnId}`, i));
      } else {
        ignored.push({ index, header: label, reason: 'trùng nội dung với một cột trước' });
        return;
      }
    }
    if (c.type === 'rate' && !c.explicit) implicit.add(index);
    taken.set(key, mappings.length);
    const byHeader = classifyHeader(label, null);
    const kindFrom = byHeader && !('ignore' in byHeader) && byHeader.kind === c.kind ? 'header' : 'title';
    mappings.push({ index, header: label, kind: c.kind, columnId: c.columnId, type: c.type, kindFrom, ...(c.max !== undefined ? { max: c.max } : {}) });
  });
  // With online payment scored apart, "Dịch vụ công trực tuyến" is only its 12-point half: never the 22-point column.
  if (ignored.some((i) => i.reason === SPLIT_SERVICES)) {
    const at = mappings.findIndex((m) => m.kind === 'evaluation' && m.columnId === 'dvtt');
    if (at >= 0) {
      ignored.push({ index: mappings[at]!.index, header: mappings[at]!.header, reason: SPLIT_SERVICES });
      mappings.splice(at, 1);
      ignored.sort((a, b) => a.index - b.index);
    }
  }
  // When a table has explicit rate columns, rate-like columns without "%" or "tỷ lệ" ("Quá hạn") are counts.
  if (implicit.size > 0 && (mappings.some((m) => m.type === 'rate' && !implicit.has(m.index)) || unsureColumns.length > 0)) {
    for (let i = mappings.length - 1; i >= 0; i--) {
      const m = mappings[i]!;
      if (implicit.has(m.index)) {
        ignored.push({ index: m.index, header: m.header, reason: 'có vẻ là cột số lượng (bảng có cột tỷ lệ riêng)' });
        mappings.splice(i, 1);
      }
    }
    ignored.sort((a, b) => a.index - b.index);
  }

  const table: RecognisedTable = {
    sheet: sheet.name,
    titles,
    headerRow: headerAt + 1,
    headerDepth: header.depth,
    nameColumn,
    mappings,
    ignored,
    unsure: unsureColumns.length > 0,
    unsureColumns,
    unsureHeaders,
    rows: [],
    blocks: [],
    skipped: [],
  };

  const nameHeaderFolded = header.folded[nameColumn] ?? '';
  let block: string | null = null;
  let r = headerAt + header.depth;
  let lastDataRow = r - 1;
  let nextTitleFloor = -1;
  let footer = false;
  for (; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowNumber = r + 1;
    if (filledCount(row) === 0) continue;
    const name = rawText(row[nameColumn]);
    const stt = sttColumn !== undefined ? rawText(row[sttColumn]) : '';
    // A new table starts here: its header row repeats the name header.
    if (r > headerAt + header.depth && name !== '' && fold(name) === nameHeaderFolded) {
      const again = findHeader(rows.slice(r, r + 3), SPECS, { maxRows: 1, minMatches: 2 });
      if (again) {
        const sameShape = again.labels.map((l) => fold(l)).join('|') === header.folded.slice(0, again.labels.length).join('|');
        if (!sameShape || titlesBetween(rows, lastDataRow + 1, r)) {
          // Rows between this table's last row and the next header are the next table's titles.
          table.skipped = table.skipped.filter((s) => s.rowNumber <= lastDataRow + 1);
          nextTitleFloor = lastDataRow + 1;
          break;
        }
        table.skipped.push({ rowNumber, text: name, reason: 'dòng tiêu đề lặp lại' });
        continue;
      }
    }
    const figuresFilled = mappings.some((m) => !isBlankRaw(row[m.index])) || unsureColumns.some((c) => !isBlankRaw(row[c]));
    // The signature block under the table: its titles, the date line, then the signers' names (no figures).
    // Under the footer, signers' names may sit in figure columns: only a figure (a number) ends it.
    const figureGiven = [...mappings.map((m) => m.index), ...unsureColumns].some((c) => isFigureLike(row[c]));
    if (isFooterRow(row, nameColumn) || (footer && !figureGiven)) {
      footer = true;
      table.skipped.push({ rowNumber, text: row.map((v) => rawText(v)).filter((t) => t !== '').join(' '), reason: 'dòng chữ ký, ngày tháng cuối bảng' });
      continue;
    }
    footer = false;
    const blk = blockOf(stt, name);
    if (blk && !figuresFilled) {
      block = blk.name;
      table.blocks.push({ rowNumber, numeral: blk.numeral, name: blk.name });
      table.skipped.push({ rowNumber, text: [stt, name].filter((x) => x !== '').join(' '), reason: 'dòng khối (tiêu đề nhóm đơn vị)' });
      lastDataRow = r;
      continue;
    }
    if (name === '') {
      const text = row.map((v) => rawText(v)).filter((t) => t !== '').join(' ');
      if (isNote(text) || !figuresFilled) {
        table.skipped.push({ rowNumber, text, reason: isNote(text) ? 'dòng ghi chú' : 'dòng không có tên đơn vị' });
      } else {
        table.skipped.push({ rowNumber, text, reason: 'dòng có số liệu nhưng không có tên đơn vị' });
      }
      continue;
    }
    if (isTotalName(name)) {
      table.skipped.push({ rowNumber, text: name, reason: 'dòng tổng cộng' });
      lastDataRow = r;
      continue;
    }
    if (isNote(name) && !figuresFilled) {
      table.skipped.push({ rowNumber, text: name, reason: 'dòng ghi chú' });
      continue;
    }
    const rowBlock = blockColumn !== undefined ? rawText(row[blockColumn]) || block : block;
    const formats = sheet.formats[r] ?? [];
    table.rows.push({
      rowNumber,
      name,
      block: rowBlock,
      values: [...mappings.map((m) => row[m.index] ?? null), ...unsureColumns.map((c) => row[c] ?? null)],
      formats: [...mappings.map((m) => formats[m.index]), ...unsureColumns.map((c) => formats[c])],
    });
    lastDataRow = r;
  }
  return { table, next: r, titleFloor: nextTitleFloor >= 0 ? nextTitleFloor : r };
}

/** True when the rows between two tables hold title text (a second table, not a repeated header). */
function titlesBetween(rows: RawRow[], from: number, to: number): boolean {
  for (let r = from; r < to; r++) if (filledCount(rows[r]) > 0) return true;
  return false;
}

/** Finds every report table in a sheet (several may sit one under another). */
export function recogniseSheet(sheet: SheetData): SheetRecognition {
  const tables: RecognisedTable[] = [];
  let start = 0;
  let titleFloor = 0;
  while (start < sheet.rows.length) {
    const seg = readSegment(sheet, start, titleFloor);
    if (!seg) break;
    if (seg.table.mappings.length > 0 || seg.table.unsureColumns.length > 0) tables.push(seg.table);
    if (seg.next <= start) break;
    titleFloor = seg.titleFloor;
    start = seg.next;
  }
  let reason: string | null = null;
  if (tables.length === 0) {
    reason = sheet.rows.every((r) => filledCount(r) === 0)
      ? 'trang tính trống'
      : 'không tìm thấy dòng tiêu đề có cột tên đơn vị và cột số liệu (trong 30 dòng đầu)';
  }
  return { sheet: sheet.name, tables, reason };
}

/**
 * Applies the user's choice of kind (CLI --table KIND, the import wizard's list) to a table: the first column whose
 * kind was unknown gets it, and rate columns whose kind came only from a title are moved to it.
 */
export function applyKindChoice(table: RecognisedTable, kind: TableKind): RecognisedTable {
  const info = TABLE_KIND_INFO[kind];
  const rateCol = info.columns.find((c) => c.type === 'rate') ?? info.columns[0]!;
  const mappings = table.mappings.map((m) =>
    m.kindFrom === 'title' && m.type === 'rate' && rateCol.type === 'rate' ? { ...m, kind, columnId: rateCol.id, kindFrom: 'user' as const } : m,
  );
  const first = table.unsureColumns[0];
  if (first !== undefined && !mappings.some((m) => m.kind === kind && m.columnId === rateCol.id)) {
    mappings.push({ index: first, header: table.unsureHeaders[0] ?? '', kind, columnId: rateCol.id, type: rateCol.type, kindFrom: 'user' });
  }
  return { ...table, mappings, unsure: false, unsureColumns: [], unsureHeaders: [] };
}
