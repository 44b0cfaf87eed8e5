// Where a box attached to a cell goes: below the cell, or above it when below would run past the table's bottom
// (a box past the bottom grows the grid's scroll area, and focusing it scrolls the header and the first rows away).
import { useLayoutEffect, useState } from 'react';
import { placeBelowOrAbove, type CellBox } from './model';

export type { CellBox } from './model';

/** Measures the box after it is drawn and moves it above the cell when it does not fit below. */
export function usePlacement(ref: React.RefObject<HTMLElement | null>, cell: CellBox, contentHeight: number, gap = 0): number {
  const [top, setTop] = useState(cell.top + cell.height + gap);
  useLayoutEffect(() => {
    const h = ref.current?.offsetHeight ?? 0;
    setTop(contentHeight > 0 ? placeBelowOrAbove(cell, h, contentHeight, gap) : cell.top + cell.height + gap);
  }, [ref, cell.top, cell.height, contentHeight, gap]);
  return top;
}
