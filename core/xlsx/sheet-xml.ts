// The bounded scanner of worksheet, shared-strings and styles XML used by the streaming xlsx reader: every step advances or fails, and every size has a limit.
//
// Rows are cut out of the inflated text with indexOf("</row>") and their cells read by position (no DOM, no
// recursion), which is what a dossier list needs and nothing more. Hostile or damaged XML is refused with a
// SheetXmlError (a short Vietnamese detail the reader puts into its message): a cell reference beyond XFD1048576,
// a cell without "</c>", an unquoted attribute, a tag without ">", a nested row or cell, a character reference that
// is no character, a number that is not a plain decimal ("0x50", "Infinity"), a shared-string index that does not
// exist. Limits (DEFAULT_SHEET_LIMITS) bound the row width, a row's XML, a cell's text, each shared string and their
// count and total, the nesting depth inside a cell or a shared string, and the text before the root element; the
// text kept between chunks never exceeds the largest row, and searches resume where they stopped (linear time).
import { UserFacingError } from '../files/errors';
import type { RawError, RawFormats, RawRow, RawValue } from './cells';

/** A malformed or oversized part: `kind` tells the reader which message to give, `detail` says where and what. */
export class SheetXmlError extends Error {
  constructor(
    readonly kind: 'malformed' | 'limit',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SheetXmlError';
  }
}

/** The clerk's message for a SheetXmlError about the file `fileName`; any other error is returned as it is. */
export function sheetXmlUserError(fileName: string, err: unknown): unknown {
  if (!(err instanceof SheetXmlError)) return err;
  if (err.kind === 'limit') {
    return new UserFacingError(
      'XLSX_TOO_LARGE',
      `Tệp “${fileName}” ${err.detail}, vượt giới hạn an toàn nên không được đọc. Hãy chia tệp thành nhiều tệp nhỏ hơn rồi nhập lần lượt.`,
    );
  }
  return new UserFacingError(
    'XLSX_MALFORMED',
    `Tệp bị hỏng: “${fileName}” ${err.detail}; hãy tải lại hoặc xuất lại tệp (hoặc mở bằng Excel và lưu lại) rồi thử lại.`,
  );
}

/**
 * Reads a whole worksheet's XML through the scanner, only to check it (the table reader's guard before exceljs,
 * which would read "0x50" as 0 or die on a column beyond XFD). Throws SheetXmlError.
 */
export function checkSheetXml(xml: string, strings: readonly string[]): void {
  const scanner = new SheetScanner(strings, NO_STYLES, false, false);
  const sink: SheetRow[] = [];
  const step = 1024 * 1024;
  for (let i = 0; i < xml.length; i += step) {
    scanner.push(xml.slice(i, i + step), sink);
    sink.length = 0;
  }
  scanner.end();
}

function malformed(detail: string): SheetXmlError {
  return new SheetXmlError('malformed', detail);
}

function overLimit(detail: string): SheetXmlError {
  return new SheetXmlError('limit', detail);
}

export interface SheetLimits {
  /** Columns in a row (Excel: 16 384, column XFD). */
  maxColumns: number;
  /** Highest row number (Excel: 1 048 576). */
  maxRow: number;
  /** Characters of one row's XML (the most text ever kept between chunks). */
  maxRowChars: number;
  /** Characters of one cell's or one shared string's text (8 × Excel's 32 767). */
  maxCellChars: number;
  /** Characters of one <si> element's XML. */
  maxSiChars: number;
  /** Shared strings in a workbook. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedChars: number;
  /** Element nesting inside one cell or one shared string (rich text needs 4). */
  maxDepth: number;
  /** Characters before the root element (<worksheet>, <sst>) is seen. */
  maxPrologChars: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxColumns: 16_384,
  maxRow: 1_048_576,
  maxRowChars: 8 * 1024 * 1024,
  maxCellChars: 262_144,
  maxSiChars: 2 * 1024 * 1024,
  maxSharedStrings: 8_000_000,
  maxSharedChars: 100_000_000,
  maxDepth: 32,
  maxPrologChars: 1024 * 1024,
};

