// Where a box attached to a cell goes: below the cell, or above it when below would run past the table's bottom
// (a box past the bottom grows the grid's scroll area, and focusing it scrolls the header and the first rows away).
import { useLayoutEffect, useState } from 'react';
import { placeBelowOrAbove, type CellBox } from './model';

export type { CellBox } from './model';

/** Measures the box after it is drawn and moves it above the cell when it does not fit below. */
export function usePlacement(ref: React.RefObject<HTMLElement | null>, cell: CellBox, contentHeight: number, gap = 0): number {
  const { top: cellTop, height: cellHeight } = cell;
  const [top, setTop] = useState(cellTop + cellHeight + gap);
  useLayoutEffect(() => {
    const h = ref.current?.offsetHeight ?? 0;
    setTop(contentHeight > 0 ? placeBelowOrAbove({ top: cellTop, left: 0, width: 0, height: cellHeight }, h, contentHeight, gap) : cellTop + cellHeight + gap);
  }, [ref, cellTop, cellHeight, contentHeight, gap]);
  return top;
}
