// Ctrl+F in a grid: a box above the table that keeps only the units whose name matches (accents and case ignored).
import { useEffect, useRef } from 'react';
import { vi } from '../../strings/vi';

export function GridSearch(props: {
  query: string;
  /** A new value takes the focus back to the box (Ctrl+F again). */
  focusSeq: number;
  shown: number;
  total: number;
  /** The table's title, for the box's accessible name. */
  label: string;
  onQuery(q: string): void;
  /** Enter: back to the grid, on the first unit shown. */
  onGo(): void;
  /** Escape or ×: every unit again, back to the grid. */
  onClose(): void;
}): React.JSX.Element {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [props.focusSeq]);
  const none = props.query.trim() !== '' && props.shown === 0;
  return (
    <div className="grid-search" role="search">
      <input
        ref={ref}
        type="search"
        value={props.query}
        placeholder={vi.grid.searchPlaceholder}
        aria-label={vi.grid.searchLabel(props.label)}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            props.onClose();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            props.onGo();
          } else if ((e.ctrlKey || e.metaKey) && (e.key === 'f' || e.key === 'F')) {
            e.preventDefault();
            ref.current?.select();
          }
        }}
      />
      <span className={`grid-search-count${none ? ' none' : ''}`} role="status">
        {none ? vi.grid.searchNone : vi.grid.searchCount(props.shown, props.total)}
      </span>
      <button type="button" className="link" onClick={props.onClose} aria-label={vi.grid.searchClose} title={vi.grid.searchClose}>
        ×
      </button>
    </div>
  );
}
