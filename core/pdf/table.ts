// Bordered report tables drawn by hand with pdfkit: one- or two-level headers repeated on every page, block rows, merged status cells, and rows never split across pages.
import type { Column, NumberStyle, Report, Table } from '../model/schema';
import { cellIsComputed, cellText, columnHeaderText, MISSING } from '../text/report-text';
import type { Frame, TextStyle, WrappedLine } from './frame';

type CellAlign = 'left' | 'center' | 'right';

interface HeaderCell {
  text: string;
  col: number;
  colSpan: number;
  row: 0 | 1;
  rowSpan: 1 | 2;
}

interface BodyRow {
  kind: 'block' | 'unit';
  /** Printed text per column (STT, name, figure columns). */
  cells: string[];
  /** Status text per column when the cell holds a status (merged into spans), else null. */
  statuses: (string | null)[];
  /** Block id of the unit (rows of different blocks are never merged). */
  blockId: string | null;
}

/** A merged cell: rows r0..r1 and columns c0..c1 (inclusive) showing one status. */
export interface Span {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  text: string;
}

export interface PreparedTable {
  widths: number[];
  aligns: CellAlign[];
  header: HeaderCell[];
  headerRows: 1 | 2;
  rows: BodyRow[];
  spans: Span[];
  /** Span index covering each cell, or -1. */
  cover: Int32Array;
  style: TextStyle;
  headerStyle: TextStyle;
  statusStyle: TextStyle;
  blockStyle: TextStyle;
  lineHeight: number;
  /** Whether any figure was computed from a dossier list. */
  computed: boolean;
  /** Whether the columns fit the width they were laid out for (else the table needs landscape pages). */
  fits: boolean;
}

export const PAD_X = 4;
export const PAD_Y = 2.5;
export const BORDER = 0.5;

/** Options that vary by table kind: body size and how much of the width the unit names get by preference. */
function kindLayout(table: Table): { size: number; headerSize: number; namePref: number; figCap: number } {
  if (table.kind === 'evaluation') return { size: 11, headerSize: 10.5, namePref: 0.3, figCap: 80 };
  if (table.columns.length > 1) return { size: 12, headerSize: 11, namePref: 0.44, figCap: 110 };
  return { size: 13, headerSize: 13, namePref: 0.45, figCap: 130 };
}

function longestWord(frame: Frame, text: string, style: TextStyle): number {
  let max = 0;
  for (const w of text.split(/\s+/)) if (w) max = Math.max(max, frame.measure(w, style));
  return max;
}