function vn(n: number): string {
  return n.toLocaleString('vi-VN');
}

/** "A", "B", …, "XFD" for a 0-based column. */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/* ------------------------------------------------------------------ XML helpers */

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The character of a numeric character reference ("#233", "#xE9"), refusing what is no XML character. */
function charRef(ref: string): string {
  const hex = ref.charCodeAt(1) === 120;
  const digits = (hex ? ref.slice(2) : ref.slice(1)).replace(/^0+(?=.)/, '');
  const code = digits.length > 8 ? Infinity : parseInt(digits, hex ? 16 : 10);
  if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
    throw malformed(`có mã ký tự không hợp lệ “&${ref.slice(0, 12)};”`);
  }
  return String.fromCodePoint(code);
}

/** Decodes XML entities and OOXML's _xHHHH_ escapes; a character reference that is no character is refused. */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => (e.charCodeAt(0) === 35 ? charRef(e) : (ENTITY[e] ?? '')));
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Attributes of a start tag's text (without "<name" and ">"): name → decoded value; namespace prefixes dropped. */
export function parseAttrs(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    const name = m[1]!;
    const local = name.includes(':') && !name.startsWith('xmlns') ? name.slice(name.indexOf(':') + 1) : name;
    out.set(local, decodeXmlText(m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Every start tag of a local name in a small XML text, with its attributes (each match stops at the next "<"). */
export function tagsOf(xml: string, localName: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]{0,64}:)?${localName}(\\s[^<>]*)?/?>`, 'g');
  const out: Map<string, string>[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(parseAttrs(m[1] ?? ''));
  return out;
}

/** Deepest element nesting in an XML fragment (start tags minus end tags), counted without recursion. */
function depthOf(fragment: string): number {
  let depth = 0;
  let max = 0;
  for (let i = fragment.indexOf('<'); i >= 0; i = fragment.indexOf('<', i + 1)) {
    const next = fragment.charCodeAt(i + 1);
    if (next === 47) depth--;
    else if (next !== 33 && next !== 63) {
      const gt = fragment.indexOf('>', i);
      if (gt < 0 || fragment.charCodeAt(gt - 1) !== 47) depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

/** `fragment` without its phonetic runs (<rPh>…</rPh>), by indexOf (no backtracking). */
function withoutPhonetic(fragment: string, p: string): string {
  const open = '<' + p + 'rPh';
  const close = '</' + p + 'rPh>';
  let out = '';
  let i = 0;
  for (;;) {
    const s = fragment.indexOf(open, i);
    if (s < 0) break;
    const e = fragment.indexOf(close, s);
    if (e < 0) throw malformed('có phần phiên âm (rPh) thiếu thẻ đóng');
    out += fragment.slice(i, s);
    i = e + close.length;
  }
  return out + fragment.slice(i);
}

/** The text of every <t> element in an XML fragment (rich text runs joined), phonetic runs (<rPh>) left out. */
function textOfRuns(fragment: string, p: string, limits: SheetLimits): string {
  if (depthOf(fragment) > limits.maxDepth) throw malformed(`có các thẻ lồng nhau quá sâu (hơn ${limits.maxDepth} cấp)`);
  if (fragment.indexOf('<' + p + 'rPh') >= 0) fragment = withoutPhonetic(fragment, p);
  const open = '<' + p + 't';
  const close = '</' + p + 't>';
  let out = '';
  let i = 0;
  for (;;) {
    i = fragment.indexOf(open, i);
    if (i < 0) break;
    const after = fragment.charCodeAt(i + open.length);
    const gt = fragment.indexOf('>', i);
    if (gt < 0) throw malformed('có thẻ văn bản không được đóng bằng “>”');
    if (!isTagBoundary(after)) {
      i = gt;
      continue;
    }
    if (fragment.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const end = fragment.indexOf(close, gt);
    if (end < 0) throw malformed('có thẻ văn bản thiếu thẻ đóng');
    out += fragment.slice(gt + 1, end);
    i = end + close.length;
  }
  const text = decodeXmlText(out);
  if (text.length > limits.maxCellChars) throw overLimit(`có một ô dài hơn ${vn(limits.maxCellChars)} ký tự`);
  return text;
}

/* ------------------------------------------------------------------ styles */

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, plus common East-Asian ids). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** True when a format code shows a date or a time: d, m, y, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!;
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.replace(/E[+-]/gi, ''));
}

export interface StyleInfo {
  /** Per cellXfs index: 1 = date, 0 = other. */
  dateStyle: Uint8Array;
  /** Per cellXfs index: the number format code, undefined for General. */
  format: (string | undefined)[];
}

export const NO_STYLES: StyleInfo = { dateStyle: new Uint8Array(0), format: [] };

export function parseStyles(xml: string): StyleInfo {
  const custom = new Map<number, string>();
  for (const a of tagsOf(xml, 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    if (Number.isInteger(id)) custom.set(id, a.get('formatCode') ?? '');
  }
  const open = /<(?:[A-Za-z_][\w.-]{0,64}:)?cellXfs\b/.exec(xml);
  let xfs: Map<string, string>[] = [];
  if (open) {
    const close = /<\/(?:[A-Za-z_][\w.-]{0,64}:)?cellXfs>/g;
    close.lastIndex = open.index;
    const end = close.exec(xml);
    if (end) xfs = tagsOf(xml.slice(open.index, end.index), 'xf');
  }
  const dateStyle = new Uint8Array(xfs.length);
  const format: (string | undefined)[] = new Array<string | undefined>(xfs.length);
  xfs.forEach((a, i) => {
    const id = Number(a.get('numFmtId') ?? 0);
    const code = custom.get(id) ?? BUILTIN_FORMATS[id];
    format[i] = id === 0 ? undefined : code ?? `#${id}`;
    const isDate = custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_IDS.has(id);
    dateStyle[i] = isDate ? 1 : 0;
  });
  return { dateStyle, format };
}

