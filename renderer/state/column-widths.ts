// Column widths of a unit table from its content: figure columns as wide as their longest figure or header word, the
// unit-name column wide enough that the longest name takes at most two lines, so scores stay in view on a laptop.
import type { Column, NumberStyle, Table, Unit } from '../../core/model/schema';
import { formatCell } from './cells';

/** Average advance of a character at the 14 px interface font, and of a bold 13 px header character (px). */
const CHAR_PX = 7.4;
const HEADER_CHAR_PX = 7.6;
/** Cell padding (8 px each side) plus borders and the finding corner. */
const CELL_PAD = 22;
export const STT_WIDTH = 44;
const NAME_MIN = 170;
/**
 * The width a table may take without scrolling: the report's middle column at 1366 px with the sections list and the
 * findings panel open (1366 − 220 − 300 − padding and a scroll bar). Names take one line when the table fits in it.
 */
export const TABLE_BUDGET = 760;
const NAME_MAX = 340;
/** Wide enough for "100,00", so a column does not jump while the clerk types a figure. */
const COL_MIN = 66;
/** A lone figure column is wide enough for a status wording ("Không tổng hợp trên Hệ thống" on two lines). */
const LONE_COL = 230;
const COL_MAX = 140;

export interface TableWidths {
  stt: number;
  name: number;
  columns: number[];
  total: number;
}

const longestWord = (text: string): number => Math.max(0, ...text.split(/\s+/).map((w) => w.length));

/**
 * The widths of a table. A figure column: its longest formatted figure or label, or its longest header word (headers
 * wrap between words); statuses wrap inside their cells and do not widen a column. The name column: the longest name on
 * one line when the table then fits TABLE_BUDGET, otherwise narrower down to half of it (two lines), never below
 * NAME_MIN or above NAME_MAX.
 */
export function tableWidths(table: Pick<Table, 'columns' | 'rows'>, units: readonly Pick<Unit, 'id' | 'name'>[], style?: Pick<NumberStyle, 'trimZeros'>): TableWidths {
  const cols = table.columns;
  const columns = cols.map((c: Column) => {
    if (cols.length === 1) return LONE_COL;
    let chars = 0;
    for (const r of table.rows) {
      const cell = r.cells[c.id] ?? null;
      if (!cell || cell.t === 'status') continue;
      chars = Math.max(chars, formatCell(cell, c.type, style).length);
    }
    const byContent = chars * CHAR_PX + CELL_PAD;
    const byHeader = longestWord(c.header) * HEADER_CHAR_PX + 14;
    return Math.round(Math.min(COL_MAX, Math.max(COL_MIN, byContent, byHeader)));
  });
  const names = new Map(units.map((u) => [u.id, u.name]));
  let longest = 0;
  for (const r of table.rows) longest = Math.max(longest, (names.get(r.unitId) ?? r.unitId).length);
  const oneLine = Math.min(NAME_MAX, longest * CHAR_PX + CELL_PAD);
  const twoLines = Math.min(oneLine, Math.max(NAME_MIN, (longest * CHAR_PX) / 2 + CELL_PAD + 30));
  const room = TABLE_BUDGET - STT_WIDTH - columns.reduce((a, b) => a + b, 0);
  const name = Math.round(Math.max(twoLines, Math.min(oneLine, room)));
  return { stt: STT_WIDTH, name, columns, total: STT_WIDTH + name + columns.reduce((a, b) => a + b, 0) };
}
