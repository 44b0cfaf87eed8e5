// One row of the grid, redrawn only when its cells, its selection or its marks change.
import type { ExtraColumn } from '../../state/extra-columns';
import { memo } from 'react';
import type { Column, NumberStyle, Row } from '../../../core/model/schema';
import { formatCell } from '../../state/cells';
import { vi } from '../../strings/vi';
import { isNumeric } from './model';

/** A finding attached to a cell: the worst severity and the messages. */
export interface CellMark {
  severity: 'error' | 'warning';
  messages: string[];
}

export function marksKeyFor(marks: ReadonlyMap<string, CellMark> | undefined, unitId: string, cols: readonly Column[]): string {
  if (!marks || marks.size === 0) return '';
  let key = '';
  for (const c of cols) {
    const m = marks.get(`${unitId}|${c.id}`);
    if (m) key += `${c.id}:${m.severity}:${m.messages.join('|')};`;
  }
  return key;
}

export function changedKeyFor(changed: ReadonlySet<string> | undefined, unitId: string, cols: readonly Column[]): string {
  if (!changed || changed.size === 0) return '';
  let key = '';
  for (const c of cols) if (changed.has(`${unitId}|${c.id}`)) key += `${c.id};`;
  return key;
}

interface GridRowProps {
  row: Row;
  prevRow: Row | null;
  index: number;
  stt: number;
  unitName: string;
  cols: readonly Column[];
  numberStyle: Pick<NumberStyle, 'trimZeros'> | undefined;
  selFrom: number;
  selTo: number;
  activeC: number;
  /** The column of a cell just changed by undo/redo, briefly highlighted (-1: none). */
  flashC: number;
  marks: ReadonlyMap<string, CellMark> | undefined;
  marksKey: string;
  changed: ReadonlySet<string> | undefined;
  changedKey: string;
  /** Read-only columns after the table's own (the month comparison). */
  extras: readonly ExtraColumn[];
}

export const GridRow = memo(
  function GridRow(p: GridRowProps): React.JSX.Element {
    return (
      <tr>
        <td className="stt">{p.stt}</td>
        <td className="name" title={p.unitName}>
          {p.unitName}
        </td>
        {p.cols.map((col, c) => {
          const cell = p.row.cells[col.id] ?? null;
          const prev = p.prevRow ? (p.prevRow.cells[col.id] ?? null) : null;
          const continued = cell?.t === 'status' && prev?.t === 'status' && prev.v === cell.v;
          const mark = p.marks?.get(`${p.row.unitId}|${col.id}`);
          const cls = ['cell'];
          if (isNumeric(col)) cls.push('num');
          if (cell === null) cls.push('blank');
          else if (cell.t === 'status') cls.push(continued ? 'status cont' : 'status');
          if (cell?.t === 'num' && cell.src === 'dossiers') cls.push('computed');
          if (c >= p.selFrom && c <= p.selTo) cls.push('sel');
          if (c === p.activeC) cls.push('active');
          if (c === p.flashC) cls.push('flash');
          if (mark) cls.push(mark.severity === 'error' ? 'has-error' : 'has-warning');
          if (p.changed?.has(`${p.row.unitId}|${col.id}`)) cls.push('changed');
          const title = [
            mark?.messages.join(' '),
            cell?.t === 'status' && continued ? cell.v : undefined,
            cell?.t === 'num' && cell.src === 'dossiers' ? vi.words.computed : undefined,
          ]
            .filter(Boolean)
            .join(' · ');
          return (
            <td key={col.id} className={cls.join(' ')} data-r={p.index} data-c={c} data-col={col.id} data-unit={p.row.unitId} title={title || undefined} aria-selected={c >= p.selFrom && c <= p.selTo ? true : undefined}>
              {continued ? '' : formatCell(cell, col.type, p.numberStyle)}
            </td>
          );
        })}
        {p.extras.map((x) => {
          const v = x.cells.get(p.row.unitId);
          return (
            <td key={`x-${x.id}`} className={`extra num${v?.className ? ` ${v.className}` : ''}`} title={v?.title}>
              {v?.text ?? ''}
            </td>
          );
        })}
      </tr>
    );
  },
  (a, b) =>
    a.row === b.row &&
    a.prevRow === b.prevRow &&
    a.index === b.index &&
    a.stt === b.stt &&
    a.unitName === b.unitName &&
    a.cols === b.cols &&
    a.numberStyle?.trimZeros === b.numberStyle?.trimZeros &&
    a.selFrom === b.selFrom &&
    a.selTo === b.selTo &&
    a.activeC === b.activeC &&
    a.flashC === b.flashC &&
    a.marksKey === b.marksKey &&
    a.changedKey === b.changedKey &&
    a.extras === b.extras,
);