/* ------------------------------------------------------------------ shared strings */

/** Parses sharedStrings.xml incrementally, one <si> at a time, into an array of NFC strings. */
export class SharedStringsParser {
  readonly strings: string[] = [];
  private chars = 0;
  private rest = '';
  private prefix: string | null = null;
  private readonly limits: SheetLimits;

  constructor(limits: Partial<SheetLimits> = {}) {
    this.limits = { ...DEFAULT_SHEET_LIMITS, ...limits };
  }

  push(text: string): void {
    const limits = this.limits;
    const buf = this.rest + text;
    if (this.prefix === null) {
      const m = /<([A-Za-z_][\w.-]{0,64}:)?sst[\s>/]/.exec(buf);
      if (!m) {
        if (buf.length > limits.maxPrologChars) throw malformed('phần chuỗi dùng chung không bắt đầu bằng thẻ <sst>');
        this.rest = buf;
        return;
      }
      this.prefix = m[1] ?? '';
    }
    const p = this.prefix;
    const open = '<' + p + 'si';
    const close = '</' + p + 'si>';
    let i = 0;
    for (;;) {
      const s = buf.indexOf(open, i);
      if (s < 0) {
        // Keep a tail that could be the start of "<si".
        i = Math.max(i, buf.length - open.length);
        break;
      }
      const gt = buf.indexOf('>', s);
      if (gt < 0) {
        i = s;
        break;
      }
      const lt = buf.indexOf('<', s + 1);
      if (lt >= 0 && lt < gt) throw malformed('có thẻ <si> không được đóng bằng “>”');
      if (buf.charCodeAt(gt - 1) === 47) {
        this.add('');
        i = gt + 1;
        continue;
      }
      const e = buf.indexOf(close, gt);
      if (e < 0) {
        i = s;
        break;
      }
      const inner = buf.indexOf(open, gt);
      if (inner >= 0 && inner < e && isTagBoundary(buf.charCodeAt(inner + open.length))) throw malformed('có thẻ <si> nằm trong một thẻ <si> khác');
      if (e - gt > limits.maxSiChars) throw overLimit(`có một chuỗi dùng chung dài hơn ${vn(limits.maxSiChars)} ký tự`);
      this.add(textOfRuns(buf.slice(gt + 1, e), p, limits).normalize('NFC'));
      i = e + close.length;
    }
    this.rest = buf.slice(i);
    if (this.rest.length > limits.maxSiChars) throw overLimit(`có một chuỗi dùng chung dài hơn ${vn(limits.maxSiChars)} ký tự`);
  }

