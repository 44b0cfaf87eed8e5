// The CSV/TSV reader of core/xlsx/stream.ts: a text file streamed through the one record reader
// (core/xlsx/delimited.ts), decoded like every text file (core/xlsx/text-decode.ts), its delimiter sniffed like
// pasted text and CSV tables (core/xlsx/paste.ts sniffDelimiter).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { RawValue } from './cells';
import { DelimitedReader } from './delimited';
import { sniffDelimiter } from './paste';
import { baseName, fileOpenError, PROGRESS_INTERVAL_MS, throwIfAborted, type StreamOptions, type StreamRow } from './stream-common';
import { TextFileDecoder } from './text-decode';

/**
 * Streams a CSV or TSV text file (UTF-8 with or without BOM, UTF-16 LE with BOM as Excel's "Unicode text", or code
 * page 1258 as Vietnamese Windows' "CSV (Comma delimited)": core/xlsx/text-decode.ts; delimiter sniffed: tab, ";"
 * or ","), with quoted fields and doubled quotes, through the one record reader (core/xlsx/delimited.ts: a record
 * longer than MAX_LINE_CHARS is refused). Every value is a string (NFC) or null for an empty field; unquoted fields
 * are trimmed; dates stay text. Rows that are all blank are skipped.
 */
export async function* streamCsvRowBatches(path: string, opts: StreamOptions = {}): AsyncGenerator<StreamRow[]> {
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  let totalBytes = 0;
  try {
    totalBytes = (await stat(path)).size;
  } catch (err) {
    throw fileOpenError(path, err);
  }
  const name = baseName(path);
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = new TextFileDecoder(name);
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
  const push = (text: string): void => {
    if (text === '') return; // the first bytes of a character split across chunks
    reader ??= new DelimitedReader({ delimiter: sniffDelimiter(text), trimUnquoted: true, fileName: name, onRecord });
    reader.push(text);
  };
  try {
    for await (const chunk of stream) {
      throwIfAborted(signal);
      bytes += (chunk as Buffer).length;
      push(decoder.write(chunk as Buffer, bytes >= totalBytes));
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      if (onProgress && Date.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = Date.now();
        onProgress({ rows, bytes, totalBytes });
      }
    }
    push(decoder.end());
    (reader as DelimitedReader | null)?.end();
    if (batch.length > 0) yield batch;
    onProgress?.({ rows, bytes, totalBytes });
  } finally {
    stream.destroy();
  }
}
