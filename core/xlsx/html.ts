// HTML tables → sheets of raw rows: web systems' "Excel" exports saved as .xls, and tables copied from a web page.
//
// Every <table> becomes one SheetData; rowspan/colspan spread their value over every covered cell (like merged
// cells), <br>, <p> and <div> read as a space, nested tables are read on their own. Excel's HTML export marks
// percentages with mso-number-format; such cells keep the format so the normaliser can scale fractions.
//
// A small tokenizer (core/xlsx/html-tokens.ts), not a DOM: one pass over the text, in chunks, keeping only the
// open tables (a stack, never recursion) and the text of their current cells. Elements other than tables are
// flattened at any depth; tables nested in cells deeper than MAX_TABLE_DEPTH are refused (core/xlsx/limits.ts).
// Character references are decoded (core/xlsx/html-entities.ts).
import { cleanText, type RawFormats, type RawRow, type SheetData } from './cells';
import { decodeReferences } from './html-entities';
import { HtmlTokenizer, isSpace, type Tag } from './html-tokens';
import { detach, MAX_CELL_CHARS, MAX_TABLE_DEPTH, tooDeep, tooManyCells } from './limits';

/** Most cells one HTML table may have (bounded work on a hostile page); more is refused. */
const MAX_CELLS = 2_000_000;
const MAX_SPAN = 1000;

export interface HtmlReadOptions {
  /** Rows kept per table (the rest is skipped); default unlimited. */
  maxRows?: number;
  /** Columns kept per table; default unlimited. */
  maxColumns?: number;
  /** Cells kept per table: rows after the one where it is reached are skipped; default unlimited (MAX_CELLS refused). */
  maxCells?: number;
  /** The file's name for refusals (none: pasted content). */
  fileName?: string;
}

/* ------------------------------------------------------------------ tables being built */

interface OpenCell {
  parts: string[];
  chars: number;
  format: string | undefined;
  rowspan: number;
  colspan: number;
}

