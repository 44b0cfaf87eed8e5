// Bordered report tables drawn by hand with pdfkit: one- or two-level headers repeated on every page, block rows, merged status cells, and rows never split across pages.
import type { CellAlign, DocTable, HeaderCell } from '../document/model';
import { BORDER, PAD_X, PAD_Y, tableWidths } from '../document/table';
import { pdfStyle, type Frame, type TextStyle, type WrappedLine } from './frame';

export { BORDER, PAD_X, PAD_Y };

/** A document table with the column widths and faces of this PDF. */
export interface PreparedTable extends Omit<DocTable, 'style' | 'headerStyle' | 'statusStyle' | 'blockStyle'> {
  widths: number[];
  style: TextStyle;
  headerStyle: TextStyle;
  statusStyle: TextStyle;
  blockStyle: TextStyle;
  /** Whether the columns fit the width they were laid out for (else the table needs landscape pages). */
  fits: boolean;
}

/** Measures a document table's columns with the frame's fonts for a text block `width` wide. */
export function prepareTable(frame: Frame, table: DocTable, width: number = frame.width): PreparedTable {
  const { widths, fits } = tableWidths(table, (text, style) => frame.measure(text, pdfStyle(style)), width);
  return {
    ...table,
    widths,
    fits,
    style: pdfStyle(table.style),
    headerStyle: pdfStyle(table.headerStyle),
    statusStyle: pdfStyle(table.statusStyle),
    blockStyle: pdfStyle(table.blockStyle),
  };
}

interface Laid {
  lines: WrappedLine[];
  height: number;
}

function spanWidth(t: PreparedTable, c0: number, c1: number): number {
  let w = 0;
  for (let c = c0; c <= c1; c++) w += t.widths[c]!;
  return w;
}

function colX(t: PreparedTable, left: number, c: number): number {
  let x = left;
  for (let k = 0; k < c; k++) x += t.widths[k]!;
  return x;
}

/** Lays out header cells; returns per-cell lines and the heights of the header rows. */
function layoutHeader(frame: Frame, t: PreparedTable): { cells: (HeaderCell & Laid)[]; rowHeights: number[]; height: number } {
  const cells = t.header.map((h) => {
    const lines = frame.wrap(h.text, t.headerStyle, spanWidth(t, h.col, h.col + h.colSpan - 1) - 2 * PAD_X);
    return { ...h, lines, height: lines.length * t.lineHeight + 2 * PAD_Y };
  });
  if (t.headerRows === 1) {
    const h = Math.max(...cells.map((c) => c.height));
    return { cells, rowHeights: [h], height: h };
  }
  const h1 = Math.max(0, ...cells.filter((c) => c.row === 0 && c.rowSpan === 1).map((c) => c.height));
  const h2 = Math.max(0, ...cells.filter((c) => c.row === 1).map((c) => c.height));
  const full = Math.max(0, ...cells.filter((c) => c.rowSpan === 2).map((c) => c.height));
  const total = Math.max(h1 + h2, full);
  return { cells, rowHeights: [total - h2, h2], height: total };
}

function drawCellText(frame: Frame, lines: WrappedLine[], x: number, y: number, w: number, h: number, style: TextStyle, align: CellAlign, lineHeight: number): void {
  const textH = lines.length * lineHeight;
  const top = y + (h - textH) / 2;
  frame.drawLines(lines, x + PAD_X, top, w - 2 * PAD_X, style, align, lineHeight);
}

/** Row heights and wrapped cell texts of a prepared table (its header included). */
export interface TableLayout {
  head: ReturnType<typeof layoutHeader>;
  rowLines: (WrappedLine[] | null)[];
  heights: number[];
  spanLines: WrappedLine[][];
  spanTextH: number[];
}

/** Wraps every cell and computes row heights; a merged status taller than its rows makes its last row taller. */
export function layoutTable(frame: Frame, t: PreparedTable): TableLayout {
  const ncols = t.widths.length;
  const head = layoutHeader(frame, t);
  const rowLines: (WrappedLine[] | null)[] = new Array(t.rows.length * ncols).fill(null);
  const heights = t.rows.map((row, r) => {
    let h = t.lineHeight + 2 * PAD_Y;
    for (let c = 0; c < ncols; c++) {
      if (t.cover[r * ncols + c]! >= 0) continue;
      const text = row.cells[c] ?? '';
      if (text === '') continue;
      const style = row.kind === 'block' ? t.blockStyle : t.style;
      const lines = frame.wrap(text, style, t.widths[c]! - 2 * PAD_X);
      rowLines[r * ncols + c] = lines;
      h = Math.max(h, lines.length * t.lineHeight + 2 * PAD_Y);
    }
    return h;
  });
  const spanLines = t.spans.map((s) => frame.wrap(s.text, t.statusStyle, spanWidth(t, s.c0, s.c1) - 2 * PAD_X));
  const spanTextH = spanLines.map((l) => l.length * t.lineHeight + 2 * PAD_Y);
  t.spans.forEach((s, i) => {
    let sum = 0;
    for (let r = s.r0; r <= s.r1; r++) sum += heights[r]!;
    if (sum < spanTextH[i]!) heights[s.r1]! += spanTextH[i]! - sum;
  });
  return { head, rowLines, heights, spanLines, spanTextH };
}

