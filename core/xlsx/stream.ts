// A lean streaming row reader for big .xlsx files (and .csv): yields rows of raw values without building a workbook.
//
// Why not exceljs's streaming reader: on a 200,000-row dossier list it spends most of its time building per-cell
// objects through saxes events (see bench/dossiers.bench.ts for the figures). This reader uses the same zip
// library (yauzl) and, for the sheet XML, a hand-written scanner: rows are cut out of the inflated text with
// indexOf("</row>") and their cells read by position, which is what a dossier list needs and nothing more.
//
// What it reads: the first worksheet (or one chosen by name or 1-based index), shared strings (kept in one array),
// styles (which style ids show dates and percentages), inline strings (t="inlineStr"), formula results (t="str",
// numbers, booleans, errors), the 1904 date system. Rows come out as RawRow (core/xlsx/cells.ts): strings (NFC),
// numbers, booleans, Dates (UTC midnight plus time of day, as exceljs gives them) for date-formatted numbers,
// RawError for error cells, null for blanks; index 0 is column A. Cancellation through an AbortSignal (the
// generator throws the signal's reason), progress through onProgress({ rows, bytes, totalBytes }) in bytes of
// the sheet's XML.
import { createReadStream } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { UserFacingError } from '../files/errors';
import type { RawError, RawFormats, RawRow, RawValue } from './cells';
import { refusalFor, sniffKind } from './guard';
import { DelimitedReader } from './delimited';
import { HtmlTableReader } from './html';

export interface StreamProgress {
  /** Rows emitted so far. */
  rows: number;
  /** Bytes of the sheet's text read so far (uncompressed XML, or the CSV file). */
  bytes: number;
  /** Total bytes of the sheet's text (0 when unknown). */
  totalBytes: number;
}

export interface StreamOptions {
  /** Worksheet to read: its name or its 1-based position; default the first sheet. */
  sheet?: string | number;
  signal?: AbortSignal;
  onProgress?: (p: StreamProgress) => void;
  /** Also return each cell's number format (RawFormats) for non-General cells. */
  withFormats?: boolean;
}

export interface StreamRow {
  /** 1-based row number in the sheet (as Excel shows it). */
  row: number;
  values: RawRow;
  /** Number formats, parallel to values, when `withFormats` was asked for. */
  formats?: RawFormats;
}

/** The kinds of files the reader reads. */
export type SourceKind = 'xlsx' | 'csv' | 'html';

const PROGRESS_INTERVAL_MS = 100;

function unreadable(path: string, why: string, cause?: unknown): UserFacingError {
  return new UserFacingError(
    'XLSX_UNREADABLE',
    `Không đọc được tệp “${baseName(path)}”: ${why}. Hãy mở tệp trong Excel, lưu lại dưới dạng .xlsx rồi thử lại.`,
    cause === undefined ? undefined : { cause },
  );
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Đã dừng theo yêu cầu.', 'AbortError');
}

/**
 * What a file is, by its first bytes, through the import's guard (core/xlsx/guard.ts sniffKind): a zip (.xlsx), an
 * HTML table saved as .xls, or text (CSV/TSV). Anything else (empty, PDF, password-protected, Excel 97-2003 .xls,
 * Excel 2003 XML, binary) is refused with the guard's Vietnamese message.
 */
export async function sniffSource(path: string): Promise<SourceKind> {
  let handle;
  try {
    handle = await openFile(path, 'r');
  } catch (err) {
    throw fileOpenError(path, err);
  }
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let head = buf.subarray(0, bytesRead);
    const kind = sniffKind(head);
    if (kind === 'zip') return 'xlsx';
    if (kind === 'html') return 'html';
    if (kind === 'text') return 'csv';
    if (kind === 'ole' && size > head.length) {
      // The OLE directory that tells a password-protected .xlsx from an old .xls may lie further in.
      const more = Buffer.alloc(Math.min(size, OLE_SNIFF_BYTES));
      head = more.subarray(0, (await handle.read(more, 0, more.length, 0)).bytesRead);
    }
    if (kind === 'xml') {
      throw new UserFacingError(
        'FILE_XML_SPREADSHEET',
        `Tệp “${baseName(path)}” là bảng tính dạng XML 2003. Hãy mở tệp trong Excel, chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại.`,
      );
    }
    throw refusalFor(kind, head, path) ?? new UserFacingError('FILE_NOT_SPREADSHEET', `Tệp “${baseName(path)}” không phải là bảng tính Excel. Hãy chọn tệp .xlsx.`);
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw fileOpenError(path, err);
  } finally {
    await handle.close();
  }
}

