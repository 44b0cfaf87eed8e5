// Reading a block from the clipboard (tab-separated text from Excel, or an HTML table from a web page) and writing one back.
import type { ColumnType } from '../../core/model/schema';
import { isBlankRaw, normalizeCell, rawText, type RawValue } from '../../core/xlsx/cells';
import { readPasted } from '../../core/xlsx/paste';
import type { CellParse } from './cells';

/** One pasted value as the import module reads it (text, number, Excel error…). */
export type PastedValue = RawValue;

/**
 * The block on the clipboard, read by the import module's paste parser (core/xlsx/paste.ts), the same one the
 * "Dán bảng" import uses: the first HTML table when there is one (web pages, Excel), else the text as Excel's
 * tab-separated rows (a single column such as "97,74" stays one column: its decimal comma is not a delimiter).
 */
export function readClipboardBlock(data: { text: string; html: string }): PastedValue[][] {
  const sheet = readPasted(data)[0];
  return sheet ? trimBlank(sheet.rows) : [];
}

function trimBlank(rows: PastedValue[][]): PastedValue[][] {
  const out = rows.slice();
  while (out.length && out[out.length - 1]!.every((v) => isBlankRaw(v))) out.pop();
  return out;
}

/** Reads one pasted value for a column with the import's one cell normaliser (statuses kept verbatim). */
export function pastedCell(value: PastedValue | undefined, type: ColumnType): CellParse {
  const res = normalizeCell(value ?? null, type);
  return res.ok ? { ok: true, cell: res.cell } : { ok: false, message: res.problem };
}

/** A pasted value as the clerk saw it. */
export function pastedText(value: PastedValue | undefined): string {
  return rawText(value);
}

/** Tab-separated text for Excel. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\r\n') + '\r\n';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An HTML table for Word and web editors. */
export function toHtmlTable(rows: readonly (readonly string[])[]): string {
  return `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}
