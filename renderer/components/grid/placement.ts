// Where a box attached to a cell goes: below the cell, or above it when below would run past the table's bottom
// (a box past the bottom grows the grid's scroll area, and focusing it scrolls the header and the first rows away).
import { useLayoutEffect, useState } from 'react';

export interface CellBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The top of a box of `height` attached to `cell`, inside content `contentHeight` tall (all in the grid box's coordinates). */
export function placeBelowOrAbove(cell: CellBox, height: number, contentHeight: number, gap = 0): number {
  const below = cell.top + cell.height + gap;
  if (below + height <= contentHeight) return below;
  const above = cell.top - height - gap;
  return above >= 0 ? above : Math.max(0, contentHeight - height);
}

/** Measures the box after it is drawn and moves it above the cell when it does not fit below. */
export function usePlacement(ref: React.RefObject<HTMLElement | null>, cell: CellBox, contentHeight: number, gap = 0): number {
  const [top, setTop] = useState(cell.top + cell.height + gap);
  useLayoutEffect(() => {
    const h = ref.current?.offsetHeight ?? 0;
    setTop(contentHeight > 0 ? placeBelowOrAbove(cell, h, contentHeight, gap) : cell.top + cell.height + gap);
  }, [ref, cell.top, cell.height, contentHeight, gap]);
  return top;
}