interface OpenTable {
  /** 0-based position of the table's start tag among all tables (sheet "Bảng n+1"). */
  index: number;
  rows: RawRow[];
  formats: RawFormats[];
  /** Current row (-1 before the first), current column, and whether a row is open. */
  r: number;
  c: number;
  inRow: boolean;
  cell: OpenCell | null;
  cells: number;
  /** Rows kept (set once maxCells is reached). */
  rowCap: number;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function endsBlank(part: string): boolean {
  return isSpace(part.charCodeAt(part.length - 1));
}

function span(attrs: Map<string, string> | null, name: string): number {
  const n = Number.parseInt(attrs?.get(name) ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** A cell's mso-number-format; `seen` keeps one copy of each format for a long table (bounded: a page may vary them). */
function numberFormat(attrs: Map<string, string> | null, seen: Map<string, string>): string | undefined {
  const style = attrs?.get('style') ?? '';
  const m = /mso-number-format\s*:\s*("([^"]*)"|'([^']*)'|[^;]+)/i.exec(style);
  if (!m) return undefined;
  const format = (m[2] ?? m[3] ?? m[1] ?? '').replace(/\\/g, '');
  const known = seen.get(format);
  if (known !== undefined) return known;
  if (seen.size < 1000 && format.length < 100) seen.set(format, format);
  return format;
}

/** The reader's state over one document: the open tables (innermost last) and the finished ones. */
class TableReader {
  private readonly open: OpenTable[] = [];
  private readonly done: OpenTable[] = [];
  private count = 0;
  private readonly formatsSeen = new Map<string, string>();

  constructor(private readonly opts: HtmlReadOptions) {}

  private get top(): OpenTable | undefined {
    return this.open[this.open.length - 1];
  }

  /** Text s[from, to) of the document: kept when a cell is open, up to twice a cell's limit (before clean-up). */
  text(s: string, from: number, to: number): void {
    const cell = this.top?.cell;
    if (!cell || cell.chars > 2 * MAX_CELL_CHARS) return;
    // Whitespace between tags after whitespace adds nothing (deeply nested markup stays small).
    if (cell.parts.length > 0 && endsBlank(cell.parts[cell.parts.length - 1]!) && isBlank(s, from, to)) return;
    const piece = s.slice(from, Math.min(to, from + 2 * MAX_CELL_CHARS + 1));
    cell.parts.push(piece);
    cell.chars += piece.length;
  }

  startTable(): void {
    // A <table> in a table but outside a cell closes the open table (HTML's table rules), so it never nests.
    if (this.top && !this.top.cell) this.endTable();
    if (this.open.length >= MAX_TABLE_DEPTH) throw tooDeep(this.opts.fileName, 'tables');
    this.open.push({ index: this.count++, rows: [], formats: [], r: -1, c: 0, inRow: false, cell: null, cells: 0, rowCap: Infinity });
  }

  endTable(): void {
    const t = this.open.pop();
    if (!t) return;
    this.closeRow(t);
    this.done.push(t);
  }

  startRow(): void {
    const t = this.top;
    if (!t) return;
    this.closeRow(t);
    t.r++;
    t.c = 0;
    t.inRow = true;
    if (t.r < Math.min(this.opts.maxRows ?? Infinity, t.rowCap)) {
      t.rows[t.r] ??= [];
    }
  }

  closeRow(t: OpenTable | undefined = this.top): void {
    if (!t) return;
    this.closeCell(t);
    if (!t.inRow) return;
    t.inRow = false;
    // A row grown cell by cell has spare capacity: keep an exact copy (a big table holds many rows).
    const row = t.rows[t.r];
    if (row) t.rows[t.r] = row.slice();
    const formats = t.formats[t.r];
    if (formats) t.formats[t.r] = Array.from(formats);
  }

  startCell(attrs: Map<string, string> | null): void {
    const t = this.top;
    if (!t) return;
    this.closeCell(t);
    if (!t.inRow) this.startRow();
    t.cell = { parts: [], chars: 0, format: numberFormat(attrs, this.formatsSeen), rowspan: span(attrs, 'rowspan'), colspan: span(attrs, 'colspan') };
  }

  closeCell(t: OpenTable | undefined = this.top): void {
    const cell = t?.cell;
    if (!t || !cell) return;
    t.cell = null;
    const maxRows = Math.min(this.opts.maxRows ?? Infinity, t.rowCap);
    const maxColumns = this.opts.maxColumns ?? Infinity;
    if (t.r >= maxRows) return;
    const row: RawRow = (t.rows[t.r] ??= []);
    while (row[t.c] !== undefined) t.c++;
    const col = t.c;
    t.c += cell.colspan;
    if (col >= maxColumns) return;
    const text = cleanText(decodeReferences(cell.parts.length === 1 ? cell.parts[0]! : cell.parts.join(''))).slice(0, MAX_CELL_CHARS);
    const value = text === '' ? null : detach(text);
    for (let dr = 0; dr < cell.rowspan && t.r + dr < maxRows; dr++) {
      const target: RawRow = (t.rows[t.r + dr] ??= []);
      // Number formats are rare: a row's formats are made only when one of its cells has one.
      const tf: RawFormats | undefined = cell.format === undefined ? undefined : (t.formats[t.r + dr] ??= []);
      for (let dc = 0; dc < cell.colspan && col + dc < maxColumns; dc++) {
        while (target.length < col + dc) target.push(undefined as unknown as null);
        target[col + dc] = value;
        if (tf) tf[col + dc] = cell.format;
        if (++t.cells > MAX_CELLS) throw tooManyCells(this.opts.fileName, MAX_CELLS);
      }
    }
    // Past the cells kept, the rows already begun are finished and later ones skipped.
    if (t.cells >= (this.opts.maxCells ?? Infinity) && t.rowCap === Infinity) t.rowCap = t.r + cell.rowspan;
  }

  /** A space for <br>, <p>, <div>; runs of them count once (so deep nesting adds no text). */
  lineBreak(): void {
    const cell = this.top?.cell;
    if (!cell) return;
    const last = cell.parts[cell.parts.length - 1];
    if (last === undefined || !endsBlank(last)) this.text(' ', 0, 1);
  }

  finish(): OpenTable[] {
    while (this.open.length > 0) this.endTable();
    return this.done.sort((a, b) => a.index - b.index);
  }
}

/** The tokens that shape tables, given to the table reader. */
function handlerFor(reader: TableReader) {
  return {
    text: (s: string, from: number, to: number) => reader.text(s, from, to),
    startTag: (tag: Tag) => startTag(tag, reader),
    endTag: (name: string) => endTag(name, reader),
    wantsAttributes: (name: string) => name === 'td' || name === 'th',
  };
}

function startTag(tag: Tag, reader: TableReader): void {
  switch (tag.name) {
    case 'table':
      return reader.startTable();
    case 'tr':
      return reader.startRow();
    case 'td':
    case 'th':
      return reader.startCell(tag.attrs);
    case 'thead':
    case 'tbody':
    case 'tfoot':
    case 'caption':
    case 'colgroup':
      return reader.closeRow();
    case 'br':
    case 'p':
    case 'div':
      return reader.lineBreak();
  }
}

function endTag(name: string, reader: TableReader): void {
  switch (name) {
    case 'table':
      return reader.endTable();
    case 'tr':
    case 'thead':
    case 'tbody':
    case 'tfoot':
      return reader.closeRow();
    case 'td':
    case 'th':
      return reader.closeCell();
    case 'br':
      return reader.lineBreak();
  }
}

function finishRows(t: OpenTable): { rows: RawRow[]; formats: RawFormats[] } {
  // Holes left by irregular spans are blanks.
  for (let r = 0; r < t.rows.length; r++) {
    const row = (t.rows[r] ??= []);
    t.formats[r] ??= [];
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  }
  return { rows: t.rows, formats: t.formats };
}

/**
 * Reads HTML given in chunks (a file read piece by piece): write() each chunk, then end() gives the sheets like
 * readHtmlTables. Memory holds the tables' kept cells and at most about a megabyte of unfinished markup.
 */
export class HtmlTableReader {
  private readonly reader: TableReader;
  private readonly scanner: HtmlTokenizer;

  constructor(
    private readonly sourceName = '',
    opts: HtmlReadOptions = {},
  ) {
    this.reader = new TableReader(opts.fileName === undefined && sourceName ? { ...opts, fileName: sourceName } : opts);
    this.scanner = new HtmlTokenizer(handlerFor(this.reader));
  }

  write(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): SheetData[] {
    this.scanner.end();
    const tables = this.reader.finish();
    const sheets: SheetData[] = [];
    for (const t of tables) {
      const { rows, formats } = finishRows(t);
      if (rows.length === 0) continue;
      sheets.push({ name: tables.length === 1 && this.sourceName ? this.sourceName : `Bảng ${t.index + 1}`, rows, formats, hidden: false });
    }
    return sheets;
  }
}

/**
 * Every table of an HTML document (or fragment) as a sheet named "Bảng 1", "Bảng 2"… (or `sourceName` when there is
 * one table). Throws a UserFacingError (FILE_TOO_DEEP, FILE_TOO_MANY_CELLS) for a hostile document.
 */
export function readHtmlTables(html: string, sourceName = '', opts: HtmlReadOptions = {}): SheetData[] {
  const reader = new HtmlTableReader(sourceName, opts);
  reader.write(html);
  return reader.end();
}
