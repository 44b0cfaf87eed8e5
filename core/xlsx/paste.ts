// Pasted text and CSV files → the same sheets of raw rows: tab-separated rows from Excel, HTML tables from a web page, CSV with ; , or tab.
import { cleanText, type RawRow } from './cells';
import { readHtmlTables } from './html';
import type { SheetData, WorkbookData } from './read';

/** Most characters of pasted text or CSV read (bounded time and memory). */
export const MAX_TEXT_CHARS = 50 * 1024 * 1024;

/** Picks the delimiter that splits the first lines most consistently: tab, ";" (Vietnamese Excel CSV) or ",". */
export function sniffDelimiter(text: string): '\t' | ';' | ',' {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
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
  return parseDelimited(line, d)[0] ?? [];
}

/**
 * RFC 4180 parsing: fields separated by `d` ('' = one field per record), records by CRLF/LF; quoted fields may hold the delimiter, newlines and
 * doubled quotes (Excel quotes cells with line breaks the same way when copying).
 */
export function parseDelimited(text: string, d: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  const n = Math.min(text.length, MAX_TEXT_CHARS);
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === d) {
      record.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function toRows(records: string[][]): RawRow[] {
  return records.map((rec) => {
    const row: RawRow = rec.map((f) => {
      const t = cleanText(f);
      return t === '' ? null : t;
    });
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    return row;
  });
}

/** A CSV or TSV text as one sheet (delimiter sniffed unless given). */
export function readDelimitedText(text: string, name: string, delimiter?: string): SheetData {
  const clean = text.replace(/^\ufeff/, '').normalize('NFC');
  const d = delimiter ?? sniffDelimiter(clean);
  return { name, rows: toRows(parseDelimited(clean, d)), formats: [], hidden: false };
}

/**
 * The delimiter of pasted plain text. Excel copies cells tab-separated, so text with a tab is TSV. Without a tab it
 * is one column ("2,26" is a Vietnamese decimal, never two fields), unless every line has a ";" (CSV text).
 */
export function pastedDelimiter(text: string): string {
  if (text.includes('\t')) return '\t';
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 0 && lines.every((l) => l.includes(';'))) return ';';
  return ''; // no field delimiter: each line is one cell
}

/**
 * Pasted clipboard content as sheets: the HTML flavour when it holds a table (web pages, Excel), else the plain
 * text as tab-separated rows (Excel's copy format). Empty input gives no sheet.
 */
export function readPasted(input: { text?: string; html?: string }, name = 'Dữ liệu dán'): SheetData[] {
  if (input.html && /<table[\s>]/i.test(input.html)) {
    const sheets = readHtmlTables(input.html.slice(0, MAX_TEXT_CHARS));
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