  private add(text: string): void {
    this.chars += text.length;
    if (this.chars > this.limits.maxSharedChars) throw overLimit(`có quá nhiều chữ (hơn ${vn(this.limits.maxSharedChars)} ký tự)`);
    if (this.strings.length >= this.limits.maxSharedStrings) throw overLimit(`có quá nhiều chuỗi dùng chung (hơn ${vn(this.limits.maxSharedStrings)})`);
    this.strings.push(text);
  }
}

/* ------------------------------------------------------------------ the sheet scanner */

function isTagBoundary(code: number): boolean {
  // '>', '/', space, tab, LF, CR
  return code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The non-negative integer in buf[from, to) (at most 15 digits), or -1. */
function intAt(buf: string, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A plain decimal number as Excel writes it in <v>: no hex, no "Infinity", no spaces, no empty exponent. */
const STRICT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0 for serials ≥ 61) to 1970-01-01. */
const EXCEL_UNIX_OFFSET = 25569;

/** A date-formatted serial as a Date at UTC (like exceljs), or the number itself if out of range. */
function serialToDate(serial: number, date1904: boolean): Date | number {
  const s = date1904 ? serial + 1462 : serial;
  if (!(s >= 0) || s >= 2958466) return serial;
  // Excel's fictitious 29/02/1900: serials below 61 are one day off; 60 is shown as 28/02/1900 here.
  const adjusted = s < 61 ? (s < 60 ? s + 1 : s) : s;
  return new Date(Math.round((adjusted - EXCEL_UNIX_OFFSET) * MS_PER_DAY / 1000) * 1000);
}

/** A row of raw values as the scanner gives it (core/xlsx/stream.ts StreamRow). */
export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  values: RawRow;
  formats?: RawFormats;
}

/** "ô B5": where a cell is, for messages. */
function where(col: number, row: number): string {
  return `ô ${columnName(col)}${row}`;
}

