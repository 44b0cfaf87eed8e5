// The HTML-as-.xls reader of core/xlsx/stream.ts: an HTML table saved with an .xls name (what many web systems call
// an Excel export), read in chunks with the import reader's HTML reader (core/xlsx/html.ts), the table with the most
// rows taken.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserFacingError } from '../files/errors';
import { HtmlTableReader } from './html';
import { baseName, fileOpenError, throwIfAborted, unreadable, type StreamOptions, type StreamRow } from './stream-common';
import { TextFileDecoder } from './text-decode';

export const MAX_HTML_BYTES = 64 * 1024 * 1024;

/**
 * An HTML table saved with an .xls name (what many web systems call an Excel export): read in chunks with the
 * import reader's HTML reader (core/xlsx/html.ts), the table with the most rows taken. Larger files are refused
 * with a message saying to save them as .xlsx, which streams.
 */
export async function* streamHtmlRowBatches(path: string, opts: StreamOptions): AsyncGenerator<StreamRow[]> {
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
  const decoder = new TextFileDecoder(baseName(path));
  const stream = createReadStream(path, { highWaterMark: 256 * 1024, end: MAX_HTML_BYTES });
  try {
    for await (const chunk of stream) {
      throwIfAborted(opts.signal);
      reader.write(decoder.write(chunk as Buffer));
    }
    reader.write(decoder.end());
  } catch (err) {
    if (err instanceof UserFacingError || (err as Error)?.name === 'AbortError' || err === opts.signal?.reason) throw err;
    throw fileOpenError(path, err);
  } finally {
    stream.destroy();
  }
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

