// The mouse on the grid: a press selects (Shift extends, a press elsewhere commits the edit first), a drag extends
// the selection, a double-click edits the cell.
import { useEffect, useRef } from 'react';
import { samePos, single, type Pos, type Selection } from './model';

export interface PointerDeps {
  editing: boolean;
  focus: Pos;
  /** Commits the edit; false when its text cannot be read (the press is then ignored). */
  commitEdit(): boolean;
  setSel(update: (s: Selection) => Selection): void;
  /** Set when the selection moves by the mouse (the cell is on screen: the view does not scroll to it). */
  byPointer: React.MutableRefObject<boolean>;
  /** A cell was pressed (close the status list, focus the editor). */
  onPress(): void;
  /** Edit this cell (double-click). */
  onEdit(p: Pos): void;
}

export interface PointerHandlers {
  onMouseDown(e: React.MouseEvent): void;
  onMouseOver(e: React.MouseEvent): void;
  onDoubleClick(e: React.MouseEvent): void;
}

function cellFromEvent(e: React.MouseEvent): Pos | null {
  const td = (e.target as HTMLElement).closest('td[data-r]');
  if (!td) return null;
  return { r: Number(td.getAttribute('data-r')), c: Number(td.getAttribute('data-c')) };
}

export function useGridPointer(deps: PointerDeps): PointerHandlers {
  const dragging = useRef(false);
  useEffect(() => {
    const up = (): void => {
      dragging.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);
  const onMouseDown = (e: React.MouseEvent): void => {
    const p = cellFromEvent(e);
    if (!p || e.button !== 0) return;
    e.preventDefault();
    if (deps.editing && !samePos(p, deps.focus)) {
      if (!deps.commitEdit()) return;
    }
    if (deps.editing && samePos(p, deps.focus)) return;
    deps.byPointer.current = true;
    deps.setSel((s) => (e.shiftKey ? { anchor: s.anchor, focus: p } : single(p)));
    dragging.current = true;
    deps.onPress();
  };
  const onMouseOver = (e: React.MouseEvent): void => {
    if (!dragging.current || deps.editing) return;
    const p = cellFromEvent(e);
    if (p) deps.setSel((s) => (samePos(s.focus, p) ? s : { anchor: s.anchor, focus: p }));
  };
  const onDoubleClick = (e: React.MouseEvent): void => {
    const p = cellFromEvent(e);
    if (!p) return;
    deps.setSel(() => single(p));
    deps.onEdit(p);
  };
  return { onMouseDown, onMouseOver, onDoubleClick };
}