/** Rows a table must show before its first page break (fewer only if the table has fewer). */
const MIN_FIRST_ROWS = 3;
/** Rows a table must carry onto its last page. */
const MIN_LAST_ROWS = 2;

/** Height of the header and the first rows: what must fit on a page for the table to start there. */
export function tableStartHeight(layout: TableLayout): number {
  let h = layout.head.height;
  for (let r = 0; r < Math.min(MIN_FIRST_ROWS, layout.heights.length); r++) h += layout.heights[r]!;
  return h;
}

/**
 * Draws a prepared table from frame.y, breaking pages between rows only. The header repeats on every page; a
 * status span broken by a page repeats its status in the continued part; a block row stays with its first unit;
 * at least 3 rows start the table and at least 2 end it. `above` (the table title) is drawn first and kept on the
 * same page as the header and the first rows.
 */
export function drawTable(frame: Frame, t: PreparedTable, layout: TableLayout = layoutTable(frame, t), above?: { height: number; draw: () => void }): void {
  const ncols = t.widths.length;
  const left = frame.left;
  const { head, rowLines, heights, spanLines, spanTextH } = layout;
  const sum = (a: number, z: number): number => {
    let total = 0;
    for (let k = a; k < z; k++) total += heights[k]!;
    return total;
  };

  // Start on a new page unless the title, the header and the first rows fit here.
  const aboveHeight = above?.height ?? 0;
  if (frame.remaining() < aboveHeight + tableStartHeight(layout) && frame.y > frame.top + 0.01) frame.addPage();
  above?.draw();

  // Paginate: greedy, then move a break back so a block row keeps its first unit and each part of a broken span
  // is tall enough to show its status.
  const pageAvail = frame.bottom - frame.top - head.height;
  const slices: [number, number][] = [];
  let start = 0;
  let avail = frame.remaining() - head.height;
  while (start < t.rows.length) {
    let r = start;
    let used = 0;
    while (r < t.rows.length && used + heights[r]! <= avail + 0.01) used += heights[r++]!;
    if (r === start) r = start + 1; // a row taller than a page: drawn anyway
    let b = r;
    if (b < t.rows.length) {
      const n = t.rows.length;
      if (n - b < MIN_LAST_ROWS && b - start > MIN_LAST_ROWS + 1) b = n - MIN_LAST_ROWS;
      for (let pass = 0; pass < 2; pass++) {
        if (b - 1 > start && t.rows[b - 1]!.kind === 'block') b -= 1;
        for (let si = 0; si < t.spans.length; si++) {
          const span = t.spans[si]!;
          if (!(span.r0 < b && b <= span.r1)) continue;
          const need = spanTextH[si]!;
          const partStart = Math.max(span.r0, start);
          while (sum(b, span.r1 + 1) < need && b - 1 > partStart && sum(partStart, b - 1) >= need) b--;
          if (sum(partStart, b) < need && partStart > start) b = partStart;
        }
      }
      if (b <= start) b = r;
    }
    slices.push([start, b]);
    start = b;
    avail = pageAvail;
  }

  // Draw page by page.
  slices.forEach(([from, to], i) => {
    if (i > 0) frame.addPage();
    const doc = frame.doc;
    // Cell borders are collected and stroked as one path after the text (no text inside an open path).
    const rects: [number, number, number, number][] = [];
    // Header.
    const y0 = frame.y;
    for (const c of head.cells) {
      const x = colX(t, left, c.col);
      const w = spanWidth(t, c.col, c.col + c.colSpan - 1);
      const y = c.row === 0 ? y0 : y0 + head.rowHeights[0]!;
      const h = c.rowSpan === 2 ? head.height : head.rowHeights[c.row]!;
      rects.push([x, y, w, h]);
      drawCellText(frame, c.lines, x, y, w, h, t.headerStyle, 'center', t.lineHeight);
    }
    let y = y0 + head.height;
    const rowTop: number[] = [];
    for (let r = from; r < to; r++) {
      rowTop[r] = y;
      const row = t.rows[r]!;
      const h = heights[r]!;
      let x = left;
      for (let c = 0; c < ncols; c++) {
        const w = t.widths[c]!;
        if (t.cover[r * ncols + c]! < 0) {
          rects.push([x, y, w, h]);
          const lines = rowLines[r * ncols + c];
          if (lines) drawCellText(frame, lines, x, y, w, h, row.kind === 'block' ? t.blockStyle : t.style, row.kind === 'block' && c === 1 ? 'left' : t.aligns[c]!, t.lineHeight);
        }
        x += w;
      }
      y += h;
    }
    // Spans (or their parts on this page), each drawn as one cell with its status.
    t.spans.forEach((s, si) => {
      const a = Math.max(s.r0, from);
      const z = Math.min(s.r1, to - 1);
      if (a > z) return;
      const top = rowTop[a]!;
      const bottom = rowTop[z]! + heights[z]!;
      const x = colX(t, left, s.c0);
      const w = spanWidth(t, s.c0, s.c1);
      rects.push([x, top, w, bottom - top]);
      drawCellText(frame, spanLines[si]!, x, top, w, bottom - top, t.statusStyle, 'center', t.lineHeight);
    });
    doc.save().lineWidth(BORDER);
    for (const [x, ry, w, h] of rects) doc.rect(x, ry, w, h);
    doc.stroke().restore();
    frame.y = y;
  });
}
