// A lean streaming row reader for big dossier lists: yields rows of raw values without building a workbook. This
// file sniffs what a file is and hands it to the reader of its format: .xlsx (stream-xlsx.ts), CSV/TSV text
// (stream-csv.ts), an HTML table saved as .xls (stream-html.ts); what they share is in stream-common.ts.
//
// Rows come out as RawRow (core/xlsx/cells.ts): strings (NFC), numbers, booleans, Dates (UTC midnight plus time of
// day, as exceljs gives them) for date-formatted numbers, RawError for error cells, null for blanks; index 0 is
// column A. Cancellation through an AbortSignal (the generator throws the signal's reason), progress through
// onProgress({ rows, bytes, totalBytes }) in bytes of the sheet's text.
import { open as openFile } from 'node:fs/promises';
import { UserFacingError } from '../files/errors';
import { refusalFor, sniffKind } from './guard';
import { baseName, fileOpenError, type StreamOptions, type StreamRow } from './stream-common';
import { streamCsvRowBatches } from './stream-csv';
import { streamHtmlRowBatches } from './stream-html';
import { streamXlsxRowBatches } from './stream-xlsx';

export { decodeXmlText, isDateFormat } from './xml-parts';
export type { StreamOptions, StreamProgress, StreamRow } from './stream-common';
export { streamCsvRowBatches } from './stream-csv';
export { MAX_HTML_BYTES } from './stream-html';
export { listXlsxSheets, streamXlsxRowBatches } from './stream-xlsx';

/** The kinds of files the reader reads. */
export type SourceKind = 'xlsx' | 'csv' | 'html';

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

/**
 * Rows of a dossier list file of any supported kind, in batches: .xlsx (this module's scanner), CSV/TSV text, or an
 * HTML table saved as .xls (up to MAX_HTML_BYTES). Other files are refused with a message saying what to do
 * (sniffSource).
 */
export async function* streamRowBatches(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow[]> {
  const kind = await sniffSource(path);
  if (kind === 'xlsx') yield* streamXlsxRowBatches(path, opts);
  else if (kind === 'csv') yield* streamCsvRowBatches(path, opts);
  else yield* streamHtmlRowBatches(path, opts);
}

/** Rows one at a time (a convenience over streamRowBatches). */
export async function* streamRows(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow> {
  for await (const batch of streamRowBatches(path, opts)) for (const r of batch) yield r;
}