const SNIFF_BYTES = 64 * 1024;
const OLE_SNIFF_BYTES = 8 * 1024 * 1024;

function fileOpenError(path: string, err: unknown): UserFacingError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new UserFacingError('FILE_NOT_FOUND', `Không tìm thấy tệp “${baseName(path)}”. Hãy kiểm tra lại đường dẫn.`);
  if (code === 'EISDIR') return new UserFacingError('FILE_NOT_FOUND', `“${baseName(path)}” là một thư mục, không phải tệp danh sách hồ sơ.`);
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new UserFacingError('FILE_LOCKED', `Không mở được tệp “${baseName(path)}” vì tệp đang được chương trình khác dùng. Hãy đóng tệp rồi thử lại.`);
  }
  return new UserFacingError('FILE_UNREADABLE', `Không mở được tệp “${baseName(path)}” (${code ?? 'lỗi không rõ'}).`);
}

/**
 * Rows of a dossier list file of any supported kind, in batches: .xlsx (this module's scanner), CSV/TSV text, or an
 * HTML table saved as .xls (up to MAX_HTML_BYTES). Other files are refused with a message saying what to do
 * (sniffSource).
 */
export async function* streamRowBatches(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow[]> {
  const kind = await sniffSource(path);
  if (kind === 'xlsx') yield* streamXlsxRowBatches(path, opts);
  else if (kind === 'csv') yield* streamCsvRowBatches(path, opts);
  else yield* htmlRowBatches(path, opts);
}

/** Largest HTML-as-.xls file read (read in chunks; its largest table is kept in memory: about 500,000 dossier rows). */
export const MAX_HTML_BYTES = 64 * 1024 * 1024;

/**
 * An HTML table saved with an .xls name (what many web systems call an Excel export): read in chunks with the
 * import reader's HTML reader (core/xlsx/html.ts), the table with the most rows taken. Larger files are refused
 * with a message saying to save them as .xlsx, which streams.
 */
async function* htmlRowBatches(path: string, opts: StreamOptions): AsyncGenerator<StreamRow[]> {
  throwIfAborted(opts.signal);
  let size = 0;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw fileOpenError(path, err);
  }
  if (size > MAX_HTML_BYTES) {
    throw new UserFacingError(
      'XLS_HTML_TOO_LARGE',
      `Tệp “${baseName(path)}” là trang web (HTML) mang đuôi .xls và quá lớn để đọc (${Math.round(size / 1048576)} MB). Hãy mở tệp trong Excel, chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại.`,
    );
  }
  // Read in chunks through the HTML reader (core/xlsx/html.ts): only the tables' cells stay in memory.
  const reader = new HtmlTableReader('', { fileName: baseName(path) });
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: 256 * 1024, end: MAX_HTML_BYTES });
  let first = true;
  try {
    for await (const chunk of stream) {
      throwIfAborted(opts.signal);
      let text = decoder.write(chunk as Buffer);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      reader.write(text);
    }
  } catch (err) {
    if (err instanceof UserFacingError || (err as Error)?.name === 'AbortError' || err === opts.signal?.reason) throw err;
    throw fileOpenError(path, err);
  } finally {
    stream.destroy();
  }
  reader.write(decoder.end());
  const tables = reader.end();
  throwIfAborted(opts.signal);
  const table = tables.reduce<(typeof tables)[number] | null>((best, t) => (!best || t.rows.length > best.rows.length ? t : best), null);
  if (!table) throw unreadable(path, 'trang web không có bảng nào');
  const rows: StreamRow[] = [];
  table.rows.forEach((values, i) => {
    if (values.some((v) => v !== null && !(typeof v === 'string' && v.trim() === ''))) rows.push({ row: i + 1, values });
  });
  if (rows.length > 0) yield rows;
  opts.onProgress?.({ rows: rows.length, bytes: size, totalBytes: size });
}

