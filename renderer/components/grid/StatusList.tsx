// The status picker (Alt+↓): the portal's status wordings and "(Để trống)", under the cell or above it near the bottom.
import { useEffect, useRef, useState } from 'react';
import { usePlacement, type CellBox } from './placement';
import { STATUS_CHOICES } from '../../state/cells';
import { vi } from '../../strings/vi';

export function StatusList(props: { cell: CellBox; contentHeight: number; onChoose(v: string | null): void; onClose(): void }): React.JSX.Element {
  const options: { label: string; value: string | null }[] = [...STATUS_CHOICES.map((s) => ({ label: s, value: s })), { label: vi.grid.clearCell, value: null }];
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLUListElement>(null);
  const top = usePlacement(ref, props.cell, props.contentHeight);
  // Focus without scrolling: the grid stays where the clerk sees it.
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <ul
      ref={ref}
      className="status-list"
      role="listbox"
      aria-label={vi.grid.statusList}
      tabIndex={-1}
      style={{ top, left: props.cell.left }}
      aria-activedescendant={`status-opt-${active}`}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          setActive((a) => Math.min(options.length - 1, a + 1));
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          setActive((a) => Math.max(0, a - 1));
        } else if (e.key === 'Enter') {
          e.preventDefault();
          props.onChoose(options[active]!.value);
        } else if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          props.onClose();
        }
      }}
      onBlur={() => props.onClose()}
    >
      {options.map((o, i) => (
        <li
          key={o.label}
          id={`status-opt-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            props.onChoose(o.value);
          }}
        >
          {o.label}
        </li>
      ))}
    </ul>
  );
}
