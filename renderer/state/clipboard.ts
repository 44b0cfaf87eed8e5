// Reading a block from the clipboard (tab-separated text from Excel, or an HTML table from a web page) and writing one back.
import { readCell, settleRateColumn, type CellReading, type ColumnSpec, type RatesAs, type RateColumnSettlement } from '../../core/text/cell-reading';
import { isBlankRaw, rawText, type RawValue } from '../../core/xlsx/cells';
import { readPasted } from '../../core/xlsx/paste';

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

/**
 * Reads pasted values for their target columns with the one reading (the typed and imported one), each rate column
 * of the paste settled as a whole (all figures ≤ 1 → fractions; mixed → the clerk's choice for that column).
 */
export function readPastedValues<K>(
  items: readonly { key: K; value: PastedValue | undefined; columnId: string; column: ColumnSpec }[],
  choices: Readonly<Record<string, RatesAs>> = {},
): { readings: Map<K, CellReading>; rateColumns: (RateColumnSettlement & { columnId: string })[] } {
  const readings = new Map<K, CellReading>();
  const byColumn = new Map<string, { keys: K[]; readings: CellReading[] }>();
  for (const it of items) {
    const r = readCell(it.value ?? null, it.column);
    readings.set(it.key, r);
    if (it.column.type !== 'rate') continue;
    const g = byColumn.get(it.columnId) ?? { keys: [], readings: [] };
    g.keys.push(it.key);
    g.readings.push(r);
    byColumn.set(it.columnId, g);
  }
  const rateColumns: (RateColumnSettlement & { columnId: string })[] = [];
  for (const [columnId, g] of byColumn) {
    const settled = settleRateColumn(g.readings, choices[columnId]);
    if (settled.decision === 'none') continue;
    g.keys.forEach((k, i) => readings.set(k, settled.readings[i]!));
    rateColumns.push({ ...settled, columnId });
  }
  return { readings, rateColumns };
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