/** Rows one at a time (a convenience over streamRowBatches). */
export async function* streamRows(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow> {
  for await (const batch of streamRowBatches(path, opts)) for (const r of batch) yield r;
}

/* ------------------------------------------------------------------ zip plumbing */

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    });
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName.replace(/\\/g, '/').replace(/^\//, ''), e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** The entry's text as a stream of decompressed buffers (raw read + our own inflate with bigger chunks). */
function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (err, raw) => {
      if (err || !raw) return reject(err ?? new Error('no stream'));
      if (entry.compressionMethod === 0) return resolve(raw);
      if (entry.compressionMethod !== 8) return reject(new Error(`compression method ${entry.compressionMethod}`));
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      raw.on('error', (e) => inflate.destroy(e));
      inflate.on('close', () => raw.destroy());
      resolve(raw.pipe(inflate));
    });
  });
}

async function readEntryText(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const stream = await openEntry(zip, entry);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/* ------------------------------------------------------------------ XML helpers */

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities and OOXML's _xHHHH_ escapes. */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e.charCodeAt(0) === 35
        ? String.fromCodePoint(e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : (ENTITY[e] ?? ''),
    );
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Attributes of a start tag's text (without "<name" and ">"): name → decoded value; namespace prefixes dropped. */
function parseAttrs(tag: string): Map<string, string> {
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

/** Every start tag of a local name in a small XML text, with its attributes. */
function tagsOf(xml: string, localName: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(\\s[^>]*)?/?>`, 'g');
  const out: Map<string, string>[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(parseAttrs(m[1] ?? ''));
  return out;
}

/** The text of every <t> element in an XML fragment (rich text runs joined), phonetic runs (<rPh>) left out. */
function textOfRuns(fragment: string, p: string): string {
  if (fragment.indexOf('<' + p + 'rPh') >= 0) fragment = fragment.replace(new RegExp(`<${p}rPh[\\s\\S]*?</${p}rPh>`, 'g'), '');
  const open = '<' + p + 't';
  const close = '</' + p + 't>';
  let out = '';
  let i = 0;
  for (;;) {
    i = fragment.indexOf(open, i);
    if (i < 0) break;
    const after = fragment.charCodeAt(i + open.length);
    const gt = fragment.indexOf('>', i);
    if (gt < 0) break;
    if (after !== 62 && after !== 32 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      i = gt;
      continue;
    }
    if (fragment.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const end = fragment.indexOf(close, gt);
    if (end < 0) break;
    out += fragment.slice(gt + 1, end);
    i = end + close.length;
  }
  return decodeXmlText(out);
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

interface StyleInfo {
  /** Per cellXfs index: 1 = date, 0 = other. */
  dateStyle: Uint8Array;
  /** Per cellXfs index: the number format code, undefined for General. */
  format: (string | undefined)[];
}

function parseStyles(xml: string): StyleInfo {
  const custom = new Map<number, string>();
  for (const a of tagsOf(xml, 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    if (Number.isInteger(id)) custom.set(id, a.get('formatCode') ?? '');
  }
  const cellXfsMatch = /<(?:[A-Za-z_][\w.-]*:)?cellXfs\b[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?cellXfs>/.exec(xml);
  const xfs = cellXfsMatch ? tagsOf(cellXfsMatch[0], 'xf') : [];
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

/** Most characters of shared text kept in memory (a hostile or broken file must not exhaust it). */
const MAX_SHARED_CHARS = 100_000_000;

/** Parses sharedStrings.xml incrementally, one <si> at a time, into an array of NFC strings. */
class SharedStringsParser {
  readonly strings: string[] = [];
  private chars = 0;
  private rest = '';
  private prefix: string | null = null;

  push(text: string): void {
    let buf = this.rest + text;
    if (this.prefix === null) {
      const m = /<([A-Za-z_][\w.-]*:)?sst[\s>]/.exec(buf);
      if (!m) {
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
      if (buf.charCodeAt(gt - 1) === 47) {
        this.strings.push('');
        i = gt + 1;
        continue;
      }
      const e = buf.indexOf(close, gt);
      if (e < 0) {
        i = s;
        break;
      }
      const text = textOfRuns(buf.slice(gt + 1, e), p).normalize('NFC');
      this.chars += text.length;
      if (this.chars > MAX_SHARED_CHARS) {
        throw new UserFacingError(
          'FILE_TOO_LARGE',
          'Bảng tính có quá nhiều chữ (hơn 100 triệu ký tự) để đọc. Hãy chia danh sách hồ sơ thành nhiều tệp nhỏ hơn (ví dụ theo tháng) rồi nhập lần lượt.',
        );
      }
      this.strings.push(text);
      i = e + close.length;
    }
    this.rest = buf.slice(i);
    buf = '';
  }
}

/* ------------------------------------------------------------------ the sheet scanner */

function isTagBoundary(code: number): boolean {
  // '>', '/', space, tab, LF, CR
  return code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;
}

/** Column index (0-based) of the cell reference in buf[from, to) ("AB12" → 27), or -1. */
function columnAt(buf: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === from ? -1 : col - 1;
}

/** The non-negative integer in buf[from, to), or -1. */
function intAt(buf: string, from: number, to: number): number {
  if (from >= to) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

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

/** Cuts rows out of the sheet XML as it arrives and turns their cells into raw values. */
class SheetScanner {
  private rest = '';
  private prefix: string | null = null;
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cOpen = '<c';
  private cClose = '</c>';
  private vOpen = '<v';
  private vClose = '</v>';
  private isOpen = '<is';
  private isClose = '</is>';
  private fClose = '</f>';
  private nextRow = 1;
  rows = 0;

  constructor(
    private readonly strings: string[],
    private readonly styles: StyleInfo,
    private readonly date1904: boolean,
    private readonly withFormats: boolean,
  ) {}

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
    this.fClose = '</' + p + 'f>';
  }

  /** Feeds text; returns the rows completed by it. */
  push(text: string, out: StreamRow[]): void {
    const buf = this.rest.length > 0 ? this.rest + text : text;
    if (this.prefix === null) {
      const m = /<([A-Za-z_][\w.-]*:)?worksheet[\s>]/.exec(buf);
      if (!m) {
        this.rest = buf;
        return;
      }
      this.setPrefix(m[1] ?? '');
    }
    const rowOpen = this.rowOpen;
    const rowClose = this.rowClose;
    let i = 0;
    for (;;) {
      const s = buf.indexOf(rowOpen, i);
      if (s < 0) {
        // Keep a tail that could be the start of "<row".
        i = Math.max(i, buf.length - rowOpen.length);
        break;
      }
      if (!isTagBoundary(buf.charCodeAt(s + rowOpen.length))) {
        if (s + rowOpen.length >= buf.length) {
          i = s;
          break;
        }
        i = s + rowOpen.length;
        continue;
      }
      const gt = buf.indexOf('>', s);
      if (gt < 0) {
        i = s;
        break;
      }
      const rowNumber = this.rowNumberOf(buf, s + rowOpen.length, gt);
      if (buf.charCodeAt(gt - 1) === 47) {
        // <row r="5"/>: an empty row; nothing to emit.
        this.nextRow = rowNumber + 1;
        i = gt + 1;
        continue;
      }
      const e = buf.indexOf(rowClose, gt);
      if (e < 0) {
        i = s;
        break;
      }
      this.nextRow = rowNumber + 1;
      const row = this.cells(buf, gt + 1, e, rowNumber);
      if (row) {
        out.push(row);
        this.rows++;
      }
      i = e + rowClose.length;
    }
    this.rest = i < buf.length ? buf.slice(i) : '';
  }

  private rowNumberOf(buf: string, from: number, to: number): number {
    const r = buf.indexOf('r=', from);
    if (r < 0 || r > to) return this.nextRow;
    const q = buf.charCodeAt(r + 2);
    if (q !== 34 && q !== 39) return this.nextRow;
    // Make sure it is the attribute "r", not the end of another attribute name ("spr=").
    const before = buf.charCodeAt(r - 1);
    if (!(before === 32 || before === 9 || before === 10 || before === 13)) {
      const m = /(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(buf.slice(from, to));
      return m ? Number(m[1]) : this.nextRow;
    }
    let n = 0;
    for (let k = r + 3; k < to; k++) {
      const c = buf.charCodeAt(k);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    return n > 0 ? n : this.nextRow;
  }

  /** Reads the cells between `from` and `to` (the row's content). Returns null for a row without any value. */
  private cells(buf: string, from: number, to: number, rowNumber: number): StreamRow | null {
    const values: RawValue[] = [];
    const formats: RawFormats | undefined = this.withFormats ? [] : undefined;
    const cOpen = this.cOpen;
    let col = -1;
    let any = false;
    let i = from;
    for (;;) {
      const s = buf.indexOf(cOpen, i);
      if (s < 0 || s >= to) break;
      const afterName = s + cOpen.length;
      if (!isTagBoundary(buf.charCodeAt(afterName))) {
        i = afterName;
        continue;
      }
      const gt = buf.indexOf('>', afterName);
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      // Attributes: r, t, s (hand-parsed: this runs once per cell).
      let refCol = -1;
      let type = '';
      let style = -1;
      let k = afterName;
      const tagEnd = selfClosing ? gt - 1 : gt;
      while (k < tagEnd) {
        const c = buf.charCodeAt(k);
        if (c === 32 || c === 9 || c === 10 || c === 13) {
          k++;
          continue;
        }
        const eq = buf.indexOf('=', k);
        if (eq < 0 || eq >= tagEnd) break;
        let nameEnd = eq;
        while (nameEnd > k && buf.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
        const q = buf.charCodeAt(eq + 1) === 34 || buf.charCodeAt(eq + 1) === 39 ? eq + 1 : buf.indexOf('"', eq);
        const quote = buf[q]!;
        const vEnd = buf.indexOf(quote, q + 1);
        const nameLen = nameEnd - k;
        if (nameLen === 1) {
          const n = buf.charCodeAt(k);
          if (n === 114) refCol = columnAt(buf, q + 1, vEnd);
          else if (n === 116) type = buf.slice(q + 1, vEnd);
          else if (n === 115) style = intAt(buf, q + 1, vEnd);
        }
        k = vEnd + 1;
      }
      col = refCol >= 0 ? refCol : col + 1;
      if (selfClosing) {
        i = gt + 1;
        continue;
      }
      const e = buf.indexOf(this.cClose, gt);
      const value = this.valueOf(buf, gt + 1, e, type, style);
      i = e + this.cClose.length;
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

  private valueOf(buf: string, from: number, to: number, type: string, style: number): RawValue {
    if (type === 'inlineStr') {
      const s = buf.indexOf(this.isOpen, from);
      if (s < 0 || s >= to) return null;
      const e = buf.indexOf(this.isClose, s);
      const text = textOfRuns(buf.slice(s, e), this.prefix ?? '').normalize('NFC');
      return text;
    }
    // Fast path: the content is just <v>…</v>. Otherwise look inside the cell only (a formula before <v>).
    let raw: string;
    const vOpen = this.vOpen;
    if (buf.startsWith(vOpen, from) && buf.charCodeAt(from + vOpen.length) === 62) {
      const vs = from + vOpen.length + 1;
      const ve = buf.indexOf(this.vClose, from);
      // Shared-string indices and whole numbers are read in place, without a string per cell.
      if (type === 's') {
        const index = intAt(buf, vs, ve);
        if (index >= 0) return this.strings[index] ?? null;
      } else if (type === '' || type === 'n') {
        const n = intAt(buf, vs, ve);
        if (n >= 0) return style >= 0 && this.styles.dateStyle[style] === 1 ? serialToDate(n, this.date1904) : n;
      }
      raw = buf.slice(vs, ve);
    } else {
      const content = buf.slice(from, to);
      const f = content.indexOf(this.fClose);
      const start = f >= 0 ? f + this.fClose.length : 0;
      const vs = content.indexOf(vOpen, start);
      if (vs < 0 || !isTagBoundary(content.charCodeAt(vs + vOpen.length))) {
        return f >= 0 || content.indexOf('<' + (this.prefix ?? '') + 'f') >= 0 ? ({ error: 'FORMULA' } satisfies RawError) : null;
      }
      const vgt = content.indexOf('>', vs);
      if (content.charCodeAt(vgt - 1) === 47) return null;
      const ve = content.indexOf(this.vClose, vgt);
      raw = content.slice(vgt + 1, ve < 0 ? content.length : ve);
    }
    switch (type) {
      case 's': {
        const str = this.strings[+raw];
        return str === undefined ? null : str;
      }
      case 'str':
        return decodeXmlText(raw).normalize('NFC');
      case 'b':
        return raw === '1' || raw === 'true';
      case 'e':
        return { error: decodeXmlText(raw) };
      case 'd': {
        const t = Date.parse(raw.length <= 10 ? raw + 'T00:00:00Z' : /Z|[+-]\d\d:?\d\d$/.test(raw) ? raw : raw + 'Z');
        return Number.isNaN(t) ? decodeXmlText(raw) : new Date(t);
      }
      default: {
        if (raw === '') return null;
        const n = +raw;
        if (Number.isNaN(n)) return decodeXmlText(raw);
        if (style >= 0 && this.styles.dateStyle[style] === 1) return serialToDate(n, this.date1904);
        return n;
      }
    }
  }
}

/* ------------------------------------------------------------------ the xlsx reader */

interface SheetRef {
  name: string;
  path: string;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ('xl/' + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The workbook's worksheets in order, with their part paths, and the date system. */
async function workbookSheets(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
  const wbEntry = entries.get('xl/workbook.xml');
  if (!wbEntry) {
    const fallback = [...entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort();
    return { sheets: fallback.map((path, i) => ({ name: `Sheet${i + 1}`, path })), date1904: false };
  }
  const wb = await readEntryText(zip, wbEntry);
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  const rels = new Map<string, string>();
  if (relsEntry) {
    for (const a of tagsOf(await readEntryText(zip, relsEntry), 'Relationship')) {
      const id = a.get('Id');
      const target = a.get('Target');
      if (id && target) rels.set(id, resolveTarget(target));
    }
  }
  const pr = tagsOf(wb, 'workbookPr')[0];
  const date1904 = pr?.get('date1904') === '1' || pr?.get('date1904') === 'true';
  const sheets: SheetRef[] = [];
  for (const a of tagsOf(wb, 'sheet')) {
    const id = a.get('id');
    const path = id ? rels.get(id) : undefined;
    if (path && entries.has(path)) sheets.push({ name: (a.get('name') ?? '').normalize('NFC'), path });
  }
  return { sheets, date1904 };
}

/** The names of the worksheets of an .xlsx file, in order. */
export async function listXlsxSheets(path: string): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw toZipError(path, err);
  }
  try {
    const entries = await listEntries(zip);
    return (await workbookSheets(zip, entries)).sheets.map((s) => s.name);
  } finally {
    zip.close();
  }
}

function toZipError(path: string, err: unknown): UserFacingError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code) return fileOpenError(path, err);
  return unreadable(path, 'tệp hỏng hoặc không phải tệp .xlsx', err);
}

/**
 * Streams the rows of one worksheet of an .xlsx file, in batches (one batch per chunk of inflated XML, about
 * a few hundred rows). Rows without any value are skipped; `row` keeps the sheet's own numbering.
 */
export async function* streamXlsxRowBatches(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow[]> {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw toZipError(path, err);
  }
  let stream: Readable | null = null;
  try {
    let entries: Map<string, yauzl.Entry>;
    let sheets: SheetRef[];
    let date1904: boolean;
    let styles: StyleInfo = { dateStyle: new Uint8Array(0), format: [] };
    const sst = new SharedStringsParser();
    try {
      entries = await listEntries(zip);
      ({ sheets, date1904 } = await workbookSheets(zip, entries));
      const stylesEntry = entries.get('xl/styles.xml');
      if (stylesEntry) styles = parseStyles(await readEntryText(zip, stylesEntry));
      const sstEntry = entries.get('xl/sharedStrings.xml');
      if (sstEntry) {
        const s = await openEntry(zip, sstEntry);
        const decoder = new StringDecoder('utf8');
        for await (const chunk of s) {
          throwIfAborted(signal);
          sst.push(decoder.write(chunk as Buffer));
        }
        sst.push(decoder.end());
      }
    } catch (err) {
      if (signal?.aborted || err instanceof UserFacingError) throw err;
      throw toZipError(path, err);
    }
    let sheet: SheetRef | undefined;
    const wanted = opts.sheet;
    if (wanted === undefined) sheet = sheets[0];
    else if (typeof wanted === 'number') sheet = sheets[wanted - 1];
    else sheet = sheets.find((s) => s.name === wanted.normalize('NFC'));
    if (!sheet) {
      throw new UserFacingError(
        'SHEET_NOT_FOUND',
        sheets.length === 0
          ? `Tệp “${baseName(path)}” không có trang tính nào.`
          : `Tệp “${baseName(path)}” không có trang tính “${String(opts.sheet)}”. Các trang tính: ${sheets.map((s) => s.name).join(', ')}.`,
      );
    }
    const entry = entries.get(sheet.path)!;
    const totalBytes = entry.uncompressedSize;
    const scanner = new SheetScanner(sst.strings, styles, date1904, opts.withFormats === true);
    try {
      stream = await openEntry(zip, entry);
    } catch (err) {
      throw toZipError(path, err);
    }
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    let lastProgress = 0;
    let batch: StreamRow[] = [];
    const iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw unreadable(path, 'dữ liệu nén bị hỏng', err);
      }
      throwIfAborted(signal);
      if (next.done) break;
      const chunk = next.value as Buffer;
      bytes += chunk.length;
      scanner.push(decoder.write(chunk), batch);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (onProgress) {
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          onProgress({ rows: scanner.rows, bytes, totalBytes });
        }
      }
    }
    scanner.push(decoder.end(), batch);
    if (batch.length > 0) yield batch;
    onProgress?.({ rows: scanner.rows, bytes, totalBytes });
  } finally {
    stream?.destroy();
    zip.close();
  }
}

/* ------------------------------------------------------------------ CSV / TSV */

/** Picks the separator of a CSV text from its first lines: tab, semicolon or comma (the most frequent outside quotes). */
function detectSeparator(text: string): string {
  const sample = text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text;
  const lines = sample.split(/\r?\n/, 20);
  const counts: Record<string, number> = { '\t': 0, ';': 0, ',': 0 };
  for (const line of lines) {
    let inQuotes = false;
    for (const ch of line) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch in counts) counts[ch]!++;
    }
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * Streams a CSV or TSV text file (UTF-8 with or without BOM, or UTF-16 LE with BOM as Excel's "Unicode text";
 * separator detected: tab, ";" or ","), with quoted fields and doubled quotes, through the one record reader
 * (core/xlsx/delimited.ts: a record longer than MAX_LINE_CHARS is refused). Every value is a string (NFC) or
 * null for an empty field; unquoted fields are trimmed; dates stay text. Rows that are all blank are skipped.
 */
export async function* streamCsvRowBatches(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow[]> {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  let totalBytes = 0;
  let utf16 = false;
  try {
    const handle = await openFile(path, 'r');
    totalBytes = (await handle.stat()).size;
    const bom = Buffer.alloc(2);
    await handle.read(bom, 0, 2, 0);
    // Excel's "Unicode text" (.txt/.csv) is UTF-16 LE with a BOM; everything else is read as UTF-8.
    utf16 = bom[0] === 0xff && bom[1] === 0xfe;
    await handle.close();
  } catch (err) {
    throw fileOpenError(path, err);
  }
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
  let reader: DelimitedReader | null = null;
  let batch: StreamRow[] = [];
  let rows = 0;
  let bytes = 0;
  let lastProgress = 0;
  const onRecord = (fields: string[], line: number): void => {
    const values: RawValue[] = fields.map((f) => (f === '' ? null : f.normalize('NFC')));
    if (values.some((v) => v !== null)) {
      batch.push({ row: line, values });
      rows++;
    }
  };
  try {
    for await (const chunk of stream) {
      throwIfAborted(signal);
      bytes += (chunk as Buffer).length;
      let text = decoder.write(chunk as Buffer);
      if (!reader) {
        if (text === '') continue; // the first bytes of a character split across chunks
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        reader = new DelimitedReader({ delimiter: detectSeparator(text), trimUnquoted: true, fileName: baseName(path), onRecord });
      }
      reader.push(text);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (onProgress && Date.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = Date.now();
        onProgress({ rows, bytes, totalBytes });
      }
    }
    const tail = decoder.end();
    if (tail) {
      reader ??= new DelimitedReader({ delimiter: detectSeparator(tail), trimUnquoted: true, fileName: baseName(path), onRecord });
      reader.push(tail);
    }
    reader?.end();
    if (batch.length > 0) yield batch;
    onProgress?.({ rows, bytes, totalBytes });
  } finally {
    stream.destroy();
  }
}