/** Cuts rows out of the sheet XML as it arrives and turns their cells into raw values. */
export class SheetScanner {
  private rest = '';
  /** Where, in `rest`, the search for the pending row's end may resume. */
  private resume = 0;
  private prefix: string | null = null;
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cOpen = '<c';
  private cClose = '</c>';
  private vOpen = '<v';
  private vClose = '</v>';
  private isOpen = '<is';
  private isClose = '</is>';
  private fOpen = '<f';
  private fClose = '</f>';
  private nextRow = 1;
  private readonly limits: SheetLimits;
  /** Bounds of the r, t and s attribute values of the last tag read by attributes() (-1 when absent). */
  private attrR = -1;
  /** Whether the last row tag read had its own r attribute. */
  private rowGiven = false;
  private attrREnd = -1;
  private attrT = -1;
  private attrTEnd = -1;
  private attrS = -1;
  private attrSEnd = -1;
  rows = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly styles: StyleInfo,
    private readonly date1904: boolean,
    private readonly withFormats: boolean,
    limits: Partial<SheetLimits> = {},
  ) {
    this.limits = { ...DEFAULT_SHEET_LIMITS, ...limits };
  }

  private setPrefix(p: string): void {
    this.prefix = p;
    this.rowOpen = '<' + p + 'row';
    this.rowClose = '</' + p + 'row>';
    this.cOpen = '<' + p + 'c';
    this.cClose = '</' + p + 'c>';
    this.vOpen = '<' + p + 'v';
    this.vClose = '</' + p + 'v>';
    this.isOpen = '<' + p + 'is';
    this.isClose = '</' + p + 'is>';
    this.fOpen = '<' + p + 'f';
    this.fClose = '</' + p + 'f>';
  }

  /** Feeds text; appends the rows completed by it to `out`. Throws SheetXmlError on malformed or oversized XML. */
  push(text: string, out: SheetRow[]): void {
    const buf = this.rest.length > 0 ? this.rest + text : text;
    const resume = this.resume;
    this.resume = 0;
    if (this.prefix === null) {
      const m = /<([A-Za-z_][\w.-]{0,64}:)?worksheet[\s>/]/.exec(buf);
      if (!m) {
        if (buf.length > this.limits.maxPrologChars) throw malformed('trang tính không bắt đầu bằng thẻ <worksheet>');
        this.rest = buf;
        return;
      }
      this.setPrefix(m[1] ?? '');
    }
    const rowOpen = this.rowOpen;
    const rowClose = this.rowClose;
    let i = 0;
    let s = buf.indexOf(rowOpen, 0);
    for (;;) {
      if (s < 0) {
        // Keep a tail that could be the start of "<row".
        i = Math.max(i, buf.length - rowOpen.length);
        break;
      }
      const afterName = s + rowOpen.length;
      if (afterName >= buf.length) {
        i = s;
        break;
      }
      if (!isTagBoundary(buf.charCodeAt(afterName))) {
        i = afterName;
        s = buf.indexOf(rowOpen, afterName);
        continue;
      }
      const gt = this.tagEnd(buf, afterName, buf.length, this.nextRow);
      if (gt < 0) {
        i = s;
        break;
      }
      const rowNumber = this.rowNumberOf(buf, afterName, gt);
      if (buf.charCodeAt(gt - 1) === 47) {
        // <row r="5"/>: an empty row; nothing to emit.
        this.nextRow = rowNumber + 1;
        i = gt + 1;
        s = buf.indexOf(rowOpen, i);
        continue;
      }
      const e = buf.indexOf(rowClose, s === 0 ? Math.max(gt, resume) : gt);
      if (e < 0) {
        i = s;
        this.resume = Math.max(0, buf.length - rowClose.length + 1 - s);
        break;
      }
      if (e - gt > this.limits.maxRowChars) throw overLimit(`dòng ${vn(rowNumber)} dài hơn ${vn(this.limits.maxRowChars)} ký tự`);
      this.nextRow = rowNumber + 1;
      const row = this.cells(buf, gt + 1, e, rowNumber, this.rowGiven);
      if (row) {
        out.push(row);
        this.rows++;
      }
      i = e + rowClose.length;
      s = buf.indexOf(rowOpen, i);
    }
    this.rest = i < buf.length ? buf.slice(i) : '';
    if (this.rest.length > this.limits.maxRowChars) {
      throw overLimit(`dòng ${vn(this.nextRow)} dài hơn ${vn(this.limits.maxRowChars)} ký tự (hoặc thiếu thẻ đóng </row>)`);
    }
  }

  /** Checks what is left when the text has ended: an unfinished row is a damaged part. */
  end(): void {
    const open = this.rest.indexOf(this.rowOpen);
    if (open >= 0 && isTagBoundary(this.rest.charCodeAt(open + this.rowOpen.length))) {
      throw malformed(`dòng ${vn(this.nextRow)} không có thẻ đóng (tệp bị cắt cụt)`);
    }
  }

  /**
   * The index of the ">" ending a start tag whose name ends at `from`, or -1 when the text so far ends first (only
   * when `limit` is the buffer's end). A "<" before it means the tag was never closed.
   */
  private tagEnd(buf: string, from: number, limit: number, row: number): number {
    const gt = buf.indexOf('>', from);
    const lt = buf.indexOf('<', from);
    if (lt >= 0 && lt < limit && (gt < 0 || lt < gt)) throw malformed(`dòng ${vn(row)} có một thẻ không được đóng bằng “>”`);
    if (gt < 0 || gt >= limit) {
      if (limit < buf.length) throw malformed(`dòng ${vn(row)} có một thẻ không được đóng bằng “>”`);
      return -1;
    }
    return gt;
  }

  private rowNumberOf(buf: string, from: number, to: number): number {
    this.attributes(buf, from, buf.charCodeAt(to - 1) === 47 ? to - 1 : to, this.nextRow);
    this.rowGiven = this.attrR >= 0;
    if (this.attrR < 0) return this.nextRow;
    const n = intAt(buf, this.attrR, this.attrREnd);
    if (n < 1 || n > this.limits.maxRow) {
      throw malformed(`có số dòng “${buf.slice(this.attrR, Math.min(this.attrREnd, this.attrR + 20))}” nằm ngoài giới hạn của Excel (1 đến ${vn(this.limits.maxRow)})`);
    }
    return n;
  }

  /**
   * Walks the attributes of a start tag in buf[from, to) (to = the ">" or "/>"): each must be name="value" or
   * name='value'. Leaves the bounds of the values of r, t and s (prefix dropped) in attrR/attrT/attrS (-1 when
   * absent); anything else is refused. (Fields, not a callback: this runs once per cell.)
   */
  private attributes(buf: string, from: number, to: number, row: number): void {
    this.attrR = this.attrT = this.attrS = -1;
    let k = from;
    while (k < to) {
      const c = buf.charCodeAt(k);
      if (isSpace(c)) {
        k++;
        continue;
      }
      const eq = buf.indexOf('=', k);
      if (eq < 0 || eq >= to) throw malformed(`dòng ${vn(row)} có một thuộc tính không có giá trị`);
      let nameEnd = eq;
      while (nameEnd > k && isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < to && isSpace(buf.charCodeAt(q))) q++;
      const quote = buf.charCodeAt(q);
      if (q >= to || (quote !== 34 && quote !== 39)) throw malformed(`dòng ${vn(row)} có thuộc tính không đặt trong dấu nháy`);
      const vEnd = buf.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (vEnd < 0 || vEnd >= to) throw malformed(`dòng ${vn(row)} có thuộc tính thiếu dấu nháy đóng`);
      let nameStart = k;
      for (let j = k; j < nameEnd; j++) if (buf.charCodeAt(j) === 58) nameStart = j + 1;
      if (nameEnd - nameStart === 1) {
        const n = buf.charCodeAt(nameStart);
        if (n === 114) {
          this.attrR = q + 1;
          this.attrREnd = vEnd;
        } else if (n === 116) {
          this.attrT = q + 1;
          this.attrTEnd = vEnd;
        } else if (n === 115) {
          this.attrS = q + 1;
          this.attrSEnd = vEnd;
        }
      } else if (nameEnd - nameStart <= 0) throw malformed(`dòng ${vn(row)} có một thuộc tính không có tên`);
      k = vEnd + 1;
    }
  }

  /**
   * The column of a cell reference ("AB12" → 27) in buf[from, to), checked against XFD1048576 and, when the row
   * tag gave its number, against the row (a reference to another row means a row nested in this one, or worse).
   */
  private refColumn(buf: string, from: number, to: number, rowNumber: number, rowGiven: boolean): number {
    let col = 0;
    let i = from;
    for (; i < to && i - from < 4; i++) {
      const c = buf.charCodeAt(i) | 32; // lower case
      if (c < 97 || c > 122) break;
      col = col * 26 + (c - 96);
    }
    const row = intAt(buf, i, to);
    if (i === from || col > this.limits.maxColumns || (i < to && (row < 1 || row > this.limits.maxRow))) {
      throw malformed(`có ô “${buf.slice(from, Math.min(to, from + 20))}” nằm ngoài giới hạn của Excel (${columnName(this.limits.maxColumns - 1)}${this.limits.maxRow})`);
    }
    if (rowGiven && i < to && row !== rowNumber) throw malformed(`dòng ${vn(rowNumber)} có ô “${buf.slice(from, Math.min(to, from + 20))}” của một dòng khác`);
    return col - 1;
  }

  /** Reads the cells between `from` and `to` (the row's content). Returns null for a row without any value. */
  private cells(buf: string, from: number, to: number, rowNumber: number, rowGiven: boolean): SheetRow | null {
    const values: RawValue[] = [];
    const formats: RawFormats | undefined = this.withFormats ? [] : undefined;
    const cOpen = this.cOpen;
    const cClose = this.cClose;
    const maxColumns = this.limits.maxColumns;
    let col = -1;
    let any = false;
    let s = buf.indexOf(cOpen, from);
    while (s >= 0 && s < to) {
      const afterName = s + cOpen.length;
      if (!isTagBoundary(buf.charCodeAt(afterName))) {
        s = buf.indexOf(cOpen, afterName);
        continue;
      }
      const gt = this.tagEnd(buf, afterName, to, rowNumber);
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      this.attributes(buf, afterName, selfClosing ? gt - 1 : gt, rowNumber);
      col = this.attrR >= 0 ? this.refColumn(buf, this.attrR, this.attrREnd, rowNumber, rowGiven) : col + 1;
      if (col >= maxColumns) throw malformed(`dòng ${vn(rowNumber)} có hơn ${vn(maxColumns)} cột`);
      if (selfClosing) {
        s = buf.indexOf(cOpen, gt + 1);
        continue;
      }
      const type = this.attrT < 0 ? '' : buf.slice(this.attrT, this.attrTEnd);
      const style = this.attrS < 0 ? -1 : intAt(buf, this.attrS, this.attrSEnd);
      const e = buf.indexOf(cClose, gt);
      if (e < 0 || e >= to) throw malformed(`ô ${columnName(col)}${rowNumber} không có thẻ đóng </c>`);
      // The next cell's start, found once: before this cell's end it would be a cell inside a cell.
      let next = buf.indexOf(cOpen, gt);
      while (next >= 0 && next < e && !isTagBoundary(buf.charCodeAt(next + cOpen.length))) next = buf.indexOf(cOpen, next + cOpen.length);
      if (next >= 0 && next < e) throw malformed(`ô ${columnName(col)}${rowNumber} không có thẻ đóng </c>`);
      const value = this.valueOf(buf, gt + 1, e, type, style, col, rowNumber);
      s = next >= 0 && next > e ? next : buf.indexOf(cOpen, e + cClose.length);
      if (value === null) continue;
      while (values.length < col) values.push(null);
      values[col] = value;
      if (formats) {
        while (formats.length < col) formats.push(undefined);
        formats[col] = style >= 0 ? this.styles.format[style] : undefined;
      }
      any = true;
    }
    if (!any) return null;
    return formats ? { row: rowNumber, values, formats } : { row: rowNumber, values };
  }

  private valueOf(buf: string, from: number, to: number, type: string, style: number, col: number, row: number): RawValue {
    if (type === 'inlineStr') {
      const s = buf.indexOf(this.isOpen, from);
      if (s < 0 || s >= to) return null;
      const igt = buf.indexOf('>', s);
      if (igt < 0 || igt >= to) throw malformed(`${where(col, row)} có thẻ <is> không được đóng bằng “>”`);
      if (buf.charCodeAt(igt - 1) === 47) return null; // <is/>: an empty inline string
      const e = buf.indexOf(this.isClose, s);
      if (e < 0 || e > to) throw malformed(`${where(col, row)} có chuỗi thiếu thẻ đóng </is>`);
      return this.text(buf.slice(s, e), col, row);
    }
    // Fast path: the content is just <v>…</v>. Otherwise look inside the cell only (a formula before <v>).
    let vs: number;
    const vOpen = this.vOpen;
    if (buf.startsWith(vOpen, from) && buf.charCodeAt(from + vOpen.length) === 62) {
      vs = from + vOpen.length + 1;
    } else {
      let start = from;
      let f = buf.indexOf(this.fOpen, from);
      if (f >= to || (f >= 0 && !isTagBoundary(buf.charCodeAt(f + this.fOpen.length)))) f = -1;
      if (f >= 0) {
        // A formula before the value: <f>…</f> or <f …/>.
        const fgt = buf.indexOf('>', f);
        if (fgt < 0 || fgt >= to) throw malformed(`${where(col, row)} có công thức không được đóng bằng “>”`);
        if (buf.charCodeAt(fgt - 1) === 47) start = fgt + 1;
        else {
          const fe = buf.indexOf(this.fClose, fgt);
          if (fe < 0 || fe >= to) throw malformed(`${where(col, row)} có công thức thiếu thẻ đóng </f>`);
          start = fe + this.fClose.length;
        }
      }
      const v = buf.indexOf(vOpen, start);
      if (v < 0 || v >= to || !isTagBoundary(buf.charCodeAt(v + vOpen.length))) {
        return f >= 0 ? ({ error: 'FORMULA' } satisfies RawError) : null;
      }
      const vgt = buf.indexOf('>', v);
      if (vgt < 0 || vgt >= to) throw malformed(`${where(col, row)} có thẻ <v> không được đóng bằng “>”`);
      if (buf.charCodeAt(vgt - 1) === 47) return null;
      vs = vgt + 1;
    }
    const ve = buf.indexOf(this.vClose, vs);
    if (ve < 0 || ve > to) throw malformed(`${where(col, row)} có giá trị thiếu thẻ đóng </v>`);
    if (ve - vs > this.limits.maxCellChars) throw overLimit(`${where(col, row)} dài hơn ${vn(this.limits.maxCellChars)} ký tự`);
    switch (type) {
      case 's': {
        const index = intAt(buf, vs, ve);
        const str = index >= 0 ? this.strings[index] : undefined;
        if (str === undefined) throw malformed(`${where(col, row)} trỏ tới chuỗi dùng chung số “${buf.slice(vs, Math.min(ve, vs + 20))}” không có trong tệp`);
        return str;
      }
      case 'str':
        return this.text(buf.slice(vs, ve), col, row, true);
      case 'b': {
        const raw = buf.slice(vs, ve);
        if (raw === '1' || raw === 'true') return true;
        if (raw === '0' || raw === 'false') return false;
        throw malformed(`${where(col, row)} có giá trị đúng/sai không hợp lệ “${raw.slice(0, 20)}”`);
      }
      case 'e':
        return { error: decodeXmlText(buf.slice(vs, ve)) };
      case 'd': {
        const raw = buf.slice(vs, ve);
        const t = Date.parse(raw.length <= 10 ? raw + 'T00:00:00Z' : /Z|[+-]\d\d:?\d\d$/.test(raw) ? raw : raw + 'Z');
        return Number.isNaN(t) ? decodeXmlText(raw) : new Date(t);
      }
      case '':
      case 'n': {
        // Whole numbers are read in place, without a string per cell.
        let n = intAt(buf, vs, ve);
        if (n < 0) {
          if (ve === vs) return null;
          const raw = buf.slice(vs, ve);
          n = STRICT_NUMBER.test(raw) ? +raw : NaN;
          if (!Number.isFinite(n)) throw malformed(`${where(col, row)} có giá trị số không hợp lệ “${raw.slice(0, 20)}”`);
        }
        return style >= 0 && this.styles.dateStyle[style] === 1 ? serialToDate(n, this.date1904) : n;
      }
      default:
        throw malformed(`${where(col, row)} có kiểu dữ liệu không hợp lệ “${type.slice(0, 20)}”`);
    }
  }

  /** A cell's text (runs of an inline string, or a formula's text result), decoded, bounded, NFC. */
  private text(fragment: string, col: number, row: number, plain = false): string {
    const text = plain ? decodeXmlText(fragment) : textOfRuns(fragment, this.prefix ?? '', this.limits);
    if (text.length > this.limits.maxCellChars) throw overLimit(`${where(col, row)} dài hơn ${vn(this.limits.maxCellChars)} ký tự`);
    return text.normalize('NFC');
  }
}
