// Pasted text and CSV files → the same sheets of raw rows: tab-separated rows from Excel, HTML tables from a web page, CSV with ; , or tab.
import { cleanText, type RawRow, type SheetData, type WorkbookData } from './cells';
import { DelimitedReader, readAll, TEXT_CHUNK_CHARS } from './delimited';
import { readHtmlTables } from './html';
import { detach, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits';

/** Most characters of pasted text or CSV read (bounded time and memory). */
export const MAX_TEXT_CHARS = 50 * 1024 * 1024;

/** Characters of the text's start that choose its delimiter (the first lines). */
const SNIFF_CHARS = 64 * 1024;

/** The first lines of a text that are not blank (at most `max`, from its first SNIFF_CHARS characters). */
function firstLines(text: string, max: number): string[] {
  const sample = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  return sample.split(/\r?\n/, max * 4).filter((l) => l.trim() !== '').slice(0, max);
}

/** Picks the delimiter that splits the first lines most consistently: tab, ";" (Vietnamese Excel CSV) or ",". */
export function sniffDelimiter(text: string): '\t' | ';' | ',' {
  const lines = firstLines(text, 20);
  let best: '\t' | ';' | ',' = '\t';
  let bestScore = -1;
  for (const d of ['\t', ';', ','] as const) {
    const counts = lines.map((l) => splitRecord(l, d).length);
    const multi = counts.filter((c) => c > 1);
    if (multi.length === 0) continue;
    // Most lines split, into a steady number of fields.
    const mode = [...multi].sort((a, b) => multi.filter((x) => x === b).length - multi.filter((x) => x === a).length)[0] ?? 1;
    const score = multi.length * 10 + multi.filter((c) => c === mode).length + (d === '\t' ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function splitRecord(line: string, d: string): string[] {
  // One line of a sample: a quote it opens may close on a later line, so it is no refusal here.
  return parseDelimited(line, d, { allowOpenQuote: true })[0] ?? [];
}

/**
 * RFC 4180 parsing (core/xlsx/delimited.ts): fields separated by `d` ('' = one field per record), records by CRLF,
 * LF or CR; quoted fields may hold the delimiter, newlines and doubled quotes (Excel quotes cells with line breaks
 * the same way when copying). A record longer than MAX_LINE_CHARS is refused (UserFacingError).
 */
export function parseDelimited(
  text: string,
  d: string,
  opts: { maxRecords?: number; maxFields?: number; fileName?: string; allowOpenQuote?: boolean } = {},
): string[][] {
  const records: string[][] = [];
  const maxRecords = opts.maxRecords ?? Infinity;
  const reader = new DelimitedReader({
    delimiter: d,
    ...(opts.maxFields !== undefined ? { maxFields: opts.maxFields } : {}),
    ...(opts.fileName !== undefined ? { fileName: opts.fileName } : {}),
    ...(opts.allowOpenQuote ? { allowOpenQuote: true } : {}),
    onRecord: (fields) => {
      records.push(fields);
      return records.length < maxRecords;
    },
  });
  readAll(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text, reader);
  return records;
}

function toRow(rec: string[]): RawRow {
  const row: RawRow = rec.map((f) => {
    const t = cleanText(f);
    return t === '' ? null : detach(t);
  });
  while (row.length > 0 && row[row.length - 1] === null) row.pop();
  return row;
}

/** Bounds of a delimited text read as a table. */
export interface DelimitedTableOptions {
  /** Rows kept (reading stops after them) and fields kept per row. */
  maxRows?: number;
  maxColumns?: number;
  /** The file's name for refusals (none: pasted content). */
  fileName?: string;
}

/** A CSV or TSV text as one sheet (delimiter sniffed unless given), at most MAX_TABLE_ROWS × MAX_TABLE_COLUMNS and MAX_TABLE_CELLS. */
export function readDelimitedText(text: string, name: string, delimiter?: string, opts: DelimitedTableOptions = {}): SheetData {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const d = delimiter ?? sniffDelimiter(clean);
  return readDelimitedChunks([clean], name, { ...opts, delimiter: d });
}

/**
 * Reads a delimited text given in chunks (a file decoded piece by piece) as one sheet: the delimiter is sniffed on
 * the first chunk; reading stops at `maxRows` rows, so the rest of a long file is never decoded.
 */
export function readDelimitedChunks(chunks: Iterable<string>, name: string, opts: DelimitedTableOptions & { delimiter?: string } = {}): SheetData {
  const rows: RawRow[] = [];
  const maxRows = opts.maxRows ?? MAX_TABLE_ROWS;
  let cells = 0;
  let reader: DelimitedReader | null = null;
  for (let chunk of chunks) {
    if (!reader) {
      if (chunk === '') continue; // nothing to sniff the delimiter on yet
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      reader = new DelimitedReader({
        delimiter: opts.delimiter ?? sniffDelimiter(chunk),
        maxFields: opts.maxColumns ?? MAX_TABLE_COLUMNS,
        ...(opts.fileName !== undefined ? { fileName: opts.fileName } : {}),
        onRecord: (fields) => {
          const row = toRow(fields);
          rows.push(row);
          cells += row.length;
          return rows.length < maxRows && cells < MAX_TABLE_CELLS;
        },
      });
    }
    for (let at = 0; at < chunk.length && !reader.stopped; at += TEXT_CHUNK_CHARS) reader.push(chunk.length <= TEXT_CHUNK_CHARS ? chunk : chunk.slice(at, at + TEXT_CHUNK_CHARS));
    if (reader.stopped) break;
  }
  reader?.end();
  return { name, rows, formats: [], hidden: false };
}

/**
 * The delimiter of pasted plain text. Excel copies cells tab-separated, so text with a tab is TSV. Without a tab it
 * is one column ("2,26" is a Vietnamese decimal, never two fields), unless every line has a ";" (CSV text).
 */
export function pastedDelimiter(text: string): string {
  if (text.includes('\t')) return '\t';
  // Line by line without splitting the text (a pasted text may be long): every non-blank line must hold a ";".
  let any = false;
  let nextSemicolon = -1;
  let nextSolid = -1;
  const solid = /\S/g;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    if (nextSolid < from) {
      solid.lastIndex = from;
      nextSolid = solid.exec(text)?.index ?? Infinity;
    }
    if (nextSolid < to) {
      if (nextSemicolon < from) nextSemicolon = text.indexOf(';', from);
      if (nextSemicolon < 0 || nextSemicolon >= to) return '';
      any = true;
    }
    from = to + 1;
  }
  return any ? ';' : ''; // no field delimiter: each line is one cell
}

/**
 * Pasted clipboard content as sheets: the HTML flavour when it holds a table (web pages, Excel), else the plain
 * text as tab-separated rows (Excel's copy format). Empty input gives no sheet.
 */
export function readPasted(input: { text?: string; html?: string }, name = 'Dữ liệu dán'): SheetData[] {
  if (input.html && /<table[\s>]/i.test(input.html)) {
    const sheets = readHtmlTables(input.html.slice(0, MAX_TEXT_CHARS), '', { maxRows: MAX_TABLE_ROWS, maxColumns: MAX_TABLE_COLUMNS, maxCells: MAX_TABLE_CELLS });
    if (sheets.length > 0) return sheets.map((s, i) => ({ ...s, name: sheets.length === 1 ? name : `${name} ${i + 1}` }));
  }
  const text = (input.text ?? '').slice(0, MAX_TEXT_CHARS);
  if (text.trim() === '') return [];
  return [readDelimitedText(text, name, pastedDelimiter(text))];
}

/** Pasted clipboard content as a workbook for buildPreview (pass `{ tableId }` to paste into one table). */
export function pastedWorkbook(input: { text?: string; html?: string }, name = 'Dữ liệu dán'): WorkbookData {
  return { fileName: name, origin: 'paste', sheets: readPasted(input, name) };
}
