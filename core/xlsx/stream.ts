// A lean streaming row reader for big .xlsx files (and .csv): yields rows of raw values without building a workbook.
//
// Why not exceljs's streaming reader: on a 200,000-row dossier list it spends most of its time building per-cell
// objects through saxes events (see bench/dossiers.bench.ts for the figures). This reader opens the zip through the
// checked reader of core/xlsx/zip.ts (yauzl; size and ratio guards, duplicate names refused, every part read checked
// against its CRC-32 and declared size) and reads the sheet XML with the bounded hand-written scanner of
// core/xlsx/sheet-xml.ts: rows are cut out of the inflated text with indexOf("</row>") and their cells read by
// position, which is what a dossier list needs and nothing more; malformed or oversized XML is refused.
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
import type { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { UserFacingError } from '../files/errors';
import type { RawFormats, RawRow, RawValue } from './cells';
import { refusalFor, sniffKind } from './guard';
import { SheetScanner, sheetXmlUserError } from './sheet-xml';
import { NO_STYLES, SharedStringsParser, SheetXmlError, parseStyles, tagsOf, type StyleInfo } from './xml-parts';
import { openCheckedZip, type CheckedZip } from './zip';

export { decodeXmlText, isDateFormat } from './xml-parts';
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

/** Opens an .xlsx through the checked zip reader (core/xlsx/zip.ts): directory limits, duplicates, CRC-32 per part. */
async function openZip(path: string): Promise<CheckedZip> {
  try {
    return await openCheckedZip(path);
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw toZipError(path, err);
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

/** Largest workbook, relationships or styles part read whole (real ones are a few kilobytes to a few megabytes). */
const MAX_SMALL_PART_BYTES = 64 * 1024 * 1024;

/** A part read whole as text, refused past MAX_SMALL_PART_BYTES. */
async function readSmallPart(zip: CheckedZip, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > MAX_SMALL_PART_BYTES) throw new SheetXmlError('limit', `có phần ${entry.fileName} lớn bất thường`);
  return zip.readText(entry);
}

/** The message for a malformed or oversized part found by the scanner (core/xlsx/sheet-xml.ts); other errors as they are. */
function xlsxError(path: string, err: unknown): unknown {
  return sheetXmlUserError(baseName(path), err);
}

/** The workbook's worksheets in order, with their part paths, and the date system. */
async function workbookSheets(zip: CheckedZip): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
  const entries = zip.entries;
  const wbEntry = entries.get('xl/workbook.xml');
  if (!wbEntry) {
    const fallback = [...entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort();
    return { sheets: fallback.map((path, i) => ({ name: `Sheet${i + 1}`, path })), date1904: false };
  }
  const wb = await readSmallPart(zip, wbEntry);
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  const rels = new Map<string, string>();
  if (relsEntry) {
    for (const a of tagsOf(await readSmallPart(zip, relsEntry), 'Relationship')) {
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
  const zip = await openZip(path);
  try {
    return (await workbookSheets(zip)).sheets.map((s) => s.name);
  } catch (err) {
    if (err instanceof SheetXmlError) throw xlsxError(path, err);
    if (err instanceof UserFacingError) throw err;
    throw toZipError(path, err);
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
  try {
    yield* xlsxRowBatches(path, opts);
  } catch (err) {
    throw xlsxError(path, err);
  }
}

async function* xlsxRowBatches(path: string, opts: StreamOptions): AsyncGenerator<StreamRow[]> {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  const zip = await openZip(path);
  let stream: Readable | null = null;
  try {
    const entries = zip.entries;
    let sheets: SheetRef[];
    let date1904: boolean;
    let styles: StyleInfo = NO_STYLES;
    const sst = new SharedStringsParser();
    try {
      ({ sheets, date1904 } = await workbookSheets(zip));
      const stylesEntry = entries.get('xl/styles.xml');
      if (stylesEntry) styles = parseStyles(await readSmallPart(zip, stylesEntry));
      const sstEntry = entries.get('xl/sharedStrings.xml');
      if (sstEntry) {
        const s = await zip.open(sstEntry);
        const decoder = new StringDecoder('utf8');
        for await (const chunk of s) {
          throwIfAborted(signal);
          sst.push(decoder.write(chunk as Buffer));
        }
        sst.push(decoder.end());
      }
    } catch (err) {
      if (signal?.aborted || err instanceof UserFacingError || err instanceof SheetXmlError) throw err;
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
      stream = await zip.open(entry);
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
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
        if (err instanceof UserFacingError) throw err;
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
    scanner.end();
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
