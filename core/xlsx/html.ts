// HTML tables → sheets of raw rows: web systems' "Excel" exports saved as .xls, and tables copied from a web page.
//
// Every <table> becomes one SheetData; rowspan/colspan spread their value over every covered cell (like merged
// cells), <br>, <p> and <div> read as a space, nested tables are read on their own. Excel's HTML export marks
// percentages with mso-number-format; such cells keep the format so the normaliser can scale fractions.
//
// A small tokenizer, not a DOM: one pass over the text with indexOf, keeping only the open tables (a stack, never
// recursion) and the text of their current cells. Elements other than tables are flattened at any depth; tables
// nested in cells deeper than MAX_TABLE_DEPTH are refused (core/xlsx/limits.ts). Comments, doctypes, scripts,
// styles and other raw-text elements are skipped as a browser skips them; character references are decoded.
import { cleanText, type RawFormats, type RawRow } from './cells';
import { detach, MAX_CELL_CHARS, MAX_TABLE_DEPTH, tooDeep, tooManyCells } from './limits';
import type { SheetData } from './read';

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

/* ------------------------------------------------------------------ character references */

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", shy: '\u00ad', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•',
  middot: '·', deg: '°', plusmn: '±', times: '×', divide: '÷', permil: '‰', percnt: '%', sol: '/', num: '#', comma: ',',
  period: '.', colon: ':', semi: ';', lpar: '(', rpar: ')', copy: '©', reg: '®', sect: '§', para: '¶', euro: '€', le: '≤', ge: '≥',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', ordm: 'º', ordf: 'ª', zwj: '\u200d', zwnj: '\u200c',
};
// Latin letters with marks that Vietnamese web pages write as named references (&ecirc;, &Ocirc;, &agrave;…).
for (const [base, marks] of Object.entries({ a: 'grave acute circ tilde uml ring', e: 'grave acute circ uml', i: 'grave acute circ uml', o: 'grave acute circ tilde uml', u: 'grave acute circ uml', y: 'acute uml' })) {
  const combining: Record<string, string> = { grave: '\u0300', acute: '\u0301', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a' };
  for (const m of marks.split(' ')) {
    NAMED[base + m] = (base + combining[m]).normalize('NFC');
    NAMED[base.toUpperCase() + m] = (base.toUpperCase() + combining[m]).normalize('NFC');
  }
}
NAMED.Dstrok = 'Đ';
NAMED.dstrok = 'đ';
NAMED.ETH = 'Đ';
NAMED.ccedil = 'ç';

// HTML maps references to C1 controls to the windows-1252 characters Word and old pages meant.
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function codePoint(cp: number): string {
  if (!Number.isFinite(cp) || cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  if (cp >= 0x80 && cp <= 0x9f) return C1[cp - 0x80]!;
  return String.fromCodePoint(cp);
}

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

/** Decodes character references (numeric ones all; named ones that tables use; unknown names stay as written). */
export function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16));
    if (dec !== undefined) return codePoint(Number.parseInt(dec, 10));
    return Object.hasOwn(NAMED, name!) ? NAMED[name!]! : whole;
  });
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

/* ------------------------------------------------------------------ the tokenizer */

/** Elements whose content is not markup (skipped up to their end tag). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

function isAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function endsBlank(part: string): boolean {
  return isSpace(part.charCodeAt(part.length - 1));
}

interface Tag {
  name: string;
  attrs: Map<string, string> | null;
  /** Index just after the tag's ">" (or the end of the text when it never closes). */
  end: number;
  /** False when the text ended inside the tag. */
  closed: boolean;
}

/**
 * Reads a tag from `<` at `at` (`at + 1` is "/" for an end tag): its lower-case name, its attributes when asked,
 * and where it ends. Quoted attribute values may hold ">". Linear in the tag's length.
 */
function readTag(s: string, at: number, isEnd: boolean, wantAttrs: (name: string) => boolean): Tag {
  const n = s.length;
  let i = at + (isEnd ? 2 : 1);
  const nameStart = i;
  while (i < n) {
    const code = s.charCodeAt(i);
    if (isSpace(code) || code === 47 /* / */ || code === 62 /* > */) break;
    i++;
  }
  const name = s.slice(nameStart, i).toLowerCase();
  const attrs = !isEnd && wantAttrs(name) ? new Map<string, string>() : null;
  while (i < n) {
    const code = s.charCodeAt(i);
    if (code === 62) return { name, attrs, end: i + 1, closed: true };
    if (isSpace(code) || code === 47) {
      i++;
      continue;
    }
    const attrStart = i;
    i++;
    while (i < n) {
      const k = s.charCodeAt(i);
      if (isSpace(k) || k === 47 || k === 62 || k === 61 /* = */) break;
      i++;
    }
    const attrName = s.slice(attrStart, i).toLowerCase();
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    let value = '';
    if (s.charCodeAt(i) === 61) {
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q === 34 || q === 39) {
        const close = s.indexOf(q === 34 ? '"' : "'", i + 1);
        if (close < 0) return { name, attrs, end: n, closed: false };
        value = s.slice(i + 1, close);
        i = close + 1;
      } else {
        const vStart = i;
        while (i < n && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 62) i++;
        value = s.slice(vStart, i);
      }
    }
    if (attrs && !attrs.has(attrName)) attrs.set(attrName, decodeReferences(value));
  }
  return { name, attrs, end: n, closed: false };
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