/** Builds the printable rows, merged status spans and column widths of a table. */
export function prepareTable(frame: Frame, report: Report, table: Table, numberStyle: NumberStyle, width: number = frame.width): PreparedTable {
  const { size, headerSize, namePref, figCap } = kindLayout(table);
  const style: TextStyle = { face: 'R', size };
  const headerStyle: TextStyle = { face: 'B', size: headerSize };
  const statusStyle: TextStyle = { face: 'I', size };
  const blockStyle: TextStyle = { face: 'B', size };
  const lineHeight = Math.round(size * 1.15 * 100) / 100;
  const figCols: Column[] = table.columns;
  const ncols = 2 + figCols.length;
  const unitById = new Map(report.units.map((u) => [u.id, u]));

  // Rows: grouped by block (with block rows) or in table order; STT numbered within each block.
  const rows: BodyRow[] = [];
  let computed = false;
  const unitRow = (row: Table['rows'][number], stt: number): BodyRow => {
    const unit = unitById.get(row.unitId);
    const cells = [String(stt), unit?.name ?? row.unitId];
    const statuses: (string | null)[] = [null, null];
    for (const col of figCols) {
      const cell = row.cells[col.id] ?? null;
      if (cellIsComputed(cell)) computed = true;
      cells.push(cellText(cell, col, numberStyle));
      statuses.push(cell && cell.t === 'status' ? cell.v.normalize('NFC') : null);
    }
    return { kind: 'unit', cells, statuses, blockId: unit?.blockId ?? null };
  };
  if (table.showBlocks) {
    const placed = new Set<number>();
    for (const block of report.blocks) {
      const members = table.rows.map((r, i) => ({ r, i })).filter(({ r }) => unitById.get(r.unitId)?.blockId === block.id);
      if (members.length === 0) continue;
      rows.push({ kind: 'block', cells: [block.numeral, block.name, ...figCols.map(() => '')], statuses: new Array(ncols).fill(null), blockId: block.id });
      members.forEach(({ r, i }, k) => {
        placed.add(i);
        rows.push(unitRow(r, k + 1));
      });
    }
    let k = 0;
    table.rows.forEach((r, i) => {
      if (!placed.has(i)) rows.push(unitRow(r, ++k));
    });
  } else {
    table.rows.forEach((r, i) => rows.push(unitRow(r, i + 1)));
  }
  // A table without rows still prints its header, over one row saying the figures are missing.
  if (rows.length === 0) rows.push({ kind: 'unit', cells: ['', MISSING, ...figCols.map(() => '')], statuses: new Array(ncols).fill(null), blockId: null });

  // Merged status spans: runs of one status down a column within a block, widened across columns where every row agrees.
  const cover = new Int32Array(rows.length * ncols).fill(-1);
  const spans: Span[] = [];
  const status = (r: number, c: number): string | null => rows[r]?.statuses[c] ?? null;
  const sameBlock = (a: number, b: number) => rows[a]?.kind === 'unit' && rows[b]?.kind === 'unit' && rows[a]?.blockId === rows[b]?.blockId;
  for (let r = 0; r < rows.length; r++) {
    if (rows[r]!.kind !== 'unit') continue;
    for (let c = 2; c < ncols; c++) {
      const s = status(r, c);
      if (s === null || cover[r * ncols + c]! >= 0) continue;
      let r1 = r;
      while (r1 + 1 < rows.length && sameBlock(r, r1 + 1) && status(r1 + 1, c) === s && cover[(r1 + 1) * ncols + c]! < 0) r1++;
      let c1 = c;
      for (;;) {
        const next = c1 + 1;
        if (next >= ncols) break;
        let ok = true;
        for (let k = r; k <= r1 && ok; k++) ok = status(k, next) === s && cover[k * ncols + next]! < 0;
        if (!ok) break;
        c1 = next;
      }
      const index = spans.length;
      spans.push({ r0: r, r1, c0: c, c1, text: s });
      for (let k = r; k <= r1; k++) for (let j = c; j <= c1; j++) cover[k * ncols + j] = index;
    }
  }

  // Column widths: STT and figure columns as narrow as their content allows, the unit names take the rest.
  const W = width;
  const sttTexts = ['STT', ...rows.map((r) => r.cells[0] ?? '')];
  const sttW = Math.max(...sttTexts.map((t) => frame.measure(t, headerStyle))) + 2 * PAD_X + 2;
  const figMin = figCols.map((col, j) => {
    const c = j + 2;
    let w = longestWord(frame, columnHeaderText(col), headerStyle);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.kind !== 'unit' || cover[r * ncols + c]! >= 0) continue;
      w = Math.max(w, frame.measure(row.cells[c] ?? '', style));
    }
    return w + 2 * PAD_X + 1;
  });
  const groupNames = [...new Set(figCols.map((c) => c.group).filter((g): g is string => !!g))];
  const nameMin = Math.max(90, ...rows.map((r) => longestWord(frame, r.cells[1] ?? '', r.kind === 'block' ? blockStyle : style) + 2 * PAD_X + 1));
  const nameNeed = Math.max(nameMin, ...rows.map((r) => frame.measure(r.cells[1] ?? '', r.kind === 'block' ? blockStyle : style) + 2 * PAD_X + 1));
  const namePreferred = Math.min(nameNeed, W * namePref);
  const even = (W - sttW - namePreferred) / Math.max(1, figCols.length);
  const figW = figMin.map((m) => Math.max(m, Math.min(even, figCap)));
  let nameW = W - sttW - figW.reduce((a, b) => a + b, 0);
  if (nameW < nameMin) {
    // Give back what the figure columns hold above their minimum, in proportion.
    const slack = figW.map((w, j) => w - figMin[j]!);
    const total = slack.reduce((a, b) => a + b, 0);
    const need = Math.min(total, nameMin - nameW);
    if (total > 0) figW.forEach((w, j) => (figW[j] = w - (slack[j]! / total) * need));
    nameW = W - sttW - figW.reduce((a, b) => a + b, 0);
  }
  const fits = nameW >= nameMin - 0.01;
  if (!fits) nameW = nameMin;
  const widths = [sttW, nameW, ...figW];
  const aligns: CellAlign[] = ['center', 'left', ...figCols.map((): CellAlign => 'center')];

  // Header: one level, or two when columns carry a group ("Tổng hợp xếp loại (Tổng điểm 100)").
  const header: HeaderCell[] = [];
  const twoLevels = groupNames.length > 0;
  header.push({ text: 'STT', col: 0, colSpan: 1, row: 0, rowSpan: twoLevels ? 2 : 1 });
  header.push({ text: table.nameHeader, col: 1, colSpan: 1, row: 0, rowSpan: twoLevels ? 2 : 1 });
  for (let j = 0; j < figCols.length; j++) {
    const col = figCols[j]!;
    if (col.group) {
      if (j === 0 || figCols[j - 1]!.group !== col.group) {
        let span = 1;
        while (j + span < figCols.length && figCols[j + span]!.group === col.group) span++;
        header.push({ text: col.group, col: j + 2, colSpan: span, row: 0, rowSpan: 1 });
      }
      header.push({ text: columnHeaderText(col), col: j + 2, colSpan: 1, row: 1, rowSpan: 1 });
    } else header.push({ text: columnHeaderText(col), col: j + 2, colSpan: 1, row: 0, rowSpan: twoLevels ? 2 : 1 });
  }

  return {
    widths,
    aligns,
    header,
    headerRows: twoLevels ? 2 : 1,
    rows,
    spans,
    cover,
    style,
    headerStyle,
    statusStyle,
    blockStyle,
    lineHeight,
    computed,
    fits,
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
