// HTML tables → sheets of raw rows: web systems' "Excel" exports saved as .xls, and tables copied from a web page.
//
// Every <table> becomes one SheetData; rowspan/colspan spread their value over every covered cell (like merged
// cells), <br> reads as a space, nested tables are read on their own. Excel's HTML export marks percentages with
// mso-number-format; such cells keep the format so the normaliser can scale fractions.
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { cleanText, type RawFormats, type RawRow } from './cells';
import type { SheetData } from './read';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Most cells one HTML table may have (bounded work on a hostile page). */
const MAX_CELLS = 2_000_000;
const MAX_SPAN = 1000;

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function textOf(node: Node, out: string[]): void {
  if (node.nodeName === '#text') {
    out.push((node as DefaultTreeAdapterTypes.TextNode).value);
    return;
  }
  if (!isElement(node)) return;
  if (node.tagName === 'table' || node.tagName === 'script' || node.tagName === 'style') return;
  if (node.tagName === 'br' || node.tagName === 'p' || node.tagName === 'div') out.push(' ');
  for (const child of node.childNodes) textOf(child, out);
}

/** The rows of a table, not descending into nested tables. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (el: Element): void => {
    for (const child of el.childNodes) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') walk(child);
    }
  };
  walk(table);
  return rows;
}

function collectTables(node: Node, out: Element[]): void {
  if (isElement(node) && node.tagName === 'table') out.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) collectTables(child, out);
  if (isElement(node) && node.tagName === 'template' && 'content' in node) collectTables((node as DefaultTreeAdapterTypes.Template).content as unknown as Node, out);
}

function span(el: Element, name: string): number {
  const n = Number.parseInt(attr(el, name) ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

function numberFormat(el: Element): string | undefined {
  const style = attr(el, 'style') ?? '';
  const m = /mso-number-format\s*:\s*("([^"]*)"|'([^']*)'|[^;]+)/i.exec(style);
  if (!m) return undefined;
  return (m[2] ?? m[3] ?? m[1] ?? '').replace(/\\/g, '');
}

/** One HTML table as rows of text (spans spread), with mso number formats. */
function readTable(table: Element): { rows: RawRow[]; formats: RawFormats[] } {
  const rows: RawRow[] = [];
  const formats: RawFormats[] = [];
  let cells = 0;
  rowsOf(table).forEach((tr, r) => {
    const row: RawRow = (rows[r] ??= []);
    const fmt: RawFormats = (formats[r] ??= []);
    let c = 0;
    for (const td of tr.childNodes) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      while (row[c] !== undefined) c++;
      const parts: string[] = [];
      for (const child of td.childNodes) textOf(child, parts);
      const text = cleanText(parts.join(''));
      const value = text === '' ? null : text;
      const format = numberFormat(td);
      const rs = span(td, 'rowspan');
      const cs = span(td, 'colspan');
      for (let dr = 0; dr < rs; dr++) {
        const target: RawRow = (rows[r + dr] ??= []);
        const tf: RawFormats = (formats[r + dr] ??= []);
        for (let dc = 0; dc < cs; dc++) {
          while (target.length < c + dc) target.push(undefined as unknown as null);
          target[c + dc] = value;
          tf[c + dc] = format;
          if (++cells > MAX_CELLS) return;
        }
      }
      c += cs;
    }
  });
  // Holes left by irregular spans are blanks.
  for (const row of rows) for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  return { rows, formats };
}

/** Every table of an HTML document (or fragment) as a sheet named "Bảng 1", "Bảng 2"… (name prefix optional). */
export function readHtmlTables(html: string, sourceName = ''): SheetData[] {
  const doc = parse(html.normalize('NFC'));
  const tables: Element[] = [];
  collectTables(doc as unknown as Node, tables);
  const sheets: SheetData[] = [];
  tables.forEach((t, i) => {
    const { rows, formats } = readTable(t);
    if (rows.length === 0) return;
    sheets.push({ name: tables.length === 1 && sourceName ? sourceName : `Bảng ${i + 1}`, rows, formats, hidden: false });
  });
  return sheets;
}