/** A tag, comment or raw-text element left open at the end of a chunk is carried over up to this size, then skipped. */
const MAX_CARRY = 1 << 20;

/** What is being skipped across chunks: a comment (to "-->"), a bogus comment or huge tag (to ">"), or raw text. */
type Skip = { kind: 'comment' } | { kind: 'gt' } | { kind: 'raw'; name: string };

/**
 * One pass over a document given in chunks (each character looked at a bounded number of times), feeding the
 * table reader. Whatever is not finished at a chunk's end (a tag, a comment, raw text) waits for the next chunk.
 */
class Scanner {
  private carry = '';
  private skip: Skip | null = null;

  constructor(private readonly reader: TableReader) {}

  write(chunk: string): void {
    this.run(this.carry === '' ? chunk : this.carry + chunk, false);
  }

  end(): void {
    this.run(this.carry, true);
    this.carry = '';
  }

  /** Skips to the end of what this.skip names; returns where scanning resumes (n when the end is not in s). */
  private skipFrom(s: string, from: number, final: boolean): number {
    const skip = this.skip!;
    const n = s.length;
    let at: number;
    let keep: number;
    if (skip.kind === 'comment') {
      const close = s.indexOf('-->', from);
      at = close < 0 ? -1 : close + 3;
      keep = 2;
    } else if (skip.kind === 'gt') {
      const close = s.indexOf('>', from);
      at = close < 0 ? -1 : close + 1;
      keep = 0;
    } else {
      const re = new RegExp(`</${skip.name}[\\s/>]`, 'ig');
      re.lastIndex = from;
      const m = re.exec(s);
      at = m ? m.index : -1;
      keep = skip.name.length + 3;
    }
    if (at >= 0) {
      this.skip = null;
      return at;
    }
    if (final) this.skip = null;
    else this.carry = s.slice(Math.max(from, n - keep));
    return n;
  }

  private run(s: string, final: boolean): void {
    this.carry = '';
    const reader = this.reader;
    const n = s.length;
    let i = this.skip ? this.skipFrom(s, 0, final) : 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      const stop = lt < 0 ? n : lt;
      if (stop > i) reader.text(s, i, stop);
      if (lt < 0) break;
      if (!final && n - lt < 4) {
        this.carry = s.slice(lt);
        return;
      }
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */ && s.startsWith('<!--', lt)) {
        this.skip = { kind: 'comment' };
        i = this.skipFrom(s, lt + 4, final);
      } else if (next === 33 || next === 63 /* ? */ || (next === 47 /* / */ && !isAlpha(s.charCodeAt(lt + 2)))) {
        this.skip = { kind: 'gt' };
        i = this.skipFrom(s, lt + 2, final);
      } else if (next === 47 || isAlpha(next)) {
        const isEnd = next === 47;
        const tag = readTag(s, lt, isEnd, (name) => name === 'td' || name === 'th');
        if (!tag.closed && !final) {
          if (n - lt < MAX_CARRY) {
            this.carry = s.slice(lt);
            return;
          }
          this.skip = { kind: 'gt' }; // a tag over a megabyte long: dropped up to the next ">"
          i = this.skipFrom(s, tag.end, final);
          continue;
        }
        i = tag.end;
        if (isEnd) endTag(tag.name, reader);
        else if (RAW_TEXT.has(tag.name)) {
          this.skip = { kind: 'raw', name: tag.name };
          i = this.skipFrom(s, i, final);
        } else if (tag.name === 'plaintext') {
          this.skip = { kind: 'raw', name: 'plaintext-never-closes' };
          i = this.skipFrom(s, i, final);
        } else startTag(tag, reader);
      } else {
        reader.text(s, lt, lt + 1);
        i = lt + 1;
      }
    }
  }
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
  private readonly scanner: Scanner;

  constructor(
    private readonly sourceName = '',
    opts: HtmlReadOptions = {},
  ) {
    this.reader = new TableReader(opts.fileName === undefined && sourceName ? { ...opts, fileName: sourceName } : opts);
    this.scanner = new Scanner(this.reader);
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
