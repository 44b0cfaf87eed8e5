// The message of the active cell (a refused value, a finding): a readable box under the cell, or above it on the last rows.
import { useRef } from 'react';
import { usePlacement, type CellBox } from './placement';

/** Wide enough for a sentence on two or three lines, whatever the column's width (issue 17.10). */
export const TIP_WIDTH = 320;

export function CellTip(props: { cell: CellBox; contentWidth: number; contentHeight: number; tone: 'error' | 'warning'; alert: boolean; text: string }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const top = usePlacement(ref, props.cell, props.contentHeight, 2);
  const left = Math.max(0, Math.min(props.cell.left, props.contentWidth - TIP_WIDTH));
  return (
    <div ref={ref} className={`grid-tip ${props.tone}`} role={props.alert ? 'alert' : 'status'} style={{ top, left, width: TIP_WIDTH }}>
      {props.text}
    </div>
  );
}
