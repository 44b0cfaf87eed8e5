// A report table as document content: printable rows (block rows, STT numbering), merged status spans and header rows; and the column widths every writer shares.
import type { Column, NumberStyle, Report, Table } from '../model/schema';
import { cellIsComputed, cellText, columnHeaderText, MISSING } from '../text/report-text';
import type { BodyRow, CellAlign, DocTable, HeaderCell, RunStyle, Span } from './model';

/** Cell padding in pt (left/right, top/bottom) and border width. */
export const PAD_X = 4;
export const PAD_Y = 2.5;
export const BORDER = 0.5;

/** Measures the width in pt of `text` set in `style` (the writer's font metrics). */
export type Measure = (text: string, style: RunStyle) => number;

/** Options that vary by table kind: body size and how much of the width the unit names get by preference. */
function kindLayout(table: Table): { size: number; headerSize: number; namePref: number; figCap: number } {
  if (table.kind === 'evaluation') return { size: 11, headerSize: 10.5, namePref: 0.3, figCap: 80 };
  if (table.columns.length > 1) return { size: 12, headerSize: 11, namePref: 0.44, figCap: 110 };
  return { size: 13, headerSize: 13, namePref: 0.45, figCap: 130 };
}

/** Builds the printable rows, merged status spans and header cells of a table. */
export function buildDocTable(report: Report, table: Table, numberStyle: NumberStyle): DocTable {
  const { size, headerSize, namePref, figCap } = kindLayout(table);
  const style: RunStyle = { bold: false, italic: false, size };
  const headerStyle: RunStyle = { bold: true, italic: false, size: headerSize };
  const statusStyle: RunStyle = { bold: false, italic: true, size };
  const blockStyle: RunStyle = { bold: true, italic: false, size };
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

  const aligns: CellAlign[] = ['center', 'left', ...figCols.map((): CellAlign => 'center')];

  // Header: one level, or two when columns carry a group ("Tổng hợp xếp loại (Tổng điểm 100)").
  const groupNames = [...new Set(figCols.map((c) => c.group).filter((g): g is string => !!g))];
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
    nameHeader: table.nameHeader,
    figureHeaders: figCols.map((c) => columnHeaderText(c)),
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
    namePref,
    figCap,
  };
}

function longestWord(measure: Measure, text: string, style: RunStyle): number {
  let max = 0;
  for (const w of text.split(/\s+/)) if (w) max = Math.max(max, measure(w, style));
  return max;
}

/** Column widths in pt for a text block `width` wide, and whether the columns fit it (else: landscape pages). */
export function tableWidths(t: DocTable, measure: Measure, width: number): { widths: number[]; fits: boolean } {
  const { rows, cover, style, headerStyle, blockStyle } = t;
  const nfig = t.figureHeaders.length;
  const ncols = 2 + nfig;
  // STT and figure columns as narrow as their content allows, the unit names take the rest.
  const W = width;
  const sttTexts = ['STT', ...rows.map((r) => r.cells[0] ?? '')];
  const sttW = Math.max(...sttTexts.map((x) => measure(x, headerStyle))) + 2 * PAD_X + 2;
  const figMin = t.figureHeaders.map((head, j) => {
    const c = j + 2;
    let w = longestWord(measure, head, headerStyle);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.kind !== 'unit' || cover[r * ncols + c]! >= 0) continue;
      w = Math.max(w, measure(row.cells[c] ?? '', style));
    }
    return w + 2 * PAD_X + 1;
  });
  const nameMin = Math.max(90, ...rows.map((r) => longestWord(measure, r.cells[1] ?? '', r.kind === 'block' ? blockStyle : style) + 2 * PAD_X + 1));
  const nameNeed = Math.max(nameMin, ...rows.map((r) => measure(r.cells[1] ?? '', r.kind === 'block' ? blockStyle : style) + 2 * PAD_X + 1));
  const namePreferred = Math.min(nameNeed, W * t.namePref);
  const even = (W - sttW - namePreferred) / Math.max(1, nfig);
  const figW = figMin.map((m) => Math.max(m, Math.min(even, t.figCap)));
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
  return { widths: [sttW, nameW, ...figW], fits };
}
